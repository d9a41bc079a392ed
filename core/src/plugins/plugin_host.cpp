// The plugin host. Loading one file goes: gate -> open -> descriptor (plain data, checked
// before any C++ object of the plugin is touched) -> init() into a collecting registrar ->
// checks of what it registered -> commit. Adaptations are resolved afterwards, all together,
// so that the order in which files are loaded does not matter.
//
// Libraries are never unloaded: they are opened with RTLD_NODELETE, the host keeps every
// library, and every object handed out (methods, adaptation results) owns its library through
// the aliasing constructor of std::shared_ptr, so a LoadedMethod stays usable after the host
// is gone.
#include "plugins/plugin_host.h"

#include <dlfcn.h>

#include <algorithm>
#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <system_error>
#include <tuple>
#include <utility>

#include <boost/dll/shared_library.hpp>

#include "common/i18n.h"

namespace kinbridge::detail {

namespace fs = std::filesystem;
namespace dll = boost::dll;

std::string_view LoadOutcomeName(LoadOutcome outcome) {
  switch (outcome) {
    case LoadOutcome::kLoaded: return "loaded";
    case LoadOutcome::kFailedToOpen: return "failed-to-open";
    case LoadOutcome::kMissingExport: return "missing-export";
    case LoadOutcome::kIncompatible: return "incompatible";
    case LoadOutcome::kInitFailed: return "init-failed";
    case LoadOutcome::kDuplicateMethod: return "duplicate-method";
    case LoadOutcome::kBaseMissing: return "base-missing";
    case LoadOutcome::kBaseOutOfRange: return "base-out-of-range";
    case LoadOutcome::kAdaptationCycle: return "adaptation-cycle";
    case LoadOutcome::kAdaptationFailed: return "adaptation-failed";
    case LoadOutcome::kRefused: return "refused";
  }
  return "unknown";
}

namespace {

// rtld_now: a plugin with an unresolved symbol fails here, as kFailedToOpen with the loader's
// message, instead of killing the process at its first call ("symbol lookup error" cannot be
// caught). rtld_local: a plugin's symbols are not used to resolve the next plugin's, so two
// plugins cannot interpose on each other. RTLD_NODELETE: even the last dlclose leaves the code
// mapped, so nothing a plugin left behind (a static destructor, an object we missed) can call
// into unmapped memory.
const dll::load_mode::type kLoadMode = dll::load_mode::rtld_now | dll::load_mode::rtld_local |
                                       static_cast<dll::load_mode::type>(RTLD_NODELETE);

// Everything up to and including `init` must be present; later ABI minors may append fields.
constexpr std::size_t kDescriptorMinSize =
    offsetof(plugin::PluginDescriptor, init) + sizeof(plugin::PluginDescriptor::init);

using Library = std::shared_ptr<dll::shared_library>;

// A plugin object and, declared first so that it is destroyed last, the library its code
// (destructor, vtable) lives in.
template <typename T>
struct Anchored {
  Library library;
  std::shared_ptr<T> object;
};

// `object`, owning `library` too: whoever holds the result keeps the library loaded.
template <typename T>
std::shared_ptr<T> Anchor(Library library, std::shared_ptr<T> object) {
  if (!object) return nullptr;
  auto holder = std::make_shared<Anchored<T>>(Anchored<T>{std::move(library), std::move(object)});
  return std::shared_ptr<T>(holder, holder->object.get());
}

// Runs plugin code; the text of what it threw, or nullopt.
template <typename F>
std::optional<std::string> Try(F&& call) {
  try {
    call();
    return std::nullopt;
  } catch (const std::exception& e) {
    return std::string(e.what());
  } catch (...) {
    return std::string(_("an exception that is not a std::exception"));
  }
}

std::string Text(const char* text) { return text == nullptr ? std::string() : std::string(text); }

std::string Join(const std::vector<std::string>& items) {
  if (items.empty()) return _("none");
  std::string joined;
  for (const std::string& item : items) {
    if (!joined.empty()) joined += ", ";
    joined += item;
  }
  return joined;
}

bool IsMethodId(const std::string& id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '-' || c == '_';
  });
}

bool DefaultHasType(const plugin::ParameterSpec& p) {
  switch (p.type) {
    case plugin::ParameterType::kInteger:
      return std::holds_alternative<std::int64_t>(p.default_value);
    case plugin::ParameterType::kNumber:
      return std::holds_alternative<double>(p.default_value) ||
             std::holds_alternative<std::int64_t>(p.default_value);
    case plugin::ParameterType::kBoolean: return std::holds_alternative<bool>(p.default_value);
    case plugin::ParameterType::kText: return std::holds_alternative<std::string>(p.default_value);
  }
  return false;
}

