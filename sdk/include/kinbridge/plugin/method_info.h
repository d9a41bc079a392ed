// What a method says about itself: identity, parameters, core components and, for an
// adaptation, its base and the FRAME records of what was changed and why.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "kinbridge/plugin/text.h"

namespace kinbridge::plugin {

enum class ParameterType { kInteger, kNumber, kBoolean, kText };

// A parameter's value: integer, number, boolean or text, by ParameterType.
using ParameterValue = std::variant<std::int64_t, double, bool, std::string>;
using ParameterValues = std::map<std::string, ParameterValue>;

struct ParameterSpec {
  std::string name;  // "parent_visit_interval_weeks"
  ParameterType type = ParameterType::kInteger;
  ParameterValue default_value = std::int64_t{0};
  std::optional<double> min;  // numeric parameters: inclusive bounds
  std::optional<double> max;
  LocalizedText description;
};

// How much a core component matters to fidelity (Carroll et al.; the method's own manual).
enum class FidelityClass {
  kEssential,   // without it, it is not this method
  kNecessary,   // expected; its absence lowers fidelity
  kAcceptable,  // may be adapted freely
  kProscribed,  // must not happen when delivering this method
};

struct CoreComponent {
  std::string id;  // "child-view"
  LocalizedText title;
  FidelityClass fidelity = FidelityClass::kEssential;
};

// One documented modification of a method (FRAME: Wiltsey Stirman et al. 2019).
struct FrameRecord {
  std::string when;          // "pre-implementation", "implementation", "scale-up", "maintenance"
  bool planned = true;       // planned (proactive) or unplanned (reactive)
  LocalizedText decided_by;  // who decided
  std::string what;          // "content", "context", "training", "implementation"
  std::string level;         // "individual", "group", "organisation", "network", "population"...
  std::string nature;        // "tailoring", "adding", "removing", "shortening", "substituting",
                             // "reordering", "integrating"; for context: "format", "setting",
                             // "personnel", "population"
  std::string component;     // the core component concerned, if any
  bool fidelity_consistent = true;  // core components preserved
  // Written by people for people in other municipalities, so in every language the method
  // carries, like the description. A goal's English text may be one of FRAME's own ("improve
  // fit", "increase reach"...), which the host translates when a language is missing.
  LocalizedText goal;
  LocalizedText reason;  // "parents work far away", ...
  LocalizedText description;
};

struct MethodInfo {
  std::string id;       // reverse domain of the origin: "se.vara.contact"
  std::string version;  // semantic version "1.2.0"
  LocalizedText title;
  LocalizedText description;
  // The municipality the method comes from, as its readers name it: "Vara, Sweden", "瑞典瓦拉".
  LocalizedText origin;
  std::string kind;  // "contact", "group", "assessment", "prevention"
  std::vector<ParameterSpec> parameters;
  std::vector<CoreComponent> components;
  // For an adaptation: the base it adapts and the version range it accepts ("^1", ">=1.2 <2"),
  // and what was changed. Empty for an original method.
  std::string base_id;
  std::string base_range;
  std::vector<FrameRecord> frame;
};

}  // namespace kinbridge::plugin
