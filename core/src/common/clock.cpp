#include "common/clock.h"

#include <libical/ical.h>

#include <chrono>
#include <ctime>
#include <mutex>

#include <fmt/format.h>

namespace kinbridge::detail {

std::mutex& LibicalZoneMutex() {
  static std::mutex mutex;
  return mutex;
}

std::string UtcNow() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", utc.tm_year + 1900, utc.tm_mon + 1,
                     utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec);
}

bool IsKnownTimeZone(const std::string& zone) {
  if (zone == "UTC") return true;
  std::lock_guard lock(LibicalZoneMutex());
  return icaltimezone_get_builtin_timezone(zone.c_str()) != nullptr;
}

Date TodayIn(const std::string& zone) {
  icaltimezone* tz = nullptr;
  {
    std::lock_guard lock(LibicalZoneMutex());
    tz = zone == "UTC" ? icaltimezone_get_utc_timezone()
                       : icaltimezone_get_builtin_timezone(zone.c_str());
  }
  if (tz == nullptr) tz = icaltimezone_get_utc_timezone();
  const icaltimetype now = icaltime_current_time_with_zone(tz);
  return Date(now.year, static_cast<unsigned>(now.month), static_cast<unsigned>(now.day));
}

bool IsUtcTimestamp(const std::string& text) {
  // YYYY-MM-DDTHH:MM:SSZ
  if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
      text[16] != ':' || text[19] != 'Z') {
    return false;
  }
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18}) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  return Date::Parse(text.substr(0, 10), "timestamp").ok() && text.substr(11, 2) < "24" &&
         text.substr(14, 2) < "60" && text.substr(17, 2) < "61";
}

}  // namespace kinbridge::detail
