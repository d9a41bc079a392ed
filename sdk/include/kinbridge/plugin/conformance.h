// The conformance kit: checks a method plugin as the kinbridge host will use it, before anyone
// installs it. Header-only, for method designers' tests; needs Boost.DLL (kinbridge::plugin_sdk
// brings it). With GoogleTest, include kinbridge/plugin/conformance_gtest.h instead.
//
//   namespace conformance = kinbridge::plugin::conformance;
//   conformance::Report report = conformance::CheckPlugin("build/plugins/my_method.so");
//   if (!report.ok()) std::cerr << report.ToString();
//
// What it checks, for every method the plugin registers (and every adaptation, made from a base
// taken from Options::base_plugins or the plugin itself):
// - the descriptor: ABI major (and a minor not newer than this SDK's), SDK version and toolchain
//   tag equal to this SDK's, name, semantic version, license, origin and init present;
// - registration: init() returns, registers something, every method has a valid id and version;
// - metadata: title, description, every parameter's description and every core component's
//   title in en, sv and zh_CN; parameter defaults of the declared type and within the bounds; an
//   adaptation names its base and range and carries FRAME records with descriptions;
// - for each capability the method has: no exception escapes and the same input gives the same
//   output (every call is made twice), with an empty snapshot, ordinary cases, a case with many
//   relations (500), edge ages (0, 17, 18, 99), every placement type, every language, and the
//   parameters at their defaults and at their bounds; malformed plans and answers are handled;
// - outputs make sense: arrangements name relations of the snapshot, use known modes and
//   supervision levels, a valid clock time and a positive duration, never propose contact with
//   a no-contact relation and always supervise a supervised-only one; every text a worker sees
//   (rationales, findings, notes, questions) is in all three languages; adherence lies in 0..1;
// - no call takes longer than Options::slow_call.
//
// Loaded libraries are never unloaded (as in the host): objects of a plugin must not outlive its
// code, and the kit cannot know what a plugin left behind.
#pragma once

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include <boost/dll/shared_library.hpp>

#include "kinbridge/plugin/abi.h"
#include "kinbridge/plugin/capabilities.h"
#include "kinbridge/plugin/descriptor.h"
#include "kinbridge/plugin/host_services.h"
#include "kinbridge/plugin/method.h"
#include "kinbridge/plugin/method_info.h"
#include "kinbridge/plugin/registrar.h"
#include "kinbridge/plugin/snapshot.h"
#include "kinbridge/plugin/text.h"
#include "kinbridge/version.h"

namespace kinbridge::plugin::conformance {

struct Options {
  // Plugin files whose methods the plugin under test adapts (AdaptationSpec::base_id), e.g. the
  // vara_contact plugin for an adaptation of se.vara.contact. Default: none.
  std::vector<std::string> base_plugins;
  // The date every capability is asked with (MethodContext::today). Default: a fixed date.
  std::string today = "2026-09-15";
  // Relations in the large case snapshot, and children in the large group. Default: 500, 300.
  int many_relations = 500;
  int many_children = 300;
  // A single call slower than this is a problem: the host calls methods while a worker waits.
  std::chrono::milliseconds slow_call{2000};
  // At most this many problems are listed; the rest are counted. Default: 50.
  std::size_t max_problems = 50;
};

struct Problem {
  // "descriptor", "registration", "metadata", "exception", "deterministic", "output", "slow"
  std::string check;
  // What was being checked: "se.vara.contact@1.0.0 ContactPlanning::Propose [many relations]".
  std::string subject;
  // What is wrong, with the value found and what was expected.
  std::string message;
};

inline std::string ToString(const Problem& problem) {
  return problem.check + ": " + problem.subject + ": " + problem.message;
}

struct Report {
  std::string file;                  // the plugin file checked ("" for CheckMethod)
  std::string plugin;                // "vara_contact 1.0.0", from the descriptor
  std::vector<std::string> methods;  // id@version of every method checked
  int calls = 0;                     // capability calls made
  std::vector<Problem> problems;     // empty: the plugin conforms
  std::size_t more_problems = 0;     // problems found beyond Options::max_problems

  bool ok() const { return problems.empty(); }
  std::string ToString() const {
    std::ostringstream out;
    out << "conformance of " << (file.empty() ? std::string("a method") : file);
    if (!plugin.empty()) out << " (" << plugin << ")";
    out << ": ";
    if (ok()) {
      out << "conforms";
    } else {
      out << problems.size() + more_problems << " problem(s)";
    }
    out << "; methods:";
    for (const auto& m : methods) out << ' ' << m;
    out << "; " << calls << " calls\n";
    for (const auto& p : problems) out << "  " << conformance::ToString(p) << '\n';
    if (more_problems > 0) out << "  ... and " << more_problems << " more\n";
    return out.str();
  }
};

namespace detail {

inline const std::vector<std::string>& Languages() {
  static const std::vector<std::string> languages = {"en", "sv", "zh_CN"};
  return languages;
}

// Collects problems, once each (the same defect shows in many cases) and up to a limit.
class Collector {
 public:
  Collector(Report& report, const Options& options) : report_(report), options_(options) {}

  void Add(std::string check, std::string subject, std::string message) {
    // The same defect, with other keys or numbers in its message, is listed once.
    std::string key = check + '\n';
    for (char ch : message) {
      if (ch < '0' || ch > '9') {
        key += ch;
      } else if (key.back() != '#') {
        key += '#';
      }
    }
    if (!seen_.insert(key).second) return;
    if (report_.problems.size() >= options_.max_problems) {
      ++report_.more_problems;
      return;
    }
    report_.problems.push_back({std::move(check), std::move(subject), std::move(message)});
  }
  const Options& options() const { return options_; }
  Report& report() { return report_; }

