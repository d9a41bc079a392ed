// The daily view, built from the Workspace's own lists so that it shows exactly what those
// show to the acting worker, audited as they are.
#include "kinbridge/daily.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "common/i18n.h"
#include "kinbridge/workspace.h"

KINBRIDGE_NAMESPACE_BEGIN

namespace {

bool DoesCaseWork(const Workspace& ws) {
  const Worker& worker = ws.acting_worker();
  return worker.Has(Role::kSocialWorker) || worker.Has(Role::kSupervisor) ||
         (worker.Has(Role::kAdministrator) && !ws.purpose().empty());
}

bool RunsSessions(const Workspace& ws) {
  const Worker& worker = ws.acting_worker();
  return worker.Has(Role::kCentreStaff) || worker.Has(Role::kTeacher) ||
         (worker.Has(Role::kAdministrator) && !ws.purpose().empty());
}

Status AddCaseSections(const Workspace& ws, const DailyQuery& query, DailyView& view) {
  const Worker& worker = ws.acting_worker();
  // A social worker's own caseload; a supervisor's (and an administrator's) every child they
  // may read: the same children `contact due --all` and `child list` show them.
  const bool own_caseload_only = worker.Has(Role::kSocialWorker) &&
                                 !worker.Has(Role::kSupervisor) &&
                                 !worker.Has(Role::kAdministrator);
  ContactQuery contacts;
  contacts.scope = own_caseload_only ? ContactQuery::Scope::kMine : ContactQuery::Scope::kVisible;
  contacts.open_only = true;
  contacts.from = view.today;
  contacts.to = view.through;
  KINBRIDGE_RETURN_IF_ERROR(ws.ForEachContactEvent(contacts, [&](const ContactEvent& e) {
    view.contacts_due.push_back(e);
    return true;
  }));
  contacts.from.reset();
  contacts.to = view.today.AddDays(-1);
  KINBRIDGE_RETURN_IF_ERROR(ws.ForEachContactEvent(contacts, [&](const ContactEvent& e) {
    view.contacts_overdue.push_back(e);
    return true;
  }));

  std::vector<Child> children;
  KINBRIDGE_RETURN_IF_ERROR(ws.ForEachChild(ChildQuery{}, [&](const Child& c) {
    children.push_back(c);
    return true;
  }));
  std::set<std::string> caseload;
  const Date view_since = view.today.AddMonths(-std::max(0, query.child_view_months));
  for (const Child& child : children) {
    caseload.insert(child.case_reference);
    std::optional<ContactPlan> current;  // the newest plan not ended
    KINBRIDGE_RETURN_IF_ERROR(ws.ForEachPlan(child.case_reference, [&](const ContactPlan& p) {
      if (p.status == PlanStatus::kEnded) return true;
      if (!current || p.id > current->id) current = p;
      const bool reviewed = p.status == PlanStatus::kActive || p.status == PlanStatus::kUnderReview;
      if (reviewed && p.review_date && *p.review_date <= view.through) {
        view.plans_due.push_back(
            PlanDue{p.id, child.case_reference, child.name, p.status, *p.review_date, p.method_id});
      }
      return true;
    }));
    std::optional<Date> recorded;
    if (current && current->child_view) recorded = current->child_view->recorded_on;
    if (!recorded || *recorded < view_since) {
      view.child_views_missing.push_back(
          ChildViewMissing{child.case_reference, child.name, current ? current->id : 0, recorded});
    }
  }
  RestrictionQuery restrictions;
  KINBRIDGE_RETURN_IF_ERROR(ws.ForEachRestriction(restrictions, [&](const Restriction& s) {
    if (caseload.contains(s.child_case_reference) && s.InForceOn(view.today) &&
        s.review_date <= view.through) {
      view.restrictions_due.push_back(s);
    }
    return true;
  }));
  std::sort(view.plans_due.begin(), view.plans_due.end(), [](const PlanDue& a, const PlanDue& b) {
    return std::tie(a.review_date, a.plan_id) < std::tie(b.review_date, b.plan_id);
  });
  std::sort(view.restrictions_due.begin(), view.restrictions_due.end(),
            [](const Restriction& a, const Restriction& b) {
              return std::tie(a.review_date, a.id) < std::tie(b.review_date, b.id);
            });
  return Status::Ok();
}

Status AddSessionSections(const Workspace& ws, const DailyQuery& query, DailyView& view) {
  const Worker& worker = ws.acting_worker();
  SessionQuery sessions;
  // A teacher who is not also centre staff sees the sessions they lead; centre staff see their
  // sites' (ForEachSession filters by role).
  sessions.mine = worker.Has(Role::kTeacher) && !worker.Has(Role::kCentreStaff) &&
                  !worker.Has(Role::kAdministrator);
  sessions.from = view.today.AddDays(-std::max(0, query.unrecorded_session_days));
  sessions.to = view.through;
  return ws.ForEachSession(sessions, [&](const Session& s) {
    if (s.status == SessionStatus::kCancelled) return true;
    if (s.local_day >= view.today) {
      view.sessions.push_back(s);
    } else if (s.status == SessionStatus::kScheduled) {
      view.sessions_unrecorded.push_back(s);
    }
    return true;
  });
}

}  // namespace

Result<DailyView> BuildDailyView(const Workspace& workspace, const DailyQuery& query) {
  DailyView view;
  view.today = workspace.Today();
  view.through = query.week ? view.today.AddDays(6) : view.today;
  view.case_sections = DoesCaseWork(workspace);
  view.session_sections = RunsSessions(workspace);
  if (!view.case_sections && !view.session_sections) {
    const Worker& worker = workspace.acting_worker();
    std::string roles;
    for (Role role : worker.roles) {
      roles += (roles.empty() ? "" : ", ") + std::string(RoleName(role));
    }
    return Status::PermissionDenied(TrFormat(
        "the daily view is for social workers, supervisors, centre staff and teachers; {} has "
        "the roles {} (administrators: give a --purpose)",
        worker.os_account, roles));
  }
  if (view.case_sections) KINBRIDGE_RETURN_IF_ERROR(AddCaseSections(workspace, query, view));
  if (view.session_sections) KINBRIDGE_RETURN_IF_ERROR(AddSessionSections(workspace, query, view));
  return view;
}

KINBRIDGE_NAMESPACE_END
