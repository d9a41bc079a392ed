// libical, loaded on first use. Only schedules (expanding and checking recurrence rules,
// describing them in words) and the .ics export need it, yet libical links ICU's three
// libraries, and loading and relocating the four at start-up cost every command about 1.4 ms
// of CPU, a quarter of the start-up of `kinbridge` (docs/performance.md). So kinbridge does not
// link libical: it uses libical's headers for the types and calls its functions through this
// table, filled by dlopen when a schedule is first needed.
//
// Every libical function kinbridge calls is listed in KINBRIDGE_LIBICAL_FUNCTIONS, and each
// member has the exact type of the function in libical's header (decltype), so a call through
// the table is checked like a direct call. Macros of the header that call libical (`icalerrno`)
// must not be used; call the function behind them through the table.
#pragma once

#include <libical/ical.h>

#include <mutex>

#include "kinbridge/result.h"

namespace kinbridge::detail {

#define KINBRIDGE_LIBICAL_FUNCTIONS(X)  \
  X(icalcomponent_add_component)        \
  X(icalcomponent_add_property)         \
  X(icalcomponent_as_ical_string_r)     \
  X(icalcomponent_free)                 \
  X(icalcomponent_vanew)                \
  X(icalerrno_return)                   \
  X(icalerror_clear_errno)              \
  X(icalmemory_free_buffer)             \
  X(icalproperty_new_calscale)          \
  X(icalproperty_new_description)       \
  X(icalproperty_new_dtend)             \
  X(icalproperty_new_dtstamp)           \
  X(icalproperty_new_dtstart)           \
  X(icalproperty_new_location)          \
  X(icalproperty_new_prodid)            \
  X(icalproperty_new_status)            \
  X(icalproperty_new_summary)           \
  X(icalproperty_new_uid)               \
  X(icalproperty_new_version)           \
  X(icalrecur_iterator_free)            \
  X(icalrecur_iterator_new)             \
  X(icalrecur_iterator_next)            \
  X(icalrecurrencetype_day_day_of_week) \
  X(icalrecurrencetype_day_position)    \
  X(icalrecurrencetype_from_string)     \
  X(icaltime_as_timet)                  \
  X(icaltime_is_null_time)              \
  X(icaltime_is_utc)                    \
  X(icaltime_null_time)                 \
  X(icaltimezone_get_utc_timezone)

// The functions, each with the type libical's header declares. Thread-safety: read-only once
// loaded; whether a function may be called concurrently is libical's rule (see LibicalMutex).
struct LibicalApi {
#define KINBRIDGE_LIBICAL_MEMBER(name) decltype(&::name) name = nullptr;
  KINBRIDGE_LIBICAL_FUNCTIONS(KINBRIDGE_LIBICAL_MEMBER)
#undef KINBRIDGE_LIBICAL_MEMBER
};

// libical's global state (its error number, its UTC zone, the memory of components being built)
// is not thread-safe: every use of libical in kinbridge holds this lock, except an iterator,
// which is its own. Time zones come from CCTZ (common/clock.h), not from libical.
std::mutex& LibicalMutex();

// libical's file name as the dynamic loader looks it up ("libical.so.3"): the soname of the
// libical kinbridge was built against.
const char* LibicalFile();

// The table, loaded on the first call and kept for the life of the process (libical is never
// unloaded: its zone and error state are process-wide). A libical that cannot be loaded, or
// lacks a function, is an IoError naming the file, the loader's words and the package to
// install; the next call tries again. Thread-safe.
Result<const LibicalApi*> LoadLibical();

}  // namespace kinbridge::detail
