// Recurrence rules in words (kinbridge/recurrence.h) in English, Swedish and Chinese, against
// catalogs written by the test itself: the phrases must come from the patterns, plural forms and
// contexts of the translations, whatever the project's catalogs hold at the time. A rule the
// function cannot describe faithfully comes back as it is, in every language.
#include "kinbridge/recurrence.h"

#include <gtest/gtest.h>
#include <libintl.h>
#include <unistd.h>

#include <clocale>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "test_catalog.h"

namespace kinbridge {
namespace {

namespace fs = std::filesystem;

using test_catalog::Context;
using test_catalog::Forms;
using test_catalog::Plural;

// The phrases as the Swedish and Chinese catalogs give them to translators, plus the patterns the
// CLI shares (days, moments, the list separator).
const std::map<std::string, std::string> kSwedish = {
    {"daily", "varje dag"},
    {"every other day", "varannan dag"},
    {Plural("every {} day", "every {} days"), Forms({"var {} dag", "var {} dag"})},
    {"every weekday", "varje vardag"},
    {"weekly", "varje vecka"},
    {"every other week", "varannan vecka"},
    {Plural("every {} week", "every {} weeks"), Forms({"var {} vecka", "var {} vecka"})},
    {"monthly", "varje månad"},
    {"every other month", "varannan månad"},
    {Plural("every {} month", "every {} months"), Forms({"var {} månad", "var {} månad"})},
    {"yearly", "varje år"},
    {"every other year", "vartannat år"},
    {Plural("every {} year", "every {} years"), Forms({"vart {} år", "vart {} år"})},
    {"weekly on {}", "varje {}"},
    {"every other {}", "varannan {}"},
    {"every other week on {}", "varannan vecka på {}"},
    {Plural("every {0} week on {1}", "every {0} weeks on {1}"),
     Forms({"var {0} vecka på {1}", "var {0} vecka på {1}"})},
    {"on the {0} {1} of each month", "den {0} {1} i varje månad"},
    {"on the {0} {1} of every other month", "den {0} {1} varannan månad"},
    {Plural("on the {0} {1} of every {2} month", "on the {0} {1} of every {2} months"),
     Forms({"den {0} {1} var {2} månad", "den {0} {1} var {2} månad"})},
    {"monthly on the last day", "den sista dagen i varje månad"},
    {"every other month on the last day", "den sista dagen varannan månad"},
    {Plural("every {} month on the last day", "every {} months on the last day"),
     Forms({"den sista dagen var {} månad", "den sista dagen var {} månad"})},
    {"monthly on day {}", "den {} varje månad"},
    {"every other month on day {}", "den {} varannan månad"},
    {Plural("every {0} month on day {1}", "every {0} months on day {1}"),
     Forms({"den {1} var {0} månad", "den {1} var {0} månad"})},
    {"{0}, until {1}", "{0}, till och med {1}"},
    {Plural("{0}, {1} time", "{0}, {1} times"), Forms({"{0}, {1} gång", "{0}, {1} gånger"})},
    {"{0} to {1}", "{0}–{1}"},
    {"{0} and {1}", "{0} och {1}"},
    {Context("weekday", "Monday"), "måndag"},
    {Context("weekday", "Tuesday"), "tisdag"},
    {Context("weekday", "Wednesday"), "onsdag"},
    {Context("weekday", "Thursday"), "torsdag"},
    {Context("weekday", "Friday"), "fredag"},
    {Context("weekday", "Saturday"), "lördag"},
    {Context("weekday", "Sunday"), "söndag"},
    {Context("weekday of the month", "Monday"), "måndagen"},
    {Context("weekday of the month", "Tuesday"), "tisdagen"},
    {Context("weekday of the month", "Wednesday"), "onsdagen"},
    {Context("weekday of the month", "Thursday"), "torsdagen"},
    {Context("weekday of the month", "Friday"), "fredagen"},
    {Context("weekday of the month", "Saturday"), "lördagen"},
    {Context("weekday of the month", "Sunday"), "söndagen"},
    {Context("nth weekday of the month", "first"), "första"},
    {Context("nth weekday of the month", "second"), "andra"},
    {Context("nth weekday of the month", "third"), "tredje"},
    {Context("nth weekday of the month", "fourth"), "fjärde"},
    {Context("nth weekday of the month", "fifth"), "femte"},
    {Context("nth weekday of the month", "last"), "sista"},
    {Context("ordinal number ending in 1", "{}"), "{}:a"},
    {Context("ordinal number ending in 2", "{}"), "{}:a"},
    {Context("ordinal number ending in 3", "{}"), "{}:e"},
    {Context("ordinal number, other", "{}"), "{}:e"},
    {Context("every nth", "3"), "tredje"},
    {Context("every nth", "4"), "fjärde"},
    {Context("every nth", "5"), "femte"},
    {Context("every nth", "6"), "sjätte"},
    {Context("every nth", "7"), "sjunde"},
    {Context("every nth", "8"), "åttonde"},
    {Context("every nth", "9"), "nionde"},
    {Context("every nth", "10"), "tionde"},
    {Context("every nth", "11"), "elfte"},
    {Context("every nth", "12"), "tolfte"},
    {Context("list separator", ", "), ", "},
};

const std::map<std::string, std::string> kChinese = {
    {"daily", "每天"},
    {"every other day", "每两天"},
    {Plural("every {} day", "every {} days"), Forms({"每{}天"})},
    {"every weekday", "每个工作日"},
    {"weekly", "每周"},
    {"every other week", "每两周"},
    {Plural("every {} week", "every {} weeks"), Forms({"每{}周"})},
    {"monthly", "每月"},
    {"every other month", "每两个月"},
    {Plural("every {} month", "every {} months"), Forms({"每{}个月"})},
    {"yearly", "每年"},
    {"every other year", "每两年"},
    {Plural("every {} year", "every {} years"), Forms({"每{}年"})},
    {"weekly on {}", "每{}"},
    {"every other {}", "每两周{}"},
    {"every other week on {}", "每两周{}"},
    {Plural("every {0} week on {1}", "every {0} weeks on {1}"), Forms({"每{0}周{1}"})},
    {"on the {0} {1} of each month", "每月{0}{1}"},
    {"on the {0} {1} of every other month", "每两个月{0}{1}"},
    {Plural("on the {0} {1} of every {2} month", "on the {0} {1} of every {2} months"),
     Forms({"每{2}个月{0}{1}"})},
    {"monthly on the last day", "每月最后一天"},
    {"every other month on the last day", "每两个月最后一天"},
    {Plural("every {} month on the last day", "every {} months on the last day"),
     Forms({"每{}个月最后一天"})},
    {"monthly on day {}", "每月{}日"},
    {"every other month on day {}", "每两个月{}日"},
    {Plural("every {0} month on day {1}", "every {0} months on day {1}"),
     Forms({"每{0}个月{1}日"})},
    {"{0}, until {1}", "{0}，至{1}止"},
    {Plural("{0}, {1} time", "{0}, {1} times"), Forms({"{0}，共{1}次"})},
    {"{0} to {1}", "{0}至{1}"},
    {"{0} and {1}", "{0}和{1}"},
    {Context("weekday", "Monday"), "周一"},
    {Context("weekday", "Tuesday"), "周二"},
    {Context("weekday", "Wednesday"), "周三"},
    {Context("weekday", "Thursday"), "周四"},
    {Context("weekday", "Friday"), "周五"},
    {Context("weekday", "Saturday"), "周六"},
    {Context("weekday", "Sunday"), "周日"},
    {Context("weekday of the month", "Monday"), "周一"},
    {Context("weekday of the month", "Tuesday"), "周二"},
    {Context("weekday of the month", "Wednesday"), "周三"},
    {Context("weekday of the month", "Thursday"), "周四"},
    {Context("weekday of the month", "Friday"), "周五"},
    {Context("weekday of the month", "Saturday"), "周六"},
    {Context("weekday of the month", "Sunday"), "周日"},
    {Context("nth weekday of the month", "first"), "第一个"},
    {Context("nth weekday of the month", "second"), "第二个"},
    {Context("nth weekday of the month", "third"), "第三个"},
    {Context("nth weekday of the month", "fourth"), "第四个"},
    {Context("nth weekday of the month", "fifth"), "第五个"},
    {Context("nth weekday of the month", "last"), "最后一个"},
    {Context("ordinal number ending in 1", "{}"), "{}"},
    {Context("ordinal number ending in 2", "{}"), "{}"},
    {Context("ordinal number ending in 3", "{}"), "{}"},
    {Context("ordinal number, other", "{}"), "{}"},
    {Context("every nth", "3"), "三"},
    {Context("every nth", "4"), "四"},
    {Context("every nth", "5"), "五"},
    {Context("every nth", "6"), "六"},
    {Context("every nth", "7"), "七"},
    {Context("every nth", "8"), "八"},
    {Context("every nth", "9"), "九"},
    {Context("every nth", "10"), "十"},
    {Context("every nth", "11"), "十一"},
    {Context("every nth", "12"), "十二"},
    {Context("list separator", ", "), "、"},
    {"{0}-{1}-{2}", "{0}年{1}月{2}日"},
    {"{0} {1} UTC", "{0} {1}（UTC）"},
};

// Binds the "kinbridge" domain to a catalog written for the test, in one language, for the length
// of a test. English: no catalog at all (the messages themselves).
class RecurrenceTextTest : public ::testing::Test {
 protected:
  void Use(const std::string& language, const std::map<std::string, std::string>& messages,
           const std::string& plural_forms) {
    RemoveCatalog();
    static int catalogs = 0;
    dir_ =
        fs::temp_directory_path() / ("kinbridge-recurrence-text-test-" +
                                     std::to_string(::getpid()) + "-" + std::to_string(++catalogs));
    if (!messages.empty()) {
      test_catalog::WriteMo(dir_ / language / "LC_MESSAGES" / "kinbridge.mo", messages,
                            plural_forms);
    }
    std::setlocale(LC_ALL, "C.UTF-8");
    setenv("LANGUAGE", language.c_str(), 1);
    bindtextdomain("kinbridge", dir_.c_str());
    bind_textdomain_codeset("kinbridge", "UTF-8");
  }
  void UseEnglish() { Use("en", {}, ""); }
  void UseSwedish() { Use("sv", kSwedish, "nplurals=2; plural=(n != 1);"); }
  void UseChinese() { Use("zh_CN", kChinese, "nplurals=1; plural=0;"); }

