#include "attendance_fixture.h"

#include "raw_statement.h"

#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>

namespace kinbridge::bench {

namespace {

// A group member over days ("YYYY-MM-DD" compares as text).
struct Member {
  long long child_id = 0;
  std::string case_reference;
  std::string joined_on, left_on;  // left_on empty: still a member
  bool Covers(const std::string& day) const {
    return joined_on <= day && (left_on.empty() || day <= left_on);
  }
};

// Every member of the site's groups, by group, in ascending child id.
std::map<long long, std::vector<Member>> MembersByGroup(sqlite3* db, long long site_id) {
  std::map<long long, std::vector<Member>> members;
  Statement select(db,
                   "SELECT m.group_id, m.child_id, c.case_reference, m.joined_on, m.left_on "
                   "FROM group_member m JOIN activity_group g ON g.id = m.group_id "
                   "JOIN activity a ON a.id = g.activity_id JOIN child c ON c.id = m.child_id "
                   "WHERE a.site_id = ?1 ORDER BY m.group_id, m.child_id");
  select.Int(1, site_id);
  while (select.Next()) {
    Member m;
    m.child_id = select.IntAt(1);
    m.case_reference = select.TextAt(2);
    m.joined_on = select.TextAt(3);
    if (!select.IsNull(4)) m.left_on = select.TextAt(4);
    members[select.IntAt(0)].push_back(std::move(m));
  }
  return members;
}

// A well-mixed 32-bit hash (of a session and a child), for deterministic marks.
std::uint32_t Mix(std::uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return static_cast<std::uint32_t>(x);
}

}  // namespace

std::vector<std::vector<std::string>> InsertEnrolledChildren(const std::string& path,
                                                             const EnrolledChildren& spec) {
  if (spec.social_worker_ids.empty()) {
    throw std::runtime_error("the fixture needs at least one social worker");
  }
  Connection connection(path);
  sqlite3* db = connection.get();
  std::vector<std::vector<std::string>> references(spec.activity_ids.size());
  Exec(db, "BEGIN IMMEDIATE");
  try {
    Statement child(db,
                    "INSERT INTO child (uuid, municipality_id, case_reference, name, birth_date, "
                    "languages, school, protected_identity, status, version, created_at, "
                    "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, 'zh', ?6, 0, 'open', 1, ?7, ?7)");
    Statement assignment(db,
                         "INSERT INTO caseload_assignment (child_id, worker_id, assigned_at, "
                         "assigned_by, note) VALUES (?1, ?2, ?3, ?4, '')");
    Statement enrolment(db,
                        "INSERT INTO enrolment (activity_id, child_id, status, requested_on, "
                        "enrolled_on, note, created_at) VALUES (?1, ?2, 'enrolled', ?3, ?3, '', "
                        "?4)");
    const char* schools[] = {"屯溪区小学", "育才小学", "黄山路小学", "新安小学"};
    long long number = 0;
    for (std::size_t a = 0; a < spec.activity_ids.size(); ++a) {
      for (int i = 0; i < spec.per_activity; ++i) {
        ++number;
        const std::string reference = fmt::format("{}-{:06}", spec.case_prefix, number);
        // Ages 8 to 13 on the fixture's today.
        const std::string birth =
            fmt::format("{}-{:02}-{:02}", 2013 + number % 6, 1 + number % 12, 1 + number % 28);
        const long long child_id =
            child.Text(1, fmt::format("a0000000-0000-4000-8000-{:012}", number))
                .Int(2, spec.municipality_id)
                .Text(3, reference)
                .Text(4, fmt::format("Child {}", number))
                .Text(5, birth)
                .Text(6, schools[number % 4])
                .Text(7, spec.now_utc)
                .Run();
        const std::size_t worker = static_cast<std::size_t>(number) % spec.social_worker_ids.size();
        assignment.Int(1, child_id)
            .Int(2, spec.social_worker_ids[worker])
            .Text(3, spec.now_utc)
            .Int(4, spec.administrator_id)
            .Run();
        enrolment.Int(1, spec.activity_ids[a])
            .Int(2, child_id)
            .Text(3, spec.enrolled_on)
            .Text(4, spec.now_utc)
            .Run();
        references[a].push_back(reference);
      }
    }
    // The next case reference AddChild hands out follows the fixture's.
    Statement counter(
        db,
        "INSERT OR REPLACE INTO case_reference_counter (municipality_id, year, last_number) "
        "VALUES (?1, ?2, ?3)");
    counter.Int(1, spec.municipality_id)
        .Int(2, std::stoll(spec.case_prefix.substr(spec.case_prefix.rfind('-') + 1)))
        .Int(3, number)
        .Run();
    Exec(db, "COMMIT");
  } catch (...) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
  return references;
}

HistoryWritten RecordAttendanceHistory(const std::string& path, const AttendanceHistory& h) {
  Connection connection(path);
  sqlite3* db = connection.get();
  HistoryWritten written;
  Exec(db, "BEGIN IMMEDIATE");
  try {
    const std::map<long long, std::vector<Member>> members = MembersByGroup(db, h.site_id);
    Statement cancel(db,
                     "UPDATE session SET status = 'cancelled', cancel_reason = ?1 WHERE id = ?2");
    Statement mark(db,
                   "INSERT INTO attendance (session_id, child_id, mark, note, recorded_by, "
                   "recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    Statement held(db,
                   "UPDATE session SET status = 'held', held_by = ?1, held_at = ?2 WHERE id = ?3");
    // Collected first: the updates must not run under the open SELECT.
    struct Due {
      long long id = 0, group_id = 0;
      std::string day, ends_utc;
    };
    std::vector<Due> due;
    {
      Statement select(db,
                       "SELECT s.id, COALESCE(s.group_id, 0), s.local_day, s.ends_utc FROM session "
                       "s JOIN activity a ON a.id = s.activity_id WHERE a.site_id = ?1 AND "
                       "s.status = 'scheduled' AND s.local_day <= ?2 ORDER BY s.starts_utc, s.id");
      select.Int(1, h.site_id).Text(2, h.through);
      while (select.Next()) {
        due.push_back({select.IntAt(0), select.IntAt(1), select.TextAt(2), select.TextAt(3)});
      }
    }
    for (const Due& s : due) {
      if (h.closed_from <= s.day && s.day <= h.closed_to) {
        cancel.Text(1, h.closed_reason).Int(2, s.id).Run();
        ++written.cancelled;
        continue;
      }
      const auto group = members.find(s.group_id);
      if (group == members.end()) continue;  // a session of no group: not in this fixture
      const bool recent = s.day >= h.recent_from;
      // Recorded as the session ends.
      for (const Member& m : group->second) {
        if (!m.Covers(s.day)) continue;
        const std::uint32_t roll = Mix(static_cast<std::uint64_t>(s.id) * 1000003ULL +
                                       static_cast<std::uint64_t>(m.child_id)) %
                                   100;
        const bool falling = m.child_id % 10 == 3;
        const char* value = "present";
        if (falling && recent) {
          value = roll < 55 ? "absent" : roll < 60 ? "excused" : "present";
        } else if (roll < 6) {
          value = "absent";
        } else if (roll < 10) {
          value = "excused";
        }
        const bool excused = value[0] == 'e';
        mark.Int(1, s.id)
            .Int(2, m.child_id)
            .Text(3, value)
            .Text(4, excused ? "病假" : "")
            .Int(5, h.recorder_id)
            .Text(6, s.ends_utc)
            .Run();
        ++written.rows;
      }
      held.Int(1, h.recorder_id).Text(2, s.ends_utc).Int(3, s.id).Run();
      ++written.held;
    }
    Exec(db, "COMMIT");
  } catch (...) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
  return written;
}

std::vector<OpenSession> OpenSessions(const std::string& path, long long site_id,
                                      const std::string& through, std::size_t limit) {
  Connection connection(path);
  sqlite3* db = connection.get();
  const std::map<long long, std::vector<Member>> members = MembersByGroup(db, site_id);
  std::vector<OpenSession> sessions;
  Statement select(db,
                   "SELECT s.id, s.group_id, s.local_day FROM session s JOIN activity a ON a.id = "
                   "s.activity_id WHERE a.site_id = ?1 AND s.status = 'scheduled' AND "
                   "s.group_id IS NOT NULL AND s.local_day <= ?2 ORDER BY s.starts_utc, s.id");
  select.Int(1, site_id).Text(2, through);
  while (sessions.size() < limit && select.Next()) {
    OpenSession s;
    s.id = select.IntAt(0);
    const std::string day = select.TextAt(2);
    const auto group = members.find(select.IntAt(1));
    if (group == members.end()) continue;
    std::vector<const Member*> expected;
    for (const Member& m : group->second) {
      if (m.Covers(day)) expected.push_back(&m);
    }
    if (expected.empty()) continue;
    s.absent = static_cast<std::size_t>(s.id) % expected.size();
    s.absent_case_reference = expected[s.absent]->case_reference;
    for (const Member* m : expected) s.children.push_back(m->child_id);
    sessions.push_back(std::move(s));
  }
  return sessions;
}

}  // namespace kinbridge::bench
