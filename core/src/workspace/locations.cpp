// Where workspaces live: telling a PostgreSQL location from a file, a second workspace beside
// a first one, and clearing away an old demo.
#include <filesystem>
#include <system_error>

#include "storage/database.h"
#include "storage/migrations.h"
#include "storage/workspace_repository.h"
#include "workspace/workspace_impl.h"

KINBRIDGE_NAMESPACE_BEGIN

using detail::Database;
using detail::DatabaseError;

namespace {

namespace fs = std::filesystem;

bool IsPlainIdentifier(std::string_view text) {
  if (text.empty() || text.size() > 60) return false;
  for (char c : text) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

// `location` with the current schema set to `schema`: a URL's own "options" parameter is
// replaced; key=value pairs get another options pair (libpq takes the last).
std::string WithSchema(const std::string& location, const std::string& schema) {
  if (location.rfind("postgres", 0) == 0) {
    std::string url = location;
    const std::size_t query = url.find('?');
    if (query != std::string::npos) {
      for (std::size_t at = url.find("options=", query); at != std::string::npos;
           at = url.find("options=", at)) {
        if (url[at - 1] != '?' && url[at - 1] != '&') {
          ++at;
          continue;
        }
        const std::size_t end = url.find('&', at);
        url.erase(at - 1, end == std::string::npos ? std::string::npos : end - at + 1);
        if (url.find('?') == std::string::npos && at - 1 < url.size()) url[at - 1] = '?';
      }
    }
    const char* separator = url.find('?') == std::string::npos ? "?" : "&";
    return url + separator + "options=-csearch_path%3D" + schema;
  }
  return location + " options='-csearch_path=" + schema + "'";
}

}  // namespace

bool IsPostgresqlLocation(std::string_view location) {
  return detail::IsPostgresqlLocation(location);
}

Result<std::string> SiblingWorkspaceLocation(const std::string& location, std::string_view name) {
  if (!IsPlainIdentifier(name)) {
    return Status::InvalidArgument(
        TrFormat("workspace name {} is not plain lowercase letters, digits and _", name));
  }
  if (!detail::IsPostgresqlLocation(location)) {
    const fs::path path(location);
    return (path.parent_path() / (path.stem().string() + "-" + std::string(name) + ".db")).string();
  }
  Result<std::unique_ptr<Database>> db = Database::OpenPostgresql(location, 10000);
  if (!db.ok()) return db.status();
  try {
    std::string schema;
    (*db)->session() << "SELECT current_schema()", soci::into(schema);
    const std::string sibling = schema + "_" + std::string(name);
    if (!IsPlainIdentifier(sibling)) {
      return Status::InvalidArgument(
          TrFormat("workspace {}: schema {} is not plain lowercase letters, digits and _, so no "
                   "workspace can be placed beside it (give the other workspace's location)",
                   (*db)->path(), schema));
    }
    (*db)->session() << "CREATE SCHEMA IF NOT EXISTS " + sibling;
    return WithSchema(location, sibling);
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("making a schema beside workspace {}", (*db)->path()));
  }
}

Status RemoveDemoWorkspace(const std::string& location) {
  if (!detail::IsPostgresqlLocation(location)) {
    std::error_code ec;
    if (!fs::exists(location, ec)) return Status::Ok();
    Result<std::unique_ptr<Database>> db = Database::OpenSqlite(location, false, 10000);
    if (!db.ok()) return db.status();
    std::optional<std::string> mode;
    try {
      Result<int> version = detail::CurrentSchemaVersion(**db);
      if (version.ok() && *version > 0) {
        mode = detail::WorkspaceRepository(**db).Setting("mode");
      }
    } catch (const std::exception& e) {
      return DatabaseError(e, TrFormat("reading workspace {}", location));
    }
    db->reset();
    if (mode != "demo") {
      return Status::FailedPrecondition(TrFormat(
          "{} exists and is not a demo workspace; the demo will not overwrite it", location));
    }
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(location + suffix, ec);
    return Status::Ok();
  }
  Result<std::unique_ptr<Database>> db = Database::OpenPostgresql(location, 10000);
  if (!db.ok()) return db.status();
  Database& d = **db;
  try {
    detail::WriteTransaction tx(d);
    const std::vector<std::string> tables = d.TableNames();
    if (tables.empty()) return Status::Ok();
    Result<int> version = detail::CurrentSchemaVersion(d);
    std::optional<std::string> mode;
    if (version.ok() && *version > 0) mode = detail::WorkspaceRepository(d).Setting("mode");
    if (mode != "demo") {
      return Status::FailedPrecondition(
          TrFormat("{} is not a demo workspace (its schema holds other tables); the demo will not "
                   "overwrite it",
                   d.path()));
    }
    for (const std::string& table : tables) {
      d.session() << "DROP TABLE IF EXISTS \"" + table + "\" CASCADE";
    }
    d.session() << "DROP FUNCTION IF EXISTS kinbridge_audit_immutable()";
    tx.Commit();
    return Status::Ok();
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("removing the demo workspace {}", d.path()));
  }
}

KINBRIDGE_NAMESPACE_END
