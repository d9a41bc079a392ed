#include "storage/workspace_repository.h"

#include "storage/row_values.h"

namespace kinbridge::detail {

void WorkspaceRepository::SetSetting(const std::string& name, const std::string& value) {
  db_.session() << "INSERT INTO workspace_setting (name, value) VALUES (:n, :v) "
                   "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
      soci::use(name), soci::use(value);
}

std::optional<std::string> WorkspaceRepository::Setting(const std::string& name) {
  std::string value;
  soci::indicator ind = soci::i_null;
  db_.session() << "SELECT value FROM workspace_setting WHERE name = :n", soci::use(name),
      soci::into(value, ind);
  if (!db_.session().got_data() || ind != soci::i_ok) return std::nullopt;
  return value;
}

long long WorkspaceRepository::InsertMunicipality(const Municipality& m,
                                                  const std::string& created_at) {
  long long id = 0;
  db_.session() << "INSERT INTO municipality (uuid, code, name, country, locale, time_zone, "
                   "created_at) VALUES (:uuid, :code, :name, :country, :locale, :tz, :created) "
                   "RETURNING id",
      soci::use(m.uuid), soci::use(m.code), soci::use(m.name), soci::use(m.country),
      soci::use(m.locale), soci::use(m.time_zone), soci::use(created_at), soci::into(id);
  return id;
}

std::optional<Municipality> WorkspaceRepository::FindMunicipality(long long id) {
  Municipality m;
  long long found_id = 0;
  db_.session() << "SELECT id, uuid, code, name, country, locale, time_zone FROM municipality "
                   "WHERE id = :id",
      soci::use(id), soci::into(found_id), soci::into(m.uuid), soci::into(m.code),
      soci::into(m.name), soci::into(m.country), soci::into(m.locale), soci::into(m.time_zone);
  if (!db_.session().got_data()) return std::nullopt;
  m.id = found_id;
  return m;
}

long long WorkspaceRepository::InsertWorker(long long municipality_id, const Worker& w,
                                            const std::string& created_at) {
  const std::string roles = JoinList(w.roles);
  const int active = w.active ? 1 : 0;
  long long id = 0;
  db_.session() << "INSERT INTO worker (uuid, municipality_id, name, os_account, roles, active, "
                   "created_at) VALUES (:uuid, :m, :name, :account, :roles, :active, :created) "
                   "RETURNING id",
      soci::use(w.uuid), soci::use(municipality_id), soci::use(w.name), soci::use(w.os_account),
      soci::use(roles), soci::use(active), soci::use(created_at), soci::into(id);
  return id;
}

void WorkspaceRepository::ForEachWorker(const Visitor<Worker>& visit) {
  long long id = 0;
  std::string uuid, name, account, roles;
  int active = 0;
  soci::statement st = (db_.session().prepare << "SELECT id, uuid, name, os_account, roles, "
                                                 "active FROM worker ORDER BY id",
                        soci::into(id), soci::into(uuid), soci::into(name), soci::into(account),
                        soci::into(roles), soci::into(active));
  st.execute();
  while (st.fetch()) {
    Worker w;
    w.id = id;
    w.uuid = uuid;
    w.name = name;
    w.os_account = account;
    w.roles = SplitList(roles);
    w.active = active != 0;
    if (!visit(w)) break;
  }
}

}  // namespace kinbridge::detail
