// The connection to a workspace's database, its SQL dialect and write transactions.
// Owns: one soci::session. Thread-safety: one thread at a time.
#pragma once

#include <memory>
#include <string>

#include <soci/soci.h>

#include "kinbridge/result.h"
#include "kinbridge/status.h"

namespace kinbridge::detail {

enum class Dialect { kSqlite, kPostgresql };

class Database {
 public:
  // Opens (create = false: an existing file only) a SQLite database and sets foreign keys,
  // the busy timeout and full synchronous commits. Nothing in the file changes until
  // EnableWriteAheadLog() or a write, so a file that turns out not to be a workspace is left
  // as it was.
  static Result<std::unique_ptr<Database>> OpenSqlite(const std::string& path, bool create,
                                                      int busy_timeout_ms);

  // Switches a SQLite database to write-ahead logging (persistent in the file).
  Status EnableWriteAheadLog();

  soci::session& session() { return session_; }
  Dialect dialect() const { return dialect_; }
  const std::string& path() const { return path_; }

  // The column definition of an auto-assigned 64-bit primary key.
  const char* IdColumn() const;

 private:
  Database(Dialect dialect, std::string path) : dialect_(dialect), path_(std::move(path)) {}
  Dialect dialect_;
  std::string path_;
  soci::session session_;
};

// A write transaction that rolls back unless committed. On SQLite it takes the write lock at
// once (BEGIN IMMEDIATE), so that the busy timeout applies instead of a failed lock upgrade.
class WriteTransaction {
 public:
  explicit WriteTransaction(Database& db);
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  ~WriteTransaction();
  void Commit();

 private:
  Database& db_;
  bool open_ = false;
};

// Turns an exception thrown while talking to the database into a Status naming `what` was
// being done. Constraint failures become Conflict, a busy database IoError, others Internal.
Status DatabaseError(const std::exception& error, const std::string& what);

}  // namespace kinbridge::detail
