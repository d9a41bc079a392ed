// The C API: working methods and plugins, contact plans, their reviews, and contact events.
#include <string>
#include <vector>

#include "capi/call.h"
#include "capi/json_input.h"
#include "capi/json_records.h"
#include "kinbridge/kinbridge.h"

using kinbridge::Result;
using kinbridge::Status;
using kinbridge::Workspace;
using kinbridge::capi::CallJson;
using kinbridge::capi::Collect;
using kinbridge::capi::Json;
using kinbridge::capi::Map;
using kinbridge::capi::ReadInput;
using kinbridge::capi::Text;
namespace capi = kinbridge::capi;

// ---- Methods and plugins ------------------------------------------------------------------------

kb_error_code kb_method_list(kb_workspace* workspace, char** out_json) {
  return CallJson("kb_method_list", workspace, out_json, {}, [](Workspace& ws) {
    return Collect<kinbridge::MethodDescription>(
        [&](const auto& visit) { return ws.ForEachMethod(visit); }, capi::MethodJson);
  });
}

kb_error_code kb_method_describe(kb_workspace* workspace, const char* method_id, char** out_json) {
  return CallJson(
      "kb_method_describe", workspace, out_json, {{"method_id", method_id}},
      [&](Workspace& ws) { return Map(ws.DescribeMethod(method_id), capi::MethodJson); });
}

kb_error_code kb_method_install(kb_workspace* workspace, const char* plugin_file, char** out_json) {
  return CallJson(
      "kb_method_install", workspace, out_json, {{"plugin_file", plugin_file}},
      [&](Workspace& ws) { return Map(ws.InstallMethodPlugin(plugin_file), capi::PluginJson); });
}

kb_error_code kb_method_adapt(kb_workspace* workspace, const char* profile_json, char** out_json) {
  return CallJson("kb_method_adapt", workspace, out_json, {{"profile_json", profile_json}},
                  [&](Workspace& ws) {
                    // The profile is validated (and its errors named) by the core.
                    return Map(ws.AdaptMethod(profile_json), capi::MethodJson);
                  });
}

kb_error_code kb_method_propose(kb_workspace* workspace, const char* child_ref,
                                const char* method_id, char** out_json) {
  return CallJson("kb_method_propose", workspace, out_json,
                  {{"child_ref", child_ref}, {"method_id", method_id}}, [&](Workspace& ws) {
                    return Map(ws.ProposeContactPlan(child_ref, method_id), capi::ProposalJson);
                  });
}

kb_error_code kb_plugin_list(kb_workspace* workspace, char** out_json) {
  return CallJson("kb_plugin_list", workspace, out_json, {}, [](Workspace& ws) {
    return Collect<kinbridge::PluginStatus>(
        [&](const auto& visit) { return ws.ForEachPlugin(visit); }, capi::PluginJson);
  });
}

kb_error_code kb_plugin_path_get(kb_workspace* workspace, char** out_json) {
  return CallJson("kb_plugin_path_get", workspace, out_json, {}, [](Workspace& ws) -> Result<Json> {
    Json directories = Json::array();
    for (const std::string& dir : ws.PluginDirectories()) {
      directories.push_back(dir);
    }
    return directories;
  });
}

kb_error_code kb_plugin_path_set(kb_workspace* workspace, const char* directories_json) {
  return capi::CallStatus("kb_plugin_path_set", workspace, {}, [&](Workspace& ws) -> Status {
    Result<nlohmann::json> in = capi::ParseArray(directories_json, "directories_json");
    if (!in.ok()) return in.status();
    // Read as the field of an object, so that a wrong item is named like any other field.
    const nlohmann::json wrapped = {{"directories", *in}};
    capi::FieldReader reader(wrapped);
    std::vector<std::string> directories;
    reader.TextList("directories", directories);
    KINBRIDGE_RETURN_IF_ERROR(reader.Finish());
    return ws.SetPluginDirectories(directories);
  });
}

