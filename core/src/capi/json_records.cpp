// Records out: the model's records as JSON objects, with the field names of the command's
// --format json (cli/views.cpp), lists as arrays, empty optional values as null.
#include "capi/json_records.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include <fmt/format.h>

namespace kinbridge::capi {

namespace {

Json DayOrNull(const std::optional<Date>& day) {
  return day ? Json(day->ToString()) : Json(nullptr);
}

Json TextOrNull(const std::string& text) { return text.empty() ? Json(nullptr) : Json(text); }

Json PositiveOrNull(std::int64_t n) { return n > 0 ? Json(n) : Json(nullptr); }

Json Texts(const std::vector<std::string>& items) {
  Json array = Json::array();
  for (const std::string& item : items) array.push_back(item);
  return array;
}

// "social-worker,administrator" as ["social-worker", "administrator"].
Json SplitTexts(const std::string& joined) {
  Json array = Json::array();
  std::string::size_type start = 0;
  while (start < joined.size()) {
    std::string::size_type end = joined.find(',', start);
    if (end == std::string::npos) end = joined.size();
    if (end > start) array.push_back(joined.substr(start, end - start));
    start = end + 1;
  }
  return array;
}

// A rate 0..1 as a whole percentage.
std::int64_t Percent(double rate) { return static_cast<std::int64_t>(rate * 100.0 + 0.5); }

// A rate as a whole percentage, or null when nothing was expected.
Json RateOrNull(double rate, int expected) {
  return expected > 0 ? Json(Percent(rate)) : Json(nullptr);
}

Json FindingsJson(const std::vector<MethodFinding>& findings) {
  Json array = Json::array();
  for (const MethodFinding& f : findings) {
    array.push_back({{"severity", f.severity},
                     {"code", f.code},
                     {"component", TextOrNull(f.component)},
                     {"subject", TextOrNull(f.subject)},
                     {"message", f.message}});
  }
  return array;
}

std::string RestrictionStatus(const Restriction& s, Date today) {
  if (s.lifted_on && *s.lifted_on <= today) return "lifted";
  if (s.valid_to && *s.valid_to < today) return "expired";
  if (s.valid_from > today) return "pending";
  return "in-force";
}

void AddSchedule(Json& json, const SessionSchedule& s) {
  json["rrule"] = s.rrule;
  json["first_day"] = s.first_day.ToString();
  json["last_day"] = DayOrNull(s.last_day);
  json["time"] = s.start_time;
  json["minutes"] = s.duration_minutes;
}

}  // namespace

Json WorkspaceJson(const Workspace& ws) {
  const Municipality& m = ws.municipality();
  return {{"workspace", ws.path()},
          {"municipality_code", m.code},
          {"municipality_name", m.name},
          {"country", m.country},
          {"time_zone", m.time_zone},
          {"locale", m.locale},
          {"mode", std::string(WorkspaceModeName(ws.mode()))},
          {"schema_version", ws.schema_version()},
          {"today", ws.Today().ToString()},
          {"purpose", TextOrNull(ws.purpose())},
          {"worker", WorkerJson(ws.acting_worker())}};
}

Json WorkerJson(const Worker& w) {
  Json roles = Json::array();
  for (Role role : w.roles) roles.push_back(std::string(RoleName(role)));
  return {{"account", w.os_account}, {"name", w.name},     {"unit", TextOrNull(w.unit)},
          {"roles", roles},          {"active", w.active}, {"uuid", w.uuid}};
}

Json AssignmentJson(const CaseloadAssignment& a) {
  return {{"child", a.child_case_reference},
          {"account", a.worker_account},
          {"name", a.worker_name},
          {"assigned_at", a.assigned_at},
          {"released_at", a.released_at ? Json(*a.released_at) : Json(nullptr)},
          {"assigned_by", a.assigned_by},
          {"note", TextOrNull(a.note)}};
}

Json ChildJson(const Child& c, Date today) {
  Json json = {{"case_reference", c.case_reference}, {"uuid", c.uuid}};
  if (c.identity_hidden) {
    json["name"] = nullptr;
    json["birth_date"] = nullptr;
    json["age"] = nullptr;
    json["national_id"] = nullptr;
    json["national_id_scheme"] = nullptr;
    json["languages"] = Json::array();
    json["school"] = nullptr;
  } else {
    json["name"] = c.name;
    json["birth_date"] = c.birth_date.ToString();
    json["age"] = c.birth_date.AgeOn(today);
    json["national_id"] = c.national_id ? Json(c.national_id->Display()) : Json(nullptr);
    json["national_id_scheme"] =
        c.national_id ? Json(std::string(NationalIdSchemeName(c.national_id->scheme)))
                      : Json(nullptr);
    json["languages"] = Texts(c.languages);
    json["school"] = TextOrNull(c.school);
  }
  json["protected_identity"] = c.protected_identity;
  json["identity_hidden"] = c.identity_hidden;
  json["status"] = std::string(ChildStatusName(c.status));
  json["closed_on"] = DayOrNull(c.closed_on);
  json["close_reason"] = TextOrNull(c.close_reason);
  json["version"] = c.version;
  json["created_at"] = c.created_at;
  json["updated_at"] = c.updated_at;
  return json;
}

Json RelationJson(const Relation& r) {
  return {{"id", r.id},
          {"uuid", r.uuid},
          {"child", r.child_case_reference},
          {"person_name", r.person_name},
          {"kind", std::string(RelationKindName(r.kind))},
          {"description", TextOrNull(r.description)},
          {"birth_date", DayOrNull(r.birth_date)},
          {"caregiver", r.caregiver},
          {"in_contact", r.in_contact},
          {"registered_child", TextOrNull(r.registered_child_case_reference)},
          {"created_at", r.created_at}};
}

Json RestrictionJson(const Restriction& s, Date today) {
  Json plans = Json::array();
  for (std::int64_t id : s.plans_put_under_review) plans.push_back(id);
  return {{"id", s.id},
          {"uuid", s.uuid},
          {"child", s.child_case_reference},
          {"relation_id", s.relation_id},
          {"person_name", s.relation_person_name},
          {"kind", std::string(RestrictionKindName(s.kind))},
          {"decision_reference", s.decision_reference},
          {"reason", s.reason},
          {"valid_from", s.valid_from.ToString()},
          {"valid_to", DayOrNull(s.valid_to)},
          {"review_date", s.review_date.ToString()},
          {"status", RestrictionStatus(s, today)},
          {"lifted_on", DayOrNull(s.lifted_on)},
          {"lift_reason", TextOrNull(s.lift_reason)},
          {"created_at", s.created_at},
          {"plans_put_under_review", plans},
          {"events_cancelled", s.events_cancelled}};
}

Json PlacementJson(const Placement& p) {
  return {{"id", p.id},
          {"uuid", p.uuid},
          {"child", p.child_case_reference},
          {"type", std::string(PlacementTypeName(p.type))},
          {"legal_basis", std::string(LegalBasisName(p.legal_basis))},
          {"legal_code", TextOrNull(p.legal_code)},
          {"caregivers", TextOrNull(p.caregivers)},
          {"start", p.start.ToString()},
          {"end", DayOrNull(p.end)},
          {"end_reason", TextOrNull(p.end_reason)},
          {"address", p.address_hidden ? Json(nullptr) : TextOrNull(p.address)},
          {"address_protected", p.address_protected},
          {"address_hidden", p.address_hidden},
          {"created_at", p.created_at}};
}

Json MethodJson(const MethodDescription& m) {
  Json parameters = Json::array();
  for (const MethodParameterInfo& p : m.parameters) {
    parameters.push_back({{"name", p.name},
                          {"type", p.type},
                          {"value", p.value},
                          {"min", TextOrNull(p.min)},
                          {"max", TextOrNull(p.max)},
                          {"description", p.description}});
  }
  Json components = Json::array();
  for (const MethodComponentInfo& c : m.components) {
    components.push_back({{"id", c.id}, {"fidelity", c.fidelity}, {"title", c.title}});
  }
  Json frame = Json::array();
  for (const FrameChange& f : m.frame) {
    frame.push_back({{"when", f.when},
                     {"planned", f.planned},
                     {"decided_by", f.decided_by},
                     {"what", f.what},
                     {"level", f.level},
                     {"nature", f.nature},
                     {"component", TextOrNull(f.component)},
                     {"fidelity_consistent", f.fidelity_consistent},
                     {"goal", f.goal},
                     {"reason", f.reason},
                     {"description", TextOrNull(f.description)}});
  }
  return {{"id", m.id},
          {"version", m.version},
          {"title", m.title},
          {"description", m.description},
          {"origin", m.origin},
          {"kind", m.kind},
          {"capabilities", Texts(m.capabilities)},
          {"based_on", m.chain.size() > 1 ? Json(m.chain[1]) : Json(nullptr)},
          {"base_id", TextOrNull(m.base_id)},
          {"base_range", TextOrNull(m.base_range)},
          {"chain", Texts(m.chain)},
          {"source", m.source},
          {"plugin",
           m.plugin_name.empty() ? Json(nullptr) : Json(m.plugin_name + " " + m.plugin_version)},
          {"plugin_file", TextOrNull(m.plugin_file)},
          {"parameters", parameters},
          {"components", components},
          {"frame", frame}};
}

Json PluginJson(const PluginStatus& p) {
  return {{"file", TextOrNull(p.file)},
          {"name", TextOrNull(p.name)},
          {"version", TextOrNull(p.version)},
          {"license", TextOrNull(p.license)},
          {"origin", TextOrNull(p.origin)},
          {"outcome", p.outcome},
          {"message", TextOrNull(p.message)},
          {"sha256", TextOrNull(p.sha256)},
          {"installed", p.installed},
          {"installed_sha256", TextOrNull(p.installed_sha256)},
          {"installed_by", TextOrNull(p.installed_by)},
          {"installed_at", TextOrNull(p.installed_at)},
          {"hash_matches", p.installed && !p.sha256.empty() && p.sha256 == p.installed_sha256},
          {"methods", Texts(p.methods)}};
}

Json ProposalJson(const ContactPlanProposal& p) {
  Json arrangements = Json::array();
  for (const ProposedArrangement& a : p.arrangements) {
    arrangements.push_back({{"relation_id", a.relation_id},
                            {"person", TextOrNull(a.relation_name)},
                            {"kind", a.relation_kind},
                            {"mode", a.mode},
                            {"rrule", a.rrule},
                            {"start_time", a.start_time},
                            {"minutes", a.duration_minutes},
                            {"supervision", a.supervision},
                            {"venue", TextOrNull(a.venue)},
                            {"rationale", TextOrNull(a.rationale)}});
  }
  return {{"child", p.child_case_reference},
          {"method", p.method_id},
          {"method_version", p.method_version},
          {"chain", Texts(p.chain)},
          {"review_after_months", p.review_after_months},
          {"arrangements", arrangements},
          {"findings", FindingsJson(p.findings)}};
}

Json PlanJson(const ContactPlan& p) {
  Json arrangements = Json::array();
  for (const PlanArrangement& a : p.arrangements) {
    arrangements.push_back({{"id", a.id},
                            {"relation_id", a.relation_id},
                            {"person", a.relation_name},
                            {"relation_kind", a.relation_kind},
                            {"mode", a.mode},
                            {"rrule", a.rrule},
                            {"first_day", a.first_day.ToString()},
                            {"start_time", a.start_time},
                            {"minutes", a.duration_minutes},
                            {"supervision", a.supervision},
                            {"venue", TextOrNull(a.venue)},
                            {"transport", TextOrNull(a.transport)},
                            {"conditions", TextOrNull(a.conditions)}});
  }
  const std::optional<ChildView>& view = p.child_view;
  return {{"id", p.id},
          {"uuid", p.uuid},
          {"child", p.child_case_reference},
          {"status", std::string(PlanStatusName(p.status))},
          {"purpose", TextOrNull(p.purpose)},
          {"method_id", p.method_id},
          {"method_version", p.method_version},
          {"method_chain", Texts(p.method_chain)},
          {"child_view_text", view ? Json(view->text) : Json(nullptr)},
          {"child_view_on", view ? Json(view->recorded_on.ToString()) : Json(nullptr)},
          {"child_view_how", view ? Json(view->how) : Json(nullptr)},
          {"review_date", DayOrNull(p.review_date)},
          {"approved_by", TextOrNull(p.approved_by)},
          {"approved_at", TextOrNull(p.approved_at)},
          {"ended_on", DayOrNull(p.ended_on)},
          {"end_reason", TextOrNull(p.end_reason)},
          {"version", p.version},
          {"created_at", p.created_at},
          {"updated_at", p.updated_at},
          {"arrangements", arrangements},
          {"findings", FindingsJson(p.findings)}};
}

Json ReviewJson(const PlanReview& r) {
  Json adherence = Json::array();
  for (const ReviewAdherence& a : r.adherence) {
    adherence.push_back({{"relation_id", a.relation_id},
                         {"person", a.relation_name},
                         {"mode", a.mode},
                         {"planned", a.planned},
                         {"held", a.held},
                         {"cancelled", a.cancelled},
                         {"no_show", a.no_show},
                         {"open", a.open},
                         {"percent", Percent(a.ratio)}});
  }
  Json fidelity = Json::array();
  for (const ReviewComponent& c : r.fidelity) {
    fidelity.push_back({{"component", c.component}, {"met", c.met}, {"note", TextOrNull(c.note)}});
  }
  return {{"id", r.id},
          {"plan", r.plan_id},
          {"reviewed_on", r.reviewed_on.ToString()},
          {"period_from", r.period_from.ToString()},
          {"period_to", r.period_to.ToString()},
          {"method", r.method_id + "@" + r.method_version},
          {"next_review", r.next_review.ToString()},
          {"revise", r.revise},
          {"reviewed_by", r.reviewed_by},
          {"created_at", r.created_at},
          {"adherence", adherence},
          {"fidelity", fidelity},
          {"findings", FindingsJson(r.findings)}};
}

Json EventJson(const ContactEvent& e) {
  return {
      {"id", e.id},
      {"plan", e.plan_id},
      {"arrangement", e.arrangement_id != 0 ? Json(e.arrangement_id) : Json(nullptr)},
      {"child", e.child_case_reference},
      {"child_name", TextOrNull(e.child_name)},
      {"relation_id", e.relation_id},
      {"person", e.relation_name},
      {"relation_kind", e.relation_kind},
      {"mode", e.mode},
      {"supervision", e.supervision},
      {"venue", TextOrNull(e.venue)},
      {"day", e.local_day.ToString()},
      {"time", e.local_start},
      {"starts_utc", e.starts_utc},
      {"ends_utc", e.ends_utc},
      {"status", std::string(EventStatusName(e.status))},
      {"outcome", e.outcome ? Json(std::string(ContactOutcomeName(*e.outcome))) : Json(nullptr)},
      {"replacement_offered", e.replacement_offered},
      {"attended", TextOrNull(e.attended)},
      {"notes", TextOrNull(e.notes)},
      {"child_reaction", TextOrNull(e.child_reaction)},
      {"logged_by", TextOrNull(e.logged_by)},
      {"logged_at", TextOrNull(e.logged_at)},
      {"cancel_reason", TextOrNull(e.cancel_reason)},
      {"responsible", TextOrNull(e.responsible)}};
}

Json ScheduleJson(const ScheduleResult& r) {
  return {{"through", r.through.ToString()},
          {"plans", r.plans},
          {"created", r.created},
          {"withheld", r.withheld}};
}

Json SiteJson(const Site& s) {
  return {{"code", s.code},
          {"kind", std::string(SiteKindName(s.kind))},
          {"name", s.name},
          {"address", TextOrNull(s.address)},
          {"capacity", PositiveOrNull(s.capacity)},
          {"opening_hours", TextOrNull(s.opening_hours)},
          {"uuid", s.uuid},
          {"created_at", s.created_at}};
}

Json StaffJson(const StaffAssignment& a) {
  return {{"id", a.id},
          {"site", a.site_code},
          {"worker", a.worker_account},
          {"name", a.worker_name},
          {"roles", SplitTexts(a.roles)},
          {"from", a.from.ToString()},
          {"last_day", DayOrNull(a.to)}};
}

Json TrainingJson(const TrainingRecord& t) {
  return {{"id", t.id},
          {"worker", t.worker_account},
          {"name", t.worker_name},
          {"method", t.method_id},
          {"trained_on", t.trained_on.ToString()},
          {"trained_by", t.trained_by},
          {"hours", PositiveOrNull(t.hours)},
          {"notes", TextOrNull(t.notes)},
          {"recorded_by", t.recorded_by},
          {"created_at", t.created_at}};
}

Json ActivityJson(const Activity& a) {
  Json json = {{"id", a.id},
               {"uuid", a.uuid},
               {"site", a.site_code},
               {"site_name", a.site_name},
               {"name", a.name},
               {"kind", std::string(ActivityKindName(a.kind))},
               {"method", TextOrNull(a.method_id)}};
  AddSchedule(json, a.schedule);
  json["capacity"] = a.capacity;
  json["enrolled"] = a.enrolled;
  json["waiting"] = a.waiting;
  json["groups"] = a.groups;
  json["leader"] = TextOrNull(a.leader_account);
  json["leader_name"] = TextOrNull(a.leader_name);
  json["created_at"] = a.created_at;
  return json;
}

Json EnrolmentJson(const Enrolment& e) {
  return {{"id", e.id},
          {"activity", e.activity_id},
          {"activity_name", e.activity_name},
          {"child", e.child_case_reference},
          {"name", TextOrNull(e.child_name)},
          {"age", e.age_years},
          {"status", std::string(EnrolmentStatusName(e.status))},
          {"waiting_position", PositiveOrNull(e.waiting_position)},
          {"requested_on", e.requested_on.ToString()},
          {"enrolled_on", DayOrNull(e.enrolled_on)},
          {"left_on", DayOrNull(e.left_on)},
          {"note", TextOrNull(e.note)}};
}

Json LeaveJson(const LeaveResult& r) {
  Json json = EnrolmentJson(r.left);
  Json promoted = Json::array();
  for (const Enrolment& e : r.promoted) promoted.push_back(EnrolmentJson(e));
  json["promoted"] = promoted;
  return json;
}

Json GroupJson(const Group& g) {
  Json json = {{"id", g.id},
               {"activity_id", g.activity_id},
               {"activity", g.activity_name},
               {"site", g.site_code},
               {"name", g.name},
               {"leader", TextOrNull(g.leader_account)},
               {"leader_name", TextOrNull(g.leader_name)}};
  AddSchedule(json, g.schedule);
  json["own_schedule"] = g.own_schedule;
  json["venue"] = TextOrNull(g.venue);
  json["members"] = g.members;
  json["created_at"] = g.created_at;
  return json;
}

Json GroupProposalJson(const GroupProposal& p) {
  Json groups = Json::array();
  std::int64_t number = 0;
  for (const ProposedGroup& g : p.groups) {
    const bool own = !g.schedule.rrule.empty();
    groups.push_back({{"number", ++number},
                      {"name", g.name},
                      {"size", g.members.size()},
                      {"members", Texts(g.members)},
                      {"rrule", own ? Json(g.schedule.rrule) : Json(nullptr)},
                      {"first_day", own ? Json(g.schedule.first_day.ToString()) : Json(nullptr)},
                      {"last_day", own ? DayOrNull(g.schedule.last_day) : Json(nullptr)},
                      {"time", own ? Json(g.schedule.start_time) : Json(nullptr)},
                      {"minutes", own ? Json(g.schedule.duration_minutes) : Json(nullptr)},
                      {"venue", TextOrNull(g.venue)},
                      {"leader", TextOrNull(g.leader_account)},
                      {"rationale", TextOrNull(g.rationale)}});
  }
  return {{"activity", p.activity_id},      {"method", p.method_id + "@" + p.method_version},
          {"method_chain", Texts(p.chain)}, {"groups", groups},
          {"unplaced", Texts(p.unplaced)},  {"findings", FindingsJson(p.findings)}};
}

Json MemberJson(const GroupMember& m) {
  return {{"group_id", m.group_id},
          {"child", m.child_case_reference},
          {"name", TextOrNull(m.child_name)},
          {"age", m.age_years},
          {"joined_on", m.joined_on.ToString()},
          {"left_on", DayOrNull(m.left_on)}};
}

Json SessionJson(const Session& s) {
  return {{"id", s.id},
          {"activity_id", s.activity_id},
          {"activity", s.activity_name},
          {"kind", std::string(ActivityKindName(s.kind))},
          {"group_id", s.group_id != 0 ? Json(s.group_id) : Json(nullptr)},
          {"group", TextOrNull(s.group_name)},
          {"site", s.site_code},
          {"day", s.local_day.ToString()},
          {"time", s.local_start},
          {"starts_utc", s.starts_utc},
          {"ends_utc", s.ends_utc},
          {"leader", TextOrNull(s.leader_account)},
          {"status", std::string(SessionStatusName(s.status))},
          {"extra", s.extra},
          {"cancel_reason", TextOrNull(s.cancel_reason)},
          {"held_by", TextOrNull(s.held_by)},
          {"present", s.present},
          {"absent", s.absent},
          {"excused", s.excused}};
}

Json SessionScheduleJson(const SessionScheduleResult& r) {
  return {{"through", r.through.ToString()}, {"created", r.created}};
}

Json AttendanceJson(const AttendanceRecord& r) {
  return {{"session_id", r.session_id},
          {"day", r.local_day.ToString()},
          {"child", r.child_case_reference},
          {"name", TextOrNull(r.child_name)},
          {"mark", std::string(AttendanceMarkName(r.mark))},
          {"note", TextOrNull(r.note)},
          {"recorded_by", r.recorded_by},
          {"recorded_at", r.recorded_at}};
}

Json AttendanceResultJson(const AttendanceResult& r) {
  Json json = SessionJson(r.session);
  json["recorded"] = r.recorded;
  Json events = Json::array();
  for (std::int64_t id : r.contact_events_logged) events.push_back(id);
  json["contact_events_logged"] = events;
  return json;
}

Json AttendanceReportJson(const AttendanceReport& r, int recent_days) {
  std::vector<std::string> flagged_children;
  Json children = Json::array();
  for (const ChildAttendance& c : r.children) {
    if (c.flagged && std::find(flagged_children.begin(), flagged_children.end(),
                               c.child_case_reference) == flagged_children.end()) {
      flagged_children.push_back(c.child_case_reference);
    }
    const int earlier_expected = c.expected - c.recent_expected;
    children.push_back({{"child", c.child_case_reference},
                        {"name", TextOrNull(c.child_name)},
                        {"activity_id", c.activity_id},
                        {"activity", c.activity_name},
                        {"group", TextOrNull(c.group_name)},
                        {"expected", c.expected},
                        {"present", c.present},
                        {"absent", c.absent},
                        {"excused", c.excused},
                        {"not_recorded", c.not_recorded},
                        {"rate_percent", RateOrNull(c.rate, c.expected - c.excused)},
                        {"recent_percent", RateOrNull(c.recent_rate, c.recent_expected)},
                        {"earlier_percent", RateOrNull(c.earlier_rate, earlier_expected)},
                        {"flag", c.flagged ? Json("falling") : Json(nullptr)}});
  }
  Json groups = Json::array();
  Json findings = Json::array();
  for (const GroupFidelity& g : r.groups) {
    Json bounds = nullptr;
    if (g.size_min > 0 || g.size_max > 0) {
      bounds = (g.size_min > 0 ? std::to_string(g.size_min) : std::string()) + "–" +
               (g.size_max > 0 ? std::to_string(g.size_max) : std::string());
    }
    groups.push_back({{"group_id", g.group_id},
                      {"activity", g.activity_name},
                      {"group", g.group_name},
                      {"leader", TextOrNull(g.leader_account)},
                      {"leader_trained", g.leader_trained},
                      {"members", g.members},
                      {"size_bounds", bounds},
                      {"size_within_bounds", g.size_within_bounds},
                      {"sessions_planned", g.sessions_planned},
                      {"sessions_held", g.sessions_held},
                      {"sessions_cancelled", g.sessions_cancelled},
                      {"rate_percent", RateOrNull(g.rate, g.sessions_held)}});
    for (const MethodFinding& f : g.findings) {
      findings.push_back({{"group_id", g.group_id},
                          {"severity", f.severity},
                          {"code", f.code},
                          {"message", f.message}});
    }
  }
  Json activities = Json::array();
  for (const ActivityUse& a : r.activities) {
    activities.push_back(
        {{"activity_id", a.activity_id},
         {"activity", a.activity_name},
         {"site", a.site_code},
         {"capacity", a.capacity},
         {"enrolled", a.enrolled},
         {"waiting", a.waiting},
         {"use_percent", RateOrNull(a.use, a.capacity)},
         {"sessions_held", a.sessions_held},
         {"average_present",
          a.sessions_held > 0 ? Json(fmt::format("{:.1f}", a.average_present)) : Json(nullptr)}});
  }
  return {{"from", r.from.ToString()},
          {"to", r.to.ToString()},
          {"recent_from", r.recent_from.ToString()},
          {"recent_days", recent_days},
          {"threshold_percent", Percent(r.threshold)},
          {"flagged", flagged_children.size()},
          {"children", children},
          {"groups", groups},
          {"activities", activities},
          {"findings", findings}};
}

Json AuditEntryJson(const AuditEntry& e) {
  std::string entity = e.entity_type;
  if (!e.entity.empty()) entity += " " + e.entity;
  return {{"sequence", e.sequence},
          {"at", e.at},
          {"worker", e.worker_account},
          {"action", e.action},
          {"entity", entity},
          {"children", Texts(e.children)},
          {"purpose", TextOrNull(e.purpose)},
          {"details", TextOrNull(e.details)},
          {"previous_hash", e.previous_hash},
          {"hash", e.hash}};
}

Json VerificationJson(const AuditVerification& v) {
  return {{"intact", v.intact},
          {"entries", v.entries},
          {"first_bad", v.first_bad ? Json(*v.first_bad) : Json(nullptr)},
          {"problem", TextOrNull(v.problem)},
          {"head_hash", v.head_hash}};
}

}  // namespace kinbridge::capi
