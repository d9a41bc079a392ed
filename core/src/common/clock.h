// Time as the workspace sees it: the system clock, or a fixed one for tests and demos; and the
// municipality's time zone.
#pragma once

#include <optional>
#include <string>

#include "kinbridge/date.h"

namespace cctz {
class time_zone;
}

namespace kinbridge::detail {

// The current UTC time as "YYYY-MM-DDTHH:MM:SSZ".
std::string UtcNow();

// The zone of an IANA name ("Europe/Stockholm") or "UTC", read once from the system's zone data
// (/usr/share/zoneinfo, through CCTZ) and kept for the life of the process; nullptr for a name
// the zone data does not know, or one that is not a zone name (a path, "localtime", a
// leap-second "right/" zone). Thread-safety: safe to call concurrently; the zone returned is
// immutable and safe to use from any thread.
const cctz::time_zone* TimeZoneNamed(const std::string& zone);

// True for a time-zone name the system's zone data knows ("Europe/Stockholm").
bool IsKnownTimeZone(const std::string& zone);

// Today's date in `zone`; precondition: IsKnownTimeZone(zone) (otherwise today in UTC).
Date TodayIn(const std::string& zone);

// A timestamp "YYYY-MM-DDTHH:MM:SSZ" is well formed.
bool IsUtcTimestamp(const std::string& text);

}  // namespace kinbridge::detail
