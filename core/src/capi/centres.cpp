// The C API: support centres and schools, their staff and training, activities, enrolments,
// groups, sessions, attendance and the attendance report.
#include <optional>
#include <vector>

#include "capi/call.h"
#include "capi/json_input.h"
#include "capi/json_records.h"
#include "kinbridge/kinbridge.h"

using kinbridge::Date;
using kinbridge::Result;
using kinbridge::Workspace;
using kinbridge::capi::CallJson;
using kinbridge::capi::Collect;
using kinbridge::capi::Json;
using kinbridge::capi::Map;
using kinbridge::capi::ReadInput;
using kinbridge::capi::Text;
namespace capi = kinbridge::capi;

// ---- Sites, staff and training ------------------------------------------------------------------

kb_error_code kb_site_add(kb_workspace* workspace, const char* site_json, char** out_json) {
  return CallJson("kb_site_add", workspace, out_json, {}, [&](Workspace& ws) -> Result<Json> {
    Result<kinbridge::NewSite> site = ReadInput(site_json, "site_json", capi::ReadNewSite);
    if (!site.ok()) return site.status();
    return Map(ws.AddSite(*site), capi::SiteJson);
  });
}

kb_error_code kb_site_edit(kb_workspace* workspace, const char* site_code, const char* changes_json,
                           char** out_json) {
  return CallJson("kb_site_edit", workspace, out_json, {{"site_code", site_code}},
                  [&](Workspace& ws) -> Result<Json> {
                    Result<kinbridge::SiteChanges> changes =
                        ReadInput(changes_json, "changes_json", capi::ReadSiteChanges);
                    if (!changes.ok()) return changes.status();
                    return Map(ws.EditSite(site_code, *changes), capi::SiteJson);
                  });
}

kb_error_code kb_site_get(kb_workspace* workspace, const char* site_code, char** out_json) {
  return CallJson("kb_site_get", workspace, out_json, {{"site_code", site_code}},
                  [&](Workspace& ws) { return Map(ws.GetSite(site_code), capi::SiteJson); });
}

kb_error_code kb_site_list(kb_workspace* workspace, const char* query_json, char** out_json) {
  return CallJson("kb_site_list", workspace, out_json, {}, [&](Workspace& ws) -> Result<Json> {
    Result<std::optional<kinbridge::SiteKind>> kind =
        ReadInput(query_json, "query_json", capi::ReadSiteQuery);
    if (!kind.ok()) return kind.status();
    return Collect<kinbridge::Site>([&](const auto& visit) { return ws.ForEachSite(*kind, visit); },
                                    capi::SiteJson);
  });
}

kb_error_code kb_staff_add(kb_workspace* workspace, const char* staff_json, char** out_json) {
  return CallJson("kb_staff_add", workspace, out_json, {}, [&](Workspace& ws) -> Result<Json> {
    Result<capi::StaffRequest> staff = ReadInput(
        staff_json, "staff_json",
        [&](const nlohmann::json& in) { return capi::ReadStaffRequest(in, "from", ws.Today()); });
    if (!staff.ok()) return staff.status();
    return Map(ws.AddStaff(staff->site, staff->worker, staff->day), capi::StaffJson);
  });
}

kb_error_code kb_staff_end(kb_workspace* workspace, const char* staff_json, char** out_json) {
  return CallJson("kb_staff_end", workspace, out_json, {}, [&](Workspace& ws) -> Result<Json> {
    Result<capi::StaffRequest> staff =
        ReadInput(staff_json, "staff_json", [&](const nlohmann::json& in) {
          return capi::ReadStaffRequest(in, "last_day", std::nullopt);
        });
    if (!staff.ok()) return staff.status();
    return Map(ws.EndStaff(staff->site, staff->worker, staff->day), capi::StaffJson);
  });
}

kb_error_code kb_staff_list(kb_workspace* workspace, const char* site_code, char** out_json) {
  return CallJson(
      "kb_staff_list", workspace, out_json, {{"site_code", site_code}}, [&](Workspace& ws) {
        return Collect<kinbridge::StaffAssignment>(
            [&](const auto& visit) { return ws.ForEachStaff(site_code, visit); }, capi::StaffJson);
      });
}

kb_error_code kb_training_add(kb_workspace* workspace, const char* training_json, char** out_json) {
  return CallJson("kb_training_add", workspace, out_json, {}, [&](Workspace& ws) -> Result<Json> {
    Result<kinbridge::NewTraining> training =
        ReadInput(training_json, "training_json", capi::ReadNewTraining);
    if (!training.ok()) return training.status();
    return Map(ws.RecordTraining(*training), capi::TrainingJson);
  });
}

