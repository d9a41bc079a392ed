// Stored family networks: the relations of each child.
#pragma once

#include <optional>
#include <vector>

#include "kinbridge/relation.h"
#include "kinbridge/workspace.h"
#include "storage/database.h"

namespace kinbridge::detail {

// Methods throw on database errors; callers turn them into a Status (DatabaseError).
class RelationRepository {
 public:
  explicit RelationRepository(Database& db) : db_(db) {}
  // registered_child_id: the child record this person is (a sibling in care), or 0.
  long long Insert(const Relation& relation, long long registered_child_id = 0);
  // Inserts the relations with the ids they carry (Database::ReserveIds), all in one go;
  // registered_child_ids as for Insert, one for each relation.
  void InsertAll(std::vector<Relation> relations,
                 const std::vector<long long>& registered_child_ids);
  std::optional<Relation> FindById(long long id);
  void ForEachOfChild(long long child_id, const Visitor<Relation>& visit);

 private:
  Database& db_;
};

}  // namespace kinbridge::detail
