#include "storage/migrations.h"

#include <string>
#include <vector>

#include "common/i18n.h"

namespace kinbridge::detail {

namespace {

struct Migration {
  int version;
  const char* description;
  // Portable SQL; "{id}" stands for the dialect's auto-assigned primary key column.
  std::vector<const char*> statements;
  // Statements only SQLite runs, and their PostgreSQL equivalents.
  std::vector<const char*> sqlite_statements = {};
  std::vector<const char*> postgresql_statements = {};
};

// Never edit a migration that has shipped: add a new one.
const std::vector<Migration>& Migrations() {
  static const std::vector<Migration> kMigrations = {
      {1,
       "municipality, workers, children, family network, restrictions, placements",
       {
           R"(CREATE TABLE workspace_setting (
                name TEXT PRIMARY KEY,
                value TEXT NOT NULL))",
           R"(CREATE TABLE municipality (
                id {id},
                uuid TEXT NOT NULL UNIQUE,
                code TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                country TEXT NOT NULL,
                locale TEXT NOT NULL,
                time_zone TEXT NOT NULL,
                created_at TEXT NOT NULL))",
           R"(CREATE TABLE worker (
                id {id},
                uuid TEXT NOT NULL UNIQUE,
                municipality_id BIGINT NOT NULL REFERENCES municipality(id),
                name TEXT NOT NULL,
                os_account TEXT NOT NULL UNIQUE,
                roles TEXT NOT NULL,
                active INTEGER NOT NULL DEFAULT 1,
                created_at TEXT NOT NULL))",
           R"(CREATE TABLE case_reference_counter (
                municipality_id BIGINT NOT NULL REFERENCES municipality(id),
                year INTEGER NOT NULL,
                last_number INTEGER NOT NULL,
                PRIMARY KEY (municipality_id, year)))",
           R"(CREATE TABLE child (
                id {id},
                uuid TEXT NOT NULL UNIQUE,
                municipality_id BIGINT NOT NULL REFERENCES municipality(id),
                case_reference TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                birth_date TEXT NOT NULL,
                national_id_scheme TEXT,
                national_id TEXT,
                languages TEXT NOT NULL DEFAULT '',
                school TEXT NOT NULL DEFAULT '',
                protected_identity INTEGER NOT NULL DEFAULT 0,
                status TEXT NOT NULL,
                closed_on TEXT,
                close_reason TEXT NOT NULL DEFAULT '',
                version BIGINT NOT NULL DEFAULT 1,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL))",
           "CREATE UNIQUE INDEX child_national_id ON child (national_id) "
           "WHERE national_id IS NOT NULL",
           "CREATE INDEX child_status ON child (status, case_reference)",
           R"(CREATE TABLE relation (
                id {id},
                uuid TEXT NOT NULL UNIQUE,
                child_id BIGINT NOT NULL REFERENCES child(id),
                person_name TEXT NOT NULL,
                kind TEXT NOT NULL,
                description TEXT NOT NULL DEFAULT '',
                birth_date TEXT,
                caregiver INTEGER NOT NULL,
                in_contact INTEGER NOT NULL,
                created_at TEXT NOT NULL))",
           "CREATE INDEX relation_child ON relation (child_id)",
           R"(CREATE TABLE restriction (
                id {id},
                uuid TEXT NOT NULL UNIQUE,
                relation_id BIGINT NOT NULL REFERENCES relation(id),
                kind TEXT NOT NULL,
                decision_reference TEXT NOT NULL,
                reason TEXT NOT NULL,
                valid_from TEXT NOT NULL,
                valid_to TEXT,
                review_date TEXT NOT NULL,
                lifted_on TEXT,
                lift_reason TEXT NOT NULL DEFAULT '',
                created_at TEXT NOT NULL))",
           "CREATE INDEX restriction_relation ON restriction (relation_id)",
           R"(CREATE TABLE placement (
                id {id},
                uuid TEXT NOT NULL UNIQUE,
                child_id BIGINT NOT NULL REFERENCES child(id),
                type TEXT NOT NULL,
                legal_basis TEXT NOT NULL,
                legal_code TEXT NOT NULL DEFAULT '',
                caregivers TEXT NOT NULL DEFAULT '',
                start_date TEXT NOT NULL,
                end_date TEXT,
                end_reason TEXT NOT NULL DEFAULT '',
                address TEXT NOT NULL DEFAULT '',
                address_protected INTEGER NOT NULL DEFAULT 0,
                created_at TEXT NOT NULL))",
           "CREATE INDEX placement_child ON placement (child_id, start_date)",
       }},
      {2,
       "units, caseloads, the audit trail",
       {
           "ALTER TABLE worker ADD COLUMN unit TEXT NOT NULL DEFAULT ''",
           R"(CREATE TABLE caseload_assignment (
                id {id},
                child_id BIGINT NOT NULL REFERENCES child(id),
                worker_id BIGINT NOT NULL REFERENCES worker(id),
                assigned_at TEXT NOT NULL,
                released_at TEXT,
                assigned_by BIGINT REFERENCES worker(id),
                note TEXT NOT NULL DEFAULT ''))",
           "CREATE INDEX caseload_worker ON caseload_assignment (worker_id, released_at)",
           "CREATE INDEX caseload_child ON caseload_assignment (child_id, released_at)",
           R"(CREATE TABLE audit_entry (
                sequence BIGINT PRIMARY KEY,
                at TEXT NOT NULL,
                worker_id BIGINT,
                account TEXT NOT NULL,
                action TEXT NOT NULL,
                entity_type TEXT NOT NULL,
                entity TEXT NOT NULL,
                purpose TEXT NOT NULL DEFAULT '',
                details TEXT NOT NULL DEFAULT '',
                previous_hash TEXT NOT NULL,
                hash TEXT NOT NULL))",
           "CREATE INDEX audit_entry_at ON audit_entry (at)",
           "CREATE INDEX audit_entry_account ON audit_entry (account, sequence)",
           R"(CREATE TABLE audit_subject (
                sequence BIGINT NOT NULL REFERENCES audit_entry(sequence),
                child_id BIGINT NOT NULL,
                PRIMARY KEY (sequence, child_id)))",
           "CREATE INDEX audit_subject_child ON audit_subject (child_id, sequence)",
       },
       {
           // kinbridge never edits or deletes audit entries; the database refuses it too.
           "CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry BEGIN "
           "SELECT RAISE(ABORT, 'audit entries cannot be changed'); END",
           "CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry BEGIN "
           "SELECT RAISE(ABORT, 'audit entries cannot be deleted'); END",
           "CREATE TRIGGER audit_subject_no_update BEFORE UPDATE ON audit_subject BEGIN "
           "SELECT RAISE(ABORT, 'audit entries cannot be changed'); END",
           "CREATE TRIGGER audit_subject_no_delete BEFORE DELETE ON audit_subject BEGIN "
           "SELECT RAISE(ABORT, 'audit entries cannot be deleted'); END",
       },
       {
           // The same on PostgreSQL (added with PostgreSQL support; no PostgreSQL workspace
           // existed before), which also refuses TRUNCATE.
           "CREATE FUNCTION kinbridge_audit_immutable() RETURNS trigger LANGUAGE plpgsql AS "
           "$body$ BEGIN IF TG_OP = 'UPDATE' THEN RAISE EXCEPTION 'audit entries cannot be "
           "changed'; END IF; RAISE EXCEPTION 'audit entries cannot be deleted'; END $body$",
           "CREATE TRIGGER audit_entry_immutable BEFORE UPDATE OR DELETE ON audit_entry "
           "FOR EACH ROW EXECUTE FUNCTION kinbridge_audit_immutable()",
           "CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry "
           "FOR EACH STATEMENT EXECUTE FUNCTION kinbridge_audit_immutable()",
           "CREATE TRIGGER audit_subject_immutable BEFORE UPDATE OR DELETE ON audit_subject "
           "FOR EACH ROW EXECUTE FUNCTION kinbridge_audit_immutable()",
           "CREATE TRIGGER audit_subject_no_truncate BEFORE TRUNCATE ON audit_subject "
           "FOR EACH STATEMENT EXECUTE FUNCTION kinbridge_audit_immutable()",
       }},
      {3,
       "installed method plugins and method profiles",
       {
           R"(CREATE TABLE method_plugin (
                id {id},
                file_name TEXT NOT NULL UNIQUE,
                path TEXT NOT NULL,
                sha256 TEXT NOT NULL,
                plugin_name TEXT NOT NULL,
                plugin_version TEXT NOT NULL,
                installed_by BIGINT REFERENCES worker(id),
                installed_at TEXT NOT NULL))",
           R"(CREATE TABLE method_profile (
                id {id},
                method_id TEXT NOT NULL,
                version TEXT NOT NULL,
                base_id TEXT NOT NULL,
                base_range TEXT NOT NULL,
                profile_json TEXT NOT NULL,
                applied_by BIGINT REFERENCES worker(id),
                applied_at TEXT NOT NULL,
                UNIQUE (method_id, version)))",
       }},
      {4,
       "contact plans and their arrangements",
       {
           R"(CREATE TABLE contact_plan (
                id {id},
                uuid TEXT NOT NULL UNIQUE,
                child_id BIGINT NOT NULL REFERENCES child(id),
                status TEXT NOT NULL,
                purpose TEXT NOT NULL DEFAULT '',
                child_view_text TEXT,
                child_view_on TEXT,
                child_view_how TEXT,
                review_date TEXT,
                approved_by BIGINT REFERENCES worker(id),
                approved_at TEXT,
                method_id TEXT NOT NULL,
                method_version TEXT NOT NULL,
                method_chain TEXT NOT NULL,
                findings TEXT NOT NULL DEFAULT '[]',
                ended_on TEXT,
                end_reason TEXT NOT NULL DEFAULT '',
                version BIGINT NOT NULL DEFAULT 1,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL))",
           "CREATE INDEX contact_plan_child ON contact_plan (child_id, status)",
           R"(CREATE TABLE plan_arrangement (
                id {id},
                plan_id BIGINT NOT NULL REFERENCES contact_plan(id),
                relation_id BIGINT NOT NULL REFERENCES relation(id),
                mode TEXT NOT NULL,
                rrule TEXT NOT NULL,
                first_day TEXT NOT NULL,
                start_time TEXT NOT NULL,
                duration_minutes INTEGER NOT NULL,
                supervision TEXT NOT NULL,
                venue TEXT NOT NULL DEFAULT '',
                transport TEXT NOT NULL DEFAULT '',
                conditions TEXT NOT NULL DEFAULT ''))",
           "CREATE INDEX plan_arrangement_plan ON plan_arrangement (plan_id)",
       }},
      {5,
       "contact events and plan reviews",
       {
           // One row per occurrence of an arrangement; at most one a day per arrangement, which
           // makes scheduling idempotent. Relation and mode are kept so that the history stays
           // readable after an arrangement is removed.
           R"(CREATE TABLE contact_event (
                id {id},
                plan_id BIGINT NOT NULL REFERENCES contact_plan(id),
                arrangement_id BIGINT REFERENCES plan_arrangement(id) ON DELETE SET NULL,
                child_id BIGINT NOT NULL REFERENCES child(id),
                relation_id BIGINT NOT NULL REFERENCES relation(id),
                mode TEXT NOT NULL,
                supervision TEXT NOT NULL,
                venue TEXT NOT NULL DEFAULT '',
                local_day TEXT NOT NULL,
                local_start TEXT NOT NULL,
                starts_utc TEXT NOT NULL,
                ends_utc TEXT NOT NULL,
                status TEXT NOT NULL DEFAULT 'scheduled',
                outcome TEXT,
                replacement_offered INTEGER NOT NULL DEFAULT 0,
                attended TEXT NOT NULL DEFAULT '',
                notes TEXT NOT NULL DEFAULT '',
                child_reaction TEXT NOT NULL DEFAULT '',
                logged_by BIGINT REFERENCES worker(id),
                logged_at TEXT,
                cancel_reason TEXT NOT NULL DEFAULT '',
                created_at TEXT NOT NULL,
                UNIQUE (arrangement_id, local_day)))",
           "CREATE INDEX contact_event_day ON contact_event (local_day, status)",
           "CREATE INDEX contact_event_child ON contact_event (child_id, local_day)",
           "CREATE INDEX contact_event_plan ON contact_event (plan_id, local_day)",
           R"(CREATE TABLE plan_review (
                id {id},
                plan_id BIGINT NOT NULL REFERENCES contact_plan(id),
                reviewed_on TEXT NOT NULL,
                period_from TEXT NOT NULL,
                period_to TEXT NOT NULL,
                method_id TEXT NOT NULL,
                method_version TEXT NOT NULL,
                adherence TEXT NOT NULL,
                fidelity TEXT NOT NULL,
                findings TEXT NOT NULL,
                next_review TEXT NOT NULL,
                revise INTEGER NOT NULL DEFAULT 0,
                reviewed_by BIGINT NOT NULL REFERENCES worker(id),
                created_at TEXT NOT NULL))",
           "CREATE INDEX plan_review_plan ON plan_review (plan_id, reviewed_on)",
       }},
      {6,
       "support centres and schools, staff, training, activities, groups, sessions, attendance",
       {
           // A relation who is also a registered child of the workspace (a sibling in care), so
           // that group planning can keep siblings together.
           "ALTER TABLE relation ADD COLUMN registered_child_id BIGINT REFERENCES child(id)",
           R"(CREATE TABLE site (
                id {id},
                uuid TEXT NOT NULL UNIQUE,
                kind TEXT NOT NULL,
                code TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                address TEXT NOT NULL DEFAULT '',
                capacity INTEGER NOT NULL DEFAULT 0,
                opening_hours TEXT NOT NULL DEFAULT '',
                created_at TEXT NOT NULL))",
           R"(CREATE TABLE site_staff (
                id {id},
                site_id BIGINT NOT NULL REFERENCES site(id),
                worker_id BIGINT NOT NULL REFERENCES worker(id),
                from_day TEXT NOT NULL,
                to_day TEXT,
                created_at TEXT NOT NULL))",
           "CREATE INDEX site_staff_worker ON site_staff (worker_id, site_id)",
           R"(CREATE TABLE training_record (
                id {id},
                worker_id BIGINT NOT NULL REFERENCES worker(id),
                method_id TEXT NOT NULL,
                trained_on TEXT NOT NULL,
                trained_by TEXT NOT NULL,
                hours INTEGER NOT NULL DEFAULT 0,
                notes TEXT NOT NULL DEFAULT '',
                recorded_by BIGINT NOT NULL REFERENCES worker(id),
                created_at TEXT NOT NULL))",
           "CREATE INDEX training_record_worker ON training_record (worker_id, method_id)",
           R"(CREATE TABLE activity (
                id {id},
                uuid TEXT NOT NULL UNIQUE,
                site_id BIGINT NOT NULL REFERENCES site(id),
                name TEXT NOT NULL,
                kind TEXT NOT NULL,
                method_id TEXT NOT NULL DEFAULT '',
                rrule TEXT NOT NULL,
                first_day TEXT NOT NULL,
                start_time TEXT NOT NULL,
                duration_minutes INTEGER NOT NULL,
                last_day TEXT,
                capacity INTEGER NOT NULL,
                leader_id BIGINT REFERENCES worker(id),
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL))",
           "CREATE INDEX activity_site ON activity (site_id)",
           R"(CREATE TABLE enrolment (
                id {id},
                activity_id BIGINT NOT NULL REFERENCES activity(id),
                child_id BIGINT NOT NULL REFERENCES child(id),
                status TEXT NOT NULL,
                requested_on TEXT NOT NULL,
                enrolled_on TEXT,
                left_on TEXT,
                note TEXT NOT NULL DEFAULT '',
                left_reason TEXT NOT NULL DEFAULT '',
                created_at TEXT NOT NULL))",
           "CREATE INDEX enrolment_activity ON enrolment (activity_id, status)",
           "CREATE INDEX enrolment_child ON enrolment (child_id)",
           R"(CREATE TABLE activity_group (
                id {id},
                activity_id BIGINT NOT NULL REFERENCES activity(id),
                name TEXT NOT NULL,
                leader_id BIGINT REFERENCES worker(id),
                rrule TEXT NOT NULL DEFAULT '',
                first_day TEXT,
                start_time TEXT NOT NULL DEFAULT '',
                duration_minutes INTEGER NOT NULL DEFAULT 0,
                last_day TEXT,
                venue TEXT NOT NULL DEFAULT '',
                created_at TEXT NOT NULL,
                UNIQUE (activity_id, name)))",
           R"(CREATE TABLE group_member (
                id {id},
                group_id BIGINT NOT NULL REFERENCES activity_group(id),
                child_id BIGINT NOT NULL REFERENCES child(id),
                joined_on TEXT NOT NULL,
                left_on TEXT))",
           "CREATE INDEX group_member_group ON group_member (group_id)",
           "CREATE INDEX group_member_child ON group_member (child_id)",
           // One row per occurrence; a scheduled (not extra) session at most once a day per
           // activity and group, which makes scheduling idempotent.
           R"(CREATE TABLE session (
                id {id},
                activity_id BIGINT NOT NULL REFERENCES activity(id),
                group_id BIGINT REFERENCES activity_group(id),
                local_day TEXT NOT NULL,
                local_start TEXT NOT NULL,
                starts_utc TEXT NOT NULL,
                ends_utc TEXT NOT NULL,
                leader_id BIGINT REFERENCES worker(id),
                status TEXT NOT NULL DEFAULT 'scheduled',
                extra INTEGER NOT NULL DEFAULT 0,
                cancel_reason TEXT NOT NULL DEFAULT '',
                held_by BIGINT REFERENCES worker(id),
                held_at TEXT,
                created_at TEXT NOT NULL))",
           "CREATE UNIQUE INDEX session_occurrence ON session "
           "(activity_id, COALESCE(group_id, 0), local_day) WHERE extra = 0",
           "CREATE INDEX session_day ON session (local_day, status)",
           "CREATE INDEX session_leader ON session (leader_id, local_day)",
           "CREATE INDEX session_group ON session (group_id, local_day)",
           "CREATE INDEX session_activity ON session (activity_id, local_day)",
           R"(CREATE TABLE attendance (
                session_id BIGINT NOT NULL REFERENCES session(id),
                child_id BIGINT NOT NULL REFERENCES child(id),
                mark TEXT NOT NULL,
                note TEXT NOT NULL DEFAULT '',
                recorded_by BIGINT NOT NULL REFERENCES worker(id),
                recorded_at TEXT NOT NULL,
                PRIMARY KEY (session_id, child_id)))",
           "CREATE INDEX attendance_child ON attendance (child_id)",
       }},
      {7,
       "transfer packages: the export log and imported methods",
       {
           // What left the workspace: one row per package written by `transfer export`.
           R"(CREATE TABLE transfer_export (
                id {id},
                method TEXT NOT NULL,
                file TEXT NOT NULL,
                package_sha256 TEXT NOT NULL,
                signed INTEGER NOT NULL DEFAULT 0,
                exported_by BIGINT NOT NULL REFERENCES worker(id),
                exported_at TEXT NOT NULL))",
           // Methods registered from packages: the descriptor as it travelled (JSON), its
           // lineage and FRAME records, and where it came from.
           R"(CREATE TABLE imported_method (
                id {id},
                method_id TEXT NOT NULL,
                version TEXT NOT NULL,
                title TEXT NOT NULL DEFAULT '',
                chain TEXT NOT NULL,
                descriptor_json TEXT NOT NULL,
                profile_json TEXT NOT NULL DEFAULT '',
                from_code TEXT NOT NULL,
                from_name TEXT NOT NULL,
                from_country TEXT NOT NULL,
                package_sha256 TEXT NOT NULL,
                signer_public_key TEXT NOT NULL DEFAULT '',
                imported_by BIGINT NOT NULL REFERENCES worker(id),
                imported_at TEXT NOT NULL,
                UNIQUE (method_id, version, from_code)))",
       }},
      {8,
       "aggregated outcomes that arrived with imported transfer packages",
       {
           // One row per outcome cell of a package (never one under k = 5 children): a period
           // ("2026-Q3"), an age band, an indicator, its value and the number of children.
           R"(CREATE TABLE imported_outcome (
                id {id},
                imported_method_id BIGINT NOT NULL REFERENCES imported_method(id),
                period TEXT NOT NULL,
                age_band TEXT NOT NULL,
                indicator TEXT NOT NULL,
                value DOUBLE PRECISION NOT NULL,
                n BIGINT NOT NULL,
                UNIQUE (imported_method_id, indicator, period, age_band)))",
       }},
  };
  return kMigrations;
}

