#include "storage/restriction_repository.h"

#include "storage/row_values.h"

namespace kinbridge::detail {

namespace {

constexpr const char* kSelect =
    "SELECT s.id, s.uuid, s.relation_id, r.child_id, c.case_reference, r.person_name, s.kind, "
    "s.decision_reference, s.reason, s.valid_from, s.valid_to, s.review_date, s.lifted_on, "
    "s.lift_reason, s.created_at FROM restriction s JOIN relation r ON r.id = s.relation_id "
    "JOIN child c ON c.id = r.child_id ";

struct RestrictionRow {
  long long id = 0, relation_id = 0, child_id = 0;
  std::string uuid, case_reference, person_name, kind, decision, reason, valid_from, valid_to,
      review_date, lifted_on, lift_reason, created_at;
  soci::indicator valid_to_ind = soci::i_null, lifted_ind = soci::i_null;

  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(uuid));
    st.exchange(soci::into(relation_id));
    st.exchange(soci::into(child_id));
    st.exchange(soci::into(case_reference));
    st.exchange(soci::into(person_name));
    st.exchange(soci::into(kind));
    st.exchange(soci::into(decision));
    st.exchange(soci::into(reason));
    st.exchange(soci::into(valid_from));
    st.exchange(soci::into(valid_to, valid_to_ind));
    st.exchange(soci::into(review_date));
    st.exchange(soci::into(lifted_on, lifted_ind));
    st.exchange(soci::into(lift_reason));
    st.exchange(soci::into(created_at));
  }

  Restriction ToRestriction() const {
    Restriction s;
    s.id = id;
    s.uuid = uuid;
    s.relation_id = relation_id;
    s.child_id = child_id;
    s.child_case_reference = case_reference;
    s.relation_person_name = person_name;
    Result<RestrictionKind> parsed = ParseRestrictionKind(kind);
    if (!parsed.ok()) throw std::runtime_error("stored restriction kind is unknown: " + kind);
    s.kind = *parsed;
    s.decision_reference = decision;
    s.reason = reason;
    s.valid_from = StoredDate(valid_from);
    s.valid_to = StoredDate(valid_to, valid_to_ind);
    s.review_date = StoredDate(review_date);
    s.lifted_on = StoredDate(lifted_on, lifted_ind);
    s.lift_reason = lift_reason;
    s.created_at = created_at;
    return s;
  }
};

}  // namespace

namespace {

// New restrictions, column by column, as Insert and InsertAll write them.
struct RestrictionRows {
  std::vector<long long> id, relation_id;
  std::vector<std::string> uuid, kind, decision, reason, valid_from, valid_to, review_date,
      created_at;
  std::vector<soci::indicator> valid_to_ind;

  // Takes the restriction's texts (InsertAll's are not used again).
  void Add(Restriction s) {
    id.push_back(s.id);
    uuid.push_back(std::move(s.uuid));
    relation_id.push_back(s.relation_id);
    kind.push_back(std::string(RestrictionKindName(s.kind)));
    decision.push_back(std::move(s.decision_reference));
    reason.push_back(std::move(s.reason));
    valid_from.push_back(s.valid_from.ToString());
    NullableDate to(s.valid_to);
    valid_to.push_back(std::move(to.text));
    valid_to_ind.push_back(to.ind);
    review_date.push_back(s.review_date.ToString());
    created_at.push_back(std::move(s.created_at));
  }

  NewRows Columns(bool with_id) {
    NewRows rows("restriction");
    if (with_id) rows.Add("id", id);
    return rows.Add("uuid", uuid)
        .Add("relation_id", relation_id)
        .Add("kind", kind)
        .Add("decision_reference", decision)
        .Add("reason", reason)
        .Add("valid_from", valid_from)
        .Add("valid_to", valid_to, &valid_to_ind)
        .Add("review_date", review_date)
        .Add("created_at", created_at);
  }
};

}  // namespace

long long RestrictionRepository::Insert(const Restriction& s) {
  RestrictionRows rows;
  rows.Add(s);
  return db_.InsertRow(rows.Columns(false));
}

void RestrictionRepository::InsertAll(std::vector<Restriction> restrictions) {
  RestrictionRows rows;
  for (Restriction& s : restrictions) rows.Add(std::move(s));
  db_.InsertRows(rows.Columns(true));
}

void RestrictionRepository::SetLifted(long long id, Date lifted_on, const std::string& reason) {
  const std::string on = lifted_on.ToString();
  RunCached(db_, "UPDATE restriction SET lifted_on = :on, lift_reason = :reason WHERE id = :id",
            soci::use(on), soci::use(reason), soci::use(id));
}

std::optional<Restriction> RestrictionRepository::FindById(long long id) {
  RestrictionRow row;
  CachedStatement st(db_, std::string(kSelect) + "WHERE s.id = :id");
  row.Bind(*st);
  st->exchange(soci::use(id));
  st->define_and_bind();
  st->execute();
  if (!st->fetch()) return std::nullopt;
  return row.ToRestriction();
}

void RestrictionRepository::ForEach(long long child_id, const Visitor<Restriction>& visit) {
  RestrictionRow row;
  // Two statements, not one with "(:c = 0 OR r.child_id = :c)": SQLite plans a statement once, so
  // that form could not use the child index and scanned every restriction for each child (the
  // generator's 100 000 children spent minutes here).
  CachedStatement st(db_, std::string(kSelect) +
                              (child_id == 0 ? "" : "WHERE r.child_id = :child ") +
                              "ORDER BY c.id, s.valid_from, s.id");
  row.Bind(*st);
  if (child_id != 0) st->exchange(soci::use(child_id));
  st->define_and_bind();
  st->execute();
  while (st->fetch()) {
    if (!visit(row.ToRestriction())) break;
  }
}

}  // namespace kinbridge::detail
