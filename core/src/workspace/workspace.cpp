// Opening and creating workspaces, and the checks every operation shares (workspace_impl.h).
// Every Workspace operation catches at its edge: no exception leaves the library.
#include "kinbridge/workspace.h"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "common/uuid.h"
#include "model/validation.h"
#include "storage/caseload_repository.h"
#include "storage/child_repository.h"
#include "storage/migrations.h"
#include "storage/restriction_repository.h"
#include "storage/workspace_repository.h"
#include "workspace/workspace_impl.h"

KINBRIDGE_NAMESPACE_BEGIN

using detail::Database;
using detail::DatabaseError;
using detail::WorkspaceRepository;
using detail::WriteTransaction;

namespace {

constexpr const char* kMunicipalitySetting = "municipality_id";
constexpr const char* kModeSetting = "mode";

std::string CurrentOsAccount() {
  if (const passwd* pw = getpwuid(geteuid()); pw != nullptr && pw->pw_name != nullptr) {
    return pw->pw_name;
  }
  if (const char* user = std::getenv("USER"); user != nullptr) return user;
  return "uid" + std::to_string(geteuid());
}

void RemoveDatabaseFiles(const std::string& path) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::filesystem::remove(path + suffix, ec);
  }
}

WorkspaceMode ParseMode(const std::string& text) {
  if (text == "demo") return WorkspaceMode::kDemo;
  if (text == "test") return WorkspaceMode::kTest;
  return WorkspaceMode::kProduction;
}

// Acting as an account other than the process's own is for demo and test workspaces only.
Status CheckImpersonation(const std::string& account, WorkspaceMode mode, const std::string& path) {
  if (account == CurrentOsAccount() || mode != WorkspaceMode::kProduction) return Status::Ok();
  return Status::PermissionDenied(
      TrFormat("not permitted: acting as account {} (--as) is possible only in demo and test "
               "workspaces, and {} is a production workspace",
               account, path));
}

}  // namespace

int WorkspaceSchemaVersion() { return detail::LatestSchemaVersion(); }

// ---- Shared steps ----

Status Workspace::Impl::CheckOptions() const {
  if (options.now_utc && !detail::IsUtcTimestamp(*options.now_utc)) {
    return Status::InvalidArgument(
        TrFormat("clock '{}' is not a UTC time (expected YYYY-MM-DDTHH:MM:SSZ)", *options.now_utc));
  }
  return detail::CheckText(_("purpose"), options.purpose, false);
}

Result<Child> Workspace::Impl::FindChild(std::string_view ref) {
  detail::ChildRepository children(*db);
  if (std::optional<Child> child = children.Find(ref)) return *child;
  return Status::NotFound(TrFormat(
      "child {} does not exist (expected a case reference such as {}-2026-0001, or a uuid)", ref,
      municipality.code));
}

Result<Child> Workspace::Impl::FindOpenChild(std::string_view ref, const char* operation) {
  Result<Child> child = FindChild(ref);
  if (!child.ok()) return child;
  if (child->status == ChildStatus::kClosed) {
    return Status::FailedPrecondition(TrFormat(
        "child {} was closed on {}; cannot {} (a closed case is kept as it was)",
        child->case_reference, child->closed_on ? child->closed_on->ToString() : "", _(operation)));
  }
  return child;
}

detail::ChildScope Workspace::Impl::ScopeOf(std::int64_t child_id) {
  return detail::CaseloadRepository(*db).ScopeOf(child_id, actor.worker);
}

Status Workspace::Impl::Allow(WriteTransaction& tx, detail::Operation operation, const Child& child,
                              const std::string& action) {
  const std::string what = TrFormat("child {}", child.case_reference);
  Status allowed = detail::Authorize(actor, operation, ScopeOf(child.id), what);
  if (allowed.ok()) return allowed;
  return Deny(tx, allowed, action, "child", child.case_reference, {child.id});
}

Status Workspace::Impl::Deny(WriteTransaction& tx, Status refusal, const std::string& action,
                             const std::string& entity_type, const std::string& entity,
                             std::vector<long long> child_ids) {
  if (deferred_denials != nullptr) {
    deferred_denials->push_back({action, entity_type, entity, std::move(child_ids)});
    return refusal;
  }
  Audit("access.denied", entity_type, entity, std::move(child_ids), action);
  tx.Commit();
  return refusal;
}

