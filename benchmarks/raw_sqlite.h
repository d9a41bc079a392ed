// The floors that go through the raw SQLite C API: the same rows written, the same queries run.
// Kept in its own translation unit (SOCI's sqlite3 header wraps <sqlite3.h> in a namespace).
#pragma once

#include <string>

struct sqlite3;

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

 private:
  ::sqlite3* db_ = nullptr;
};

}  // namespace kinbridge::bench
