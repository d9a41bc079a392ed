// The contact-schedule fixture: a municipality's active contact plans written straight into a
// workspace file through the raw SQLite C API (creating 100 000 plans through ProposePlan and
// ApprovePlan would take far longer than the workloads it prepares). Its own translation unit,
// as SOCI's sqlite3 header wraps <sqlite3.h> in a namespace.
#pragma once

#include <string>
#include <vector>

namespace kinbridge::bench {

// The first day of every arrangement ("today" of the fixture workspace) and its clock time.
inline constexpr const char* kFixtureFirstDay = "2026-11-29";
inline constexpr int kFixtureStartMinutes = 10 * 60;

// The recurrence rules of `plans` arrangements, one per plan, in plan order. Out of every 50:
// 37 weekly (Saturday or Wednesday), 7 fortnightly on Sunday, 5 monthly on the 1st and one
// daily: about 51 events a plan over a year.
std::vector<std::string> FixtureRules(long plans);

// Who the fixture's rows name: ids already in the workspace.
struct FixtureOwners {
  long long municipality_id = 0;
  long long administrator_id = 0;     // approves the plans and assigns the caseloads
  std::vector<long long> worker_ids;  // social workers sharing the children evenly
  std::string now_utc;                // created_at of every row
};

// Inserts, in one transaction, one open child per rule with a parent, a current caseload
// assignment, and an active contact plan of the vara_contact method with one arrangement
// following the rule from kFixtureFirstDay. The workspace must not be open for writing
// elsewhere; the connection is closed (and the write-ahead log checkpointed) on return.
// Throws std::runtime_error naming the failed statement.
void InsertActivePlans(const std::string& path, const FixtureOwners& owners,
                       const std::vector<std::string>& rules);

}  // namespace kinbridge::bench
