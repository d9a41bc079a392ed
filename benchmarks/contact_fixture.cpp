#include "contact_fixture.h"

#include "raw_statement.h"

#include <sqlite3.h>

#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>

namespace kinbridge::bench {

std::vector<std::string> FixtureRules(long plans) {
  std::vector<std::string> rules;
  rules.reserve(static_cast<std::size_t>(plans));
  for (long i = 0; i < plans; ++i) {
    const long kind = i % 50;
    if (kind == 0) {
      rules.emplace_back("FREQ=DAILY");
    } else if (kind <= 5) {
      rules.emplace_back("FREQ=MONTHLY;BYMONTHDAY=1");
    } else if (kind <= 12) {
      rules.emplace_back("FREQ=WEEKLY;INTERVAL=2;BYDAY=SU");
    } else if (kind <= 37) {
      rules.emplace_back("FREQ=WEEKLY;BYDAY=SA");
    } else {
      rules.emplace_back("FREQ=WEEKLY;BYDAY=WE");
    }
  }
  return rules;
}

void InsertActivePlans(const std::string& path, const FixtureOwners& owners,
                       const std::vector<std::string>& rules) {
  if (owners.worker_ids.empty()) throw std::runtime_error("the fixture needs at least one worker");
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    const std::string message = fmt::format("opening {}: {}", path, sqlite3_errmsg(db));
    sqlite3_close(db);
    throw std::runtime_error(message);
  }
  try {
    Exec(db, "PRAGMA foreign_keys=ON");
    Exec(db, "BEGIN IMMEDIATE");
    {
      Statement child(db,
                      "INSERT INTO child (uuid, municipality_id, case_reference, name, birth_date, "
                      "languages, school, protected_identity, status, version, created_at, "
                      "updated_at) VALUES (?1, ?2, ?3, ?4, '2016-05-17', 'sv', 'Vara skola', 0, "
                      "'open', 1, ?5, ?5)");
      Statement relation(
          db,
          "INSERT INTO relation (uuid, child_id, person_name, kind, description, "
          "caregiver, in_contact, created_at) VALUES (?1, ?2, ?3, ?4, '', 0, 1, ?5)");
      Statement assignment(db,
                           "INSERT INTO caseload_assignment (child_id, worker_id, assigned_at, "
                           "assigned_by, note) VALUES (?1, ?2, ?3, ?4, '')");
      Statement plan(db,
                     "INSERT INTO contact_plan (uuid, child_id, status, purpose, review_date, "
                     "approved_by, approved_at, method_id, method_version, method_chain, findings, "
                     "version, created_at, updated_at) VALUES (?1, ?2, 'active', "
                     "'Keep the child in regular contact with a parent', '2027-05-29', ?3, ?4, "
                     "'se.vara.contact', '1.0.0', 'se.vara.contact@1.0.0', '[]', 1, ?4, ?4)");
      Statement arrangement(
          db,
          "INSERT INTO plan_arrangement (plan_id, relation_id, mode, rrule, "
          "first_day, start_time, duration_minutes, supervision, venue, transport, "
          "conditions) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 60, 'monitored', "
          "'Familjecentralen', '', '')");
      const std::string start_time =
          fmt::format("{:02}:{:02}", kFixtureStartMinutes / 60, kFixtureStartMinutes % 60);
      const std::size_t workers = owners.worker_ids.size();
      for (std::size_t i = 0; i < rules.size(); ++i) {
        const long long child_id = child.Text(1, fmt::format("c0000000-0000-4000-8000-{:012}", i))
                                       .Int(2, owners.municipality_id)
                                       .Text(3, fmt::format("VAR-2026-{:06}", i + 1))
                                       .Text(4, fmt::format("Child {}", i + 1))
                                       .Text(5, owners.now_utc)
                                       .Run();
        const long long relation_id =
            relation.Text(1, fmt::format("r0000000-0000-4000-8000-{:012}", i))
                .Int(2, child_id)
                .Text(3, fmt::format("Parent {}", i + 1))
                .Text(4, i % 3 == 0 ? "father" : "mother")
                .Text(5, owners.now_utc)
                .Run();
        // Shifted by the block of 50, so that every worker's caseload mixes every rule.
        const std::size_t worker = (i + i / 50) % workers;
        assignment.Int(1, child_id)
            .Int(2, owners.worker_ids[worker])
            .Text(3, owners.now_utc)
            .Int(4, owners.administrator_id)
            .Run();
        const long long plan_id = plan.Text(1, fmt::format("p0000000-0000-4000-8000-{:012}", i))
                                      .Int(2, child_id)
                                      .Int(3, owners.administrator_id)
                                      .Text(4, owners.now_utc)
                                      .Run();
        arrangement.Int(1, plan_id)
            .Int(2, relation_id)
            .Text(3, i % 4 == 3 ? "video" : "visit")
            .Text(4, rules[i])
            .Text(5, kFixtureFirstDay)
            .Text(6, start_time)
            .Run();
      }
      // The next case reference AddChild hands out follows the fixture's.
      Statement counter(
          db,
          "INSERT OR REPLACE INTO case_reference_counter (municipality_id, year, last_number) "
          "VALUES (?1, 2026, ?2)");
      counter.Int(1, owners.municipality_id).Int(2, static_cast<long long>(rules.size())).Run();
    }
    Exec(db, "COMMIT");
  } catch (...) {
    sqlite3_close(db);
    throw;
  }
  sqlite3_close(db);
}

}  // namespace kinbridge::bench
