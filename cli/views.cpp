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

}  // namespace kinbridge::cli
