#include "kinbridge/national_id.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <optional>

// Valid numbers used below, with their check digits worked out by hand.
//
// Swedish Luhn over YYMMDDNNN, weights 2 1 2 1 2 1 2 1 2; a two-digit product counts as the sum
// of its digits; check = (10 - sum % 10) % 10.
//   811218-987?: 8*2=16->7, 1, 1*2=2, 2, 1*2=2, 8, 9*2=18->9, 8, 7*2=14->5
//                sum 7+1+2+2+2+8+9+8+5 = 44, check (10-4)%10 = 6    -> 811218-9876
//   170314-123?: 2, 7, 0, 3, 2, 4, 2, 2, 6 = 28, check 2           -> 20170314-1232
//   170374-123?: 2, 7, 0, 3, 14->5, 4, 2, 2, 6 = 31, check 9       -> 20170374-1239 (day 14+60)
//   120101-234?: 2, 2, 0, 1, 0, 1, 4, 3, 8 = 21, check 9           -> 120101-2349
//   170314-000?: 2, 7, 0, 3, 2, 4, 0, 0, 0 = 18, check 2           -> 170314-0002 (serial 000)
//   491231-123?: 8, 9, 2, 2, 6, 1, 2, 2, 6 = 38, check 2           -> 19491231-1232
//   000229-123?: 0, 0, 0, 2, 4, 9, 2, 2, 6 = 25, check 5           -> 20000229-1235
//   230229-123?: 4, 3, 0, 2, 4, 9, 2, 2, 6 = 32, check 8           -> 20230229-1238 (no such day)
//   270101-123?: 4, 7, 0, 1, 0, 1, 2, 2, 6 = 23, check 7           -> 20270101-1237 (future)
//   261231-123?: 4, 6, 2, 2, 6, 1, 2, 2, 6 = 31, check 9           -> 261231-1239
//
// Chinese MOD 11-2, weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, sum % 11 -> "10X98765432".
//   11010519491231002?: 1*7=7, 1*9=9, 0, 1*5=5, 0, 5*4=20, 1*2=2, 9*1=9, 4*6=24, 9*3=27,
//                       1*7=7, 2*9=18, 3*10=30, 1*5=5, 0, 0, 2*2=4
//                       sum 167, 167 % 11 = 2 -> 'X'                -> 11010519491231002X
//   44052418800101001?: 28, 36, 0, 25, 16, 16, 2, 8, 48, 0, 0, 9, 0, 5, 0, 0, 2
//                       sum 195, 195 % 11 = 8 -> '4'                -> 440524188001010014
//   11010520170314123?: 7, 9, 0, 5, 0, 20, 4, 0, 6, 21, 0, 27, 10, 20, 8, 8, 6
//                       sum 151, 151 % 11 = 8 -> '4'                -> 110105201703141234
//   11010520230229002?: 7, 9, 0, 5, 0, 20, 4, 0, 12, 9, 0, 18, 20, 45, 0, 0, 4
//                       sum 153, 153 % 11 = 10 -> '2'               -> 110105202302290022
//   11010520270101123?: 7, 9, 0, 5, 0, 20, 4, 0, 12, 21, 0, 9, 0, 5, 8, 8, 6
//                       sum 114, 114 % 11 = 4 -> '8'                -> 110105202701011238

