// Profiles: adaptation without code. A JSON file sets parameter values and texts of a method
// and documents the change with FRAME records; the host wraps the base method with it.
#pragma once

#include <memory>
#include <string>

#include "kinbridge/plugin/plugin.h"
#include "kinbridge/result.h"

namespace kinbridge::detail {

// A parsed, validated profile:
// {
//   "id": "cn.huangshan.contact-short",        (the adapted method's id)
//   "version": "1.0.0",
//   "base": "se.vara.contact", "base_range": "^1",
//   "title": {"en": "...", "sv": "...", "zh_CN": "..."},        (optional)
//   "description": {...},                                        (optional)
//   "parameters": {"call_minutes": 20},
//   "frame": [{"when": "implementation", "planned": true, "decided_by": "...",
//              "what": "content", "level": "individual", "nature": "shortening",
//              "component": "", "fidelity_consistent": true, "goal": "...",
//              "reason": "...", "description": {"en": "..."}}]
// }
struct Profile {
  plugin::MethodInfo info;  // id, version, texts, base_id, base_range, frame
  plugin::ParameterValues parameters;
  std::string source_json;  // as read, for storing and transfer
};

// Parses `json_text`; InvalidArgument naming the field and what was expected.
Result<Profile> ParseProfile(const std::string& json_text);

// Checks the profile's parameters against the base's declared parameters: every name
// declared, every value of the declared type and within bounds. InvalidArgument naming the
// parameter, the value and the bounds.
Status CheckProfileAgainst(const Profile& profile, const plugin::MethodInfo& base);

// The base method seen through the profile: Info() is the profile's (with the base's
// parameters, defaults replaced by the profile's values, and its components); capabilities
// are the base's, called with the profile's parameter values.
std::shared_ptr<plugin::Method> ApplyProfile(const Profile& profile,
                                             std::shared_ptr<const plugin::Method> base);

// The parameter values a method is called with: each declared parameter's default.
plugin::ParameterValues DefaultParameters(const plugin::MethodInfo& info);

}  // namespace kinbridge::detail
