#include "storage/database.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <string_view>
#include <system_error>

#include <fmt/format.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "common/i18n.h"
#include "storage/postgresql_module.h"

namespace kinbridge::detail {

namespace fs = std::filesystem;

namespace {

// The advisory-lock class of kinbridge's writer lock on PostgreSQL (the second key is the
// workspace's schema), so that other applications' advisory locks in the database differ.
constexpr int kWriterLockClass = 0x6b62;  // "kb"

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

}  // namespace

bool IsPostgresqlLocation(std::string_view location) {
  if (StartsWith(location, "postgresql://") || StartsWith(location, "postgres://")) return true;
  // key=value pairs: a first word of letters and underscores followed by '=' (a file path
  // would have a dot or slash before any '=').
  std::size_t i = 0;
  while (i < location.size() && std::isspace(static_cast<unsigned char>(location[i]))) ++i;
  const std::size_t key_start = i;
  while (i < location.size() &&
         (std::isalpha(static_cast<unsigned char>(location[i])) || location[i] == '_')) {
    ++i;
  }
  if (i == key_start) return false;
  while (i < location.size() && location[i] == ' ') ++i;
  return i < location.size() && location[i] == '=';
}

std::string RedactedLocation(const std::string& location) {
  if (!IsPostgresqlLocation(location)) return location;
  if (StartsWith(location, "postgres")) {
    // postgresql://user:password@host/...: the password sits between the first ':' after the
    // scheme and the '@' of the authority.
    const std::size_t authority = location.find("://") + 3;
    const std::size_t end = location.find_first_of("/?", authority);
    const std::size_t at = location.rfind('@', end == std::string::npos ? location.size() : end);
    if (at != std::string::npos && at > authority) {
      const std::size_t colon = location.find(':', authority);
      if (colon != std::string::npos && colon < at) {
        return location.substr(0, colon + 1) + "***" + location.substr(at);
      }
    }
    const std::size_t parameter = location.find("password=");
    if (parameter == std::string::npos) return location;
    const std::size_t value_end = location.find('&', parameter);
    return location.substr(0, parameter) + "password=***" +
           (value_end == std::string::npos ? std::string() : location.substr(value_end));
  }
  // key=value pairs: libpq (in the PostgreSQL module) reads them, so libpq redacts them. Without
  // the module, or when they do not parse, everything from the first "password" on is hidden.
  if (Result<const PostgresqlModule*> module = LoadPostgresqlModule(); module.ok()) {
    std::string redacted, reason;
    if ((*module)->parse_conninfo(location, redacted, reason)) return redacted;
  }
  const std::size_t password = location.find("password");
  if (password == std::string::npos) return location;
  return location.substr(0, password) + "password=***";
}

Result<std::unique_ptr<Database>> Database::Open(const std::string& location, bool create,
                                                 int busy_timeout_ms) {
  if (IsPostgresqlLocation(location)) return OpenPostgresql(location, busy_timeout_ms);
  return OpenSqlite(location, create, busy_timeout_ms);
}

Result<std::unique_ptr<Database>> Database::OpenPostgresql(const std::string& conninfo,
                                                           int busy_timeout_ms) {
  const std::string shown = RedactedLocation(conninfo);
  Result<const PostgresqlModule*> module = LoadPostgresqlModule();
  if (!module.ok()) {
    return Status(module.status().code(),
                  TrFormat("cannot open workspace {}: {}", shown, module.status().message()));
  }
  if (!StartsWith(conninfo, "postgres")) {
    std::string redacted, reason;
    if (!(*module)->parse_conninfo(conninfo, redacted, reason)) {
      return Status::InvalidArgument(
          TrFormat("workspace {} is not a valid PostgreSQL connection string: {} (expected "
                   "postgresql://user@host:port/database or key=value pairs such as \"host=... "
                   "dbname=...\")",
                   shown, reason));
    }
  }
  std::unique_ptr<Database> db(new Database(Dialect::kPostgresql, shown));
  try {
    db->session_.open(*(*module)->factory(), conninfo);
    soci::session& s = db->session_;
    // A writer waits for another at most this long (the advisory lock of WriteTransaction),
    // then fails as busy, like SQLite's busy timeout.
    s << "SET lock_timeout = " + std::to_string(busy_timeout_ms < 0 ? 0 : busy_timeout_ms);
    // Stored timestamps are UTC text; nothing depends on the server's zone, but keep the
    // session's own clock functions unsurprising.
    s << "SET TIME ZONE 'UTC'";
    // Server notices (such as "drop cascades to ...") are not for the user's terminal.
    s << "SET client_min_messages = warning";
    std::string schema;
    soci::indicator ind = soci::i_null;
    s << "SELECT current_schema()", soci::into(schema, ind);
    if (ind != soci::i_ok) {
      return Status::InvalidArgument(
          TrFormat("workspace {}: the database has no schema to hold kinbridge's tables (check "
                   "search_path and that the role may use a schema)",
                   shown));
    }
  } catch (const std::exception& e) {
    std::string reason = e.what();
    // SOCI puts its own English sentence before libpq's words, which say what failed.
    const std::string_view soci_prefix = "Cannot establish connection to the database.";
    if (reason.starts_with(soci_prefix)) reason.erase(0, soci_prefix.size());
    // libpq's message spans lines ("...failed: No such file or directory\n\tIs the server
    // running...?"): one line here.
    std::string one_line;
    for (char c : reason) {
      const bool space = c == '\n' || c == '\t' || c == ' ' || c == '\r';
      if (space && (one_line.empty() || one_line.back() == ' ')) continue;
      one_line += space ? ' ' : c;
    }
    while (!one_line.empty() && one_line.back() == ' ') one_line.pop_back();
    reason = one_line;
    return Status::IoError(TrFormat(
        "cannot open workspace {}: {} (check that the PostgreSQL server runs, the database "
        "exists and the role may connect)",
        shown, reason));
  }
  return db;
}

namespace {
std::string Detail(std::string_view text);
}  // namespace

Result<std::unique_ptr<Database>> Database::OpenSqlite(const std::string& path, bool create,
                                                       int busy_timeout_ms) {
  std::error_code ec;
  const bool exists = fs::exists(path, ec);
  if (!create && !exists) {
    return Status::NotFound(TrFormat(
        "workspace {} does not exist (create one with `kinbridge init`, or give --workspace)",
        path));
  }
  if (create && exists) {
    return Status::AlreadyExists(
        TrFormat("workspace {} already exists (choose another path or open it)", path));
  }
  if (path.find('"') != std::string::npos) {
    return Status::InvalidArgument(
        TrFormat("workspace path {} contains a double quote (\") which kinbridge does not support; "
                 "rename the file or folder",
                 path));
  }
  if (exists && fs::is_directory(path, ec)) {
    return Status::InvalidArgument(
        TrFormat("workspace {} is a directory (expected a workspace file)", path));
  }
  if (create) {
    const fs::path parent = fs::absolute(path, ec).parent_path();
    if (!fs::is_directory(parent, ec)) {
      return Status::NotFound(
          TrFormat("cannot create workspace {}: folder {} does not exist", path, parent.string()));
    }
  }
  std::unique_ptr<Database> db(new Database(Dialect::kSqlite, path));
  try {
    // SOCI's timeout is in whole seconds; the precise busy timeout is set below.
    soci::connection_parameters params(*soci::factory_sqlite3(), "db=\"" + path + "\" timeout=1");
    db->session_.open(params);
    soci::session& s = db->session_;
    // Reading the schema fails here, not later, when the file is not a database.
    int tables = 0;
    s << "SELECT count(*) FROM sqlite_master", soci::into(tables);
    s << "PRAGMA foreign_keys=ON";
    s << "PRAGMA synchronous=FULL";
    s << "PRAGMA busy_timeout=" + std::to_string(busy_timeout_ms);
  } catch (const soci::sqlite3_soci_error& e) {
    if (create) fs::remove(path, ec);
    if (e.result() == 26 /* SQLITE_NOTADB */ || e.result() == 11 /* SQLITE_CORRUPT */) {
      return Status::InvalidArgument(
          TrFormat("{} is not a kinbridge workspace (the file is not a SQLite database)", path));
    }
    // SQLite's words are English and name no cause a user can act on but permissions.
    if (e.result() == 14 /* SQLITE_CANTOPEN */ || e.result() == 8 /* SQLITE_READONLY */) {
      return Status::IoError(TrFormat("cannot open workspace {}: the file or its folder may not "
                                      "be read or written (check their permissions)",
                                      path) +
                             Detail(e.what()));
    }
    return Status::IoError(TrFormat("cannot open workspace {}: the database could not be opened "
                                    "(KINBRIDGE_DEBUG=1 shows why)",
                                    path) +
                           Detail(e.what()));
  } catch (const std::exception& e) {
    if (create) fs::remove(path, ec);
    return Status::IoError(TrFormat("cannot open workspace {}: the database could not be opened "
                                    "(KINBRIDGE_DEBUG=1 shows why)",
                                    path) +
                           Detail(e.what()));
  }
  return db;
}

Status Database::EnableWriteAheadLog() {
  if (dialect_ != Dialect::kSqlite) return Status::Ok();
  try {
    std::string journal;
    session_ << "PRAGMA journal_mode=WAL", soci::into(journal);
    return Status::Ok();
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("setting up workspace {}", path_));
  }
}