namespace kinbridge {
namespace {

using ::testing::HasSubstr;

const Date kToday(2026, 11, 29);

Result<NationalId> Parse(std::string_view text,
                         std::optional<NationalIdScheme> scheme = std::nullopt) {
  return ParseNationalId(text, scheme, kToday);
}

// The message of a refused id; fails the test when the id is accepted.
std::string Refusal(std::string_view text, std::optional<NationalIdScheme> scheme = std::nullopt) {
  Result<NationalId> id = Parse(text, scheme);
  EXPECT_FALSE(id.ok()) << text << " was accepted as " << id->canonical;
  if (id.ok()) return "";
  EXPECT_TRUE(id.status().IsInvalidArgument()) << text;
  return id.status().message();
}

TEST(NationalIdTest, SwedishTenDigitsWithoutSeparator) {
  Result<NationalId> id = Parse("8112189876");
  ASSERT_TRUE(id.ok()) << id.status().message();
  EXPECT_EQ(id->scheme, NationalIdScheme::kSePersonnummer);
  EXPECT_EQ(id->canonical, "198112189876");
  EXPECT_EQ(id->birth_date, Date(1981, 12, 18));
  EXPECT_EQ(id->Display(), "19811218-9876");
}

TEST(NationalIdTest, SwedishTenDigitsWithDash) {
  Result<NationalId> id = Parse("811218-9876");
  ASSERT_TRUE(id.ok()) << id.status().message();
  EXPECT_EQ(id->canonical, "198112189876");
  EXPECT_EQ(id->birth_date, Date(1981, 12, 18));
}

TEST(NationalIdTest, SwedishTwelveDigitsWithAndWithoutDash) {
  for (const char* text : {"201703141232", "20170314-1232"}) {
    Result<NationalId> id = Parse(text);
    ASSERT_TRUE(id.ok()) << text << ": " << id.status().message();
    EXPECT_EQ(id->scheme, NationalIdScheme::kSePersonnummer);
    EXPECT_EQ(id->canonical, "201703141232");
    EXPECT_EQ(id->birth_date, Date(2017, 3, 14));
    EXPECT_EQ(id->Display(), "20170314-1232");
  }
}

TEST(NationalIdTest, TenDigitCenturyIsLatestYearNotAfterToday) {
  // YY 12 -> 2012 (2112 would be after 2026); YY 81 -> 1981 (2081 would be).
  Result<NationalId> child = Parse("120101-2349");
  ASSERT_TRUE(child.ok()) << child.status().message();
  EXPECT_EQ(child->canonical, "201201012349");
  EXPECT_EQ(child->birth_date, Date(2012, 1, 1));
}

TEST(NationalIdTest, PlusMeansAHundredYearsOrMore) {
  Result<NationalId> old = Parse("120101+2349");
  ASSERT_TRUE(old.ok()) << old.status().message();
  EXPECT_EQ(old->canonical, "191201012349");
  EXPECT_EQ(old->birth_date, Date(1912, 1, 1));
  EXPECT_GE(old->birth_date.AgeOn(kToday), 100);
  EXPECT_EQ(old->Display(), "19120101-2349");

  // '+' is written from the year a person turns 100: born 1926-12-31, 100 on 2026-12-31.
  Result<NationalId> turning = Parse("261231+1239");
  ASSERT_TRUE(turning.ok()) << turning.status().message();
  EXPECT_EQ(turning->birth_date, Date(1926, 12, 31));
}

TEST(NationalIdTest, PlusIsNotWrittenWithTwelveDigits) {
  EXPECT_THAT(Refusal("20170314+1232"), HasSubstr("'+' is only written with 10 digits"));
}

TEST(NationalIdTest, Samordningsnummer) {
  Result<NationalId> id = Parse("20170374-1239");
  ASSERT_TRUE(id.ok()) << id.status().message();
  EXPECT_EQ(id->scheme, NationalIdScheme::kSeSamordningsnummer);
  EXPECT_EQ(id->canonical, "201703741239");  // keeps day + 60
  EXPECT_EQ(id->birth_date, Date(2017, 3, 14));
  EXPECT_EQ(id->Display(), "20170374-1239");

  Result<NationalId> short_form = Parse("170374-1239");
  ASSERT_TRUE(short_form.ok()) << short_form.status().message();
  EXPECT_EQ(short_form->canonical, "201703741239");
}

TEST(NationalIdTest, SerialNumberZeroIsRefused) {
  // The check digit 2 is right; only the serial is wrong.
  const std::string message = Refusal("170314-0002");
  EXPECT_THAT(message, HasSubstr("170314-0002"));
  EXPECT_THAT(message, HasSubstr("serial number 000"));
}

TEST(NationalIdTest, WrongCheckDigitNamesTheExpectedDigit) {
  EXPECT_EQ(Refusal("20170314-1235"),
            "national id 20170314-1235: check digit 5 is wrong (expected 2)");
  EXPECT_THAT(Refusal("8112189870"), HasSubstr("(expected 6)"));
  EXPECT_THAT(Refusal("20170374-1230"), HasSubstr("(expected 9)"));
}

TEST(NationalIdTest, RealBirthDates) {
  Result<NationalId> new_year_eve = Parse("19491231-1232");
  ASSERT_TRUE(new_year_eve.ok()) << new_year_eve.status().message();
  EXPECT_EQ(new_year_eve->birth_date, Date(1949, 12, 31));

  Result<NationalId> leap_day = Parse("20000229-1235");
  ASSERT_TRUE(leap_day.ok()) << leap_day.status().message();
  EXPECT_EQ(leap_day->birth_date, Date(2000, 2, 29));

  // 10 digits: YY 00 -> 2000, a leap year.
  Result<NationalId> short_leap_day = Parse("000229-1235");
  ASSERT_TRUE(short_leap_day.ok()) << short_leap_day.status().message();
  EXPECT_EQ(short_leap_day->canonical, "200002291235");
}

TEST(NationalIdTest, BirthDatesThatDoNotExist) {
  // Same YYMMDDNNN as 20000229-1235, so the check digit is right; 1900 is not a leap year.
  EXPECT_THAT(Refusal("19000229-1235"), HasSubstr("birth date 1900-02-29 does not exist"));
  // With '+', 000229 resolves to 1900 too.
  EXPECT_THAT(Refusal("000229+1235"), HasSubstr("birth date 1900-02-29 does not exist"));
  EXPECT_THAT(Refusal("20230229-1238"), HasSubstr("birth date 2023-02-29 does not exist"));
  // Day 45 is neither a day of the month nor a samordningsnummer day.
  EXPECT_THAT(Refusal("20170345-1230"), HasSubstr("day 45 is not a day of the month"));
  EXPECT_THAT(Refusal("20171314-1232"), HasSubstr("2017-13-14 does not exist"));
}

TEST(NationalIdTest, FutureBirthDateIsRefused) {
  EXPECT_EQ(Refusal("20270101-1237"),
            "national id 20270101-1237: birth date 2027-01-01 is after today (2026-11-29)");
  // With '-', 261231 is 2026-12-31: this year, but after today.
  EXPECT_THAT(Refusal("261231-1239"), HasSubstr("2026-12-31 is after today"));
}

TEST(NationalIdTest, GarbageCharactersAreRefused) {
  for (const char* text :
       {"8112l89876", "811218 9876", "811218_9876", "811218-987a", " 8112189876", "8112189876\n",
        "81121\xC3\xA9"
        "9876"}) {
    EXPECT_THAT(Refusal(text), HasSubstr("contains characters other than digits")) << text;
  }
}

TEST(NationalIdTest, MisplacedSeparatorIsRefused) {
  EXPECT_THAT(Refusal("81121-89876"), HasSubstr("before the last four digits"));
  EXPECT_THAT(Refusal("811218--9876"), HasSubstr("before the last four digits"));
  EXPECT_THAT(Refusal("811218-9876-"), HasSubstr("before the last four digits"));
}

TEST(NationalIdTest, WrongLengthsAreRefused) {
  EXPECT_EQ(Refusal("17031-4123"),
            "national id 17031-4123 has 9 digits (expected 10 or 12 digits, or 18 characters "
            "for a Chinese resident id)");
  EXPECT_THAT(Refusal("2017031-4123"), HasSubstr("has 11 digits"));
  EXPECT_THAT(Refusal("81121898765"), HasSubstr("has 11 digits"));
  EXPECT_THAT(Refusal("1981121898761"), HasSubstr("has 13 digits"));
  EXPECT_THAT(Refusal(""), HasSubstr("has 0 digits"));
  EXPECT_THAT(Refusal("11010519491231002"), HasSubstr("has 17 digits"));
  EXPECT_THAT(Refusal("11010519491231002X", NationalIdScheme::kSePersonnummer),
              HasSubstr("contains characters other than digits"));
  EXPECT_THAT(Refusal("201703141232", NationalIdScheme::kCnResidentId),
              HasSubstr("has 12 characters (expected 18 for a Chinese resident id)"));
}

TEST(NationalIdTest, ChineseResidentId) {
  Result<NationalId> id = Parse("11010519491231002X");
  ASSERT_TRUE(id.ok()) << id.status().message();
  EXPECT_EQ(id->scheme, NationalIdScheme::kCnResidentId);
  EXPECT_EQ(id->canonical, "11010519491231002X");
  EXPECT_EQ(id->birth_date, Date(1949, 12, 31));
  EXPECT_EQ(id->Display(), "11010519491231002X");

  Result<NationalId> digit_check = Parse("440524188001010014");
  ASSERT_TRUE(digit_check.ok()) << digit_check.status().message();
  EXPECT_EQ(digit_check->birth_date, Date(1880, 1, 1));

  Result<NationalId> child = Parse("110105201703141234", NationalIdScheme::kCnResidentId);
  ASSERT_TRUE(child.ok()) << child.status().message();
  EXPECT_EQ(child->birth_date, Date(2017, 3, 14));
}

TEST(NationalIdTest, ChineseLowerCaseXBecomesUpperCase) {
  Result<NationalId> id = Parse("11010519491231002x");
  ASSERT_TRUE(id.ok()) << id.status().message();
  EXPECT_EQ(id->canonical, "11010519491231002X");
  EXPECT_EQ(id->Display(), "11010519491231002X");
}

TEST(NationalIdTest, ChineseWrongCheckCharacter) {
  EXPECT_EQ(Refusal("110105194912310021"),
            "national id 110105194912310021: check character 1 is wrong (expected X)");
  EXPECT_THAT(Refusal("44052418800101001X"), HasSubstr("check character X is wrong (expected 4)"));
}

TEST(NationalIdTest, ChineseBadCharacters) {
  EXPECT_THAT(Refusal("1101051949123100XX"), HasSubstr("character 17 is not allowed"));
  EXPECT_THAT(Refusal("11010519491231002Y"), HasSubstr("character 18 is not allowed"));
  EXPECT_THAT(Refusal("X10105194912310021"), HasSubstr("character 1 is not allowed"));
}

TEST(NationalIdTest, ChineseBirthDate) {
  // The check character 2 is right; 2023-02-29 does not exist.
  EXPECT_THAT(Refusal("110105202302290022"), HasSubstr("birth date 2023-02-29"));
  EXPECT_THAT(Refusal("110105202302290022"), HasSubstr("does not exist"));
  EXPECT_THAT(Refusal("110105202701011238"), HasSubstr("birth date 2027-01-01 is after today"));
}

TEST(NationalIdTest, SchemeInference) {
  EXPECT_EQ(Parse("11010519491231002X")->scheme, NationalIdScheme::kCnResidentId);
  EXPECT_EQ(Parse("8112189876")->scheme, NationalIdScheme::kSePersonnummer);
  EXPECT_EQ(Parse("201703141232")->scheme, NationalIdScheme::kSePersonnummer);
  EXPECT_EQ(Parse("170374-1239")->scheme, NationalIdScheme::kSeSamordningsnummer);
}

TEST(NationalIdTest, ExplicitSchemeMustMatch) {
  EXPECT_TRUE(Parse("20170314-1232", NationalIdScheme::kSePersonnummer).ok());
  EXPECT_TRUE(Parse("20170374-1239", NationalIdScheme::kSeSamordningsnummer).ok());

  const std::string samordning = Refusal("20170374-1239", NationalIdScheme::kSePersonnummer);
  EXPECT_THAT(samordning, HasSubstr("20170374-1239 is a samordningsnummer"));
  EXPECT_THAT(samordning, HasSubstr("expected a personnummer"));

  const std::string personnummer = Refusal("20170314-1232", NationalIdScheme::kSeSamordningsnummer);
  EXPECT_THAT(personnummer, HasSubstr("20170314-1232 is a personnummer"));
  EXPECT_THAT(personnummer, HasSubstr("expected a samordningsnummer"));
}

TEST(NationalIdTest, SchemeNamesRoundTrip) {
  for (NationalIdScheme scheme :
       {NationalIdScheme::kSePersonnummer, NationalIdScheme::kSeSamordningsnummer,
        NationalIdScheme::kCnResidentId}) {
    Result<NationalIdScheme> parsed = ParseNationalIdScheme(NationalIdSchemeName(scheme));
    ASSERT_TRUE(parsed.ok()) << NationalIdSchemeName(scheme);
    EXPECT_EQ(*parsed, scheme);
  }
  EXPECT_EQ(NationalIdSchemeName(NationalIdScheme::kSePersonnummer), "se-personnummer");
  EXPECT_EQ(NationalIdSchemeName(NationalIdScheme::kSeSamordningsnummer), "se-samordningsnummer");
  EXPECT_EQ(NationalIdSchemeName(NationalIdScheme::kCnResidentId), "cn-resident-id");
}

TEST(NationalIdTest, UnknownSchemeName) {
  Result<NationalIdScheme> scheme = ParseNationalIdScheme("SE-PERSONNUMMER");
  ASSERT_FALSE(scheme.ok());
  EXPECT_TRUE(scheme.status().IsInvalidArgument());
  EXPECT_THAT(scheme.status().message(), HasSubstr("SE-PERSONNUMMER"));
  EXPECT_THAT(scheme.status().message(),
              HasSubstr("se-personnummer, se-samordningsnummer or cn-resident-id"));
}

}  // namespace
}  // namespace kinbridge