Status Workspace::Impl::Allow(WriteTransaction& tx, detail::Operation operation,
                              const std::string& action, const std::string& entity_type,
                              const std::string& entity) {
  Status allowed = detail::Authorize(actor, operation, {}, "");
  if (allowed.ok()) return allowed;
  return Deny(tx, allowed, action, entity_type, entity, {});
}

void Workspace::Impl::Audit(const std::string& action, const std::string& entity_type,
                            const std::string& entity, std::vector<long long> child_ids,
                            const std::string& details) {
  detail::NewAuditEntry entry;
  entry.at = Now();
  entry.worker_id = actor.worker.id;
  entry.account = actor.worker.os_account;
  entry.action = action;
  entry.entity_type = entity_type;
  entry.entity = entity;
  entry.child_ids = std::move(child_ids);
  entry.purpose = actor.purpose;
  entry.details = details;
  detail::AuditLog(*db).Append(entry);
}

Child Workspace::Impl::Visible(Child child, const detail::ChildScope& scope) {
  if (!child.protected_identity || detail::MaySeeProtected(scope)) return child;
  child.name.clear();
  child.national_id.reset();
  child.birth_date = Date();
  child.languages.clear();
  child.school.clear();
  child.identity_hidden = true;
  return child;
}

bool Workspace::Impl::HasSecretAddress(std::int64_t child_id, Date today) {
  bool secret = false;
  detail::RestrictionRepository(*db).ForEach(child_id, [&](const Restriction& s) {
    if (s.kind == RestrictionKind::kSecretAddress && s.InForceOn(today)) secret = true;
    return !secret;
  });
  return secret;
}

Placement Workspace::Impl::Visible(Placement placement, const detail::ChildScope& scope,
                                   Date today) {
  if (placement.address.empty() || detail::MaySeeProtected(scope)) return placement;
  if (placement.address_protected || HasSecretAddress(placement.child_id, today)) {
    placement.address.clear();
    placement.address_hidden = true;
  }
  return placement;
}

// ---- Lifecycle ----

