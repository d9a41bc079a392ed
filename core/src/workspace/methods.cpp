// Working methods in a workspace: trusted plugins, stored profiles, describing methods, and
// asking a method for a contact plan from a pseudonymised snapshot.
#include <sodium.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>

#include "plugins/plugin_host.h"
#include "plugins/profile.h"
#include "plugins/snapshot.h"
#include "storage/activity_repository.h"
#include "storage/method_repository.h"
#include "storage/placement_repository.h"
#include "storage/relation_repository.h"
#include "storage/restriction_repository.h"
#include "storage/workspace_repository.h"
#include "workspace/workspace_impl.h"

namespace kinbridge::detail {

namespace fs = std::filesystem;

namespace {

constexpr const char* kPluginPathSetting = "plugin_path";

// The host's side of the plugin API: the workspace's date and the user's language.
class WorkspaceServices final : public plugin::HostServices {
 public:
  WorkspaceServices(std::string today, std::string language)
      : today_(std::move(today)), language_(std::move(language)) {}
  void Log(plugin::LogLevel level, std::string_view message) override {
    if (level == plugin::LogLevel::kWarning || level == plugin::LogLevel::kError) {
      std::lock_guard lock(mutex_);
      std::cerr << "kinbridge: plugin: " << message << '\n';
    }
  }
  std::string Today() const override { return today_; }
  std::string Language() const override { return language_; }

 private:
  std::string today_, language_;
  std::mutex mutex_;
};

// "" when the file cannot be read.
std::string FileSha256(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return "";
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  std::array<char, 65536> buffer{};
  while (in) {
    in.read(buffer.data(), buffer.size());
    const auto n = in.gcount();
    if (n > 0) {
      crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(buffer.data()),
                                static_cast<unsigned long long>(n));
    }
  }
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256_final(&state, digest.data());
  std::string hex(digest.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  hex.pop_back();
  return hex;
}

std::vector<std::string> SplitPath(const std::string& text) {
  std::vector<std::string> parts;
  std::stringstream in(text);
  std::string part;
  while (std::getline(in, part, ':')) {
    if (!part.empty()) parts.push_back(part);
  }
  return parts;
}

// The plugins shipped with kinbridge: beside an installed binary, else in the build tree.
std::string BuiltInPluginDirectory() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path installed = exe.parent_path().parent_path() / "lib" / "kinbridge" / "plugins";
    if (fs::is_directory(installed, ec)) return installed.string();
  }
  if (fs::is_directory(KINBRIDGE_BUILD_PLUGINDIR, ec)) return KINBRIDGE_BUILD_PLUGINDIR;
  return KINBRIDGE_INSTALL_PLUGINDIR;
}

std::string FidelityName(plugin::FidelityClass f) {
  switch (f) {
    case plugin::FidelityClass::kEssential: return "essential";
    case plugin::FidelityClass::kNecessary: return "necessary";
    case plugin::FidelityClass::kAcceptable: return "acceptable";
    case plugin::FidelityClass::kProscribed: return "proscribed";
  }
  return "";
}

std::string TypeName(plugin::ParameterType t) {
  switch (t) {
    case plugin::ParameterType::kInteger: return "integer";
    case plugin::ParameterType::kNumber: return "number";
    case plugin::ParameterType::kBoolean: return "boolean";
    case plugin::ParameterType::kText: return "text";
  }
  return "";
}

std::string ValueText(const plugin::ParameterValue& v) {
  if (std::holds_alternative<std::int64_t>(v)) return std::to_string(std::get<std::int64_t>(v));
  if (std::holds_alternative<double>(v)) return fmt::format("{}", std::get<double>(v));
  if (std::holds_alternative<bool>(v)) return std::get<bool>(v) ? "true" : "false";
  return std::get<std::string>(v);
}

std::string Bound(const std::optional<double>& b) { return b ? fmt::format("{}", *b) : ""; }

std::string SeverityName(plugin::Severity s) {
  switch (s) {
    case plugin::Severity::kError: return "error";
    case plugin::Severity::kWarning: return "warning";
    case plugin::Severity::kInfo: return "info";
  }
  return "";
}

MethodFinding ToFinding(const plugin::Finding& f, const std::string& language) {
  return {SeverityName(f.severity), f.code, f.component, f.subject,
          plugin::InLanguage(f.message, language)};
}

}  // namespace

// The plugins a workspace trusts, loaded, and the profiles stored in it, applied.
class MethodCatalog {
 public:
  MethodCatalog(std::string today, std::string language)
      : services_(std::move(today), std::move(language)), host_(services_) {}

  WorkspaceServices& services() { return services_; }
  PluginHost& host() { return host_; }
  std::vector<LoadedMethod>& profiled() { return profiled_; }
  const std::vector<LoadedMethod>& profiled() const { return profiled_; }
  // Stored profiles that could not be applied: id@version -> why.
  std::map<std::string, std::string>& problems() { return problems_; }

  // Every method: the host's and the profiles', by id then version.
  std::vector<LoadedMethod> All() const {
    std::vector<LoadedMethod> all = host_.methods();
    all.insert(all.end(), profiled_.begin(), profiled_.end());
    return all;
  }

