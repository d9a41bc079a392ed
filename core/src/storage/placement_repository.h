// Stored placements (care episodes).
#pragma once

#include <memory>
#include <optional>

#include "kinbridge/placement.h"
#include "kinbridge/workspace.h"
#include "storage/database.h"

namespace kinbridge::detail {

// Methods throw on database errors; callers turn them into a Status (DatabaseError).
class PlacementRepository {
 public:
  explicit PlacementRepository(Database& db);
  ~PlacementRepository();
  // Prepared once per repository, like RelationRepository::Insert.
  long long Insert(const Placement& placement);
  void SetEnded(long long id, Date end, const std::string& reason);
  std::optional<Placement> FindById(long long id);
  // Ordered by start date.
  void ForEachOfChild(long long child_id, const Visitor<Placement>& visit);

 private:
  struct Prepared;
  Database& db_;
  std::unique_ptr<Prepared> insert_;
};

}  // namespace kinbridge::detail