// ---- Contact plans ------------------------------------------------------------------------------

kb_error_code kb_plan_propose(kb_workspace* workspace, const char* child_ref, const char* method_id,
                              const char* purpose, char** out_json) {
  return CallJson("kb_plan_propose", workspace, out_json,
                  {{"child_ref", child_ref}, {"method_id", method_id}}, [&](Workspace& ws) {
                    return Map(ws.ProposePlan(child_ref, method_id, Text(purpose)), capi::PlanJson);
                  });
}

kb_error_code kb_plan_get(kb_workspace* workspace, int64_t plan_id, char** out_json) {
  return CallJson("kb_plan_get", workspace, out_json, {},
                  [&](Workspace& ws) { return Map(ws.GetPlan(plan_id), capi::PlanJson); });
}

kb_error_code kb_plan_list(kb_workspace* workspace, const char* child_ref, char** out_json) {
  return CallJson(
      "kb_plan_list", workspace, out_json, {{"child_ref", child_ref}}, [&](Workspace& ws) {
        return Collect<kinbridge::ContactPlan>(
            [&](const auto& visit) { return ws.ForEachPlan(child_ref, visit); }, capi::PlanJson);
      });
}

kb_error_code kb_plan_record_view(kb_workspace* workspace, int64_t plan_id, const char* view_json,
                                  char** out_json) {
  return CallJson(
      "kb_plan_record_view", workspace, out_json, {}, [&](Workspace& ws) -> Result<Json> {
        Result<kinbridge::ChildView> view = ReadInput(
            view_json, "view_json",
            [&](const nlohmann::json& in) { return capi::ReadChildView(in, ws.Today()); });
        if (!view.ok()) return view.status();
        return Map(ws.RecordChildView(plan_id, *view), capi::PlanJson);
      });
}

kb_error_code kb_plan_approve(kb_workspace* workspace, int64_t plan_id, char** out_json) {
  return CallJson("kb_plan_approve", workspace, out_json, {},
                  [&](Workspace& ws) { return Map(ws.ApprovePlan(plan_id), capi::PlanJson); });
}

kb_error_code kb_plan_end(kb_workspace* workspace, int64_t plan_id, const char* end_json,
                          char** out_json) {
  return CallJson("kb_plan_end", workspace, out_json, {}, [&](Workspace& ws) -> Result<Json> {
    Result<capi::Ending> end = ReadInput(end_json, "end_json", [&](const nlohmann::json& in) {
      return capi::ReadEnding(in, "ended_on", ws.Today());
    });
    if (!end.ok()) return end.status();
    return Map(ws.EndPlan(plan_id, end->day, end->reason), capi::PlanJson);
  });
}

kb_error_code kb_plan_review(kb_workspace* workspace, int64_t plan_id, int revise,
                             char** out_json) {
  return CallJson("kb_plan_review", workspace, out_json, {}, [&](Workspace& ws) {
    return Map(ws.ReviewPlan(plan_id, revise != 0), capi::ReviewJson);
  });
}

kb_error_code kb_review_list(kb_workspace* workspace, int64_t plan_id, char** out_json) {
  return CallJson("kb_review_list", workspace, out_json, {}, [&](Workspace& ws) {
    return Collect<kinbridge::PlanReview>(
        [&](const auto& visit) { return ws.ForEachPlanReview(plan_id, visit); }, capi::ReviewJson);
  });
}

kb_error_code kb_arrangement_add(kb_workspace* workspace, int64_t plan_id,
                                 const char* arrangement_json, char** out_json) {
  return CallJson(
      "kb_arrangement_add", workspace, out_json, {}, [&](Workspace& ws) -> Result<Json> {
        Result<kinbridge::NewArrangement> arrangement = ReadInput(
            arrangement_json, "arrangement_json",
            [&](const nlohmann::json& in) { return capi::ReadNewArrangement(in, ws.Today()); });
        if (!arrangement.ok()) return arrangement.status();
        return Map(ws.AddArrangement(plan_id, *arrangement), capi::PlanJson);
      });
}

