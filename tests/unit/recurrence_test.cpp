// Schedule expansion: RRULE at a local clock time in a zone, to exact UTC instants. Fixed dates
// only; the system clock is never read.
#include "schedule/recurrence.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace kinbridge::detail {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

Recurrence Rule(std::string rrule, Date first_day, int start_minutes, std::string zone,
                int duration_minutes = 60) {
  Recurrence r;
  r.rrule = std::move(rrule);
  r.first_day = first_day;
  r.start_minutes = start_minutes;
  r.duration_minutes = duration_minutes;
  r.time_zone = std::move(zone);
  return r;
}

std::vector<Occurrence> ExpandOk(const Recurrence& r, Date from, Date to,
                                 std::size_t limit = 100000) {
  Result<std::vector<Occurrence>> result = Expand(r, from, to, limit);
  EXPECT_TRUE(result.ok()) << result.status().message();
  return result.ok() ? *result : std::vector<Occurrence>{};
}

std::vector<std::string> Starts(const std::vector<Occurrence>& occurrences) {
  std::vector<std::string> starts;
  for (const Occurrence& o : occurrences) starts.push_back(o.starts_utc);
  return starts;
}

// Seconds since the epoch of "YYYY-MM-DDTHH:MM:SSZ".
long long UtcSeconds(const std::string& text) {
  Result<Date> day = Date::Parse(text.substr(0, 10), "timestamp");
  EXPECT_TRUE(day.ok()) << text;
  if (!day.ok()) return 0;
  return day->days() * 86400LL + std::stoll(text.substr(11, 2)) * 3600 +
         std::stoll(text.substr(14, 2)) * 60 + std::stoll(text.substr(17, 2));
}

void ExpectDuration(const std::vector<Occurrence>& occurrences, int minutes) {
  for (const Occurrence& o : occurrences) {
    EXPECT_EQ(UtcSeconds(o.ends_utc) - UtcSeconds(o.starts_utc), minutes * 60LL) << o.starts_utc;
  }
}

void ExpectInvalid(const Recurrence& r, const std::string& named) {
  const Status status = CheckRecurrence(r);
  EXPECT_TRUE(status.IsInvalidArgument()) << named;
  EXPECT_THAT(status.message(), HasSubstr(named));
}

TEST(RecurrenceTest, EveryOtherSaturdayStockholmAcrossAutumnChange) {
  const Recurrence r =
      Rule("FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", Date(2026, 9, 5), 600, "Europe/Stockholm");
  ASSERT_TRUE(CheckRecurrence(r).ok());
  const std::vector<Occurrence> got = ExpandOk(r, Date(2026, 9, 5), Date(2026, 9, 5).AddDays(89));
  EXPECT_THAT(Starts(got),
              ElementsAre("2026-09-05T08:00:00Z", "2026-09-19T08:00:00Z", "2026-10-03T08:00:00Z",
                          "2026-10-17T08:00:00Z", "2026-10-31T09:00:00Z", "2026-11-14T09:00:00Z",
                          "2026-11-28T09:00:00Z"));
  ASSERT_EQ(got.size(), 7u);
  EXPECT_EQ(got[3].ends_utc, "2026-10-17T09:00:00Z");
  EXPECT_EQ(got[4].ends_utc, "2026-10-31T10:00:00Z");
  for (const Occurrence& o : got) EXPECT_EQ(o.local_start_minutes, 600);
  EXPECT_EQ(got[4].local_day, Date(2026, 10, 31));
  ExpectDuration(got, 60);
}

TEST(RecurrenceTest, ShanghaiSundayEveningHasNoDst) {
  const Recurrence r = Rule("FREQ=WEEKLY;BYDAY=SU", Date(2026, 3, 1), 19 * 60, "Asia/Shanghai", 45);
  const std::vector<Occurrence> got = ExpandOk(r, Date(2026, 3, 20), Date(2026, 4, 10));
  EXPECT_THAT(Starts(got),
              ElementsAre("2026-03-22T11:00:00Z", "2026-03-29T11:00:00Z", "2026-04-05T11:00:00Z"));
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[1].ends_utc, "2026-03-29T11:45:00Z");
  ExpectDuration(got, 45);
}

