// Children: registration (into a caseload), reading, editing and closing.
#include <set>

#include "common/uuid.h"
#include "model/validation.h"
#include "storage/caseload_repository.h"
#include "storage/child_repository.h"
#include "storage/placement_repository.h"
#include "storage/relation_repository.h"
#include "storage/restriction_repository.h"
#include "storage/workspace_repository.h"
#include "workspace/workspace_impl.h"

KINBRIDGE_NAMESPACE_BEGIN

using detail::ChildRepository;
using detail::DatabaseError;
using detail::Operation;
using detail::WriteTransaction;

// The worker who will be responsible for a new child, checked against who registers it.
Result<Worker> ResponsibleFor(Workspace::Impl& w, const NewChild& in) {
  const Worker& actor = w.actor.worker;
  if (in.responsible_account.empty() || in.responsible_account == actor.os_account) {
    if (!actor.Has(Role::kSocialWorker) && !actor.Has(Role::kSupervisor)) {
      return Status::InvalidArgument(TrFormat(
          "{} cannot be responsible for a child (expected a social worker or supervisor); name "
          "the responsible worker (--responsible)",
          actor.name));
    }
    return actor;
  }
  std::optional<Worker> worker =
      detail::WorkspaceRepository(*w.db).FindWorker(in.responsible_account);
  if (!worker) {
    return Status::NotFound(
        TrFormat("worker {} does not exist (see `kinbridge user list`)", in.responsible_account));
  }
  if (!worker->active || (!worker->Has(Role::kSocialWorker) && !worker->Has(Role::kSupervisor))) {
    return Status::InvalidArgument(
        TrFormat("worker {} cannot be responsible for a child (expected an active social worker or "
                 "supervisor)",
                 worker->os_account));
  }
  if (!actor.Has(Role::kSupervisor)) {
    return Status::PermissionDenied(
        TrFormat("not permitted: {} may register children only into their own caseload",
                 detail::DescribeActor(w.actor)));
  }
  if (worker->unit != actor.unit) {
    return Status::PermissionDenied(TrFormat(
        "not permitted: {} may not {}: {} is not in your unit ({})", detail::DescribeActor(w.actor),
        detail::OperationText(detail::Operation::kAssignCaseload), worker->os_account, actor.unit));
  }
  return *worker;
}

Result<Child> Workspace::AddChild(const NewChild& in) {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    Result<Child> c = w.InsertChild(tx, in);
    if (c.ok()) tx.Commit();
    return c;
  } catch (const std::exception& e) {
    return DatabaseError(e, _("registering a new child"));
  }
}

Child NewChildRecord(const Workspace::Impl& w, const NewChild& in,
                     const std::optional<NationalId>& national_id, long long number, Date today,
                     const std::string& now) {
  Child c;
  c.case_reference = fmt::format("{}-{}-{:04}", w.municipality.code, today.year(), number);
  c.name = in.name;
  c.birth_date = in.birth_date;
  c.national_id = national_id;
  c.languages = in.languages;
  c.school = in.school;
  c.protected_identity = in.protected_identity;
  c.status = ChildStatus::kOpen;
  c.created_at = c.updated_at = now;
  return c;
}

Child InsertNewChild(Workspace::Impl& w, ChildRepository& children, const NewChild& in,
                     const std::optional<NationalId>& national_id, Date today,
                     const std::string& now) {
  Child c = NewChildRecord(w, in, national_id,
                           children.NextCaseNumber(w.municipality.id, today.year()), today, now);
  c.uuid = detail::NewUuid();
  c.id = children.Insert(w.municipality.id, c);
  return c;
}

Result<Child> Workspace::Impl::InsertChild(WriteTransaction& tx, const NewChild& in) {
  Impl& w = *this;
  const Date today = w.Today();
  // The typed name is not logged: it may be a protected identity.
  KINBRIDGE_RETURN_IF_ERROR(w.Allow(tx, Operation::kRegisterChild, "child.add", "child", ""));
  Result<Worker> responsible = ResponsibleFor(w, in);
  if (!responsible.ok()) {
    if (!responsible.status().IsPermissionDenied()) return responsible.status();
    return w.Deny(tx, responsible.status(), "child.add", "child", "", {});
  }
  Result<std::optional<NationalId>> nid =
      detail::CheckChild(_("new child"), in.name, in.birth_date, in.national_id,
                         in.national_id_scheme, in.languages, in.school, today);
  if (!nid.ok()) return nid.status();
  KINBRIDGE_RETURN_IF_ERROR(detail::CheckAgeAtRegistration(in.birth_date, today));
  ChildRepository children(*w.db);
  if (*nid) {
    if (std::optional<Child> existing = children.FindByNationalId((*nid)->canonical)) {
      return Status::AlreadyExists(TrFormat("national id {} is already registered for child {}",
                                            (*nid)->Display(), existing->case_reference));
    }
  }
  Child c = InsertNewChild(w, children, in, *nid, today, w.Now());
  detail::CaseloadRepository(*w.db).Assign(c.id, responsible->id, c.created_at, w.actor.worker.id,
                                           "registered");
  w.Audit("child.add", "child", c.case_reference, {c.id},
          "responsible: " + responsible->os_account);
  return c;
}

