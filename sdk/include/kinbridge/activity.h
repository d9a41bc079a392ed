// Support centres and schools, the staff and teachers working there and their training in
// methods, the activities run there, their groups, sessions and attendance.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kinbridge/date.h"
#include "kinbridge/export.h"
#include "kinbridge/methods.h"
#include "kinbridge/result.h"

KINBRIDGE_NAMESPACE_BEGIN

enum class SiteKind { kCentre, kSchool };
// "centre", "school"
KINBRIDGE_API std::string_view SiteKindName(SiteKind kind);
KINBRIDGE_API Result<SiteKind> ParseSiteKind(std::string_view text);

// A support centre or a school.
struct NewSite {
  SiteKind kind = SiteKind::kCentre;
  std::string code;  // unique in the workspace: letters, digits, '-', '_' ("guanai-centre")
  std::string name;  // required
  std::string address;
  int capacity = 0;           // children the site can take at once; 0: not recorded
  std::string opening_hours;  // as written: "Mon-Fri 14:00-20:00, Sun 09:00-21:00"
};

// Only the fields that are set change.
struct SiteChanges {
  std::optional<std::string> name, address, opening_hours;
  std::optional<int> capacity;
};

struct Site : NewSite {
  std::int64_t id = 0;
  std::string uuid;
  std::string created_at;
};

// A worker working at a site, from a day until a day.
struct StaffAssignment {
  std::int64_t id = 0;
  std::string site_code;
  std::string worker_account, worker_name;
  std::string roles;  // the worker's roles, comma-separated
  Date from;
  std::optional<Date> to;  // the last day; empty: still working there
};

// A worker's training in a method.
struct NewTraining {
  std::string worker_account;  // required
  std::string method_id;       // required: a method id ("huangshan_group")
  Date trained_on;             // the day the training was completed; not after today
  std::string trained_by;      // who gave the training ("Vara method developer"); required
  int hours = 0;
  std::string notes;
};

struct TrainingRecord : NewTraining {
  std::int64_t id = 0;
  std::string worker_name;
  std::string recorded_by;  // account
  std::string created_at;
};

struct TrainingQuery {
  std::string worker_account;  // empty: every worker
  std::string method_id;       // empty: every method
};

enum class ActivityKind { kLeisure, kHomeworkHelp, kGroupSession, kFamilyCall, kOther };
// "leisure", "homework-help", "group-session", "family-call", "other"
KINBRIDGE_API std::string_view ActivityKindName(ActivityKind kind);
KINBRIDGE_API Result<ActivityKind> ParseActivityKind(std::string_view text);

// When sessions take place: an RFC 5545 recurrence from a first day, at a local clock time.
struct SessionSchedule {
  std::string rrule;  // without "RRULE:": "FREQ=WEEKLY;BYDAY=TH"
  Date first_day;
  std::string start_time;  // "15:30", in the municipality's time zone
  int duration_minutes = 60;
  std::optional<Date> last_day;  // no sessions after this day; empty: open-ended
};

struct NewActivity {
  std::string site_code;  // required
  std::string name;       // required
  ActivityKind kind = ActivityKind::kLeisure;
  // The method the activity follows ("huangshan_group"), or empty. A method with a group-planning
  // capability forms the groups and decides who may lead them.
  std::string method_id;
  SessionSchedule schedule;
  int capacity = 0;            // children enrolled at once; at least 1
  std::string leader_account;  // optional: a worker working at the site
};

// Only the fields that are set change. A new schedule replaces the future open sessions.
struct ActivityChanges {
  std::optional<std::string> name;
  std::optional<SessionSchedule> schedule;
  std::optional<int> capacity;
  std::optional<std::string> leader_account;  // empty string: no leader
};

struct Activity {
  std::int64_t id = 0;
  std::string uuid;
  std::string site_code, site_name;
  std::string name;
  ActivityKind kind = ActivityKind::kLeisure;
  std::string method_id;  // empty: none
  SessionSchedule schedule;
  int capacity = 0;
  std::string leader_account, leader_name;
  int enrolled = 0;  // enrolled now
  int waiting = 0;   // on the waiting list now
  int groups = 0;
  std::string created_at;
};

