#include "views.h"

#include "tr.h"

namespace kinbridge::cli {

Value DateValue(const std::optional<Date>& date) {
  if (!date) return std::monostate{};
  return date->ToString();
}

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
  return std::string(NationalIdSchemeName(child.national_id->scheme));
}

std::string RestrictionStatus(const Restriction& s, Date today) {
  if (s.lifted_on && *s.lifted_on <= today) return "lifted";
  if (s.valid_to && *s.valid_to < today) return "expired";
  if (s.valid_from > today) return "pending";
  return "in-force";
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
            std::monostate{}, std::monostate{}, std::string(ChildStatusName(c.status))};
  }
  return {c.case_reference,        c.name,
          c.birth_date.ToString(), std::int64_t{c.birth_date.AgeOn(today)},
          NationalIdValue(c),      std::string(ChildStatusName(c.status))};
}

std::vector<Field> ChildFields(const Child& c, Date today) {
  if (c.identity_hidden) {
    return {
        {"case_reference", _("Case reference"), c.case_reference},
        {"uuid", _("Uuid"), c.uuid},
        {"name", _("Name"), Hidden()},
        {"identity_hidden", _("Identity protected"), true},
        {"status", _("Status"), std::string(ChildStatusName(c.status))},
        {"closed_on", _("Closed on"), DateValue(c.closed_on)},
        {"version", _("Version"), c.version},
    };
  }
  return {
      {"case_reference", _("Case reference"), c.case_reference},
      {"uuid", _("Uuid"), c.uuid},
      {"name", _("Name"), c.name},
      {"birth_date", _("Birth date"), c.birth_date.ToString()},
      {"age", _("Age"), std::int64_t{c.birth_date.AgeOn(today)}},
      {"national_id", _("National id"), NationalIdValue(c)},
      {"national_id_scheme", _("Id scheme"), SchemeValue(c)},
      {"languages", _("Languages"), ListValue(c.languages)},
      {"school", _("School"), c.school},
      {"protected_identity", _("Protected identity"), c.protected_identity},
      {"status", _("Status"), std::string(ChildStatusName(c.status))},
      {"closed_on", _("Closed on"), DateValue(c.closed_on)},
      {"close_reason", _("Reason for closing"), c.close_reason},
      {"version", _("Version"), c.version},
      {"created_at", _("Registered"), c.created_at},
      {"updated_at", _("Last changed"), c.updated_at},
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
  return {
      r.id,          r.child_case_reference,  r.person_name, std::string(RelationKindName(r.kind)),
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
                                    std::string(RestrictionKindName(s.kind)), s.decision_reference,
                                    s.reason, s.valid_from.ToString(), DateValue(s.valid_to),
                                    s.review_date.ToString(), RestrictionStatus(s, today)}) {
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
          std::string(PlacementTypeName(p.type)),
          std::string(LegalBasisName(p.legal_basis)),
          p.legal_code,
          p.caregivers,
          p.start.ToString(),
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
          e.local_day.ToString(),
          e.local_start,
          e.child_case_reference,
          e.relation_id,
          e.relation_name,
          e.mode,
          e.supervision,
          OptionalText(e.venue),
          std::string(EventStatusName(e.status)),
          e.outcome ? Value(std::string(ContactOutcomeName(*e.outcome))) : Value(std::monostate{}),
          OptionalText(e.responsible),
          e.plan_id,
          e.starts_utc,
          e.ends_utc};
}

Record EventRecord(const ContactEvent& e) {
  return {
      {{"id", _("Event"), e.id},
       {"plan", _("Plan"), e.plan_id},
       {"arrangement", _("Arrangement"),
        e.arrangement_id != 0 ? Value(e.arrangement_id) : Value(std::monostate{})},
       {"child", _("Child"), e.child_case_reference},
       {"child_name", _("Name"), OptionalText(e.child_name)},
       {"relation_id", _("Relation"), e.relation_id},
       {"person", _("Person"), e.relation_name},
       {"relation_kind", _("Kind"), e.relation_kind},
       {"mode", _("Mode"), e.mode},
       {"supervision", _("Supervision"), e.supervision},
       {"venue", _("Venue"), OptionalText(e.venue)},
       {"day", _("Day"), e.local_day.ToString()},
       {"time", _("Time"), e.local_start},
       {"starts_utc", _("Starts (UTC)"), e.starts_utc},
       {"ends_utc", _("Ends (UTC)"), e.ends_utc},
       {"status", _("Status"), std::string(EventStatusName(e.status))},
       {"outcome", _("Outcome"),
        e.outcome ? Value(std::string(ContactOutcomeName(*e.outcome))) : Value(std::monostate{})},
       {"replacement_offered", _("Replacement offered"), e.replacement_offered},
       {"attended", _("Who attended"), OptionalText(e.attended)},
       {"notes", _("Notes"), OptionalText(e.notes)},
       {"child_reaction", _("The child's reaction"), OptionalText(e.child_reaction)},
       {"logged_by", _("Logged by"), OptionalText(e.logged_by)},
       {"logged_at", _("Logged at"), OptionalText(e.logged_at)},
       {"cancel_reason", _("Cancelled because"), OptionalText(e.cancel_reason)},
       {"responsible", _("Responsible"), OptionalText(e.responsible)}},
      {}};
}

Section FindingsSection(const std::vector<MethodFinding>& findings) {
  Section section{"findings",
                  _("Notes from the method"),
                  {{"severity", _("Severity")},
                   {"code", _("Code")},
                   {"subject", _("About")},
                   {"message", _("Message")}},
                  {}};
  for (const auto& f : findings) section.rows.push_back({f.severity, f.code, f.subject, f.message});
  return section;
}

Record ReviewRecord(const PlanReview& r) {
  Record record{{{"id", _("Review"), r.id},
                 {"plan", _("Plan"), r.plan_id},
                 {"reviewed_on", _("Reviewed on"), r.reviewed_on.ToString()},
                 {"period_from", _("Period from"), r.period_from.ToString()},
                 {"period_to", _("Period to"), r.period_to.ToString()},
                 {"method", _("Method"), r.method_id + "@" + r.method_version},
                 {"next_review", _("Next review"), r.next_review.ToString()},
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
    adherence.rows.push_back({a.relation_id, a.relation_name, a.mode, std::int64_t{a.planned},
                              std::int64_t{a.held}, std::int64_t{a.cancelled},
                              std::int64_t{a.no_show}, std::int64_t{a.open},
                              static_cast<std::int64_t>(a.ratio * 100.0 + 0.5)});
  }
  Section fidelity{"fidelity",
                   _("Fidelity to the method's components"),
                   {{"component", _("Component")}, {"met", _("Met")}, {"note", _("Note")}},
                   {}};
  for (const ReviewComponent& c : r.fidelity) fidelity.rows.push_back({c.component, c.met, c.note});
  record.sections = {std::move(adherence), std::move(fidelity), FindingsSection(r.findings)};
  return record;
}

}  // namespace kinbridge::cli
