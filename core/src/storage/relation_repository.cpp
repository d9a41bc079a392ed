#include "storage/relation_repository.h"

#include "storage/row_values.h"

namespace kinbridge::detail {

namespace {

constexpr const char* kSelect =
    "SELECT r.id, r.uuid, r.child_id, c.case_reference, r.person_name, r.kind, r.description, "
    "r.birth_date, r.caregiver, r.in_contact, r.created_at, COALESCE(rc.case_reference, '') "
    "FROM relation r JOIN child c ON c.id = r.child_id "
    "LEFT JOIN child rc ON rc.id = r.registered_child_id ";

struct RelationRow {
  long long id = 0, child_id = 0;
  std::string uuid, case_reference, person_name, kind, description, birth_date, created_at,
      registered;
  int caregiver = 0, in_contact = 0;
  soci::indicator birth_ind = soci::i_null;

  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(uuid));
    st.exchange(soci::into(child_id));
    st.exchange(soci::into(case_reference));
    st.exchange(soci::into(person_name));
    st.exchange(soci::into(kind));
    st.exchange(soci::into(description));
    st.exchange(soci::into(birth_date, birth_ind));
    st.exchange(soci::into(caregiver));
    st.exchange(soci::into(in_contact));
    st.exchange(soci::into(created_at));
    st.exchange(soci::into(registered));
  }

  Relation ToRelation() const {
    Relation r;
    r.id = id;
    r.uuid = uuid;
    r.child_id = child_id;
    r.child_case_reference = case_reference;
    r.person_name = person_name;
    Result<RelationKind> parsed = ParseRelationKind(kind);
    if (!parsed.ok()) throw std::runtime_error("stored relation kind is unknown: " + kind);
    r.kind = *parsed;
    r.description = description;
    r.birth_date = StoredDate(birth_date, birth_ind);
    r.caregiver = caregiver != 0;
    r.in_contact = in_contact != 0;
    r.created_at = created_at;
    r.registered_child_case_reference = registered;
    return r;
  }
};

}  // namespace

long long RelationRepository::Insert(const Relation& r, long long registered_child_id) {
  const std::string kind(RelationKindName(r.kind));
  NullableDate birth(r.birth_date);
  const int caregiver = r.caregiver ? 1 : 0;
  const int in_contact = r.in_contact ? 1 : 0;
  soci::indicator registered_ind = registered_child_id != 0 ? soci::i_ok : soci::i_null;
  long long id = 0;
  db_.session() << "INSERT INTO relation (uuid, child_id, person_name, kind, description, "
                   "birth_date, caregiver, in_contact, created_at, registered_child_id) VALUES "
                   "(:uuid, :child, :name, :kind, :descr, :birth, :caregiver, :contact, :created, "
                   ":registered) RETURNING id",
      soci::use(r.uuid), soci::use(r.child_id), soci::use(r.person_name), soci::use(kind),
      soci::use(r.description), soci::use(birth.text, birth.ind), soci::use(caregiver),
      soci::use(in_contact), soci::use(r.created_at),
      soci::use(registered_child_id, registered_ind), soci::into(id);
  return id;
}

std::optional<Relation> RelationRepository::FindById(long long id) {
  RelationRow row;
  soci::statement st = db_.session().prepare << kSelect << "WHERE r.id = :id";
  row.Bind(st);
  st.exchange(soci::use(id));
  st.define_and_bind();
  st.execute();
  if (!st.fetch()) return std::nullopt;
  return row.ToRelation();
}

void RelationRepository::ForEachOfChild(long long child_id, const Visitor<Relation>& visit) {
  RelationRow row;
  soci::statement st = db_.session().prepare << kSelect << "WHERE r.child_id = :c ORDER BY r.id";
  row.Bind(st);
  st.exchange(soci::use(child_id));
  st.define_and_bind();
  st.execute();
  while (st.fetch()) {
    if (!visit(row.ToRelation())) break;
  }
}

}  // namespace kinbridge::detail
