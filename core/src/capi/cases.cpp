// The C API: children, their family network, contact restrictions and placements.
#include <optional>

#include "capi/call.h"
#include "capi/json_input.h"
#include "capi/json_records.h"
#include "kinbridge/kinbridge.h"

using kinbridge::Result;
using kinbridge::Workspace;
using kinbridge::capi::CallJson;
using kinbridge::capi::Collect;
using kinbridge::capi::Json;
using kinbridge::capi::Map;
using kinbridge::capi::ReadInput;
namespace capi = kinbridge::capi;

namespace {

// A child as JSON, with its age on the workspace's today.
auto ChildOf(const Workspace& ws) {
  return [&ws](const kinbridge::Child& c) { return capi::ChildJson(c, ws.Today()); };
}

auto RestrictionOf(const Workspace& ws) {
  return [&ws](const kinbridge::Restriction& r) { return capi::RestrictionJson(r, ws.Today()); };
}

// An Ending read from `text`, the day defaulting to today unless `required`.
Result<capi::Ending> EndingOf(const Workspace& ws, const char* text, const char* argument,
                              const char* day_key, bool day_required) {
  std::optional<kinbridge::Date> today;
  if (!day_required) today = ws.Today();
  return ReadInput(text, argument,
                   [&](const nlohmann::json& in) { return capi::ReadEnding(in, day_key, today); });
}

}  // namespace

// ---- Children -----------------------------------------------------------------------------------

kb_error_code kb_child_add(kb_workspace* workspace, const char* child_json, char** out_json) {
  return CallJson("kb_child_add", workspace, out_json, {}, [&](Workspace& ws) -> Result<Json> {
    Result<kinbridge::NewChild> child = ReadInput(child_json, "child_json", capi::ReadNewChild);
    if (!child.ok()) return child.status();
    return Map(ws.AddChild(*child), ChildOf(ws));
  });
}

kb_error_code kb_child_get(kb_workspace* workspace, const char* child_ref, char** out_json) {
  return CallJson("kb_child_get", workspace, out_json, {{"child_ref", child_ref}},
                  [&](Workspace& ws) { return Map(ws.GetChild(child_ref), ChildOf(ws)); });
}

kb_error_code kb_child_edit(kb_workspace* workspace, const char* child_ref,
                            const char* changes_json, char** out_json) {
  return CallJson("kb_child_edit", workspace, out_json, {{"child_ref", child_ref}},
                  [&](Workspace& ws) -> Result<Json> {
                    Result<kinbridge::ChildChanges> changes =
                        ReadInput(changes_json, "changes_json", capi::ReadChildChanges);
                    if (!changes.ok()) return changes.status();
                    return Map(ws.EditChild(child_ref, *changes), ChildOf(ws));
                  });
}

kb_error_code kb_child_close(kb_workspace* workspace, const char* child_ref, const char* close_json,
                             char** out_json) {
  return CallJson("kb_child_close", workspace, out_json, {{"child_ref", child_ref}},
                  [&](Workspace& ws) -> Result<Json> {
                    Result<capi::Ending> close =
                        EndingOf(ws, close_json, "close_json", "closed_on", false);
                    if (!close.ok()) return close.status();
                    return Map(ws.CloseChild(child_ref, close->day, close->reason), ChildOf(ws));
                  });
}

kb_error_code kb_child_list(kb_workspace* workspace, const char* query_json, char** out_json) {
  return CallJson("kb_child_list", workspace, out_json, {}, [&](Workspace& ws) -> Result<Json> {
    Result<kinbridge::ChildQuery> query = ReadInput(query_json, "query_json", capi::ReadChildQuery);
    if (!query.ok()) return query.status();
    return Collect<kinbridge::Child>(
        [&](const auto& visit) { return ws.ForEachChild(*query, visit); }, ChildOf(ws));
  });
}

// ---- Relations ----------------------------------------------------------------------------------

kb_error_code kb_relation_add(kb_workspace* workspace, const char* child_ref,
                              const char* relation_json, char** out_json) {
  return CallJson("kb_relation_add", workspace, out_json, {{"child_ref", child_ref}},
                  [&](Workspace& ws) -> Result<Json> {
                    Result<kinbridge::NewRelation> relation =
                        ReadInput(relation_json, "relation_json", capi::ReadNewRelation);
                    if (!relation.ok()) return relation.status();
                    return Map(ws.AddRelation(child_ref, *relation), capi::RelationJson);
                  });
}

