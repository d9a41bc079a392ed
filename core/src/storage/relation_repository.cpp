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

namespace {

// New relations, column by column, as Insert and InsertAll write them.
struct RelationRows {
  std::vector<long long> id, child_id, caregiver, in_contact, registered;
  std::vector<std::string> uuid, person_name, kind, description, birth_date, created_at;
  std::vector<soci::indicator> birth_ind, registered_ind;

  // Takes the relation's texts (InsertAll's are not used again).
  void Add(Relation r, long long registered_child_id) {
    id.push_back(r.id);
    uuid.push_back(std::move(r.uuid));
    child_id.push_back(r.child_id);
    person_name.push_back(std::move(r.person_name));
    kind.push_back(std::string(RelationKindName(r.kind)));
    description.push_back(std::move(r.description));
    NullableDate birth(r.birth_date);
    birth_date.push_back(std::move(birth.text));
    birth_ind.push_back(birth.ind);
    caregiver.push_back(r.caregiver ? 1 : 0);
    in_contact.push_back(r.in_contact ? 1 : 0);
    created_at.push_back(std::move(r.created_at));
    registered.push_back(registered_child_id);
    registered_ind.push_back(registered_child_id != 0 ? soci::i_ok : soci::i_null);
  }

  NewRows Columns(bool with_id) {
    NewRows rows("relation");
    if (with_id) rows.Add("id", id);
    return rows.Add("uuid", uuid)
        .Add("child_id", child_id)
        .Add("person_name", person_name)
        .Add("kind", kind)
        .Add("description", description)
        .Add("birth_date", birth_date, &birth_ind)
        .Add("caregiver", caregiver)
        .Add("in_contact", in_contact)
        .Add("created_at", created_at)
        .Add("registered_child_id", registered, &registered_ind);
  }
};

}  // namespace

long long RelationRepository::Insert(const Relation& r, long long registered_child_id) {
  RelationRows rows;
  rows.Add(r, registered_child_id);
  return db_.InsertRow(rows.Columns(false));
}

void RelationRepository::InsertAll(std::vector<Relation> relations,
                                   const std::vector<long long>& registered_child_ids) {
  RelationRows rows;
  for (std::size_t i = 0; i < relations.size(); ++i) {
    rows.Add(std::move(relations[i]), registered_child_ids.at(i));
  }
  db_.InsertRows(rows.Columns(true));
}

std::optional<Relation> RelationRepository::FindById(long long id) {
  RelationRow row;
  CachedStatement st(db_, std::string(kSelect) + "WHERE r.id = :id");
  row.Bind(*st);
  st->exchange(soci::use(id));
  st->define_and_bind();
  st->execute();
  if (!st->fetch()) return std::nullopt;
  return row.ToRelation();
}

void RelationRepository::ForEachOfChild(long long child_id, const Visitor<Relation>& visit) {
  RelationRow row;
  CachedStatement st(db_, std::string(kSelect) + "WHERE r.child_id = :c ORDER BY r.id");
  row.Bind(*st);
  st->exchange(soci::use(child_id));
  st->define_and_bind();
  st->execute();
  while (st->fetch()) {
    if (!visit(row.ToRelation())) break;
  }
}

}  // namespace kinbridge::detail