struct ActivityQuery {
  std::string site_code;  // empty: every site the acting worker may see
};

enum class EnrolmentStatus { kEnrolled, kWaiting, kLeft };
// "enrolled", "waiting", "left"
KINBRIDGE_API std::string_view EnrolmentStatusName(EnrolmentStatus status);

// A child's place in an activity, or on its waiting list.
struct Enrolment {
  std::int64_t id = 0;
  std::int64_t activity_id = 0;
  std::string activity_name;
  std::string child_case_reference;
  std::string child_name;  // empty when the acting worker may not see it
  int age_years = 0;
  EnrolmentStatus status = EnrolmentStatus::kEnrolled;
  Date requested_on;                // the day the child was put forward
  std::optional<Date> enrolled_on;  // the first day as a participant; empty while waiting
  std::optional<Date> left_on;      // the last day as a participant
  int waiting_position = 0;         // 1 = next; 0 when not waiting
  std::string note;
};

struct EnrolOptions {
  Date on;  // the first day (default today when unset: Date{} counts as unset)
  // When the activity is full: put the child on the waiting list (true) or refuse (false).
  bool waiting_list = true;
  std::string note;
};

// Leaving an activity, and who got the freed place from the waiting list.
struct LeaveResult {
  Enrolment left;
  std::vector<Enrolment> promoted;
};

// A group of an activity: its members meet together, led by one worker.
struct NewGroup {
  std::int64_t activity_id = 0;
  std::string name;            // required, unique in the activity: "8–10 (1)"
  std::string leader_account;  // empty: the activity's leader
  // Empty rrule: the activity's schedule.
  SessionSchedule schedule;
  std::string venue;                 // "school", "support centre", as the method proposed it
  std::vector<std::string> members;  // case references of enrolled children, from schedule start
};

struct GroupChanges {
  std::optional<std::string> name;
  std::optional<std::string> leader_account;
  std::optional<SessionSchedule> schedule;  // replaces the future open sessions
};

struct Group {
  std::int64_t id = 0;
  std::int64_t activity_id = 0;
  std::string activity_name;
  std::string site_code;
  std::string name;
  std::string leader_account, leader_name;
  SessionSchedule schedule;  // its own, or the activity's
  bool own_schedule = false;
  std::string venue;
  int members = 0;  // members now
  std::string created_at;
};

struct GroupMember {
  std::int64_t group_id = 0;
  std::string child_case_reference;
  std::string child_name;  // empty when the acting worker may not see it
  int age_years = 0;
  Date joined_on;
  std::optional<Date> left_on;
};

// What a method's group planning proposes for an activity's enrolled children who are in no
// group yet. Nothing is stored until it is accepted (and it may be edited before).
struct ProposedGroup {
  std::string name;
  std::vector<std::string> members;  // case references
  std::string leader_account;        // empty: the activity's leader (staff fill it in)
  SessionSchedule schedule;
  std::string venue;
  std::string rationale;  // the method's reason, in the user's language
};

struct GroupProposal {
  std::int64_t activity_id = 0;
  std::string method_id, method_version;
  std::vector<std::string> chain;
  std::vector<ProposedGroup> groups;
  std::vector<std::string> unplaced;  // enrolled children the method put in no group
  std::vector<MethodFinding> findings;
};

enum class SessionStatus { kScheduled, kHeld, kCancelled };
// "scheduled", "held", "cancelled"
KINBRIDGE_API std::string_view SessionStatusName(SessionStatus status);

// One occurrence of an activity (or of one of its groups).
struct Session {
  std::int64_t id = 0;
  std::int64_t activity_id = 0;
  std::string activity_name;
  ActivityKind kind = ActivityKind::kLeisure;
  std::int64_t group_id = 0;  // 0: the whole activity
  std::string group_name;
  std::string site_code;
  Date local_day;
  std::string local_start;  // "HH:MM", as it actually falls
  std::string starts_utc, ends_utc;
  std::string leader_account;
  SessionStatus status = SessionStatus::kScheduled;
  bool extra = false;  // added by hand, not from the schedule
  std::string cancel_reason;
  std::string held_by;  // who recorded the attendance
  int present = 0, absent = 0, excused = 0;
};

