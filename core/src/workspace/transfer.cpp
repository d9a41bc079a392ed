// Transfer packages in a workspace: exporting a method (with the export log) and importing one.
// The file format and its checks are in transfer/.
#include <sodium.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "kinbridge/version.h"
#include "storage/method_repository.h"
#include "storage/outcome_repository.h"
#include "storage/transfer_repository.h"
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

std::vector<t::Text> AllLanguages(const plugin::LocalizedText& text) {
  std::vector<t::Text> out;
  for (const auto& [language, value] : text) {
    if (!value.empty()) out.push_back({language, value});
  }
  return out;
}

// Only what describes the method: no plugin file paths (they name local accounts and disks).
// Texts go in every language the method carries, so that the receiving municipality reads them
// in its own.
t::Payload ToPayload(const MethodDescription& m, const plugin::MethodInfo& texts) {
  t::Payload p;
  p.method_id = m.id;
  p.method_version = m.version;
  p.origin = AllLanguages(texts.origin);
  p.kind = m.kind;
  p.source = m.source;
  p.title = AllLanguages(texts.title);
  p.description = AllLanguages(texts.description);
  p.capabilities = m.capabilities;
  for (const MethodParameterInfo& x : m.parameters) {
    plugin::LocalizedText description;
    for (const plugin::ParameterSpec& spec : texts.parameters) {
      if (spec.name == x.name) description = spec.description;
    }
    p.parameters.push_back({x.name, x.type, x.value, x.min, x.max, AllLanguages(description)});
  }
  for (const MethodComponentInfo& c : m.components) {
    plugin::LocalizedText title;
    for (const plugin::CoreComponent& component : texts.components) {
      if (component.id == c.id) title = component.title;
    }
    p.components.push_back({c.id, c.fidelity, AllLanguages(title)});
  }
  p.base_id = m.base_id;
  p.base_range = m.base_range;
  for (const plugin::FrameRecord& f : texts.frame) {
    t::Frame x;
    x.when = f.when;
    x.decided_by = AllLanguages(f.decided_by);
    x.what = f.what;
    x.level = f.level;
    x.nature = f.nature;
    x.component = f.component;
    x.goal = AllLanguages(f.goal);
    x.reason = AllLanguages(f.reason);
    x.planned = f.planned;
    x.fidelity_consistent = f.fidelity_consistent;
    x.description = AllLanguages(f.description);
    p.frame.push_back(std::move(x));
  }
  p.chain = m.chain;
  return p;
}

// A text per language as stored with an imported method: {"sv": "...", "zh_CN": "..."}.
nlohmann::json TextsJson(const std::vector<t::Text>& texts) {
  nlohmann::json out = nlohmann::json::object();
  for (const t::Text& x : texts) out[x.language] = x.text;
  return out;
}

nlohmann::json FrameJson(const std::vector<t::Frame>& frame) {
  nlohmann::json out = nlohmann::json::array();
  for (const t::Frame& f : frame) {
    out.push_back({{"when", f.when},
                   {"planned", f.planned},
                   {"decided_by", TextsJson(f.decided_by)},
                   {"what", f.what},
                   {"level", f.level},
                   {"nature", f.nature},
                   {"component", f.component},
                   {"fidelity_consistent", f.fidelity_consistent},
                   {"goal", TextsJson(f.goal)},
                   {"reason", TextsJson(f.reason)},
                   {"description", TextsJson(f.description)}});
  }
  return out;
}

// A stored text in the reader's language: imports before texts were kept per language hold
// one text, in the language of whoever imported them.
std::string StoredText(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (!it->is_object()) return {};
  plugin::LocalizedText texts;
  for (const auto& [language, text] : it->items()) {
    if (text.is_string()) texts[language] = text.get<std::string>();
  }
  return plugin::InLanguage(texts, detail::CurrentLanguage());
}

