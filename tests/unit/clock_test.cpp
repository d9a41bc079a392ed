// The municipality's time zone: which names are zones, zones loaded once, today in a zone.
#include "common/clock.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include <cctz/civil_time.h>
#include <cctz/time_zone.h>

namespace kinbridge::detail {
namespace {

TEST(ClockTest, KnowsIanaZonesAndUtc) {
  for (const char* zone : {"Europe/Stockholm", "Asia/Shanghai", "America/Argentina/Buenos_Aires",
                           "Etc/GMT-8", "UTC"}) {
    EXPECT_TRUE(IsKnownTimeZone(zone)) << zone;
  }
}

TEST(ClockTest, RefusesWhatIsNotAZoneName) {
  for (const char* zone :
       {"", "Mars/Olympus", "Europe/Vara", "europe/stockholm/", "/etc/localtime", "localtime",
        "../zoneinfo/Europe/Stockholm", "Europe/../Europe/Stockholm", "Europe//Stockholm",
        "right/Europe/Stockholm", "Fixed/UTC+01:00", "Europe/Stockholm ", "zone.tab"}) {
    EXPECT_FALSE(IsKnownTimeZone(zone)) << zone;
    EXPECT_EQ(TimeZoneNamed(zone), nullptr) << zone;
  }
}

TEST(ClockTest, ZonesAreLoadedOnceAndSharedAcrossThreads) {
  std::vector<const cctz::time_zone*> seen(4, nullptr);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < seen.size(); ++i) {
    threads.emplace_back([&seen, i] { seen[i] = TimeZoneNamed("Asia/Shanghai"); });
  }
  for (std::thread& thread : threads) thread.join();
  const cctz::time_zone* shanghai = TimeZoneNamed("Asia/Shanghai");
  ASSERT_NE(shanghai, nullptr);
  for (const cctz::time_zone* zone : seen) EXPECT_EQ(zone, shanghai);
  // The zone read is the one the name says: UTC+8 without DST.
  const auto summer =
      cctz::convert(cctz::civil_second(2026, 7, 1, 12, 0, 0), cctz::utc_time_zone());
  EXPECT_EQ(shanghai->lookup(summer).offset, 8 * 3600);
  const cctz::time_zone* stockholm = TimeZoneNamed("Europe/Stockholm");
  ASSERT_NE(stockholm, nullptr);
  EXPECT_EQ(stockholm->lookup(summer).offset, 2 * 3600);
}

TEST(ClockTest, TodayInAZoneEastOfUtcIsTheSameDayOrTheNext) {
  // Read from the system clock; the bounds hold at any time, also across a midnight between
  // the calls.
  const Date utc_before = TodayIn("UTC");
  const Date shanghai = TodayIn("Asia/Shanghai");
  const Date utc_after = TodayIn("UTC");
  EXPECT_GE(shanghai, utc_before);
  EXPECT_LE(shanghai, utc_after.AddDays(1));
}

}  // namespace
}  // namespace kinbridge::detail
