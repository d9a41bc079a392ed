// Recurrence rules in words: what the schedule of an arrangement, an activity or a group (an RFC
// 5545 RRULE) means, said the way the user's language says it.
#pragma once

#include <string>
#include <string_view>

#include "kinbridge/export.h"

KINBRIDGE_NAMESPACE_BEGIN

// `rrule` (without "RRULE:") in words, in the current message language (see InitLocalization):
// "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA" is "every other Saturday", "varannan lördag", "每两周周六".
// Described: FREQ DAILY, WEEKLY, MONTHLY or YEARLY with INTERVAL; BYDAY as weekdays, or for a
// monthly rule as one weekday with its position (1MO .. 5MO, -1FR); or one BYMONTHDAY (1..31, or
// -1 for the last day); COUNT; UNTIL as a date or a UTC time. Days in UNTIL are written in the
// language's form, as the CLI writes days in tables.
// Anything else (BYSETPOS, BYMONTH, BYHOUR, several BY-parts together, a rule libical cannot
// parse) comes back as `rrule` itself: the rule rather than words that could mislead.
// Thread-safety: safe to call concurrently.
KINBRIDGE_API std::string DescribeRecurrence(std::string_view rrule);

KINBRIDGE_NAMESPACE_END