const char* Database::IdColumn() const {
  return dialect_ == Dialect::kSqlite ? "INTEGER PRIMARY KEY"
                                      : "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
}

std::string Database::ContainsCondition(const std::string& column,
                                        const std::string& parameter) const {
  return (dialect_ == Dialect::kSqlite ? "instr(" : "strpos(") + column + ", :" + parameter +
         ") > 0";
}

std::vector<std::string> Database::TableNames() {
  std::vector<std::string> names;
  std::string name;
  const std::string sql =
      dialect_ == Dialect::kSqlite
          ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
          : "SELECT table_name FROM information_schema.tables WHERE table_schema = "
            "current_schema() AND table_type = 'BASE TABLE'";
  soci::statement st = (session_.prepare << sql, soci::into(name));
  st.execute();
  while (st.fetch()) names.push_back(name);
  return names;
}

std::vector<std::string> Database::ColumnNames(const std::string& table) {
  std::vector<std::string> names;
  std::string name;
  const std::string sql =
      dialect_ == Dialect::kSqlite
          ? "SELECT name FROM pragma_table_info(:t) ORDER BY cid"
          : "SELECT column_name FROM information_schema.columns WHERE table_schema = "
            "current_schema() AND table_name = :t ORDER BY ordinal_position";
  soci::statement st = (session_.prepare << sql, soci::use(table), soci::into(name));
  st.execute();
  while (st.fetch()) names.push_back(name);
  return names;
}