// What is wrong with a method's description, or nullopt.
std::optional<std::string> CheckInfo(const plugin::MethodInfo& info) {
  if (!IsMethodId(info.id)) {
    return TrFormat(
        "method id '{}' is not valid (expected a non-empty id of letters, digits, '.', '-' "
        "and '_', e.g. se.vara.contact)",
        info.id);
  }
  if (!IsSemanticVersion(info.version)) {
    return TrFormat(
        "method {} has version '{}', which is not a semantic version (expected "
        "MAJOR.MINOR.PATCH, e.g. 1.0.0)",
        info.id, info.version);
  }
  std::set<std::string> names;
  for (const plugin::ParameterSpec& p : info.parameters) {
    if (p.name.empty() || !names.insert(p.name).second) {
      return TrFormat("method {}@{} declares parameter '{}' {} (expected unique, non-empty names)",
                      info.id, info.version, p.name,
                      p.name.empty() ? _("without a name") : _("twice"));
    }
    if (!DefaultHasType(p)) {
      return TrFormat(
          "method {}@{}: the default of parameter '{}' is not of the parameter's declared type",
          info.id, info.version, p.name);
    }
  }
  return std::nullopt;
}

// Collects what a plugin's init() registers; the host commits it only if init() returns and
// everything checks out.
class CollectingRegistrar final : public plugin::Registrar {
 public:
  explicit CollectingRegistrar(plugin::HostServices& services) : services_(services) {}

  void AddMethod(std::shared_ptr<plugin::Method> method) override {
    methods_.push_back(std::move(method));
  }
  void AddAdaptation(plugin::AdaptationSpec adaptation) override {
    adaptations_.push_back(std::move(adaptation));
  }
  plugin::HostServices& host() override { return services_; }

  std::vector<std::shared_ptr<plugin::Method>>& methods() { return methods_; }
  std::vector<plugin::AdaptationSpec>& adaptations() { return adaptations_; }

 private:
  plugin::HostServices& services_;
  std::vector<std::shared_ptr<plugin::Method>> methods_;
  std::vector<plugin::AdaptationSpec> adaptations_;
};

// A stand-in base. When adaptations are stuck because their bases are not loaded, the host must
// learn which method each of them would produce to tell a cycle from a missing base;
// AdaptationSpec does not say, so make() is called with this stand-in and the result's Info()
// is read, then discarded. It has every capability, so that an adaptation which requires one
// does not refuse it (or dereference a null pointer); calling one throws, which the host
// catches like any exception from make().
[[noreturn]] void NotCallable() {
  throw std::logic_error("the host's stand-in base cannot be called while resolving adaptations");
}

class StandInContactPlanning final : public plugin::ContactPlanning {
 public:
  plugin::ContactProposal Propose(const plugin::CaseSnapshot&,
                                  const plugin::MethodContext&) const override {
    NotCallable();
  }
  plugin::Validation Validate(const plugin::PlanDraft&, const plugin::CaseSnapshot&,
                              const plugin::MethodContext&) const override {
    NotCallable();
  }
};

class StandInGroupPlanning final : public plugin::GroupPlanning {
 public:
  plugin::GroupProposal FormGroups(const std::vector<plugin::CaseSnapshot>&,
                                   const plugin::MethodContext&) const override {
    NotCallable();
  }
  plugin::Validation CheckLeader(const plugin::LeaderSnapshot&,
                                 const plugin::MethodContext&) const override {
    NotCallable();
  }
};

class StandInFollowUp final : public plugin::FollowUp {
 public:
  int ReviewCadenceMonths(const plugin::CaseSnapshot&,
                          const plugin::MethodContext&) const override {
    NotCallable();
  }
  plugin::FollowUpReport Review(const plugin::DeliveryRecord&, const plugin::CaseSnapshot&,
                                const plugin::MethodContext&) const override {
    NotCallable();
  }
};

class StandInAssessment final : public plugin::Assessment {
 public:
  std::vector<plugin::ChecklistItem> Checklist(const plugin::MethodContext&) const override {
    NotCallable();
  }
  plugin::AssessmentDecision Decide(const std::map<std::string, std::string>&,
                                    const plugin::MethodContext&) const override {
    NotCallable();
  }
};

class StandInBase final : public plugin::Method {
 public:
  explicit StandInBase(plugin::MethodInfo info) : info_(std::move(info)) {}
  const plugin::MethodInfo& Info() const override { return info_; }
  const plugin::ContactPlanning* contact_planning() const override { return &contact_; }
  const plugin::GroupPlanning* group_planning() const override { return &group_; }
  const plugin::FollowUp* follow_up() const override { return &follow_up_; }
  const plugin::Assessment* assessment() const override { return &assessment_; }

 private:
  plugin::MethodInfo info_;
  StandInContactPlanning contact_;
  StandInGroupPlanning group_;
  StandInFollowUp follow_up_;
  StandInAssessment assessment_;
};

