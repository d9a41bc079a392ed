// Raw SQLite helpers the benchmark fixtures write their rows with: one statement run, a workspace
// file opened for writing, and a prepared statement bound by position.
#pragma once

#include <sqlite3.h>

#include <stdexcept>
#include <string>

#include <fmt/format.h>

namespace kinbridge::bench {

inline void Exec(sqlite3* db, const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = fmt::format("{}: {}", sql, error != nullptr ? error : "unknown");
    sqlite3_free(error);
    throw std::runtime_error(message);
  }
}

// An open workspace file, closed (and its write-ahead log checkpointed) at the end of the scope.
class Connection {
 public:
  explicit Connection(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
      const std::string message = fmt::format("opening {}: {}", path, sqlite3_errmsg(db_));
      sqlite3_close(db_);
      throw std::runtime_error(message);
    }
    Exec(db_, "PRAGMA foreign_keys=ON");
  }
  ~Connection() { sqlite3_close(db_); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  sqlite3* get() const { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

// One prepared statement, bound by position and run once per row (or stepped through its rows).
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) : db_(db), sql_(sql) {
    if (sqlite3_prepare_v2(db, sql, -1, &statement_, nullptr) != SQLITE_OK) Fail();
  }
  ~Statement() { sqlite3_finalize(statement_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& Text(int index, const std::string& value) {
    sqlite3_bind_text(statement_, index, value.c_str(), static_cast<int>(value.size()),
                      SQLITE_TRANSIENT);
    return *this;
  }
  Statement& Int(int index, long long value) {
    sqlite3_bind_int64(statement_, index, value);
    return *this;
  }
  // Runs a statement without rows; returns the last inserted row's id.
  long long Run() {
    if (sqlite3_step(statement_) != SQLITE_DONE) Fail();
    sqlite3_reset(statement_);
    return sqlite3_last_insert_rowid(db_);
  }
  // Steps to the next row; false (and reset) after the last.
  bool Next() {
    const int step = sqlite3_step(statement_);
    if (step == SQLITE_ROW) return true;
    if (step != SQLITE_DONE) Fail();
    sqlite3_reset(statement_);
    return false;
  }
  long long IntAt(int column) const { return sqlite3_column_int64(statement_, column); }
  std::string TextAt(int column) const {
    const unsigned char* text = sqlite3_column_text(statement_, column);
    return text != nullptr
               ? std::string(reinterpret_cast<const char*>(text),
                             static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)))
               : std::string();
  }
  bool IsNull(int column) const { return sqlite3_column_type(statement_, column) == SQLITE_NULL; }

 private:
  [[noreturn]] void Fail() const {
    throw std::runtime_error(fmt::format("{}: {}", sql_, sqlite3_errmsg(db_)));
  }
  sqlite3* db_;
  const char* sql_;
  sqlite3_stmt* statement_ = nullptr;
};

}  // namespace kinbridge::bench