std::vector<FrameChange> FrameFromJson(const nlohmann::json& in) {
  std::vector<FrameChange> frame;
  if (!in.is_array()) return frame;
  for (const auto& j : in) {
    FrameChange f;
    f.when = j.value("when", "");
    f.planned = j.value("planned", true);
    f.decided_by = StoredText(j, "decided_by");
    f.what = j.value("what", "");
    f.level = j.value("level", "");
    f.nature = j.value("nature", "");
    f.component = j.value("component", "");
    f.fidelity_consistent = j.value("fidelity_consistent", true);
    f.goal = StoredText(j, "goal");
    f.reason = StoredText(j, "reason");
    f.description = StoredText(j, "description");
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
      if (options.with_outcomes) {
        KINBRIDGE_RETURN_IF_ERROR(
            w.Allow(tx, Operation::kReadOutcomes, "transfer.export", "method", options.method));
      }
    }
    if (options.output_file.empty()) {
      return Status::InvalidArgument(_("no output file given for the transfer package"));
    }
    if (!options.with_outcomes && (options.outcomes_from || options.outcomes_to)) {
      return Status::InvalidArgument(
          _("a period for outcomes was given without asking for outcomes (add --with-outcomes)"));
    }
    Result<MethodDescription> m = DescribeMethod(options.method);
    if (!m.ok()) return m.status();
    Result<plugin::MethodInfo> texts = MethodTexts(w, options.method);
    if (!texts.ok()) return texts.status();
    t::Payload payload = ToPayload(*m, *texts);
    std::pair<Date, Date> window;
    if (options.with_outcomes) {
      window = OutcomeWindow(options.outcomes_from, options.outcomes_to, w.Today());
      WriteTransaction read(*w.db);
      Result<std::vector<TransferOutcomeCell>> cells =
          w.ComputeOutcomes(m->id, window.first, window.second);
      if (!cells.ok()) return cells.status();
      for (const TransferOutcomeCell& c : *cells) {
        payload.outcomes.push_back({c.period, c.age_band, c.indicator, c.value, c.n});
      }
    }
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
    record.id = detail::TransferRepository(*w.db).InsertExport(
        {0, record.method, record.file, record.package_sha256, record.is_signed, "",
         record.exported_at},
        w.actor.worker.id);
    std::string details =
        "package sha256 " + record.package_sha256 + (record.is_signed ? ", signed" : "");
    if (options.with_outcomes) {
      details += fmt::format(", {} outcome cells from {} to {}", payload.outcomes.size(),
                             window.first.ToString(), window.second.ToString());
    }
    w.Audit("transfer.export", "method", record.method, {}, details);
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
    Result<t::ReadPackage> read =
        t::ReadPackageFile(package_file, t::Trust{trust.trusted_keys, trust.require_signed});
    if (!read.ok()) return read.status();
    const TransferPackage* package = &read->package;
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
    record.outcome_cells = static_cast<std::int64_t>(package->outcomes.size());
    KINBRIDGE_RETURN_IF_ERROR(CheckOutcomeCells(package->outcomes));
    detail::TransferRepository imports(*w.db);
    if (imports.IsImported(m.id, m.version, package->municipality_code)) {
      return Status::AlreadyExists(TrFormat("method {} from {} is already imported", record.method,
                                            record.from_municipality));
    }
    nlohmann::json descriptor = {{"id", m.id},
                                 {"version", m.version},
                                 {"title", m.title},
                                 {"title_language", package->title_language},
                                 {"titles", TextsJson(read->payload.title)},
                                 {"description", m.description},
                                 {"origin", m.origin},
                                 {"kind", m.kind},
                                 {"source", m.source},
                                 {"capabilities", m.capabilities},
                                 {"base_id", m.base_id},
                                 {"base_range", m.base_range},
                                 {"frame", FrameJson(read->payload.frame)},
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
    detail::StoredImport stored;
    stored.method_id = m.id;
    stored.version = m.version;
    stored.title = record.title;
    stored.chain_json = nlohmann::json(m.chain).dump();
    stored.descriptor_json = descriptor.dump();
    stored.profile_json = package->profile_json;
    stored.from_code = package->municipality_code;
    stored.from_name = package->municipality_name;
    stored.from_country = package->municipality_country;
    stored.package_sha256 = record.package_sha256;
    stored.signer_public_key = record.signer_public_key;
    stored.imported_at = record.imported_at;
    record.id = imports.InsertImport(stored, w.actor.worker.id);
    std::vector<detail::StoredOutcomeCell> cells;
    for (const TransferOutcomeCell& c : package->outcomes) {
      cells.push_back({c.period, c.age_band, c.indicator, c.value, c.n});
    }
    detail::OutcomeRepository(*w.db).SaveImported(record.id, cells);
    w.Audit("transfer.import", "method", record.method, {},
            "from " + record.from_municipality + ", package sha256 " + record.package_sha256 +
                (record.signer_public_key.empty() ? ", unsigned"
                                                  : ", signed by " + record.signer_public_key) +
                fmt::format(", {} outcome cells", record.outcome_cells));
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
      detail::OutcomeRepository outcomes(*w.db);
      for (const detail::StoredImport& i : detail::TransferRepository(*w.db).Imports()) {
        ImportedMethod m;
        m.id = i.id;
        m.method = i.method_id + "@" + i.version;
        const nlohmann::json descriptor = nlohmann::json::parse(i.descriptor_json);
        m.title = descriptor.contains("titles") ? StoredText(descriptor, "titles") : i.title;
        if (m.title.empty()) m.title = i.title;
        m.chain = nlohmann::json::parse(i.chain_json).get<std::vector<std::string>>();
        m.frame = FrameFromJson(descriptor.value("frame", nlohmann::json::array()));
        m.from_municipality = i.from_code + " " + i.from_name + " (" + i.from_country + ")";
        m.package_sha256 = i.package_sha256;
        m.signer_public_key = i.signer_public_key;
        m.imported_by = i.imported_by;
        m.imported_at = i.imported_at;
        m.outcome_cells = static_cast<std::int64_t>(outcomes.Imported(i.id).size());
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
      for (const detail::StoredExport& e : detail::TransferRepository(*w.db).Exports()) {
        all.push_back(
            {e.id, e.method, e.file, e.package_sha256, e.is_signed, e.exported_by, e.exported_at});
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