kb_error_code kb_training_list(kb_workspace* workspace, const char* query_json, char** out_json) {
  return CallJson("kb_training_list", workspace, out_json, {}, [&](Workspace& ws) -> Result<Json> {
    Result<kinbridge::TrainingQuery> query =
        ReadInput(query_json, "query_json", capi::ReadTrainingQuery);
    if (!query.ok()) return query.status();
    return Collect<kinbridge::TrainingRecord>(
        [&](const auto& visit) { return ws.ForEachTraining(*query, visit); }, capi::TrainingJson);
  });
}

// ---- Activities and enrolments ------------------------------------------------------------------

kb_error_code kb_activity_add(kb_workspace* workspace, const char* activity_json, char** out_json) {
  return CallJson("kb_activity_add", workspace, out_json, {}, [&](Workspace& ws) -> Result<Json> {
    Result<kinbridge::NewActivity> activity =
        ReadInput(activity_json, "activity_json",
                  [&](const nlohmann::json& in) { return capi::ReadNewActivity(in, ws.Today()); });
    if (!activity.ok()) return activity.status();
    return Map(ws.AddActivity(*activity), capi::ActivityJson);
  });
}

kb_error_code kb_activity_edit(kb_workspace* workspace, int64_t activity_id,
                               const char* changes_json, char** out_json) {
  return CallJson("kb_activity_edit", workspace, out_json, {}, [&](Workspace& ws) -> Result<Json> {
    Result<capi::ActivityEdit> edit =
        ReadInput(changes_json, "changes_json", capi::ReadActivityEdit);
    if (!edit.ok()) return edit.status();
    kinbridge::ActivityChanges changes = edit->changes;
    if (edit->schedule.any()) {
      // Schedule fields change only the parts given.
      Result<kinbridge::Activity> current = ws.GetActivity(activity_id);
      if (!current.ok()) return current.status();
      kinbridge::SessionSchedule schedule = current->schedule;
      edit->schedule.ApplyTo(schedule);
      changes.schedule = schedule;
    }
    return Map(ws.EditActivity(activity_id, changes), capi::ActivityJson);
  });
}

kb_error_code kb_activity_get(kb_workspace* workspace, int64_t activity_id, char** out_json) {
  return CallJson("kb_activity_get", workspace, out_json, {}, [&](Workspace& ws) {
    return Map(ws.GetActivity(activity_id), capi::ActivityJson);
  });
}

kb_error_code kb_activity_list(kb_workspace* workspace, const char* query_json, char** out_json) {
  return CallJson("kb_activity_list", workspace, out_json, {}, [&](Workspace& ws) -> Result<Json> {
    Result<kinbridge::ActivityQuery> query =
        ReadInput(query_json, "query_json", capi::ReadActivityQuery);
    if (!query.ok()) return query.status();
    return Collect<kinbridge::Activity>(
        [&](const auto& visit) { return ws.ForEachActivity(*query, visit); }, capi::ActivityJson);
  });
}

kb_error_code kb_activity_enrol(kb_workspace* workspace, int64_t activity_id, const char* child_ref,
                                const char* enrol_json, char** out_json) {
  return CallJson("kb_activity_enrol", workspace, out_json, {{"child_ref", child_ref}},
                  [&](Workspace& ws) -> Result<Json> {
                    Result<kinbridge::EnrolOptions> options =
                        ReadInput(enrol_json, "enrol_json", [&](const nlohmann::json& in) {
                          return capi::ReadEnrolOptions(in, ws.Today());
                        });
                    if (!options.ok()) return options.status();
                    return Map(ws.Enrol(activity_id, child_ref, *options), capi::EnrolmentJson);
                  });
}

kb_error_code kb_activity_leave(kb_workspace* workspace, int64_t activity_id, const char* child_ref,
                                const char* leave_json, char** out_json) {
  return CallJson("kb_activity_leave", workspace, out_json, {{"child_ref", child_ref}},
                  [&](Workspace& ws) -> Result<Json> {
                    Result<capi::Ending> leave =
                        ReadInput(leave_json, "leave_json", [](const nlohmann::json& in) {
                          return capi::ReadEnding(in, "last_day", std::nullopt, false);
                        });
                    if (!leave.ok()) return leave.status();
                    return Map(ws.LeaveActivity(activity_id, child_ref, leave->day, leave->reason),
                               capi::LeaveJson);
                  });
}

