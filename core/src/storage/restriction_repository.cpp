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

long long RestrictionRepository::Insert(const Restriction& s) {
  const std::string kind(RestrictionKindName(s.kind));
  const std::string from = s.valid_from.ToString();
  const std::string review = s.review_date.ToString();
  NullableDate to(s.valid_to);
  long long id = 0;
  RunCached(db_,
            "INSERT INTO restriction (uuid, relation_id, kind, decision_reference, "
            "reason, valid_from, valid_to, review_date, created_at) VALUES (:uuid, :rel, "
            ":kind, :decision, :reason, :from, :to, :review, :created) RETURNING id",
            soci::use(s.uuid), soci::use(s.relation_id), soci::use(kind),
            soci::use(s.decision_reference), soci::use(s.reason), soci::use(from),
            soci::use(to.text, to.ind), soci::use(review), soci::use(s.created_at), soci::into(id));
  return id;
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
