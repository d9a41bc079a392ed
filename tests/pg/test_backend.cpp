#include "test_backend.h"

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace kinbridge::testing_support {

namespace {

struct ConnectionCloser {
  void operator()(PGconn* c) const { PQfinish(c); }
};

std::unique_ptr<PGconn, ConnectionCloser> Connect(std::string conninfo = TestPostgresql()) {
  std::unique_ptr<PGconn, ConnectionCloser> conn(PQconnectdb(conninfo.c_str()));
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    throw std::runtime_error("the test PostgreSQL server (KINBRIDGE_TEST_PG=" + conninfo +
                             ") cannot be reached: " + PQerrorMessage(conn.get()) +
                             " (CTest starts it with the pg_server fixture; run the pg.* tests "
                             "through ctest)");
  }
  // Server notices ("drop cascades to ...") would only clutter the test output.
  PQsetNoticeProcessor(
      conn.get(), [](void*, const char*) {}, nullptr);
  return conn;
}

using ResultPtr = std::unique_ptr<PGresult, decltype(&PQclear)>;

ResultPtr Query(PGconn* conn, const std::string& sql) {
  ResultPtr result(PQexec(conn, sql.c_str()), &PQclear);
  if (PQresultStatus(result.get()) != PGRES_TUPLES_OK) {
    throw std::runtime_error("test PostgreSQL server: " + sql + ": " +
                             PQresultErrorMessage(result.get()));
  }
  return result;
}

// The schemas this process made for the test running now.
std::mutex schemas_mutex;
std::vector<std::string> schemas_of_test;

// Drops each test's schemas (and those made beside them, such as the demo's "_huangshan") when
// the test ends, so that a run of hundreds of tests does not leave gigabytes of tables behind.
class SchemaDropper : public ::testing::EmptyTestEventListener {
 public:
  void OnTestEnd(const ::testing::TestInfo&) override {
    std::vector<std::string> schemas;
    {
      std::lock_guard<std::mutex> lock(schemas_mutex);
      schemas.swap(schemas_of_test);
    }
    for (const std::string& schema : schemas) {
      try {
        RunPostgresql(
            "DO $$ DECLARE s text; BEGIN FOR s IN SELECT nspname FROM pg_namespace "
            "WHERE nspname = '" +
            schema + "' OR starts_with(nspname, '" + schema +
            "_') LOOP EXECUTE format('DROP SCHEMA %I CASCADE', s); END LOOP; END $$");
      } catch (const std::exception& e) {
        ADD_FAILURE() << "dropping the test's schema " << schema << ": " << e.what();
      }
    }
  }
};

// Registered before main() runs the tests (listeners may be added before InitGoogleTest).
const bool kDropperRegistered = [] {
  ::testing::UnitTest::GetInstance()->listeners().Append(new SchemaDropper);
  return true;
}();

}  // namespace

bool IsPostgresqlWorkspace(const std::string& location) {
  return location.rfind("postgres", 0) == 0 || location.find('=') != std::string::npos;
}

std::string PostgresqlSnapshot(const std::string& location) {
  auto conn = Connect(location);
  std::string snapshot;
  ResultPtr tables = Query(conn.get(),
                           "SELECT table_name FROM information_schema.tables WHERE table_schema = "
                           "current_schema() AND table_type = 'BASE TABLE' AND table_name NOT IN "
                           "('audit_entry', 'audit_subject') ORDER BY table_name");
  for (int t = 0; t < PQntuples(tables.get()); ++t) {
    const std::string table = PQgetvalue(tables.get(), t, 0);
    ResultPtr names = Query(conn.get(),
                            "SELECT column_name FROM information_schema.columns WHERE "
                            "table_schema = current_schema() AND table_name = '" +
                                table + "' ORDER BY ordinal_position");
    std::string columns;
    for (int c = 0; c < PQntuples(names.get()); ++c) {
      if (!columns.empty()) columns += " || '|' || ";
      columns += "quote_nullable(\"" + std::string(PQgetvalue(names.get(), c, 0)) + "\")";
    }
    std::string sql = "SELECT " + columns + " FROM \"" + table + "\"";
    if (table == "workspace_setting") sql += " WHERE name <> 'audit_head'";
    sql += " ORDER BY 1";
    snapshot += "[" + table + "]\n";
    ResultPtr rows = Query(conn.get(), sql);
    for (int r = 0; r < PQntuples(rows.get()); ++r) {
      snapshot += std::string(PQgetvalue(rows.get(), r, 0)) + "\n";
    }
  }
  return snapshot;
}

std::string RunSqlOn(const std::string& location, const std::string& sql) {
  auto conn = Connect(location);
  ResultPtr result(PQexec(conn.get(), sql.c_str()), &PQclear);
  const ExecStatusType status = PQresultStatus(result.get());
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
    throw std::runtime_error("test PostgreSQL server: " + sql + ": " +
                             PQresultErrorMessage(result.get()));
  }
  std::string text;
  for (int r = 0; r < PQntuples(result.get()); ++r) {
    for (int c = 0; c < PQnfields(result.get()); ++c) {
      if (c > 0) text += '|';
      text += PQgetvalue(result.get(), r, c);
    }
    text += '\n';
  }
  return text;
}

std::string TestPostgresql() {
  const char* value = std::getenv("KINBRIDGE_TEST_PG");
  return value == nullptr ? std::string() : std::string(value);
}

void RunPostgresql(const std::string& sql) {
  auto conn = Connect();
  PGresult* result = PQexec(conn.get(), sql.c_str());
  const ExecStatusType status = PQresultStatus(result);
  const std::string error = PQresultErrorMessage(result);
  PQclear(result);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    throw std::runtime_error("test PostgreSQL server: " + sql + ": " + error);
  }
}

std::string TestWorkspace(const std::filesystem::path& file) {
  const std::string server = TestPostgresql();
  if (server.empty()) return file.string();

  // Unique across the processes CTest runs side by side and the workspaces of one test.
  static std::atomic<int> counter{0};
  std::string schema = "t" + std::to_string(::getpid()) + "_" + std::to_string(++counter) + "_";
  for (char c : file.stem().string()) {
    schema +=
        std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c)) : '_';
  }
  RunPostgresql("CREATE SCHEMA " + schema);
  std::lock_guard<std::mutex> lock(schemas_mutex);
  schemas_of_test.push_back(schema);
  if (server.rfind("postgres", 0) != 0) {
    return server + " options='-csearch_path=" + schema + "'";
  }
  // The URL form keeps the location free of spaces (CTest passes it through the environment).
  const char* separator = server.find('?') == std::string::npos ? "?" : "&";
  return server + separator + "options=-csearch_path%3D" + schema;
}

}  // namespace kinbridge::testing_support
