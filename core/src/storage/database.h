// The connection to a workspace's database, its SQL dialect and write transactions. Every
// difference between SQLite and PostgreSQL that the repositories meet is decided here.
// Owns: one soci::session. Thread-safety: one thread at a time.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <soci/soci.h>

#include "kinbridge/result.h"
#include "kinbridge/status.h"

namespace kinbridge::detail {

enum class Dialect { kSqlite, kPostgresql };

// Whether `location` names a PostgreSQL database: a postgresql:// or postgres:// URL, or libpq
// key=value pairs ("host=... dbname=..."). Anything else is a SQLite file path. Decided by the
// text's shape alone: the PostgreSQL module (postgresql_module.h) is not loaded.
bool IsPostgresqlLocation(std::string_view location);

// `location` with any password replaced by "***", for messages and Workspace::path(). Loads the
// PostgreSQL module for key=value pairs (libpq parses them).
std::string RedactedLocation(const std::string& location);

// New rows of one table, given column by column (every column as long as the first), for
// Database::InsertRows and InsertRow. Refers to the caller's vectors, which must outlive it.
class NewRows {
 public:
  explicit NewRows(std::string table) : table_(std::move(table)) {}
  // A column of text or of integers; `nulls` (i_null where the value is NULL) for a nullable one.
  NewRows& Add(const char* column, std::vector<std::string>& values,
               std::vector<soci::indicator>* nulls = nullptr);
  NewRows& Add(const char* column, std::vector<long long>& values,
               std::vector<soci::indicator>* nulls = nullptr);
  // The number of rows (that of the first column).
  std::size_t size() const;

  struct Column {
    const char* name;
    std::vector<std::string>* text;
    std::vector<long long>* integers;
    std::vector<soci::indicator>* nulls;
  };

 private:
  friend class Database;
  std::string table_;
  std::vector<Column> columns_;
};

class Database {
 public:
  // Opens the SQLite file or PostgreSQL database that `location` names (see
  // IsPostgresqlLocation).
  static Result<std::unique_ptr<Database>> Open(const std::string& location, bool create,
                                                int busy_timeout_ms);

  // Opens (create = false: an existing file only) a SQLite database and sets foreign keys,
  // the busy timeout and full synchronous commits. Nothing in the file changes until
  // EnableWriteAheadLog() or a write, so a file that turns out not to be a workspace is left
  // as it was.
  static Result<std::unique_ptr<Database>> OpenSqlite(const std::string& path, bool create,
                                                      int busy_timeout_ms);

  // Connects to a PostgreSQL database (which must exist: kinbridge creates tables, never
  // databases). Writers wait up to `busy_timeout_ms` for each other, like SQLite's busy timeout.
  // `create` is checked by the caller (the database must hold no workspace yet).
  static Result<std::unique_ptr<Database>> OpenPostgresql(const std::string& conninfo,
                                                          int busy_timeout_ms);

  // Switches a SQLite database to write-ahead logging (persistent in the file).
  Status EnableWriteAheadLog();

  soci::session& session() { return session_; }
  Dialect dialect() const { return dialect_; }
  // The SQLite file, or the PostgreSQL connection string without its password.
  const std::string& path() const { return path_; }

  // The column definition of an auto-assigned 64-bit primary key.
  const char* IdColumn() const;
  // The SQL condition "`column` contains the text bound as `parameter`" (case-sensitive).
  std::string ContainsCondition(const std::string& column, const std::string& parameter) const;
  // The names of the tables in the workspace's schema, in no particular order.
  std::vector<std::string> TableNames();
  // The column names of `table`, in their order.
  std::vector<std::string> ColumnNames(const std::string& table);
  // The tables of TableNames() ordered so that every table comes after the tables its foreign
  // keys refer to (ties by name), for copying a workspace table by table.
  std::vector<std::string> TablesInDependencyOrder();
  // Sets the next auto-assigned id of every table with an id column past its largest id, after
  // rows were inserted with their ids given (migrating a workspace). Nothing to do on SQLite.
  void ResetIdSequences();

