// The Workspace API: each operation validates its input, then reads or writes through the
// repositories inside one transaction. No exception leaves this file.
#include "kinbridge/workspace.h"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "common/clock.h"
#include "common/i18n.h"
#include "common/uuid.h"
#include "model/validation.h"
#include "storage/child_repository.h"
#include "storage/database.h"
#include "storage/migrations.h"
#include "storage/placement_repository.h"
#include "storage/relation_repository.h"
#include "storage/restriction_repository.h"
#include "storage/workspace_repository.h"

KINBRIDGE_NAMESPACE_BEGIN

using detail::ChildRepository;
using detail::Database;
using detail::DatabaseError;
using detail::PlacementRepository;
using detail::RelationRepository;
using detail::RestrictionRepository;
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

}  // namespace

int WorkspaceSchemaVersion() { return detail::LatestSchemaVersion(); }

class Workspace::Impl {
 public:
  std::unique_ptr<Database> db;
  Municipality municipality;
  WorkspaceMode mode = WorkspaceMode::kProduction;
  WorkspaceOptions options;
  int schema_version = 0;

  std::string Now() const { return options.now_utc ? *options.now_utc : detail::UtcNow(); }
  Date Today() const {
    return options.today ? *options.today : detail::TodayIn(municipality.time_zone);
  }

  Status CheckOptions() const {
    if (options.now_utc && !detail::IsUtcTimestamp(*options.now_utc)) {
      return Status::InvalidArgument(
          TrFormat("clock '{}' is not a UTC time (expected YYYY-MM-DDTHH:MM:SSZ)",
                   *options.now_utc));
    }
    return Status::Ok();
  }

  // The child named by `ref`, or NotFound naming it.
  Result<Child> FindChild(std::string_view ref) {
    ChildRepository children(*db);
    if (std::optional<Child> child = children.Find(ref)) return *child;
    return Status::NotFound(TrFormat(
        "child {} does not exist (expected a case reference such as {}-2026-0001, or a uuid)",
        ref, municipality.code));
  }

  // Like FindChild, and refuses a closed child.
  Result<Child> FindOpenChild(std::string_view ref, const char* operation) {
    Result<Child> child = FindChild(ref);
    if (!child.ok()) return child;
    if (child->status == ChildStatus::kClosed) {
      return Status::FailedPrecondition(
          TrFormat("child {} was closed on {}; cannot {} (a closed case is kept as it was)",
                   child->case_reference, child->closed_on ? child->closed_on->ToString() : "",
                   _(operation)));
    }
    return child;
  }
};

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
  KINBRIDGE_RETURN_IF_ERROR(detail::CheckText(_("administrator account"), account, true));
  KINBRIDGE_RETURN_IF_ERROR(detail::CheckText(_("administrator name"), admin_name, true));

  Result<std::unique_ptr<Database>> db = Database::OpenSqlite(path, true, options.busy_timeout_ms);
  if (!db.ok()) return db.status();
  impl->db = std::move(*db);
  const std::string now = impl->Now();
  Status migrated = impl->db->EnableWriteAheadLog();
  if (migrated.ok()) migrated = detail::Migrate(*impl->db, now);
  if (!migrated.ok()) {
    impl->db.reset();
    RemoveDatabaseFiles(path);
    return migrated;
  }
  try {
    WorkspaceRepository repo(*impl->db);
    WriteTransaction tx(*impl->db);
    impl->municipality.uuid = detail::NewUuid();
    impl->municipality.id = repo.InsertMunicipality(impl->municipality, now);
    repo.SetSetting(kMunicipalitySetting, std::to_string(impl->municipality.id));
    repo.SetSetting(kModeSetting, std::string(WorkspaceModeName(create.mode)));
    Worker admin;
    admin.uuid = detail::NewUuid();
    admin.name = admin_name;
    admin.os_account = account;
    admin.roles = {"administrator"};
    admin.id = repo.InsertWorker(impl->municipality.id, admin, now);
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
  Result<std::unique_ptr<Database>> db =
      Database::OpenSqlite(path, false, options.busy_timeout_ms);
  if (!db.ok()) return db.status();
  impl->db = std::move(*db);
  Result<int> version = detail::CurrentSchemaVersion(*impl->db);
  if (!version.ok()) return version.status();
  if (*version == 0) {
    return Status::InvalidArgument(TrFormat(
        "{} is not a kinbridge workspace (the database is empty; create one with `kinbridge "
        "init`)",
        path));
  }
  KINBRIDGE_RETURN_IF_ERROR(detail::Migrate(*impl->db, impl->Now()));
  KINBRIDGE_RETURN_IF_ERROR(impl->db->EnableWriteAheadLog());
  try {
    WorkspaceRepository repo(*impl->db);
    std::optional<std::string> municipality_id = repo.Setting(kMunicipalitySetting);
    std::optional<Municipality> municipality;
    if (municipality_id) municipality = repo.FindMunicipality(std::stoll(*municipality_id));
    if (!municipality) {
      return Status::InvalidArgument(
          TrFormat("workspace {} has no municipality (it was not created by `kinbridge init`)",
                   path));
    }
    impl->municipality = *municipality;
    impl->mode = ParseMode(repo.Setting(kModeSetting).value_or("production"));
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("opening workspace {}", path));
  }
  impl->schema_version = detail::LatestSchemaVersion();
  return Workspace(std::move(impl));
}