std::vector<std::string> Database::TablesInDependencyOrder() {
  std::vector<std::string> tables = TableNames();
  std::sort(tables.begin(), tables.end());
  std::map<std::string, std::set<std::string>> refers_to;
  std::string table, referenced;
  const std::string sql =
      dialect_ == Dialect::kSqlite
          ? "SELECT m.name, f.\"table\" FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) "
            "f WHERE m.type = 'table'"
          : "SELECT tc.table_name, ccu.table_name FROM information_schema.table_constraints tc "
            "JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_schema = "
            "tc.constraint_schema AND ccu.constraint_name = tc.constraint_name WHERE "
            "tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()";
  soci::statement st = (session_.prepare << sql, soci::into(table), soci::into(referenced));
  st.execute();
  while (st.fetch()) {
    if (table != referenced) refers_to[table].insert(referenced);
  }
  std::vector<std::string> ordered;
  std::set<std::string> placed;
  while (ordered.size() < tables.size()) {
    bool progress = false;
    for (const std::string& t : tables) {
      if (placed.count(t) != 0) continue;
      bool ready = true;
      for (const std::string& r : refers_to[t]) {
        if (placed.count(r) == 0 && std::find(tables.begin(), tables.end(), r) != tables.end()) {
          ready = false;
        }
      }
      if (!ready) continue;
      ordered.push_back(t);
      placed.insert(t);
      progress = true;
    }
    if (!progress) throw std::runtime_error("the tables' foreign keys form a cycle");
  }
  return ordered;
}

