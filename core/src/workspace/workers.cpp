// Workers, their roles, and caseload assignment (hand-over between workers).
#include <algorithm>

#include "common/uuid.h"
#include "model/validation.h"
#include "storage/caseload_repository.h"
#include "storage/workspace_repository.h"
#include "workspace/workspace_impl.h"

KINBRIDGE_NAMESPACE_BEGIN

using detail::CaseloadRepository;
using detail::DatabaseError;
using detail::Operation;
using detail::WorkspaceRepository;
using detail::WriteTransaction;

namespace {

bool IsAccountName(std::string_view account) {
  return !account.empty() && account.size() <= 64 &&
         std::all_of(account.begin(), account.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '.' || c == '_' || c == '-';
         });
}

std::string RoleNames(const std::vector<Role>& roles) {
  std::string names;
  for (Role role : roles) {
    if (!names.empty()) names += ",";
    names += RoleName(role);
  }
  return names;
}

}  // namespace

Result<Worker> Workspace::Impl::FindWorker(std::string_view account) {
  if (auto worker = WorkspaceRepository(*db).FindWorker(std::string(account))) return *worker;
  return Status::NotFound(
      TrFormat("worker {} does not exist (see `kinbridge user list`)", account));
}

Result<Worker> Workspace::AddWorker(const NewWorker& in) {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    KINBRIDGE_RETURN_IF_ERROR(
        w.Allow(tx, Operation::kManageWorkers, "worker.add", "worker", in.os_account));
    if (!IsAccountName(in.os_account)) {
      return Status::InvalidArgument(TrFormat(
          "account '{}' is not an account name (expected letters, digits, '.', '_' or '-')",
          in.os_account));
    }
    KINBRIDGE_RETURN_IF_ERROR(detail::CheckText(_("worker name"), in.name, true));
    KINBRIDGE_RETURN_IF_ERROR(detail::CheckText(_("unit"), in.unit, false));
    if (in.roles.empty()) {
      return Status::InvalidArgument(
          TrFormat("worker {} has no role (expected at least one --role)", in.os_account));
    }
    WorkspaceRepository repo(*w.db);
    if (repo.FindWorker(in.os_account)) {
      return Status::AlreadyExists(TrFormat("worker {} already exists", in.os_account));
    }
    Worker worker;
    worker.uuid = detail::NewUuid();
    worker.name = in.name;
    worker.os_account = in.os_account;
    worker.unit = in.unit;
    worker.roles = in.roles;
    worker.id = repo.InsertWorker(w.municipality.id, worker, w.Now());
    w.Audit("worker.add", "worker", worker.os_account, {}, RoleNames(worker.roles));
    tx.Commit();
    return worker;
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("adding worker {}", in.os_account));
  }
}

Result<Worker> Workspace::GrantRole(std::string_view account, Role role) {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    KINBRIDGE_RETURN_IF_ERROR(
        w.Allow(tx, Operation::kManageWorkers, "worker.grant", "worker", std::string(account)));
    Result<Worker> worker = w.FindWorker(account);
    if (!worker.ok()) return worker;
    if (!worker->Has(role)) {
      worker->roles.push_back(role);
      WorkspaceRepository(*w.db).SetWorkerRoles(worker->id, worker->roles);
    }
    w.Audit("worker.grant", "worker", worker->os_account, {}, std::string(RoleName(role)));
    tx.Commit();
    return worker;
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("granting a role to {}", account));
  }
}