  // The newest version of `id`, or exactly `id@version`.
  Result<LoadedMethod> Find(const std::string& id_or_versioned) const {
    const std::string id = id_or_versioned.substr(0, id_or_versioned.find('@'));
    const bool exact = id_or_versioned.find('@') != std::string::npos;
    std::optional<LoadedMethod> best;
    for (const LoadedMethod& m : All()) {
      if (exact) {
        if (m.chain.front() == id_or_versioned) return m;
        continue;
      }
      const std::string& version = m.chain.front().substr(m.chain.front().find('@') + 1);
      if (m.chain.front().substr(0, m.chain.front().find('@')) != id) continue;
      if (!best || CompareVersions(version, best->chain.front().substr(
                                                best->chain.front().find('@') + 1)) > 0) {
        best = m;
      }
    }
    if (best) return *best;
    for (const auto& [method, problem] : problems_) {
      if (method == id_or_versioned || method.substr(0, method.find('@')) == id) {
        return Status::NotFound(
            TrFormat("method {} is not available here: {}", id_or_versioned, problem));
      }
    }
    std::string known;
    for (const LoadedMethod& m : All()) known += (known.empty() ? "" : ", ") + m.chain.front();
    std::size_t not_loaded = 0;
    for (const PluginRecord& r : host_.plugins()) {
      if (r.outcome != LoadOutcome::kLoaded) ++not_loaded;
    }
    std::string message =
        TrFormat("method {} is not available here (available: {}; see `kinbridge method list`)",
                 id_or_versioned, known.empty() ? std::string(_("none")) : known);
    if (not_loaded > 0) {
      message += " ";
      message += TrPlural("{} plugin file did not load; `kinbridge method verify` says why",
                          "{} plugin files did not load; `kinbridge method verify` says why",
                          static_cast<unsigned long>(not_loaded), not_loaded);
    }
    return Status::NotFound(message);
  }

 private:
  WorkspaceServices services_;
  PluginHost host_;
  std::vector<LoadedMethod> profiled_;
  std::map<std::string, std::string> problems_;
};

}  // namespace kinbridge::detail

KINBRIDGE_NAMESPACE_BEGIN

using detail::DatabaseError;
using detail::InstalledPlugin;
using detail::LoadedMethod;
using detail::MethodCatalog;
using detail::MethodRepository;
using detail::Operation;
using detail::PluginHost;
using detail::WriteTransaction;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> Directories(Workspace::Impl& w) {
  std::vector<std::string> dirs;
  if (auto setting = detail::WorkspaceRepository(*w.db).Setting("plugin_path")) {
    for (auto& d : detail::SplitPath(*setting)) dirs.push_back(d);
  }
  if (const char* env = std::getenv("KINBRIDGE_PLUGIN_PATH"); env != nullptr) {
    for (auto& d : detail::SplitPath(env)) dirs.push_back(d);
  }
  dirs.push_back(detail::BuiltInPluginDirectory());
  return dirs;
}

// The plugin files to consider: every installed file (from where it was installed) and every
// *.so in the plugin directories, once each by file name, installed paths first.
std::vector<fs::path> CandidateFiles(const std::vector<InstalledPlugin>& installed,
                                     const std::vector<std::string>& dirs) {
  std::vector<fs::path> files;
  std::set<std::string> names;
  for (const InstalledPlugin& p : installed) {
    if (names.insert(p.file_name).second) files.emplace_back(p.path);
  }
  for (const std::string& dir : dirs) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) continue;
    std::vector<fs::path> found;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      if (entry.path().extension() == ".so") found.push_back(fs::absolute(entry.path()));
    }
    std::sort(found.begin(), found.end());
    for (const fs::path& f : found) {
      if (names.insert(f.filename().string()).second) files.push_back(f);
    }
  }
  return files;
}

// Loads the trusted plugins and the stored profiles, once per Workspace handle.
Result<std::shared_ptr<MethodCatalog>> Catalog(Workspace::Impl& w) {
  if (w.catalog) return w.catalog;
  auto catalog = std::make_shared<MethodCatalog>(w.Today().ToString(), detail::CurrentLanguage());
  const std::vector<InstalledPlugin> installed = MethodRepository(*w.db).Plugins();
  std::map<std::string, InstalledPlugin> by_name;
  for (const InstalledPlugin& p : installed) by_name[p.file_name] = p;
  PluginHost& host = catalog->host();
  host.SetGate([by_name](const fs::path& file) -> Status {
    auto it = by_name.find(file.filename().string());
    if (it == by_name.end()) {
      return Status::PermissionDenied(TrFormat(
          "plugin {} is not installed in this workspace (an administrator installs it with "
          "`kinbridge method install {}`)",
          file.string(), file.string()));
    }
    const std::string sha = detail::FileSha256(file);
    if (sha != it->second.sha256) {
      return Status::PermissionDenied(TrFormat(
          "plugin {} changed since it was installed (SHA-256 now {}, approved {}); it is "
          "refused until an administrator approves it again with `kinbridge method install {}`",
          file.string(), sha.empty() ? std::string(_("unreadable")) : sha, it->second.sha256,
          file.string()));
    }
    return Status::Ok();
  });
  for (const fs::path& file : CandidateFiles(installed, Directories(w))) host.LoadFile(file);
  host.ResolveAdaptations();
  for (const detail::StoredProfile& stored : MethodRepository(*w.db).Profiles()) {
    const std::string versioned = stored.method_id + "@" + stored.version;
    Result<detail::Profile> profile = detail::ParseProfile(stored.profile_json);
    if (!profile.ok()) {
      catalog->problems()[versioned] = profile.status().message();
      continue;
    }
    Result<LoadedMethod> base = host.Find(profile->info.base_id, profile->info.base_range);
    if (!base.ok()) {
      catalog->problems()[versioned] =
          TrFormat("its base is not available: {}", base.status().message());
      continue;
    }
    LoadedMethod m = *base;
    std::shared_ptr<plugin::Method> applied;
    Status guarded = PluginHost::Guard(*base, _("applying a profile"), [&] {
      applied = detail::ApplyProfile(*profile, base->method);
    });
    if (!guarded.ok() || !applied) {
      catalog->problems()[versioned] = guarded.message();
      continue;
    }
    m.method = applied;
    m.chain.insert(m.chain.begin(), profile->info.id + "@" + profile->info.version);
    catalog->profiled().push_back(m);
  }
  w.catalog = catalog;
  return catalog;
}