kb_error_code kb_arrangement_remove(kb_workspace* workspace, int64_t plan_id,
                                    int64_t arrangement_id, char** out_json) {
  return CallJson("kb_arrangement_remove", workspace, out_json, {}, [&](Workspace& ws) {
    return Map(ws.RemoveArrangement(plan_id, arrangement_id), capi::PlanJson);
  });
}

// ---- Contact events -----------------------------------------------------------------------------

namespace {

// The events of a contact query read from `query_json`, as a JSON array.
kb_error_code ListEvents(const char* function, kb_workspace* workspace, const char* query_json,
                         capi::ContactList list, char** out_json) {
  return CallJson(function, workspace, out_json, {}, [&](Workspace& ws) -> Result<Json> {
    Result<kinbridge::ContactQuery> query = ReadInput(
        query_json, "query_json",
        [&](const nlohmann::json& in) { return capi::ReadContactQuery(in, list, ws.Today()); });
    if (!query.ok()) return query.status();
    return Collect<kinbridge::ContactEvent>(
        [&](const auto& visit) { return ws.ForEachContactEvent(*query, visit); }, capi::EventJson);
  });
}

}  // namespace

kb_error_code kb_contact_schedule(kb_workspace* workspace, const char* schedule_json,
                                  char** out_json) {
  return CallJson(
      "kb_contact_schedule", workspace, out_json, {}, [&](Workspace& ws) -> Result<Json> {
        Result<capi::ScheduleRequest> request =
            ReadInput(schedule_json, "schedule_json", [&](const nlohmann::json& in) {
              return capi::ReadScheduleRequest(in, "child", ws.Today());
            });
        if (!request.ok()) return request.status();
        return Map(ws.ScheduleContacts(request->scope, request->through), capi::ScheduleJson);
      });
}

kb_error_code kb_contact_get(kb_workspace* workspace, int64_t event_id, char** out_json) {
  return CallJson("kb_contact_get", workspace, out_json, {}, [&](Workspace& ws) {
    return Map(ws.GetContactEvent(event_id), capi::EventJson);
  });
}

kb_error_code kb_contact_list(kb_workspace* workspace, const char* query_json, char** out_json) {
  return ListEvents("kb_contact_list", workspace, query_json, capi::ContactList::kList, out_json);
}

kb_error_code kb_contact_due(kb_workspace* workspace, const char* query_json, char** out_json) {
  return ListEvents("kb_contact_due", workspace, query_json, capi::ContactList::kDue, out_json);
}

kb_error_code kb_contact_overdue(kb_workspace* workspace, const char* query_json, char** out_json) {
  return ListEvents("kb_contact_overdue", workspace, query_json, capi::ContactList::kOverdue,
                    out_json);
}

kb_error_code kb_contact_log(kb_workspace* workspace, int64_t event_id, const char* report_json,
                             char** out_json) {
  return CallJson("kb_contact_log", workspace, out_json, {}, [&](Workspace& ws) -> Result<Json> {
    Result<kinbridge::ContactReport> report =
        ReadInput(report_json, "report_json", capi::ReadContactReport);
    if (!report.ok()) return report.status();
    return Map(ws.LogContact(event_id, *report), capi::EventJson);
  });
}

kb_error_code kb_contact_calendar(kb_workspace* workspace, const char* query_json,
                                  char** out_ical) {
  return CallJson(
      "kb_contact_calendar", workspace, out_ical, {},
      [&](Workspace& ws) -> Result<std::string> {
        Result<kinbridge::ContactQuery> query =
            ReadInput(query_json, "query_json", [&](const nlohmann::json& in) {
              return capi::ReadContactQuery(in, capi::ContactList::kCalendar, ws.Today());
            });
        if (!query.ok()) return query.status();
        return ws.ContactCalendar(*query);
      },
      "out_ical");
}
