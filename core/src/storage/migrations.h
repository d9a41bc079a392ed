// The workspace schema and its forward-only migrations.
#pragma once

#include "kinbridge/status.h"
#include "storage/database.h"

namespace kinbridge::detail {

// The newest schema version this build knows.
int LatestSchemaVersion();

// The version recorded in the database; 0 for an empty database. Fails with InvalidArgument
// for a database holding other tables but no kinbridge schema.
Result<int> CurrentSchemaVersion(Database& db);

// Applies every migration after the current version, each in its own transaction. Refuses a
// database whose version is newer than LatestSchemaVersion().
Status Migrate(Database& db, const std::string& now_utc);

// Creates the whole schema of an empty database inside the caller's open WriteTransaction, so
// that a workspace is created whole or not at all (throws on a database error).
void MigrateInTransaction(Database& db, const std::string& now_utc);

}  // namespace kinbridge::detail