Result<MethodDescription> Describe(const LoadedMethod& m, bool from_profile) {
  MethodDescription d;
  const std::string language = detail::CurrentLanguage();
  Status guarded = PluginHost::Guard(m, _("reading the method's description"), [&] {
    const plugin::MethodInfo& info = m.method->Info();
    d.id = info.id;
    d.version = info.version;
    d.title = plugin::InLanguage(info.title, language);
    d.description = plugin::InLanguage(info.description, language);
    d.origin = plugin::InLanguage(info.origin, language);
    d.kind = info.kind;
    if (m.method->contact_planning()) d.capabilities.emplace_back("contact-planning");
    if (m.method->group_planning()) d.capabilities.emplace_back("group-planning");
    if (m.method->follow_up()) d.capabilities.emplace_back("follow-up");
    if (m.method->assessment()) d.capabilities.emplace_back("assessment");
    for (const plugin::ParameterSpec& p : info.parameters) {
      d.parameters.push_back({p.name, detail::TypeName(p.type), detail::ValueText(p.default_value),
                              detail::Bound(p.min), detail::Bound(p.max),
                              plugin::InLanguage(p.description, language)});
    }
    for (const plugin::CoreComponent& c : info.components) {
      d.components.push_back(
          {c.id, plugin::InLanguage(c.title, language), detail::FidelityName(c.fidelity)});
    }
    d.base_id = info.base_id;
    d.base_range = info.base_range;
    for (const plugin::FrameRecord& f : info.frame) {
      FrameChange c;
      c.when = f.when;
      c.planned = f.planned;
      c.decided_by = plugin::InLanguage(f.decided_by, language);
      c.what = f.what;
      c.level = f.level;
      c.nature = f.nature;
      c.component = f.component;
      c.fidelity_consistent = f.fidelity_consistent;
      c.goal = plugin::InLanguage(f.goal, language);
      c.reason = plugin::InLanguage(f.reason, language);
      c.description = plugin::InLanguage(f.description, language);
      d.frame.push_back(std::move(c));
    }
  });
  if (!guarded.ok()) return guarded;
  d.chain = m.chain;
  d.source = from_profile ? "profile" : "plugin";
  d.plugin_name = m.plugin_name;
  d.plugin_version = m.plugin_version;
  d.plugin_file = m.plugin_file.string();
  return d;
}

bool IsProfile(const MethodCatalog& catalog, const LoadedMethod& m) {
  for (const LoadedMethod& p : catalog.profiled()) {
    if (p.chain == m.chain) return true;
  }
  return false;
}

std::string Join(const std::vector<std::string>& items) {
  std::string joined;
  for (const auto& item : items) joined += (joined.empty() ? "" : ", ") + item;
  return joined;
}

}  // namespace

Result<plugin::MethodInfo> MethodTexts(Workspace::Impl& w, std::string_view method_id) {
  Result<std::shared_ptr<MethodCatalog>> catalog = Catalog(w);
  if (!catalog.ok()) return catalog.status();
  Result<LoadedMethod> m = (*catalog)->Find(std::string(method_id));
  if (!m.ok()) return m.status();
  plugin::MethodInfo info;
  Status guarded = PluginHost::Guard(*m, _("reading the method's description"),
                                     [&] { info = m->method->Info(); });
  if (!guarded.ok()) return guarded;
  return info;
}

std::vector<std::string> Workspace::PluginDirectories() const {
  try {
    return Directories(*impl_);
  } catch (const std::exception&) {
    return {detail::BuiltInPluginDirectory()};
  }
}

Status Workspace::SetPluginDirectories(const std::vector<std::string>& directories) {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    KINBRIDGE_RETURN_IF_ERROR(
        w.Allow(tx, Operation::kInstallMethods, "method.path", "workspace", ""));
    std::string joined;
    for (const std::string& dir : directories) {
      std::error_code ec;
      if (!fs::is_directory(dir, ec) || dir.find(':') != std::string::npos) {
        return Status::InvalidArgument(TrFormat(
            "plugin directory {} does not exist (expected an existing folder, without ':')", dir));
      }
      joined += (joined.empty() ? "" : ":") + fs::absolute(dir).string();
    }
    detail::WorkspaceRepository(*w.db).SetSetting("plugin_path", joined);
    w.Audit("method.path", "workspace", "", {}, joined);
    tx.Commit();
    w.catalog.reset();
    return Status::Ok();
  } catch (const std::exception& e) {
    return DatabaseError(e, _("setting the plugin directories"));
  }
}

Result<PluginStatus> Workspace::InstallMethodPlugin(const std::string& file) {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    KINBRIDGE_RETURN_IF_ERROR(
        w.Allow(tx, Operation::kInstallMethods, "method.install", "plugin", file));
    std::error_code ec;
    const fs::path path = fs::absolute(file, ec);
    if (!fs::is_regular_file(path, ec)) {
      return Status::NotFound(
          TrFormat("plugin file {} does not exist (expected a method plugin, *.so)", file));
    }
    const std::string sha = detail::FileSha256(path);
    // Load it beside the plugins already trusted, so that an adaptation finds its base.
    detail::WorkspaceServices services(w.Today().ToString(), detail::CurrentLanguage());
    PluginHost host(services);
    for (const InstalledPlugin& p : MethodRepository(*w.db).Plugins()) {
      if (p.file_name != path.filename().string() && detail::FileSha256(p.path) == p.sha256) {
        host.LoadFile(p.path);
      }
    }
    host.LoadFile(path);
    host.ResolveAdaptations();
    const detail::PluginRecord* record = nullptr;
    for (const detail::PluginRecord& r : host.plugins()) {
      if (r.file == path) record = &r;
    }
    if (record == nullptr) return Status::Internal(TrFormat("plugin {} was not seen", file));
    const bool acceptable = record->outcome == detail::LoadOutcome::kLoaded ||
                            record->outcome == detail::LoadOutcome::kBaseMissing;
    if (!acceptable) {
      return Status::InvalidArgument(
          TrFormat("plugin {} cannot be installed: {}", file, record->message));
    }
    InstalledPlugin installed;
    installed.file_name = path.filename().string();
    installed.path = path.string();
    installed.sha256 = sha;
    installed.plugin_name = record->name;
    installed.plugin_version = record->version;
    installed.installed_at = w.Now();
    installed.installed_by = w.actor.worker.os_account;
    MethodRepository(*w.db).SavePlugin(installed, w.actor.worker.id);
    w.Audit("method.install", "plugin", installed.file_name, {},
            record->name + " " + record->version + " sha256 " + sha);
    tx.Commit();
    w.catalog.reset();  // reload with the new trust
    PluginStatus status;
    status.file = path.string();
    status.name = record->name;
    status.version = record->version;
    status.license = record->license;
    status.origin = record->origin;
    status.outcome = std::string(detail::LoadOutcomeName(record->outcome));
    status.message = record->message;
    status.sha256 = sha;
    status.installed = true;
    status.installed_sha256 = sha;
    status.installed_by = installed.installed_by;
    status.installed_at = installed.installed_at;
    status.methods = record->method_ids;
    return status;
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("installing plugin {}", file));
  }
}

