// The rows behind a method's aggregated outcomes (contact events, plans, attendance marks and
// plan reviews of one method, per child and month), and the outcome cells that arrived with
// imported transfer packages (table imported_outcome). Banding, periods and suppression are in
// workspace/outcomes.cpp; here is only what the database answers.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kinbridge/date.h"
#include "kinbridge/workspace.h"
#include "storage/database.h"

namespace kinbridge::detail {

// A child's contact events of plans made with the method, in one month ("YYYY-MM"): the events
// due (not cancelled by the core) and those logged as having taken place.
struct ContactMonth {
  long long child_id = 0;
  Date birth_date;
  std::string month;
  long long due = 0, held = 0;
};

// A plan made with the method that was approved (so ran for some time).
struct PlanSpan {
  long long plan_id = 0, child_id = 0;
  Date birth_date;
  Date approved_on;  // the UTC day of approval
  std::optional<Date> ended_on;
};

// A child's attendance marks at held sessions of the method's activities, in one month and
// one group (0: an activity without groups).
struct MarkMonth {
  long long child_id = 0;
  Date birth_date;
  std::string month;
  long long group_id = 0;
  long long present = 0, absent = 0, excused = 0;
};

// A review of a plan made with the method: the core components the method checked (JSON list
// of {"component", "met", "note"}).
struct ReviewFidelity {
  long long child_id = 0;
  Date birth_date;
  Date reviewed_on;
  std::string fidelity_json;
};

struct StoredOutcomeCell {
  std::string period, age_band, indicator;
  double value = 0;
  long long n = 0;
};

// Methods throw on database errors; callers turn them into a Status (DatabaseError).
class OutcomeRepository {
 public:
  explicit OutcomeRepository(Database& db) : db_(db) {}

  // Each for `method_id` (every version) and local days in [from, to].
  void ForEachContactMonth(const std::string& method_id, Date from, Date to,
                           const Visitor<ContactMonth>& visit);
  // Plans approved on or before `to` and not ended before `from`.
  void ForEachPlan(const std::string& method_id, Date from, Date to,
                   const Visitor<PlanSpan>& visit);
  void ForEachMarkMonth(const std::string& method_id, Date from, Date to,
                        const Visitor<MarkMonth>& visit);
  void ForEachReview(const std::string& method_id, Date from, Date to,
                     const Visitor<ReviewFidelity>& visit);

  // The outcome cells of an imported package.
  void SaveImported(long long imported_method_id, const std::vector<StoredOutcomeCell>& cells);
  std::vector<StoredOutcomeCell> Imported(long long imported_method_id);

 private:
  Database& db_;
};

}  // namespace kinbridge::detail
