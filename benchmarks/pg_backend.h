// The storage workloads on PostgreSQL beside SQLite. Given a server (--kinbridge_pg=URL or
// KINBRIDGE_BENCH_PG), each storage workload also registers "<workload>/kinbridge_pg": the same
// calls through the Workspace API on a workspace in a schema of its own on that server, beside
// "<workload>/kinbridge" on a SQLite file and the floor (scripts/bench-pg starts a throw-away
// server and runs them; docs/performance.md, "PostgreSQL").
#pragma once

#include <string>

#include "kinbridge/workspace.h"

namespace kinbridge::bench {

// The server's connection string (a postgresql:// URL or key=value pairs naming a database), or
// empty when the run is on SQLite only.
extern std::string g_pg_server;

inline bool PostgresqlRun() { return !g_pg_server.empty(); }

enum class Backend { kSqlite, kPostgresql };

// Where one fresh workspace lives for as long as this object does: a file "ws.db" in a new
// temporary folder, or a new, empty schema on the server (its location the server's connection
// string selecting it with search_path). The folder is removed, or the schema dropped with
// everything in it, on destruction. Throws std::runtime_error when the schema cannot be made.
class FreshLocation {
 public:
  FreshLocation(Backend backend, const char* label);
  ~FreshLocation();
  FreshLocation(const FreshLocation&) = delete;
  FreshLocation& operator=(const FreshLocation&) = delete;

  const std::string& location() const { return location_; }

 private:
  Backend backend_;
  std::string dir_;     // SQLite: the temporary folder
  std::string schema_;  // PostgreSQL: the schema
  std::string location_;
};

// Copies the SQLite workspace at `sqlite_path` (closed; its write-ahead log too) into `target`
// (a FreshLocation on the server) with Workspace::MigrateTo, as `kinbridge migrate` does: the
// fixtures built with raw SQLite reach PostgreSQL with every id, row and audit entry as they are.
// The migration is made from a copy of the file, so that the fixture itself gains no audit entry
// of the move. `options` must name an administrator. Throws std::runtime_error.
void MigrateFixture(const std::string& sqlite_path, const WorkspaceOptions& options,
                    const FreshLocation& target);

}  // namespace kinbridge::bench