Status Workspace::ForEachPlugin(const Visitor<PluginStatus>& visit) const {
  Impl& w = *impl_;
  try {
    {
      WriteTransaction tx(*w.db);
      KINBRIDGE_RETURN_IF_ERROR(w.Allow(tx, Operation::kReadMethods, "method.plugins", "", ""));
    }
    Result<std::shared_ptr<MethodCatalog>> catalog = Catalog(w);
    if (!catalog.ok()) return catalog.status();
    std::map<std::string, InstalledPlugin> installed;
    for (const InstalledPlugin& p : MethodRepository(*w.db).Plugins()) installed[p.file_name] = p;
    for (const detail::PluginRecord& r : (*catalog)->host().plugins()) {
      PluginStatus s;
      s.file = r.file.string();
      s.name = r.name;
      s.version = r.version;
      s.license = r.license;
      s.origin = r.origin;
      s.outcome = std::string(detail::LoadOutcomeName(r.outcome));
      s.message = r.message;
      s.sha256 = detail::FileSha256(r.file);
      s.methods = r.method_ids;
      if (auto it = installed.find(r.file.filename().string()); it != installed.end()) {
        s.installed = true;
        s.installed_sha256 = it->second.sha256;
        s.installed_by = it->second.installed_by;
        s.installed_at = it->second.installed_at;
        if (s.name.empty()) s.name = it->second.plugin_name;
        if (s.version.empty()) s.version = it->second.plugin_version;
      }
      if (!visit(s)) return Status::Ok();
    }
    // Stored profiles that could not be applied are listed too, with the reason.
    for (const auto& [method, problem] : (*catalog)->problems()) {
      PluginStatus s;
      s.name = method.substr(0, method.find('@'));
      s.version = method.substr(method.find('@') + 1);
      s.outcome = "profile-unavailable";
      s.message = problem;
      s.installed = true;
      if (!visit(s)) break;
    }
    return Status::Ok();
  } catch (const std::exception& e) {
    return DatabaseError(e, _("listing method plugins"));
  }
}

Status Workspace::ForEachMethod(const Visitor<MethodDescription>& visit) const {
  Impl& w = *impl_;
  try {
    {
      WriteTransaction tx(*w.db);
      KINBRIDGE_RETURN_IF_ERROR(w.Allow(tx, Operation::kReadMethods, "method.list", "", ""));
    }
    Result<std::shared_ptr<MethodCatalog>> catalog = Catalog(w);
    if (!catalog.ok()) return catalog.status();
    for (const LoadedMethod& m : (*catalog)->All()) {
      Result<MethodDescription> d = Describe(m, IsProfile(**catalog, m));
      if (!d.ok()) return d.status();
      if (!visit(*d)) break;
    }
    return Status::Ok();
  } catch (const std::exception& e) {
    return DatabaseError(e, _("listing methods"));
  }
}

Result<MethodDescription> Workspace::DescribeMethod(std::string_view method_id) const {
  Impl& w = *impl_;
  try {
    {
      WriteTransaction tx(*w.db);
      KINBRIDGE_RETURN_IF_ERROR(
          w.Allow(tx, Operation::kReadMethods, "method.info", "method", std::string(method_id)));
    }
    Result<std::shared_ptr<MethodCatalog>> catalog = Catalog(w);
    if (!catalog.ok()) return catalog.status();
    Result<LoadedMethod> m = (*catalog)->Find(std::string(method_id));
    if (!m.ok()) return m.status();
    return Describe(*m, IsProfile(**catalog, *m));
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("describing method {}", method_id));
  }
}

Result<MethodDescription> Workspace::AdaptMethod(const std::string& profile_json) {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    KINBRIDGE_RETURN_IF_ERROR(w.Allow(tx, Operation::kAdaptMethods, "method.adapt", "", ""));
    Result<detail::Profile> profile = detail::ParseProfile(profile_json);
    if (!profile.ok()) return profile.status();
    Result<std::shared_ptr<MethodCatalog>> catalog = Catalog(w);
    if (!catalog.ok()) return catalog.status();
    Result<LoadedMethod> base =
        (*catalog)->host().Find(profile->info.base_id, profile->info.base_range);
    if (!base.ok()) return base.status();
    Status checked;
    Status guarded = PluginHost::Guard(*base, _("checking a profile"), [&] {
      checked = detail::CheckProfileAgainst(*profile, base->method->Info());
    });
    if (!guarded.ok()) return guarded;
    if (!checked.ok()) return checked;
    for (const LoadedMethod& m : (*catalog)->All()) {
      if (m.chain.front() == profile->info.id + "@" + profile->info.version) {
        return Status::AlreadyExists(
            TrFormat("method {}@{} already exists (give the profile a new version)",
                     profile->info.id, profile->info.version));
      }
    }
    detail::StoredProfile stored{profile->info.id, profile->info.version, profile->info.base_id,
                                 profile->info.base_range, profile_json};
    MethodRepository(*w.db).SaveProfile(stored, w.actor.worker.id, w.Now());
    w.Audit("method.adapt", "method", profile->info.id + "@" + profile->info.version, {},
            "profile of " + base->chain.front());
    tx.Commit();
    w.catalog.reset();
    Result<std::shared_ptr<MethodCatalog>> reloaded = Catalog(w);
    if (!reloaded.ok()) return reloaded.status();
    Result<LoadedMethod> adapted = (*reloaded)->Find(profile->info.id);
    if (!adapted.ok()) return adapted.status();
    return Describe(*adapted, true);
  } catch (const std::exception& e) {
    return DatabaseError(e, _("adapting a method"));
  }
}