const std::string& Workspace::path() const { return impl_->db->path(); }
const Municipality& Workspace::municipality() const { return impl_->municipality; }
WorkspaceMode Workspace::mode() const { return impl_->mode; }
int Workspace::schema_version() const { return impl_->schema_version; }
Date Workspace::Today() const { return impl_->Today(); }

Status Workspace::ForEachWorker(const Visitor<Worker>& visit) const {
  try {
    WorkspaceRepository(*impl_->db).ForEachWorker(visit);
    return Status::Ok();
  } catch (const std::exception& e) {
    return DatabaseError(e, _("listing workers"));
  }
}

// ---- Children ----

Result<Child> Workspace::AddChild(const NewChild& in) {
  Impl& w = *impl_;
  const Date today = w.Today();
  Result<std::optional<NationalId>> nid =
      detail::CheckChild(_("new child"), in.name, in.birth_date, in.national_id,
                         in.national_id_scheme, in.languages, in.school, today);
  if (!nid.ok()) return nid.status();
  KINBRIDGE_RETURN_IF_ERROR(detail::CheckAgeAtRegistration(in.birth_date, today));
  try {
    ChildRepository children(*w.db);
    WriteTransaction tx(*w.db);
    if (*nid) {
      if (std::optional<Child> existing = children.FindByNationalId((*nid)->canonical)) {
        return Status::AlreadyExists(
            TrFormat("national id {} is already registered for child {}", (*nid)->Display(),
                     existing->case_reference));
      }
    }
    Child c;
    c.uuid = detail::NewUuid();
    const long long number = children.NextCaseNumber(w.municipality.id, today.year());
    c.case_reference = fmt::format("{}-{}-{:04}", w.municipality.code, today.year(), number);
    c.name = in.name;
    c.birth_date = in.birth_date;
    c.national_id = *nid;
    c.languages = in.languages;
    c.school = in.school;
    c.protected_identity = in.protected_identity;
    c.status = ChildStatus::kOpen;
    c.created_at = c.updated_at = w.Now();
    c.id = children.Insert(w.municipality.id, c);
    tx.Commit();
    return c;
  } catch (const std::exception& e) {
    return DatabaseError(e, _("registering a new child"));
  }
}

Result<Child> Workspace::GetChild(std::string_view ref) const {
  try {
    return impl_->FindChild(ref);
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("reading child {}", ref));
  }
}

