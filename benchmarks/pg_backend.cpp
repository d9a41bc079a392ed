#include "pg_backend.h"

#include <libpq-fe.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include <fmt/format.h>

#include "workloads.h"

namespace kinbridge::bench {

std::string g_pg_server;

namespace {

namespace fs = std::filesystem;

struct ConnectionCloser {
  void operator()(PGconn* c) const { PQfinish(c); }
};

// Runs one statement on the server's database (outside any workspace).
void RunOnServer(const std::string& sql) {
  std::unique_ptr<PGconn, ConnectionCloser> conn(PQconnectdb(g_pg_server.c_str()));
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    throw std::runtime_error(
        fmt::format("the benchmark's PostgreSQL server ({}) cannot be "
                    "reached: {}",
                    g_pg_server, PQerrorMessage(conn.get())));
  }
  // "drop cascades to ..." notices are not results.
  PQsetNoticeProcessor(
      conn.get(), [](void*, const char*) {}, nullptr);
  std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(conn.get(), sql.c_str()), &PQclear);
  if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
    throw std::runtime_error(fmt::format("the benchmark's PostgreSQL server: {}: {}", sql,
                                         PQresultErrorMessage(result.get())));
  }
}

// The server's connection string with the schema as the search path: the workspace's tables
// are made and found there.
std::string SelectingSchema(const std::string& schema) {
  if (g_pg_server.rfind("postgres", 0) != 0) {
    return g_pg_server + " options='-csearch_path=" + schema + "'";
  }
  const char* separator = g_pg_server.find('?') == std::string::npos ? "?" : "&";
  return g_pg_server + separator + "options=-csearch_path%3D" + schema;
}

}  // namespace

FreshLocation::FreshLocation(Backend backend, const char* label) : backend_(backend) {
  if (backend_ == Backend::kSqlite) {
    dir_ = MakeTempDir(label);
    location_ = dir_ + "/ws.db";
    return;
  }
  if (!PostgresqlRun()) {
    throw std::runtime_error("a PostgreSQL workload ran without --kinbridge_pg=URL");
  }
  // Unique across runs sharing a server and the workspaces of one run; labels are identifiers.
  static int counter = 0;
  schema_ = fmt::format("bench_{}_{}_{}", ::getpid(), ++counter, label);
  for (char& c : schema_) {
    if (c == '-') c = '_';
  }
  RunOnServer("CREATE SCHEMA " + schema_);
  location_ = SelectingSchema(schema_);
}

FreshLocation::~FreshLocation() {
  if (backend_ == Backend::kSqlite) {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
    return;
  }
  try {
    RunOnServer("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
  } catch (const std::exception&) {
    // The server is gone (scripts/bench-pg removes it with everything in it).
  }
}

void MigrateFixture(const std::string& sqlite_path, const WorkspaceOptions& options,
                    const FreshLocation& target) {
  const std::string source = sqlite_path + ".migrating";
  fs::copy_file(sqlite_path, source, fs::copy_options::overwrite_existing);
  if (fs::exists(sqlite_path + "-wal")) {
    fs::copy_file(sqlite_path + "-wal", source + "-wal", fs::copy_options::overwrite_existing);
  }
  std::string error;
  {
    Result<Workspace> ws = Workspace::Open(source, options);
    if (!ws.ok()) {
      error = ws.status().message();
    } else {
      Result<WorkspaceMigration> moved = ws->MigrateTo(target.location());
      if (!moved.ok()) error = moved.status().message();
    }
  }
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(source + suffix);
  if (!error.empty()) {
    throw std::runtime_error(fmt::format("moving the fixture to PostgreSQL: {}", error));
  }
}

}  // namespace kinbridge::bench