std::string Expand(const char* statement, const Database& db) {
  std::string sql(statement);
  const std::string token = "{id}";
  for (auto pos = sql.find(token); pos != std::string::npos; pos = sql.find(token, pos)) {
    sql.replace(pos, token.size(), db.IdColumn());
  }
  return sql;
}

bool HasTable(Database& db, const std::string& table) {
  int count = 0;
  if (db.dialect() == Dialect::kSqlite) {
    db.session() << "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = :t",
        soci::use(table), soci::into(count);
  } else {
    // pg_tables rather than information_schema: it is read on every open, and much cheaper.
    db.session() << "SELECT count(*) FROM pg_catalog.pg_tables "
                    "WHERE schemaname = current_schema() AND tablename = :t",
        soci::use(table), soci::into(count);
  }
  return count > 0;
}

int CountTables(Database& db) {
  int count = 0;
  if (db.dialect() == Dialect::kSqlite) {
    db.session() << "SELECT count(*) FROM sqlite_master WHERE type = 'table'", soci::into(count);
  } else {
    db.session() << "SELECT count(*) FROM pg_catalog.pg_tables "
                    "WHERE schemaname = current_schema()",
        soci::into(count);
  }
  return count;
}

}  // namespace

int LatestSchemaVersion() { return Migrations().back().version; }

