// Date: a calendar date without time or zone (birth dates, decision dates, review dates).
#pragma once

#include <compare>
#include <string>
#include <string_view>

#include "kinbridge/export.h"
#include "kinbridge/result.h"

KINBRIDGE_NAMESPACE_BEGIN

// Thread-safety: a value type.
class KINBRIDGE_API Date {
 public:
  // 1970-01-01.
  Date() = default;

  // Precondition: the three parts form a real date; use FromParts() when that is not known.
  Date(int year, unsigned month, unsigned day);

  // A real date, or InvalidArgument naming it.
  static Result<Date> FromParts(int year, unsigned month, unsigned day);

  // Parses exactly "YYYY-MM-DD". On failure the message reads
  // "<what> <text> is not a date (expected YYYY-MM-DD)"; `what` names the field in the user's
  // language, e.g. "birth date".
  static Result<Date> Parse(std::string_view text, std::string_view what);

  // Days since 1970-01-01 (negative before).
  static Date FromDays(long days);
  long days() const { return days_; }

  int year() const;
  unsigned month() const;
  unsigned day() const;

  // Calendar arithmetic. AddMonths clamps to the last day of the month (2026-01-31 + 1 =
  // 2026-02-28).
  Date AddDays(long n) const { return FromDays(days_ + n); }
  Date AddMonths(int n) const;
  Date AddYears(int n) const { return AddMonths(12 * n); }

  // Completed years of age on `on` (a child born on 29 Feb turns a year older on 1 Mar).
  int AgeOn(Date on) const;

  // "YYYY-MM-DD".
  std::string ToString() const;

  auto operator<=>(const Date&) const = default;
  bool operator==(const Date&) const = default;

 private:
  explicit Date(long days) : days_(days) {}
  long days_ = 0;
};

KINBRIDGE_NAMESPACE_END