// The lowest version a range admits, among the versions its own numbers suggest.
std::string LowestVersionIn(const std::string& range) {
  std::vector<std::string> candidates = {"0.0.0"};
  std::vector<std::uint64_t> numbers;
  auto flush = [&] {
    if (numbers.empty()) return;
    while (numbers.size() < 3) numbers.push_back(0);
    const std::uint64_t a = numbers[0], b = numbers[1], c = numbers[2];
    for (const auto& [x, y, z] :
         {std::tuple{a, b, c}, std::tuple{a, b, c + 1}, std::tuple{a, b + 1, std::uint64_t{0}},
          std::tuple{a + 1, std::uint64_t{0}, std::uint64_t{0}}}) {
      candidates.push_back(fmt::format("{}.{}.{}", x, y, z));
    }
    numbers.clear();
  };
  std::string digits;
  for (char c : range + " ") {
    if (c >= '0' && c <= '9') {
      digits += c;
      continue;
    }
    if (!digits.empty() && digits.size() < 10) numbers.push_back(std::stoull(digits));
    digits.clear();
    if (c != '.') flush();
  }
  std::sort(candidates.begin(), candidates.end(),
            [](const std::string& x, const std::string& y) { return CompareVersions(x, y) < 0; });
  for (const std::string& candidate : candidates) {
    Result<bool> admitted = VersionSatisfies(candidate, range);
    if (admitted.ok() && *admitted) return candidate;
  }
  return "0.0.0";
}

}  // namespace

class PluginHost::Impl {
 public:
  explicit Impl(plugin::HostServices& services) : services_(services) {}

  void LoadFile(const fs::path& given);
  void ResolveAdaptations();

  std::vector<LoadedMethod> Methods() const;
  Result<LoadedMethod> Find(const std::string& id, const std::string& range) const;

  std::function<Status(const fs::path&)> gate_;
  std::vector<PluginRecord> records_;

 private:
  // An adaptation a plugin registered, waiting for its base.
  struct Pending {
    Library library;  // first: destroyed last (make's code lives in it)
    plugin::AdaptationSpec spec;
  };

  // What the host keeps of each plugin file, beside its record (same index).
  struct State {
    Library library;      // null if the file was not opened
    bool loaded = false;  // passed descriptor, init and registration checks
    std::vector<LoadedMethod> originals;
    std::vector<Pending> adaptations;
  };

  // A method available for lookups, and the plugin it came from.
  struct Available {
    LoadedMethod loaded;
    std::string id, version;
    std::size_t plugin = 0;
  };

  // The outcome of one make(base) call, kept so that make() runs once per base.
  struct Made {
    std::shared_ptr<const plugin::Method> base;  // keeps the address in the key unique
    std::shared_ptr<const plugin::Method> method;
    std::string error;  // when make() threw or returned nothing
  };
  using MadeKey = std::tuple<std::size_t, std::size_t, const plugin::Method*>;

  // An adaptation's failure, for its plugin.
  struct Failure {
    LoadOutcome outcome;
    std::string message;
    // For kBaseMissing: the base, so that the message can list what is loaded in the end.
    std::string missing_base;
  };

  std::string Who(std::size_t plugin) const {
    const PluginRecord& r = records_[plugin];
    return TrFormat("plugin {} {} ({})", r.name, r.version, r.file.string());
  }
  const Available* FindAvailable(const std::string& id, const std::string& version) const {
    for (const Available& a : available_) {
      if (a.id == id && a.version == version) return &a;
    }
    return nullptr;
  }
  static void Fail(PluginRecord& record, LoadOutcome outcome, std::string message) {
    record.outcome = outcome;
    record.message = std::move(message);
  }

  // The descriptor's checks; fills the record from it. False when the plugin is refused.
  bool CheckDescriptor(const plugin::PluginDescriptor* d, PluginRecord& record);
  // Runs init() and checks what it registered; false when the plugin is refused.
  bool Initialize(std::size_t index, const plugin::PluginDescriptor& d);

  // One round of resolution with the plugins in `excluded` left out: rebuilds available_ and
  // returns the failures of the plugins that are not excluded.
  std::map<std::size_t, Failure> ResolveRound(const std::set<std::size_t>& excluded);
  const Made& Make(std::size_t plugin, std::size_t index, const Available& base);
  std::optional<std::string> ProbeId(std::size_t plugin, std::size_t index);

  plugin::HostServices& services_;
  std::vector<State> states_;
  std::vector<Available> available_;
  std::map<MadeKey, Made> made_;
  std::map<std::pair<std::size_t, std::size_t>, std::optional<std::string>> probed_;
};

