#include "raw_sqlite.h"

#include <sqlite3.h>

#include <stdexcept>
#include <string>

#include <fmt/format.h>

#include "storage/contact_repository.h"

namespace kinbridge::bench {

namespace {

void Exec(sqlite3* db, const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error != nullptr ? error : "unknown";
    sqlite3_free(error);
    throw std::runtime_error(message);
  }
}

}  // namespace

long RawInsertChildren(const std::string& path, long count) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) throw std::runtime_error("open failed");
  Exec(db, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;");
  Exec(db,
       "CREATE TABLE child (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, "
       "case_reference TEXT NOT NULL UNIQUE, name TEXT NOT NULL, birth_date TEXT NOT NULL, "
       "national_id TEXT, languages TEXT NOT NULL, school TEXT NOT NULL, status TEXT NOT NULL, "
       "created_at TEXT NOT NULL)");
  sqlite3_stmt* insert = nullptr;
  sqlite3_prepare_v2(db,
                     "INSERT INTO child (uuid, case_reference, name, birth_date, national_id, "
                     "languages, school, status, created_at) VALUES (?, ?, ?, ?, NULL, 'sv', "
                     "'Vara skola', 'open', '2026-11-29T10:00:00Z')",
                     -1, &insert, nullptr);
  for (long i = 0; i < count; ++i) {
    const std::string uuid = fmt::format("00000000-0000-4000-8000-{:012}", i);
    const std::string ref = fmt::format("VAR-2026-{:04}", i + 1);
    const std::string name = fmt::format("Child {}", i);
    Exec(db, "BEGIN IMMEDIATE");
    sqlite3_bind_text(insert, 1, uuid.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert, 2, ref.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert, 3, name.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert, 4, "2017-03-14", -1, SQLITE_STATIC);
    if (sqlite3_step(insert) != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db));
    sqlite3_reset(insert);
    Exec(db, "COMMIT");
  }
  sqlite3_finalize(insert);
  sqlite3_close(db);
  return count;
}

RawDueList::RawDueList(const std::string& path) {
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    const std::string message = fmt::format("opening {}: {}", path, sqlite3_errmsg(db_));
    sqlite3_close(db_);
    db_ = nullptr;
    throw std::runtime_error(message);
  }
  Exec(db_, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;");
}

RawDueList::~RawDueList() { sqlite3_close(db_); }

long RawDueList::Run(long long worker_id, const std::string& from, const std::string& to) {
  // What ContactRepository::ForEach appends for a due list (open_only, from and to set).
  std::string sql = std::string(detail::ContactEventSelect()) + "WHERE 1 = 1";
  if (worker_id != 0) sql += " AND (ca.worker_id = :w)";
  sql += " AND e.local_day >= :from AND e.local_day <= :to AND e.status = 'scheduled'";
  sql += " ORDER BY e.starts_utc, e.id";
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
    throw std::runtime_error(sqlite3_errmsg(db_));
  }
  int index = 1;
  if (worker_id != 0) sqlite3_bind_int64(statement, index++, worker_id);
  sqlite3_bind_text(statement, index++, from.c_str(), -1, SQLITE_STATIC);
  sqlite3_bind_text(statement, index++, to.c_str(), -1, SQLITE_STATIC);
  const int columns = sqlite3_column_count(statement);
  long rows = 0;
  int step = SQLITE_ROW;
  while ((step = sqlite3_step(statement)) == SQLITE_ROW) {
    // Every column as a caller would read it: integers, and text with its length.
    for (int i = 0; i < columns; ++i) {
      if (sqlite3_column_type(statement, i) == SQLITE_INTEGER) {
        static_cast<void>(sqlite3_column_int64(statement, i));
      } else {
        static_cast<void>(sqlite3_column_text(statement, i));
        static_cast<void>(sqlite3_column_bytes(statement, i));
      }
    }
    ++rows;
  }
  sqlite3_finalize(statement);
  if (step != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db_));
  return rows;
}

}  // namespace kinbridge::bench