 private:
  Report& report_;
  const Options& options_;
  std::set<std::string> seen_;
};

inline std::string Quote(std::string_view text) { return "'" + std::string(text) + "'"; }

inline std::string MissingLanguages(const LocalizedText& text) {
  std::string missing;
  for (const auto& language : Languages()) {
    auto it = text.find(language);
    if (it == text.end() || it->second.empty()) missing += (missing.empty() ? "" : ", ") + language;
  }
  return missing;
}

// Adds a problem when `text` lacks a language; `what` names the text.
inline void ExpectComplete(Collector& c, const std::string& check, const std::string& subject,
                           const std::string& what, const LocalizedText& text) {
  const std::string missing = MissingLanguages(text);
  if (!missing.empty()) {
    const auto en = text.find("en");
    c.Add(check, subject,
          what + (en != text.end() && !en->second.empty() ? " " + Quote(en->second) : "") +
              " has no text in " + missing + " (every text needs en, sv and zh_CN)");
  }
}

inline bool IsNumber(std::string_view text) {
  return !text.empty() && text.size() < 10 &&
         std::all_of(text.begin(), text.end(), [](char ch) { return ch >= '0' && ch <= '9'; }) &&
         (text.size() == 1 || text[0] != '0');
}

inline bool IsSemanticVersion(std::string_view v) {
  const std::size_t a = v.find('.');
  if (a == std::string_view::npos) return false;
  const std::size_t b = v.find('.', a + 1);
  if (b == std::string_view::npos) return false;
  return IsNumber(v.substr(0, a)) && IsNumber(v.substr(a + 1, b - a - 1)) &&
         IsNumber(v.substr(b + 1));
}

inline bool IsMethodId(std::string_view id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '.' || ch == '-' || ch == '_';
  });
}

// "HH:MM", 00:00 to 23:59.
inline bool IsClockTime(std::string_view t) {
  if (t.size() != 5 || t[2] != ':') return false;
  for (std::size_t i : {0, 1, 3, 4}) {
    if (t[i] < '0' || t[i] > '9') return false;
  }
  const int hours = (t[0] - '0') * 10 + (t[1] - '0');
  const int minutes = (t[3] - '0') * 10 + (t[4] - '0');
  return hours < 24 && minutes < 60;
}

// ---- Textual dumps, so that two outputs can be compared --------------------------------------

inline std::string Dump(const LocalizedText& text) {
  std::string out = "{";
  for (const auto& [language, value] : text) out += language + "=" + value + "|";
  return out + "}";
}

inline std::string Dump(const std::vector<Finding>& findings) {
  std::ostringstream out;
  for (const auto& f : findings) {
    out << "finding " << static_cast<int>(f.severity) << ';' << f.code << ';' << f.component << ';'
        << f.subject << ';' << Dump(f.message) << '\n';
  }
  return out.str();
}

inline std::string Dump(const std::vector<Arrangement>& arrangements) {
  std::ostringstream out;
  for (const auto& a : arrangements) {
    out << "arrangement " << a.relation_key << ';' << a.mode << ';' << a.rrule << ';'
        << a.start_time << ';' << a.duration_minutes << ';' << a.supervision << ';' << a.venue
        << ';' << Dump(a.rationale) << '\n';
  }
  return out.str();
}

inline std::string Dump(const ContactProposal& p) {
  return Dump(p.arrangements) + "review " + std::to_string(p.review_after_months) + '\n' +
         Dump(p.findings);
}

inline std::string Dump(const Validation& v) { return Dump(v.findings); }

inline std::string Dump(const FollowUpReport& r) {
  std::ostringstream out;
  out.precision(17);
  for (const auto& [key, value] : r.adherence) out << "adherence " << key << '=' << value << '\n';
  for (const auto& f : r.fidelity) {
    out << "fidelity " << f.component << '=' << f.met << ';' << Dump(f.note) << '\n';
  }
  out << "next " << r.next_review_months << '\n';
  return out.str() + Dump(r.findings);
}

inline std::string Dump(const GroupProposal& p) {
  std::ostringstream out;
  for (const auto& g : p.groups) {
    out << "group " << g.label << ':';
    for (const auto& m : g.members) out << m << ',';
    out << '\n';
  }
  return out.str() + Dump(p.sessions) + Dump(p.findings);
}

inline std::string Dump(const std::vector<ChecklistItem>& items) {
  std::ostringstream out;
  for (const auto& i : items)
    out << "item " << i.id << ';' << i.required << ';' << Dump(i.question);
  return out.str();
}

inline std::string Dump(const AssessmentDecision& d) {
  return "decision " + d.decision + ';' + Dump(d.explanation) + '\n' + Dump(d.findings);
}

inline std::string Dump(int value) { return std::to_string(value); }

// ---- The host as the kit plays it ------------------------------------------------------------

class KitHost final : public HostServices {
 public:
  explicit KitHost(std::string today) : today_(std::move(today)) {}
  void Log(LogLevel, std::string_view) override {}
  std::string Today() const override { return today_; }
  std::string Language() const override { return "en"; }

 private:
  std::string today_;
};

class KitRegistrar final : public Registrar {
 public:
  explicit KitRegistrar(HostServices& services) : services_(services) {}
  void AddMethod(std::shared_ptr<Method> method) override { methods.push_back(std::move(method)); }
  void AddAdaptation(AdaptationSpec adaptation) override {
    adaptations.push_back(std::move(adaptation));
  }
  HostServices& host() override { return services_; }

  std::vector<std::shared_ptr<Method>> methods;
  std::vector<AdaptationSpec> adaptations;

 private:
  HostServices& services_;
};

// What one loaded plugin file registered.
struct Loaded {
  const PluginDescriptor* descriptor = nullptr;
  std::vector<std::shared_ptr<Method>> methods;
  std::vector<AdaptationSpec> adaptations;
};

inline std::string ExceptionText(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    return std::string("an exception escaped: ") + e.what();
  } catch (...) {
    return "an exception that is not a std::exception escaped";
  }
  return "an exception escaped";
}

