// Stored family networks: the relations of each child.
#pragma once

#include <memory>
#include <optional>

#include "kinbridge/relation.h"
#include "kinbridge/workspace.h"
#include "storage/database.h"

namespace kinbridge::detail {

// Methods throw on database errors; callers turn them into a Status (DatabaseError).
class RelationRepository {
 public:
  explicit RelationRepository(Database& db);
  ~RelationRepository();
  // registered_child_id: the child record this person is (a sibling in care), or 0. The
  // statement is prepared once per repository, so a repository kept for a batch compiles it once.
  long long Insert(const Relation& relation, long long registered_child_id = 0);
  std::optional<Relation> FindById(long long id);
  void ForEachOfChild(long long child_id, const Visitor<Relation>& visit);

 private:
  struct Prepared;
  Database& db_;
  std::unique_ptr<Prepared> insert_;
};

}  // namespace kinbridge::detail