Result<Child> Workspace::GetChild(std::string_view ref) const {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    Result<Child> child = w.FindChild(ref);
    if (!child.ok()) return child;
    KINBRIDGE_RETURN_IF_ERROR(w.Allow(tx, Operation::kReadCase, *child, "child.show"));
    const detail::ChildScope scope = w.ScopeOf(child->id);
    w.Audit("child.show", "child", child->case_reference, {child->id});
    tx.Commit();
    return Impl::Visible(*child, scope);
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("reading child {}", ref));
  }
}

Result<ChildCase> Workspace::GetCase(std::string_view ref) const {
  Impl& w = *impl_;
  try {
    // One transaction, and so one durable commit, for the reads and their one audit entry.
    WriteTransaction tx(*w.db);
    Result<Child> child = w.FindChild(ref);
    if (!child.ok()) return child.status();
    const detail::ChildScope scope = w.ScopeOf(child->id);
    const std::string what = TrFormat("child {}", child->case_reference);
    // Each part is checked by the rule table as its own listing checks it, and refused as that
    // listing would record the refusal.
    for (const char* action :
         {"child.show", "relation.list", "restriction.list", "placement.list"}) {
      Status allowed = detail::Authorize(w.actor, Operation::kReadCase, scope, what);
      if (!allowed.ok()) {
        return w.Deny(tx, allowed, action, "child", child->case_reference, {child->id});
      }
    }
    ChildCase c;
    c.child = Impl::Visible(*child, scope);
    detail::RelationRepository(*w.db).ForEachOfChild(child->id, [&](const Relation& r) {
      c.relations.push_back(r);
      return true;
    });
    detail::RestrictionRepository(*w.db).ForEach(child->id, [&](const Restriction& r) {
      c.restrictions.push_back(r);
      return true;
    });
    const Date today = w.Today();
    detail::PlacementRepository(*w.db).ForEachOfChild(child->id, [&](const Placement& p) {
      c.placements.push_back(w.Visible(p, scope, today));
      return true;
    });
    w.Audit("child.show", "child", child->case_reference, {child->id},
            fmt::format("with relations ({}), restrictions ({}), placements ({})",
                        c.relations.size(), c.restrictions.size(), c.placements.size()));
    tx.Commit();
    return c;
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
    KINBRIDGE_RETURN_IF_ERROR(w.Allow(tx, Operation::kChangeCase, *found, "child.edit"));
    Child c = *found;
    if (changes.expected_version && *changes.expected_version != c.version) {
      return Status::Conflict(
          TrFormat("child {} was changed by someone else (version {} is now {}); show it again and "
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
      return Status::Conflict(TrFormat(
          "child {} was changed by someone else meanwhile; repeat the edit", c.case_reference));
    }
    w.Audit("child.edit", "child", c.case_reference, {c.id},
            fmt::format("version {}", c.version + 1));
    const detail::ChildScope scope = w.ScopeOf(c.id);
    tx.Commit();
    c.version += 1;
    return Impl::Visible(c, scope);
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("editing child {}", ref));
  }
}

Result<Child> Workspace::CloseChild(std::string_view ref, Date closed_on, std::string_view reason) {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    Result<Child> found = w.FindOpenChild(ref, N_("close it again"));
    if (!found.ok()) return found;
    KINBRIDGE_RETURN_IF_ERROR(w.Allow(tx, Operation::kChangeCase, *found, "child.close"));
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
      return Status::Conflict(TrFormat(
          "child {} was changed by someone else meanwhile; repeat the edit", c.case_reference));
    }
    w.Audit("child.close", "child", c.case_reference, {c.id}, std::string(reason));
    const detail::ChildScope scope = w.ScopeOf(c.id);
    tx.Commit();
    c.version += 1;
    return Impl::Visible(c, scope);
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("closing child {}", ref));
  }
}

Status Workspace::ForEachChild(const ChildQuery& query, const Visitor<Child>& visit) const {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    const Worker& actor = w.actor.worker;
    ChildRepository::Visibility visibility;
    const bool admin_with_purpose = actor.Has(Role::kAdministrator) &&
                                    detail::Authorize(w.actor, Operation::kReadCase, {}, "").ok();
    if (admin_with_purpose) {
      visibility.all = true;
    } else if (actor.Has(Role::kSocialWorker) || actor.Has(Role::kSupervisor)) {
      visibility.worker_id = actor.id;
      if (actor.Has(Role::kSupervisor)) visibility.unit = actor.unit;
    } else {
      return w.Allow(tx, Operation::kReadCase, "child.list", "children", "");
    }
    std::vector<long long> shown;
    ChildRepository(*w.db).ForEach(query, visibility, [&](const Child& c) {
      const Child visible = Impl::Visible(c, w.ScopeOf(c.id));
      // A name search must not confirm the name of a child whose identity is hidden.
      if (visible.identity_hidden && !query.name_contains.empty()) return true;
      shown.push_back(c.id);
      return visit(visible);
    });
    w.Audit("child.list", "children", "", shown, fmt::format("{} children", shown.size()));
    tx.Commit();
    return Status::Ok();
  } catch (const std::exception& e) {
    return DatabaseError(e, _("listing children"));
  }
}

KINBRIDGE_NAMESPACE_END