void PluginHost::Impl::LoadFile(const fs::path& given) {
  std::error_code ec;
  fs::path file = fs::absolute(given, ec);
  if (ec) file = given;
  records_.emplace_back();
  states_.emplace_back();
  const std::size_t index = records_.size() - 1;
  PluginRecord& record = records_[index];
  record.file = file;

  if (gate_) {
    Status allowed;
    if (std::optional<std::string> error = Try([&] { allowed = gate_(file); })) {
      allowed = Status::Internal(*error);
    }
    if (!allowed.ok()) {
      Fail(record, LoadOutcome::kRefused, allowed.message());
      return;
    }
  }

  if (!fs::exists(file, ec)) {
    Fail(record, LoadOutcome::kFailedToOpen,
         TrFormat("plugin file {} does not exist (expected a method plugin, *.so)", file.string()));
    return;
  }
  Library library;
  if (std::optional<std::string> error =
          Try([&] { library = std::make_shared<dll::shared_library>(file, kLoadMode); })) {
    // Boost.DLL's text: "... failed (dlerror system message: <loader's text>): <errno text>".
    const std::string marker = "dlerror system message: ";
    std::string reason = *error;
    if (const std::size_t at = reason.find(marker); at != std::string::npos) {
      const std::size_t end = reason.rfind(')');
      reason = reason.substr(at + marker.size(),
                             end > at ? end - at - marker.size() : std::string::npos);
    }
    if (const std::string prefix = file.string() + ": "; reason.rfind(prefix, 0) == 0) {
      reason.erase(0, prefix.size());  // the loader names the file too
    }
    Fail(record, LoadOutcome::kFailedToOpen,
         TrFormat("plugin file {} could not be loaded: {} (expected a method plugin: a shared "
                  "library built with the kinbridge plugin SDK)",
                  file.string(), reason));
    return;
  }
  states_[index].library = library;

  if (!library->has(plugin::kDescriptorSymbol)) {
    Fail(record, LoadOutcome::kMissingExport,
         TrFormat("{} is not a kinbridge method plugin: it does not export {} (declare the "
                  "plugin with KINBRIDGE_METHOD_PLUGIN)",
                  file.string(), plugin::kDescriptorSymbol));
    return;
  }
  const plugin::PluginDescriptor* descriptor = nullptr;
  if (std::optional<std::string> error = Try([&] {
        descriptor = library->get_alias<plugin::DescriptorFunction>(plugin::kDescriptorSymbol)();
      })) {
    Fail(record, LoadOutcome::kIncompatible,
         TrFormat("plugin file {}: reading its descriptor failed: {}", file.string(), *error));
    return;
  }
  if (!CheckDescriptor(descriptor, record)) return;
  if (!Initialize(index, *descriptor)) return;
  record.outcome = LoadOutcome::kLoaded;
  record.message.clear();
}

bool PluginHost::Impl::CheckDescriptor(const plugin::PluginDescriptor* d, PluginRecord& record) {
  const std::string file = record.file.string();
  if (d == nullptr) {
    Fail(record, LoadOutcome::kIncompatible,
         TrFormat("plugin file {}: its descriptor function returned no descriptor", file));
    return false;
  }
  // Every descriptor exported under the v1 symbol starts with the fields up to `init`, so they
  // can be read whatever the plugin's ABI version, once the size says they are there.
  if (d->struct_size < kDescriptorMinSize) {
    Fail(record, LoadOutcome::kIncompatible,
         TrPlural("plugin file {}: its descriptor is {} byte; this kinbridge expects at least {} "
                  "(rebuild the plugin against this SDK)",
                  "plugin file {}: its descriptor is {} bytes; this kinbridge expects at least {} "
                  "(rebuild the plugin against this SDK)",
                  static_cast<unsigned long>(d->struct_size), file, d->struct_size,
                  kDescriptorMinSize));
    return false;
  }
  record.abi_major = d->abi_major;
  record.abi_minor = d->abi_minor;
  record.sdk_version = Text(d->sdk_version);
  record.toolchain = Text(d->toolchain);
  record.name = Text(d->name);
  record.version = Text(d->version);
  record.license = Text(d->license);
  record.origin = Text(d->origin);
  const std::string who = TrFormat("plugin {} {} ({})", record.name, record.version, file);

  if (record.name.empty()) {
    Fail(record, LoadOutcome::kIncompatible,
         TrFormat("{}: its descriptor has no plugin name (expected a name such as vara_contact)",
                  who));
    return false;
  }
  if (d->abi_major != plugin::kAbiMajor || d->abi_minor > plugin::kAbiMinor) {
    Fail(record, LoadOutcome::kIncompatible,
         TrFormat("{} was built for plugin ABI {}.{}; this kinbridge has {}.{} (rebuild the "
                  "plugin against this SDK)",
                  who, d->abi_major, d->abi_minor, plugin::kAbiMajor, plugin::kAbiMinor));
    return false;
  }
  if (record.sdk_version != KINBRIDGE_VERSION_STRING) {
    Fail(record, LoadOutcome::kIncompatible,
         TrFormat("{} was built against kinbridge SDK {}; this kinbridge is {} (C++ objects "
                  "cross the plugin boundary, so they must match exactly: rebuild the plugin "
                  "against this SDK)",
                  who, record.sdk_version, KINBRIDGE_VERSION_STRING));
    return false;
  }
  if (record.toolchain != KINBRIDGE_PLUGIN_TOOLCHAIN) {
    Fail(record, LoadOutcome::kIncompatible,
         TrFormat("{} was built with toolchain {}; this kinbridge was built with {} (C++ objects "
                  "cross the plugin boundary, so they must match exactly: rebuild the plugin "
                  "with the same compiler, standard library and C++ standard)",
                  who, record.toolchain, KINBRIDGE_PLUGIN_TOOLCHAIN));
    return false;
  }
  if (d->init == nullptr) {
    Fail(record, LoadOutcome::kIncompatible,
         TrFormat("{}: its descriptor has no init function", who));
    return false;
  }
  return true;
}

