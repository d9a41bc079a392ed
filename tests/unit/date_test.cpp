#include "kinbridge/date.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace kinbridge {
namespace {

using ::testing::HasSubstr;

TEST(DateTest, DefaultIsUnixEpoch) {
  EXPECT_EQ(Date(), Date(1970, 1, 1));
  EXPECT_EQ(Date().days(), 0);
  EXPECT_EQ(Date(1970, 1, 2).days(), 1);
  EXPECT_EQ(Date(1969, 12, 31).days(), -1);
  EXPECT_EQ(Date::FromDays(365), Date(1971, 1, 1));
}

TEST(DateTest, PartsRoundTrip) {
  const Date date(2024, 2, 29);
  EXPECT_EQ(date.year(), 2024);
  EXPECT_EQ(date.month(), 2u);
  EXPECT_EQ(date.day(), 29u);
  EXPECT_EQ(date.ToString(), "2024-02-29");
  EXPECT_EQ(Date(1, 1, 1).ToString(), "0001-01-01");
  EXPECT_EQ(Date(9999, 12, 31).ToString(), "9999-12-31");
}

TEST(DateTest, FromPartsAcceptsRealDatesOnly) {
  ASSERT_TRUE(Date::FromParts(2024, 2, 29).ok());
  EXPECT_EQ(*Date::FromParts(2024, 2, 29), Date(2024, 2, 29));
  EXPECT_TRUE(Date::FromParts(2000, 2, 29).ok());  // divisible by 400: leap

  Result<Date> not_leap = Date::FromParts(2026, 2, 29);
  ASSERT_FALSE(not_leap.ok());
  EXPECT_TRUE(not_leap.status().IsInvalidArgument());
  EXPECT_THAT(not_leap.status().message(), HasSubstr("2026-02-29"));

  EXPECT_FALSE(Date::FromParts(1900, 2, 29).ok());  // divisible by 100 only: not leap
  EXPECT_FALSE(Date::FromParts(2026, 13, 1).ok());
  EXPECT_FALSE(Date::FromParts(2026, 0, 1).ok());
  EXPECT_FALSE(Date::FromParts(2026, 4, 31).ok());
  EXPECT_FALSE(Date::FromParts(2026, 1, 0).ok());
  EXPECT_FALSE(Date::FromParts(0, 1, 1).ok());
  EXPECT_FALSE(Date::FromParts(10000, 1, 1).ok());
}

TEST(DateTest, ParseAcceptsRealDates) {
  Result<Date> date = Date::Parse("2024-02-29", "birth date");
  ASSERT_TRUE(date.ok()) << date.status().message();
  EXPECT_EQ(*date, Date(2024, 2, 29));
  EXPECT_EQ(*Date::Parse("0001-01-01", "date"), Date(1, 1, 1));
  EXPECT_EQ(*Date::Parse("9999-12-31", "date"), Date(9999, 12, 31));
  EXPECT_EQ(*Date::Parse("1970-01-01", "date"), Date());
}

TEST(DateTest, ParseMessageNamesFieldAndText) {
  Result<Date> date = Date::Parse("2026-13-01", "birth date");
  ASSERT_FALSE(date.ok());
  EXPECT_TRUE(date.status().IsInvalidArgument());
  EXPECT_EQ(date.status().message(), "birth date 2026-13-01 is not a date (expected YYYY-MM-DD)");
}

TEST(DateTest, ParseRefusesBadDates) {
  for (const char* text : {
           "2026-02-29",   // 2026 is not a leap year
           "1900-02-29",   // nor is 1900
           "2026-04-31",   // April has 30 days
           "2026-00-10",   // month 0
           "2026-01-00",   // day 0
           "0000-01-01",   // there is no year 0
           "2026-1-01",    // one-digit month
           "2026-01-1",    // one-digit day
           "26-01-01",     // two-digit year
           "2026-01-01x",  // trailing junk
           "2026-01-01 ",  // trailing space
           " 2026-01-01",  // leading space
           "2026/01/01",   // wrong separators
           "20260101",     // no separators
           "+026-01-01",   // sign instead of a digit
           "2026-0a-01",   // letter
           "",             // nothing
       }) {
    Result<Date> date = Date::Parse(text, "review date");
    EXPECT_FALSE(date.ok()) << text;
    EXPECT_THAT(date.status().message(), HasSubstr("review date"));
    EXPECT_THAT(date.status().message(), HasSubstr("(expected YYYY-MM-DD)"));
  }
}

TEST(DateTest, AddDays) {
  EXPECT_EQ(Date(2026, 12, 31).AddDays(1), Date(2027, 1, 1));
  EXPECT_EQ(Date(2024, 2, 28).AddDays(1), Date(2024, 2, 29));
  EXPECT_EQ(Date(2026, 2, 28).AddDays(1), Date(2026, 3, 1));
  EXPECT_EQ(Date(2026, 3, 1).AddDays(-1), Date(2026, 2, 28));
}

TEST(DateTest, AddMonthsClampsToMonthEnd) {
  EXPECT_EQ(Date(2026, 1, 31).AddMonths(1), Date(2026, 2, 28));
  EXPECT_EQ(Date(2024, 1, 31).AddMonths(1), Date(2024, 2, 29));
  EXPECT_EQ(Date(2026, 3, 31).AddMonths(1), Date(2026, 4, 30));
  EXPECT_EQ(Date(2026, 3, 31).AddMonths(-1), Date(2026, 2, 28));
  EXPECT_EQ(Date(2026, 8, 31).AddMonths(3), Date(2026, 11, 30));  // an LVU review in 3 months
  EXPECT_EQ(Date(2026, 1, 15).AddMonths(0), Date(2026, 1, 15));
}

TEST(DateTest, AddMonthsCrossesYears) {
  EXPECT_EQ(Date(2026, 12, 15).AddMonths(1), Date(2027, 1, 15));
  EXPECT_EQ(Date(2026, 1, 15).AddMonths(-1), Date(2025, 12, 15));
  EXPECT_EQ(Date(2026, 11, 29).AddMonths(25), Date(2028, 12, 29));
  EXPECT_EQ(Date(2026, 11, 29).AddMonths(-23), Date(2024, 12, 29));
}

TEST(DateTest, AddYearsFromLeapDay) {
  EXPECT_EQ(Date(2024, 2, 29).AddYears(1), Date(2025, 2, 28));
  EXPECT_EQ(Date(2024, 2, 29).AddYears(4), Date(2028, 2, 29));
  EXPECT_EQ(Date(2024, 2, 29).AddYears(-1), Date(2023, 2, 28));
}

TEST(DateTest, AgeOnCountsCompletedYears) {
  const Date birth(2010, 6, 15);
  EXPECT_EQ(birth.AgeOn(Date(2010, 6, 15)), 0);
  EXPECT_EQ(birth.AgeOn(Date(2026, 6, 14)), 15);
  EXPECT_EQ(birth.AgeOn(Date(2026, 6, 15)), 16);
  EXPECT_EQ(birth.AgeOn(Date(2026, 11, 29)), 16);
  EXPECT_EQ(birth.AgeOn(Date(2027, 1, 1)), 16);
}

TEST(DateTest, AgeOnForLeapDayBirth) {
  const Date birth(2008, 2, 29);
  EXPECT_EQ(birth.AgeOn(Date(2026, 2, 28)), 17);  // no 29 Feb in 2026: not yet 18
  EXPECT_EQ(birth.AgeOn(Date(2026, 3, 1)), 18);
  EXPECT_EQ(birth.AgeOn(Date(2028, 2, 28)), 19);
  EXPECT_EQ(birth.AgeOn(Date(2028, 2, 29)), 20);
}

TEST(DateTest, Ordering) {
  EXPECT_LT(Date(2026, 1, 1), Date(2026, 1, 2));
  EXPECT_LT(Date(2025, 12, 31), Date(2026, 1, 1));
  EXPECT_LT(Date(1969, 12, 31), Date());
  EXPECT_GT(Date(2026, 2, 1), Date(2026, 1, 31));
  EXPECT_LE(Date(2026, 11, 29), Date(2026, 11, 29));
  EXPECT_NE(Date(2026, 11, 29), Date(2026, 11, 30));
}

}  // namespace
}  // namespace kinbridge