TEST(RecurrenceTest, MonthlyByDayOfMonthAndByWeekday) {
  const Recurrence by_date =
      Rule("FREQ=MONTHLY;BYMONTHDAY=15", Date(2026, 1, 10), 600, "Europe/Stockholm");
  const std::vector<Occurrence> got = ExpandOk(by_date, Date(2026, 1, 1), Date(2026, 12, 31));
  ASSERT_EQ(got.size(), 12u);
  EXPECT_EQ(got[0].starts_utc, "2026-01-15T09:00:00Z");
  EXPECT_EQ(got[5].starts_utc, "2026-06-15T08:00:00Z");
  EXPECT_EQ(got[11].starts_utc, "2026-12-15T09:00:00Z");
  for (const Occurrence& o : got) EXPECT_EQ(o.local_day.day(), 15u);

  const Recurrence first_saturday =
      Rule("FREQ=MONTHLY;BYDAY=1SA", Date(2026, 9, 1), 600, "Europe/Stockholm");
  EXPECT_THAT(Starts(ExpandOk(first_saturday, Date(2026, 9, 1), Date(2026, 11, 30))),
              ElementsAre("2026-09-05T08:00:00Z", "2026-10-03T08:00:00Z", "2026-11-07T09:00:00Z"));
}

TEST(RecurrenceTest, DailyUntilDateIncludesThatLocalDay) {
  const Recurrence r = Rule("FREQ=DAILY;UNTIL=20260910", Date(2026, 9, 5), 600, "Europe/Stockholm");
  const std::vector<Occurrence> got = ExpandOk(r, Date(2026, 9, 1), Date(2026, 12, 31));
  ASSERT_EQ(got.size(), 6u);
  EXPECT_EQ(got.front().starts_utc, "2026-09-05T08:00:00Z");
  EXPECT_EQ(got.back().starts_utc, "2026-09-10T08:00:00Z");
}

TEST(RecurrenceTest, DailyUntilUtcInstantIsInclusive) {
  // 10:00 in Stockholm in September is 08:00Z.
  const Recurrence at =
      Rule("FREQ=DAILY;UNTIL=20260910T080000Z", Date(2026, 9, 5), 600, "Europe/Stockholm");
  EXPECT_EQ(ExpandOk(at, Date(2026, 9, 1), Date(2026, 12, 31)).size(), 6u);
  const Recurrence before =
      Rule("FREQ=DAILY;UNTIL=20260910T075959Z", Date(2026, 9, 5), 600, "Europe/Stockholm");
  EXPECT_EQ(ExpandOk(before, Date(2026, 9, 1), Date(2026, 12, 31)).size(), 5u);
}

TEST(RecurrenceTest, CountIsCountedFromFirstDayNotFromWindow) {
  const Recurrence r =
      Rule("FREQ=WEEKLY;BYDAY=TU,TH;COUNT=5", Date(2026, 9, 1), 900, "Europe/Stockholm");
  EXPECT_THAT(Starts(ExpandOk(r, Date(2026, 1, 1), Date(2027, 12, 31))),
              ElementsAre("2026-09-01T13:00:00Z", "2026-09-03T13:00:00Z", "2026-09-08T13:00:00Z",
                          "2026-09-10T13:00:00Z", "2026-09-15T13:00:00Z"));
  EXPECT_THAT(Starts(ExpandOk(r, Date(2026, 9, 9), Date(2027, 12, 31))),
              ElementsAre("2026-09-10T13:00:00Z", "2026-09-15T13:00:00Z"));
}

