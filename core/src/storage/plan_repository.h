// Stored contact plans and their arrangements.
#pragma once

#include <optional>
#include <vector>

#include "kinbridge/plan.h"
#include "storage/database.h"

namespace kinbridge::detail {

// A method's findings as stored (a JSON array) and back; unreadable text gives no findings.
std::string FindingsJson(const std::vector<MethodFinding>& findings);
std::vector<MethodFinding> FindingsFrom(const std::string& text);

// Methods throw on database errors; callers turn them into a Status (DatabaseError).
// Plans come back with their arrangements (relation names filled in) and findings.
class PlanRepository {
 public:
  explicit PlanRepository(Database& db) : db_(db) {}

  long long Insert(long long child_id, const ContactPlan& plan);
  // Writes status, purpose, child's view, review date, approval (approved_by 0 keeps the
  // stored approver), findings, end, updated_at, and version + 1 (where the stored version
  // equals plan.version).
  bool Update(const ContactPlan& plan, long long approved_by);
  // Changes only the status (and version, updated_at).
  void SetStatus(long long plan_id, PlanStatus status, const std::string& at);
  long long InsertArrangement(long long plan_id, const NewArrangement& arrangement);
  void DeleteArrangement(long long arrangement_id);

  std::optional<ContactPlan> Find(long long plan_id, long long* child_id);
  std::vector<ContactPlan> OfChild(long long child_id);

 private:
  void LoadArrangements(ContactPlan& plan);
  Database& db_;
};

}  // namespace kinbridge::detail