Result<ContactPlanProposal> Workspace::ProposeContactPlan(std::string_view child_ref,
                                                          std::string_view method_id) const {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    Result<Child> child = w.FindChild(child_ref);
    if (!child.ok()) return child.status();
    KINBRIDGE_RETURN_IF_ERROR(w.Allow(tx, Operation::kReadCase, *child, "method.propose"));
    Result<ContactPlanProposal> result = w.ProposeFor(*child, method_id);
    if (!result.ok()) return result;
    w.Audit("method.propose", "child", child->case_reference, {child->id}, Join(result->chain));
    tx.Commit();
    return result;
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("proposing a contact plan for child {}", child_ref));
  }
}

namespace {

struct CaseData {
  std::vector<Relation> relations;
  std::vector<Restriction> restrictions;
  std::vector<Placement> placements;
};

CaseData LoadCase(Workspace::Impl& w, const Child& child) {
  CaseData c;
  detail::RelationRepository(*w.db).ForEachOfChild(child.id, [&](const Relation& r) {
    c.relations.push_back(r);
    return true;
  });
  detail::RestrictionRepository(*w.db).ForEach(child.id, [&](const Restriction& s) {
    c.restrictions.push_back(s);
    return true;
  });
  detail::PlacementRepository(*w.db).ForEachOfChild(child.id, [&](const Placement& p) {
    c.placements.push_back(p);
    return true;
  });
  return c;
}

// A finding about snapshot keys ("R1") made readable: the keys replaced by the relations' names.
MethodFinding NameRelations(MethodFinding finding, const detail::SnapshotWithKeys& snapshot,
                            const std::vector<Relation>& relations) {
  for (const auto& [key, id] : snapshot.relation_ids) {
    for (const Relation& r : relations) {
      if (r.id != id) continue;
      if (finding.subject == key) finding.subject = r.person_name;
      for (const std::string& form : {"(" + key + ")", " " + key + " ", " " + key + ":"}) {
        const std::string named = form.front() + r.person_name + form.back();
        for (auto pos = finding.message.find(form); pos != std::string::npos;
             pos = finding.message.find(form, pos + named.size())) {
          finding.message.replace(pos, form.size(), named);
        }
      }
    }
  }
  return finding;
}

std::string KeyOf(const std::map<std::int64_t, std::string>& key_of, std::int64_t relation_id) {
  auto found = key_of.find(relation_id);
  return found != key_of.end() ? found->second : std::string();
}

// A method and the case it is asked about: the pseudonymised snapshot and its relation keys.
struct MethodOnCase {
  std::shared_ptr<MethodCatalog> loaded;
  LoadedMethod method;
  CaseData c;
  Date today;
  detail::SnapshotWithKeys snapshot;
  std::map<std::int64_t, std::string> key_of;  // relation id -> snapshot key
};

Result<MethodOnCase> PrepareMethodOnCase(Workspace::Impl& w, const Child& child,
                                         const std::string& method_versioned) {
  Result<std::shared_ptr<MethodCatalog>> loaded = Catalog(w);
  if (!loaded.ok()) return loaded.status();
  Result<LoadedMethod> method = (*loaded)->Find(method_versioned);
  if (!method.ok()) return method.status();
  MethodOnCase m{*loaded, *method, LoadCase(w, child), w.Today(), {}, {}};
  m.snapshot = detail::MakeSnapshot(child, m.c.relations, m.c.restrictions, m.c.placements,
                                    w.municipality.country, m.today);
  for (const auto& [key, id] : m.snapshot.relation_ids) m.key_of[id] = key;
  return m;
}

}  // namespace

Result<std::vector<MethodFinding>> Workspace::Impl::ValidateWithMethod(
    const Child& child, const std::string& method_versioned,
    const std::vector<PlanArrangement>& plan, bool child_view_recorded, bool for_approval,
    int* review_months) {
  Result<MethodOnCase> prepared = PrepareMethodOnCase(*this, child, method_versioned);
  if (!prepared.ok()) return prepared.status();
  const MethodOnCase& m = *prepared;
  const LoadedMethod& method = m.method;
  const CaseData& c = m.c;
  const Date today = m.today;
  const detail::SnapshotWithKeys& snapshot = m.snapshot;
  const std::map<std::int64_t, std::string>& key_of = m.key_of;
  plugin::PlanDraft draft;
  draft.child_view_recorded = child_view_recorded;
  draft.for_approval = for_approval;
  for (const PlanArrangement& a : plan) {
    plugin::Arrangement pa;
    pa.relation_key = KeyOf(key_of, a.relation_id);
    pa.mode = a.mode;
    pa.rrule = a.rrule;
    pa.start_time = a.start_time;
    pa.duration_minutes = a.duration_minutes;
    pa.supervision = a.supervision;
    pa.venue = a.venue;
    draft.arrangements.push_back(std::move(pa));
  }
  plugin::MethodContext ctx;
  ctx.today = today.ToString();
  ctx.language = detail::CurrentLanguage();
  ctx.host = &m.loaded->services();
  plugin::Validation validation;
  int cadence = 3;
  Status guarded = PluginHost::Guard(method, _("validating a contact plan"), [&] {
    ctx.parameters = detail::DefaultParameters(method.method->Info());
    const plugin::ContactPlanning* planning = method.method->contact_planning();
    if (planning == nullptr) throw std::runtime_error("the method has no contact planning");
    validation = planning->Validate(draft, snapshot.snapshot, ctx);
    if (const plugin::FollowUp* follow_up = method.method->follow_up()) {
      cadence = follow_up->ReviewCadenceMonths(snapshot.snapshot, ctx);
    }
  });
  if (!guarded.ok()) return guarded;
  if (review_months != nullptr) *review_months = cadence;
  std::vector<MethodFinding> findings;
  for (const plugin::Finding& f : validation.findings) {
    findings.push_back(NameRelations(detail::ToFinding(f, ctx.language), snapshot, c.relations));
  }
  return findings;
}

