// Date: calendar validity and arithmetic on top of <chrono>'s civil calendar.
#include "kinbridge/date.h"

#include <fmt/format.h>

#include <cassert>
#include <chrono>
#include <cstddef>

#include "common/i18n.h"

KINBRIDGE_NAMESPACE_BEGIN

namespace {

namespace chr = std::chrono;

// Dates are written with four-digit years; year 0 does not exist in the civil calendar.
constexpr int kMinYear = 1;
constexpr int kMaxYear = 9999;

chr::year_month_day MakeYmd(int year, unsigned month, unsigned day) {
  return chr::year_month_day{chr::year{year}, chr::month{month}, chr::day{day}};
}

bool IsRealDate(int year, unsigned month, unsigned day) {
  // Checked before building the chrono types, which hold only small ranges.
  if (year < kMinYear || year > kMaxYear || month < 1 || month > 12 || day < 1 || day > 31) {
    return false;
  }
  return MakeYmd(year, month, day).ok();
}

long DaysOf(const chr::year_month_day& ymd) {
  return static_cast<long>(chr::sys_days{ymd}.time_since_epoch().count());
}

chr::year_month_day YmdOf(long days) { return chr::year_month_day{chr::sys_days{chr::days{days}}}; }

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Precondition: `text` holds only digits.
unsigned ParseDigits(std::string_view text) {
  unsigned value = 0;
  for (char c : text) value = value * 10 + static_cast<unsigned>(c - '0');
  return value;
}

}  // namespace

Date::Date(int year, unsigned month, unsigned day) {
  assert(IsRealDate(year, month, day) && "Date(year, month, day) needs a real date");
  days_ = DaysOf(MakeYmd(year, month, day));
}

Result<Date> Date::FromParts(int year, unsigned month, unsigned day) {
  if (!IsRealDate(year, month, day)) {
    return Status::InvalidArgument(TrFormat(
        "{:04}-{:02}-{:02} is not a date (expected a year 0001-9999, a month 01-12 and a day "
        "that exists in that month)",
        year, month, day));
  }
  return Date(year, month, day);
}

Result<Date> Date::Parse(std::string_view text, std::string_view what) {
  bool well_formed = text.size() == 10 && text[4] == '-' && text[7] == '-';
  for (std::size_t i = 0; well_formed && i < text.size(); ++i) {
    if (i != 4 && i != 7 && !IsDigit(text[i])) well_formed = false;
  }
  if (well_formed) {
    const int year = static_cast<int>(ParseDigits(text.substr(0, 4)));
    const unsigned month = ParseDigits(text.substr(5, 2));
    const unsigned day = ParseDigits(text.substr(8, 2));
    if (IsRealDate(year, month, day)) return Date(year, month, day);
  }
  return Status::InvalidArgument(TrFormat("{} {} is not a date (expected YYYY-MM-DD)", what, text));
}

Date Date::FromDays(long days) { return Date(days); }

int Date::year() const { return static_cast<int>(YmdOf(days_).year()); }

unsigned Date::month() const { return static_cast<unsigned>(YmdOf(days_).month()); }

unsigned Date::day() const { return static_cast<unsigned>(YmdOf(days_).day()); }

Date Date::AddMonths(int n) const {
  chr::year_month_day ymd = YmdOf(days_) + chr::months{n};
  if (!ymd.ok()) ymd = ymd.year() / ymd.month() / chr::last;
  return Date(DaysOf(ymd));
}

int Date::AgeOn(Date on) const {
  const chr::year_month_day birth = YmdOf(days_);
  const chr::year_month_day then = YmdOf(on.days_);
  int age = static_cast<int>(then.year()) - static_cast<int>(birth.year());
  // Not yet had this year's birthday; 29 Feb compares after 28 Feb, so it falls on 1 Mar.
  if (chr::month_day{then.month(), then.day()} < chr::month_day{birth.month(), birth.day()}) {
    --age;
  }
  return age;
}

std::string Date::ToString() const {
  return fmt::format("{:04}-{:02}-{:02}", year(), month(), day());
}

KINBRIDGE_NAMESPACE_END