Result<Child> Workspace::EditChild(std::string_view ref, const ChildChanges& changes) {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    Result<Child> found = w.FindOpenChild(ref, N_("edit it"));
    if (!found.ok()) return found;
    Child c = *found;
    if (changes.expected_version && *changes.expected_version != c.version) {
      return Status::Conflict(TrFormat(
          "child {} was changed by someone else (version {} is now {}); show it again and "
          "repeat the edit",
          c.case_reference, *changes.expected_version, c.version));
    }
    if (changes.name) c.name = *changes.name;
    if (changes.birth_date) c.birth_date = *changes.birth_date;
    if (changes.languages) c.languages = *changes.languages;
    if (changes.school) c.school = *changes.school;
    if (changes.protected_identity) c.protected_identity = *changes.protected_identity;
    std::optional<std::string> national_id;
    std::optional<NationalIdScheme> scheme = changes.national_id_scheme;
    if (changes.national_id) {
      national_id = *changes.national_id;
    } else if (c.national_id) {
      national_id = c.national_id->canonical;
      if (!scheme) scheme = c.national_id->scheme;
    }
    const std::string record = TrFormat("child {}", c.case_reference);
    Result<std::optional<NationalId>> nid = detail::CheckChild(
        record, c.name, c.birth_date, national_id, scheme, c.languages, c.school, w.Today());
    if (!nid.ok()) return nid.status();
    ChildRepository children(*w.db);
    if (*nid) {
      std::optional<Child> holder = children.FindByNationalId((*nid)->canonical);
      if (holder && holder->id != c.id) {
        return Status::AlreadyExists(TrFormat("national id {} is already registered for child {}",
                                              (*nid)->Display(), holder->case_reference));
      }
    }
    c.national_id = *nid;
    c.updated_at = w.Now();
    if (!children.Update(c)) {
      return Status::Conflict(TrFormat("child {} was changed by someone else meanwhile; repeat "
                                       "the edit",
                                       c.case_reference));
    }
    tx.Commit();
    c.version += 1;
    return c;
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("editing child {}", ref));
  }
}

Result<Child> Workspace::CloseChild(std::string_view ref, Date closed_on,
                                    std::string_view reason) {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    Result<Child> found = w.FindOpenChild(ref, N_("close it again"));
    if (!found.ok()) return found;
    Child c = *found;
    const std::string record = TrFormat("child {}", c.case_reference);
    KINBRIDGE_RETURN_IF_ERROR(
        detail::CheckText(TrFormat("{}: reason for closing", record), reason, true));
    if (closed_on < c.birth_date || closed_on > w.Today()) {
      return Status::InvalidArgument(
          TrFormat("{}: closing date {} is not between the birth date {} and today {}", record,
                   closed_on.ToString(), c.birth_date.ToString(), w.Today().ToString()));
    }
    c.status = ChildStatus::kClosed;
    c.closed_on = closed_on;
    c.close_reason = std::string(reason);
    c.updated_at = w.Now();
    if (!ChildRepository(*w.db).Update(c)) {
      return Status::Conflict(TrFormat("child {} was changed by someone else meanwhile; repeat "
                                       "the edit",
                                       c.case_reference));
    }
    tx.Commit();
    c.version += 1;
    return c;
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("closing child {}", ref));
  }
}

Status Workspace::ForEachChild(const ChildQuery& query, const Visitor<Child>& visit) const {
  try {
    ChildRepository(*impl_->db).ForEach(query, visit);
    return Status::Ok();
  } catch (const std::exception& e) {
    return DatabaseError(e, _("listing children"));
  }
}

// ---- Family network ----