// Loads `file`, checks its descriptor and runs its init(). nullopt when it cannot be used; the
// problems say why. The library stays loaded for the life of the process.
inline std::optional<Loaded> LoadPlugin(const std::string& file, Collector& c,
                                        HostServices& services, std::string* plugin_name) {
  namespace dll = boost::dll;
  static auto* resident = new std::vector<std::shared_ptr<dll::shared_library>>();
  std::shared_ptr<dll::shared_library> library;
  try {
    library = std::make_shared<dll::shared_library>(
        file, dll::load_mode::rtld_now | dll::load_mode::rtld_local);
  } catch (const std::exception& e) {
    c.Add("descriptor", file, std::string("the file could not be loaded: ") + e.what());
    return std::nullopt;
  }
  resident->push_back(library);
  if (!library->has(kDescriptorSymbol)) {
    c.Add("descriptor", file,
          std::string("it does not export ") + kDescriptorSymbol +
              " (declare the plugin with KINBRIDGE_METHOD_PLUGIN)");
    return std::nullopt;
  }
  Loaded loaded;
  try {
    loaded.descriptor = library->get_alias<DescriptorFunction>(kDescriptorSymbol)();
  } catch (...) {
    c.Add("descriptor", file, ExceptionText(std::current_exception()));
    return std::nullopt;
  }
  const PluginDescriptor* d = loaded.descriptor;
  if (d == nullptr) {
    c.Add("descriptor", file, "its descriptor function returned no descriptor");
    return std::nullopt;
  }
  auto text = [](const char* s) { return s == nullptr ? std::string() : std::string(s); };
  const std::string who = text(d->name) + " " + text(d->version) + " (" + file + ")";
  if (plugin_name != nullptr) *plugin_name = text(d->name) + " " + text(d->version);
  bool usable = true;
  if (d->struct_size != sizeof(PluginDescriptor)) {
    c.Add("descriptor", who,
          "its descriptor is " + std::to_string(d->struct_size) + " bytes; this SDK's is " +
              std::to_string(sizeof(PluginDescriptor)) + " (rebuild against this SDK)");
    usable = d->struct_size >= sizeof(PluginDescriptor);
  }
  if (d->abi_major != kAbiMajor || d->abi_minor > kAbiMinor) {
    c.Add("descriptor", who,
          "plugin ABI " + std::to_string(d->abi_major) + "." + std::to_string(d->abi_minor) +
              "; this SDK has " + std::to_string(kAbiMajor) + "." + std::to_string(kAbiMinor));
    usable = false;
  }
  if (text(d->sdk_version) != KINBRIDGE_VERSION_STRING) {
    c.Add("descriptor", who,
          "built against kinbridge SDK " + Quote(text(d->sdk_version)) + "; this SDK is " +
              KINBRIDGE_VERSION_STRING + " (the host refuses any other version)");
    usable = false;
  }
  if (text(d->toolchain) != KINBRIDGE_PLUGIN_TOOLCHAIN) {
    c.Add("descriptor", who,
          "built with toolchain " + Quote(text(d->toolchain)) + "; this SDK's tests use " +
              KINBRIDGE_PLUGIN_TOOLCHAIN +
              " (C++ objects cross the boundary: compiler, standard library and C++ standard "
              "must match the host's)");
    usable = false;
  }
  // Like the host, use no C++ object of a plugin whose descriptor does not match.
  if (!usable) return std::nullopt;
  if (!IsMethodId(text(d->name))) {
    c.Add("descriptor", who,
          "plugin name " + Quote(text(d->name)) +
              " is not valid (expected letters, digits, '.', '-' and '_', e.g. vara_contact)");
  }
  if (!IsSemanticVersion(text(d->version))) {
    c.Add("descriptor", who,
          "plugin version " + Quote(text(d->version)) +
              " is not a semantic version (expected MAJOR.MINOR.PATCH)");
  }
  if (text(d->license).empty()) {
    c.Add("descriptor", who, "no license (expected an SPDX id such as EUPL-1.2)");
  }
  if (text(d->origin).empty()) {
    c.Add("descriptor", who, "no origin (expected who made it, e.g. \"Vara kommun, SE\")");
  }
  if (d->init == nullptr) {
    c.Add("descriptor", who, "no init function");
    return std::nullopt;
  }
  KitRegistrar registrar(services);
  try {
    d->init(registrar);
  } catch (...) {
    c.Add("registration", who, "init(): " + ExceptionText(std::current_exception()));
    return std::nullopt;
  }
  if (registrar.methods.empty() && registrar.adaptations.empty()) {
    c.Add("registration", who, "init() registered no method and no adaptation");
  }
  for (auto& method : registrar.methods) {
    if (!method) {
      c.Add("registration", who, "init() registered an empty method pointer");
      continue;
    }
    loaded.methods.push_back(std::move(method));
  }
  for (auto& spec : registrar.adaptations) {
    if (!IsMethodId(spec.base_id) || spec.base_range.empty() || !spec.make) {
      c.Add("registration", who,
            "an adaptation of " + Quote(spec.base_id) + " (range " + Quote(spec.base_range) +
                ") needs a base method id, a version range such as ^1 and a make function");
      continue;
    }
    loaded.adaptations.push_back(std::move(spec));
  }
  return loaded;
}

// ---- The cases every capability is asked about -----------------------------------------------

inline RelationSnapshot Rel(std::string key, std::string kind, std::optional<int> age = {},
                            std::vector<std::string> restrictions = {}) {
  RelationSnapshot r;
  r.key = std::move(key);
  r.kind = std::move(kind);
  r.age_years = age;
  r.restrictions = std::move(restrictions);
  return r;
}

struct Case {
  std::string name;
  CaseSnapshot snapshot;
};

