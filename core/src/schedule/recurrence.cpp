#include "schedule/recurrence.h"

#include "common/clock.h"

#include <cctz/civil_time.h>
#include <cctz/time_zone.h>

#include <cctype>
#include <chrono>
#include <ctime>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "common/i18n.h"
#include "common/libical.h"

namespace kinbridge::detail {

namespace {

constexpr long long kSecondsPerDay = 86400;
constexpr int kMinutesPerDay = 1440;
constexpr int kCheckYears = 5;

long long FloorDiv(long long a, long long b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

// Two digits of `value` (0..99) at `out`.
void PutTwo(char* out, long long value) {
  out[0] = static_cast<char>('0' + value / 10);
  out[1] = static_cast<char>('0' + value % 10);
}

// "YYYY-MM-DDTHH:MM:SSZ" of a UTC instant. Written out by hand rather than through fmt: it runs
// twice for every occurrence of every schedule.
std::string FormatUtc(long long utc) {
  const long long days = FloorDiv(utc, kSecondsPerDay);
  const long long second_of_day = utc - days * kSecondsPerDay;
  const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{days}}};
  const int year = static_cast<int>(ymd.year());
  if (year < 0 || year > 9999) {  // an end past 9999-12-31 (the last Date) in UTC
    return fmt::format("{}T{:02}:{:02}:{:02}Z", Date::FromDays(static_cast<long>(days)).ToString(),
                       second_of_day / 3600, second_of_day / 60 % 60, second_of_day % 60);
  }
  std::string text(20, '-');
  PutTwo(&text[0], year / 100);
  PutTwo(&text[2], year % 100);
  PutTwo(&text[5], static_cast<unsigned>(ymd.month()));
  PutTwo(&text[8], static_cast<unsigned>(ymd.day()));
  text[10] = 'T';
  PutTwo(&text[11], second_of_day / 3600);
  text[13] = ':';
  PutTwo(&text[14], second_of_day / 60 % 60);
  text[16] = ':';
  PutTwo(&text[17], second_of_day % 60);
  text[19] = 'Z';
  return text;
}

std::string Upper(std::string_view text) {
  std::string upper(text);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return upper;
}

struct IteratorFree {
  const LibicalApi* ical;
  void operator()(icalrecur_iterator* it) const { ical->icalrecur_iterator_free(it); }
};
using IteratorPtr = std::unique_ptr<icalrecur_iterator, IteratorFree>;

// A checked rule, ready to iterate.
struct Prepared {
  const LibicalApi* ical = nullptr;
  icalrecurrencetype rule{};
  const cctz::time_zone* zone = nullptr;
};

Status InvalidRule(const std::string& rrule) {
  return Status::InvalidArgument(
      TrFormat("recurrence rule {} is not a valid RFC 5545 RRULE (expected e.g. "
               "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA)",
               rrule));
}

// What libical does not say clearly: the names of the rule's parts.
Status CheckRuleParts(const std::string& rrule) {
  if (Upper(rrule).starts_with("RRULE:")) {
    return Status::InvalidArgument(TrFormat(
        "recurrence rule {} starts with RRULE: (expected the rule without the prefix)", rrule));
  }
  bool has_freq = false, has_count = false, has_until = false;
  std::string_view rest = rrule;
  while (!rest.empty()) {
    const std::size_t end = rest.find(';');
    const std::string_view part = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    const std::size_t equals = part.find('=');
    if (equals == std::string_view::npos) return InvalidRule(rrule);
    const std::string name = Upper(part.substr(0, equals));
    has_freq = has_freq || name == "FREQ";
    has_count = has_count || name == "COUNT";
    has_until = has_until || name == "UNTIL";
    if (name == "BYHOUR" || name == "BYMINUTE" || name == "BYSECOND") {
      return Status::InvalidArgument(
          TrFormat("recurrence rule {} sets {} (expected no BYHOUR, BYMINUTE or BYSECOND; the "
                   "clock time is the arrangement's start time)",
                   rrule, name));
    }
  }
  if (!has_freq) {
    return Status::InvalidArgument(TrFormat(
        "recurrence rule {} has no FREQ (expected FREQ=DAILY, WEEKLY, MONTHLY or YEARLY)", rrule));
  }
  if (has_count && has_until) {
    return Status::InvalidArgument(TrFormat(
        "recurrence rule {} has both COUNT and UNTIL (expected at most one of them)", rrule));
  }
  return Status::Ok();
}

Result<Prepared> Prepare(const Recurrence& r) {
  if (r.start_minutes < 0 || r.start_minutes >= kMinutesPerDay) {
    return Status::InvalidArgument(
        TrFormat("start time {} is not a time of day (expected 0..1439 minutes after midnight)",
                 r.start_minutes));
  }
  if (r.duration_minutes < 1 || r.duration_minutes > kMinutesPerDay) {
    return Status::InvalidArgument(
        TrPlural("duration {} minute is out of range (expected 1..1440 minutes)",
                 "duration {} minutes is out of range (expected 1..1440 minutes)",
                 static_cast<unsigned long>(r.duration_minutes), r.duration_minutes));
  }
  KINBRIDGE_RETURN_IF_ERROR(CheckRuleParts(r.rrule));

  Prepared prepared;
  prepared.zone = TimeZoneNamed(r.time_zone);
  if (prepared.zone == nullptr) {
    return Status::InvalidArgument(TrFormat(
        "time zone {} is not known (expected an IANA name such as Europe/Stockholm)", r.time_zone));
  }
  Result<const LibicalApi*> loaded = LoadLibical();
  if (!loaded.ok()) return loaded.status();
  prepared.ical = *loaded;
  const LibicalApi& ical = **loaded;
  std::lock_guard lock(LibicalMutex());
  ical.icalerror_clear_errno();
  prepared.rule = ical.icalrecurrencetype_from_string(r.rrule.c_str());
  const bool parse_failed = *ical.icalerrno_return() != ICAL_NO_ERROR;
  ical.icalerror_clear_errno();
  if (parse_failed || prepared.rule.freq == ICAL_NO_RECURRENCE) return InvalidRule(r.rrule);
  if (prepared.rule.freq == ICAL_SECONDLY_RECURRENCE ||
      prepared.rule.freq == ICAL_MINUTELY_RECURRENCE ||
      prepared.rule.freq == ICAL_HOURLY_RECURRENCE) {
    return Status::InvalidArgument(
        TrFormat("recurrence rule {} repeats more often than daily (expected FREQ=DAILY, WEEKLY, "
                 "MONTHLY or YEARLY)",
                 r.rrule));
  }
  // The iterator walks floating local date-times, so UNTIL must be one too: an UNTIL date
  // includes its whole local day; an UNTIL in UTC becomes the local time of that instant.
  icaltimetype& until = prepared.rule.until;
  if (!ical.icaltime_is_null_time(until)) {
    if (until.is_date) {
      until.is_date = 0;
      until.hour = 23;
      until.minute = 59;
      until.second = 59;
    } else if (ical.icaltime_is_utc(until)) {
      const cctz::civil_second local = cctz::convert(
          std::chrono::system_clock::from_time_t(ical.icaltime_as_timet(until)), *prepared.zone);
      until.year = static_cast<int>(local.year());
      until.month = local.month();
      until.day = local.day();
      until.hour = local.hour();
      until.minute = local.minute();
      until.second = local.second();
    }
    until.zone = nullptr;
  }
  return prepared;
}

}  // namespace

