// The floor: the same rows written through the raw SQLite C API, kept in its own translation
// unit (SOCI's sqlite3 header wraps <sqlite3.h> in a namespace).
#pragma once

#include <string>

namespace kinbridge::bench {

// Opens `path` with the same settings as a workspace (WAL, foreign keys, full synchronous),
// creates a table shaped like `child` and inserts `count` rows, one transaction per row as the
// Workspace API does. Returns the number of rows written.
long RawInsertChildren(const std::string& path, long count);

}  // namespace kinbridge::bench