TEST(RecurrenceTest, WindowClippingMatchesFilteredFullExpansion) {
  const Recurrence r =
      Rule("FREQ=WEEKLY;INTERVAL=2;BYDAY=SA,WE", Date(2026, 9, 5), 1050, "Europe/Stockholm", 90);
  const std::vector<Occurrence> full = ExpandOk(r, Date(2026, 9, 5), Date(2027, 9, 5));
  const Date from(2026, 10, 20), to(2027, 4, 2);
  std::vector<std::string> filtered;
  for (const Occurrence& o : full) {
    if (o.local_day >= from && o.local_day <= to) filtered.push_back(o.starts_utc);
  }
  const std::vector<Occurrence> clipped = ExpandOk(r, from, to);
  EXPECT_FALSE(filtered.empty());
  EXPECT_EQ(Starts(clipped), filtered);
  ExpectDuration(full, 90);
}

TEST(RecurrenceTest, NoOccurrenceBeforeFirstDay) {
  // First day is a Wednesday; the rule wants Saturdays.
  const Recurrence weekly = Rule("FREQ=WEEKLY;BYDAY=SA", Date(2026, 9, 2), 600, "Europe/Stockholm");
  const std::vector<Occurrence> got = ExpandOk(weekly, Date(2026, 8, 1), Date(2026, 9, 30));
  ASSERT_FALSE(got.empty());
  EXPECT_EQ(got.front().local_day, Date(2026, 9, 5));
  for (const Occurrence& o : got) EXPECT_GE(o.local_day, Date(2026, 9, 2));

  const Recurrence monthly =
      Rule("FREQ=MONTHLY;BYMONTHDAY=1", Date(2026, 9, 15), 600, "Europe/Stockholm");
  const std::vector<Occurrence> m = ExpandOk(monthly, Date(2026, 1, 1), Date(2026, 12, 31));
  ASSERT_EQ(m.size(), 3u);
  EXPECT_EQ(m.front().local_day, Date(2026, 10, 1));
}

TEST(RecurrenceTest, EmptyWindows) {
  const Recurrence r = Rule("FREQ=DAILY", Date(2026, 9, 5), 600, "Europe/Stockholm");
  EXPECT_TRUE(ExpandOk(r, Date(2026, 9, 10), Date(2026, 9, 9)).empty());      // from > to
  EXPECT_TRUE(ExpandOk(r, Date(2026, 1, 1), Date(2026, 9, 4)).empty());       // before first day
  EXPECT_TRUE(ExpandOk(r, Date(2026, 9, 10), Date(2026, 9, 20), 0).empty());  // limit 0
  EXPECT_EQ(ExpandOk(r, Date(2026, 9, 10), Date(2026, 9, 10)).size(), 1u);    // one day
}

TEST(RecurrenceTest, SpringForwardGapMovesForwardByTheGap) {
  // Europe/Stockholm 2026-03-29: 02:00 CET jumps to 03:00 CEST; 02:30 does not exist.
  const Recurrence r = Rule("FREQ=DAILY", Date(2026, 3, 28), 150, "Europe/Stockholm");
  const std::vector<Occurrence> got = ExpandOk(r, Date(2026, 3, 28), Date(2026, 3, 30));
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0].starts_utc, "2026-03-28T01:30:00Z");  // 02:30 CET
  EXPECT_EQ(got[1].starts_utc, "2026-03-29T01:30:00Z");  // 03:30 CEST
  EXPECT_EQ(got[1].local_day, Date(2026, 3, 29));
  EXPECT_EQ(got[1].local_start_minutes, 210);
  EXPECT_EQ(got[1].ends_utc, "2026-03-29T02:30:00Z");
  EXPECT_EQ(got[2].starts_utc, "2026-03-30T00:30:00Z");  // 02:30 CEST
  EXPECT_EQ(got[2].local_start_minutes, 150);
  ExpectDuration(got, 60);
}