Result<MethodReview> Workspace::Impl::ReviewWithMethod(const Child& child,
                                                       const std::string& method_versioned,
                                                       const Delivery& delivered) {
  Result<MethodOnCase> prepared = PrepareMethodOnCase(*this, child, method_versioned);
  if (!prepared.ok()) return prepared.status();
  const MethodOnCase& m = *prepared;
  const LoadedMethod& method = m.method;
  const CaseData& c = m.c;
  const Date today = m.today;
  const detail::SnapshotWithKeys& snapshot = m.snapshot;
  const std::map<std::int64_t, std::string>& key_of = m.key_of;
  plugin::DeliveryRecord record;
  record.from = delivered.from.ToString();
  record.to = delivered.to.ToString();
  record.child_view_recorded = delivered.child_view_recorded;
  record.restriction_breached = delivered.restriction_breached;
  for (const ReviewAdherence& line : delivered.lines) {
    record.arrangements.push_back({KeyOf(key_of, line.relation_id), line.mode, line.planned,
                                   line.held, line.cancelled, line.no_show});
  }
  plugin::MethodContext ctx;
  ctx.today = today.ToString();
  ctx.language = detail::CurrentLanguage();
  ctx.host = &m.loaded->services();
  plugin::FollowUpReport report;
  bool has_follow_up = false;
  Status guarded = PluginHost::Guard(method, _("reviewing a contact plan"), [&] {
    ctx.parameters = detail::DefaultParameters(method.method->Info());
    const plugin::FollowUp* follow_up = method.method->follow_up();
    if (follow_up == nullptr) return;
    has_follow_up = true;
    report = follow_up->Review(record, snapshot.snapshot, ctx);
  });
  if (!guarded.ok()) return guarded;
  if (!has_follow_up) {
    return Status::FailedPrecondition(TrFormat(
        "method {} cannot review plans (it has no follow-up capability)", method_versioned));
  }
  MethodReview result;
  result.next_review_months = std::clamp(report.next_review_months, 1, 24);
  for (const auto& [key, ratio] : report.adherence) {
    const auto colon = key.rfind(':');
    const std::string relation_key = key.substr(0, colon);
    const std::string line_mode = colon == std::string::npos ? "" : key.substr(colon + 1);
    auto id = snapshot.relation_ids.find(relation_key);
    if (id == snapshot.relation_ids.end()) continue;
    result.adherence[{id->second, line_mode}] = std::clamp(ratio, 0.0, 1.0);
  }
  for (const plugin::ComponentResult& component : report.fidelity) {
    MethodFinding note{"", "", "", "", plugin::InLanguage(component.note, ctx.language)};
    result.fidelity.push_back({component.component, component.met,
                               NameRelations(std::move(note), snapshot, c.relations).message});
  }
  for (const plugin::Finding& f : report.findings) {
    result.findings.push_back(
        NameRelations(detail::ToFinding(f, ctx.language), snapshot, c.relations));
  }
  return result;
}

Result<ContactPlanProposal> Workspace::Impl::ProposeFor(const Child& child,
                                                        std::string_view method_id) {
  Impl& w = *this;
  {
    Result<std::shared_ptr<MethodCatalog>> loaded = Catalog(w);
    if (!loaded.ok()) return loaded.status();
    Result<LoadedMethod> method = (*loaded)->Find(std::string(method_id));
    if (!method.ok()) return method.status();
    const plugin::ContactPlanning* planning = nullptr;
    plugin::MethodContext ctx;
    Status guarded = PluginHost::Guard(*method, _("reading the method's capabilities"), [&] {
      planning = method->method->contact_planning();
      ctx.parameters = detail::DefaultParameters(method->method->Info());
    });
    if (!guarded.ok()) return guarded;
    if (planning == nullptr) {
      return Status::FailedPrecondition(
          TrFormat("method {} cannot propose contact plans (it has no contact-planning capability)",
                   method->chain.front()));
    }
    // The snapshot: the case as stored, pseudonymised.
    const CaseData c = LoadCase(w, child);
    const std::vector<Relation>& relations = c.relations;
    const Date today = w.Today();
    detail::SnapshotWithKeys snapshot = detail::MakeSnapshot(
        child, c.relations, c.restrictions, c.placements, w.municipality.country, today);
    ctx.today = today.ToString();
    ctx.language = detail::CurrentLanguage();
    ctx.host = &(*loaded)->services();
    plugin::ContactProposal proposed;
    guarded = PluginHost::Guard(*method, _("proposing a contact plan"),
                                [&] { proposed = planning->Propose(snapshot.snapshot, ctx); });
    if (!guarded.ok()) return guarded;

    ContactPlanProposal result;
    result.child_case_reference = child.case_reference;
    result.method_id = method->chain.front().substr(0, method->chain.front().find('@'));
    result.method_version = method->chain.front().substr(method->chain.front().find('@') + 1);
    result.chain = method->chain;
    result.review_after_months = proposed.review_after_months;
    for (const plugin::Finding& f : proposed.findings) {
      result.findings.push_back(detail::ToFinding(f, ctx.language));
    }
    std::map<std::string, const plugin::RelationSnapshot*> by_key;
    for (const auto& r : snapshot.snapshot.relations) by_key[r.key] = &r;
    for (const plugin::Arrangement& a : proposed.arrangements) {
      auto key = by_key.find(a.relation_key);
      if (key == by_key.end()) {
        result.findings.push_back({"error", "unknown-relation", "", a.relation_key,
                                   TrFormat("the method proposed contact with {}, who is not in "
                                            "the child's network; the proposal was left out",
                                            a.relation_key)});
        continue;
      }
      const plugin::RelationSnapshot& rs = *key->second;
      const Relation* relation = nullptr;
      for (const Relation& r : relations) {
        if (r.id == snapshot.relation_ids[a.relation_key]) relation = &r;
      }
      // The core guards the child's safety whatever a method proposes.
      if (rs.Has("no-contact")) {
        result.findings.push_back(
            {"error", "restricted-relation", "", a.relation_key,
             TrFormat("the method proposed contact with {} despite a no-contact restriction; "
                      "kinbridge left it out",
                      relation != nullptr ? relation->person_name : a.relation_key)});
        continue;
      }
      ProposedArrangement p;
      p.relation_id = relation != nullptr ? relation->id : 0;
      p.relation_name = relation != nullptr ? relation->person_name : "";
      p.relation_kind = rs.kind;
      p.mode = a.mode;
      p.rrule = a.rrule;
      p.start_time = a.start_time;
      p.duration_minutes = a.duration_minutes;
      p.supervision = a.supervision;
      p.venue = a.venue;
      p.rationale = plugin::InLanguage(a.rationale, ctx.language);
      if (rs.Has("supervised-only") && p.supervision != "supervised") {
        result.findings.push_back(
            {"warning", "supervision-required", "", a.relation_key,
             TrFormat("contact with {} must be supervised (restriction in force); kinbridge set "
                      "the supervision to supervised",
                      p.relation_name)});
        p.supervision = "supervised";
      }
      result.arrangements.push_back(std::move(p));
    }
    // Findings speak of relations by their pseudonyms; the worker sees the names.
    for (MethodFinding& f : result.findings) f = NameRelations(std::move(f), snapshot, relations);
    return result;
  }
}

