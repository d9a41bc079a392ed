#include "views.h"

#include <algorithm>
#include <cctype>
#include <set>

#include <nlohmann/json.hpp>

#include "labels.h"
#include "tr.h"

namespace kinbridge::cli {

Value DateValue(const std::optional<Date>& date) {
  if (!date) return std::monostate{};
  return DateCell{date->ToString()};
}

Value TimestampValue(const std::string& timestamp) { return DateCell{timestamp}; }

Value ListValue(const std::vector<std::string>& items) {
  std::string joined;
  for (const auto& item : items) {
    if (!joined.empty()) joined += ",";
    joined += item;
  }
  return joined;
}

namespace {

Value NationalIdValue(const Child& child) {
  if (!child.national_id) return std::monostate{};
  return child.national_id->Display();
}

Value SchemeValue(const Child& child) {
  if (!child.national_id) return std::monostate{};
  return NationalIdSchemeLabel(child.national_id->scheme);
}

Label RestrictionStatus(const Restriction& s, Date today) {
  if (s.lifted_on && *s.lifted_on <= today) return RestrictionStatusLabel("lifted");
  if (s.valid_to && *s.valid_to < today) return RestrictionStatusLabel("expired");
  if (s.valid_from > today) return RestrictionStatusLabel("pending");
  return RestrictionStatusLabel("in-force");
}

}  // namespace

std::vector<Column> ChildColumns() {
  return {{"case_reference", _("Case")},     {"name", _("Name")},
          {"birth_date", _("Born")},         {"age", _("Age"), true},
          {"national_id", _("National id")}, {"status", _("Status")}};
}

namespace {

std::string Hidden() { return _("(protected)"); }

}  // namespace

std::vector<Value> ChildRow(const Child& c, Date today) {
  if (c.identity_hidden) {
    return {c.case_reference, Hidden(),         std::monostate{},
            std::monostate{}, std::monostate{}, ChildStatusLabel(c.status)};
  }
  return {c.case_reference,        c.name,
          DateValue(c.birth_date), std::int64_t{c.birth_date.AgeOn(today)},
          NationalIdValue(c),      ChildStatusLabel(c.status)};
}

std::vector<Field> ChildFields(const Child& c, Date today) {
  if (c.identity_hidden) {
    return {
        {"case_reference", _("Case reference"), c.case_reference},
        {"uuid", _("Uuid"), c.uuid},
        {"name", _("Name"), Hidden()},
        {"identity_hidden", _("Identity protected"), true},
        {"status", _("Status"), ChildStatusLabel(c.status)},
        {"closed_on", _("Closed on"), DateValue(c.closed_on)},
        {"version", _("Version"), c.version},
    };
  }
  return {
      {"case_reference", _("Case reference"), c.case_reference},
      {"uuid", _("Uuid"), c.uuid},
      {"name", _("Name"), c.name},
      {"birth_date", _("Birth date"), DateValue(c.birth_date)},
      {"age", _("Age"), std::int64_t{c.birth_date.AgeOn(today)}},
      {"national_id", _("National id"), NationalIdValue(c)},
      {"national_id_scheme", _("Id scheme"), SchemeValue(c)},
      {"languages", _("Languages"), ListValue(c.languages)},
      {"school", _("School"), c.school},
      {"protected_identity", _("Protected identity"), c.protected_identity},
      {"status", _("Status"), ChildStatusLabel(c.status)},
      {"closed_on", _("Closed on"), DateValue(c.closed_on)},
      {"close_reason", _("Reason for closing"), OptionalText(c.close_reason)},
      {"version", _("Version"), c.version},
      {"created_at", _("Registered"), TimestampValue(c.created_at)},
      {"updated_at", _("Last changed"), TimestampValue(c.updated_at)},
  };
}

std::vector<Column> RelationColumns() {
  return {{"id", _("Id"), true},
          {"child", _("Child")},
          {"person_name", _("Person")},
          {"kind", _("Relation")},
          {"description", _("Description")},
          {"birth_date", _("Born")},
          {"caregiver", _("Caregiver")},
          {"in_contact", _("In contact")}};
}

std::vector<Value> RelationRow(const Relation& r) {
  return {r.id,          r.child_case_reference,  r.person_name, RelationKindLabel(r.kind),
          r.description, DateValue(r.birth_date), r.caregiver,   r.in_contact};
}

std::vector<Column> RestrictionColumns(bool with_child) {
  std::vector<Column> columns = {{"id", _("Id"), true}};
  if (with_child) columns.push_back({"child", _("Child")});
  for (Column c : std::vector<Column>{{"relation_id", _("Relation"), true},
                                      {"person_name", _("Person")},
                                      {"kind", _("Restriction")},
                                      {"decision_reference", _("Decision")},
                                      {"reason", _("Reason")},
                                      {"valid_from", _("From")},
                                      {"valid_to", _("To")},
                                      {"review_date", _("Review by")},
                                      {"status", _("Status")}}) {
    columns.push_back(std::move(c));
  }
  return columns;
}

std::vector<Value> RestrictionRow(const Restriction& s, bool with_child, Date today) {
  std::vector<Value> row = {s.id};
  if (with_child) row.emplace_back(s.child_case_reference);
  for (Value v : std::vector<Value>{s.relation_id, s.relation_person_name,
                                    RestrictionKindLabel(s.kind), s.decision_reference, s.reason,
                                    DateValue(s.valid_from), DateValue(s.valid_to),
                                    DateValue(s.review_date), RestrictionStatus(s, today)}) {
    row.push_back(std::move(v));
  }
  return row;
}

std::vector<Column> PlacementColumns() {
  return {{"id", _("Id"), true},     {"child", _("Child")},
          {"type", _("Type")},       {"legal_basis", _("Legal basis")},
          {"legal_code", _("Law")},  {"caregivers", _("Caregivers")},
          {"start", _("Start")},     {"end", _("End")},
          {"address", _("Address")}, {"address_protected", _("Protected address")}};
}

std::vector<Value> PlacementRow(const Placement& p) {
  return {p.id,
          p.child_case_reference,
          PlacementTypeLabel(p.type),
          LegalBasisLabel(p.legal_basis),
          p.legal_code,
          p.caregivers,
          DateValue(p.start),
          DateValue(p.end),
          p.address_hidden ? Value(Hidden()) : Value(p.address),
          p.address_protected};
}

std::vector<Column> EventColumns() {
  return {{"id", _("Event"), true},
          {"day", _("Day")},
          {"time", _("Time")},
          {"child", _("Child")},
          {"relation_id", _("Relation"), true},
          {"person", _("Person")},
          {"mode", _("Mode")},
          {"supervision", _("Supervision")},
          {"venue", _("Venue")},
          {"status", _("Status")},
          {"outcome", _("Outcome")},
          {"responsible", _("Responsible")},
          {"plan", _("Plan"), true},
          {"starts_utc", _("Starts (UTC)")},
          {"ends_utc", _("Ends (UTC)")}};
}

Value OptionalText(const std::string& text) {
  return text.empty() ? Value(std::monostate{}) : Value(text);
}

std::vector<Value> EventRow(const ContactEvent& e) {
  return {e.id,
          DateValue(e.local_day),
          e.local_start,
          e.child_case_reference,
          e.relation_id,
          e.relation_name,
          ContactModeLabel(e.mode),
          SupervisionLabel(e.supervision),
          VenueValue(e.venue),
          EventStatusLabel(e.status),
          e.outcome ? Value(ContactOutcomeLabel(*e.outcome)) : Value(std::monostate{}),
          OptionalText(e.responsible),
          e.plan_id,
          TimestampValue(e.starts_utc),
          TimestampValue(e.ends_utc)};
}

Record EventRecord(const ContactEvent& e) {
  return {{{"id", _("Event"), e.id},
           {"plan", _("Plan"), e.plan_id},
           {"arrangement", _("Arrangement"),
            e.arrangement_id != 0 ? Value(e.arrangement_id) : Value(std::monostate{})},
           {"child", _("Child"), e.child_case_reference},
           {"child_name", _("Name"), OptionalText(e.child_name)},
           {"relation_id", _("Relation"), e.relation_id},
           {"person", _("Person"), e.relation_name},
           {"relation_kind", _("Kind"), RelationKindLabel(e.relation_kind)},
           {"mode", _("Mode"), ContactModeLabel(e.mode)},
           {"supervision", _("Supervision"), SupervisionLabel(e.supervision)},
           {"venue", _("Venue"), OptionalText(e.venue)},
           {"day", _("Day"), DateValue(e.local_day)},
           {"time", _("Time"), e.local_start},
           {"starts_utc", _("Starts (UTC)"), TimestampValue(e.starts_utc)},
           {"ends_utc", _("Ends (UTC)"), TimestampValue(e.ends_utc)},
           {"status", _("Status"), EventStatusLabel(e.status)},
           {"outcome", _("Outcome"),
            e.outcome ? Value(ContactOutcomeLabel(*e.outcome)) : Value(std::monostate{})},
           {"replacement_offered", _("Replacement offered"), e.replacement_offered},
           {"attended", _("Who attended"), OptionalText(e.attended)},
           {"notes", _("Notes"), OptionalText(e.notes)},
           {"child_reaction", _("The child's reaction"), OptionalText(e.child_reaction)},
           {"logged_by", _("Logged by"), OptionalText(e.logged_by)},
           {"logged_at", _("Logged at"),
            e.logged_at.empty() ? Value(std::monostate{}) : TimestampValue(e.logged_at)},
           {"cancel_reason", _("Cancelled because"), OptionalText(e.cancel_reason)},
           {"responsible", _("Responsible"), OptionalText(e.responsible)}},
          {}};
}

ComponentTitles TitlesOf(const MethodDescription& method) {
  ComponentTitles titles;
  for (const MethodComponentInfo& c : method.components) {
    if (!c.title.empty()) titles[c.id] = c.title;
  }
  return titles;
}

ComponentTitles MethodComponentTitles(Workspace& ws, const std::string& method) {
  Result<MethodDescription> m = ws.DescribeMethod(method);
  return m.ok() ? TitlesOf(*m) : ComponentTitles{};
}

Value ComponentCell(const std::string& id, const ComponentTitles& titles) {
  if (id.empty()) return std::string();
  auto it = titles.find(id);
  return Label{id, it == titles.end() ? id : it->second};
}

Section FindingsSection(const std::vector<MethodFinding>& findings, const ComponentTitles& titles) {
  // A finding's code is for programs (JSON, CSV); a person reads the component it concerns and
  // the message.
  Section section{"findings",
                  _("Notes from the method"),
                  {{"severity", _("Severity")},
                   {"code", _("Concerns")},
                   {"subject", _("About")},
                   {"message", _("Message")}},
                  {}};
  for (const auto& f : findings) {
    auto it = titles.find(f.component);
    std::string text = it != titles.end()    ? it->second
                       : f.component.empty() ? std::string(C_("finding concerns", "the plan"))
                                             : f.component;
    const Value concerns = Label{f.code, std::move(text)};
    section.rows.push_back({SeverityLabel(f.severity), concerns, f.subject, f.message});
  }
  return section;
}

Record ReviewRecord(const PlanReview& r, const ComponentTitles& titles) {
  Record record{{{"id", _("Review"), r.id},
                 {"plan", _("Plan"), r.plan_id},
                 {"reviewed_on", _("Reviewed on"), DateValue(r.reviewed_on)},
                 {"period_from", _("Period from"), DateValue(r.period_from)},
                 {"period_to", _("Period to"), DateValue(r.period_to)},
                 {"method", _("Method"), r.method_id + "@" + r.method_version},
                 {"next_review", _("Next review"), DateValue(r.next_review)},
                 {"revise", _("Put under review"), r.revise},
                 {"reviewed_by", _("Reviewed by"), r.reviewed_by}},
                {}};
  Section adherence{"adherence",
                    _("Adherence"),
                    {{"relation_id", _("Relation"), true},
                     {"person", _("Person")},
                     {"mode", _("Mode")},
                     {"planned", _("Planned"), true},
                     {"held", _("Held"), true},
                     {"cancelled", _("Cancelled"), true},
                     {"no_show", _("No-show"), true},
                     {"open", _("Not logged"), true},
                     {"percent", _("Held %"), true}},
                    {}};
  for (const ReviewAdherence& a : r.adherence) {
    adherence.rows.push_back(
        {a.relation_id, a.relation_name, ContactModeLabel(a.mode), std::int64_t{a.planned},
         std::int64_t{a.held}, std::int64_t{a.cancelled}, std::int64_t{a.no_show},
         std::int64_t{a.open}, static_cast<std::int64_t>(a.ratio * 100.0 + 0.5)});
  }
  Section fidelity{"fidelity",
                   _("Fidelity to the method's components"),
                   {{"component", _("Component")}, {"met", _("Met")}, {"note", _("Note")}},
                   {}};
  for (const ReviewComponent& c : r.fidelity) {
    fidelity.rows.push_back({ComponentCell(c.component, titles), c.met, c.note});
  }
  record.sections = {std::move(adherence), std::move(fidelity),
                     FindingsSection(r.findings, titles)};
  return record;
}

std::int64_t Percent(double rate) { return static_cast<std::int64_t>(rate * 100.0 + 0.5); }

namespace {

Value PositiveValue(std::int64_t n) { return n > 0 ? Value(n) : Value(std::monostate{}); }

}  // namespace

std::vector<Column> SiteColumns() {
  return {{"code", _("Code")},
          {"kind", _("Kind")},
          {"name", _("Site name")},
          {"address", _("Address")},
          {"capacity", _("Capacity"), true},
          {"opening_hours", _("Opening hours")}};
}

std::vector<Value> SiteRow(const Site& s) {
  return {s.code,
          SiteKindLabel(s.kind),
          s.name,
          OptionalText(s.address),
          PositiveValue(s.capacity),
          OptionalText(s.opening_hours)};
}

std::vector<Field> SiteFields(const Site& s) {
  return {{"code", _("Code"), s.code},
          {"kind", _("Kind"), SiteKindLabel(s.kind)},
          {"name", _("Site name"), s.name},
          {"address", _("Address"), OptionalText(s.address)},
          {"capacity", _("Capacity"), PositiveValue(s.capacity)},
          {"opening_hours", _("Opening hours"), OptionalText(s.opening_hours)},
          {"uuid", _("Uuid"), s.uuid},
          {"created_at", _("Registered"), TimestampValue(s.created_at)}};
}

std::vector<Column> StaffColumns() {
  return {{"id", _("Id"), true},      {"site", _("Site")},   {"worker", _("Worker")},
          {"name", _("Name")},        {"roles", _("Roles")}, {"from", _("From")},
          {"last_day", _("Last day")}};
}

std::vector<Value> StaffRow(const StaffAssignment& a) {
  return {a.id,           a.site_code,         a.worker_account,
          a.worker_name,  RolesLabel(a.roles), DateValue(a.from),
          DateValue(a.to)};
}

std::vector<Column> TrainingColumns() {
  return {{"id", _("Id"), true},
          {"worker", _("Worker")},
          {"name", _("Name")},
          {"method", _("Method")},
          {"trained_on", _("Trained on")},
          {"trained_by", _("Trained by")},
          {"hours", _("Hours"), true},
          {"notes", _("Notes")},
          {"recorded_by", _("Recorded by")}};
}

std::vector<Value> TrainingRow(const TrainingRecord& t) {
  return {t.id,
          t.worker_account,
          t.worker_name,
          t.method_id,
          DateValue(t.trained_on),
          t.trained_by,
          PositiveValue(t.hours),
          OptionalText(t.notes),
          t.recorded_by};
}

std::vector<Column> ActivityColumns() {
  return {{"id", _("Id"), true},
          {"site", _("Site")},
          {"name", _("Activity name")},
          {"kind", _("Kind")},
          {"method", _("Method")},
          {"rrule", _("Recurrence")},
          {"first_day", _("From")},
          {"last_day", _("Last day")},
          {"time", _("Time")},
          {"minutes", _("Minutes"), true},
          {"capacity", _("Capacity"), true},
          {"enrolled", _("Enrolled"), true},
          {"waiting", _("Waiting"), true},
          {"groups", _("Groups"), true},
          {"leader", _("Leader")}};
}

std::vector<Value> ActivityRow(const Activity& a) {
  return {a.id,
          a.site_code,
          a.name,
          ActivityKindLabel(a.kind),
          OptionalText(a.method_id),
          RecurrenceLabel(a.schedule.rrule),
          DateValue(a.schedule.first_day),
          DateValue(a.schedule.last_day),
          a.schedule.start_time,
          std::int64_t{a.schedule.duration_minutes},
          std::int64_t{a.capacity},
          std::int64_t{a.enrolled},
          std::int64_t{a.waiting},
          std::int64_t{a.groups},
          OptionalText(a.leader_account)};
}

std::vector<Field> ActivityFields(const Activity& a) {
  return {{"id", _("Activity"), a.id},
          {"uuid", _("Uuid"), a.uuid},
          {"site", _("Site"), a.site_code},
          {"site_name", _("Site name"), a.site_name},
          {"name", _("Activity name"), a.name},
          {"kind", _("Kind"), ActivityKindLabel(a.kind)},
          {"method", _("Method"), OptionalText(a.method_id)},
          {"rrule", _("Recurrence"), RecurrenceLabel(a.schedule.rrule)},
          {"first_day", _("From"), DateValue(a.schedule.first_day)},
          {"last_day", _("Last day"), DateValue(a.schedule.last_day)},
          {"time", _("Time"), a.schedule.start_time},
          {"minutes", _("Minutes"), std::int64_t{a.schedule.duration_minutes}},
          {"capacity", _("Capacity"), std::int64_t{a.capacity}},
          {"enrolled", _("Enrolled"), std::int64_t{a.enrolled}},
          {"waiting", _("Waiting"), std::int64_t{a.waiting}},
          {"groups", _("Groups"), std::int64_t{a.groups}},
          {"leader", _("Leader"), OptionalText(a.leader_account)},
          {"leader_name", _("Leader's name"), OptionalText(a.leader_name)},
          {"created_at", _("Registered"), TimestampValue(a.created_at)}};
}

std::vector<Column> EnrolmentColumns() {
  return {{"child", _("Child")},
          {"name", _("Name")},
          {"age", _("Age"), true},
          {"status", _("Status")},
          {"waiting_position", _("Place in line"), true},
          {"requested_on", _("Put forward")},
          {"enrolled_on", _("Enrolled from")},
          {"left_on", _("Last day")},
          {"note", _("Note")}};
}

std::vector<Value> EnrolmentRow(const Enrolment& e) {
  return {e.child_case_reference,
          OptionalText(e.child_name),
          std::int64_t{e.age_years},
          EnrolmentStatusLabel(e.status),
          PositiveValue(e.waiting_position),
          DateValue(e.requested_on),
          DateValue(e.enrolled_on),
          DateValue(e.left_on),
          OptionalText(e.note)};
}

std::vector<Field> EnrolmentFields(const Enrolment& e) {
  return {{"activity", _("Activity"), e.activity_id},
          {"activity_name", _("Activity name"), e.activity_name},
          {"child", _("Child"), e.child_case_reference},
          {"name", _("Name"), OptionalText(e.child_name)},
          {"age", _("Age"), std::int64_t{e.age_years}},
          {"status", _("Status"), EnrolmentStatusLabel(e.status)},
          {"waiting_position", _("Place in line"), PositiveValue(e.waiting_position)},
          {"requested_on", _("Put forward"), DateValue(e.requested_on)},
          {"enrolled_on", _("Enrolled from"), DateValue(e.enrolled_on)},
          {"left_on", _("Last day"), DateValue(e.left_on)},
          {"note", _("Note"), OptionalText(e.note)}};
}

std::vector<Column> GroupColumns() {
  return {{"id", _("Group"), true},
          {"activity_id", _("Activity"), true},
          {"activity", _("Activity name")},
          {"name", _("Group name")},
          {"leader", _("Leader")},
          {"rrule", _("Recurrence")},
          {"time", _("Time")},
          {"minutes", _("Minutes"), true},
          {"venue", _("Venue")},
          {"members", _("Members"), true}};
}

std::vector<Value> GroupRow(const Group& g) {
  return {g.id,
          g.activity_id,
          g.activity_name,
          g.name,
          OptionalText(g.leader_account),
          RecurrenceLabel(g.schedule.rrule),
          g.schedule.start_time,
          std::int64_t{g.schedule.duration_minutes},
          VenueValue(g.venue),
          std::int64_t{g.members}};
}

std::vector<Field> GroupFields(const Group& g) {
  return {{"id", _("Group"), g.id},
          {"activity_id", _("Activity"), g.activity_id},
          {"activity", _("Activity name"), g.activity_name},
          {"site", _("Site"), g.site_code},
          {"name", _("Name"), g.name},
          {"leader", _("Leader"), OptionalText(g.leader_account)},
          {"leader_name", _("Leader's name"), OptionalText(g.leader_name)},
          {"rrule", _("Recurrence"), RecurrenceLabel(g.schedule.rrule)},
          {"first_day", _("From"), DateValue(g.schedule.first_day)},
          {"last_day", _("Last day"), DateValue(g.schedule.last_day)},
          {"time", _("Time"), g.schedule.start_time},
          {"minutes", _("Minutes"), std::int64_t{g.schedule.duration_minutes}},
          {"own_schedule", _("Own schedule"), g.own_schedule},
          {"venue", _("Venue"), OptionalText(g.venue)},
          {"members", _("Members"), std::int64_t{g.members}},
          {"created_at", _("Registered"), TimestampValue(g.created_at)}};
}

std::vector<Column> MemberColumns() {
  return {{"child", _("Child")},
          {"name", _("Name")},
          {"age", _("Age"), true},
          {"joined_on", _("Joined on")},
          {"left_on", _("Last day")}};
}

std::vector<Value> MemberRow(const GroupMember& m) {
  return {m.child_case_reference, OptionalText(m.child_name), std::int64_t{m.age_years},
          DateValue(m.joined_on), DateValue(m.left_on)};
}

std::vector<Column> SessionColumns() {
  return {{"id", _("Session"), true},
          {"day", _("Day")},
          {"time", _("Time")},
          {"activity_id", _("Activity"), true},
          {"activity", _("Activity name")},
          {"group_id", _("Group"), true},
          {"group", _("Group name")},
          {"kind", _("Kind")},
          {"site", _("Site")},
          {"leader", _("Leader")},
          {"status", _("Status")},
          {"present", _("Present"), true},
          {"absent", _("Absent"), true},
          {"excused", _("Excused"), true},
          {"starts_utc", _("Starts (UTC)")},
          {"ends_utc", _("Ends (UTC)")}};
}

namespace {

Value GroupIdValue(std::int64_t id) { return id != 0 ? Value(id) : Value(std::monostate{}); }

}  // namespace

std::vector<Value> SessionRow(const Session& s) {
  return {s.id,
          DateValue(s.local_day),
          s.local_start,
          s.activity_id,
          s.activity_name,
          GroupIdValue(s.group_id),
          OptionalText(s.group_name),
          ActivityKindLabel(s.kind),
          s.site_code,
          OptionalText(s.leader_account),
          SessionStatusLabel(s.status),
          std::int64_t{s.present},
          std::int64_t{s.absent},
          std::int64_t{s.excused},
          TimestampValue(s.starts_utc),
          TimestampValue(s.ends_utc)};
}

std::vector<Field> SessionFields(const Session& s) {
  return {{"id", _("Session"), s.id},
          {"activity_id", _("Activity"), s.activity_id},
          {"activity", _("Activity name"), s.activity_name},
          {"kind", _("Kind"), ActivityKindLabel(s.kind)},
          {"group_id", _("Group"), GroupIdValue(s.group_id)},
          {"group", _("Group name"), OptionalText(s.group_name)},
          {"site", _("Site"), s.site_code},
          {"day", _("Day"), DateValue(s.local_day)},
          {"time", _("Time"), s.local_start},
          {"starts_utc", _("Starts (UTC)"), TimestampValue(s.starts_utc)},
          {"ends_utc", _("Ends (UTC)"), TimestampValue(s.ends_utc)},
          {"leader", _("Leader"), OptionalText(s.leader_account)},
          {"status", _("Status"), SessionStatusLabel(s.status)},
          {"extra", _("Extra session"), s.extra},
          {"cancel_reason", _("Cancelled because"), OptionalText(s.cancel_reason)},
          {"held_by", _("Attendance recorded by"), OptionalText(s.held_by)},
          {"present", _("Present"), std::int64_t{s.present}},
          {"absent", _("Absent"), std::int64_t{s.absent}},
          {"excused", _("Excused"), std::int64_t{s.excused}}};
}

std::vector<Column> AttendanceColumns() {
  return {{"child", _("Child")},
          {"name", _("Name")},
          {"mark", _("Attendance")},
          {"note", _("Note")},
          {"recorded_by", _("Recorded by")},
          {"recorded_at", _("Recorded at")}};
}

std::vector<Value> AttendanceRow(const AttendanceRecord& r) {
  return {r.child_case_reference,
          OptionalText(r.child_name),
          AttendanceMarkLabel(r.mark),
          OptionalText(r.note),
          r.recorded_by,
          TimestampValue(r.recorded_at)};
}

// A rate as a whole percentage, or null when nothing was expected.
Value RateValue(double rate, int expected) {
  return expected > 0 ? Value(Percent(rate)) : Value(std::monostate{});
}

namespace {

std::set<std::string> Children(const AttendanceReport& r, bool flagged_only) {
  std::set<std::string> children;
  for (const ChildAttendance& c : r.children) {
    if (c.flagged || !flagged_only) children.insert(c.child_case_reference);
  }
  return children;
}

}  // namespace

std::string AttendanceSummary(const AttendanceReport& r) {
  const std::size_t children = Children(r, false).size();
  return TrPlural(
      "Attendance from {} to {}: {} of {} child flagged (below {}% since {} and falling).",
      "Attendance from {} to {}: {} of {} children flagged (below {}% since {} and falling).",
      children, LocalDate(r.from.ToString()), LocalDate(r.to.ToString()), Children(r, true).size(),
      children, Percent(r.threshold), LocalDate(r.recent_from.ToString()));
}

Record AttendanceReportRecord(const AttendanceReport& r, int recent_days) {
  const auto flagged = static_cast<std::int64_t>(Children(r, true).size());
  Record record{{{"from", _("From"), DateValue(r.from)},
                 {"to", _("To"), DateValue(r.to)},
                 {"recent_from", _("Recent period from"), DateValue(r.recent_from)},
                 {"recent_days", _("Recent days"), std::int64_t{recent_days}},
                 {"threshold_percent", _("Threshold %"), Percent(r.threshold)},
                 {"flagged", _("Children flagged"), flagged}},
                {}};
  Section children{"children",
                   _("Children"),
                   {{"child", _("Child")},
                    {"name", _("Name")},
                    {"activity_id", _("Activity"), true},
                    {"activity", _("Activity name")},
                    {"group", _("Group name")},
                    {"expected", _("Expected"), true},
                    {"present", _("Present"), true},
                    {"absent", _("Absent"), true},
                    {"excused", _("Excused"), true},
                    {"not_recorded", _("Not recorded"), true},
                    {"rate_percent", _("Rate %"), true},
                    {"recent_percent", _("Recent %"), true},
                    {"earlier_percent", _("Earlier %"), true},
                    {"flag", _("Flag")}},
                   {}};
  for (const ChildAttendance& c : r.children) {
    const int earlier_expected = c.expected - c.recent_expected;
    children.rows.push_back(
        {c.child_case_reference, OptionalText(c.child_name), c.activity_id, c.activity_name,
         OptionalText(c.group_name), std::int64_t{c.expected}, std::int64_t{c.present},
         std::int64_t{c.absent}, std::int64_t{c.excused}, std::int64_t{c.not_recorded},
         RateValue(c.rate, c.expected - c.excused), RateValue(c.recent_rate, c.recent_expected),
         RateValue(c.earlier_rate, earlier_expected),
         c.flagged ? Value(AttendanceTrendLabel("falling")) : Value(std::monostate{})});
  }
  Section groups{"groups",
                 _("Groups: fidelity to the method"),
                 {{"group_id", _("Group"), true},
                  {"activity", _("Activity name")},
                  {"group", _("Group name")},
                  {"leader", _("Leader")},
                  {"leader_trained", _("Leader trained")},
                  {"members", _("Members"), true},
                  {"size_bounds", _("Size allowed")},
                  {"size_within_bounds", _("Size within bounds")},
                  {"sessions_planned", _("Sessions planned"), true},
                  {"sessions_held", _("Sessions held"), true},
                  {"sessions_cancelled", _("Sessions cancelled"), true},
                  {"rate_percent", _("Rate %"), true}},
                 {}};
  Section findings{"findings",
                   _("Notes from the method"),
                   {{"group_id", _("Group"), true},
                    {"severity", _("Severity")},
                    {"code", _("Code")},
                    {"message", _("Message")}},
                   {}};
  for (const GroupFidelity& g : r.groups) {
    Value bounds = std::monostate{};
    if (g.size_min > 0 || g.size_max > 0) {
      bounds = (g.size_min > 0 ? std::to_string(g.size_min) : std::string()) + "–" +
               (g.size_max > 0 ? std::to_string(g.size_max) : std::string());
    }
    groups.rows.push_back({g.group_id, g.activity_name, g.group_name,
                           OptionalText(g.leader_account), g.leader_trained,
                           std::int64_t{g.members}, bounds, g.size_within_bounds,
                           std::int64_t{g.sessions_planned}, std::int64_t{g.sessions_held},
                           std::int64_t{g.sessions_cancelled}, RateValue(g.rate, g.sessions_held)});
    for (const MethodFinding& f : g.findings) {
      findings.rows.push_back({g.group_id, SeverityLabel(f.severity), f.code, f.message});
    }
  }
  Section activities{"activities",
                     _("Activities: use of places"),
                     {{"activity_id", _("Activity"), true},
                      {"activity", _("Activity name")},
                      {"site", _("Site")},
                      {"capacity", _("Capacity"), true},
                      {"enrolled", _("Enrolled"), true},
                      {"waiting", _("Waiting"), true},
                      {"use_percent", _("Places used %"), true},
                      {"sessions_held", _("Sessions held"), true},
                      {"average_present", _("Present per session"), true}},
                     {}};
  for (const ActivityUse& a : r.activities) {
    activities.rows.push_back({a.activity_id, a.activity_name, a.site_code,
                               std::int64_t{a.capacity}, std::int64_t{a.enrolled},
                               std::int64_t{a.waiting}, RateValue(a.use, a.capacity),
                               std::int64_t{a.sessions_held},
                               a.sessions_held > 0 ? Value(fmt::format("{:.1f}", a.average_present))
                                                   : Value(std::monostate{})});
  }
  record.sections = {std::move(children), std::move(groups), std::move(activities),
                     std::move(findings)};
  return record;
}

std::vector<Column> FrameColumns() {
  return {{"when", _("When")},
          {"planned", _("Planned")},
          {"decided_by", _("Decided by")},
          {"what", _("What")},
          {"level", _("Level")},
          {"nature", _("Nature")},
          {"component", _("Component")},
          {"fidelity_consistent", _("Fidelity-consistent")},
          {"goal", _("Goal")},
          {"reason", _("Reason")},
          {"description", _("Description")}};
}

std::vector<Value> FrameRow(const FrameChange& f, const ComponentTitles& titles) {
  return {FrameWhenLabel(f.when),
          f.planned,
          f.decided_by,
          FrameWhatLabel(f.what),
          FrameLevelLabel(f.level),
          FrameNatureLabel(f.nature),
          ComponentCell(f.component, titles),
          f.fidelity_consistent,
          FrameGoalLabel(f.goal),
          f.reason,
          f.description};
}

std::string OutcomeValueText(const TransferOutcomeCell& cell) {
  if (cell.indicator == "plans" || cell.indicator == "children") {
    return fmt::format("{:.0f}", cell.value);
  }
  return fmt::format("{:.3f}", cell.value);
}

namespace {

// "var", "hsn_cn_huangshan_group": the column keys of a source, unique within the report.
std::vector<std::string> SourceKeys(const MethodOutcomeReport& r) {
  std::vector<std::string> keys;
  std::set<std::string> taken;
  for (const OutcomeSource& s : r.sources) {
    std::string key;
    for (char c : s.municipality.substr(0, s.municipality.find(' '))) {
      key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (!s.own) key += "_" + s.method.substr(0, s.method.find('@'));
    std::replace(key.begin(), key.end(), '.', '_');
    std::string unique = key;
    for (int i = 2; !taken.insert(unique).second; ++i) unique = key + "_" + std::to_string(i);
    keys.push_back(unique);
  }
  return keys;
}

}  // namespace

void PrintMethodOutcomeReport(Context& ctx, const MethodOutcomeReport& r) {
  if (ctx.format() == OutputFormat::kJson) {
    nlohmann::ordered_json out;
    out["method"] = r.method;
    out["from"] = r.from.ToString();
    out["to"] = r.to.ToString();
    out["k"] = kOutcomeMinChildren;
    out["periods"] = r.periods;
    nlohmann::ordered_json sources = nlohmann::ordered_json::array();
    for (const OutcomeSource& s : r.sources) {
      sources.push_back({{"own", s.own},
                         {"municipality", s.municipality},
                         {"method", s.method},
                         {"imported_at", s.imported_at},
                         {"package_sha256", s.package_sha256}});
    }
    out["sources"] = sources;
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (const OutcomeComparisonRow& row : r.rows) {
      nlohmann::ordered_json cells = nlohmann::ordered_json::array();
      for (const auto& c : row.cells) {
        cells.push_back(c ? nlohmann::ordered_json{{"value", c->value}, {"n", c->n}}
                          : nlohmann::ordered_json());
      }
      rows.push_back({{"indicator", row.indicator},
                      {"period", row.period},
                      {"age_band", row.age_band},
                      {"cells", cells}});
    }
    out["rows"] = rows;
    ctx.out() << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    return;
  }
  if (ctx.format() == OutputFormat::kTable) {
    ctx.out() << TrPlural(
                     "Outcomes of {} from {} to {} (quarters; cells of fewer than {} child "
                     "left out):",
                     "Outcomes of {} from {} to {} (quarters; cells of fewer than {} children "
                     "left out):",
                     static_cast<unsigned long>(kOutcomeMinChildren), r.method,
                     LocalDate(r.from.ToString()), LocalDate(r.to.ToString()), kOutcomeMinChildren)
              << '\n';
    for (const OutcomeSource& s : r.sources) {
      ctx.out() << "  " << s.municipality.substr(0, s.municipality.find(' ')) << " "
                << s.method.substr(0, s.method.find('@')) << ": "
                << (s.own ? TrFormat("{}, {}, computed now", TerminalSafe(s.municipality), s.method)
                          : TrFormat("{}, {}, imported on {}", TerminalSafe(s.municipality),
                                     s.method, LocalDate(s.imported_at.substr(0, 10))))
                << '\n';
    }
    if (r.sources.size() == 1) {
      ctx.out() << _("No imported package of this method or a method related to it by lineage.")
                << '\n';
    }
  }
  std::vector<Column> columns{
      {"indicator", _("Indicator")}, {"period", _("Period")}, {"age_band", _("Age band")}};
  const std::vector<std::string> keys = SourceKeys(r);
  for (std::size_t i = 0; i < r.sources.size(); ++i) {
    const OutcomeSource& s = r.sources[i];
    const std::string code = s.municipality.substr(0, s.municipality.find(' '));
    columns.push_back(
        {keys[i] + "_value", code + " " + s.method.substr(0, s.method.find('@')), true});
    columns.push_back({keys[i] + "_n", _("Children"), true});
  }
  RowWriter writer(ctx.format(), ctx.out(), columns);
  for (const OutcomeComparisonRow& row : r.rows) {
    std::vector<Value> values{OutcomeIndicatorLabel(row.indicator), QuarterLabel(row.period),
                              AgeBandLabel(row.age_band)};
    for (const auto& c : row.cells) {
      if (c) {
        values.push_back(OutcomeValueText(*c));
        values.push_back(c->n);
      } else {
        values.resize(values.size() + 2);  // no cell: empty value and n
      }
    }
    writer.Write(values);
  }
  writer.Finish();
}

std::vector<Section> MethodSections(const MethodDescription& m) {
  Section parameters{"parameters",
                     _("Parameters"),
                     {{"name", C_("method parameter", "Name")},
                      {"type", _("Type")},
                      {"value", _("Value")},
                      {"min", _("Min")},
                      {"max", _("Max")},
                      {"description", _("Description")}},
                     {}};
  for (const auto& p : m.parameters) {
    // A yes-or-no value in the worker's words; JSON and CSV keep true/false.
    const Value value = p.type == "boolean"
                            ? Value(Label{p.value, p.value == "true" ? _("yes") : _("no")})
                            : Value(p.value);
    parameters.rows.push_back(
        {p.name, ParameterTypeLabel(p.type), value, p.min, p.max, p.description});
  }
  Section components{"components",
                     _("Core components"),
                     {{"id", _("Component")}, {"fidelity", _("Fidelity")}, {"title", _("Title")}},
                     {}};
  for (const auto& c : m.components) {
    components.rows.push_back({c.id, FidelityLabel(c.fidelity), c.title});
  }
  Section frame{"frame", _("Adaptations (FRAME)"), FrameColumns(), {}};
  for (const auto& f : m.frame) frame.rows.push_back(FrameRow(f, TitlesOf(m)));
  std::vector<Section> sections;
  sections.push_back(std::move(parameters));
  sections.push_back(std::move(components));
  sections.push_back(std::move(frame));
  return sections;
}

}  // namespace kinbridge::cli
