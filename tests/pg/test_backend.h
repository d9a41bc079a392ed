// Which database backend a test run uses, and a fresh workspace location on it. A test binary
// registered twice in CTest runs once on SQLite files and once, with KINBRIDGE_TEST_PG set to
// the test server's connection string (tests/pg/pg-server), on PostgreSQL.
#pragma once

#include <filesystem>
#include <string>

namespace kinbridge::testing_support {

// The connection string of the run's PostgreSQL server, or empty when the run is on SQLite.
std::string TestPostgresql();

// Where a test's workspace lives: the SQLite file `file` itself, or on a PostgreSQL run a new,
// empty schema in the test database named after the file (the connection string selecting it).
// Throws std::runtime_error, which fails the test, when the PostgreSQL server cannot be reached.
std::string TestWorkspace(const std::filesystem::path& file);

// Runs one SQL statement on the run's PostgreSQL server as a test's own check or setup (for
// example a second database for `kinbridge migrate`); throws std::runtime_error on failure.
void RunPostgresql(const std::string& sql);

// Whether a workspace location is a PostgreSQL connection string (not a SQLite file).
bool IsPostgresqlWorkspace(const std::string& location);

// Every row of every table of the PostgreSQL workspace at `location` but the audit trail (and
// its head), as text in a stable order: equal snapshots mean nothing else was written.
std::string PostgresqlSnapshot(const std::string& location);

// Runs SQL on the PostgreSQL workspace at `location` as someone with direct database access
// would, and returns the rows as the sqlite3 shell prints them (cells joined by '|', one line a
// row). Throws std::runtime_error when the statement fails.
std::string RunSqlOn(const std::string& location, const std::string& sql);

}  // namespace kinbridge::testing_support
