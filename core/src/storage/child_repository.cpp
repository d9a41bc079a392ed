#include "storage/child_repository.h"

#include "common/uuid.h"
#include "storage/row_values.h"

namespace kinbridge::detail {

namespace {

constexpr const char* kColumns =
    "id, uuid, case_reference, name, birth_date, national_id_scheme, national_id, languages, "
    "school, protected_identity, status, closed_on, close_reason, version, created_at, "
    "updated_at";

// The into() targets of one child row.
struct ChildRow {
  long long id = 0;
  std::string uuid, case_reference, name, birth_date, scheme, national_id, languages, school;
  int protected_identity = 0;
  std::string status, closed_on, close_reason;
  long long version = 0;
  std::string created_at, updated_at;
  soci::indicator scheme_ind = soci::i_null, national_id_ind = soci::i_null,
                  closed_on_ind = soci::i_null;

  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(uuid));
    st.exchange(soci::into(case_reference));
    st.exchange(soci::into(name));
    st.exchange(soci::into(birth_date));
    st.exchange(soci::into(scheme, scheme_ind));
    st.exchange(soci::into(national_id, national_id_ind));
    st.exchange(soci::into(languages));
    st.exchange(soci::into(school));
    st.exchange(soci::into(protected_identity));
    st.exchange(soci::into(status));
    st.exchange(soci::into(closed_on, closed_on_ind));
    st.exchange(soci::into(close_reason));
    st.exchange(soci::into(version));
    st.exchange(soci::into(created_at));
    st.exchange(soci::into(updated_at));
  }

  Child ToChild() const {
    Child c;
    c.id = id;
    c.uuid = uuid;
    c.case_reference = case_reference;
    c.name = name;
    c.birth_date = StoredDate(birth_date);
    if (national_id_ind == soci::i_ok && scheme_ind == soci::i_ok) {
      Result<NationalIdScheme> parsed = ParseNationalIdScheme(scheme);
      if (!parsed.ok()) throw std::runtime_error("stored national id scheme is unknown: " + scheme);
      NationalId nid;
      nid.scheme = *parsed;
      nid.canonical = national_id;
      // The birth date encoded in a stored id was checked against the child's when written.
      nid.birth_date = c.birth_date;
      c.national_id = nid;
    }
    c.languages = SplitList(languages);
    c.school = school;
    c.protected_identity = protected_identity != 0;
    c.status = status == "closed" ? ChildStatus::kClosed : ChildStatus::kOpen;
    c.closed_on = StoredDate(closed_on, closed_on_ind);
    c.close_reason = close_reason;
    c.version = version;
    c.created_at = created_at;
    c.updated_at = updated_at;
    return c;
  }
};

}  // namespace

struct ChildRepository::Prepared {
  std::optional<soci::statement> next_number, insert;
  long long municipality_id = 0, number = 0, id = 0;
  int year = 0;
  Child c;
  std::string scheme, national_id, birth, languages, status;
  soci::indicator nid_ind = soci::i_null;
  int protected_identity = 0;
};

ChildRepository::ChildRepository(Database& db) : db_(db) {}
ChildRepository::~ChildRepository() = default;

long long ChildRepository::NextCaseNumber(long long municipality_id, int year) {
  if (!prepared_) prepared_ = std::make_unique<Prepared>();
  Prepared& p = *prepared_;
  if (!p.next_number) {
    p.next_number.emplace(db_.session());
    soci::statement& st = *p.next_number;
    st.alloc();
    st.prepare(
        "INSERT INTO case_reference_counter (municipality_id, year, last_number) VALUES (:m, :y, "
        "1) ON CONFLICT (municipality_id, year) DO UPDATE SET last_number = "
        "case_reference_counter.last_number + 1 RETURNING last_number");
    st.exchange(soci::use(p.municipality_id));
    st.exchange(soci::use(p.year));
    st.exchange(soci::into(p.number));
    st.define_and_bind();
  }
  p.municipality_id = municipality_id;
  p.year = year;
  p.next_number->execute(true);
  // Stepped to its end, so that the kept statement does not hold the transaction open
  // (a RETURNING statement stays active after its row).
  static_cast<void>(p.next_number->fetch());
  return p.number;
}