void Database::ResetIdSequences() {
  if (dialect_ != Dialect::kPostgresql) return;
  std::vector<std::string> tables;
  std::string table;
  soci::statement st =
      (session_.prepare << "SELECT table_name FROM information_schema.columns WHERE "
                           "table_schema = current_schema() AND column_name = 'id' AND "
                           "is_identity = 'YES'",
       soci::into(table));
  st.execute();
  while (st.fetch()) tables.push_back(table);
  for (const std::string& t : tables) {
    // setval(..., false) makes the next id exactly max + 1 (1 for an empty table).
    session_ << "SELECT setval(pg_get_serial_sequence('" + t + "', 'id'), COALESCE((SELECT " +
                    "max(id) FROM " + t + "), 0) + 1, false)";
  }
}

NewRows& NewRows::Add(const char* column, std::vector<std::string>& values,
                      std::vector<soci::indicator>* nulls) {
  columns_.push_back({column, &values, nullptr, nulls});
  return *this;
}

NewRows& NewRows::Add(const char* column, std::vector<long long>& values,
                      std::vector<soci::indicator>* nulls) {
  columns_.push_back({column, nullptr, &values, nulls});
  return *this;
}

std::size_t NewRows::size() const {
  if (columns_.empty()) return 0;
  const Column& c = columns_.front();
  return c.text != nullptr ? c.text->size() : c.integers->size();
}

namespace {

// "INSERT INTO table (a, b) " and, for VALUES, "(:a, :b)".
std::pair<std::string, std::string> InsertInto(const std::string& table,
                                               const std::vector<NewRows::Column>& columns) {
  std::string head = "INSERT INTO " + table + " (";
  std::string values = "(";
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const char* separator = i == 0 ? "" : ", ";
    head += separator;
    head += columns[i].name;
    values += separator;
    values += ':';
    values += columns[i].name;
  }
  return {head + ") ", values + ")"};
}

// A PostgreSQL array literal of one column: every text quoted, with its quotes and backslashes
// escaped, so that no value can end an element early.
std::string ArrayLiteral(const NewRows::Column& column, std::size_t size) {
  std::string literal = "{";
  literal.reserve(size * (column.text != nullptr ? 24 : 8));
  for (std::size_t row = 0; row < size; ++row) {
    if (row != 0) literal += ',';
    if (column.nulls != nullptr && (*column.nulls)[row] == soci::i_null) {
      literal += "NULL";
    } else if (column.integers != nullptr) {
      literal += std::to_string((*column.integers)[row]);
    } else {
      literal += '"';
      for (char ch : (*column.text)[row]) {
        if (ch == '"' || ch == '\\') literal += '\\';
        literal += ch;
      }
      literal += '"';
    }
  }
  literal += '}';
  return literal;
}

}  // namespace