kb_error_code kb_enrolment_list(kb_workspace* workspace, int64_t activity_id, int include_left,
                                char** out_json) {
  return CallJson("kb_enrolment_list", workspace, out_json, {}, [&](Workspace& ws) {
    return Collect<kinbridge::Enrolment>(
        [&](const auto& visit) {
          return ws.ForEachEnrolment(activity_id, include_left != 0, visit);
        },
        capi::EnrolmentJson);
  });
}

// ---- Groups -------------------------------------------------------------------------------------

kb_error_code kb_group_propose(kb_workspace* workspace, int64_t activity_id, char** out_json) {
  return CallJson("kb_group_propose", workspace, out_json, {}, [&](Workspace& ws) {
    return Map(ws.ProposeGroups(activity_id), capi::GroupProposalJson);
  });
}

kb_error_code kb_group_accept(kb_workspace* workspace, const char* proposal_json, char** out_json) {
  return CallJson("kb_group_accept", workspace, out_json, {{"proposal_json", proposal_json}},
                  [&](Workspace& ws) -> Result<Json> {
                    Result<kinbridge::GroupProposal> proposal =
                        ReadInput(proposal_json, "proposal_json", [&](const nlohmann::json& in) {
                          return capi::ReadGroupProposal(in, ws.Today());
                        });
                    if (!proposal.ok()) return proposal.status();
                    Result<std::vector<kinbridge::Group>> groups = ws.AcceptGroups(*proposal);
                    if (!groups.ok()) return groups.status();
                    Json array = Json::array();
                    for (const kinbridge::Group& g : *groups) array.push_back(capi::GroupJson(g));
                    return array;
                  });
}

kb_error_code kb_group_add(kb_workspace* workspace, const char* group_json, char** out_json) {
  return CallJson("kb_group_add", workspace, out_json, {}, [&](Workspace& ws) -> Result<Json> {
    Result<kinbridge::NewGroup> group =
        ReadInput(group_json, "group_json",
                  [&](const nlohmann::json& in) { return capi::ReadNewGroup(in, ws.Today()); });
    if (!group.ok()) return group.status();
    return Map(ws.AddGroup(*group), capi::GroupJson);
  });
}

kb_error_code kb_group_edit(kb_workspace* workspace, int64_t group_id, const char* changes_json,
                            char** out_json) {
  return CallJson("kb_group_edit", workspace, out_json, {}, [&](Workspace& ws) -> Result<Json> {
    Result<capi::GroupEdit> edit = ReadInput(changes_json, "changes_json", capi::ReadGroupEdit);
    if (!edit.ok()) return edit.status();
    kinbridge::GroupChanges changes = edit->changes;
    if (edit->schedule.any()) {
      Result<kinbridge::Group> current = ws.GetGroup(group_id);
      if (!current.ok()) return current.status();
      kinbridge::SessionSchedule schedule = current->schedule;
      edit->schedule.ApplyTo(schedule);
      changes.schedule = schedule;
    }
    return Map(ws.EditGroup(group_id, changes), capi::GroupJson);
  });
}

kb_error_code kb_group_get(kb_workspace* workspace, int64_t group_id, char** out_json) {
  return CallJson("kb_group_get", workspace, out_json, {},
                  [&](Workspace& ws) { return Map(ws.GetGroup(group_id), capi::GroupJson); });
}

kb_error_code kb_group_list(kb_workspace* workspace, int64_t activity_id, char** out_json) {
  return CallJson("kb_group_list", workspace, out_json, {}, [&](Workspace& ws) {
    return Collect<kinbridge::Group>(
        [&](const auto& visit) { return ws.ForEachGroup(activity_id, visit); }, capi::GroupJson);
  });
}

kb_error_code kb_group_join(kb_workspace* workspace, int64_t group_id, const char* child_ref,
                            const char* join_json, char** out_json) {
  return CallJson("kb_group_join", workspace, out_json, {{"child_ref", child_ref}},
                  [&](Workspace& ws) -> Result<Json> {
                    Result<Date> on = ReadInput(join_json, "join_json", [&](const auto& in) {
                      return capi::ReadDay(in, "on", ws.Today());
                    });
                    if (!on.ok()) return on.status();
                    return Map(ws.JoinGroup(group_id, child_ref, *on), capi::MemberJson);
                  });
}

kb_error_code kb_group_leave(kb_workspace* workspace, int64_t group_id, const char* child_ref,
                             const char* leave_json, char** out_json) {
  return CallJson("kb_group_leave", workspace, out_json, {{"child_ref", child_ref}},
                  [&](Workspace& ws) -> Result<Json> {
                    Result<Date> last = ReadInput(leave_json, "leave_json", [](const auto& in) {
                      return capi::ReadDay(in, "last_day", std::nullopt);
                    });
                    if (!last.ok()) return last.status();
                    return Map(ws.LeaveGroup(group_id, child_ref, *last), capi::MemberJson);
                  });
}

