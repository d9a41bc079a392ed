// Time as the workspace sees it: the system clock, or a fixed one for tests and demos.
#pragma once

#include <mutex>
#include <optional>
#include <string>

#include "kinbridge/date.h"

namespace kinbridge::detail {

// libical's zone tables are not thread-safe: every use of them in kinbridge holds this lock.
std::mutex& LibicalZoneMutex();

// The current UTC time as "YYYY-MM-DDTHH:MM:SSZ".
std::string UtcNow();

// True for a time-zone name the system's zone data knows ("Europe/Stockholm").
bool IsKnownTimeZone(const std::string& zone);

// Today's date in `zone`; precondition: IsKnownTimeZone(zone).
Date TodayIn(const std::string& zone);

// A timestamp "YYYY-MM-DDTHH:MM:SSZ" is well formed.
bool IsUtcTimestamp(const std::string& text);

}  // namespace kinbridge::detail
