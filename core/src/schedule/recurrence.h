// Recurrence: one arrangement's schedule (an RFC 5545 RRULE at a local clock time in the
// municipality's time zone) and its expansion into occurrences with exact UTC instants.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "kinbridge/date.h"
#include "kinbridge/result.h"
#include "kinbridge/status.h"

namespace kinbridge::detail {

// One arrangement's schedule. Thread-safety: a value type.
struct Recurrence {
  // RFC 5545 recurrence rule without the "RRULE:" prefix: "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA".
  // FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY; the clock time comes from start_minutes, so
  // BYHOUR, BYMINUTE and BYSECOND are refused. An UNTIL date (20261231) includes that local day;
  // an UNTIL in UTC (20261231T230000Z) is compared as the instant it names.
  std::string rrule;
  // DTSTART date, local. No occurrence falls before it.
  Date first_day;
  // Local clock time of each occurrence, minutes after midnight. Default: 600 (10:00).
  int start_minutes = 600;
  // Default: 60.
  int duration_minutes = 60;
  // IANA zone name ("Europe/Stockholm", "Asia/Shanghai") or "UTC".
  std::string time_zone;
};

// "HH:MM" (00:00..23:59) -> minutes after midnight, or -1 for anything else.
[[nodiscard]] int ParseClockTime(const std::string& text);
// Minutes after midnight -> "HH:MM".
[[nodiscard]] std::string ClockTimeText(int minutes);

// One occurrence. Thread-safety: a value type.
struct Occurrence {
  std::string starts_utc;       // "YYYY-MM-DDTHH:MM:SSZ"
  std::string ends_utc;         // starts_utc + duration (elapsed time, also across a DST change)
  Date local_day;               // the local date the occurrence actually starts on
  int local_start_minutes = 0;  // the local clock time it actually starts at
};

// Local times that a DST change makes odd:
// - a local time that does not exist (02:30 on the spring-forward day) moves forward by the
//   length of the gap: 02:30 becomes 03:30 local, and local_start_minutes says 03:30;
// - a local time that exists twice (02:30 on the fall-back day) takes the first instant, the
//   one still in summer time (Europe/Stockholm: 00:30Z, not 01:30Z).

// Ok, or InvalidArgument naming the value and what was expected: the rule parses (libical), has
// FREQ (DAILY or coarser), not both COUNT and UNTIL; start time 0..1439; duration 1..1440; a
// known zone; and the rule yields at least one occurrence within 5 years of first_day
// ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31" yields none).
// Thread-safety: safe to call concurrently (libical's parser is serialised inside).
[[nodiscard]] Status CheckRecurrence(const Recurrence& r);

// The occurrences whose local day lies in [from, to] (inclusive), in order, at most `limit`.
// An empty window (from > to) gives an empty list. The same field checks as CheckRecurrence
// (but not the 5-year one) fail with InvalidArgument, as does a rule that libical cannot start
// at all (parts that contradict each other, or 31 February). Deterministic: no system clock is
// read. Thread-safety: safe to call concurrently.
[[nodiscard]] Result<std::vector<Occurrence>> Expand(const Recurrence& r, Date from, Date to,
                                                     std::size_t limit = 100000);

}  // namespace kinbridge::detail
