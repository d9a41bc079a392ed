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

namespace {

// New children, column by column, as Insert and InsertAll write them.
struct ChildRows {
  std::vector<long long> id, municipality_id, protected_identity;
  std::vector<std::string> uuid, case_reference, name, birth_date, scheme, national_id, languages,
      school, status, created_at, updated_at;
  std::vector<soci::indicator> nid_ind;

  void Add(long long municipality, const Child& c) {
    id.push_back(c.id);
    municipality_id.push_back(municipality);
    uuid.push_back(c.uuid);
    case_reference.push_back(c.case_reference);
    name.push_back(c.name);
    birth_date.push_back(c.birth_date.ToString());
    scheme.push_back(c.national_id ? std::string(NationalIdSchemeName(c.national_id->scheme))
                                   : std::string());
    national_id.push_back(c.national_id ? c.national_id->canonical : std::string());
    nid_ind.push_back(c.national_id ? soci::i_ok : soci::i_null);
    languages.push_back(JoinList(c.languages));
    school.push_back(c.school);
    protected_identity.push_back(c.protected_identity ? 1 : 0);
    status.push_back(std::string(ChildStatusName(c.status)));
    created_at.push_back(c.created_at);
    updated_at.push_back(c.updated_at);
  }

  // The version column keeps its default, 1.
  NewRows Columns(bool with_id) {
    NewRows rows("child");
    if (with_id) rows.Add("id", id);
    return rows.Add("uuid", uuid)
        .Add("municipality_id", municipality_id)
        .Add("case_reference", case_reference)
        .Add("name", name)
        .Add("birth_date", birth_date)
        .Add("national_id_scheme", scheme, &nid_ind)
        .Add("national_id", national_id, &nid_ind)
        .Add("languages", languages)
        .Add("school", school)
        .Add("protected_identity", protected_identity)
        .Add("status", status)
        .Add("created_at", created_at)
        .Add("updated_at", updated_at);
  }
};

}  // namespace

long long ChildRepository::NextCaseNumber(long long municipality_id, int year) {
  return ReserveCaseNumbers(municipality_id, year, 1);
}

long long ChildRepository::ReserveCaseNumbers(long long municipality_id, int year, int count) {
  long long last = 0;
  RunCached(db_,
            "INSERT INTO case_reference_counter (municipality_id, year, last_number) VALUES (:m, "
            ":y, :n) ON CONFLICT (municipality_id, year) DO UPDATE SET last_number = "
            "case_reference_counter.last_number + excluded.last_number RETURNING last_number",
            soci::use(municipality_id), soci::use(year), soci::use(count), soci::into(last));
  return last;
}

long long ChildRepository::Insert(long long municipality_id, const Child& c) {
  ChildRows rows;
  rows.Add(municipality_id, c);
  return db_.InsertRow(rows.Columns(false));
}

void ChildRepository::InsertAll(long long municipality_id, const std::vector<Child>& children) {
  ChildRows rows;
  for (const Child& c : children) rows.Add(municipality_id, c);
  db_.InsertRows(rows.Columns(true));
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