Result<std::vector<std::string>> Workspace::Impl::MethodChain(const std::string& method_id) {
  Result<std::shared_ptr<MethodCatalog>> loaded = Catalog(*this);
  if (!loaded.ok()) return loaded.status();
  Result<LoadedMethod> method = (*loaded)->Find(method_id);
  if (!method.ok()) return method.status();
  return method->chain;
}

namespace {

// A worker as a group-planning method sees them: a key, a role, and training in the method or
// in a method it adapts.
plugin::LeaderSnapshot LeaderOf(Workspace::Impl& w, long long worker_id,
                                const std::vector<std::string>& chain) {
  plugin::LeaderSnapshot leader;
  leader.key = "L1";
  if (std::optional<Worker> worker = detail::WorkspaceRepository(*w.db).FindWorkerById(worker_id)) {
    for (Role role : {Role::kTeacher, Role::kCentreStaff, Role::kSocialWorker, Role::kSupervisor}) {
      if (worker->Has(role)) {
        leader.role = std::string(RoleName(role));
        break;
      }
    }
  }
  std::set<std::string> ids;
  for (const std::string& versioned : chain) ids.insert(versioned.substr(0, versioned.find('@')));
  detail::ActivityRepository(*w.db).ForEachTraining(worker_id, "", [&](const TrainingRecord& t) {
    if (ids.count(t.method_id) == 0 || w.Today() < t.trained_on) return true;
    leader.trained_in_method = true;
    leader.trained_on = std::max(leader.trained_on, t.trained_on.ToString());
    return true;
  });
  return leader;
}

}  // namespace

Result<std::vector<MethodFinding>> Workspace::Impl::CheckLeaderWithMethod(
    const std::string& method_id, long long worker_id) {
  std::vector<MethodFinding> findings;
  if (method_id.empty()) return findings;
  Result<std::shared_ptr<MethodCatalog>> loaded = Catalog(*this);
  if (!loaded.ok()) return loaded.status();
  Result<LoadedMethod> method = (*loaded)->Find(method_id);
  if (!method.ok()) return method.status();
  const plugin::LeaderSnapshot leader = LeaderOf(*this, worker_id, method->chain);
  plugin::MethodContext ctx;
  ctx.today = Today().ToString();
  ctx.language = detail::CurrentLanguage();
  ctx.host = &(*loaded)->services();
  plugin::Validation validation;
  Status guarded = PluginHost::Guard(*method, _("checking a group leader"), [&] {
    ctx.parameters = detail::DefaultParameters(method->method->Info());
    if (const plugin::GroupPlanning* planning = method->method->group_planning()) {
      validation = planning->CheckLeader(leader, ctx);
    }
  });
  if (!guarded.ok()) return guarded;
  std::string account;
  if (std::optional<Worker> worker = detail::WorkspaceRepository(*db).FindWorkerById(worker_id)) {
    account = worker->os_account;
  }
  for (const plugin::Finding& f : validation.findings) {
    MethodFinding finding = detail::ToFinding(f, ctx.language);
    // The method speaks of the leader by key; the staff see the account.
    for (auto pos = finding.message.find(leader.key); pos != std::string::npos;
         pos = finding.message.find(leader.key, pos + account.size())) {
      finding.message.replace(pos, leader.key.size(), account);
    }
    if (finding.subject == leader.key) finding.subject = account;
    findings.push_back(std::move(finding));
  }
  return findings;
}

