#include "common/clock.h"

#include <chrono>
#include <ctime>
#include <functional>
#include <map>
#include <mutex>
#include <shared_mutex>

#include <cctz/civil_time.h>
#include <cctz/time_zone.h>

#include <fmt/format.h>

namespace kinbridge::detail {

std::string UtcNow() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", utc.tm_year + 1900, utc.tm_mon + 1,
                     utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec);
}

namespace {

// A name as the IANA database spells its zones: letters, digits and "_+-" in "/"-separated
// parts, no "." (so no path can climb out of the zone directory). CCTZ would also read an
// absolute path, "localtime" or a "Fixed/UTC+01:00" offset; none of those is a municipality's
// zone. The "right/" zones count leap seconds, which civil time here does not.
bool IsZoneName(const std::string& name) {
  if (name.empty() || name.size() > 64 || name.front() == '/' || name.back() == '/') return false;
  if (name == "localtime" || name.starts_with("right/")) return false;
  for (char c : name) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '+' || c == '-' || c == '/';
    if (!ok) return false;
  }
  return name.find("//") == std::string::npos;
}

}  // namespace

const cctz::time_zone* TimeZoneNamed(const std::string& zone) {
  // Zones by name; a map's nodes stay put, so the pointers handed out stay valid. Names that
  // are not known are not kept (they come from input).
  static std::shared_mutex mutex;
  static std::map<std::string, cctz::time_zone, std::less<>> zones;
  {
    std::shared_lock lock(mutex);
    if (auto found = zones.find(zone); found != zones.end()) return &found->second;
  }
  if (!IsZoneName(zone)) return nullptr;
  cctz::time_zone loaded;
  if (!cctz::load_time_zone(zone, &loaded)) return nullptr;
  std::unique_lock lock(mutex);
  return &zones.emplace(zone, loaded).first->second;
}

bool IsKnownTimeZone(const std::string& zone) { return TimeZoneNamed(zone) != nullptr; }

Date TodayIn(const std::string& zone) {
  const cctz::time_zone* tz = TimeZoneNamed(zone);
  const cctz::civil_day today(
      cctz::convert(std::chrono::system_clock::now(), tz != nullptr ? *tz : cctz::utc_time_zone()));
  return Date(static_cast<int>(today.year()), static_cast<unsigned>(today.month()),
              static_cast<unsigned>(today.day()));
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