void Database::InsertRows(const NewRows& rows) {
  const std::size_t size = rows.size();
  if (size == 0) return;
  for (const NewRows::Column& c : rows.columns_) {
    const std::size_t length = c.text != nullptr ? c.text->size() : c.integers->size();
    if (length != size || (c.nulls != nullptr && c.nulls->size() != size)) {
      throw std::logic_error("the new rows of " + rows.table_ + " have columns of unequal length");
    }
  }
  auto [head, values] = InsertInto(rows.table_, rows.columns_);
  if (dialect_ == Dialect::kPostgresql) {
    // One statement whatever the number of rows: the columns travel as arrays.
    std::string sql = head + "SELECT * FROM unnest(";
    std::vector<std::string> arrays;
    arrays.reserve(rows.columns_.size());
    for (std::size_t i = 0; i < rows.columns_.size(); ++i) {
      const NewRows::Column& c = rows.columns_[i];
      sql += fmt::format("{}CAST(:{} AS {}[])", i == 0 ? "" : ", ", c.name,
                         c.text != nullptr ? "text" : "bigint");
      arrays.push_back(ArrayLiteral(c, size));
    }
    sql += ")";
    CachedStatement st(*this, sql);
    for (std::string& array : arrays) st->exchange(soci::use(array));
    st->define_and_bind();
    st->execute(true);
    return;
  }
  // SQLite: one statement stepped once per row, bound with SQLite's own calls on SOCI's
  // connection. (SOCI's vector binding first copies every value of every row into a table of
  // its own, a tenth of a bulk import's time.) Prepared for this batch and not kept: compiling
  // it is nothing beside the rows.
  sqlite_api::sqlite3* connection =
      static_cast<soci::sqlite3_session_backend*>(session_.get_backend())->conn_;
  const auto fail = [connection](const std::string& what) {
    throw soci::sqlite3_soci_error(what + ": " + sqlite_api::sqlite3_errmsg(connection),
                                   sqlite_api::sqlite3_extended_errcode(connection));
  };
  sqlite_api::sqlite3_stmt* prepared = nullptr;
  const std::string sql = head + "VALUES " + values;
  if (sqlite_api::sqlite3_prepare_v2(connection, sql.c_str(), static_cast<int>(sql.size()),
                                     &prepared, nullptr) != SQLITE_OK) {
    fail("preparing the insert into " + rows.table_);
  }
  std::unique_ptr<sqlite_api::sqlite3_stmt, int (*)(sqlite_api::sqlite3_stmt*)> statement(
      prepared, sqlite_api::sqlite3_finalize);
  const int columns = static_cast<int>(rows.columns_.size());
  for (std::size_t row = 0; row < size; ++row) {
    for (int i = 0; i < columns; ++i) {
      const NewRows::Column& c = rows.columns_[static_cast<std::size_t>(i)];
      int bound = SQLITE_OK;
      if (c.nulls != nullptr && (*c.nulls)[row] == soci::i_null) {
        bound = sqlite_api::sqlite3_bind_null(prepared, i + 1);
      } else if (c.integers != nullptr) {
        bound = sqlite_api::sqlite3_bind_int64(prepared, i + 1, (*c.integers)[row]);
      } else {
        // Static: the text outlives the step that reads it.
        const std::string& text = (*c.text)[row];
        bound = sqlite_api::sqlite3_bind_text(prepared, i + 1, text.data(),
                                              static_cast<int>(text.size()), nullptr);
      }
      if (bound != SQLITE_OK) fail("binding a value for " + rows.table_);
    }
    if (sqlite_api::sqlite3_step(prepared) != SQLITE_DONE) {
      fail("inserting into " + rows.table_);
    }
    sqlite_api::sqlite3_reset(prepared);
  }
}

long long Database::InsertRow(const NewRows& rows) {
  if (rows.size() != 1) {
    throw std::logic_error("InsertRow of " + rows.table_ + " given other than one row");
  }
  auto [head, values] = InsertInto(rows.table_, rows.columns_);
  long long id = 0;
  CachedStatement st(*this, head + "VALUES " + values + " RETURNING id");
  for (const NewRows::Column& c : rows.columns_) {
    if (c.text != nullptr) {
      if (c.nulls != nullptr) {
        st->exchange(soci::use(c.text->front(), c.nulls->front()));
      } else {
        st->exchange(soci::use(c.text->front()));
      }
    } else if (c.nulls != nullptr) {
      st->exchange(soci::use(c.integers->front(), c.nulls->front()));
    } else {
      st->exchange(soci::use(c.integers->front()));
    }
  }
  st->exchange(soci::into(id));
  st->define_and_bind();
  st->execute(true);
  return id;
}

std::vector<long long> Database::ReserveIds(const std::string& table, std::size_t count) {
  std::vector<long long> ids;
  if (count == 0) return ids;
  if (dialect_ == Dialect::kSqlite) {
    long long last = 0;
    RunCached(*this, "SELECT COALESCE(MAX(id), 0) FROM " + table, soci::into(last));
    ids.resize(count);
    for (std::size_t i = 0; i < count; ++i) ids[i] = last + 1 + static_cast<long long>(i);
    return ids;
  }
  ids.resize(count);
  const long long n = static_cast<long long>(count);
  CachedStatement st(*this,
                     "SELECT nextval(pg_get_serial_sequence(:t, 'id')) FROM generate_series(1, :n)",
                     soci::use(table), soci::use(n), soci::into(ids));
  st->execute(true);
  if (ids.size() != count) {
    throw std::runtime_error(
        fmt::format("{} ids of {} were reserved, not {}", ids.size(), table, count));
  }
  return ids;
}

