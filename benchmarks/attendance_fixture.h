// The attendance fixture's raw-SQLite parts: the children of a centre and their enrolments, a
// year of attendance already recorded, and the list of sessions still open for attendance,
// written or read straight through the SQLite C API. Enrolling thousands of children and
// recording thousands of sessions one durable transaction at a time through the Workspace API
// would take far longer than the workloads they prepare; the site, staff, training, activities
// and groups (and with them every session) come from the API (attendance_benchmark.cpp). Its own
// translation unit, as SOCI's sqlite3 header wraps <sqlite3.h> in a namespace.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace kinbridge::bench {

// The children to insert: `per_activity` open children for each activity, enrolled from
// `enrolled_on`, each in the caseload of one of `social_worker_ids` (in turn).
struct EnrolledChildren {
  long long municipality_id = 0;
  long long administrator_id = 0;  // assigns the caseloads
  std::vector<long long> social_worker_ids;
  std::vector<long long> activity_ids;
  int per_activity = 0;
  std::string case_prefix;  // "HSN-2026": case references HSN-2026-000001...
  std::string enrolled_on;  // "YYYY-MM-DD": requested and enrolled that day
  std::string now_utc;      // created_at of every row
};

// Inserts, in one transaction, the children with a current caseload assignment and an
// enrolment (as Workspace::Enrol writes it, without its audit entry) in their activity, and
// moves the case-reference counter past them. Returns the case references of each activity's
// children, in the order of `activity_ids`. The workspace must not be open for writing
// elsewhere. Throws std::runtime_error naming the failed statement.
std::vector<std::vector<std::string>> InsertEnrolledChildren(const std::string& path,
                                                             const EnrolledChildren& children);

// A year of attendance at one site, as Workspace::CancelSession and RecordAttendance write it
// (the rows, not their audit entries).
struct AttendanceHistory {
  long long site_id = 0;
  long long recorder_id = 0;  // a worker of the site: recorded_by and held_by
  std::string through;        // the last day with attendance ("YYYY-MM-DD", today)
  std::string recent_from;    // the first day of the report's recent part
  // The site is closed these days (inclusive): its sessions are cancelled with this reason.
  std::string closed_from, closed_to, closed_reason;
};

struct HistoryWritten {
  long long held = 0;       // sessions
  long long cancelled = 0;  // sessions
  long long rows = 0;       // attendance marks
};

// Every scheduled session of the site up to `through` is cancelled (closed days) or held with a
// mark for each group member that day: mostly present, some absent, a few excused (with a
// note); one child in ten attends less and less in the recent part. Deterministic. One
// transaction. Throws std::runtime_error naming the failed statement.
HistoryWritten RecordAttendanceHistory(const std::string& path, const AttendanceHistory& history);

// A session waiting for its attendance, with who is expected (ascending child ids, as
// RecordAttendance marks them) and the one child who will be marked absent.
struct OpenSession {
  long long id = 0;
  std::vector<long long> children;
  std::size_t absent = 0;  // index into children
  std::string absent_case_reference;
};

// The first `limit` scheduled sessions of the site's groups up to `through`, in time order, with
// their members on the day. Throws std::runtime_error when a query fails.
std::vector<OpenSession> OpenSessions(const std::string& path, long long site_id,
                                      const std::string& through, std::size_t limit);

}  // namespace kinbridge::bench
