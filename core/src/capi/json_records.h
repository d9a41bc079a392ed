// The model's records as the C API's JSON, with the field names of the command's --format json
// (docs/cli.md, docs/c-api.md): records out (json_records.cpp) and requests in
// (json_requests.cpp).
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "kinbridge/workspace.h"

namespace kinbridge::capi {

using Json = nlohmann::ordered_json;

// ---- Records out ------------------------------------------------------------------------------
// `today` is the workspace's today, for ages and whether a restriction is in force.

Json WorkspaceJson(const Workspace& ws);
Json WorkerJson(const Worker& worker);
Json AssignmentJson(const CaseloadAssignment& assignment);
Json ChildJson(const Child& child, Date today);
Json RelationJson(const Relation& relation);
Json RestrictionJson(const Restriction& restriction, Date today);
Json PlacementJson(const Placement& placement);

Json MethodJson(const MethodDescription& method);
Json PluginJson(const PluginStatus& plugin);
Json ProposalJson(const ContactPlanProposal& proposal);
Json PlanJson(const ContactPlan& plan);
Json ReviewJson(const PlanReview& review);
Json EventJson(const ContactEvent& event);
Json ScheduleJson(const ScheduleResult& result);

Json SiteJson(const Site& site);
Json StaffJson(const StaffAssignment& staff);
Json TrainingJson(const TrainingRecord& training);
Json ActivityJson(const Activity& activity);
Json EnrolmentJson(const Enrolment& enrolment);
Json LeaveJson(const LeaveResult& result);
Json GroupJson(const Group& group);
Json GroupProposalJson(const GroupProposal& proposal);
Json MemberJson(const GroupMember& member);
Json SessionJson(const Session& session);
Json SessionScheduleJson(const SessionScheduleResult& result);
Json AttendanceJson(const AttendanceRecord& record);
Json AttendanceResultJson(const AttendanceResult& result);
Json AttendanceReportJson(const AttendanceReport& report, int recent_days);

Json AuditEntryJson(const AuditEntry& entry);
Json VerificationJson(const AuditVerification& verification);

// ---- Requests in ------------------------------------------------------------------------------
// Each reads one parsed JSON object; errors name the field (see FieldReader).

Result<CreateOptions> ReadCreateOptions(const nlohmann::json& in);
Result<WorkspaceOptions> ReadWorkspaceOptions(const nlohmann::json& in);
Result<NewWorker> ReadNewWorker(const nlohmann::json& in);

Result<NewChild> ReadNewChild(const nlohmann::json& in);
Result<ChildChanges> ReadChildChanges(const nlohmann::json& in);
Result<ChildQuery> ReadChildQuery(const nlohmann::json& in);
Result<NewRelation> ReadNewRelation(const nlohmann::json& in);
Result<NewRestriction> ReadNewRestriction(const nlohmann::json& in);
Result<RestrictionQuery> ReadRestrictionQuery(const nlohmann::json& in);
Result<NewPlacement> ReadNewPlacement(const nlohmann::json& in);

// Closing, lifting or ending something on a day, for a reason: {"<day_key>", "reason"}. The day
// defaults to `today` unless `today` is empty (then it is required).
struct Ending {
  Date day;
  std::string reason;
};
Result<Ending> ReadEnding(const nlohmann::json& in, const char* day_key, std::optional<Date> today,
                          bool reason_required = true);

Result<ChildView> ReadChildView(const nlohmann::json& in, Date today);
Result<NewArrangement> ReadNewArrangement(const nlohmann::json& in, Date today);
Result<ContactReport> ReadContactReport(const nlohmann::json& in);

// Contact queries: which fields are accepted and what the window defaults to.
enum class ContactList { kList, kDue, kOverdue, kCalendar };
Result<ContactQuery> ReadContactQuery(const nlohmann::json& in, ContactList list, Date today);

// Extending a schedule: {"<scope_key>", "through", "days"}.
struct ScheduleRequest {
  std::string scope;  // child reference or site code; empty: everything in reach
  std::optional<Date> through;
};
Result<ScheduleRequest> ReadScheduleRequest(const nlohmann::json& in, const char* scope_key,
                                            Date today);

Result<AuditQuery> ReadAuditQuery(const nlohmann::json& in);

Result<NewSite> ReadNewSite(const nlohmann::json& in);
Result<SiteChanges> ReadSiteChanges(const nlohmann::json& in);
Result<std::optional<SiteKind>> ReadSiteQuery(const nlohmann::json& in);
// Staff at a site: {"site", "worker", "<day_key>"}; the day defaults to today unless `today` is
// empty.
struct StaffRequest {
  std::string site, worker;
  Date day;
};
Result<StaffRequest> ReadStaffRequest(const nlohmann::json& in, const char* day_key,
                                      std::optional<Date> today);
Result<NewTraining> ReadNewTraining(const nlohmann::json& in);
Result<TrainingQuery> ReadTrainingQuery(const nlohmann::json& in);

// Schedule fields of an edit; only those given change.
struct ScheduleEdit {
  std::optional<std::string> rrule, start_time;
  std::optional<Date> first_day, last_day;
  std::optional<int> duration_minutes;
  bool open_ended = false;  // "last_day": null

  bool any() const {
    return rrule || start_time || first_day || last_day || duration_minutes || open_ended;
  }
  void ApplyTo(SessionSchedule& schedule) const;
};
Result<NewActivity> ReadNewActivity(const nlohmann::json& in, Date today);
struct ActivityEdit {
  ActivityChanges changes;  // without the schedule
  ScheduleEdit schedule;
};
Result<ActivityEdit> ReadActivityEdit(const nlohmann::json& in);
Result<ActivityQuery> ReadActivityQuery(const nlohmann::json& in);
Result<EnrolOptions> ReadEnrolOptions(const nlohmann::json& in, Date today);
Result<GroupProposal> ReadGroupProposal(const nlohmann::json& in, Date today);
Result<NewGroup> ReadNewGroup(const nlohmann::json& in, Date today);
struct GroupEdit {
  GroupChanges changes;  // without the schedule
  ScheduleEdit schedule;
};
Result<GroupEdit> ReadGroupEdit(const nlohmann::json& in);
// {"<day_key>"}: the day, defaulting to today unless `today` is empty.
Result<Date> ReadDay(const nlohmann::json& in, const char* day_key, std::optional<Date> today);

Result<SessionQuery> ReadSessionQuery(const nlohmann::json& in);
Result<NewSession> ReadNewSession(const nlohmann::json& in);
Result<AttendanceSheet> ReadAttendanceSheet(const nlohmann::json& in);
Result<AttendanceReportQuery> ReadAttendanceReportQuery(const nlohmann::json& in);

}  // namespace kinbridge::capi