  void TearDown() override {
    unsetenv("LANGUAGE");
    bindtextdomain("kinbridge", "/nonexistent");
    RemoveCatalog();
  }

  // Every rule of `expected` described as it says.
  static void ExpectWords(const std::vector<std::pair<std::string, std::string>>& expected) {
    for (const auto& [rule, words] : expected) {
      EXPECT_EQ(DescribeRecurrence(rule), words) << rule;
    }
  }

 private:
  void RemoveCatalog() {
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
    dir_.clear();
  }

  fs::path dir_;
};

// Rules that no pattern says faithfully: positions within a set, clock times, several BY-parts
// together, months, weeks and days of the year, a position in a weekly rule, a floating UNTIL
// time (its day depends on a zone the rule does not name), other calendars, and what libical
// refuses. Each comes back exactly as given.
const std::vector<std::string> kUndescribed = {
    "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
    "FREQ=DAILY;BYHOUR=10",
    "FREQ=WEEKLY;BYDAY=MO;BYMINUTE=30",
    "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13",
    "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=24",
    "FREQ=YEARLY;BYMONTH=6",
    "FREQ=YEARLY;BYYEARDAY=100",
    "FREQ=YEARLY;BYWEEKNO=20",
    "FREQ=YEARLY;BYDAY=1MO",
    "FREQ=MONTHLY;BYMONTHDAY=1,15",
    "FREQ=MONTHLY;BYMONTHDAY=-2",
    "FREQ=MONTHLY;BYDAY=1MO,3MO",
    "FREQ=MONTHLY;BYDAY=MO",
    "FREQ=MONTHLY;BYDAY=-2FR",
    "FREQ=WEEKLY;BYDAY=1MO",
    "FREQ=WEEKLY;BYMONTHDAY=1",
    "FREQ=DAILY;BYMONTHDAY=1",
    "FREQ=DAILY;INTERVAL=2;BYDAY=MO",
    "FREQ=DAILY;UNTIL=20270630T080000",
    "FREQ=HOURLY",
    "FREQ=YEARLY;RSCALE=CHINESE",
    "FREQ=SOMETIMES",
    "FREQ=WEEKLY;INTERVAL=0",
    "FREQ=WEEKLY;BYDAY=XX",
    "FREQ=WEEKLY;COUNT=3;UNTIL=20270101",
    "RRULE:FREQ=WEEKLY",
    "BYDAY=MO",
    "every Monday",
    "",
};

TEST_F(RecurrenceTextTest, EnglishSaysHowOftenAndUntilWhen) {
  UseEnglish();
  ExpectWords({
      {"FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", "every other Saturday"},
      {"FREQ=WEEKLY;INTERVAL=4;BYDAY=SU", "every 4 weeks on Sunday"},
      {"FREQ=WEEKLY;BYDAY=WE", "weekly on Wednesday"},
      {"FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "every weekday"},
      {"FREQ=DAILY;BYDAY=FR,TH,WE,TU,MO", "every weekday"},
      {"FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TU,WE,TH,FR", "every other week on Monday to Friday"},
      {"FREQ=WEEKLY;BYDAY=MO,TU,WE,TH", "weekly on Monday to Thursday"},
      {"FREQ=MONTHLY;BYMONTHDAY=15", "monthly on day 15"},
      {"FREQ=MONTHLY;BYDAY=1MO", "on the first Monday of each month"},
      {"FREQ=MONTHLY;BYDAY=+2TU", "on the second Tuesday of each month"},
      {"FREQ=MONTHLY;BYDAY=-1FR", "on the last Friday of each month"},
      {"FREQ=MONTHLY;INTERVAL=2;BYDAY=3WE", "on the third Wednesday of every other month"},
      {"FREQ=MONTHLY;INTERVAL=3;BYDAY=5SU", "on the fifth Sunday of every 3 months"},
      {"FREQ=DAILY", "daily"},
      {"FREQ=DAILY;INTERVAL=2", "every other day"},
      {"FREQ=DAILY;INTERVAL=3", "every 3 days"},
      {"FREQ=WEEKLY;BYDAY=TU,TH", "weekly on Tuesday and Thursday"},
      {"FREQ=WEEKLY;BYDAY=TH,TU", "weekly on Tuesday and Thursday"},
      {"FREQ=WEEKLY;BYDAY=MO,MO", "weekly on Monday"},
      {"FREQ=WEEKLY;BYDAY=FR,WE,MO", "weekly on Monday, Wednesday and Friday"},
      {"FREQ=WEEKLY;BYDAY=SA,SU", "weekly on Saturday and Sunday"},
      {"FREQ=WEEKLY;BYDAY=SU,MO", "weekly on Monday and Sunday"},
      {"FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU", "daily"},
      {"FREQ=DAILY;BYDAY=TU,TH", "weekly on Tuesday and Thursday"},
      {"FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH", "every other week on Tuesday and Thursday"},
      {"FREQ=WEEKLY;INTERVAL=13;BYDAY=MO", "every 13 weeks on Monday"},
      {"FREQ=WEEKLY", "weekly"},
      {"FREQ=WEEKLY;INTERVAL=2", "every other week"},
      {"FREQ=WEEKLY;INTERVAL=3;WKST=SU", "every 3 weeks"},
      {"FREQ=MONTHLY", "monthly"},
      {"FREQ=MONTHLY;INTERVAL=2", "every other month"},
      {"FREQ=MONTHLY;INTERVAL=6", "every 6 months"},
      {"FREQ=MONTHLY;BYMONTHDAY=-1", "monthly on the last day"},
      {"FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=1", "every other month on day 1"},
      {"FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=22", "every 3 months on day 22"},
      {"FREQ=MONTHLY;INTERVAL=4;BYMONTHDAY=-1", "every 4 months on the last day"},
      {"FREQ=YEARLY", "yearly"},
      {"FREQ=YEARLY;INTERVAL=2", "every other year"},
      {"FREQ=YEARLY;INTERVAL=5", "every 5 years"},
      {"freq=weekly;byday=we", "weekly on Wednesday"},
      {"FREQ=WEEKLY;BYDAY=WE;UNTIL=20270630", "weekly on Wednesday, until 2027-06-30"},
      {"FREQ=WEEKLY;BYDAY=TU,TH;COUNT=12", "weekly on Tuesday and Thursday, 12 times"},
      {"FREQ=DAILY;COUNT=1", "daily, 1 time"},
      {"FREQ=DAILY;UNTIL=20260910T080000Z", "daily, until 2026-09-10 08:00 UTC"},
  });
}

TEST_F(RecurrenceTextTest, SwedishInflectsTheWordsForHowOften) {
  UseSwedish();
  ExpectWords({
      {"FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", "varannan lördag"},
      {"FREQ=WEEKLY;INTERVAL=4;BYDAY=SU", "var fjärde vecka på söndag"},
      {"FREQ=WEEKLY;BYDAY=WE", "varje onsdag"},
      {"FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "varje vardag"},
      {"FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TU,WE,TH,FR", "varannan vecka på måndag–fredag"},
      {"FREQ=MONTHLY;BYMONTHDAY=15", "den 15:e varje månad"},
      {"FREQ=MONTHLY;BYMONTHDAY=1", "den 1:a varje månad"},
      {"FREQ=MONTHLY;BYMONTHDAY=22", "den 22:a varje månad"},
      {"FREQ=MONTHLY;BYMONTHDAY=11", "den 11:e varje månad"},
      {"FREQ=MONTHLY;BYMONTHDAY=31", "den 31:a varje månad"},
      {"FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=23", "den 23:e var tredje månad"},
      {"FREQ=MONTHLY;BYMONTHDAY=-1", "den sista dagen i varje månad"},
      {"FREQ=MONTHLY;BYDAY=1MO", "den första måndagen i varje månad"},
      {"FREQ=MONTHLY;BYDAY=-1FR", "den sista fredagen i varje månad"},
      {"FREQ=MONTHLY;INTERVAL=2;BYDAY=2TH", "den andra torsdagen varannan månad"},
      {"FREQ=DAILY", "varje dag"},
      {"FREQ=DAILY;INTERVAL=3", "var tredje dag"},
      {"FREQ=WEEKLY;BYDAY=TU,TH", "varje tisdag och torsdag"},
      {"FREQ=WEEKLY;BYDAY=MO,WE,FR", "varje måndag, onsdag och fredag"},
      {"FREQ=WEEKLY;INTERVAL=13;BYDAY=MO", "var 13:e vecka på måndag"},
      {"FREQ=WEEKLY;INTERVAL=2", "varannan vecka"},
      {"FREQ=MONTHLY;INTERVAL=12", "var tolfte månad"},
      {"FREQ=YEARLY;INTERVAL=2", "vartannat år"},
      {"FREQ=YEARLY;INTERVAL=3", "vart tredje år"},
      {"FREQ=WEEKLY;BYDAY=WE;UNTIL=20270630", "varje onsdag, till och med 2027-06-30"},
      {"FREQ=WEEKLY;BYDAY=TU,TH;COUNT=12", "varje tisdag och torsdag, 12 gånger"},
      {"FREQ=DAILY;COUNT=1", "varje dag, 1 gång"},
  });
}

TEST_F(RecurrenceTextTest, ChineseOrdersTheWordsItsOwnWay) {
  UseChinese();
  ExpectWords({
      {"FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", "每两周周六"},
      {"FREQ=WEEKLY;INTERVAL=4;BYDAY=SU", "每四周周日"},
      {"FREQ=WEEKLY;BYDAY=WE", "每周三"},
      {"FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "每个工作日"},
      {"FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TU,WE,TH,FR", "每两周周一至周五"},
      {"FREQ=WEEKLY;BYDAY=MO,WE,FR", "每周一、周三和周五"},
      {"FREQ=MONTHLY;BYMONTHDAY=15", "每月15日"},
      {"FREQ=MONTHLY;BYMONTHDAY=1", "每月1日"},
      {"FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=22", "每三个月22日"},
      {"FREQ=MONTHLY;BYMONTHDAY=-1", "每月最后一天"},
      {"FREQ=MONTHLY;BYDAY=1MO", "每月第一个周一"},
      {"FREQ=MONTHLY;BYDAY=-1FR", "每月最后一个周五"},
      {"FREQ=MONTHLY;INTERVAL=4;BYDAY=2TH", "每四个月第二个周四"},
      {"FREQ=DAILY", "每天"},
      {"FREQ=DAILY;INTERVAL=2", "每两天"},
      {"FREQ=WEEKLY;BYDAY=TU,TH", "每周二和周四"},
      {"FREQ=WEEKLY;INTERVAL=13;BYDAY=MO", "每13周周一"},
      {"FREQ=YEARLY", "每年"},
      {"FREQ=WEEKLY;BYDAY=WE;UNTIL=20270630", "每周三，至2027年06月30日止"},
      {"FREQ=WEEKLY;BYDAY=TU,TH;COUNT=12", "每周二和周四，共12次"},
      {"FREQ=DAILY;UNTIL=20260910T080000Z", "每天，至2026年09月10日 08:00（UTC）止"},
  });
}

TEST_F(RecurrenceTextTest, WhatCannotBeSaidFaithfullyStaysTheRule) {
  const std::vector<std::function<void()>> languages = {
      [this] { UseEnglish(); }, [this] { UseSwedish(); }, [this] { UseChinese(); }};
  for (const auto& use : languages) {
    use();
    for (const std::string& rule : kUndescribed) {
      EXPECT_EQ(DescribeRecurrence(rule), rule);
    }
    // Each part has words of its own; it is their combination that has none.
    EXPECT_NE(DescribeRecurrence("FREQ=MONTHLY;BYMONTHDAY=13"), "FREQ=MONTHLY;BYMONTHDAY=13");
    EXPECT_NE(DescribeRecurrence("FREQ=MONTHLY;BYDAY=2FR"), "FREQ=MONTHLY;BYDAY=2FR");
  }
}

TEST_F(RecurrenceTextTest, ABrokenTranslationGivesTheRuleNotAWrongPhrase) {
  std::map<std::string, std::string> broken = kChinese;
  broken["weekly on {}"] = "每{1}";
  broken[Plural("{0}, {1} time", "{0}, {1} times")] = "{0}，共{";
  Use("zh_CN", broken, "nplurals=1; plural=0;");
  EXPECT_EQ(DescribeRecurrence("FREQ=WEEKLY;BYDAY=WE"), "FREQ=WEEKLY;BYDAY=WE");
  EXPECT_EQ(DescribeRecurrence("FREQ=DAILY;COUNT=3"), "FREQ=DAILY;COUNT=3");
  EXPECT_EQ(DescribeRecurrence("FREQ=WEEKLY;INTERVAL=2;BYDAY=SA"), "每两周周六");
}

}  // namespace
}  // namespace kinbridge