long long ChildRepository::Insert(long long municipality_id, const Child& c) {
  if (!prepared_) prepared_ = std::make_unique<Prepared>();
  Prepared& p = *prepared_;
  if (!p.insert) {
    p.insert.emplace(db_.session());
    soci::statement& st = *p.insert;
    st.alloc();
    st.prepare(
        "INSERT INTO child (uuid, municipality_id, case_reference, name, birth_date, "
        "national_id_scheme, national_id, languages, school, protected_identity, status, version, "
        "created_at, updated_at) VALUES (:uuid, :m, :ref, :name, :birth, :scheme, :nid, :lang, "
        ":school, :prot, :status, 1, :created, :updated) RETURNING id");
    st.exchange(soci::use(p.c.uuid));
    st.exchange(soci::use(p.municipality_id));
    st.exchange(soci::use(p.c.case_reference));
    st.exchange(soci::use(p.c.name));
    st.exchange(soci::use(p.birth));
    st.exchange(soci::use(p.scheme, p.nid_ind));
    st.exchange(soci::use(p.national_id, p.nid_ind));
    st.exchange(soci::use(p.languages));
    st.exchange(soci::use(p.c.school));
    st.exchange(soci::use(p.protected_identity));
    st.exchange(soci::use(p.status));
    st.exchange(soci::use(p.c.created_at));
    st.exchange(soci::use(p.c.updated_at));
    st.exchange(soci::into(p.id));
    st.define_and_bind();
  }
  p.c = c;
  p.municipality_id = municipality_id;
  p.scheme.clear();
  p.national_id.clear();
  p.nid_ind = soci::i_null;
  if (c.national_id) {
    p.scheme = std::string(NationalIdSchemeName(c.national_id->scheme));
    p.national_id = c.national_id->canonical;
    p.nid_ind = soci::i_ok;
  }
  p.birth = c.birth_date.ToString();
  p.languages = JoinList(c.languages);
  p.protected_identity = c.protected_identity ? 1 : 0;
  p.status = std::string(ChildStatusName(c.status));
  p.insert->execute(true);
  // Stepped to its end, so that the kept statement does not hold the transaction open
  // (a RETURNING statement stays active after its row).
  static_cast<void>(p.insert->fetch());
  return p.id;
}

bool ChildRepository::Update(const Child& c) {
  std::string scheme, national_id;
  soci::indicator nid_ind = soci::i_null;
  if (c.national_id) {
    scheme = std::string(NationalIdSchemeName(c.national_id->scheme));
    national_id = c.national_id->canonical;
    nid_ind = soci::i_ok;
  }
  const std::string birth = c.birth_date.ToString();
  const std::string languages = JoinList(c.languages);
  const int protected_identity = c.protected_identity ? 1 : 0;
  const std::string status(ChildStatusName(c.status));
  NullableDate closed_on(c.closed_on);
  CachedStatement st(
      db_,
      "UPDATE child SET name = :name, birth_date = :birth, national_id_scheme = :scheme, "
      "national_id = :nid, languages = :lang, school = :school, "
      "protected_identity = :prot, status = :status, closed_on = :closed, "
      "close_reason = :reason, version = version + 1, updated_at = :updated "
      "WHERE id = :id AND version = :version",
      soci::use(c.name), soci::use(birth), soci::use(scheme, nid_ind),
      soci::use(national_id, nid_ind), soci::use(languages), soci::use(c.school),
      soci::use(protected_identity), soci::use(status), soci::use(closed_on.text, closed_on.ind),
      soci::use(c.close_reason), soci::use(c.updated_at), soci::use(c.id), soci::use(c.version));
  st->execute(true);
  return st->get_affected_rows() == 1;
}

template <typename T>
std::optional<Child> ChildRepository::FindWhere(const std::string& where, const T& value) {
  ChildRow row;
  CachedStatement st(db_, std::string("SELECT ") + kColumns + " FROM child WHERE " + where);
  row.Bind(*st);
  st->exchange(soci::use(value));
  st->define_and_bind();
  st->execute();
  if (!st->fetch()) return std::nullopt;
  return row.ToChild();
}

std::optional<Child> ChildRepository::Find(std::string_view ref) {
  const std::string value(ref);
  if (LooksLikeUuid(ref)) return FindWhere("uuid = :v", value);
  return FindWhere("case_reference = :v", value);
}

std::optional<Child> ChildRepository::FindById(long long id) { return FindWhere("id = :v", id); }

std::optional<Child> ChildRepository::FindByNationalId(const std::string& canonical) {
  return FindWhere("national_id = :v", canonical);
}

void ChildRepository::ForEach(const ChildQuery& query, const Visibility& visibility,
                              const Visitor<Child>& visit) {
  std::string sql = std::string("SELECT ") + kColumns + " FROM child WHERE 1 = 1";
  const std::string status = query.status ? std::string(ChildStatusName(*query.status)) : "";
  const std::string needle = query.name_contains;
  if (query.status) sql += " AND status = :status";
  if (!needle.empty()) {
    sql += " AND " + db_.ContainsCondition("name", "needle");
  }
  if (!visibility.all) {
    sql +=
        " AND id IN (SELECT a.child_id FROM caseload_assignment a JOIN worker w ON "
        "w.id = a.worker_id WHERE a.released_at IS NULL AND (a.worker_id = :w";
    if (!visibility.unit.empty()) sql += " OR w.unit = :u";
    sql += "))";
  }
  sql += " ORDER BY id";
  ChildRow row;
  CachedStatement st(db_, sql);
  row.Bind(*st);
  if (query.status) st->exchange(soci::use(status));
  if (!needle.empty()) st->exchange(soci::use(needle));
  if (!visibility.all) {
    st->exchange(soci::use(visibility.worker_id));
    if (!visibility.unit.empty()) st->exchange(soci::use(visibility.unit));
  }
  st->define_and_bind();
  st->execute();
  while (st->fetch()) {
    if (!visit(row.ToChild())) break;
  }
}

}  // namespace kinbridge::detail
