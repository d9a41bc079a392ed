#include "storage/method_repository.h"

namespace kinbridge::detail {

void MethodRepository::SavePlugin(const InstalledPlugin& p, long long installed_by) {
  RunCached(db_,
            "INSERT INTO method_plugin (file_name, path, sha256, plugin_name, "
            "plugin_version, installed_by, installed_at) VALUES (:f, :p, :h, :n, :v, :by, "
            ":at) ON CONFLICT (file_name) DO UPDATE SET path = excluded.path, "
            "sha256 = excluded.sha256, plugin_name = excluded.plugin_name, "
            "plugin_version = excluded.plugin_version, installed_by = "
            "excluded.installed_by, installed_at = excluded.installed_at",
            soci::use(p.file_name), soci::use(p.path), soci::use(p.sha256),
            soci::use(p.plugin_name), soci::use(p.plugin_version), soci::use(installed_by),
            soci::use(p.installed_at));
}

std::vector<InstalledPlugin> MethodRepository::Plugins() {
  std::vector<InstalledPlugin> plugins;
  InstalledPlugin p;
  soci::indicator by_ind = soci::i_null;
  CachedStatement st(db_,
                     "SELECT m.file_name, m.path, m.sha256, m.plugin_name, m.plugin_version, "
                     "w.os_account, m.installed_at FROM method_plugin m LEFT JOIN worker w ON "
                     "w.id = m.installed_by ORDER BY m.file_name",
                     soci::into(p.file_name), soci::into(p.path), soci::into(p.sha256),
                     soci::into(p.plugin_name), soci::into(p.plugin_version),
                     soci::into(p.installed_by, by_ind), soci::into(p.installed_at));
  st->execute();
  while (st->fetch()) {
    if (by_ind != soci::i_ok) p.installed_by.clear();
    plugins.push_back(p);
  }
  return plugins;
}

void MethodRepository::SaveProfile(const StoredProfile& profile, long long applied_by,
                                   const std::string& at) {
  RunCached(db_,
            "INSERT INTO method_profile (method_id, version, base_id, base_range, "
            "profile_json, applied_by, applied_at) VALUES (:id, :v, :b, :r, :j, :by, :at)",
            soci::use(profile.method_id), soci::use(profile.version), soci::use(profile.base_id),
            soci::use(profile.base_range), soci::use(profile.profile_json), soci::use(applied_by),
            soci::use(at));
}

std::vector<StoredProfile> MethodRepository::Profiles() {
  std::vector<StoredProfile> profiles;
  StoredProfile p;
  CachedStatement st(db_,
                     "SELECT method_id, version, base_id, base_range, profile_json "
                     "FROM method_profile ORDER BY id",
                     soci::into(p.method_id), soci::into(p.version), soci::into(p.base_id),
                     soci::into(p.base_range), soci::into(p.profile_json));
  st->execute();
  while (st->fetch()) profiles.push_back(p);
  return profiles;
}

}  // namespace kinbridge::detail