kb_error_code kb_group_member_list(kb_workspace* workspace, int64_t group_id, int include_left,
                                   char** out_json) {
  return CallJson("kb_group_member_list", workspace, out_json, {}, [&](Workspace& ws) {
    return Collect<kinbridge::GroupMember>(
        [&](const auto& visit) {
          return ws.ForEachGroupMember(group_id, include_left != 0, visit);
        },
        capi::MemberJson);
  });
}

// ---- Sessions, attendance and the report --------------------------------------------------------

kb_error_code kb_session_schedule(kb_workspace* workspace, const char* schedule_json,
                                  char** out_json) {
  return CallJson("kb_session_schedule", workspace, out_json, {},
                  [&](Workspace& ws) -> Result<Json> {
                    Result<capi::ScheduleRequest> request =
                        ReadInput(schedule_json, "schedule_json", [&](const nlohmann::json& in) {
                          return capi::ReadScheduleRequest(in, "site", ws.Today());
                        });
                    if (!request.ok()) return request.status();
                    return Map(ws.ScheduleSessions(request->scope, request->through),
                               capi::SessionScheduleJson);
                  });
}

kb_error_code kb_session_list(kb_workspace* workspace, const char* query_json, char** out_json) {
  return CallJson("kb_session_list", workspace, out_json, {}, [&](Workspace& ws) -> Result<Json> {
    Result<kinbridge::SessionQuery> query =
        ReadInput(query_json, "query_json", capi::ReadSessionQuery);
    if (!query.ok()) return query.status();
    return Collect<kinbridge::Session>(
        [&](const auto& visit) { return ws.ForEachSession(*query, visit); }, capi::SessionJson);
  });
}

kb_error_code kb_session_get(kb_workspace* workspace, int64_t session_id, char** out_json) {
  return CallJson("kb_session_get", workspace, out_json, {},
                  [&](Workspace& ws) { return Map(ws.GetSession(session_id), capi::SessionJson); });
}

kb_error_code kb_session_add(kb_workspace* workspace, const char* session_json, char** out_json) {
  return CallJson("kb_session_add", workspace, out_json, {}, [&](Workspace& ws) -> Result<Json> {
    Result<kinbridge::NewSession> session =
        ReadInput(session_json, "session_json", capi::ReadNewSession);
    if (!session.ok()) return session.status();
    return Map(ws.AddSession(*session), capi::SessionJson);
  });
}

kb_error_code kb_session_cancel(kb_workspace* workspace, int64_t session_id, const char* reason,
                                char** out_json) {
  return CallJson(
      "kb_session_cancel", workspace, out_json, {{"reason", reason}},
      [&](Workspace& ws) { return Map(ws.CancelSession(session_id, reason), capi::SessionJson); });
}

kb_error_code kb_attendance_record(kb_workspace* workspace, int64_t session_id,
                                   const char* sheet_json, char** out_json) {
  return CallJson("kb_attendance_record", workspace, out_json, {},
                  [&](Workspace& ws) -> Result<Json> {
                    Result<kinbridge::AttendanceSheet> sheet =
                        ReadInput(sheet_json, "sheet_json", capi::ReadAttendanceSheet);
                    if (!sheet.ok()) return sheet.status();
                    return Map(ws.RecordAttendance(session_id, *sheet), capi::AttendanceResultJson);
                  });
}

kb_error_code kb_attendance_list(kb_workspace* workspace, int64_t session_id, char** out_json) {
  return CallJson("kb_attendance_list", workspace, out_json, {}, [&](Workspace& ws) {
    return Collect<kinbridge::AttendanceRecord>(
        [&](const auto& visit) { return ws.ForEachAttendance(session_id, visit); },
        capi::AttendanceJson);
  });
}

kb_error_code kb_report_attendance(kb_workspace* workspace, const char* query_json,
                                   char** out_json) {
  return CallJson(
      "kb_report_attendance", workspace, out_json, {}, [&](Workspace& ws) -> Result<Json> {
        Result<kinbridge::AttendanceReportQuery> query =
            ReadInput(query_json, "query_json", capi::ReadAttendanceReportQuery);
        if (!query.ok()) return query.status();
        return Map(ws.ReportAttendance(*query), [&](const kinbridge::AttendanceReport& report) {
          return capi::AttendanceReportJson(report, query->recent_days);
        });
      });
}