bool PluginHost::Impl::Initialize(std::size_t index, const plugin::PluginDescriptor& d) {
  PluginRecord& record = records_[index];
  State& state = states_[index];
  const std::string who = Who(index);
  CollectingRegistrar registrar(services_);
  if (std::optional<std::string> error = Try([&] { d.init(registrar); })) {
    Fail(record, LoadOutcome::kInitFailed,
         TrFormat("{}: init failed: {} (nothing it registered is used)", who, *error));
    return false;
  }

  // Check everything before committing anything.
  std::vector<LoadedMethod> originals;
  std::set<std::string> registered;
  for (std::shared_ptr<plugin::Method>& method : registrar.methods()) {
    if (!method) {
      Fail(record, LoadOutcome::kInitFailed,
           TrFormat("{}: init registered an empty method (expected a method object)", who));
      return false;
    }
    plugin::MethodInfo info;
    if (std::optional<std::string> error = Try([&] { info = method->Info(); })) {
      Fail(record, LoadOutcome::kInitFailed,
           TrFormat("{}: reading a registered method's description failed: {}", who, *error));
      return false;
    }
    if (std::optional<std::string> problem = CheckInfo(info)) {
      Fail(record, LoadOutcome::kInitFailed,
           TrFormat("{}: registration refused: {}", who, *problem));
      return false;
    }
    const std::string key = info.id + "@" + info.version;
    if (!registered.insert(key).second) {
      Fail(record, LoadOutcome::kInitFailed,
           TrFormat("{}: registration refused: it registers method {} twice", who, key));
      return false;
    }
    if (const Available* other = FindAvailable(info.id, info.version)) {
      Fail(record, LoadOutcome::kDuplicateMethod,
           TrFormat("{} registers method {}, which {} already registered (remove one of the two "
                    "files)",
                    who, key, Who(other->plugin)));
      return false;
    }
    LoadedMethod loaded;
    loaded.method = Anchor<const plugin::Method>(state.library, std::move(method));
    loaded.plugin_name = record.name;
    loaded.plugin_version = record.version;
    loaded.plugin_file = record.file;
    loaded.chain = {key};
    originals.push_back(std::move(loaded));
  }
  std::vector<Pending> adaptations;
  for (plugin::AdaptationSpec& spec : registrar.adaptations()) {
    std::optional<std::string> problem;
    if (!IsMethodId(spec.base_id)) {
      problem = TrFormat(
          "an adaptation names base '{}', which is not a method id (expected e.g. "
          "se.vara.contact)",
          spec.base_id);
    } else if (Result<bool> valid = VersionSatisfies("0.0.0", spec.base_range); !valid.ok()) {
      problem = TrFormat("the adaptation of {}: {}", spec.base_id, valid.status().message());
    } else if (!spec.make) {
      problem = TrFormat("the adaptation of {} has no make function", spec.base_id);
    }
    if (problem) {
      Fail(record, LoadOutcome::kInitFailed,
           TrFormat("{}: registration refused: {}", who, *problem));
      return false;
    }
    adaptations.push_back(Pending{state.library, std::move(spec)});
  }

  for (const LoadedMethod& m : originals) {
    record.method_ids.push_back(m.chain.front());
    const std::string& key = m.chain.front();
    const std::size_t at = key.rfind('@');
    available_.push_back(Available{m, key.substr(0, at), key.substr(at + 1), index});
  }
  state.originals = std::move(originals);
  state.adaptations = std::move(adaptations);
  state.loaded = true;
  return true;
}