namespace {

// More distinct statements than kinbridge's repositories have means SQL texts are being built
// with values in them; those are not worth keeping.
constexpr std::size_t kMaxKeptStatements = 512;

}  // namespace

void Database::ForgetStatements() {
  ++generation_;
  for (auto it = statements_.begin(); it != statements_.end();) {
    if (it->second->borrowed) {
      ++it;  // dropped when returned (its generation is now old)
    } else {
      it = statements_.erase(it);
    }
  }
}

soci::statement* CachedStatement::Borrow(const std::string& sql) {
  auto found = db_.statements_.find(sql);
  if (found != db_.statements_.end() && !found->second->borrowed) {
    kept_ = found->second.get();
    kept_->borrowed = true;
    return &kept_->statement;
  }
  if (found == db_.statements_.end() && db_.statements_.size() < kMaxKeptStatements) {
    auto kept = std::make_unique<Database::Kept>(db_.session_);
    kept->statement.alloc();
    kept->statement.prepare(sql);
    kept->generation = db_.generation_;
    kept->borrowed = true;
    ++db_.prepared_statements_;
    kept_ = db_.statements_.emplace(sql, std::move(kept)).first->second.get();
    return &kept_->statement;
  }
  own_ = std::make_unique<soci::statement>(db_.session_);
  own_->alloc();
  own_->prepare(sql);
  return own_.get();
}

void CachedStatement::Return() noexcept {
  if (kept_ == nullptr) {
    own_.reset();
    return;
  }
  Database::Kept* kept = kept_;
  kept_ = nullptr;
  try {
    // The bound variables were the borrower's; none may be touched after it returns.
    kept->statement.bind_clean_up();
    if (db_.dialect_ == Dialect::kSqlite) {
      // A statement left on a row keeps its read snapshot (and, for a write, its
      // transaction) open until reset.
      auto* backend = static_cast<soci::sqlite3_statement_backend*>(kept->statement.get_backend());
      if (backend != nullptr && backend->stmt_ != nullptr) {
        sqlite_api::sqlite3_reset(backend->stmt_);
        backend->databaseReady_ = true;
      }
    }
  } catch (...) {
    kept->generation = -1;  // in an unknown state: not used again
  }
  kept->borrowed = false;
  if (kept->generation != db_.generation_) {
    for (auto it = db_.statements_.begin(); it != db_.statements_.end(); ++it) {
      if (it->second.get() == kept) {
        db_.statements_.erase(it);
        break;
      }
    }
  }
}

CachedStatement::~CachedStatement() { Return(); }

WriteTransaction::WriteTransaction(Database& db) : db_(db) {
  if (db_.dialect() == Dialect::kSqlite) {
    db_.session() << "BEGIN IMMEDIATE";
    open_ = true;
    return;
  }
  db_.session() << "BEGIN";
  try {
    db_.session() << "SELECT pg_advisory_xact_lock(" + std::to_string(kWriterLockClass) +
                         ", hashtext(current_schema()))";
  } catch (...) {
    // No destructor runs for a constructor that throws: end the transaction here.
    try {
      db_.session() << "ROLLBACK";
    } catch (...) {
      // The connection is gone; the server discards the transaction itself.
    }
    throw;
  }
  open_ = true;
}

WriteTransaction::~WriteTransaction() {
  if (!open_) return;
  try {
    db_.session() << "ROLLBACK";
  } catch (...) {
    // The connection is gone; the database discards the transaction itself.
  }
}

void WriteTransaction::Commit() {
  db_.session() << "COMMIT";
  open_ = false;
}

namespace {

// The database's own words (table and column names, driver prefixes) are for developers: they
// reach the message only when KINBRIDGE_DEBUG is set.
std::string Detail(std::string_view text) {
  const char* debug = std::getenv("KINBRIDGE_DEBUG");
  if (debug == nullptr || *debug == '\0' || std::string_view(debug) == "0") return "";
  std::string message(text);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
    message.pop_back();
  }
  return " [" + message + "]";
}

