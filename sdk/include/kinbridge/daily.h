// The daily view: what a worker has to attend to today and this week, in one call. Social
// workers see their caseload, supervisors their unit; centre staff and teachers see sessions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kinbridge/activity.h"
#include "kinbridge/contact.h"
#include "kinbridge/date.h"
#include "kinbridge/export.h"
#include "kinbridge/plan.h"
#include "kinbridge/restriction.h"
#include "kinbridge/result.h"

KINBRIDGE_NAMESPACE_BEGIN

class Workspace;

struct DailyQuery {
  // Today only, or today and the next six days. Default: today only.
  bool week = false;
  // A child's view older than this many months counts as missing. Default: 6.
  int child_view_months = 6;
  // How many days back sessions without attendance are listed. Default: 14.
  int unrecorded_session_days = 14;
};

// A plan to be reviewed by the last day of the view (or already overdue).
struct PlanDue {
  std::int64_t plan_id = 0;
  std::string child_case_reference;
  std::string child_name;  // empty when the worker may not see it
  PlanStatus status = PlanStatus::kActive;
  Date review_date;
  std::string method_id;
};

// A child of the caseload without a recent child's view (UNCRC art. 12).
struct ChildViewMissing {
  std::string child_case_reference;
  std::string child_name;                // empty when the worker may not see it
  std::int64_t plan_id = 0;              // the child's current plan; 0: none
  std::optional<Date> last_recorded_on;  // the newest view on a current plan; empty: none
};

struct DailyView {
  Date today;
  Date through;  // today, or today + 6 with DailyQuery::week
  // Which parts apply to the worker: case work (social workers, supervisors, administrators
  // with a purpose) and sessions (centre staff, teachers).
  bool case_sections = false;
  bool session_sections = false;
  std::vector<ContactEvent> contacts_due;      // waiting for an outcome, today..through
  std::vector<ContactEvent> contacts_overdue;  // waiting for an outcome, before today
  std::vector<PlanDue> plans_due;              // review date on or before `through`
  std::vector<Restriction> restrictions_due;   // in force, to be reconsidered by `through`
  std::vector<ChildViewMissing> child_views_missing;
  std::vector<Session> sessions;             // today..through, not cancelled
  std::vector<Session> sessions_unrecorded;  // past days, neither held nor cancelled
};

// Builds the view from the workspace's own lists (ForEachChild, ForEachPlan, ForEachRestriction,
// ForEachContactEvent, ForEachSession), so that the same access rules apply and each read is
// audited as those are. A worker with no role the view covers gets PermissionDenied.
KINBRIDGE_API Result<DailyView> BuildDailyView(const Workspace& workspace, const DailyQuery& query);

KINBRIDGE_NAMESPACE_END