TEST(RecurrenceTest, FallBackAmbiguityTakesTheFirstInstant) {
  // Europe/Stockholm 2026-10-25: 03:00 CEST falls back to 02:00 CET; 02:30 happens twice.
  const Recurrence r = Rule("FREQ=DAILY", Date(2026, 10, 24), 150, "Europe/Stockholm", 60);
  const std::vector<Occurrence> got = ExpandOk(r, Date(2026, 10, 24), Date(2026, 10, 26));
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0].starts_utc, "2026-10-24T00:30:00Z");  // 02:30 CEST
  EXPECT_EQ(got[1].starts_utc, "2026-10-25T00:30:00Z");  // first 02:30, still CEST
  EXPECT_EQ(got[1].ends_utc, "2026-10-25T01:30:00Z");    // an hour of elapsed time
  EXPECT_EQ(got[1].local_start_minutes, 150);
  EXPECT_EQ(got[2].starts_utc, "2026-10-26T01:30:00Z");  // 02:30 CET
  ExpectDuration(got, 60);
}

TEST(RecurrenceTest, GapAtMidnightMovesForwardWithinTheDay) {
  // America/Santiago 2026-09-06: 00:00 -04 jumps to 01:00 -03; 00:30 does not exist that day.
  const Recurrence r = Rule("FREQ=DAILY", Date(2026, 9, 5), 30, "America/Santiago");
  const std::vector<Occurrence> got = ExpandOk(r, Date(2026, 9, 5), Date(2026, 9, 7));
  EXPECT_THAT(Starts(got),
              ElementsAre("2026-09-05T04:30:00Z", "2026-09-06T04:30:00Z", "2026-09-07T03:30:00Z"));
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[1].local_day, Date(2026, 9, 6));
  EXPECT_EQ(got[1].local_start_minutes, 90);  // 01:30 -03
  EXPECT_EQ(got[2].local_start_minutes, 30);
  ExpectDuration(got, 60);
}

TEST(RecurrenceTest, RepeatedLateEveningTakesTheSummerInstant) {
  // America/Santiago 2026-04-04: midnight -03 falls back to 23:00 -04; 23:30 happens twice, and
  // the first is already 5 April in UTC.
  const Recurrence r = Rule("FREQ=DAILY", Date(2026, 4, 3), 23 * 60 + 30, "America/Santiago");
  const std::vector<Occurrence> got = ExpandOk(r, Date(2026, 4, 3), Date(2026, 4, 5));
  EXPECT_THAT(Starts(got),
              ElementsAre("2026-04-04T02:30:00Z", "2026-04-05T02:30:00Z", "2026-04-06T03:30:00Z"));
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[1].local_day, Date(2026, 4, 4));
  EXPECT_EQ(got[1].local_start_minutes, 23 * 60 + 30);
  // Australia/Sydney 2026-04-05: 03:00 AEDT falls back to 02:00 AEST; 02:30 is taken in AEDT.
  const Recurrence sydney =
      Rule("FREQ=WEEKLY;BYDAY=SU", Date(2026, 3, 29), 150, "Australia/Sydney", 90);
  const std::vector<Occurrence> s = ExpandOk(sydney, Date(2026, 3, 29), Date(2026, 4, 12));
  EXPECT_THAT(Starts(s),
              ElementsAre("2026-03-28T15:30:00Z", "2026-04-04T15:30:00Z", "2026-04-11T16:30:00Z"));
  ExpectDuration(s, 90);
}