Result<int> CurrentSchemaVersion(Database& db) {
  try {
    if (!HasTable(db, "schema_version")) {
      if (CountTables(db) > 0) {
        return Status::InvalidArgument(TrFormat(
            "{} is not a kinbridge workspace (it holds other tables and no schema version)",
            db.path()));
      }
      return 0;
    }
    int version = 0;
    soci::indicator ind = soci::i_null;
    db.session() << "SELECT max(version) FROM schema_version", soci::into(version, ind);
    return ind == soci::i_ok ? version : 0;
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("reading the schema version of {}", db.path()));
  }
}

namespace {

// Runs one migration inside the open transaction (throws on a database error).
void Apply(Database& db, const Migration& migration, const std::string& now_utc) {
  // Kept statements describe the schema before this migration.
  db.ForgetStatements();
  if (migration.version == 1) {
    db.session() << "CREATE TABLE IF NOT EXISTS schema_version ("
                    "version INTEGER PRIMARY KEY, description TEXT NOT NULL, "
                    "applied_at TEXT NOT NULL)";
  }
  for (const char* statement : migration.statements) db.session() << Expand(statement, db);
  const auto& own = db.dialect() == Dialect::kSqlite ? migration.sqlite_statements
                                                     : migration.postgresql_statements;
  for (const char* statement : own) db.session() << statement;
  const std::string description = migration.description;
  db.session() << "INSERT INTO schema_version (version, description, applied_at) "
                  "VALUES (:v, :d, :t)",
      soci::use(migration.version), soci::use(description), soci::use(now_utc);
  db.ForgetStatements();
}

Status CheckNotNewer(Database& db, int current) {
  if (current <= LatestSchemaVersion()) return Status::Ok();
  return Status::Incompatible(
      TrFormat("workspace {} has schema version {}, made by a newer kinbridge; this kinbridge "
               "understands versions up to {} (upgrade kinbridge to open it)",
               db.path(), current, LatestSchemaVersion()));
}

}  // namespace

Status Migrate(Database& db, const std::string& now_utc) {
  Result<int> current = CurrentSchemaVersion(db);
  if (!current.ok()) return current.status();
  KINBRIDGE_RETURN_IF_ERROR(CheckNotNewer(db, *current));
  for (const Migration& migration : Migrations()) {
    if (migration.version <= *current) continue;
    try {
      WriteTransaction tx(db);
      // Another process may have migrated while this one waited for the write lock.
      Result<int> now_current = CurrentSchemaVersion(db);
      if (!now_current.ok()) return now_current.status();
      if (migration.version <= *now_current) continue;
      Apply(db, migration, now_utc);
      tx.Commit();
    } catch (const std::exception& e) {
      return DatabaseError(
          e, TrFormat("migrating workspace {} to schema version {}", db.path(), migration.version));
    }
  }
  return Status::Ok();
}

void MigrateInTransaction(Database& db, const std::string& now_utc) {
  for (const Migration& migration : Migrations()) Apply(db, migration, now_utc);
}

}  // namespace kinbridge::detail
