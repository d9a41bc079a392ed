// A recurrence rule in words (kinbridge/recurrence.h). libical reads the rule, as it does for the
// schedule's expansion; the words come from one translatable pattern per shape of rule, so that
// each language orders and inflects the parts as it needs: "every 4 weeks on Sunday", "var
// fjärde vecka på söndag", "每四周周日". A shape without its own pattern is not described at all.
#include "kinbridge/recurrence.h"

#include <bit>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "common/i18n.h"
#include "common/libical.h"

KINBRIDGE_NAMESPACE_BEGIN

namespace {

// Days of the week as bits, Monday first (bit 0) to Sunday (bit 6).
constexpr unsigned kMondayToFriday = 0x1f;
constexpr unsigned kWholeWeek = 0x7f;

// libical's weekday (Sunday = 1 .. Saturday = 7) as 0 = Monday .. 6 = Sunday.
int MondayBased(icalrecurrencetype_weekday day) { return (static_cast<int>(day) + 5) % 7; }

const char* WeekdayName(int day) {
  switch (day) {
    case 0: return C_("weekday", "Monday");
    case 1: return C_("weekday", "Tuesday");
    case 2: return C_("weekday", "Wednesday");
    case 3: return C_("weekday", "Thursday");
    case 4: return C_("weekday", "Friday");
    case 5: return C_("weekday", "Saturday");
    default: return C_("weekday", "Sunday");
  }
}

// The weekday in "the first Monday of each month".
const char* WeekdayOfMonthName(int day) {
  switch (day) {
    // TRANSLATORS: the weekday in "the first Monday of each month"; Swedish needs the definite
    // form there ("den första måndagen").
    case 0: return C_("weekday of the month", "Monday");
    case 1: return C_("weekday of the month", "Tuesday");
    case 2: return C_("weekday of the month", "Wednesday");
    case 3: return C_("weekday of the month", "Thursday");
    case 4: return C_("weekday of the month", "Friday");
    case 5: return C_("weekday of the month", "Saturday");
    default: return C_("weekday of the month", "Sunday");
  }
}

// "first" .. "fifth", "last"; nullptr for a position without words.
const char* PositionName(int position) {
  switch (position) {
    case 1: return C_("nth weekday of the month", "first");
    case 2: return C_("nth weekday of the month", "second");
    case 3: return C_("nth weekday of the month", "third");
    case 4: return C_("nth weekday of the month", "fourth");
    case 5: return C_("nth weekday of the month", "fifth");
    case -1: return C_("nth weekday of the month", "last");
    default: return nullptr;
  }
}

// A number where the language may need an ordinal: a day of the month ("monthly on day 21") and a
// large interval ("every 13 weeks"). English keeps the bare number; Swedish writes 21:a, 13:e.
std::string Ordinal(int n) {
  const int last_two = n % 100;
  const int last = n % 10;
  const char* pattern = nullptr;
  if (last_two >= 11 && last_two <= 13) {
    // TRANSLATORS: {} is a number used as an ordinal (a day of the month, or how many weeks or
    // months apart): 4..20, 24..30, 11, 12, 13... English shows the bare number; Swedish {}:e.
    pattern = C_("ordinal number, other", "{}");
  } else if (last == 1) {
    // TRANSLATORS: as above, for 1, 21, 31, 101... (not 11). Swedish {}:a.
    pattern = C_("ordinal number ending in 1", "{}");
  } else if (last == 2) {
    // TRANSLATORS: as above, for 2, 22, 32... (not 12). Swedish {}:a.
    pattern = C_("ordinal number ending in 2", "{}");
  } else if (last == 3) {
    // TRANSLATORS: as above, for 3, 23, 33... (not 13). Swedish {}:e.
    pattern = C_("ordinal number ending in 3", "{}");
  } else {
    pattern = C_("ordinal number, other", "{}");
  }
  return fmt::format(fmt::runtime(pattern), n);
}

// How many days, weeks, months or years apart, from 3 on (2 has patterns of its own: "every
// other week"), as the language says it in "every 4 weeks": English keeps the number, Swedish
// says "fjärde" and Chinese "四".
std::string IntervalWord(int n) {
  switch (n) {
    // TRANSLATORS: the number in "every 3 weeks" (also days, months, years) as your language
    // says it there: Swedish "var tredje vecka" (tredje), Chinese 每三周 (三). English keeps the
    // digits.
    case 3: return C_("every nth", "3");
    case 4: return C_("every nth", "4");
    case 5: return C_("every nth", "5");
    case 6: return C_("every nth", "6");
    case 7: return C_("every nth", "7");
    case 8: return C_("every nth", "8");
    case 9: return C_("every nth", "9");
    case 10: return C_("every nth", "10");
    case 11: return C_("every nth", "11");
    case 12: return C_("every nth", "12");
    default: return Ordinal(n);
  }
}

// "Monday", "Tuesday and Thursday", "Monday, Wednesday and Friday"; three or more days in a row
// as a span, "Monday to Friday".
std::string DaysPhrase(unsigned days) {
  std::vector<int> list;
  for (int day = 0; day < 7; ++day) {
    if ((days & (1u << day)) != 0) list.push_back(day);
  }
  if (list.size() >= 3 && static_cast<std::size_t>(list.back() - list.front() + 1) == list.size()) {
    // TRANSLATORS: a span of weekdays, "Monday to Friday".
    return TrFormat("{0} to {1}", WeekdayName(list.front()), WeekdayName(list.back()));
  }
  if (list.size() == 1) return WeekdayName(list.front());
  std::string head;
  for (std::size_t i = 0; i + 1 < list.size(); ++i) {
    if (i > 0) head += C_("list separator", ", ");
    head += WeekdayName(list[i]);
  }
  // TRANSLATORS: the last two of a list of weekdays, "Tuesday and Thursday".
  return TrFormat("{0} and {1}", head, WeekdayName(list.back()));
}

// The values of one of libical's BY arrays (each ends at ICAL_RECURRENCE_ARRAY_MAX unless full).
template <std::size_t N>
std::vector<short> Values(const short (&array)[N]) {
  std::vector<short> values;
  for (short v : array) {
    if (v == ICAL_RECURRENCE_ARRAY_MAX) break;
    values.push_back(v);
  }
  return values;
}

template <std::size_t N>
bool Unset(const short (&array)[N]) {
  return array[0] == ICAL_RECURRENCE_ARRAY_MAX;
}

// Plain weekdays (no position) as bits; nullopt when one has a position or is no weekday.
std::optional<unsigned> PlainWeekdays(const detail::LibicalApi& ical,
                                      const std::vector<short>& by_day) {
  unsigned days = 0;
  for (short v : by_day) {
    const icalrecurrencetype_weekday day = ical.icalrecurrencetype_day_day_of_week(v);
    if (day == ICAL_NO_WEEKDAY || ical.icalrecurrencetype_day_position(v) != 0) return std::nullopt;
    days |= 1u << MondayBased(day);
  }
  return days;
}

std::string EveryDay(int n) {
  if (n == 1) return _("daily");
  if (n == 2) return _("every other day");
  return TrPlural("every {} day", "every {} days", static_cast<unsigned long>(n), IntervalWord(n));
}

std::string EveryWeek(int n) {
  if (n == 1) return _("weekly");
  if (n == 2) return _("every other week");
  return TrPlural("every {} week", "every {} weeks", static_cast<unsigned long>(n),
                  IntervalWord(n));
}

std::string EveryMonth(int n) {
  if (n == 1) return _("monthly");
  if (n == 2) return _("every other month");
  return TrPlural("every {} month", "every {} months", static_cast<unsigned long>(n),
                  IntervalWord(n));
}

std::string EveryYear(int n) {
  if (n == 1) return _("yearly");
  if (n == 2) return _("every other year");
  return TrPlural("every {} year", "every {} years", static_cast<unsigned long>(n),
                  IntervalWord(n));
}

// Every n weeks on the days of `days` (bits, Monday first).
std::string OnWeekdays(unsigned days, int n) {
  if (n == 1 && days == kWholeWeek) return _("daily");
  if (n == 1 && days == kMondayToFriday) return _("every weekday");
  const std::string phrase = DaysPhrase(days);
  // TRANSLATORS: {} is one weekday or several: "weekly on Wednesday", "weekly on Tuesday and
  // Thursday", "weekly on Monday to Thursday".
  if (n == 1) return TrFormat("weekly on {}", phrase);
  if (n == 2) {
    // TRANSLATORS: every second week, on the one weekday {}: "every other Saturday".
    if (std::popcount(days) == 1) return TrFormat("every other {}", phrase);
    // TRANSLATORS: every second week, on several weekdays: "every other week on Tuesday and
    // Thursday".
    return TrFormat("every other week on {}", phrase);
  }
  // TRANSLATORS: {0} how many weeks apart (3 or more, as "every nth" says it), {1} the
  // weekdays: "every 4 weeks on Sunday".
  return TrPlural("every {0} week on {1}", "every {0} weeks on {1}", static_cast<unsigned long>(n),
                  IntervalWord(n), phrase);
}

// Every n months on one weekday at a position ("the first Monday", "the last Friday").
std::optional<std::string> NthWeekdayOfMonth(const detail::LibicalApi& ical,
                                             const std::vector<short>& by_day, int n) {
  if (by_day.size() != 1) return std::nullopt;
  const icalrecurrencetype_weekday weekday = ical.icalrecurrencetype_day_day_of_week(by_day[0]);
  const char* position = PositionName(ical.icalrecurrencetype_day_position(by_day[0]));
  if (weekday == ICAL_NO_WEEKDAY || position == nullptr) return std::nullopt;
  const char* day = WeekdayOfMonthName(MondayBased(weekday));
  // TRANSLATORS: {0} the position ("first", "last"), {1} the weekday: "on the first Monday of
  // each month".
  if (n == 1) return TrFormat("on the {0} {1} of each month", position, day);
  if (n == 2) return TrFormat("on the {0} {1} of every other month", position, day);
  // TRANSLATORS: {2} how many months apart (3 or more, as "every nth" says it).
  return TrPlural("on the {0} {1} of every {2} month", "on the {0} {1} of every {2} months",
                  static_cast<unsigned long>(n), position, day, IntervalWord(n));
}

// Every n months on one day of the month: 1..31, or -1 for the last day.
std::optional<std::string> OnMonthDay(const std::vector<short>& by_month_day, int n) {
  if (by_month_day.size() != 1) return std::nullopt;
  const int day = by_month_day[0];
  if (day == -1) {
    if (n == 1) return _("monthly on the last day");
    if (n == 2) return _("every other month on the last day");
    return TrPlural("every {} month on the last day", "every {} months on the last day",
                    static_cast<unsigned long>(n), IntervalWord(n));
  }
  if (day < 1 || day > 31) return std::nullopt;
  // TRANSLATORS: {} the day of the month, as "ordinal number" says it: "monthly on day 15".
  if (n == 1) return TrFormat("monthly on day {}", Ordinal(day));
  if (n == 2) return TrFormat("every other month on day {}", Ordinal(day));
  // TRANSLATORS: {0} how many months apart (as "every nth" says it), {1} the day of the month
  // (as "ordinal number" says it): "every 3 months on day 15".
  return TrPlural("every {0} month on day {1}", "every {0} months on day {1}",
                  static_cast<unsigned long>(n), IntervalWord(n), Ordinal(day));
}

// How often, without the end; nullopt for a shape that has no words here.
std::optional<std::string> HowOften(const detail::LibicalApi& ical,
                                    const icalrecurrencetype& rule) {
  if (!Unset(rule.by_second) || !Unset(rule.by_minute) || !Unset(rule.by_hour) ||
      !Unset(rule.by_year_day) || !Unset(rule.by_week_no) || !Unset(rule.by_month) ||
      !Unset(rule.by_set_pos)) {
    return std::nullopt;
  }
  const int n = rule.interval;
  if (n < 1) return std::nullopt;
  const std::vector<short> by_day = Values(rule.by_day);
  const std::vector<short> by_month_day = Values(rule.by_month_day);
  if (!by_day.empty() && !by_month_day.empty()) return std::nullopt;
  switch (rule.freq) {
    case ICAL_DAILY_RECURRENCE: {
      if (!by_month_day.empty()) return std::nullopt;
      if (by_day.empty()) return EveryDay(n);
      // Every day on some weekdays is weekly on them; every n days on some weekdays is not.
      const std::optional<unsigned> days = PlainWeekdays(ical, by_day);
      if (!days || n != 1) return std::nullopt;
      return OnWeekdays(*days, 1);
    }
    case ICAL_WEEKLY_RECURRENCE: {
      if (!by_month_day.empty()) return std::nullopt;
      if (by_day.empty()) return EveryWeek(n);
      const std::optional<unsigned> days = PlainWeekdays(ical, by_day);
      if (!days) return std::nullopt;
      return OnWeekdays(*days, n);
    }
    case ICAL_MONTHLY_RECURRENCE:
      if (!by_day.empty()) return NthWeekdayOfMonth(ical, by_day, n);
      if (!by_month_day.empty()) return OnMonthDay(by_month_day, n);
      return EveryMonth(n);
    case ICAL_YEARLY_RECURRENCE:
      if (!by_day.empty() || !by_month_day.empty()) return std::nullopt;
      return EveryYear(n);
    default: return std::nullopt;
  }
}

// A day as the CLI writes it in tables (the same pattern as its LocalDate).
std::string DayText(const icaltimetype& t) {
  return fmt::format(fmt::runtime(_("{0}-{1}-{2}")), fmt::format("{:04}", t.year),
                     fmt::format("{:02}", t.month), fmt::format("{:02}", t.day));
}

// How often, and until when or how many times.
std::optional<std::string> Describe(const detail::LibicalApi& ical,
                                    const icalrecurrencetype& rule) {
  std::optional<std::string> how_often = HowOften(ical, rule);
  if (!how_often) return std::nullopt;
  if (rule.count > 0) {
    // TRANSLATORS: {0} how often ("weekly on Wednesday"), {1} how many times in all.
    return TrPlural("{0}, {1} time", "{0}, {1} times", static_cast<unsigned long>(rule.count),
                    *how_often, rule.count);
  }
  if (ical.icaltime_is_null_time(rule.until)) return how_often;
  // An UNTIL date includes that day (see schedule/recurrence.h). An UNTIL in UTC is a moment, said
  // as the CLI says moments; a floating UNTIL time is local to a zone this function is not told,
  // so no day can be named for it.
  std::string until;
  if (rule.until.is_date) {
    until = DayText(rule.until);
  } else if (ical.icaltime_is_utc(rule.until)) {
    until = fmt::format(fmt::runtime(_("{0} {1} UTC")), DayText(rule.until),
                        fmt::format("{:02}:{:02}", rule.until.hour, rule.until.minute));
  } else {
    return std::nullopt;
  }
  // TRANSLATORS: {0} how often ("daily"), {1} the last day (included) or moment.
  return TrFormat("{0}, until {1}", *how_often, until);
}

}  // namespace