// A child in foster care in Sweden: mother restricted to supervised contact, father, brother,
// grandmother; one more relation under a no-contact restriction.
inline CaseSnapshot FosterCase() {
  CaseSnapshot c;
  c.key = "C1";
  c.age_years = 9;
  c.placement_type = "foster-family";
  c.legal_basis = "compulsory";
  c.country = "SE";
  c.months_in_placement = 16;
  c.relations = {Rel("R1", "mother", 34, {"supervised-only"}), Rel("R2", "father", 38),
                 Rel("R3", "sibling", 12), Rel("R4", "grandparent", 66),
                 Rel("R5", "other", 40, {"no-contact"})};
  c.relations[2].sibling_group = "G1";
  c.contacts_planned_90_days = 12;
  c.contacts_held_90_days = 9;
  c.child_view_recorded = true;
  c.school_key = "S1";
  return c;
}

// A left-behind child in China: parents working far away, grandparents caring for the child.
inline CaseSnapshot LeftBehindCase() {
  CaseSnapshot c;
  c.key = "C2";
  c.age_years = 10;
  c.placement_type = "left-behind";
  c.country = "CN";
  c.months_in_placement = 40;
  c.relations = {Rel("R1", "mother", 36), Rel("R2", "father", 39), Rel("R3", "grandparent", 68),
                 Rel("R4", "grandparent", 70)};
  c.relations[0].lives_away = true;
  c.relations[1].lives_away = true;
  c.relations[2].caregiver = true;
  c.relations[3].caregiver = true;
  c.school_key = "S2";
  return c;
}

// `n` relations of every kind, with every combination of flags and restrictions.
inline CaseSnapshot ManyRelationsCase(int n) {
  static const char* const kinds[] = {"mother", "father", "sibling", "grandparent", "other"};
  static const std::vector<std::vector<std::string>> restrictions = {
      {},
      {"supervised-only"},
      {"no-contact"},
      {"secret-address"},
      {"supervised-only", "secret-address"},
      {}};
  CaseSnapshot c = FosterCase();
  c.relations.clear();
  for (int i = 0; i < n; ++i) {
    RelationSnapshot r = Rel("R" + std::to_string(i + 1), kinds[i % 5]);
    if (i % 7 != 0) r.age_years = i % 90;
    r.caregiver = i % 11 == 0;
    r.in_contact = i % 13 != 0;
    r.lives_away = i % 3 == 0;
    r.restrictions = restrictions[static_cast<std::size_t>(i % 6)];
    if (r.kind == "sibling") r.sibling_group = "G" + std::to_string(i % 4 + 1);
    c.relations.push_back(std::move(r));
  }
  return c;
}

inline std::vector<Case> Cases(const Options& options) {
  std::vector<Case> cases;
  cases.push_back({"empty snapshot", CaseSnapshot{}});
  CaseSnapshot no_relations = FosterCase();
  no_relations.relations.clear();
  cases.push_back({"no relations", no_relations});
  cases.push_back({"foster care, SE", FosterCase()});
  cases.push_back({"left behind, CN", LeftBehindCase()});
  cases.push_back({std::to_string(options.many_relations) + " relations",
                   ManyRelationsCase(options.many_relations)});
  for (int age : {0, 17, 18, 99}) {
    CaseSnapshot c = FosterCase();
    c.age_years = age;
    c.relations[2].age_years = age == 0 ? 0 : 120;
    c.months_in_placement = age == 0 ? 0 : 240;
    cases.push_back({"child aged " + std::to_string(age), c});
  }
  for (const char* placement :
       {"kinship", "residential", "left-behind", "own-home", "", "unknown-type"}) {
    CaseSnapshot c = FosterCase();
    c.placement_type = placement;
    c.child_view_recorded = false;
    cases.push_back({"placement " + Quote(placement), c});
  }
  return cases;
}

struct Context {
  std::string name;
  MethodContext ctx;
};

// Every language with the declared defaults, then the numeric parameters at their bounds.
inline std::vector<Context> Contexts(const MethodInfo& info, const Options& options,
                                     HostServices* host) {
  std::vector<Context> contexts;
  ParameterValues defaults;
  for (const auto& spec : info.parameters) defaults[spec.name] = spec.default_value;
  for (const auto& language : Languages()) {
    contexts.push_back({language, {options.today, language, defaults, host}});
  }
  for (bool lower : {true, false}) {
    ParameterValues bounded = defaults;
    bool any = false;
    for (const auto& spec : info.parameters) {
      const std::optional<double>& bound = lower ? spec.min : spec.max;
      if (!bound) continue;
      if (spec.type == ParameterType::kInteger) {
        bounded[spec.name] =
            static_cast<std::int64_t>(lower ? std::ceil(*bound) : std::floor(*bound));
        any = true;
      } else if (spec.type == ParameterType::kNumber) {
        bounded[spec.name] = *bound;
        any = true;
      }
    }
    if (any) {
      contexts.push_back({lower ? "parameters at minimum" : "parameters at maximum",
                          {options.today, "en", bounded, host}});
    }
  }
  return contexts;
}

// ---- Checking one method ---------------------------------------------------------------------

class MethodChecker {
 public:
  MethodChecker(const Method& method, Collector& c, HostServices& host)
      : method_(method), c_(c), host_(host) {}

  void Run() {
    const MethodInfo* info = nullptr;
    try {
      info = &method_.Info();
    } catch (...) {
      c_.Add("exception", "a method", "Info(): " + ExceptionText(std::current_exception()));
      return;
    }
    info_ = *info;
    name_ = info_.id + "@" + info_.version;
    c_.report().methods.push_back(name_);
    CheckInfo();
    const ContactPlanning* planning = nullptr;
    const GroupPlanning* groups = nullptr;
    const FollowUp* follow_up = nullptr;
    const Assessment* assessment = nullptr;
    if (!Call("capabilities", [&] {
          planning = method_.contact_planning();
          groups = method_.group_planning();
          follow_up = method_.follow_up();
          assessment = method_.assessment();
        })) {
      return;
    }
    if (planning == nullptr && groups == nullptr && follow_up == nullptr && assessment == nullptr) {
      c_.Add("metadata", name_, "the method has no capability (expected at least one)");
    }
    const std::vector<Context> contexts = Contexts(info_, c_.options(), &host_);
    const std::vector<Case> cases = Cases(c_.options());
    for (const Context& context : contexts) {
      for (const Case& kase : cases) {
        const std::string where = " [" + kase.name + ", " + context.name + "]";
        if (planning != nullptr) CheckPlanning(*planning, kase.snapshot, context.ctx, where);
        if (follow_up != nullptr) CheckFollowUp(*follow_up, kase.snapshot, context.ctx, where);
      }
      if (groups != nullptr) CheckGroups(*groups, context, cases);
      if (assessment != nullptr) CheckAssessment(*assessment, context);
    }
  }

