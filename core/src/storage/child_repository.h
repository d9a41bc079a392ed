// Stored children and their case-reference counters.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kinbridge/child.h"
#include "kinbridge/workspace.h"
#include "storage/database.h"

namespace kinbridge::detail {

// Methods throw on database errors; callers turn them into a Status (DatabaseError).
class ChildRepository {
 public:
  explicit ChildRepository(Database& db) : db_(db) {}

  // The next number in the municipality's series for `year`; never returns a number twice.
  long long NextCaseNumber(long long municipality_id, int year);
  // `count` numbers at once, in one statement: returns the last; the first is last - count + 1.
  long long ReserveCaseNumbers(long long municipality_id, int year, int count);

  // Inserts the child (id ignored) and returns its id.
  long long Insert(long long municipality_id, const Child& child);
  // Inserts the children with the ids they carry (Database::ReserveIds), all in one go.
  void InsertAll(long long municipality_id, const std::vector<Child>& children);
  // Writes every changeable field and increments the version, if the stored version still
  // equals child.version. Returns false when it does not (someone else changed the child).
  bool Update(const Child& child);

  // By case reference or uuid.
  std::optional<Child> Find(std::string_view ref);
  std::optional<Child> FindById(long long id);
  std::optional<Child> FindByNationalId(const std::string& canonical);

  // Which children a listing may include.
  struct Visibility {
    bool all = false;         // administrators with a stated purpose
    long long worker_id = 0;  // the worker's own caseload
    std::string unit;         // and, when not empty, the caseloads of this unit
  };
  void ForEach(const ChildQuery& query, const Visibility& visibility, const Visitor<Child>& visit);

 private:
  template <typename T>
  std::optional<Child> FindWhere(const std::string& where, const T& value);
  Database& db_;
};

}  // namespace kinbridge::detail