TEST(RecurrenceTest, ConcurrentExpansionsInSeveralZonesAgree) {
  // Zones are loaded once and shared; threads that load them at the same time see the same.
  const std::vector<std::string> zones = {"Europe/Stockholm", "Asia/Shanghai", "America/Santiago",
                                          "Australia/Sydney", "UTC"};
  std::vector<std::vector<std::string>> expected;
  for (const std::string& zone : zones) {
    expected.push_back(Starts(ExpandOk(Rule("FREQ=WEEKLY;BYDAY=SA,SU", Date(2026, 1, 3), 150, zone),
                                       Date(2026, 1, 1), Date(2027, 12, 31))));
  }
  std::vector<std::vector<std::vector<std::string>>> got(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < got.size(); ++t) {
    threads.emplace_back([&, t] {
      for (const std::string& zone : zones) {
        Result<std::vector<Occurrence>> one =
            Expand(Rule("FREQ=WEEKLY;BYDAY=SA,SU", Date(2026, 1, 3), 150, zone), Date(2026, 1, 1),
                   Date(2027, 12, 31));
        got[t].push_back(one.ok() ? Starts(*one) : std::vector<std::string>{});
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const auto& per_thread : got) EXPECT_EQ(per_thread, expected);
  EXPECT_EQ(expected.front().size(), 208u);  // the weekend days of 2026 and 2027
}

TEST(RecurrenceTest, MidnightStartAndUtcZone) {
  const Recurrence stockholm =
      Rule("FREQ=DAILY;COUNT=2", Date(2026, 12, 31), 0, "Europe/Stockholm");
  const std::vector<Occurrence> got = ExpandOk(stockholm, Date(2026, 12, 31), Date(2027, 1, 1));
  EXPECT_THAT(Starts(got), ElementsAre("2026-12-30T23:00:00Z", "2026-12-31T23:00:00Z"));
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[1].local_day, Date(2027, 1, 1));

  const Recurrence utc = Rule("FREQ=DAILY;COUNT=1", Date(2026, 6, 1), 1439, "UTC", 1440);
  const std::vector<Occurrence> u = ExpandOk(utc, Date(2026, 6, 1), Date(2026, 6, 1));
  ASSERT_EQ(u.size(), 1u);
  EXPECT_EQ(u[0].starts_utc, "2026-06-01T23:59:00Z");
  EXPECT_EQ(u[0].ends_utc, "2026-06-02T23:59:00Z");
}

TEST(RecurrenceTest, ValidRulesPassTheCheck) {
  EXPECT_TRUE(CheckRecurrence(Rule("FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", Date(2026, 9, 5), 600,
                                   "Europe/Stockholm"))
                  .ok());
  EXPECT_TRUE(
      CheckRecurrence(Rule("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", Date(2026, 9, 5), 600, "UTC"))
          .ok());
  EXPECT_TRUE(
      CheckRecurrence(Rule("FREQ=MONTHLY;BYDAY=-1SU", Date(2026, 9, 5), 1140, "Asia/Shanghai"))
          .ok());
}

TEST(RecurrenceTest, InvalidRulesNameTheValue) {
  const Date day(2026, 9, 5);
  const std::string zone = "Europe/Stockholm";
  ExpectInvalid(Rule("FREQ=SOMETIMES", day, 600, zone), "FREQ=SOMETIMES");
  ExpectInvalid(Rule("INTERVAL=2;BYDAY=SA", day, 600, zone), "INTERVAL=2;BYDAY=SA");
  ExpectInvalid(Rule("", day, 600, zone), "FREQ");
  ExpectInvalid(Rule("FREQ=DAILY;COUNT=3;UNTIL=20261001", day, 600, zone), "COUNT and UNTIL");
  ExpectInvalid(Rule("FREQ=HOURLY", day, 600, zone), "FREQ=HOURLY");
  ExpectInvalid(Rule("FREQ=DAILY;BYHOUR=9", day, 600, zone), "BYHOUR");
  ExpectInvalid(Rule("RRULE:FREQ=DAILY", day, 600, zone), "RRULE:FREQ=DAILY");
  ExpectInvalid(Rule("FREQ=DAILY;BYDAY=XX", day, 600, zone), "FREQ=DAILY;BYDAY=XX");
}

TEST(RecurrenceTest, ThirtyFirstOfFebruaryYieldsNothing) {
  const Recurrence r =
      Rule("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31", Date(2026, 9, 5), 600, "Europe/Stockholm");
  ExpectInvalid(r, "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31");
  EXPECT_THAT(CheckRecurrence(r).message(), HasSubstr("yields no occurrence"));
  EXPECT_TRUE(Expand(r, Date(2026, 1, 1), Date(2030, 12, 31)).status().IsInvalidArgument());
  // An UNTIL before the first day leaves nothing within 5 years either.
  const Recurrence ended =
      Rule("FREQ=DAILY;UNTIL=20260801", Date(2026, 9, 5), 600, "Europe/Stockholm");
  ExpectInvalid(ended, "FREQ=DAILY;UNTIL=20260801");
  EXPECT_THAT(CheckRecurrence(ended).message(), HasSubstr("within 5 years of 2026-09-05"));
  EXPECT_TRUE(ExpandOk(ended, Date(2026, 1, 1), Date(2030, 12, 31)).empty());
}

TEST(RecurrenceTest, BadZoneTimeAndDurationNameTheValue) {
  const Date day(2026, 9, 5);
  ExpectInvalid(Rule("FREQ=DAILY", day, 600, "Europe/Atlantis"), "Europe/Atlantis");
  ExpectInvalid(Rule("FREQ=DAILY", day, 600, ""), "time zone");
  // Only zone names: no path into or out of the zone directory, no fixed offset.
  ExpectInvalid(Rule("FREQ=DAILY", day, 600, "/usr/share/zoneinfo/Europe/Stockholm"),
                "/usr/share/zoneinfo/Europe/Stockholm");
  ExpectInvalid(Rule("FREQ=DAILY", day, 600, "../zoneinfo/Europe/Stockholm"), "../zoneinfo");
  ExpectInvalid(Rule("FREQ=DAILY", day, 600, "Fixed/UTC+01:00"), "Fixed/UTC+01:00");
  ExpectInvalid(Rule("FREQ=DAILY", day, 1440, "Europe/Stockholm"), "1440");
  ExpectInvalid(Rule("FREQ=DAILY", day, -5, "Europe/Stockholm"), "-5");
  ExpectInvalid(Rule("FREQ=DAILY", day, 600, "Europe/Stockholm", 0), "duration 0");
  ExpectInvalid(Rule("FREQ=DAILY", day, 600, "Europe/Stockholm", 1441), "duration 1441");
  // Expand refuses the same values.
  EXPECT_TRUE(
      Expand(Rule("FREQ=DAILY", day, 600, "Mars/Base"), day, day).status().IsInvalidArgument());
}

TEST(RecurrenceTest, LimitIsRespected) {
  const Recurrence r = Rule("FREQ=DAILY", Date(2026, 1, 1), 600, "Europe/Stockholm");
  const std::vector<Occurrence> full = ExpandOk(r, Date(2026, 1, 1), Date(2026, 12, 31));
  ASSERT_EQ(full.size(), 365u);
  const std::vector<Occurrence> first = ExpandOk(r, Date(2026, 1, 1), Date(2026, 12, 31), 10);
  ASSERT_EQ(first.size(), 10u);
  EXPECT_EQ(Starts(first), Starts({full.begin(), full.begin() + 10}));
  // An open rule with a far window stops at the limit.
  EXPECT_EQ(ExpandOk(r, Date(2026, 1, 1), Date(2100, 1, 1), 500).size(), 500u);
}

TEST(RecurrenceTest, ExpansionIsDeterministic) {
  const Recurrence r =
      Rule("FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", Date(2026, 9, 5), 600, "Europe/Stockholm");
  const std::vector<Occurrence> a = ExpandOk(r, Date(2026, 9, 5), Date(2028, 9, 5));
  const std::vector<Occurrence> b = ExpandOk(r, Date(2026, 9, 5), Date(2028, 9, 5));
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].starts_utc, b[i].starts_utc);
    EXPECT_EQ(a[i].ends_utc, b[i].ends_utc);
    EXPECT_EQ(a[i].local_day, b[i].local_day);
    EXPECT_EQ(a[i].local_start_minutes, b[i].local_start_minutes);
  }
  ExpectDuration(a, 60);
}