Status Conflict(const std::string& what, std::string_view detail) {
  return Status::Conflict(TrFormat("{}: it conflicts with a record already stored (the same "
                                   "value twice, or a reference to a record that does not "
                                   "exist); nothing was written",
                                   what) +
                          Detail(detail));
}

Status Busy(const std::string& what) {
  return Status::IoError(
      TrFormat("{}: the workspace is busy with another writer; try again", what));
}

Status Internal(const std::string& what, std::string_view detail) {
  return Status::Internal(TrFormat("{}: an internal error; nothing was written (please report "
                                   "it with the command you ran; KINBRIDGE_DEBUG=1 shows the "
                                   "details)",
                                   what) +
                          Detail(detail));
}

}  // namespace

Status DatabaseError(const std::exception& error, const std::string& what) {
  if (const auto* sqlite = dynamic_cast<const soci::sqlite3_soci_error*>(&error)) {
    // Refused by one of kinbridge's own triggers (the audit trail is append-only): its words
    // were written for people.
    // (SQLite's own constraint messages all read "... constraint failed".)
    if ((sqlite->result() & 0xff) == 19 /* SQLITE_CONSTRAINT */ &&
        std::string_view(error.what()).find("constraint failed") == std::string_view::npos) {
      return Status::Conflict(TrFormat("{}: {}", what, error.what()));
    }
    switch (sqlite->result() & 0xff) {
      case 19 /* SQLITE_CONSTRAINT */: return Conflict(what, error.what());
      case 5 /* SQLITE_BUSY */:
      case 6 /* SQLITE_LOCKED */: return Busy(what);
      case 13 /* SQLITE_FULL */:
        return Status::IoError(
            TrFormat("{}: the disk is full; free some space and try again (nothing was written)",
                     what) +
            Detail(error.what()));
      case 8 /* SQLITE_READONLY */:
        return Status::IoError(TrFormat("{}: the workspace may not be written (the file or its "
                                        "folder is read-only; check their permissions)",
                                        what) +
                               Detail(error.what()));
      case 10 /* SQLITE_IOERR */:
      case 11 /* SQLITE_CORRUPT */:
      case 14 /* SQLITE_CANTOPEN */:
      case 26 /* SQLITE_NOTADB */:
        return Status::IoError(TrFormat("{}: the workspace file could not be read or written "
                                        "(check the disk and the file; restore it from a backup "
                                        "if it is damaged)",
                                        what) +
                               Detail(error.what()));
      default: break;
    }
  }
  const PostgresqlModule* postgresql = LoadedPostgresqlModule();
  if (const std::string state = postgresql != nullptr ? postgresql->sqlstate(error) : "";
      !state.empty()) {
    if (state.substr(0, 2) == "23" /* integrity constraint violation */) {
      return Conflict(what, error.what());
    }
    if (state == "P0001" /* raised by one of kinbridge's own triggers */) {
      std::string message = error.what();
      while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
        message.pop_back();
      }
      return Status::Internal(TrFormat("{}: {}", what, message));
    }
    if (state == "55P03" /* lock_not_available */ || state == "40001" /* serialization */ ||
        state == "40P01" /* deadlock */ || state == "57014" /* query_canceled */) {
      return Busy(what);
    }
    if (state.substr(0, 2) == "08" /* connection */) {
      return Status::IoError(TrFormat("{}: the connection to the PostgreSQL server failed (check "
                                      "that it runs and can be reached); nothing was written",
                                      what) +
                             Detail(error.what()));
    }
    if (state.substr(0, 2) == "53" /* insufficient resources */) {
      return Status::IoError(TrFormat("{}: the database server is out of disk, memory or "
                                      "connections; try again later (nothing was written)",
                                      what) +
                             Detail(error.what()));
    }
    if (state == "42501" /* insufficient privilege */ || state == "25006" /* read only */) {
      return Status::IoError(TrFormat("{}: the database role may not do this (see "
                                      "docs/deployment.md for the privileges kinbridge needs)",
                                      what) +
                             Detail(error.what()));
    }
  }
  return Internal(what, error.what());
}

}  // namespace kinbridge::detail
