// Stored trust in method plugins (their approved file hashes) and method profiles.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "storage/database.h"

namespace kinbridge::detail {

struct InstalledPlugin {
  std::string file_name;  // the file's name, by which it is found in the plugin directories
  std::string path;       // where it was installed from
  std::string sha256;
  std::string plugin_name, plugin_version;
  std::string installed_by;  // account
  std::string installed_at;
};

struct StoredProfile {
  std::string method_id, version, base_id, base_range, profile_json;
};

// Methods throw on database errors; callers turn them into a Status (DatabaseError).
class MethodRepository {
 public:
  explicit MethodRepository(Database& db) : db_(db) {}

  // Inserts, or replaces the record of a file with the same name (re-approval).
  void SavePlugin(const InstalledPlugin& plugin, long long installed_by);
  std::vector<InstalledPlugin> Plugins();

  // Fails (constraint) if the id and version are already stored.
  void SaveProfile(const StoredProfile& profile, long long applied_by, const std::string& at);
  std::vector<StoredProfile> Profiles();

 private:
  Database& db_;
};

}  // namespace kinbridge::detail
