// Who may do what. One table of rules, used by every Workspace operation, so that the CLI and
// every integrator get the same answers.
#pragma once

#include <string>

#include "kinbridge/status.h"
#include "kinbridge/worker.h"

namespace kinbridge::detail {

enum class Operation {
  kRegisterChild,     // child add
  kReadCase,          // child show/list, relations, restrictions, placements, caseload history
  kChangeCase,        // child edit/close, relation/restriction/placement changes
  kManageWorkers,     // user add/grant/revoke
  kListWorkers,       // user list
  kAssignCaseload,    // user assign (hand-over)
  kReadAudit,         // audit log, audit verify
  kInstallMethods,    // method install (plugins run code: administrators only)
  kAdaptMethods,      // method adapt (profiles)
  kReadMethods,       // method list, info, lineage
  kManageSites,       // centre/school add/edit, staff add/end
  kRecordTraining,    // training add
  kReadSites,         // centre/school list/show, staff list, training list
  kManageActivities,  // activity/group changes, enrolment, sessions added or cancelled
  kReadActivities,    // activities, groups, members, sessions, attendance, attendance reports
  kRecordAttendance,  // attendance record
  kReadOutcomes,      // report method: a method's aggregated outcomes (k = 5 suppressed)
  kMoveWorkspace,     // migrate: copy the whole workspace to another database
};

// "read case data", ... in the user's language.
std::string OperationText(Operation operation);

// What the acting worker's relation to one child is. For operations on no particular child
// both are false.
struct ChildScope {
  bool responsible = false;  // in the worker's current caseload
  bool in_unit = false;      // in the caseload of someone in the worker's unit
  // For activities: the worker works at the activity's site / leads the group or session.
  bool works_at_site = false;
  bool leads = false;
};

// The acting worker and the stated purpose of this session.
struct Actor {
  Worker worker;
  std::string purpose;
};

// "Anna Karlsson (social-worker)": the worker and their roles, for messages.
std::string DescribeActor(const Actor& actor);

// Ok, or PermissionDenied naming the worker, their roles and the operation (and `what`, the
// record concerned, e.g. "child VAR-2026-0001").
Status Authorize(const Actor& actor, Operation operation, const ChildScope& scope,
                 const std::string& what);

// True when the actor may see the protected parts of a child's record (identity of a child
// with protected identity, a protected or secret placement address): only the workers
// responsible for the child.
inline bool MaySeeProtected(const ChildScope& scope) { return scope.responsible; }

}  // namespace kinbridge::detail
