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

struct RelationRepository::Prepared {
  std::optional<soci::statement> statement;
  Relation r;
  std::string kind, birth;
  soci::indicator birth_ind = soci::i_null, registered_ind = soci::i_null;
  int caregiver = 0, in_contact = 0;
  long long registered = 0, id = 0;
};

RelationRepository::RelationRepository(Database& db) : db_(db) {}
RelationRepository::~RelationRepository() = default;

long long RelationRepository::Insert(const Relation& r, long long registered_child_id) {
  if (!insert_) {
    insert_ = std::make_unique<Prepared>();
    Prepared& p = *insert_;
    p.statement.emplace(db_.session());
    soci::statement& st = *p.statement;
    st.alloc();
    st.prepare(
        "INSERT INTO relation (uuid, child_id, person_name, kind, description, birth_date, "
        "caregiver, in_contact, created_at, registered_child_id) VALUES (:uuid, :child, :name, "
        ":kind, :descr, :birth, :caregiver, :contact, :created, :registered) RETURNING id");
    st.exchange(soci::use(p.r.uuid));
    st.exchange(soci::use(p.r.child_id));
    st.exchange(soci::use(p.r.person_name));
    st.exchange(soci::use(p.kind));
    st.exchange(soci::use(p.r.description));
    st.exchange(soci::use(p.birth, p.birth_ind));
    st.exchange(soci::use(p.caregiver));
    st.exchange(soci::use(p.in_contact));
    st.exchange(soci::use(p.r.created_at));
    st.exchange(soci::use(p.registered, p.registered_ind));
    st.exchange(soci::into(p.id));
    st.define_and_bind();
  }
  Prepared& p = *insert_;
  p.r = r;
  p.kind = std::string(RelationKindName(r.kind));
  NullableDate birth(r.birth_date);
  p.birth = birth.text;
  p.birth_ind = birth.ind;
  p.caregiver = r.caregiver ? 1 : 0;
  p.in_contact = r.in_contact ? 1 : 0;
  p.registered = registered_child_id;
  p.registered_ind = registered_child_id != 0 ? soci::i_ok : soci::i_null;
  p.statement->execute(true);
  // Stepped to its end, so that the kept statement does not hold the transaction open
  // (a RETURNING statement stays active after its row).
  static_cast<void>(p.statement->fetch());
  return p.id;
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