Result<std::vector<Occurrence>> Expand(const Recurrence& r, Date from, Date to, std::size_t limit) {
  Result<Prepared> prepared = Prepare(r);
  if (!prepared.ok()) return prepared.status();
  std::vector<Occurrence> occurrences;
  if (from > to || limit == 0) return occurrences;

  // DTSTART is a floating local date-time (no zone), so the iterator walks local days and clock
  // times; each occurrence is then placed in the zone.
  const LibicalApi& ical = *prepared->ical;
  icaltimetype dtstart = ical.icaltime_null_time();
  dtstart.year = r.first_day.year();
  dtstart.month = static_cast<int>(r.first_day.month());
  dtstart.day = static_cast<int>(r.first_day.day());
  dtstart.hour = r.start_minutes / 60;
  dtstart.minute = r.start_minutes % 60;
  dtstart.is_date = 0;
  dtstart.zone = nullptr;

  // libical (3.0) puts a weekly rule's BYDAY days in weeks starting on Sunday whatever WKST says,
  // so with an INTERVAL a Sunday lands in the wrong period ("every 4 weeks on Sunday" from a
  // Monday started three weeks late). Weeks counted from Monday (RFC 5545's default WKST) and
  // from Sunday differ only in where Sunday goes: a rule whose days (BYDAY and DTSTART's) are all
  // Sundays or all other days groups them alike either way and is iterated as it is ("every
  // other Sunday" from a Sunday), as is any rule with WKST=SU. The others, and every rule with
  // another WKST (libical places those wrongly too, compared with python-dateutil), are walked
  // every week, and the weeks to keep, and COUNT, are applied here, weeks counted from WKST.
  icalrecurrencetype rule = prepared->rule;
  const int week_start = rule.week_start == ICAL_NO_WEEKDAY
                             ? 0
                             : (static_cast<int>(rule.week_start) + 5) % 7;  // Monday = 0
  auto weekday_of = [](Date day) {  // Monday = 0 (1970-01-01 was a Thursday)
    return static_cast<int>(((day.days() + 3) % 7 + 7) % 7);
  };
  constexpr int kSunday = 6;
  int every = 1, count = 0, kept = 0;
  if (rule.freq == ICAL_WEEKLY_RECURRENCE && rule.interval > 1 &&
      rule.by_day[0] != ICAL_RECURRENCE_ARRAY_MAX && week_start != kSunday) {
    const bool first_on_sunday = weekday_of(r.first_day) == kSunday;
    bool mixed = week_start != 0;  // WKST other than Monday or Sunday
    for (int i = 0; i < ICAL_BY_DAY_SIZE && rule.by_day[i] != ICAL_RECURRENCE_ARRAY_MAX; ++i) {
      const int weekday =
          (static_cast<int>(ical.icalrecurrencetype_day_day_of_week(rule.by_day[i])) + 5) % 7;
      mixed = mixed || (weekday == kSunday) != first_on_sunday;
    }
    if (mixed) {
      every = rule.interval;
      count = rule.count;
      rule.interval = 1;
      rule.count = 0;
    }
  }
  // Days since the epoch of the first day of `day`'s week.
  auto week_of = [&](Date day) { return day.days() - (weekday_of(day) - week_start + 7) % 7; };
  const long first_week = week_of(r.first_day);

  IteratorPtr iterator(ical.icalrecur_iterator_new(rule, dtstart), IteratorFree{&ical});
  // libical refuses to start a rule whose parts contradict each other or can never match.
  if (iterator == nullptr) {
    return Status::InvalidArgument(
        TrFormat("recurrence rule {} yields no occurrence from {} (its parts contradict each other "
                 "or name no real date; expected a rule with at least one occurrence)",
                 r.rrule, r.first_day.ToString()));
  }

  // The iterator never stops for an open rule: stop once the nominal day passes `to` (a DST gap
  // only ever moves an occurrence later, so nothing after that can fall inside the window).
  for (icaltimetype t = ical.icalrecur_iterator_next(iterator.get());
       !ical.icaltime_is_null_time(t); t = ical.icalrecur_iterator_next(iterator.get())) {
    const Date nominal_day(t.year, static_cast<unsigned>(t.month), static_cast<unsigned>(t.day));
    if (nominal_day > to) break;
    if (nominal_day < r.first_day) continue;
    if (every > 1) {
      if ((week_of(nominal_day) - first_week) / 7 % every != 0) continue;
      if (count > 0 && ++kept > count) break;
    }
    const long long local = nominal_day.days() * kSecondsPerDay + t.hour * 3600LL + t.minute * 60LL;
    // The instant with the offset in force before a change: for a local time in a
    // spring-forward gap that moves it forward by the gap; for one a fall-back repeats it is
    // the first, summer-time instant (recurrence.h).
    const cctz::time_zone::civil_lookup placed =
        prepared->zone->lookup(cctz::civil_second(t.year, t.month, t.day, t.hour, t.minute, 0));
    const long long starts = placed.pre.time_since_epoch().count();
    const long long actual_local = placed.kind == cctz::time_zone::civil_lookup::SKIPPED
                                       ? starts + prepared->zone->lookup(placed.pre).offset
                                       : local;
    const long long actual_days = FloorDiv(actual_local, kSecondsPerDay);
    const Date local_day = Date::FromDays(static_cast<long>(actual_days));
    if (local_day < from || local_day > to) continue;
    Occurrence occurrence;
    occurrence.starts_utc = FormatUtc(starts);
    occurrence.ends_utc = FormatUtc(starts + r.duration_minutes * 60LL);
    occurrence.local_day = local_day;
    occurrence.local_start_minutes =
        static_cast<int>((actual_local - actual_days * kSecondsPerDay) / 60);
    occurrences.push_back(std::move(occurrence));
    if (occurrences.size() >= limit) break;
  }
  return occurrences;
}

Status CheckRecurrence(const Recurrence& r) {
  Result<std::vector<Occurrence>> first =
      Expand(r, r.first_day, r.first_day.AddYears(kCheckYears), 1);
  if (!first.ok()) return first.status();
  if (first->empty()) {
    return Status::InvalidArgument(
        TrFormat("recurrence rule {} yields no occurrence within 5 years of {} (expected at least "
                 "one occurrence)",
                 r.rrule, r.first_day.ToString()));
  }
  return Status::Ok();
}

int ParseClockTime(const std::string& text) {
  if (text.size() != 5 || text[2] != ':') return -1;
  for (int i : {0, 1, 3, 4}) {
    if (text[i] < '0' || text[i] > '9') return -1;
  }
  const int hours = (text[0] - '0') * 10 + (text[1] - '0');
  const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
  if (hours > 23 || minutes > 59) return -1;
  return hours * 60 + minutes;
}

std::string ClockTimeText(int minutes) {
  return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60);
}

}  // namespace kinbridge::detail