kb_error_code kb_relation_get(kb_workspace* workspace, int64_t relation_id, char** out_json) {
  return CallJson("kb_relation_get", workspace, out_json, {}, [&](Workspace& ws) {
    return Map(ws.GetRelation(relation_id), capi::RelationJson);
  });
}

kb_error_code kb_relation_list(kb_workspace* workspace, const char* child_ref, char** out_json) {
  return CallJson("kb_relation_list", workspace, out_json, {{"child_ref", child_ref}},
                  [&](Workspace& ws) {
                    return Collect<kinbridge::Relation>(
                        [&](const auto& visit) { return ws.ForEachRelation(child_ref, visit); },
                        capi::RelationJson);
                  });
}

// ---- Restrictions -------------------------------------------------------------------------------

kb_error_code kb_restriction_add(kb_workspace* workspace, int64_t relation_id,
                                 const char* restriction_json, char** out_json) {
  return CallJson("kb_restriction_add", workspace, out_json, {},
                  [&](Workspace& ws) -> Result<Json> {
                    Result<kinbridge::NewRestriction> restriction =
                        ReadInput(restriction_json, "restriction_json", capi::ReadNewRestriction);
                    if (!restriction.ok()) return restriction.status();
                    return Map(ws.AddRestriction(relation_id, *restriction), RestrictionOf(ws));
                  });
}

kb_error_code kb_restriction_lift(kb_workspace* workspace, int64_t restriction_id,
                                  const char* lift_json, char** out_json) {
  return CallJson(
      "kb_restriction_lift", workspace, out_json, {}, [&](Workspace& ws) -> Result<Json> {
        Result<capi::Ending> lift = EndingOf(ws, lift_json, "lift_json", "lifted_on", false);
        if (!lift.ok()) return lift.status();
        return Map(ws.LiftRestriction(restriction_id, lift->day, lift->reason), RestrictionOf(ws));
      });
}

kb_error_code kb_restriction_get(kb_workspace* workspace, int64_t restriction_id, char** out_json) {
  return CallJson("kb_restriction_get", workspace, out_json, {}, [&](Workspace& ws) {
    return Map(ws.GetRestriction(restriction_id), RestrictionOf(ws));
  });
}

kb_error_code kb_restriction_list(kb_workspace* workspace, const char* query_json,
                                  char** out_json) {
  return CallJson("kb_restriction_list", workspace, out_json, {},
                  [&](Workspace& ws) -> Result<Json> {
                    Result<kinbridge::RestrictionQuery> query =
                        ReadInput(query_json, "query_json", capi::ReadRestrictionQuery);
                    if (!query.ok()) return query.status();
                    return Collect<kinbridge::Restriction>(
                        [&](const auto& visit) { return ws.ForEachRestriction(*query, visit); },
                        RestrictionOf(ws));
                  });
}

// ---- Placements ---------------------------------------------------------------------------------

kb_error_code kb_placement_add(kb_workspace* workspace, const char* child_ref,
                               const char* placement_json, char** out_json) {
  return CallJson("kb_placement_add", workspace, out_json, {{"child_ref", child_ref}},
                  [&](Workspace& ws) -> Result<Json> {
                    Result<kinbridge::NewPlacement> placement =
                        ReadInput(placement_json, "placement_json", capi::ReadNewPlacement);
                    if (!placement.ok()) return placement.status();
                    return Map(ws.AddPlacement(child_ref, *placement), capi::PlacementJson);
                  });
}

kb_error_code kb_placement_end(kb_workspace* workspace, int64_t placement_id, const char* end_json,
                               char** out_json) {
  return CallJson("kb_placement_end", workspace, out_json, {}, [&](Workspace& ws) -> Result<Json> {
    Result<capi::Ending> end = EndingOf(ws, end_json, "end_json", "end", true);
    if (!end.ok()) return end.status();
    return Map(ws.EndPlacement(placement_id, end->day, end->reason), capi::PlacementJson);
  });
}

kb_error_code kb_placement_get(kb_workspace* workspace, int64_t placement_id, char** out_json) {
  return CallJson("kb_placement_get", workspace, out_json, {}, [&](Workspace& ws) {
    return Map(ws.GetPlacement(placement_id), capi::PlacementJson);
  });
}

kb_error_code kb_placement_list(kb_workspace* workspace, const char* child_ref, char** out_json) {
  return CallJson("kb_placement_list", workspace, out_json, {{"child_ref", child_ref}},
                  [&](Workspace& ws) {
                    return Collect<kinbridge::Placement>(
                        [&](const auto& visit) { return ws.ForEachPlacement(child_ref, visit); },
                        capi::PlacementJson);
                  });
}