  // Writes every row of `rows` (their ids among the columns, from ReserveIds, or a table
  // without ids): on SQLite one statement stepped once per row, on PostgreSQL one INSERT of the
  // columns as arrays (unnest), so one round trip, not one per row. Throws like SOCI does.
  void InsertRows(const NewRows& rows);
  // Writes the one row of `rows` (no id column) and returns the id the database gave it.
  long long InsertRow(const NewRows& rows);
  // `count` new ids for rows of `table` (whose key is the column id), for InsertRows. Inside a
  // WriteTransaction: on SQLite the ids after the largest (writers are serialised, and without
  // AUTOINCREMENT SQLite would give the same), on PostgreSQL from the table's sequence.
  std::vector<long long> ReserveIds(const std::string& table, std::size_t count);

  // Forgets every kept statement (CachedStatement), after the schema changed: a kept SELECT
  // would still describe the old columns (SQLite re-compiles it, but SOCI keeps the old column
  // list; PostgreSQL refuses a cached plan whose result type changed). A statement borrowed at
  // the time is dropped when it is returned.
  void ForgetStatements();
  // How many statements are kept, and how many were prepared for the cache since opening.
  std::size_t KeptStatements() const { return statements_.size(); }
  long long PreparedStatements() const { return prepared_statements_; }

 private:
  friend class CachedStatement;
  struct Kept {
    explicit Kept(soci::session& session) : statement(session) {}
    soci::statement statement;
    bool borrowed = false;
    long long generation = 0;
  };
  Database(Dialect dialect, std::string path) : dialect_(dialect), path_(std::move(path)) {}
  Dialect dialect_;
  std::string path_;
  soci::session session_;
  // Declared after session_, so that the statements are finalized before the session closes.
  std::unordered_map<std::string, std::unique_ptr<Kept>> statements_;
  long long generation_ = 0;
  long long prepared_statements_ = 0;
};

// A statement prepared once per connection and kept by its SQL text for every later use:
// compiling a short statement costs more than running it (docs/performance.md). Borrowed for
// one use, like a soci::statement made with session.prepare: the constructor binds the given
// into()/use() elements (given none, the caller exchanges its own and calls define_and_bind()),
// the caller executes and fetches, and the destructor resets the statement (so that on SQLite
// it holds no read snapshot and no transaction open) and returns it. The SQL must be a fixed
// text or one of few variants; values are always bound, never spliced in. A statement already
// borrowed (the same SQL run again inside a visitor of its own rows) is prepared anew for the
// nested use and not kept, as are statements past a bound on the cache's size.
class CachedStatement {
 public:
  template <typename... Elements>
  CachedStatement(Database& db, const std::string& sql, Elements&&... elements)
      : db_(db), statement_(Borrow(sql)) {
    if constexpr (sizeof...(Elements) == 0) return;  // the caller binds, then define_and_bind()
    try {
      (statement_->exchange(std::forward<Elements>(elements)), ...);
      statement_->define_and_bind();
    } catch (...) {
      Return();
      throw;
    }
  }
  CachedStatement(const CachedStatement&) = delete;
  CachedStatement& operator=(const CachedStatement&) = delete;
  ~CachedStatement();

  soci::statement& operator*() { return *statement_; }
  soci::statement* operator->() { return statement_; }

 private:
  soci::statement* Borrow(const std::string& sql);
  void Return() noexcept;
  Database& db_;
  Database::Kept* kept_ = nullptr;        // null when not kept
  std::unique_ptr<soci::statement> own_;  // a statement not kept
  soci::statement* statement_;
};

// `db.session() << sql, elements...` through a kept statement: executes with data exchange
// (the first row into the into() elements) and returns whether a row came back.
template <typename... Elements>
bool RunCached(Database& db, const std::string& sql, Elements&&... elements) {
  CachedStatement st(db, sql, std::forward<Elements>(elements)...);
  return st->execute(true);
}

// A write transaction that rolls back unless committed. Writers to one workspace run one at a
// time, as the audit chain and the read-check-write steps of the repositories assume: on SQLite
// BEGIN IMMEDIATE takes the write lock at once (so that the busy timeout applies instead of a
// failed lock upgrade); on PostgreSQL a transaction-level advisory lock keyed by the workspace's
// schema does the same, and is released by COMMIT or ROLLBACK.
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