const PluginHost::Impl::Made& PluginHost::Impl::Make(std::size_t plugin, std::size_t index,
                                                     const Available& base) {
  const MadeKey key{plugin, index, base.loaded.method.get()};
  if (auto it = made_.find(key); it != made_.end()) return it->second;
  Made made;
  made.base = base.loaded.method;
  const Pending& pending = states_[plugin].adaptations[index];
  std::shared_ptr<plugin::Method> method;
  if (std::optional<std::string> error = Try([&] { method = pending.spec.make(made.base); })) {
    made.error = TrFormat("make() threw: {}", *error);
  } else if (!method) {
    made.error = _("make() returned no method");
  } else {
    made.method = Anchor<const plugin::Method>(pending.library, std::move(method));
  }
  return made_.emplace(key, std::move(made)).first->second;
}

std::optional<std::string> PluginHost::Impl::ProbeId(std::size_t plugin, std::size_t index) {
  const auto key = std::make_pair(plugin, index);
  if (auto it = probed_.find(key); it != probed_.end()) return it->second;
  const Pending& pending = states_[plugin].adaptations[index];
  plugin::MethodInfo info;
  info.id = pending.spec.base_id;
  info.version = LowestVersionIn(pending.spec.base_range);
  auto stand_in = std::make_shared<const StandInBase>(std::move(info));
  std::optional<std::string> id;
  (void)Try([&] {
    std::shared_ptr<plugin::Method> result = pending.spec.make(stand_in);
    if (result) id = result->Info().id;
  });
  probed_[key] = id;
  return id;
}

