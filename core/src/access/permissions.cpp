#include "access/permissions.h"

#include "common/i18n.h"

namespace kinbridge::detail {

namespace {

std::string RoleList(const Worker& worker) {
  std::string roles;
  for (Role role : worker.roles) {
    if (!roles.empty()) roles += C_("list separator", ", ");
    roles += RoleTitle(role);
  }
  return roles.empty() ? std::string(_("no role")) : roles;
}

// Whether one role allows the operation. The rules, in one place:
//   social worker   register children; read and change the children in their own caseload
//   supervisor      register children; read, change and hand over their unit's children;
//                   list workers; read the audit log
//   administrator   manage and list workers; assign caseloads; read the audit log; read (never
//                   change) case data, and only with a stated purpose
//   method designer adapt methods (profiles); no case data
//   centre staff    run the activities of the sites they work at: enrolment, groups, sessions,
//                   attendance and its reports; no case data (notes, relations, restrictions)
//   teacher         read and take attendance of the groups and sessions they lead
//   every worker    list and describe methods; list sites, staff and training
// A method's aggregated outcomes (counts and shares by quarter and age band, cells under five
// children suppressed; no child is named) are read by supervisors, administrators and method
// designers: those who follow up and adapt methods, not those working one child's case.
// Sites and staff are administrators' to manage; training is recorded by administrators and
// supervisors. Social workers and supervisors read the activities and attendance of the
// children they may read; administrators read them with a stated purpose.
bool RoleAllows(Role role, Operation operation, const ChildScope& scope, bool has_purpose) {
  // Every worker may see which methods exist.
  if (operation == Operation::kReadMethods || operation == Operation::kReadSites) return true;
  switch (role) {
    case Role::kSocialWorker:
      switch (operation) {
        case Operation::kRegisterChild: return true;
        case Operation::kReadCase:
        case Operation::kChangeCase:
        case Operation::kReadActivities: return scope.responsible;
        default: return false;
      }
    case Role::kSupervisor:
      switch (operation) {
        case Operation::kRegisterChild:
        case Operation::kListWorkers:
        case Operation::kReadAudit:
        case Operation::kRecordTraining:
        case Operation::kReadOutcomes: return true;
        case Operation::kReadCase:
        case Operation::kChangeCase:
        case Operation::kAssignCaseload:
        case Operation::kReadActivities: return scope.responsible || scope.in_unit;
        default: return false;
      }
    case Role::kAdministrator:
      switch (operation) {
        case Operation::kManageWorkers:
        case Operation::kListWorkers:
        case Operation::kAssignCaseload:
        case Operation::kReadAudit:
        case Operation::kInstallMethods:
        case Operation::kMoveWorkspace:
        case Operation::kAdaptMethods:
        case Operation::kManageSites:
        case Operation::kRecordTraining:
        case Operation::kReadOutcomes: return true;
        case Operation::kReadCase:
        case Operation::kReadActivities: return has_purpose;
        default: return false;
      }
    case Role::kMethodDesigner:
      return operation == Operation::kAdaptMethods || operation == Operation::kReadOutcomes;
    case Role::kCentreStaff:
      switch (operation) {
        case Operation::kManageActivities:
        case Operation::kReadActivities:
        case Operation::kRecordAttendance: return scope.works_at_site;
        default: return false;
      }
    case Role::kTeacher:
      switch (operation) {
        case Operation::kReadActivities:
        case Operation::kRecordAttendance: return scope.leads;
        default: return false;
      }
  }
  return false;
}

}  // namespace

std::string DescribeActor(const Actor& actor) {
  return actor.worker.name + " (" + RoleList(actor.worker) + ")";
}

std::string OperationText(Operation operation) {
  switch (operation) {
    case Operation::kRegisterChild: return _("register a child");
    case Operation::kReadCase: return _("read case data");
    case Operation::kChangeCase: return _("change case data");
    case Operation::kManageWorkers: return _("manage workers");
    case Operation::kListWorkers: return _("list workers");
    case Operation::kAssignCaseload: return _("assign caseloads");
    case Operation::kReadAudit: return _("read the audit log");
    case Operation::kInstallMethods: return _("install method plugins");
    case Operation::kAdaptMethods: return _("adapt methods");
    case Operation::kReadMethods: return _("list methods");
    case Operation::kManageSites: return _("manage centres, schools and their staff");
    case Operation::kRecordTraining: return _("record training");
    case Operation::kReadSites: return _("list centres and schools");
    case Operation::kManageActivities: return _("run activities");
    case Operation::kReadActivities: return _("read activities and attendance");
    case Operation::kRecordAttendance: return _("record attendance");
    case Operation::kReadOutcomes: return _("read a method's aggregated outcomes");
    case Operation::kMoveWorkspace: return _("move the workspace to another database");
  }
  return "";
}

Status Authorize(const Actor& actor, Operation operation, const ChildScope& scope,
                 const std::string& what) {
  if (!actor.worker.active) {
    return Status::PermissionDenied(TrFormat("not permitted: worker {} ({}) is deactivated",
                                             actor.worker.name, actor.worker.os_account));
  }
  const bool has_purpose = actor.purpose.find_first_not_of(' ') != std::string::npos;
  for (Role role : actor.worker.roles) {
    if (RoleAllows(role, operation, scope, has_purpose)) return Status::Ok();
  }
  std::string message =
      TrFormat("not permitted: {} may not {}", DescribeActor(actor), OperationText(operation));
  if (!what.empty()) message += ": " + what;
  if ((operation == Operation::kReadCase || operation == Operation::kChangeCase ||
       operation == Operation::kAssignCaseload) &&
      !what.empty() &&
      (actor.worker.Has(Role::kSocialWorker) || actor.worker.Has(Role::kSupervisor))) {
    message += " ";
    message += actor.worker.Has(Role::kSupervisor) ? _("is not in your unit's caseload")
                                                   : _("is not in your caseload");
  } else if (operation == Operation::kReadCase && actor.worker.Has(Role::kAdministrator)) {
    message += " ";
    message += _("(administrators read case data only with a stated purpose: give --purpose)");
  }
  return Status::PermissionDenied(message);
}

}  // namespace kinbridge::detail