Result<Relation> Workspace::AddRelation(std::string_view child_ref, const NewRelation& in) {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    Result<Child> child = w.FindOpenChild(child_ref, N_("add a relation"));
    if (!child.ok()) return child.status();
    KINBRIDGE_RETURN_IF_ERROR(detail::CheckRelation(*child, in, w.Today()));
    Relation r;
    r.uuid = detail::NewUuid();
    r.child_id = child->id;
    r.child_case_reference = child->case_reference;
    r.person_name = in.person_name;
    r.kind = in.kind;
    r.description = in.description;
    r.birth_date = in.birth_date;
    r.caregiver = in.caregiver;
    r.in_contact = in.in_contact;
    r.created_at = w.Now();
    r.id = RelationRepository(*w.db).Insert(r);
    tx.Commit();
    return r;
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("adding a relation to child {}", child_ref));
  }
}

Result<Relation> Workspace::GetRelation(std::int64_t relation_id) const {
  try {
    if (auto r = RelationRepository(*impl_->db).FindById(relation_id)) return *r;
    return Status::NotFound(TrFormat(
        "relation {} does not exist (see `kinbridge relation list --child REF`)", relation_id));
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("reading relation {}", relation_id));
  }
}

Status Workspace::ForEachRelation(std::string_view child_ref,
                                  const Visitor<Relation>& visit) const {
  try {
    Result<Child> child = impl_->FindChild(child_ref);
    if (!child.ok()) return child.status();
    RelationRepository(*impl_->db).ForEachOfChild(child->id, visit);
    return Status::Ok();
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("listing the relations of child {}", child_ref));
  }
}

// ---- Contact restrictions ----

Result<Restriction> Workspace::AddRestriction(std::int64_t relation_id,
                                              const NewRestriction& in) {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    Result<Relation> relation = GetRelation(relation_id);
    if (!relation.ok()) return relation.status();
    Result<Child> child = w.FindOpenChild(relation->child_case_reference,
                                          N_("add a restriction"));
    if (!child.ok()) return child.status();
    Result<Date> review = detail::CheckRestriction(*relation, in, w.municipality.country);
    if (!review.ok()) return review.status();
    Restriction s;
    s.uuid = detail::NewUuid();
    s.relation_id = relation->id;
    s.child_id = relation->child_id;
    s.child_case_reference = relation->child_case_reference;
    s.relation_person_name = relation->person_name;
    s.kind = in.kind;
    s.decision_reference = in.decision_reference;
    s.reason = in.reason;
    s.valid_from = in.valid_from;
    s.valid_to = in.valid_to;
    s.review_date = *review;
    s.created_at = w.Now();
    s.id = RestrictionRepository(*w.db).Insert(s);
    tx.Commit();
    return s;
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("adding a restriction to relation {}", relation_id));
  }
}

Result<Restriction> Workspace::GetRestriction(std::int64_t restriction_id) const {
  try {
    if (auto s = RestrictionRepository(*impl_->db).FindById(restriction_id)) return *s;
    return Status::NotFound(TrFormat(
        "restriction {} does not exist (see `kinbridge restriction list`)", restriction_id));
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("reading restriction {}", restriction_id));
  }
}

Result<Restriction> Workspace::LiftRestriction(std::int64_t restriction_id, Date lifted_on,
                                               std::string_view reason) {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    Result<Restriction> found = GetRestriction(restriction_id);
    if (!found.ok()) return found;
    Restriction s = *found;
    const std::string record = TrFormat("restriction {}", s.id);
    if (s.lifted_on) {
      return Status::FailedPrecondition(
          TrFormat("{} was already lifted on {}", record, s.lifted_on->ToString()));
    }
    KINBRIDGE_RETURN_IF_ERROR(
        detail::CheckText(TrFormat("{}: reason for lifting", record), reason, true));
    if (lifted_on < s.valid_from) {
      return Status::InvalidArgument(
          TrFormat("{}: lifting date {} is before the restriction began on {}", record,
                   lifted_on.ToString(), s.valid_from.ToString()));
    }
    RestrictionRepository(*w.db).SetLifted(s.id, lifted_on, std::string(reason));
    tx.Commit();
    s.lifted_on = lifted_on;
    s.lift_reason = std::string(reason);
    return s;
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("lifting restriction {}", restriction_id));
  }
}

