// Stored caseloads: which worker is responsible for which child, and since when.
#pragma once

#include <string>
#include <vector>

#include "access/permissions.h"
#include "kinbridge/workspace.h"
#include "storage/database.h"

namespace kinbridge::detail {

// Methods throw on database errors; callers turn them into a Status (DatabaseError).
class CaseloadRepository {
 public:
  explicit CaseloadRepository(Database& db) : db_(db) {}

  // Makes `worker_id` the child's responsible worker from `at`, releasing whoever was.
  // Returns the new assignment's id.
  long long Assign(long long child_id, long long worker_id, const std::string& at,
                   long long assigned_by, const std::string& note);

  // Makes worker_ids[i] responsible for child_ids[i], children who have no worker yet (just
  // registered), all in one go.
  void AssignNew(const std::vector<long long>& child_ids, const std::vector<long long>& worker_ids,
                 const std::string& at, long long assigned_by, const std::string& note);

  // The actor's relation to the child: responsible, or the child of someone in their unit.
  ChildScope ScopeOf(long long child_id, const Worker& worker);

  // The child's assignments, oldest first.
  void ForEachOfChild(long long child_id, const Visitor<CaseloadAssignment>& visit);

 private:
  Database& db_;
};

}  // namespace kinbridge::detail
