// Stored contact restrictions.
#pragma once

#include <optional>
#include <vector>

#include "kinbridge/restriction.h"
#include "kinbridge/workspace.h"
#include "storage/database.h"

namespace kinbridge::detail {

// Methods throw on database errors; callers turn them into a Status (DatabaseError).
class RestrictionRepository {
 public:
  explicit RestrictionRepository(Database& db) : db_(db) {}
  long long Insert(const Restriction& restriction);
  // Inserts the restrictions with the ids they carry (Database::ReserveIds), all in one go.
  void InsertAll(std::vector<Restriction> restrictions);
  void SetLifted(long long id, Date lifted_on, const std::string& reason);
  std::optional<Restriction> FindById(long long id);
  // child_id 0: every child. Ordered by child, then valid_from.
  void ForEach(long long child_id, const Visitor<Restriction>& visit);

 private:
  Database& db_;
};

}  // namespace kinbridge::detail
