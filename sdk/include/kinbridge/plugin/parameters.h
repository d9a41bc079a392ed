// Reading a method's parameters inside a capability: the context's value, else the declared
// default, clamped to the declared bounds. For plugin authors; header-only.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "kinbridge/plugin/capabilities.h"
#include "kinbridge/plugin/method_info.h"

namespace kinbridge::plugin {

// Borrows `specs` and `ctx`, which must outlive the reader.
class ParameterReader {
 public:
  ParameterReader(const std::vector<ParameterSpec>& specs, const MethodContext& ctx)
      : specs_(specs), ctx_(ctx) {}

  std::int64_t Int(const std::string& name) const {
    const ParameterSpec* spec = Find(name);
    std::int64_t value = 0;
    if (spec != nullptr && std::holds_alternative<std::int64_t>(spec->default_value)) {
      value = std::get<std::int64_t>(spec->default_value);
    }
    if (auto it = ctx_.parameters.find(name); it != ctx_.parameters.end()) {
      if (std::holds_alternative<std::int64_t>(it->second)) {
        value = std::get<std::int64_t>(it->second);
      } else if (std::holds_alternative<double>(it->second)) {
        value = std::llround(std::get<double>(it->second));
      }
    }
    if (spec != nullptr && spec->min && static_cast<double>(value) < *spec->min) {
      value = static_cast<std::int64_t>(std::ceil(*spec->min));
    }
    if (spec != nullptr && spec->max && static_cast<double>(value) > *spec->max) {
      value = static_cast<std::int64_t>(std::floor(*spec->max));
    }
    return value;
  }

  double Number(const std::string& name) const {
    const ParameterSpec* spec = Find(name);
    double value = 0;
    if (spec != nullptr && std::holds_alternative<double>(spec->default_value)) {
      value = std::get<double>(spec->default_value);
    }
    if (auto it = ctx_.parameters.find(name); it != ctx_.parameters.end()) {
      if (std::holds_alternative<double>(it->second)) {
        value = std::get<double>(it->second);
      } else if (std::holds_alternative<std::int64_t>(it->second)) {
        value = static_cast<double>(std::get<std::int64_t>(it->second));
      }
    }
    if (spec != nullptr && spec->min) value = std::max(value, *spec->min);
    if (spec != nullptr && spec->max) value = std::min(value, *spec->max);
    return value;
  }

  bool Flag(const std::string& name) const {
    const ParameterSpec* spec = Find(name);
    bool value = spec != nullptr && std::holds_alternative<bool>(spec->default_value) &&
                 std::get<bool>(spec->default_value);
    if (auto it = ctx_.parameters.find(name);
        it != ctx_.parameters.end() && std::holds_alternative<bool>(it->second)) {
      value = std::get<bool>(it->second);
    }
    return value;
  }

  std::string Text(const std::string& name) const {
    const ParameterSpec* spec = Find(name);
    std::string value;
    if (spec != nullptr && std::holds_alternative<std::string>(spec->default_value)) {
      value = std::get<std::string>(spec->default_value);
    }
    if (auto it = ctx_.parameters.find(name);
        it != ctx_.parameters.end() && std::holds_alternative<std::string>(it->second)) {
      value = std::get<std::string>(it->second);
    }
    return value;
  }

 private:
  const ParameterSpec* Find(const std::string& name) const {
    for (const auto& spec : specs_) {
      if (spec.name == name) return &spec;
    }
    return nullptr;
  }

  const std::vector<ParameterSpec>& specs_;
  const MethodContext& ctx_;
};

}  // namespace kinbridge::plugin
