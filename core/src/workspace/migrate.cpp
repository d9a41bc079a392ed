// Moving a workspace to another database (`kinbridge migrate`): every table copied as stored,
// ids and the audit chain included, then checked before anything commits.
#include <filesystem>
#include <system_error>

#include <fmt/format.h>

#include "storage/migrations.h"
#include "workspace/workspace_impl.h"

KINBRIDGE_NAMESPACE_BEGIN

using detail::AuditLog;
using detail::Database;
using detail::DatabaseError;
using detail::Dialect;
using detail::Operation;
using detail::WriteTransaction;

namespace {

// Copies every row of `table` from `from` to `to`, column values as text (both databases convert
// integer text back on insert), except the floating-point columns of a SQLite source: SQLite
// writes a REAL as text with 15 digits, which would lose the last digits of an outcome share, so
// those travel as doubles.
long long CopyTable(Database& from, Database& to, const std::string& table) {
  const std::vector<std::string> columns = from.ColumnNames(table);
  std::string names, placeholders;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) {
      names += ", ";
      placeholders += ", ";
    }
    names += "\"" + columns[i] + "\"";
    placeholders += ":p" + std::to_string(i);
  }
  std::vector<std::string> values(columns.size());
  std::vector<double> reals(columns.size());
  std::vector<soci::indicator> indicators(columns.size(), soci::i_ok);
  std::vector<bool> is_real(columns.size(), false);
  if (from.dialect() == Dialect::kSqlite) {
    for (std::size_t i = 0; i < columns.size(); ++i) {
      int found = 0;
      from.session() << "SELECT count(*) FROM (SELECT 1 FROM \"" + table + "\" WHERE typeof(\"" +
                            columns[i] + "\") = 'real' LIMIT 1)",
          soci::into(found);
      is_real[i] = found > 0;
    }
  }
  soci::statement read = from.session().prepare
                         << "SELECT " + names + " FROM \"" + table + "\" ORDER BY 1";
  soci::statement write = to.session().prepare << "INSERT INTO \"" + table + "\" (" + names +
                                                      ") VALUES (" + placeholders + ")";
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (is_real[i]) {
      read.exchange(soci::into(reals[i], indicators[i]));
      write.exchange(soci::use(reals[i], indicators[i]));
    } else {
      read.exchange(soci::into(values[i], indicators[i]));
      write.exchange(soci::use(values[i], indicators[i]));
    }
  }
  read.define_and_bind();
  write.define_and_bind();
  read.execute();
  long long rows = 0;
  while (read.fetch()) {
    write.execute(true);
    ++rows;
  }
  return rows;
}

long long CountRows(Database& db, const std::string& table) {
  long long count = 0;
  db.session() << "SELECT count(*) FROM \"" + table + "\"", soci::into(count);
  return count;
}

// Removes a SQLite target file this migration created unless the migration committed.
struct CreatedFile {
  std::string path;
  bool remove = false;
  ~CreatedFile() {
    if (!remove) return;
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      std::filesystem::remove(path + suffix, ec);
    }
  }
};

}  // namespace

Result<WorkspaceMigration> Workspace::MigrateTo(const std::string& target) {
  Impl& w = *impl_;
  WorkspaceMigration result;
  result.from = w.db->path();
  result.to = detail::RedactedLocation(target);
  if (result.to == result.from) {
    return Status::InvalidArgument(TrFormat(
        "cannot migrate workspace {} onto itself (give another database with --to)", result.to));
  }
  const bool target_is_file = !detail::IsPostgresqlLocation(target);
  CreatedFile created{target};  // declared first: removes the file after the database closed
  try {
    // Holding the write lock keeps other writers out, so the copy is one consistent state.
    WriteTransaction source_tx(*w.db);
    KINBRIDGE_RETURN_IF_ERROR(w.Allow(source_tx, Operation::kMoveWorkspace, "workspace.migrate",
                                      "workspace", w.municipality.code));
    Result<std::unique_ptr<Database>> opened =
        Database::Open(target, /*create=*/true, w.options.busy_timeout_ms);
    if (!opened.ok()) return opened.status();
    Database& to = **opened;
    created.remove = target_is_file;
    if (target_is_file) KINBRIDGE_RETURN_IF_ERROR(to.EnableWriteAheadLog());
    WriteTransaction target_tx(to);
    Result<int> version = detail::CurrentSchemaVersion(to);
    if (!version.ok()) return version.status();
    if (*version != 0) {
      return Status::AlreadyExists(TrFormat(
          "cannot migrate to {}: it already holds a kinbridge workspace (give an empty database "
          "or schema)",
          result.to));
    }
    // Recorded before copying, so that the entry travels with the rest of the chain.
    w.Audit("workspace.migrate", "workspace", w.municipality.code, {}, "to " + result.to);
    detail::MigrateInTransaction(to, w.Now());
    // The source's own schema history replaces the one just written.
    to.session() << "DELETE FROM schema_version";
    for (const std::string& table : w.db->TablesInDependencyOrder()) {
      const long long rows = CopyTable(*w.db, to, table);
      result.tables.emplace_back(table, rows);
      result.rows += rows;
    }
    to.ResetIdSequences();
    for (const auto& [table, rows] : result.tables) {
      const long long copied = CountRows(to, table);
      const long long source = CountRows(*w.db, table);
      if (copied != source || copied != rows) {
        return Status::Internal(TrPlural(
            "migrating to {}: table {} has {} row in the new database but {} in {}; nothing was "
            "written",
            "migrating to {}: table {} has {} rows in the new database but {} in {}; nothing was "
            "written",
            static_cast<unsigned long>(copied), result.to, table, copied, source, result.from));
      }
    }
    const AuditVerification copied = AuditLog(to).Verify();
    const AuditVerification source = AuditLog(*w.db).Verify();
    if (!copied.intact || copied.entries != source.entries ||
        copied.head_hash != source.head_hash) {
      return Status::Internal(TrFormat(
          "migrating to {}: the copied audit trail does not verify ({}); nothing was written",
          result.to,
          copied.intact
              ? TrPlural("{} entry, expected {}", "{} entries, expected {}",
                         static_cast<unsigned long>(copied.entries), copied.entries, source.entries)
              : copied.problem));
    }
    result.audit_entries = copied.entries;
    result.audit_head_hash = copied.head_hash;
    target_tx.Commit();
    created.remove = false;  // kept from here on
    source_tx.Commit();
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("migrating workspace {} to {}", result.from, result.to));
  }
  return result;
}

KINBRIDGE_NAMESPACE_END
