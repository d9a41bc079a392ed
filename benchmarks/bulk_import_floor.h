// The bulk-import floor: the rows Workspace::RegisterCases writes for a batch of cases (children,
// their caseload assignment, relations, restrictions, placements, the case-reference counter and
// one audit entry with a subject row per child), written through the raw SQLite C API with
// statements prepared once, in one transaction. Its own translation unit, as SOCI's sqlite3
// header wraps <sqlite3.h> in a namespace.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kinbridge/cases.h"

namespace kinbridge::bench {

struct BulkFloorOwners {
  long long municipality_id = 0;
  long long worker_id = 0;  // responsible for every child, and the one registering them
  std::string account;
  std::string municipality_code;
  std::string now_utc;  // created_at of every row
  int year = 0;         // of the case references
};

// Writes `cases` into the workspace file at `path` (not open for writing elsewhere) and returns
// the rows written. Throws std::runtime_error naming the failed statement.
std::int64_t RawRegisterCases(const std::string& path, const BulkFloorOwners& owners,
                              const std::vector<NewCase>& cases);

}  // namespace kinbridge::bench