struct SessionQuery {
  std::string site_code;
  std::int64_t activity_id = 0;
  std::int64_t group_id = 0;
  std::optional<Date> from, to;  // local days, inclusive
  bool mine = false;             // only sessions the acting worker leads
};

struct SessionScheduleResult {
  Date through;
  std::int64_t created = 0;
};

// An extra session, outside the schedule (a make-up session, an outing).
struct NewSession {
  std::int64_t activity_id = 0;
  std::int64_t group_id = 0;  // 0: the whole activity (refused when it has groups)
  Date day;
  std::string start_time;  // "HH:MM"
  int duration_minutes = 60;
};

enum class AttendanceMark { kPresent, kAbsent, kExcused };
// "present", "absent", "excused"
KINBRIDGE_API std::string_view AttendanceMarkName(AttendanceMark mark);
KINBRIDGE_API Result<AttendanceMark> ParseAttendanceMark(std::string_view text);

struct AttendanceEntry {
  std::string child;  // case reference
  AttendanceMark mark = AttendanceMark::kPresent;
  std::string note;
};

// Attendance of one session, entered at once. Every expected participant (the group's members,
// or the activity's enrolled children, on the session's day) gets a mark: the entries, and
// `everyone_else` for the rest. Without `everyone_else` the entries must cover everyone.
struct AttendanceSheet {
  std::vector<AttendanceEntry> entries;
  std::optional<AttendanceMark> everyone_else;
  bool amend = false;  // replace attendance recorded earlier
};

struct AttendanceRecord {
  std::int64_t session_id = 0;
  Date local_day;
  std::string child_case_reference;
  std::string child_name;
  AttendanceMark mark = AttendanceMark::kPresent;
  std::string note;
  std::string recorded_by, recorded_at;
};

struct AttendanceResult {
  Session session;  // now held
  int recorded = 0;
  // Family-call sessions: the contact events logged as held for the children present.
  std::vector<std::int64_t> contact_events_logged;
};

// What the attendance report covers. One of site, activity, group or child; or none (every
// activity the acting worker may see).
struct AttendanceReportQuery {
  std::string site_code;
  std::int64_t activity_id = 0;
  std::int64_t group_id = 0;
  std::string child;             // case reference
  std::optional<Date> from, to;  // default: the 90 days up to today
  // A child is flagged when the attendance rate of the last `recent_days` of the period is
  // below `threshold` and lower than before.
  double threshold = 0.7;
  int recent_days = 28;
};

// Attendance rate, everywhere: present / (sessions held while a participant - excused).
struct ChildAttendance {
  std::string child_case_reference, child_name;
  std::int64_t activity_id = 0;
  std::string activity_name;
  std::string group_name;
  int expected = 0, present = 0, absent = 0, excused = 0, not_recorded = 0;
  double rate = 0;
  int recent_expected = 0, recent_present = 0;
  double recent_rate = 0, earlier_rate = 0;
  bool flagged = false;
};

struct GroupFidelity {
  std::int64_t group_id = 0;
  std::string activity_name, group_name;
  std::string leader_account;
  bool leader_trained = false;  // the method accepts the leader (its group planning's check)
  int members = 0;
  int size_min = 0, size_max = 0;  // the method's bounds; 0: none declared
  bool size_within_bounds = true;
  int sessions_planned = 0, sessions_held = 0, sessions_cancelled = 0;
  double rate = 0;  // attendance of the group's sessions
  std::vector<MethodFinding> findings;
};

struct ActivityUse {
  std::int64_t activity_id = 0;
  std::string activity_name, site_code;
  int capacity = 0, enrolled = 0, waiting = 0;
  double use = 0;  // enrolled / capacity
  int sessions_held = 0;
  double average_present = 0;  // per held session
};

struct AttendanceReport {
  Date from, to, recent_from;
  double threshold = 0;
  std::vector<ChildAttendance> children;
  std::vector<GroupFidelity> groups;
  std::vector<ActivityUse> activities;
};

KINBRIDGE_NAMESPACE_END
