// Stored workspace-wide records: settings, the municipality and the workers.
#pragma once

#include <optional>
#include <string>

#include "kinbridge/municipality.h"
#include "kinbridge/worker.h"
#include "kinbridge/workspace.h"
#include "storage/database.h"

namespace kinbridge::detail {

// Methods throw on database errors; callers turn them into a Status (DatabaseError).
class WorkspaceRepository {
 public:
  explicit WorkspaceRepository(Database& db) : db_(db) {}

  void SetSetting(const std::string& name, const std::string& value);
  std::optional<std::string> Setting(const std::string& name);

  long long InsertMunicipality(const Municipality& m, const std::string& created_at);
  std::optional<Municipality> FindMunicipality(long long id);

  long long InsertWorker(long long municipality_id, const Worker& w, const std::string& created_at);
  std::optional<Worker> FindWorker(const std::string& os_account);
  std::optional<Worker> FindWorkerById(long long id);
  void SetWorkerRoles(long long id, const std::vector<Role>& roles);
  void ForEachWorker(const Visitor<Worker>& visit);

 private:
  Database& db_;
};

}  // namespace kinbridge::detail