std::map<std::size_t, PluginHost::Impl::Failure> PluginHost::Impl::ResolveRound(
    const std::set<std::size_t>& excluded) {
  available_.clear();
  struct Todo {
    std::size_t plugin, index;
    bool done = false;
  };
  std::vector<Todo> todo;
  for (std::size_t p = 0; p < states_.size(); ++p) {
    if (!states_[p].loaded || excluded.count(p) != 0) continue;
    for (const LoadedMethod& m : states_[p].originals) {
      const std::string& key = m.chain.front();
      const std::size_t at = key.rfind('@');
      available_.push_back(Available{m, key.substr(0, at), key.substr(at + 1), p});
    }
    for (std::size_t i = 0; i < states_[p].adaptations.size(); ++i) todo.push_back({p, i});
  }

  std::map<std::size_t, Failure> failures;
  auto fail = [&](Todo& t, LoadOutcome outcome, std::string message,
                  std::string missing_base = {}) {
    t.done = true;
    // The first failure of a plugin is the one reported.
    failures.emplace(t.plugin, Failure{outcome, std::move(message), std::move(missing_base)});
  };

  // Resolve whatever has its base available, until nothing more does: chains of any depth
  // resolve in dependency order, whatever the load order.
  for (bool progress = true; progress;) {
    progress = false;
    for (Todo& t : todo) {
      if (t.done) continue;
      const plugin::AdaptationSpec& spec = states_[t.plugin].adaptations[t.index].spec;
      const Available* base = nullptr;
      for (const Available& a : available_) {
        if (a.id != spec.base_id) continue;
        Result<bool> admitted = VersionSatisfies(a.version, spec.base_range);
        if (!admitted.ok() || !*admitted) continue;
        if (base == nullptr || CompareVersions(a.version, base->version) > 0) base = &a;
      }
      if (base == nullptr) continue;
      progress = true;
      const Available base_copy = *base;  // available_ grows below
      const std::string who = Who(t.plugin);
      const std::string base_key = base_copy.loaded.chain.front();
      const Made& made = Make(t.plugin, t.index, base_copy);
      if (!made.method) {
        fail(t, LoadOutcome::kAdaptationFailed,
             TrFormat("{}: the adaptation of {} failed: {}", who, base_key, made.error));
        continue;
      }
      plugin::MethodInfo info;
      if (std::optional<std::string> error = Try([&] { info = made.method->Info(); })) {
        fail(t, LoadOutcome::kAdaptationFailed,
             TrFormat("{}: reading the description of its adaptation of {} failed: {}", who,
                      base_key, *error));
        continue;
      }
      if (std::optional<std::string> problem = CheckInfo(info)) {
        fail(t, LoadOutcome::kAdaptationFailed,
             TrFormat("{}: the adaptation of {} is refused: {}", who, base_key, *problem));
        continue;
      }
      const std::string key = info.id + "@" + info.version;
      if (info.base_id != spec.base_id) {
        fail(t, LoadOutcome::kAdaptationFailed,
             TrFormat("{}: adaptation {} was registered with base {}, but its description names "
                      "base '{}' (expected the same base in both)",
                      who, key, spec.base_id, info.base_id));
        continue;
      }
      if (const Available* other = FindAvailable(info.id, info.version)) {
        fail(t, LoadOutcome::kDuplicateMethod,
             TrFormat("{} registers method {}, which {} already registered (remove one of the "
                      "two files)",
                      who, key, Who(other->plugin)));
        continue;
      }
      const PluginRecord& record = records_[t.plugin];
      LoadedMethod loaded;
      loaded.method = made.method;
      loaded.plugin_name = record.name;
      loaded.plugin_version = record.version;
      loaded.plugin_file = record.file;
      loaded.chain = {key};
      loaded.chain.insert(loaded.chain.end(), base_copy.loaded.chain.begin(),
                          base_copy.loaded.chain.end());
      available_.push_back(Available{std::move(loaded), info.id, info.version, t.plugin});
      t.done = true;
    }
  }

  // What is left is stuck: its base is loaded at other versions only, or not at all: missing,
  // or to come from other stuck adaptations, which may form a cycle.
  std::vector<Todo*> absent;
  for (Todo& t : todo) {
    if (t.done) continue;
    const plugin::AdaptationSpec& spec = states_[t.plugin].adaptations[t.index].spec;
    std::vector<std::string> versions;
    for (const Available& a : available_) {
      if (a.id == spec.base_id) versions.push_back(a.version);
    }
    if (!versions.empty()) {
      std::sort(versions.begin(), versions.end(), [](const std::string& x, const std::string& y) {
        return CompareVersions(x, y) < 0;
      });
      fail(t, LoadOutcome::kBaseOutOfRange,
           TrFormat("{}: its adaptation needs {} in version range {}, but the loaded versions "
                    "are {} (install a version of {} in that range)",
                    Who(t.plugin), spec.base_id, spec.base_range, Join(versions), spec.base_id));
    } else {
      absent.push_back(&t);
    }
  }
  // Which stuck adaptation would produce each one's base.
  std::vector<std::optional<std::string>> produces;
  for (Todo* t : absent) produces.push_back(ProbeId(t->plugin, t->index));
  auto base_of = [&](std::size_t i) -> const std::string& {
    return states_[absent[i]->plugin].adaptations[absent[i]->index].spec.base_id;
  };
  auto describe = [&](std::size_t i) {
    return TrFormat("{} (plugin {}, {}) adapts {}", produces[i].value_or("?"),
                    records_[absent[i]->plugin].name, records_[absent[i]->plugin].file.string(),
                    base_of(i));
  };
  for (std::size_t i = 0; i < absent.size(); ++i) {
    // Breadth-first from i along "my base would come from j"; a path back to i is a cycle.
    std::vector<std::optional<std::size_t>> parent(absent.size());
    std::vector<std::size_t> queue = {i};
    std::optional<std::size_t> closing;
    for (std::size_t q = 0; q < queue.size() && !closing; ++q) {
      const std::size_t from = queue[q];
      for (std::size_t j = 0; j < absent.size(); ++j) {
        if (!produces[j] || *produces[j] != base_of(from)) continue;
        if (j == i) {
          closing = from;
          break;
        }
        if (!parent[j]) {
          parent[j] = from;
          queue.push_back(j);
        }
      }
    }
    if (closing) {
      std::vector<std::size_t> path = {*closing};
      while (path.back() != i) path.push_back(*parent[path.back()]);
      std::reverse(path.begin(), path.end());
      std::vector<std::string> steps;
      for (std::size_t step : path) steps.push_back(describe(step));
      fail(*absent[i], LoadOutcome::kAdaptationCycle,
           TrFormat("{}: its adaptation is part of a cycle: {} (an adaptation cannot be, "
                    "directly or through others, the base of its own base)",
                    Who(absent[i]->plugin), Join(steps)));
      continue;
    }
    const std::string& base = base_of(i);
    std::string because;
    for (std::size_t j = 0; j < absent.size(); ++j) {
      if (produces[j] && *produces[j] == base) {
        because = TrFormat("; it would come from {}, which cannot be resolved", describe(j));
        break;
      }
    }
    for (std::size_t p = 0; p < states_.size() && because.empty(); ++p) {
      if (excluded.count(p) == 0) continue;
      for (const LoadedMethod& m : states_[p].originals) {
        if (m.chain.front().substr(0, m.chain.front().rfind('@')) == base) {
          because = TrFormat("; {} provides it but did not load ({})", Who(p),
                             LoadOutcomeName(records_[p].outcome));
          break;
        }
      }
    }
    const plugin::AdaptationSpec& spec =
        states_[absent[i]->plugin].adaptations[absent[i]->index].spec;
    fail(*absent[i], LoadOutcome::kBaseMissing,
         TrFormat("{}: its adaptation needs {} ({}), which is not loaded{}", Who(absent[i]->plugin),
                  base, spec.base_range, because),
         base);
  }
  return failures;
}