Result<Worker> Workspace::RevokeRole(std::string_view account, Role role) {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    KINBRIDGE_RETURN_IF_ERROR(
        w.Allow(tx, Operation::kManageWorkers, "worker.revoke", "worker", std::string(account)));
    Result<Worker> worker = w.FindWorker(account);
    if (!worker.ok()) return worker;
    if (!worker->Has(role)) {
      return Status::FailedPrecondition(
          TrFormat("worker {} does not have the role {}", worker->os_account, RoleName(role)));
    }
    if (role == Role::kAdministrator) {
      int administrators = 0;
      WorkspaceRepository(*w.db).ForEachWorker([&](const Worker& other) {
        if (other.active && other.Has(Role::kAdministrator)) ++administrators;
        return true;
      });
      if (administrators <= 1) {
        return Status::FailedPrecondition(
            TrFormat("worker {} is the last administrator; grant the role to someone else first",
                     worker->os_account));
      }
    }
    std::erase(worker->roles, role);
    WorkspaceRepository(*w.db).SetWorkerRoles(worker->id, worker->roles);
    w.Audit("worker.revoke", "worker", worker->os_account, {}, std::string(RoleName(role)));
    tx.Commit();
    return worker;
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("revoking a role from {}", account));
  }
}

Status Workspace::ForEachWorker(const Visitor<Worker>& visit) const {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    KINBRIDGE_RETURN_IF_ERROR(w.Allow(tx, Operation::kListWorkers, "worker.list", "workers", ""));
    tx.Commit();
    WorkspaceRepository(*w.db).ForEachWorker(visit);
    return Status::Ok();
  } catch (const std::exception& e) {
    return DatabaseError(e, _("listing workers"));
  }
}

Result<CaseloadAssignment> Workspace::AssignChild(std::string_view child_ref,
                                                  std::string_view account, std::string_view note) {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    Result<Child> child = w.FindOpenChild(child_ref, N_("assign it"));
    if (!child.ok()) return child.status();
    // Supervisors hand over within their unit (the rule's scope); administrators anywhere.
    KINBRIDGE_RETURN_IF_ERROR(w.Allow(tx, Operation::kAssignCaseload, *child, "caseload.assign"));
    Result<Worker> target = w.FindWorker(account);
    if (!target.ok()) return target.status();
    if (!target->active || (!target->Has(Role::kSocialWorker) && !target->Has(Role::kSupervisor))) {
      return Status::InvalidArgument(TrFormat(
          "worker {} cannot be responsible for a child (expected an active social worker or "
          "supervisor)",
          target->os_account));
    }
    KINBRIDGE_RETURN_IF_ERROR(detail::CheckText(_("hand-over note"), note, false));
    const Worker& actor = w.actor.worker;
    if (!actor.Has(Role::kAdministrator) && target->unit != actor.unit) {
      return w.Deny(
          tx,
          Status::PermissionDenied(TrFormat(
              "not permitted: {} may not {}: {} is not in your unit ({})",
              detail::DescribeActor(w.actor), detail::OperationText(Operation::kAssignCaseload),
              target->os_account, actor.unit)),
          "caseload.assign", "child", child->case_reference, {child->id});
    }
    const std::string now = w.Now();
    CaseloadRepository caseloads(*w.db);
    const long long id = caseloads.Assign(child->id, target->id, now, actor.id, std::string(note));
    w.Audit("caseload.assign", "child", child->case_reference, {child->id},
            "to " + target->os_account);
    tx.Commit();
    CaseloadAssignment a;
    a.id = id;
    a.child_case_reference = child->case_reference;
    a.worker_account = target->os_account;
    a.worker_name = target->name;
    a.assigned_at = now;
    a.assigned_by = actor.os_account;
    a.note = std::string(note);
    return a;
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("assigning child {}", child_ref));
  }
}

Status Workspace::ForEachAssignment(std::string_view child_ref,
                                    const Visitor<CaseloadAssignment>& visit) const {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    Result<Child> child = w.FindChild(child_ref);
    if (!child.ok()) return child.status();
    KINBRIDGE_RETURN_IF_ERROR(w.Allow(tx, Operation::kReadCase, *child, "caseload.history"));
    CaseloadRepository(*w.db).ForEachOfChild(child->id, visit);
    w.Audit("caseload.history", "child", child->case_reference, {child->id});
    tx.Commit();
    return Status::Ok();
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("listing the caseload history of child {}", child_ref));
  }
}

KINBRIDGE_NAMESPACE_END
