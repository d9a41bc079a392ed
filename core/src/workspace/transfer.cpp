// Transfer packages in a workspace: exporting a method (with the export log) and importing one.
// The file format and its checks are in transfer/.
#include <sodium.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "kinbridge/version.h"
#include "storage/method_repository.h"
#include "transfer/files.h"
#include "transfer/package.h"
#include "transfer/payload.h"
#include "workspace/workspace_impl.h"

namespace kinbridge {
inline namespace v1 {

using detail::Operation;
using detail::WriteTransaction;
namespace t = detail::transfer;

namespace {

std::vector<t::Text> InLanguage(const std::string& language, const std::string& text) {
  if (text.empty()) return {};
  return {{language, text}};
}

// Only what describes the method: no plugin file paths (they name local accounts and disks).
t::Payload ToPayload(const MethodDescription& m, const std::string& language) {
  t::Payload p;
  p.method_id = m.id;
  p.method_version = m.version;
  p.origin = m.origin;
  p.kind = m.kind;
  p.source = m.source;
  p.title = InLanguage(language, m.title);
  p.description = InLanguage(language, m.description);
  p.capabilities = m.capabilities;
  for (const MethodParameterInfo& x : m.parameters) {
    p.parameters.push_back(
        {x.name, x.type, x.value, x.min, x.max, InLanguage(language, x.description)});
  }
  for (const MethodComponentInfo& c : m.components) {
    p.components.push_back({c.id, c.fidelity, InLanguage(language, c.title)});
  }
  p.base_id = m.base_id;
  p.base_range = m.base_range;
  for (const FrameChange& f : m.frame) {
    t::Frame x;
    x.when = f.when;
    x.decided_by = f.decided_by;
    x.what = f.what;
    x.level = f.level;
    x.nature = f.nature;
    x.component = f.component;
    x.goal = f.goal;
    x.reason = f.reason;
    x.planned = f.planned;
    x.fidelity_consistent = f.fidelity_consistent;
    x.description = InLanguage(language, f.description);
    p.frame.push_back(std::move(x));
  }
  p.chain = m.chain;
  return p;
}

nlohmann::json FrameJson(const std::vector<FrameChange>& frame) {
  nlohmann::json out = nlohmann::json::array();
  for (const FrameChange& f : frame) {
    out.push_back({{"when", f.when},
                   {"planned", f.planned},
                   {"decided_by", f.decided_by},
                   {"what", f.what},
                   {"level", f.level},
                   {"nature", f.nature},
                   {"component", f.component},
                   {"fidelity_consistent", f.fidelity_consistent},
                   {"goal", f.goal},
                   {"reason", f.reason},
                   {"description", f.description}});
  }
  return out;
}

std::vector<FrameChange> FrameFromJson(const nlohmann::json& in) {
  std::vector<FrameChange> frame;
  if (!in.is_array()) return frame;
  for (const auto& j : in) {
    FrameChange f;
    f.when = j.value("when", "");
    f.planned = j.value("planned", true);
    f.decided_by = j.value("decided_by", "");
    f.what = j.value("what", "");
    f.level = j.value("level", "");
    f.nature = j.value("nature", "");
    f.component = j.value("component", "");
    f.fidelity_consistent = j.value("fidelity_consistent", true);
    f.goal = j.value("goal", "");
    f.reason = j.value("reason", "");
    f.description = j.value("description", "");
    frame.push_back(std::move(f));
  }
  return frame;
}

}  // namespace

Result<TransferExport> Workspace::ExportMethodPackage(const TransferExportOptions& options) {
  Impl& w = *impl_;
  try {
    {
      WriteTransaction tx(*w.db);
      KINBRIDGE_RETURN_IF_ERROR(
          w.Allow(tx, Operation::kInstallMethods, "transfer.export", "method", options.method));
    }
    if (options.output_file.empty()) {
      return Status::InvalidArgument(_("no output file given for the transfer package"));
    }
    Result<MethodDescription> m = DescribeMethod(options.method);
    if (!m.ok()) return m.status();
    t::Payload payload = ToPayload(*m, detail::CurrentLanguage());
    if (m->source == "profile") {
      for (const detail::StoredProfile& p : detail::MethodRepository(*w.db).Profiles()) {
        if (p.method_id == m->id && p.version == m->version) payload.profile_json = p.profile_json;
      }
    }
    payload.municipality_code = w.municipality.code;
    payload.municipality_name = w.municipality.name;
    payload.municipality_country = w.municipality.country;
    payload.created_at = w.Now();
    payload.kinbridge_version = KINBRIDGE_VERSION_STRING;
    std::string package = t::BuildPackage(t::SavePayload(payload));
    if (!options.key_file.empty()) {
      Result<t::SecretKey> key = t::ReadSecretKey(options.key_file);
      if (!key.ok()) return key.status();
      Result<std::string> signed_package = t::SignPackage(package, *key);
      sodium_memzero(key->data(), key->size());
      if (!signed_package.ok()) return signed_package.status();
      package = std::move(*signed_package);
    }
    if (package.size() > t::kMaxPackageBytes) {
      return Status::InvalidArgument(
          TrFormat("the package of {} would be {} bytes, more than the {} a package may have",
                   options.method, package.size(), t::kMaxPackageBytes));
    }
    KINBRIDGE_RETURN_IF_ERROR(t::WriteAtomically(options.output_file, package, false, 0644));
    TransferExport record;
    record.method = m->id + "@" + m->version;
    std::error_code ec;
    record.file = std::filesystem::absolute(options.output_file, ec).string();
    if (ec) record.file = options.output_file;
    record.package_sha256 = t::Sha256Hex(package);
    record.is_signed = !options.key_file.empty();
    record.exported_by = w.actor.worker.os_account;
    record.exported_at = payload.created_at;
    WriteTransaction tx(*w.db);
    long long id = 0;
    const int is_signed = record.is_signed ? 1 : 0;
    const long long by = w.actor.worker.id;
    w.db->session() << "INSERT INTO transfer_export (method, file, package_sha256, signed, "
                       "exported_by, exported_at) VALUES (:m, :f, :h, :s, :b, :a) RETURNING id",
        soci::use(record.method), soci::use(record.file), soci::use(record.package_sha256),
        soci::use(is_signed), soci::use(by), soci::use(record.exported_at), soci::into(id);
    record.id = id;
    w.Audit("transfer.export", "method", record.method, {},
            "package sha256 " + record.package_sha256 + (record.is_signed ? ", signed" : ""));
    tx.Commit();
    return record;
  } catch (const std::exception& e) {
    return detail::DatabaseError(e, TrFormat("exporting method {}", options.method));
  }
}

Result<ImportedMethod> Workspace::ImportMethodPackage(const std::string& package_file,
                                                      const TransferTrust& trust) {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    KINBRIDGE_RETURN_IF_ERROR(
        w.Allow(tx, Operation::kInstallMethods, "transfer.import", "package", package_file));
    Result<TransferPackage> package = ReadTransferPackage(package_file, trust);
    if (!package.ok()) return package.status();
    const MethodDescription& m = package->method;
    ImportedMethod record;
    record.method = m.id + "@" + m.version;
    record.title = m.title;
    record.chain = m.chain;
    record.frame = m.frame;
    record.from_municipality = package->municipality_code + " " + package->municipality_name +
                               " (" + package->municipality_country + ")";
    record.package_sha256 = package->package_sha256;
    record.signer_public_key = package->signer_public_key;
    record.imported_by = w.actor.worker.os_account;
    record.imported_at = w.Now();
    int existing = 0;
    w.db->session() << "SELECT count(*) FROM imported_method WHERE method_id = :m AND "
                       "version = :v AND from_code = :c",
        soci::use(m.id), soci::use(m.version), soci::use(package->municipality_code),
        soci::into(existing);
    if (existing > 0) {
      return Status::AlreadyExists(TrFormat("method {} from {} is already imported", record.method,
                                            record.from_municipality));
    }
    nlohmann::json descriptor = {{"id", m.id},
                                 {"version", m.version},
                                 {"title", m.title},
                                 {"title_language", package->title_language},
                                 {"description", m.description},
                                 {"origin", m.origin},
                                 {"kind", m.kind},
                                 {"source", m.source},
                                 {"capabilities", m.capabilities},
                                 {"base_id", m.base_id},
                                 {"base_range", m.base_range},
                                 {"frame", FrameJson(m.frame)},
                                 {"created_at", package->created_at},
                                 {"kinbridge_version", package->kinbridge_version}};
    nlohmann::json params = nlohmann::json::array();
    for (const auto& p : m.parameters) {
      params.push_back({{"name", p.name},
                        {"type", p.type},
                        {"value", p.value},
                        {"min", p.min},
                        {"max", p.max},
                        {"description", p.description}});
    }
    descriptor["parameters"] = params;
    nlohmann::json components = nlohmann::json::array();
    for (const auto& c : m.components) {
      components.push_back({{"id", c.id}, {"title", c.title}, {"fidelity", c.fidelity}});
    }
    descriptor["components"] = components;
    const std::string descriptor_text = descriptor.dump();
    const std::string chain_text = nlohmann::json(m.chain).dump();
    const long long by = w.actor.worker.id;
    long long id = 0;
    w.db->session()
        << "INSERT INTO imported_method (method_id, version, title, chain, descriptor_json, "
           "profile_json, from_code, from_name, from_country, package_sha256, "
           "signer_public_key, imported_by, imported_at) VALUES (:i, :v, :t, :ch, :d, :p, :fc, "
           ":fn, :fk, :h, :k, :b, :a) RETURNING id",
        soci::use(m.id), soci::use(m.version), soci::use(record.title), soci::use(chain_text),
        soci::use(descriptor_text), soci::use(package->profile_json),
        soci::use(package->municipality_code), soci::use(package->municipality_name),
        soci::use(package->municipality_country), soci::use(record.package_sha256),
        soci::use(record.signer_public_key), soci::use(by), soci::use(record.imported_at),
        soci::into(id);
    record.id = id;
    w.Audit("transfer.import", "method", record.method, {},
            "from " + record.from_municipality + ", package sha256 " + record.package_sha256 +
                (record.signer_public_key.empty() ? ", unsigned"
                                                  : ", signed by " + record.signer_public_key));
    tx.Commit();
    return record;
  } catch (const std::exception& e) {
    return detail::DatabaseError(e, TrFormat("importing transfer package {}", package_file));
  }
}

Status Workspace::ForEachImportedMethod(const Visitor<ImportedMethod>& visit) const {
  Impl& w = *impl_;
  try {
    std::vector<ImportedMethod> all;
    {
      WriteTransaction tx(*w.db);
      KINBRIDGE_RETURN_IF_ERROR(w.Allow(tx, Operation::kReadMethods, "transfer.list", "", ""));
      long long id = 0;
      std::string method_id, version, title, chain, descriptor, code, name, country, sha, key, by,
          at;
      soci::statement st =
          (w.db->session().prepare << "SELECT i.id, i.method_id, i.version, i.title, i.chain, "
                                      "i.descriptor_json, i.from_code, i.from_name, "
                                      "i.from_country, i.package_sha256, i.signer_public_key, "
                                      "w.os_account, i.imported_at FROM imported_method i "
                                      "JOIN worker w ON w.id = i.imported_by ORDER BY i.id",
           soci::into(id), soci::into(method_id), soci::into(version), soci::into(title),
           soci::into(chain), soci::into(descriptor), soci::into(code), soci::into(name),
           soci::into(country), soci::into(sha), soci::into(key), soci::into(by), soci::into(at));
      st.execute();
      while (st.fetch()) {
        ImportedMethod m;
        m.id = id;
        m.method = method_id + "@" + version;
        m.title = title;
        m.chain = nlohmann::json::parse(chain).get<std::vector<std::string>>();
        m.frame = FrameFromJson(
            nlohmann::json::parse(descriptor).value("frame", nlohmann::json::array()));
        m.from_municipality = code + " " + name + " (" + country + ")";
        m.package_sha256 = sha;
        m.signer_public_key = key;
        m.imported_by = by;
        m.imported_at = at;
        all.push_back(std::move(m));
      }
      tx.Commit();
    }
    for (const ImportedMethod& m : all) {
      if (!visit(m)) break;
    }
    return Status::Ok();
  } catch (const std::exception& e) {
    return detail::DatabaseError(e, _("listing imported methods"));
  }
}

Status Workspace::ForEachTransferExport(const Visitor<TransferExport>& visit) const {
  Impl& w = *impl_;
  try {
    std::vector<TransferExport> all;
    {
      WriteTransaction tx(*w.db);
      KINBRIDGE_RETURN_IF_ERROR(
          w.Allow(tx, Operation::kInstallMethods, "transfer.exports", "", ""));
      long long id = 0;
      int is_signed = 0;
      std::string method, file, sha, by, at;
      soci::statement st =
          (w.db->session().prepare << "SELECT e.id, e.method, e.file, e.package_sha256, "
                                      "e.signed, w.os_account, e.exported_at FROM "
                                      "transfer_export e JOIN worker w ON w.id = e.exported_by "
                                      "ORDER BY e.id",
           soci::into(id), soci::into(method), soci::into(file), soci::into(sha),
           soci::into(is_signed), soci::into(by), soci::into(at));
      st.execute();
      while (st.fetch()) {
        all.push_back({id, method, file, sha, is_signed != 0, by, at});
      }
      tx.Commit();
    }
    for (const TransferExport& e : all) {
      if (!visit(e)) break;
    }
    return Status::Ok();
  } catch (const std::exception& e) {
    return detail::DatabaseError(e, _("listing transfer exports"));
  }
}

}  // namespace v1
}  // namespace kinbridge