std::string DescribeRecurrence(std::string_view rrule) {
  const std::string text(rrule);
  // Without libical no rule is read, so none is described: the rule is shown as written.
  const Result<const detail::LibicalApi*> loaded = detail::LoadLibical();
  if (!loaded.ok()) return text;
  const detail::LibicalApi& ical = **loaded;
  icalrecurrencetype rule{};
  bool parsed = false;
  {
    // libical reports parse errors through its global error state; kinbridge serialises its use
    // of libical with one lock (common/libical.h).
    std::lock_guard lock(detail::LibicalMutex());
    ical.icalerror_clear_errno();
    rule = ical.icalrecurrencetype_from_string(text.c_str());
    parsed = *ical.icalerrno_return() == ICAL_NO_ERROR && rule.freq != ICAL_NO_RECURRENCE;
    ical.icalerror_clear_errno();
  }
  if (rule.rscale != nullptr) {
    // A rule in another calendar (RFC 7529 RSCALE): its months and days are not the ones named.
    ical.icalmemory_free_buffer(rule.rscale);
    return text;
  }
  if (!parsed) return text;
  try {
    std::optional<std::string> words = Describe(ical, rule);
    return words ? *words : text;
  } catch (const fmt::format_error&) {
    return text;  // A broken translation must not hide the rule.
  }
}

KINBRIDGE_NAMESPACE_END