 private:
  // Runs `f`, catching what escapes and timing it; false when it threw.
  bool Call(const std::string& what, const std::function<void()>& f) {
    ++c_.report().calls;
    const auto start = std::chrono::steady_clock::now();
    try {
      f();
    } catch (...) {
      c_.Add("exception", name_ + " " + what, ExceptionText(std::current_exception()));
      return false;
    }
    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - start);
    if (took > c_.options().slow_call) {
      c_.Add("slow", name_ + " " + what,
             "took " + std::to_string(took.count()) + " ms (at most " +
                 std::to_string(c_.options().slow_call.count()) + " ms)");
    }
    return true;
  }

  // Calls `f` twice; the outputs must be equal. nullopt when a call threw.
  template <typename T>
  std::optional<T> Twice(const std::string& what, const std::function<T()>& f) {
    std::optional<T> first, second;
    if (!Call(what, [&] { first = f(); })) return std::nullopt;
    if (!Call(what, [&] { second = f(); })) return std::nullopt;
    const std::string a = Dump(*first), b = Dump(*second);
    if (a != b) {
      c_.Add("deterministic", name_ + " " + what,
             "the same input gave different outputs:\n    first:  " + a + "\n    second: " + b);
    }
    return first;
  }

  void CheckInfo() {
    const std::string& n = name_;
    if (!IsMethodId(info_.id)) {
      c_.Add(
          "metadata", n,
          "id " + Quote(info_.id) +
              " is not valid (expected letters, digits, '.', '-' and '_', e.g. se.vara.contact)");
    }
    if (!IsSemanticVersion(info_.version)) {
      c_.Add("metadata", n,
             "version " + Quote(info_.version) + " is not MAJOR.MINOR.PATCH (e.g. 1.0.0)");
    }
    ExpectComplete(c_, "metadata", n, "the title", info_.title);
    ExpectComplete(c_, "metadata", n, "the description", info_.description);
    if (info_.origin.empty())
      c_.Add("metadata", n, "no origin (e.g. \"Vara, Sweden\")");
    else
      ExpectComplete(c_, "metadata", n, "the origin", info_.origin);
    if (info_.kind.empty()) c_.Add("metadata", n, "no kind (contact, group, assessment...)");
    std::set<std::string> names;
    for (const ParameterSpec& p : info_.parameters) {
      const std::string what = "parameter " + Quote(p.name);
      if (p.name.empty() || !names.insert(p.name).second) {
        c_.Add("metadata", n, what + " is unnamed or declared twice");
      }
      ExpectComplete(c_, "metadata", n, "the description of " + what, p.description);
      std::optional<double> value;
      bool typed = false;
      switch (p.type) {
        case ParameterType::kInteger:
          typed = std::holds_alternative<std::int64_t>(p.default_value);
          if (typed) value = static_cast<double>(std::get<std::int64_t>(p.default_value));
          break;
        case ParameterType::kNumber:
          typed = std::holds_alternative<double>(p.default_value) ||
                  std::holds_alternative<std::int64_t>(p.default_value);
          if (std::holds_alternative<double>(p.default_value)) {
            value = std::get<double>(p.default_value);
          } else if (typed) {
            value = static_cast<double>(std::get<std::int64_t>(p.default_value));
          }
          break;
        case ParameterType::kBoolean: typed = std::holds_alternative<bool>(p.default_value); break;
        case ParameterType::kText:
          typed = std::holds_alternative<std::string>(p.default_value);
          break;
      }
      if (!typed) c_.Add("metadata", n, what + ": the default is not of the declared type");
      if (p.min && p.max && *p.min > *p.max) {
        c_.Add("metadata", n, what + ": the minimum is above the maximum");
      }
      if (value && ((p.min && *value < *p.min) || (p.max && *value > *p.max))) {
        c_.Add("metadata", n, what + ": the default lies outside the bounds");
      }
    }
    std::set<std::string> ids;
    for (const CoreComponent& component : info_.components) {
      if (component.id.empty() || !ids.insert(component.id).second) {
        c_.Add("metadata", n, "core component " + Quote(component.id) + " is unnamed or twice");
      }
      ExpectComplete(c_, "metadata", n, "the title of core component " + Quote(component.id),
                     component.title);
    }
    if (info_.components.empty()) {
      c_.Add("metadata", n,
             "no core components (declare what makes the method this method, with its "
             "fidelity class)");
    }
    if (!info_.base_id.empty()) {
      if (info_.base_range.empty()) {
        c_.Add("metadata", n, "an adaptation of " + info_.base_id + " without a base_range");
      }
      if (info_.frame.empty()) {
        c_.Add("metadata", n,
               "an adaptation of " + info_.base_id +
                   " without FRAME records (document what was changed and why)");
      }
      for (std::size_t i = 0; i < info_.frame.size(); ++i) {
        const FrameRecord& f = info_.frame[i];
        const std::string what = "FRAME record " + std::to_string(i + 1);
        if (f.what.empty() || f.nature.empty() || f.reason.empty()) {
          c_.Add("metadata", n, what + " lacks what was modified, its nature or the reason");
        }
        ExpectComplete(c_, "metadata", n, "the description of " + what, f.description);
        ExpectComplete(c_, "metadata", n, "the reason of " + what, f.reason);
        // Who decided and the goal may be left out; when given, they are read everywhere.
        if (!f.decided_by.empty()) {
          ExpectComplete(c_, "metadata", n, "who decided " + what, f.decided_by);
        }
        if (!f.goal.empty()) ExpectComplete(c_, "metadata", n, "the goal of " + what, f.goal);
      }
    }
  }

  void CheckFindings(const std::string& what, const std::vector<Finding>& findings) {
    for (const Finding& f : findings) {
      if (f.code.empty()) c_.Add("output", name_ + " " + what, "a finding without a code");
      ExpectComplete(c_, "output", name_ + " " + what, "finding " + Quote(f.code), f.message);
    }
  }

  void CheckArrangement(const std::string& what, const Arrangement& a) {
    static const std::set<std::string> modes = {"visit", "phone", "video", "letter", "message"};
    static const std::set<std::string> supervision = {"supervised", "monitored", "unsupervised"};
    const std::string subject = name_ + " " + what;
    const std::string which = "arrangement " + a.relation_key + "/" + a.mode;
    if (modes.count(a.mode) == 0) {
      c_.Add("output", subject,
             which + ": mode " + Quote(a.mode) + " is not visit, phone, video, letter or message");
    }
    if (supervision.count(a.supervision) == 0) {
      c_.Add("output", subject,
             which + ": supervision " + Quote(a.supervision) +
                 " is not supervised, monitored or unsupervised");
    }
    if (a.rrule.rfind("FREQ=", 0) != 0 && a.rrule.find(";FREQ=") == std::string::npos) {
      c_.Add("output", subject,
             which + ": rrule " + Quote(a.rrule) +
                 " has no FREQ (expected an RFC 5545 rule without \"RRULE:\", e.g. "
                 "FREQ=WEEKLY;BYDAY=SU)");
    }
    if (!IsClockTime(a.start_time)) {
      c_.Add("output", subject, which + ": start time " + Quote(a.start_time) + " is not HH:MM");
    }
    if (a.duration_minutes <= 0 || a.duration_minutes > 24 * 60) {
      c_.Add("output", subject,
             which + ": duration " + std::to_string(a.duration_minutes) +
                 " minutes is not between 1 and 1440");
    }
    ExpectComplete(c_, "output", subject, "the rationale of " + which, a.rationale);
  }

  void CheckPlanning(const ContactPlanning& planning, const CaseSnapshot& child,
                     const MethodContext& ctx, const std::string& where) {
    const std::string propose = "ContactPlanning::Propose" + where;
    std::optional<ContactProposal> proposal =
        Twice<ContactProposal>(propose, [&] { return planning.Propose(child, ctx); });
    PlanDraft draft;
    draft.child_view_recorded = child.child_view_recorded;
    if (proposal) {
      std::map<std::string, const RelationSnapshot*> relations;
      for (const auto& r : child.relations) relations[r.key] = &r;
      for (const Arrangement& a : proposal->arrangements) {
        CheckArrangement(propose, a);
        auto found = relations.find(a.relation_key);
        if (found == relations.end()) {
          c_.Add("output", name_ + " " + propose,
                 "an arrangement for relation " + Quote(a.relation_key) +
                     ", which is not in the snapshot");
          continue;
        }
        if (found->second->Has("no-contact")) {
          c_.Add("output", name_ + " " + propose,
                 "proposes contact with " + a.relation_key + ", who has a no-contact restriction");
        }
        if (found->second->Has("supervised-only") && a.supervision != "supervised") {
          c_.Add("output", name_ + " " + propose,
                 "proposes " + Quote(a.supervision) + " contact with " + a.relation_key +
                     ", who is restricted to supervised contact");
        }
      }
      if (proposal->review_after_months < 1) {
        c_.Add("output", name_ + " " + propose,
               "review_after_months is " + std::to_string(proposal->review_after_months) +
                   " (expected 1 or more)");
      }
      CheckFindings(propose, proposal->findings);
      draft.arrangements = proposal->arrangements;
    }
    for (bool for_approval : {false, true}) {
      draft.for_approval = for_approval;
      const std::string validate =
          std::string("ContactPlanning::Validate") + (for_approval ? " for approval" : "") + where;
      std::optional<Validation> v =
          Twice<Validation>(validate, [&] { return planning.Validate(draft, child, ctx); });
      if (!v) continue;
      CheckFindings(validate, v->findings);
      if (proposal && draft.child_view_recorded && v->HasErrors()) {
        std::string codes;
        for (const Finding& f : v->findings) {
          if (f.severity == Severity::kError) codes += (codes.empty() ? "" : ", ") + f.code;
        }
        c_.Add("output", name_ + " " + validate,
               "the method's own proposal, with the child's view recorded, has errors: " + codes);
      }
    }
    // A plan the method did not make, with values no worker should enter.
    PlanDraft odd;
    Arrangement junk;
    junk.relation_key = "R404";
    junk.mode = "carrier-pigeon";
    junk.start_time = "25:99";
    junk.duration_minutes = 0;
    odd.arrangements = {junk, Arrangement{}};
    odd.for_approval = true;
    const std::string validate = "ContactPlanning::Validate(a malformed plan)" + where;
    std::optional<Validation> v =
        Twice<Validation>(validate, [&] { return planning.Validate(odd, child, ctx); });
    if (v) CheckFindings(validate, v->findings);
  }

  void CheckFollowUp(const FollowUp& follow_up, const CaseSnapshot& child, const MethodContext& ctx,
                     const std::string& where) {
    const std::string cadence = "FollowUp::ReviewCadenceMonths" + where;
    std::optional<int> months =
        Twice<int>(cadence, [&] { return follow_up.ReviewCadenceMonths(child, ctx); });
    if (months && *months < 1) {
      c_.Add("output", name_ + " " + cadence,
             "returned " + std::to_string(*months) + " (expected 1 or more)");
    }
    std::set<std::string> components;
    for (const auto& component : info_.components) components.insert(component.id);
    std::vector<std::pair<std::string, DeliveryRecord>> deliveries;
    DeliveryRecord nothing;
    nothing.from = ctx.today;
    nothing.to = ctx.today;
    deliveries.emplace_back("nothing delivered", nothing);
    DeliveryRecord some = nothing;
    some.from = "2026-06-15";
    int i = 0;
    for (const auto& r : child.relations) {
      DeliveredArrangement d;
      d.relation_key = r.key;
      d.mode = i % 2 == 0 ? "visit" : "video";
      d.planned = i % 5;  // includes arrangements planned 0 times
      d.held = d.planned / 2;
      d.cancelled = d.planned - d.held;
      d.no_show = i % 3 == 0 ? d.cancelled : 0;
      some.arrangements.push_back(d);
      ++i;
    }
    some.child_view_recorded = child.child_view_recorded;
    deliveries.emplace_back("some delivered", some);
    DeliveryRecord breached = some;
    breached.restriction_breached = true;
    breached.child_view_recorded = false;
    deliveries.emplace_back("restriction breached", breached);
    for (const auto& [label, delivered] : deliveries) {
      const std::string review = "FollowUp::Review(" + label + ")" + where;
      std::optional<FollowUpReport> report =
          Twice<FollowUpReport>(review, [&] { return follow_up.Review(delivered, child, ctx); });
      if (!report) continue;
      for (const auto& [key, value] : report->adherence) {
        if (!std::isfinite(value) || value < 0 || value > 1) {
          c_.Add("output", name_ + " " + review,
                 "adherence " + Quote(key) + " is " + std::to_string(value) + " (expected 0 to 1)");
        }
      }
      for (const ComponentResult& f : report->fidelity) {
        if (components.count(f.component) == 0) {
          c_.Add("output", name_ + " " + review,
                 "fidelity names component " + Quote(f.component) +
                     ", which the method does not declare");
        }
        ExpectComplete(c_, "output", name_ + " " + review,
                       "the note on component " + Quote(f.component), f.note);
      }
      if (report->next_review_months < 1) {
        c_.Add("output", name_ + " " + review,
               "next_review_months is " + std::to_string(report->next_review_months) +
                   " (expected 1 or more)");
      }
      CheckFindings(review, report->findings);
    }
  }

  void CheckGroups(const GroupPlanning& groups, const Context& context,
                   const std::vector<Case>& cases) {
    std::vector<std::pair<std::string, std::vector<CaseSnapshot>>> sets;
    sets.emplace_back("no children", std::vector<CaseSnapshot>{});
    std::vector<CaseSnapshot> each;
    for (const Case& kase : cases) {
      CaseSnapshot c = kase.snapshot;
      c.key = "C" + std::to_string(each.size() + 1);
      each.push_back(std::move(c));
    }
    sets.emplace_back("one child of each case", each);
    std::vector<CaseSnapshot> many;
    for (int i = 0; i < c_.options().many_children; ++i) {
      CaseSnapshot c = LeftBehindCase();
      c.key = "C" + std::to_string(i + 1);
      c.age_years = i % 19;
      c.school_key = "S" + std::to_string(i % 5 + 1);
      if (i % 10 < 3) c.sibling_group = "G" + std::to_string(i / 10 + 1);
      many.push_back(std::move(c));
    }
    sets.emplace_back(std::to_string(many.size()) + " children", many);
    for (const auto& [label, children] : sets) {
      const std::string what = "GroupPlanning::FormGroups(" + label + ") [" + context.name + "]";
      std::optional<GroupProposal> proposal =
          Twice<GroupProposal>(what, [&] { return groups.FormGroups(children, context.ctx); });
      if (!proposal) continue;
      std::set<std::string> keys, placed;
      for (const auto& c : children) keys.insert(c.key);
      for (const auto& g : proposal->groups) {
        if (g.label.empty()) c_.Add("output", name_ + " " + what, "a group without a label");
        for (const auto& member : g.members) {
          if (keys.count(member) == 0) {
            c_.Add("output", name_ + " " + what,
                   "group " + Quote(g.label) + " has member " + Quote(member) +
                       ", who is not among the children");
          } else if (!placed.insert(member).second) {
            c_.Add("output", name_ + " " + what, member + " is placed in two groups");
          }
        }
      }
      for (const Arrangement& session : proposal->sessions) {
        if (session.rrule.empty() || !IsClockTime(session.start_time) ||
            session.duration_minutes <= 0) {
          c_.Add("output", name_ + " " + what,
                 "a session without a rule, an HH:MM start time or a positive duration");
        }
        ExpectComplete(c_, "output", name_ + " " + what, "a session's rationale",
                       session.rationale);
      }
      CheckFindings(what, proposal->findings);
    }
    std::vector<LeaderSnapshot> leaders(3);
    leaders[0] = {"L1", "teacher", true, "2026-01-10"};
    leaders[1] = {"L2", "centre-staff", false, ""};
    for (const LeaderSnapshot& leader : leaders) {
      const std::string what =
          "GroupPlanning::CheckLeader(" + Quote(leader.role) + ") [" + context.name + "]";
      std::optional<Validation> v =
          Twice<Validation>(what, [&] { return groups.CheckLeader(leader, context.ctx); });
      if (v) CheckFindings(what, v->findings);
    }
  }

  void CheckAssessment(const Assessment& assessment, const Context& context) {
    const std::string checklist = "Assessment::Checklist [" + context.name + "]";
    std::optional<std::vector<ChecklistItem>> items = Twice<std::vector<ChecklistItem>>(
        checklist, [&] { return assessment.Checklist(context.ctx); });
    if (!items) return;
    std::set<std::string> ids;
    for (const ChecklistItem& item : *items) {
      if (item.id.empty() || !ids.insert(item.id).second) {
        c_.Add("output", name_ + " " + checklist, "item " + Quote(item.id) + " unnamed or twice");
      }
      ExpectComplete(c_, "output", name_ + " " + checklist, "the question of " + Quote(item.id),
                     item.question);
    }
    if (items->empty()) c_.Add("output", name_ + " " + checklist, "an empty checklist");
    std::vector<std::pair<std::string, std::map<std::string, std::string>>> answer_sets;
    for (const char* answer : {"yes", "no", "unknown"}) {
      std::map<std::string, std::string> answers;
      for (const auto& item : *items) answers[item.id] = answer;
      answer_sets.emplace_back(std::string("all ") + answer, answers);
    }
    answer_sets.emplace_back("no answers", std::map<std::string, std::string>{});
    answer_sets.emplace_back("unknown items and answers",
                             std::map<std::string, std::string>{{"no-such-item", "maybe"}});
    for (const auto& [label, answers] : answer_sets) {
      const std::string what = "Assessment::Decide(" + label + ") [" + context.name + "]";
      std::optional<AssessmentDecision> d =
          Twice<AssessmentDecision>(what, [&] { return assessment.Decide(answers, context.ctx); });
      if (!d) continue;
      if (d->decision.empty()) c_.Add("output", name_ + " " + what, "an empty decision");
      ExpectComplete(c_, "output", name_ + " " + what, "the explanation", d->explanation);
      CheckFindings(what, d->findings);
    }
  }

  const Method& method_;
  Collector& c_;
  HostServices& host_;
  MethodInfo info_;
  std::string name_ = "a method";
};

