// The floors that go through the raw SQLite C API: the same rows written, the same queries run.
// Kept in its own translation unit (SOCI's sqlite3 header wraps <sqlite3.h> in a namespace).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace kinbridge::bench {

// Opens `path` with the same settings as a workspace (WAL, foreign keys, full synchronous),
// creates a table shaped like `child` and inserts `count` rows, one transaction per row as the
// Workspace API does. Returns the number of rows written.
long RawInsertChildren(const std::string& path, long count);

// The due-list floor: the query ContactRepository::ForEach runs for a due list (open events in a
// window of local days, in time order, with child, relation and responsible worker), on an
// existing workspace file. Not thread-safe.
class RawDueList {
 public:
  // Opens `path` with the settings of a workspace; throws std::runtime_error when it cannot.
  explicit RawDueList(const std::string& path);
  ~RawDueList();
  RawDueList(const RawDueList&) = delete;
  RawDueList& operator=(const RawDueList&) = delete;

  // Prepares, binds and steps the query, reading every column of every row; returns the rows.
  // `worker_id` 0: the whole municipality; otherwise the children currently assigned to that
  // worker (the scope of a social worker's own caseload). Days are "YYYY-MM-DD", inclusive.
  long Run(long long worker_id, const std::string& from, const std::string& to);

  // Run, and what kinbridge writes for every read of children's data, in one durable write
  // transaction with the query: one audit entry chained to the last one (its SHA-256 over the
  // fields and the previous hash), a subject row per child listed, and the chain's head setting
  // (audit_log.cpp). Those statements are kept prepared between runs, as kinbridge keeps its own.
  // Returns the rows.
  long RunAudited(long long worker_id, const std::string& from, const std::string& to);

 private:
  long Select(long long worker_id, const std::string& from, const std::string& to,
              std::vector<long long>* children);
  // `sql` prepared once on this connection, reset and unbound for its next use.
  ::sqlite3_stmt* Kept(const char* sql);

  ::sqlite3* db_ = nullptr;
  std::map<std::string, ::sqlite3_stmt*> kept_;
};

// What the attendance-report floor computed, summed over its lines, to set beside the report.
struct RawReportTotals {
  long lines = 0;  // child lines (child, activity, group)
  long long expected = 0, present = 0, absent = 0, excused = 0, not_recorded = 0;
  long flagged = 0;
  long groups = 0, activities = 0;
  double checksum = 0;  // of the rates and uses computed, so that none is optimised away
};

// The attendance-report floor: what Workspace::ReportAttendance computes for one site, through
// the raw SQLite C API on an existing workspace file, in a handful of statements prepared per run.
// The marks per child, activity and group are the very SQL of SessionRepository::ForEachTotals
// (detail::AttendanceTotalsSql() with the site condition it appends); the held days, the
// sessions per group by status and the participants are the texts the repository builds for a
// site, copied here (session_repository.h does not expose them), with the participants of every
// activity of the site in one statement. As in the report, each participant's held days are
// counted in memory, and the lines, group rates and activity use are combined by the report's
// formulas. Not thread-safe.
class RawAttendanceReport {
 public:
  // Opens `path` with the settings of a workspace; throws std::runtime_error when it cannot.
  explicit RawAttendanceReport(const std::string& path);
  ~RawAttendanceReport();
  RawAttendanceReport(const RawAttendanceReport&) = delete;
  RawAttendanceReport& operator=(const RawAttendanceReport&) = delete;

  // Prepares and runs the queries for the site over [from, to] ("YYYY-MM-DD", inclusive) with
  // the recent part from `recent_from`, reading every column of every row.
  RawReportTotals Run(long long site_id, const std::string& from, const std::string& to,
                      const std::string& recent_from, double threshold);

 private:
  ::sqlite3* db_ = nullptr;
};

// The bulk-attendance floor: what Workspace::RecordAttendance writes for a session (a mark per
// expected child, the session made held), one transaction per session, with a workspace's
// pragmas and statements prepared once. Not thread-safe.
class RawAttendanceWriter {
 public:
  // Opens `path` with the settings of a workspace; throws std::runtime_error when it cannot.
  RawAttendanceWriter(const std::string& path, long long worker_id, std::string now_utc);
  ~RawAttendanceWriter();
  RawAttendanceWriter(const RawAttendanceWriter&) = delete;
  RawAttendanceWriter& operator=(const RawAttendanceWriter&) = delete;

  // Marks `children` present (but `absent_child` absent) and the session held, in one
  // transaction. Throws std::runtime_error when a statement fails.
  void Record(long long session_id, const std::vector<long long>& children, long long absent_child);

 private:
  ::sqlite3* db_ = nullptr;
  struct Statements;
  std::unique_ptr<Statements> statements_;
  long long worker_id_ = 0;
  std::string now_utc_;
};

// What the outcome floor read: rows of each query and the events and children they cover.
struct RawOutcomeTotals {
  long contact_months = 0, plans = 0, mark_months = 0, reviews = 0;  // rows read
  long long events = 0;    // contact events counted (the sums of the contact months' counts)
  long long checksum = 0;  // of the values read, so that none is optimised away
};

// The transfer-export floor: the four aggregation queries Workspace::ExportMethodPackage runs for
// a method's outcomes (OutcomeRepository: contact events per child and month, plans, attendance
// marks per child, month and group, plan reviews), through the raw SQLite C API on an existing
// workspace file, each prepared once per run and every column of every row read. The texts are
// copied from core/src/storage/outcome_repository.cpp, which does not expose them. Not
// thread-safe.
class RawOutcomeQueries {
 public:
  // Opens `path` with the settings of a workspace; throws std::runtime_error when it cannot.
  explicit RawOutcomeQueries(const std::string& path);
  ~RawOutcomeQueries();
  RawOutcomeQueries(const RawOutcomeQueries&) = delete;
  RawOutcomeQueries& operator=(const RawOutcomeQueries&) = delete;

  // Runs the queries for `method_id` over [from, to] ("YYYY-MM-DD", inclusive).
  RawOutcomeTotals Run(const std::string& method_id, const std::string& from,
                       const std::string& to);

 private:
  ::sqlite3* db_ = nullptr;
};

}  // namespace kinbridge::bench