std::pair<int, int> Workspace::Impl::GroupSizeBounds(const std::string& method_id) {
  if (method_id.empty()) return {0, 0};
  Result<std::shared_ptr<MethodCatalog>> loaded = Catalog(*this);
  if (!loaded.ok()) return {0, 0};
  Result<LoadedMethod> method = (*loaded)->Find(method_id);
  if (!method.ok()) return {0, 0};
  std::pair<int, int> bounds{0, 0};
  Status guarded = PluginHost::Guard(*method, _("reading the method's group sizes"), [&] {
    plugin::MethodContext ctx;
    ctx.parameters = detail::DefaultParameters(method->method->Info());
    const int max = static_cast<int>(ctx.Integer("group_size_max"));
    bounds = {max > 0 ? 1 : 0, max};
  });
  return guarded.ok() ? bounds : std::pair<int, int>{0, 0};
}

Result<GroupProposal> Workspace::Impl::FormGroupsWithMethod(const std::string& method_id,
                                                            const std::vector<Child>& children) {
  Result<std::shared_ptr<MethodCatalog>> loaded = Catalog(*this);
  if (!loaded.ok()) return loaded.status();
  Result<LoadedMethod> method = (*loaded)->Find(method_id);
  if (!method.ok()) return method.status();
  const Date today = Today();
  // Snapshots keyed C1, C2...; schools and sibling sets by pseudonyms too.
  std::vector<plugin::CaseSnapshot> snapshots;
  std::map<std::string, std::string> ref_of;  // "C1" -> case reference
  std::map<long long, std::size_t> index_of;  // child id -> snapshot index
  std::map<std::string, std::string> school_key;
  for (const Child& child : children) {
    const CaseData c = LoadCase(*this, child);
    plugin::CaseSnapshot snapshot = detail::MakeSnapshot(child, c.relations, c.restrictions,
                                                         c.placements, municipality.country, today)
                                        .snapshot;
    snapshot.key = "C" + std::to_string(snapshots.size() + 1);
    if (!child.school.empty()) {
      auto [it, added] = school_key.try_emplace(child.school, "");
      if (added) it->second = "S" + std::to_string(school_key.size());
      snapshot.school_key = it->second;
    }
    ref_of[snapshot.key] = child.case_reference;
    index_of[child.id] = snapshots.size();
    snapshots.push_back(std::move(snapshot));
  }
  // Siblings: children linked through sibling relations, transitively, share one key.
  std::vector<std::size_t> parent(snapshots.size());
  for (std::size_t i = 0; i < parent.size(); ++i) parent[i] = i;
  auto root = [&](std::size_t i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
  };
  std::vector<long long> ids;
  for (const auto& [id, index] : index_of) ids.push_back(id);
  for (const auto& [a, b] : detail::ActivityRepository(*db).SiblingLinks(ids)) {
    parent[root(index_of.at(a))] = root(index_of.at(b));
  }
  std::map<std::size_t, std::vector<std::size_t>> sets;
  for (std::size_t i = 0; i < snapshots.size(); ++i) sets[root(i)].push_back(i);
  int sibling_sets = 0;
  for (const auto& [r, members] : sets) {
    if (members.size() < 2) continue;
    const std::string key = "G" + std::to_string(++sibling_sets);
    for (std::size_t i : members) snapshots[i].sibling_group = key;
  }

  plugin::MethodContext ctx;
  ctx.today = today.ToString();
  ctx.language = detail::CurrentLanguage();
  ctx.host = &(*loaded)->services();
  plugin::GroupProposal proposed;
  bool has_planning = false;
  Status guarded = PluginHost::Guard(*method, _("forming groups"), [&] {
    ctx.parameters = detail::DefaultParameters(method->method->Info());
    const plugin::GroupPlanning* planning = method->method->group_planning();
    if (planning == nullptr) return;
    has_planning = true;
    proposed = planning->FormGroups(snapshots, ctx);
  });
  if (!guarded.ok()) return guarded;
  if (!has_planning) {
    return Status::FailedPrecondition(
        TrFormat("method {} cannot form groups (it has no group-planning capability)", method_id));
  }
  // Keys back to case references, longest keys first so that C12 is not read as C1.
  std::vector<std::pair<std::string, std::string>> keys(ref_of.begin(), ref_of.end());
  std::sort(keys.begin(), keys.end(),
            [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  auto named = [&](std::string text) {
    for (const auto& [key, ref] : keys) {
      for (auto pos = text.find(key); pos != std::string::npos;
           pos = text.find(key, pos + ref.size())) {
        const bool digit_follows = pos + key.size() < text.size() &&
                                   std::isdigit(static_cast<unsigned char>(text[pos + key.size()]));
        if (digit_follows) continue;
        text.replace(pos, key.size(), ref);
      }
    }
    return text;
  };
  GroupProposal result;
  result.chain = method->chain;
  result.method_id = method->chain.front().substr(0, method->chain.front().find('@'));
  result.method_version = method->chain.front().substr(method->chain.front().find('@') + 1);
  std::set<std::string> placed;
  for (std::size_t i = 0; i < proposed.groups.size(); ++i) {
    ProposedGroup group;
    group.name = proposed.groups[i].label;
    for (const std::string& key : proposed.groups[i].members) {
      auto ref = ref_of.find(key);
      if (ref == ref_of.end() || !placed.insert(ref->second).second) continue;
      group.members.push_back(ref->second);
    }
    if (i < proposed.sessions.size()) {
      const plugin::Arrangement& session = proposed.sessions[i];
      group.schedule.rrule = session.rrule;
      group.schedule.start_time = session.start_time;
      group.schedule.duration_minutes = session.duration_minutes;
      group.venue = session.venue;
      group.rationale = named(plugin::InLanguage(session.rationale, ctx.language));
    }
    if (!group.members.empty()) result.groups.push_back(std::move(group));
  }
  for (const Child& child : children) {
    if (placed.count(child.case_reference) == 0) result.unplaced.push_back(child.case_reference);
  }
  for (const plugin::Finding& f : proposed.findings) {
    MethodFinding finding = detail::ToFinding(f, ctx.language);
    finding.subject = named(finding.subject);
    finding.message = named(finding.message);
    result.findings.push_back(std::move(finding));
  }
  return result;
}

KINBRIDGE_NAMESPACE_END