// Weeks are counted from WKST, Monday by default (RFC 5545): "every 4 weeks on Sunday" from a
// Monday falls on that week's Sunday first. The expected days are python-dateutil's.
std::vector<std::string> Days(const std::vector<Occurrence>& occurrences) {
  std::vector<std::string> days;
  for (const Occurrence& o : occurrences) days.push_back(o.local_day.ToString());
  return days;
}

TEST(RecurrenceTest, WeeklyIntervalsCountWeeksFromMonday) {
  const Date monday(2026, 11, 2);
  EXPECT_THAT(Days(ExpandOk(Rule("FREQ=WEEKLY;INTERVAL=4;BYDAY=SU", monday, 600, "UTC"), monday,
                            Date(2027, 1, 10))),
              ElementsAre("2026-11-08", "2026-12-06", "2027-01-03"));
  EXPECT_THAT(Days(ExpandOk(Rule("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU;COUNT=5", monday, 600, "UTC"),
                            monday, Date(2027, 3, 1))),
              ElementsAre("2026-11-02", "2026-11-08", "2026-11-16", "2026-11-22", "2026-11-30"));
  // A window later than the first day keeps the same weeks.
  EXPECT_THAT(Days(ExpandOk(Rule("FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", monday, 600, "UTC"),
                            Date(2026, 11, 20), Date(2026, 12, 20))),
              ElementsAre("2026-11-21", "2026-12-05", "2026-12-19"));
  // With WKST=SU the Sunday belongs to the next week.
  EXPECT_THAT(Days(ExpandOk(Rule("FREQ=WEEKLY;INTERVAL=4;BYDAY=SU;WKST=SU", monday, 600, "UTC"),
                            monday, Date(2026, 12, 31))),
              ElementsAre("2026-11-29", "2026-12-27"));
}