Workspace::Workspace(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Workspace::Workspace(Workspace&&) noexcept = default;
Workspace& Workspace::operator=(Workspace&&) noexcept = default;
Workspace::~Workspace() = default;

Result<Workspace> Workspace::Create(const std::string& path, const CreateOptions& create,
                                    const WorkspaceOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->mode = create.mode;
  impl->municipality = create.municipality;
  KINBRIDGE_RETURN_IF_ERROR(impl->CheckOptions());
  KINBRIDGE_RETURN_IF_ERROR(detail::CheckMunicipality(create.municipality));
  const std::string account =
      create.administrator_account.empty() ? CurrentOsAccount() : create.administrator_account;
  const std::string admin_name =
      create.administrator_name.empty() ? account : create.administrator_name;
  KINBRIDGE_RETURN_IF_ERROR(
      CheckImpersonation(account, create.mode, detail::RedactedLocation(path)));
  KINBRIDGE_RETURN_IF_ERROR(detail::CheckText(_("administrator account"), account, true));
  KINBRIDGE_RETURN_IF_ERROR(detail::CheckText(_("administrator name"), admin_name, true));

  Result<std::unique_ptr<Database>> db = Database::Open(path, true, options.busy_timeout_ms);
  if (!db.ok()) return db.status();
  impl->db = std::move(*db);
  const std::string& shown = impl->db->path();  // without a password
  const std::string now = impl->Now();
  // The municipality, the settings and the first administrator, in the open transaction.
  auto populate = [&] {
    WorkspaceRepository repo(*impl->db);
    impl->municipality.uuid = detail::NewUuid();
    impl->municipality.id = repo.InsertMunicipality(impl->municipality, now);
    repo.SetSetting(kMunicipalitySetting, std::to_string(impl->municipality.id));
    repo.SetSetting(kModeSetting, std::string(WorkspaceModeName(create.mode)));
    Worker admin;
    admin.uuid = detail::NewUuid();
    admin.name = admin_name;
    admin.os_account = account;
    admin.roles = {Role::kAdministrator};
    admin.id = repo.InsertWorker(impl->municipality.id, admin, now);
    impl->actor.worker = admin;
    impl->Audit("workspace.create", "workspace", impl->municipality.code, {},
                std::string(WorkspaceModeName(create.mode)));
    impl->Audit("worker.add", "worker", account, {}, "administrator");
  };
  if (impl->db->dialect() == detail::Dialect::kPostgresql) {
    // PostgreSQL changes its schema in transactions too: the whole workspace is created in one,
    // under the writer lock, so that two `init`s on one database cannot both succeed and a
    // failure leaves the database as it was.
    try {
      WriteTransaction tx(*impl->db);
      Result<int> version = detail::CurrentSchemaVersion(*impl->db);
      if (!version.ok()) return version.status();
      if (*version != 0) {
        return Status::AlreadyExists(
            TrFormat("workspace {} already exists (the database holds a kinbridge workspace; "
                     "choose another database or schema, or open it)",
                     shown));
      }
      detail::MigrateInTransaction(*impl->db, now);
      populate();
      tx.Commit();
    } catch (const std::exception& e) {
      return DatabaseError(e, TrFormat("creating workspace {}", shown));
    }
    impl->schema_version = detail::LatestSchemaVersion();
    return Workspace(std::move(impl));
  }
  Status migrated = impl->db->EnableWriteAheadLog();
  if (migrated.ok()) migrated = detail::Migrate(*impl->db, now);
  if (!migrated.ok()) {
    impl->db.reset();
    RemoveDatabaseFiles(path);
    return migrated;
  }
  try {
    WriteTransaction tx(*impl->db);
    populate();
    tx.Commit();
  } catch (const std::exception& e) {
    impl->db.reset();
    RemoveDatabaseFiles(path);
    return DatabaseError(e, TrFormat("creating workspace {}", path));
  }
  impl->schema_version = detail::LatestSchemaVersion();
  return Workspace(std::move(impl));
}

Result<Workspace> Workspace::Open(const std::string& path, const WorkspaceOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  KINBRIDGE_RETURN_IF_ERROR(impl->CheckOptions());
  Result<std::unique_ptr<Database>> db = Database::Open(path, false, options.busy_timeout_ms);
  if (!db.ok()) return db.status();
  impl->db = std::move(*db);
  const std::string& shown = impl->db->path();  // without a password
  Result<int> version = detail::CurrentSchemaVersion(*impl->db);
  if (!version.ok()) return version.status();
  if (*version == 0) {
    return Status::InvalidArgument(TrFormat(
        "{} is not a kinbridge workspace (the database is empty; create one with `kinbridge "
        "init`)",
        shown));
  }
  KINBRIDGE_RETURN_IF_ERROR(detail::Migrate(*impl->db, impl->Now()));
  KINBRIDGE_RETURN_IF_ERROR(impl->db->EnableWriteAheadLog());
  try {
    WorkspaceRepository repo(*impl->db);
    std::optional<std::string> municipality_id = repo.Setting(kMunicipalitySetting);
    std::optional<Municipality> municipality;
    if (municipality_id) municipality = repo.FindMunicipality(std::stoll(*municipality_id));
    if (!municipality) {
      return Status::InvalidArgument(TrFormat(
          "workspace {} has no municipality (it was not created by `kinbridge init`)", shown));
    }
    impl->municipality = *municipality;
    impl->mode = ParseMode(repo.Setting(kModeSetting).value_or("production"));
    const std::string account = options.account.empty() ? CurrentOsAccount() : options.account;
    KINBRIDGE_RETURN_IF_ERROR(CheckImpersonation(account, impl->mode, shown));
    std::optional<Worker> worker = repo.FindWorker(account);
    if (!worker) {
      return Status::PermissionDenied(TrFormat(
          "not permitted: account {} is not a worker in workspace {} (an administrator adds it "
          "with `kinbridge user add --account {}`)",
          account, shown, account));
    }
    if (!worker->active) {
      return Status::PermissionDenied(
          TrFormat("not permitted: worker {} ({}) is deactivated", worker->name, account));
    }
    impl->actor.worker = *worker;
    impl->actor.purpose = options.purpose;
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("opening workspace {}", shown));
  }
  impl->schema_version = detail::LatestSchemaVersion();
  return Workspace(std::move(impl));
}

const std::string& Workspace::path() const { return impl_->db->path(); }
const Municipality& Workspace::municipality() const { return impl_->municipality; }
WorkspaceMode Workspace::mode() const { return impl_->mode; }
int Workspace::schema_version() const { return impl_->schema_version; }
Date Workspace::Today() const { return impl_->Today(); }
const Worker& Workspace::acting_worker() const { return impl_->actor.worker; }
const std::string& Workspace::purpose() const { return impl_->actor.purpose; }

KINBRIDGE_NAMESPACE_END
