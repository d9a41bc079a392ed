// Stored placements (care episodes).
#pragma once

#include <optional>
#include <vector>

#include "kinbridge/placement.h"
#include "kinbridge/workspace.h"
#include "storage/database.h"

namespace kinbridge::detail {

// Methods throw on database errors; callers turn them into a Status (DatabaseError).
class PlacementRepository {
 public:
  explicit PlacementRepository(Database& db) : db_(db) {}
  long long Insert(const Placement& placement);
  // Inserts the placements with the ids they carry (Database::ReserveIds), all in one go.
  void InsertAll(std::vector<Placement> placements);
  void SetEnded(long long id, Date end, const std::string& reason);
  std::optional<Placement> FindById(long long id);
  // Ordered by start date.
  void ForEachOfChild(long long child_id, const Visitor<Placement>& visit);

 private:
  Database& db_;
};

}  // namespace kinbridge::detail