Status Workspace::ForEachRestriction(const RestrictionQuery& query,
                                     const Visitor<Restriction>& visit) const {
  try {
    long long child_id = 0;
    if (query.child) {
      Result<Child> child = impl_->FindChild(*query.child);
      if (!child.ok()) return child.status();
      child_id = child->id;
    }
    const Date today = impl_->Today();
    RestrictionRepository(*impl_->db).ForEach(child_id, [&](const Restriction& s) {
      const bool ended = s.lifted_on.has_value() || (s.valid_to && *s.valid_to < today);
      if (ended && !query.include_ended) return true;
      return visit(s);
    });
    return Status::Ok();
  } catch (const std::exception& e) {
    return DatabaseError(e, _("listing restrictions"));
  }
}

// ---- Placements ----

Result<Placement> Workspace::AddPlacement(std::string_view child_ref, const NewPlacement& in) {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    Result<Child> child = w.FindOpenChild(child_ref, N_("add a placement"));
    if (!child.ok()) return child.status();
    PlacementRepository placements(*w.db);
    std::vector<Placement> existing;
    placements.ForEachOfChild(child->id, [&](const Placement& p) {
      existing.push_back(p);
      return true;
    });
    KINBRIDGE_RETURN_IF_ERROR(detail::CheckPlacement(*child, in, existing));
    Placement p;
    p.uuid = detail::NewUuid();
    p.child_id = child->id;
    p.child_case_reference = child->case_reference;
    p.type = in.type;
    p.legal_basis = in.legal_basis;
    p.legal_code = in.legal_code;
    p.caregivers = in.caregivers;
    p.start = in.start;
    p.address = in.address;
    p.address_protected = in.address_protected;
    p.created_at = w.Now();
    p.id = placements.Insert(p);
    tx.Commit();
    return p;
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("adding a placement to child {}", child_ref));
  }
}

Result<Placement> Workspace::GetPlacement(std::int64_t placement_id) const {
  try {
    if (auto p = PlacementRepository(*impl_->db).FindById(placement_id)) return *p;
    return Status::NotFound(TrFormat(
        "placement {} does not exist (see `kinbridge placement list --child REF`)",
        placement_id));
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("reading placement {}", placement_id));
  }
}

Result<Placement> Workspace::EndPlacement(std::int64_t placement_id, Date end,
                                          std::string_view reason) {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    Result<Placement> found = GetPlacement(placement_id);
    if (!found.ok()) return found;
    Placement p = *found;
    const std::string record = TrFormat("placement {}", p.id);
    if (p.end) {
      return Status::FailedPrecondition(
          TrFormat("{} already ended on {}", record, p.end->ToString()));
    }
    KINBRIDGE_RETURN_IF_ERROR(
        detail::CheckText(TrFormat("{}: reason for ending", record), reason, true));
    if (end < p.start) {
      return Status::InvalidArgument(TrFormat("{}: end {} is before its start {}", record,
                                              end.ToString(), p.start.ToString()));
    }
    PlacementRepository(*w.db).SetEnded(p.id, end, std::string(reason));
    tx.Commit();
    p.end = end;
    p.end_reason = std::string(reason);
    return p;
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("ending placement {}", placement_id));
  }
}

Status Workspace::ForEachPlacement(std::string_view child_ref,
                                   const Visitor<Placement>& visit) const {
  try {
    Result<Child> child = impl_->FindChild(child_ref);
    if (!child.ok()) return child.status();
    PlacementRepository(*impl_->db).ForEachOfChild(child->id, visit);
    return Status::Ok();
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("listing the placements of child {}", child_ref));
  }
}

KINBRIDGE_NAMESPACE_END