inline const Method* NewestWithId(const std::vector<std::shared_ptr<Method>>& methods,
                                  const std::string& id) {
  auto parts = [](const std::string& v) {
    std::vector<long> out;
    std::istringstream in(v);
    for (std::string part; std::getline(in, part, '.');) {
      out.push_back(IsNumber(part) ? std::stol(part) : -1);
    }
    return out;
  };
  const Method* best = nullptr;
  for (const auto& m : methods) {
    try {
      if (m->Info().id == id &&
          (best == nullptr || parts(best->Info().version) < parts(m->Info().version))) {
        best = m.get();
      }
    } catch (...) {
      // Reported when the method itself is checked.
    }
  }
  return best;
}

// Makes `spec`'s adaptation from the newest method in `available` with its base id; adds the
// result to `made`. False (with a problem) when no base is available or make() fails.
inline bool MakeAdaptation(const AdaptationSpec& spec,
                           const std::vector<std::shared_ptr<Method>>& available,
                           std::vector<std::shared_ptr<Method>>& made, Collector& c,
                           const std::string& who, bool report_missing_base) {
  const Method* base = NewestWithId(available, spec.base_id);
  if (base == nullptr) {
    if (report_missing_base) {
      c.Add("registration", who,
            "adapts " + spec.base_id + " (" + spec.base_range +
                "), which no plugin given in Options::base_plugins registers (pass the base "
                "method's plugin file there)");
    }
    return false;
  }
  std::shared_ptr<const Method> base_ptr;
  for (const auto& m : available) {
    if (m.get() == base) base_ptr = m;
  }
  std::shared_ptr<Method> adapted;
  try {
    adapted = spec.make(base_ptr);
  } catch (...) {
    c.Add("registration", who,
          "making the adaptation of " + spec.base_id + ": " +
              ExceptionText(std::current_exception()));
    return false;
  }
  if (!adapted) {
    c.Add("registration", who, "the adaptation of " + spec.base_id + ": make() returned null");
    return false;
  }
  try {
    if (adapted->Info().base_id != spec.base_id) {
      c.Add("registration", who,
            "the adaptation of " + spec.base_id + " names base " + Quote(adapted->Info().base_id) +
                " in its MethodInfo");
    }
  } catch (...) {
    // Reported when the method itself is checked.
  }
  made.push_back(std::move(adapted));
  return true;
}

}  // namespace detail

