#include "storage/workspace_repository.h"

#include "storage/row_values.h"

namespace kinbridge::detail {

void WorkspaceRepository::SetSetting(const std::string& name, const std::string& value) {
  RunCached(db_,
            "INSERT INTO workspace_setting (name, value) VALUES (:n, :v) "
            "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            soci::use(name), soci::use(value));
}

std::optional<std::string> WorkspaceRepository::Setting(const std::string& name) {
  std::string value;
  soci::indicator ind = soci::i_null;
  RunCached(db_, "SELECT value FROM workspace_setting WHERE name = :n", soci::use(name),
            soci::into(value, ind));
  if (!db_.session().got_data() || ind != soci::i_ok) return std::nullopt;
  return value;
}

long long WorkspaceRepository::InsertMunicipality(const Municipality& m,
                                                  const std::string& created_at) {
  long long id = 0;
  RunCached(db_,
            "INSERT INTO municipality (uuid, code, name, country, locale, time_zone, "
            "created_at) VALUES (:uuid, :code, :name, :country, :locale, :tz, :created) "
            "RETURNING id",
            soci::use(m.uuid), soci::use(m.code), soci::use(m.name), soci::use(m.country),
            soci::use(m.locale), soci::use(m.time_zone), soci::use(created_at), soci::into(id));
  return id;
}

std::optional<Municipality> WorkspaceRepository::FindMunicipality(long long id) {
  Municipality m;
  long long found_id = 0;
  RunCached(db_,
            "SELECT id, uuid, code, name, country, locale, time_zone FROM municipality "
            "WHERE id = :id",
            soci::use(id), soci::into(found_id), soci::into(m.uuid), soci::into(m.code),
            soci::into(m.name), soci::into(m.country), soci::into(m.locale),
            soci::into(m.time_zone));
  if (!db_.session().got_data()) return std::nullopt;
  m.id = found_id;
  return m;
}

namespace {

std::string JoinRoles(const std::vector<Role>& roles) {
  std::vector<std::string> names;
  for (Role role : roles) names.emplace_back(RoleName(role));
  return JoinList(names);
}

std::vector<Role> SplitRoles(const std::string& text) {
  std::vector<Role> roles;
  for (const std::string& name : SplitList(text)) {
    Result<Role> role = ParseRole(name);
    if (!role.ok()) throw std::runtime_error("stored role is unknown: " + name);
    roles.push_back(*role);
  }
  return roles;
}

constexpr const char* kWorkerColumns = "id, uuid, name, os_account, unit, roles, active";

struct WorkerRow {
  long long id = 0;
  std::string uuid, name, account, unit, roles;
  int active = 0;

  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(uuid));
    st.exchange(soci::into(name));
    st.exchange(soci::into(account));
    st.exchange(soci::into(unit));
    st.exchange(soci::into(roles));
    st.exchange(soci::into(active));
  }

  Worker ToWorker() const {
    Worker w;
    w.id = id;
    w.uuid = uuid;
    w.name = name;
    w.os_account = account;
    w.unit = unit;
    w.roles = SplitRoles(roles);
    w.active = active != 0;
    return w;
  }
};

}  // namespace

long long WorkspaceRepository::InsertWorker(long long municipality_id, const Worker& w,
                                            const std::string& created_at) {
  const std::string roles = JoinRoles(w.roles);
  const int active = w.active ? 1 : 0;
  long long id = 0;
  RunCached(db_,
            "INSERT INTO worker (uuid, municipality_id, name, os_account, unit, roles, "
            "active, created_at) VALUES (:uuid, :m, :name, :account, :unit, :roles, "
            ":active, :created) RETURNING id",
            soci::use(w.uuid), soci::use(municipality_id), soci::use(w.name),
            soci::use(w.os_account), soci::use(w.unit), soci::use(roles), soci::use(active),
            soci::use(created_at), soci::into(id));
  return id;
}

std::optional<Worker> WorkspaceRepository::FindWorker(const std::string& os_account) {
  WorkerRow row;
  CachedStatement st(
      db_, std::string("SELECT ") + kWorkerColumns + " FROM worker WHERE os_account = :a");
  row.Bind(*st);
  st->exchange(soci::use(os_account));
  st->define_and_bind();
  st->execute();
  if (!st->fetch()) return std::nullopt;
  return row.ToWorker();
}

std::optional<Worker> WorkspaceRepository::FindWorkerById(long long id) {
  WorkerRow row;
  CachedStatement st(db_, std::string("SELECT ") + kWorkerColumns + " FROM worker WHERE id = :id");
  row.Bind(*st);
  st->exchange(soci::use(id));
  st->define_and_bind();
  st->execute();
  if (!st->fetch()) return std::nullopt;
  return row.ToWorker();
}

void WorkspaceRepository::SetWorkerRoles(long long id, const std::vector<Role>& roles) {
  const std::string joined = JoinRoles(roles);
  RunCached(db_, "UPDATE worker SET roles = :r WHERE id = :id", soci::use(joined), soci::use(id));
}

void WorkspaceRepository::ForEachWorker(const Visitor<Worker>& visit) {
  WorkerRow row;
  CachedStatement st(db_, std::string("SELECT ") + kWorkerColumns + " FROM worker ORDER BY id");
  row.Bind(*st);
  st->define_and_bind();
  st->execute();
  while (st->fetch()) {
    if (!visit(row.ToWorker())) break;
  }
}

}  // namespace kinbridge::detail
