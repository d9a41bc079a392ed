// Stored sessions of activities (and of their groups), attendance, and the aggregates the
// attendance report is built from.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kinbridge/activity.h"
#include "kinbridge/workspace.h"
#include "storage/database.h"

namespace kinbridge::detail {

// A session as stored, with the ids the core works with.
struct StoredSession {
  Session session;  // with its attendance counts
  long long site_id = 0;
  std::string site_name;
  long long leader_id = 0;  // 0: none
};

// Which sessions to list; the ids that are not 0 must all match.
struct SessionFilter {
  long long activity_id = 0;
  long long group_id = 0;  // > 0: one group's sessions
  long long site_id = 0;
  long long leader_id = 0;       // > 0: only the sessions it leads
  std::optional<Date> from, to;  // local days, inclusive
};

// A session to insert.
struct SessionRow {
  long long activity_id = 0;
  long long group_id = 0;   // 0: the whole activity (stored as NULL)
  long long leader_id = 0;  // 0: none (stored as NULL)
  Date local_day;
  std::string local_start, starts_utc, ends_utc;
  std::string created_at;
};

// What an overlap check compares: a session that is not cancelled.
struct SessionSlot {
  long long id = 0, activity_id = 0, group_id = 0, leader_id = 0;
  std::string activity_name, group_name, leader_account;
  Date local_day;
  std::string local_start, starts_utc, ends_utc;
  SessionStatus status = SessionStatus::kScheduled;
  bool extra = false;
};

// A child's name and protection, and who is responsible for the child now.
struct ChildLabel {
  long long id = 0;
  std::string case_reference, name;
  bool protected_identity = false;
  long long responsible_worker_id = 0;  // 0: nobody
  std::string responsible_unit;
};

// One stored attendance mark.
struct StoredAttendance {
  AttendanceRecord record;
  ChildLabel child;
};

// The attendance report's inputs, narrowed in SQL as far as one site, activity, group or child
// allows (the ids that are not 0 must all match). Days are local and inclusive.
struct AttendanceFilter {
  long long site_id = 0, activity_id = 0, group_id = 0, child_id = 0;
  std::vector<long long> activity_ids;  // not empty: only these activities
  Date from, to;
  Date recent_from;  // the first day of the recent part of [from, to]
};

// Sessions of one activity and group (group_id 0: of the whole activity) in a period, by status.
struct SessionCount {
  long long activity_id = 0, group_id = 0;
  SessionStatus status = SessionStatus::kScheduled;
  int count = 0;
};

// A held session's day, for counting the sessions a participant was expected at.
struct HeldSession {
  long long activity_id = 0, group_id = 0;
  Date local_day;
};

// One child's marks at one activity's (group's) held sessions in a period, and in its recent part.
struct AttendanceTotals {
  long long child_id = 0, activity_id = 0, group_id = 0;
  int present = 0, absent = 0, excused = 0;
  int recent_recorded = 0, recent_present = 0, recent_excused = 0;
};

// The aggregate behind AttendanceTotals, for tools that must run the very same SQL (a benchmark's
// raw-SQLite floor). Parameters in order: recent_from three times, from, to; then the filter's.
const char* AttendanceTotalsSql();

// Methods throw on database errors; callers turn them into a Status (DatabaseError).
class SessionRepository {
 public:
  explicit SessionRepository(Database& db);
  ~SessionRepository();

  // Inserts an occurrence of a schedule unless its activity and group already have a scheduled
  // (not extra) session that day; true when it was new. Prepared once per repository.
  bool InsertScheduled(const SessionRow& row);
  // Inserts an extra session (added by hand); returns its id.
  long long InsertExtra(const SessionRow& row);

  std::optional<StoredSession> Find(long long session_id);
  // In time order.
  void ForEach(const SessionFilter& filter, const Visitor<StoredSession>& visit);

  void Cancel(long long session_id, const std::string& reason);
  void MarkHeld(long long session_id, long long worker_id, const std::string& at);

  // Deletes the open sessions from `from` on that come from a schedule (extra sessions, added by
  // hand, stay) and have no attendance: of one group (group_id > 0), of the whole activity only
  // (group_id 0), or all of the activity (group_id < 0). Returns how many.
  long long DropOpen(long long activity_id, long long group_id, Date from);
  // Sets the leader (0: none) of the open sessions from `from` on, group_id as in DropOpen.
  void SetLeader(long long activity_id, long long group_id, long long leader_id, Date from);

  // The sessions that are not cancelled, with a local day in [from, to], of the activity's group
  // (group_id 0: of the whole activity) or led by `leader_id` (when not 0).
  std::vector<SessionSlot> Slots(long long activity_id, long long group_id, long long leader_id,
                                 Date from, Date to);

  // Attendance.
  void DeleteAttendance(long long session_id);
  // Prepared once per repository.
  void InsertAttendance(long long session_id, long long child_id, AttendanceMark mark,
                        const std::string& note, long long worker_id, const std::string& at);
  // By case reference.
  void ForEachAttendance(long long session_id, const Visitor<StoredAttendance>& visit);

  // Children by id, in a few queries; unknown ids are left out.
  std::vector<ChildLabel> Children(const std::vector<long long>& ids);
  // The activities the child was ever enrolled in.
  std::vector<long long> ActivitiesOfChild(long long child_id);

  // The attendance report's aggregates.
  void CountSessions(const AttendanceFilter& filter, const Visitor<SessionCount>& visit);
  // In order of activity, group and day.
  void ForEachHeld(const AttendanceFilter& filter, const Visitor<HeldSession>& visit);
  void ForEachTotals(const AttendanceFilter& filter, const Visitor<AttendanceTotals>& visit);

 private:
  Database& db_;
  struct Prepared;
  std::unique_ptr<Prepared> prepared_;
};

}  // namespace kinbridge::detail