// Rules whose weeks libical already groups as RFC 5545 does (all their days Sundays, or none,
// or WKST=SU) are iterated as they are; the others week by week. Both give python-dateutil's
// days, also with COUNT and with a WKST in mid-week.
TEST(RecurrenceTest, WeeklyIntervalsAgreeWithDateutilOnEitherPath) {
  const Date sunday(2026, 11, 29), wednesday(2026, 11, 4), monday(2026, 11, 2);
  EXPECT_THAT(
      Days(ExpandOk(Rule("FREQ=WEEKLY;INTERVAL=2;BYDAY=SU", sunday, 600, "Europe/Stockholm"),
                    sunday, Date(2027, 1, 31))),
      ElementsAre("2026-11-29", "2026-12-13", "2026-12-27", "2027-01-10", "2027-01-24"));
  EXPECT_THAT(Days(ExpandOk(Rule("FREQ=WEEKLY;INTERVAL=3;BYDAY=WE,SA;COUNT=5", wednesday, 600,
                                 "Europe/Stockholm"),
                            wednesday, Date(2027, 6, 1))),
              ElementsAre("2026-11-04", "2026-11-07", "2026-11-25", "2026-11-28", "2026-12-16"));
  EXPECT_THAT(Days(ExpandOk(Rule("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU;WKST=SU", wednesday, 600,
                                 "Europe/Stockholm"),
                            wednesday, Date(2026, 12, 31))),
              ElementsAre("2026-11-15", "2026-11-16", "2026-11-29", "2026-11-30", "2026-12-13",
                          "2026-12-14", "2026-12-27", "2026-12-28"));
  EXPECT_THAT(Days(ExpandOk(Rule("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;WKST=WE", monday, 600,
                                 "Europe/Stockholm"),
                            monday, Date(2026, 12, 10))),
              ElementsAre("2026-11-03", "2026-11-12", "2026-11-17", "2026-11-26", "2026-12-01",
                          "2026-12-10"));
}

}  // namespace
}  // namespace kinbridge::detail