void PluginHost::Impl::ResolveAdaptations() {
  // A plugin is loaded whole or not at all: when one of its adaptations fails, its methods are
  // withdrawn and resolution runs again without it (make() results are reused).
  std::set<std::size_t> excluded;
  std::map<std::size_t, Failure> failed;
  while (true) {
    std::map<std::size_t, Failure> failures = ResolveRound(excluded);
    if (failures.empty()) break;
    for (auto& [plugin, failure] : failures) {
      excluded.insert(plugin);
      failed.emplace(plugin, std::move(failure));
      records_[plugin].outcome = failed.at(plugin).outcome;  // for the next round's messages
    }
  }
  std::vector<std::string> loaded;
  for (const LoadedMethod& m : Methods()) loaded.push_back(m.chain.front());
  for (std::size_t p = 0; p < records_.size(); ++p) {
    if (!states_[p].loaded) continue;
    PluginRecord& record = records_[p];
    record.method_ids.clear();
    if (auto it = failed.find(p); it != failed.end()) {
      record.outcome = it->second.outcome;
      record.message = it->second.message;
      if (!it->second.missing_base.empty()) {
        record.message += TrFormat(" (loaded: {}; install the plugin that provides {})",
                                   Join(loaded), it->second.missing_base);
      }
      continue;
    }
    record.outcome = LoadOutcome::kLoaded;
    record.message.clear();
    for (const Available& a : available_) {
      if (a.plugin == p) record.method_ids.push_back(a.loaded.chain.front());
    }
  }
}

std::vector<LoadedMethod> PluginHost::Impl::Methods() const {
  std::vector<const Available*> sorted;
  for (const Available& a : available_) sorted.push_back(&a);
  std::sort(sorted.begin(), sorted.end(), [](const Available* x, const Available* y) {
    if (x->id != y->id) return x->id < y->id;
    return CompareVersions(x->version, y->version) < 0;
  });
  std::vector<LoadedMethod> methods;
  methods.reserve(sorted.size());
  for (const Available* a : sorted) methods.push_back(a->loaded);
  return methods;
}

Result<LoadedMethod> PluginHost::Impl::Find(const std::string& id, const std::string& range) const {
  if (Result<bool> valid = VersionSatisfies("0.0.0", range); !valid.ok()) return valid.status();
  const Available* best = nullptr;
  std::vector<std::string> versions;
  for (const Available& a : available_) {
    if (a.id != id) continue;
    versions.push_back(a.version);
    Result<bool> admitted = VersionSatisfies(a.version, range);
    if (!admitted.ok() || !*admitted) continue;
    if (best == nullptr || CompareVersions(a.version, best->version) > 0) best = &a;
  }
  if (best != nullptr) return best->loaded;
  if (!versions.empty()) {
    std::sort(versions.begin(), versions.end(),
              [](const std::string& x, const std::string& y) { return CompareVersions(x, y) < 0; });
    return Status::NotFound(
        TrFormat("method {} is loaded in version {}, none in range {}", id, Join(versions), range));
  }
  std::vector<std::string> loaded;
  for (const LoadedMethod& m : Methods()) loaded.push_back(m.chain.front());
  return Status::NotFound(TrFormat("method {} is not loaded (loaded: {})", id, Join(loaded)));
}

PluginHost::PluginHost(plugin::HostServices& services) : impl_(std::make_unique<Impl>(services)) {}

PluginHost::~PluginHost() = default;

void PluginHost::SetGate(std::function<Status(const std::filesystem::path&)> gate) {
  impl_->gate_ = std::move(gate);
}

void PluginHost::LoadDirectory(const std::filesystem::path& directory) {
  std::error_code ec;
  if (!fs::is_directory(directory, ec)) return;
  std::vector<fs::path> files;
  for (fs::directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code type_ec;
    if (it->path().extension() == ".so" && it->is_regular_file(type_ec)) {
      files.push_back(it->path());
    }
  }
  std::sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) {
    return a.filename().string() < b.filename().string();
  });
  for (const fs::path& file : files) impl_->LoadFile(file);
  impl_->ResolveAdaptations();
}

void PluginHost::LoadFile(const std::filesystem::path& file) { impl_->LoadFile(file); }

void PluginHost::ResolveAdaptations() { impl_->ResolveAdaptations(); }

const std::vector<PluginRecord>& PluginHost::plugins() const { return impl_->records_; }

std::vector<LoadedMethod> PluginHost::methods() const { return impl_->Methods(); }

Result<LoadedMethod> PluginHost::Find(const std::string& id, const std::string& range) const {
  return impl_->Find(id, range);
}

Status PluginHost::Guard(const LoadedMethod& method, const std::string& what,
                         const std::function<void()>& call) {
  try {
    call();
    return Status::Ok();
  } catch (const std::exception& e) {
    return Status::Internal(TrFormat("plugin {} {} ({}) failed while {}: {}", method.plugin_name,
                                     method.plugin_version, method.plugin_file.string(), what,
                                     e.what()));
  } catch (...) {
    return Status::Internal(TrFormat(
        "plugin {} {} ({}) failed while {}: it threw an exception that is not a std::exception",
        method.plugin_name, method.plugin_version, method.plugin_file.string(), what));
  }
}

}  // namespace kinbridge::detail
