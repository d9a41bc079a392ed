// What the host offers a plugin: logging, the date, texts in the user's language.
#pragma once

#include <string>
#include <string_view>

#include "kinbridge/plugin/abi.h"

namespace kinbridge::plugin {

enum class LogLevel { kDebug, kInfo, kWarning, kError };

// Implemented by the host; plugins only call it. Thread-safe.
class KINBRIDGE_PLUGIN_API HostServices {
 public:
  virtual void Log(LogLevel level, std::string_view message) = 0;
  // "YYYY-MM-DD": today as the host sees it (fixed in tests and demos).
  virtual std::string Today() const = 0;
  // The user's language: "sv", "zh_CN", "en".
  virtual std::string Language() const = 0;

 protected:
  ~HostServices() = default;  // plugins never delete the host
};

}  // namespace kinbridge::plugin