// Checks one method object directly, without a plugin file: metadata and every capability it
// has. Useful in a method's own unit tests.
inline Report CheckMethod(const Method& method, const Options& options = {}) {
  Report report;
  detail::Collector c(report, options);
  detail::KitHost host(options.today);
  detail::MethodChecker(method, c, host).Run();
  return report;
}

// Loads the plugin file as the host does and checks it and every method it registers.
inline Report CheckPlugin(const std::string& file, const Options& options = {}) {
  Report report;
  report.file = file;
  detail::Collector c(report, options);
  // A plugin may keep the host it was given at init(), so every host lives as long as the
  // libraries, which are never unloaded.
  static auto* hosts = new std::vector<std::unique_ptr<detail::KitHost>>();
  detail::KitHost* host = hosts->emplace_back(new detail::KitHost(options.today)).get();

  // Methods of the base plugins, with their own adaptations resolved among them.
  std::vector<std::shared_ptr<Method>> available;
  std::vector<std::pair<std::string, AdaptationSpec>> pending;
  for (const std::string& base_file : options.base_plugins) {
    std::optional<detail::Loaded> base = detail::LoadPlugin(base_file, c, *host, nullptr);
    if (!base) continue;
    available.insert(available.end(), base->methods.begin(), base->methods.end());
    for (auto& spec : base->adaptations) pending.emplace_back(base_file, std::move(spec));
  }
  for (bool progress = true; progress && !pending.empty();) {
    progress = false;
    for (auto it = pending.begin(); it != pending.end();) {
      if (detail::MakeAdaptation(it->second, available, available, c, it->first, false)) {
        it = pending.erase(it);
        progress = true;
      } else {
        ++it;
      }
    }
  }

  std::optional<detail::Loaded> loaded = detail::LoadPlugin(file, c, *host, &report.plugin);
  if (!loaded) return report;
  std::vector<std::shared_ptr<Method>> to_check = loaded->methods;
  available.insert(available.end(), loaded->methods.begin(), loaded->methods.end());
  for (const AdaptationSpec& spec : loaded->adaptations) {
    std::vector<std::shared_ptr<Method>> made;
    if (detail::MakeAdaptation(spec, available, made, c, report.plugin, true)) {
      to_check.insert(to_check.end(), made.begin(), made.end());
    }
  }
  for (const auto& method : to_check) detail::MethodChecker(*method, c, *host).Run();
  return report;
}

}  // namespace kinbridge::plugin::conformance
