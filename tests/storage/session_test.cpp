// Session and attendance API tests: sessions scheduled from activity and group schedules
// (idempotent, correct across daylight-saving time), extra and cancelled sessions, overlapping
// sessions of one leader refused, attendance with a mark for everyone else, refusals that leave
// the workspace unchanged, amendment, who may see and record which sessions, family-call sessions
// logging the children's video calls, and the attendance report (rates, falling attendance,
// capacity use, group fidelity).
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "kinbridge/activity.h"
#include "kinbridge/contact.h"
#include "plan_fixture.h"

namespace kinbridge {
namespace {

using namespace plan_testing;  // NOLINT(google-build-using-namespace): the fixture's vocabulary

constexpr const char* kCentre = "familjecentralen";
constexpr const char* kCentreName = "Familjecentralen Vara";
constexpr const char* kSchool = "vara-skola";

WorkspaceOptions On(const std::string& account, Date today) {
  WorkspaceOptions options = As(account);
  options.today = today;
  return options;
}

SessionSchedule Weekly(const std::string& byday, Date first, const std::string& start,
                       int minutes = 60) {
  SessionSchedule s;
  s.rrule = "FREQ=WEEKLY;BYDAY=" + byday;
  s.first_day = first;
  s.start_time = start;
  s.duration_minutes = minutes;
  return s;
}

AttendanceEntry Mark(const std::string& child, AttendanceMark mark, std::string note = {}) {
  AttendanceEntry entry;
  entry.child = child;
  entry.mark = mark;
  entry.note = std::move(note);
  return entry;
}

AttendanceSheet Sheet(std::vector<AttendanceEntry> entries,
                      std::optional<AttendanceMark> everyone_else = AttendanceMark::kPresent) {
  AttendanceSheet sheet;
  sheet.entries = std::move(entries);
  sheet.everyone_else = everyone_else;
  return sheet;
}

// Tuesdays at 15:30 from 2026-09-01 (a Tuesday), five places, led by cecilia.
NewActivity Homework() {
  NewActivity a;
  a.site_code = kCentre;
  a.name = "Homework help";
  a.kind = ActivityKind::kHomeworkHelp;
  a.schedule = Weekly("TU", Date(2026, 9, 1), "15:30");
  a.capacity = 5;
  a.leader_account = "cecilia";
  return a;
}

// The fixture of the plan tests (Elin, Omar, anna, olle, cecilia) with a family centre and a
// school: cecilia (centre staff), tove and ulf (teachers) work at the centre, david (centre staff)
// at the school. Ida, Noah (protected identity), Maja and Lea are in anna's caseload too.
class SessionTest : public PlanTest {
 protected:
  void SetUp() override {
    PlanTest::SetUp();
    if (HasFatalFailure()) return;
    for (const NewWorker& worker : {MakeWorker("Tove Teacher", "tove", "", Role::kTeacher),
                                    MakeWorker("Ulf Teacher", "ulf", "", Role::kTeacher),
                                    MakeWorker("David Staff", "david", "", Role::kCentreStaff)}) {
      Result<Worker> added = ws_->AddWorker(worker);
      ASSERT_TRUE(added.ok()) << added.status().ToString();
    }
    NewSite centre;
    centre.kind = SiteKind::kCentre;
    centre.code = kCentre;
    centre.name = kCentreName;
    centre.capacity = 40;
    ASSERT_TRUE(ws_->AddSite(centre).ok());
    NewSite school;
    school.kind = SiteKind::kSchool;
    school.code = kSchool;
    school.name = "Vara skola";
    ASSERT_TRUE(ws_->AddSite(school).ok());
    for (const auto& [site, account] : std::vector<std::pair<std::string, std::string>>{
             {kCentre, "cecilia"}, {kCentre, "tove"}, {kCentre, "ulf"}, {kSchool, "david"}}) {
      Result<StaffAssignment> staff = ws_->AddStaff(site, account, Date(2026, 1, 5));
      ASSERT_TRUE(staff.ok()) << staff.status().ToString();
    }
    ida_ = AddChild("Ida Berg", Date(2016, 2, 3), false);
    noah_ = AddChild("Noah Lind", Date(2015, 7, 9), true);
    maja_ = AddChild("Maja Ek", Date(2017, 1, 30), false);
    lea_ = AddChild("Lea Holm", Date(2016, 10, 12), false);
    cecilia_.emplace(OpenAs("cecilia"));
  }

  void TearDown() override {
    cecilia_.reset();
    PlanTest::TearDown();
  }

  std::string AddChild(std::string name, Date birth, bool protected_identity) {
    NewChild child = MakeChild(std::move(name), birth);
    child.protected_identity = protected_identity;
    Result<Child> added = ws_->AddChild(child);
    EXPECT_TRUE(added.ok()) << added.status().ToString();
    return added.ok() ? added->case_reference : std::string();
  }

  Workspace OpenOn(const std::string& account, Date today) {
    Result<Workspace> opened = Workspace::Open(path_, On(account, today));
    EXPECT_TRUE(opened.ok()) << opened.status().ToString();
    return std::move(opened).value();
  }

  // Adds the activity as cecilia and enrols `children` from `on`.
  Activity AddActivity(const NewActivity& in, const std::vector<std::string>& children = {},
                       Date on = Date(2026, 9, 1)) {
    Result<Activity> added = cecilia_->AddActivity(in);
    EXPECT_TRUE(added.ok()) << added.status().ToString();
    if (!added.ok()) return {};
    for (const std::string& child : children) Enrol(added->id, child, on);
    return *added;
  }

  void Enrol(std::int64_t activity, const std::string& child, Date on) {
    EnrolOptions options;
    options.on = on;
    Result<Enrolment> enrolled = cecilia_->Enrol(activity, child, options);
    EXPECT_TRUE(enrolled.ok()) << enrolled.status().ToString();
  }

  Group AddGroup(std::int64_t activity, const std::string& name, const std::string& leader,
                 const std::vector<std::string>& members) {
    NewGroup group;
    group.activity_id = activity;
    group.name = name;
    group.leader_account = leader;
    group.members = members;
    Result<Group> added = cecilia_->AddGroup(group);
    EXPECT_TRUE(added.ok()) << added.status().ToString();
    return added.ok() ? *added : Group{};
  }

  static std::vector<Session> Sessions(Workspace& ws, const SessionQuery& query) {
    std::vector<Session> sessions;
    Status listed = ws.ForEachSession(query, [&](const Session& s) {
      sessions.push_back(s);
      return true;
    });
    EXPECT_TRUE(listed.ok()) << listed.ToString();
    return sessions;
  }

  static std::vector<Session> SessionsOf(Workspace& ws, std::int64_t activity,
                                         std::int64_t group = 0) {
    SessionQuery query;
    query.activity_id = activity;
    query.group_id = group;
    return Sessions(ws, query);
  }

  // The one session of the activity (or group) on `day`, as cecilia sees it.
  Session SessionOn(std::int64_t activity, Date day, std::int64_t group = 0) {
    SessionQuery query;
    query.activity_id = activity;
    query.group_id = group;
    query.from = day;
    query.to = day;
    const std::vector<Session> sessions = Sessions(*cecilia_, query);
    EXPECT_EQ(sessions.size(), 1u) << day.ToString();
    return sessions.empty() ? Session{} : sessions.front();
  }

  static std::vector<AttendanceRecord> Attendance(Workspace& ws, std::int64_t session) {
    std::vector<AttendanceRecord> records;
    Status listed = ws.ForEachAttendance(session, [&](const AttendanceRecord& r) {
      records.push_back(r);
      return true;
    });
    EXPECT_TRUE(listed.ok()) << listed.ToString();
    return records;
  }

  // A change refused with `code`, leaving every table but the audit trail as it was.
  void ExpectRefusedUnchanged(ErrorCode code, const std::function<Status()>& change,
                              const std::vector<std::string>& fragments = {}) {
    const std::string before = Snapshot(path_);
    const Status status = change();
    EXPECT_EQ(status.code(), code) << status.ToString();
    for (const std::string& fragment : fragments) {
      EXPECT_THAT(status.message(), HasSubstr(fragment));
    }
    EXPECT_EQ(Snapshot(path_), before) << "a refused change wrote data";
  }

  // An active plan for Elin with exactly the given arrangements.
  ContactPlan ActiveWith(const std::vector<NewArrangement>& arrangements) {
    ContactPlan plan = Propose(elin_);
    for (std::int64_t id : ArrangementIds(plan)) {
      EXPECT_TRUE(ws_->RemoveArrangement(plan.id, id).ok());
    }
    for (const NewArrangement& a : arrangements) {
      Result<ContactPlan> added = ws_->AddArrangement(plan.id, a);
      EXPECT_TRUE(added.ok()) << added.status().ToString();
    }
    EXPECT_TRUE(ws_->RecordChildView(plan.id, View()).ok());
    Result<ContactPlan> approved = ws_->ApprovePlan(plan.id);
    EXPECT_TRUE(approved.ok()) << approved.status().ToString();
    return approved.ok() ? *approved : plan;
  }

  // Video calls with Johan every Wednesday at 18:00 from 2026-12-02.
  NewArrangement Calls() const {
    NewArrangement a;
    a.relation_id = johan_;
    a.mode = "video";
    a.rrule = "FREQ=WEEKLY;BYDAY=WE";
    a.first_day = Date(2026, 12, 2);
    a.start_time = "18:00";
    a.duration_minutes = 30;
    a.supervision = "monitored";
    a.venue = "online";
    return a;
  }

  std::optional<Workspace> cecilia_;
  std::string ida_, noah_, maja_, lea_;
};

template <typename T>
const T* Find(const std::vector<T>& lines, const std::function<bool(const T&)>& match) {
  for (const T& line : lines) {
    if (match(line)) return &line;
  }
  return nullptr;
}

// ---- Scheduling ---------------------------------------------------------------------------------

TEST_F(SessionTest, AddingAnActivitySchedulesItsSessionsAndSchedulingAgainCreatesNothing) {
  const Activity homework = AddActivity(Homework());
  std::vector<Session> sessions = SessionsOf(*cecilia_, homework.id);
  // Every Tuesday from 2026-09-01 through 2027-02-23 (today + 90 days is 2027-02-27).
  ASSERT_EQ(sessions.size(), 26u);
  EXPECT_EQ(sessions.front().local_day, Date(2026, 9, 1));
  EXPECT_EQ(sessions.back().local_day, Date(2027, 2, 23));
  for (const Session& s : sessions) {
    EXPECT_EQ(s.status, SessionStatus::kScheduled);
    EXPECT_EQ(s.group_id, 0);
    EXPECT_EQ(s.leader_account, "cecilia");
    EXPECT_EQ(s.site_code, kCentre);
    EXPECT_EQ(s.kind, ActivityKind::kHomeworkHelp);
    EXPECT_FALSE(s.extra);
  }
  EXPECT_EQ(sessions.front().starts_utc, "2026-09-01T13:30:00Z");  // summer time
  EXPECT_EQ(sessions.front().ends_utc, "2026-09-01T14:30:00Z");

  Result<SessionScheduleResult> again = cecilia_->ScheduleSessions(kCentre);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->created, 0);
  EXPECT_EQ(again->through, kToday.AddDays(kDefaultScheduleDays));

  Result<SessionScheduleResult> longer = cecilia_->ScheduleSessions(kCentre, Date(2027, 3, 31));
  ASSERT_TRUE(longer.ok()) << longer.status().ToString();
  EXPECT_EQ(longer->created, 5);  // 2, 9, 16, 23 and 30 March
  Result<SessionScheduleResult> once_more = cecilia_->ScheduleSessions("", Date(2027, 3, 31));
  ASSERT_TRUE(once_more.ok()) << once_more.status().ToString();
  EXPECT_EQ(once_more->created, 0);
  Result<SessionScheduleResult> nightly = ws_->ScheduleSessions("", Date(2027, 3, 31));
  ASSERT_TRUE(nightly.ok()) << nightly.status().ToString();
  EXPECT_EQ(nightly->created, 0);
  EXPECT_EQ(SessionsOf(*cecilia_, homework.id).size(), 31u);
}

TEST_F(SessionTest, SessionsKeepTheLocalClockTimeAcrossTheDaylightSavingChange) {
  const Activity homework = AddActivity(Homework());
  ASSERT_TRUE(cecilia_->ScheduleSessions(kCentre, Date(2027, 4, 6)).ok());
  std::map<std::string, Session> by_day;
  for (const Session& s : SessionsOf(*cecilia_, homework.id)) by_day[s.local_day.ToString()] = s;
  // 15:30 in Stockholm is 14:30Z in winter and 13:30Z after 28 March 2027.
  EXPECT_EQ(by_day["2027-03-23"].starts_utc, "2027-03-23T14:30:00Z");
  EXPECT_EQ(by_day["2027-03-23"].ends_utc, "2027-03-23T15:30:00Z");
  EXPECT_EQ(by_day["2027-03-30"].starts_utc, "2027-03-30T13:30:00Z");
  EXPECT_EQ(by_day["2027-03-30"].local_start, "15:30");

  // An extra session at 02:30 on the night the clocks go forward: 02:30 does not exist, so it
  // moves to 03:30 local (01:30Z).
  NewSession night;
  night.activity_id = homework.id;
  night.day = Date(2027, 3, 28);
  night.start_time = "02:30";
  night.duration_minutes = 30;
  Result<Session> added = cecilia_->AddSession(night);
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_TRUE(added->extra);
  EXPECT_EQ(added->local_start, "03:30");
  EXPECT_EQ(added->starts_utc, "2027-03-28T01:30:00Z");
  EXPECT_EQ(added->ends_utc, "2027-03-28T02:00:00Z");
}

TEST_F(SessionTest, SchedulingIsRefusedTooFarAheadInThePastAndToOtherRoles) {
  AddActivity(Homework());
  Result<SessionScheduleResult> far = cecilia_->ScheduleSessions(kCentre, kToday.AddDays(800));
  EXPECT_TRUE(far.status().IsInvalidArgument()) << far.status().ToString();
  EXPECT_THAT(far.status().message(), HasSubstr(kToday.AddDays(800).ToString()));
  Result<SessionScheduleResult> past = cecilia_->ScheduleSessions(kCentre, kToday.AddDays(-1));
  EXPECT_TRUE(past.status().IsInvalidArgument()) << past.status().ToString();

  Workspace tove = OpenAs("tove");
  EXPECT_TRUE(tove.ScheduleSessions().status().IsPermissionDenied());
  Workspace david = OpenAs("david");
  EXPECT_TRUE(david.ScheduleSessions(kCentre).status().IsPermissionDenied());
  Result<SessionScheduleResult> own = david.ScheduleSessions();  // his school has no activities
  ASSERT_TRUE(own.ok()) << own.status().ToString();
  EXPECT_EQ(own->created, 0);
}

// ---- Extra, cancelled and overlapping sessions --------------------------------------------------

TEST_F(SessionTest, OverlappingSessionsOfOneLeaderOrOneActivityAreRefused) {
  const Activity homework = AddActivity(Homework());
  NewActivity chess;
  chess.site_code = kCentre;
  chess.name = "Chess club";
  chess.kind = ActivityKind::kLeisure;
  chess.schedule = Weekly("TU", Date(2026, 12, 1), "16:00");
  chess.capacity = 8;
  chess.leader_account = "cecilia";
  ExpectRefusedUnchanged(ErrorCode::kFailedPrecondition,
                         [&] {
                           Result<Activity> added = cecilia_->AddActivity(chess);
                           return added.ok() ? Status::Ok() : added.status();
                         },
                         {"Homework help", "2026-12-01", "16:00", "cecilia"});
  chess.leader_account = "tove";  // another leader: the two may run at the same time
  Result<Activity> added = cecilia_->AddActivity(chess);
  ASSERT_TRUE(added.ok()) << added.status().ToString();

  NewSession extra;
  extra.activity_id = homework.id;
  extra.day = Date(2026, 12, 1);
  extra.start_time = "16:00";
  ExpectRefusedUnchanged(ErrorCode::kFailedPrecondition,
                         [&] {
                           Result<Session> session = cecilia_->AddSession(extra);
                           return session.ok() ? Status::Ok() : session.status();
                         },
                         {"Homework help", "2026-12-01"});
  extra.day = Date(2026, 12, 3);
  Result<Session> thursday = cecilia_->AddSession(extra);
  ASSERT_TRUE(thursday.ok()) << thursday.status().ToString();
  EXPECT_TRUE(thursday->extra);
  EXPECT_EQ(thursday->leader_account, "cecilia");
  EXPECT_EQ(thursday->starts_utc, "2026-12-03T15:00:00Z");
  EXPECT_EQ(SessionOn(homework.id, Date(2026, 12, 3)).id, thursday->id);

  extra.day = Date(2026, 11, 26);  // in the past
  EXPECT_TRUE(StatusOf(cecilia_->AddSession(extra)).IsInvalidArgument());
  extra.day = Date(2026, 12, 10);
  extra.start_time = "25:00";
  EXPECT_TRUE(StatusOf(cecilia_->AddSession(extra)).IsInvalidArgument());
  Workspace tove = OpenAs("tove");
  extra.start_time = "10:00";
  EXPECT_TRUE(StatusOf(tove.AddSession(extra)).IsPermissionDenied());
}

TEST_F(SessionTest, CancellingNeedsAReasonAndRefusesAHeldOrCancelledSession) {
  const Activity homework = AddActivity(Homework(), {elin_});
  const Session held = SessionOn(homework.id, Date(2026, 11, 24));
  ASSERT_TRUE(cecilia_->RecordAttendance(held.id, Sheet({})).ok());
  const Session next = SessionOn(homework.id, Date(2026, 12, 1));
  ExpectRefusedUnchanged(ErrorCode::kInvalidArgument,
                         [&] { return StatusOf(cecilia_->CancelSession(next.id, "  ")); });
  ExpectRefusedUnchanged(ErrorCode::kFailedPrecondition,
                         [&] { return StatusOf(cecilia_->CancelSession(held.id, "Staff ill")); },
                         {"attendance is recorded"});
  Workspace tove = OpenAs("tove");
  ExpectRefusedUnchanged(ErrorCode::kPermissionDenied,
                         [&] { return StatusOf(tove.CancelSession(next.id, "Staff ill")); });

  Result<Session> cancelled = cecilia_->CancelSession(next.id, "Staff ill");
  ASSERT_TRUE(cancelled.ok()) << cancelled.status().ToString();
  EXPECT_EQ(cancelled->status, SessionStatus::kCancelled);
  EXPECT_EQ(cancelled->cancel_reason, "Staff ill");
  ExpectRefusedUnchanged(ErrorCode::kFailedPrecondition,
                         [&] { return StatusOf(cecilia_->CancelSession(next.id, "Again")); },
                         {"already cancelled"});
  EXPECT_TRUE(StatusOf(cecilia_->CancelSession(987654, "x")).IsNotFound());
  // Scheduling again does not bring a cancelled session back.
  ASSERT_TRUE(cecilia_->ScheduleSessions(kCentre).ok());
  EXPECT_EQ(SessionOn(homework.id, Date(2026, 12, 1)).status, SessionStatus::kCancelled);
}

// ---- Attendance ---------------------------------------------------------------------------------

TEST_F(SessionTest, AMarkForEveryoneElseRecordsTheWholeSessionAsHeld) {
  const Activity homework = AddActivity(Homework(), {elin_, omar_, ida_});
  const Session session = SessionOn(homework.id, Date(2026, 11, 24));
  Result<AttendanceResult> recorded = cecilia_->RecordAttendance(
      session.id, Sheet({Mark(ida_, AttendanceMark::kAbsent, "Ill, called in")}));
  ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
  EXPECT_EQ(recorded->recorded, 3);
  EXPECT_TRUE(recorded->contact_events_logged.empty());
  EXPECT_EQ(recorded->session.status, SessionStatus::kHeld);
  EXPECT_EQ(recorded->session.held_by, "cecilia");
  EXPECT_EQ(recorded->session.present, 2);
  EXPECT_EQ(recorded->session.absent, 1);
  EXPECT_EQ(recorded->session.excused, 0);

  const std::vector<AttendanceRecord> records = Attendance(*cecilia_, session.id);
  ASSERT_EQ(records.size(), 3u);
  std::map<std::string, AttendanceRecord> by_child;
  for (const AttendanceRecord& r : records) by_child[r.child_case_reference] = r;
  EXPECT_EQ(by_child[elin_].mark, AttendanceMark::kPresent);
  EXPECT_EQ(by_child[elin_].child_name, "Elin Andersson");
  EXPECT_EQ(by_child[ida_].mark, AttendanceMark::kAbsent);
  EXPECT_EQ(by_child[ida_].note, "Ill, called in");
  EXPECT_EQ(by_child[ida_].recorded_by, "cecilia");
  EXPECT_EQ(by_child[ida_].recorded_at, kNow);
  EXPECT_EQ(by_child[ida_].local_day, Date(2026, 11, 24));

  Result<Session> shown = cecilia_->GetSession(session.id);
  ASSERT_TRUE(shown.ok()) << shown.status().ToString();
  EXPECT_EQ(shown->present, 2);
  bool audited = false;
  for (const AuditEntry& e : AuditOf(elin_)) audited |= e.action == "attendance.record";
  EXPECT_TRUE(audited);
}

TEST_F(SessionTest, RefusedAttendanceLeavesTheWorkspaceUnchanged) {
  const Activity homework = AddActivity(Homework(), {elin_, omar_});
  const Session cancelled = SessionOn(homework.id, Date(2026, 11, 17));
  ASSERT_TRUE(cecilia_->CancelSession(cancelled.id, "Autumn break").ok());
  ExpectRefusedUnchanged(
      ErrorCode::kFailedPrecondition,
      [&] { return StatusOf(cecilia_->RecordAttendance(cancelled.id, Sheet({}))); },
      {"did not take place", "Autumn break"});
  const Session future = SessionOn(homework.id, Date(2026, 12, 1));
  ExpectRefusedUnchanged(ErrorCode::kInvalidArgument,
                         [&] { return StatusOf(cecilia_->RecordAttendance(future.id, Sheet({}))); },
                         {"2026-12-01", "future"});
  const Session session = SessionOn(homework.id, Date(2026, 11, 24));
  const std::string record = "session " + std::to_string(session.id);
  ExpectRefusedUnchanged(ErrorCode::kInvalidArgument,
                         [&] {
                           return StatusOf(cecilia_->RecordAttendance(
                               session.id, Sheet({Mark(ida_, AttendanceMark::kPresent)})));
                         },
                         {ida_, record});
  ExpectRefusedUnchanged(
      ErrorCode::kInvalidArgument,
      [&] {
        return StatusOf(cecilia_->RecordAttendance(
            session.id, Sheet({Mark(elin_, AttendanceMark::kPresent)}, std::nullopt)));
      },
      {omar_});
  ExpectRefusedUnchanged(ErrorCode::kInvalidArgument,
                         [&] {
                           return StatusOf(cecilia_->RecordAttendance(
                               session.id, Sheet({Mark(elin_, AttendanceMark::kPresent),
                                                  Mark(elin_, AttendanceMark::kAbsent)})));
                         },
                         {elin_});
  ExpectRefusedUnchanged(ErrorCode::kNotFound,
                         [&] { return StatusOf(cecilia_->RecordAttendance(987654, Sheet({}))); });

  ASSERT_TRUE(cecilia_->RecordAttendance(session.id, Sheet({})).ok());
  ExpectRefusedUnchanged(ErrorCode::kFailedPrecondition,
                         [&] {
                           return StatusOf(cecilia_->RecordAttendance(
                               session.id, Sheet({Mark(omar_, AttendanceMark::kAbsent)})));
                         },
                         {"already recorded", "--amend"});
}

TEST_F(SessionTest, AmendingReplacesTheRecordedMarks) {
  const Activity homework = AddActivity(Homework(), {elin_, omar_});
  const Session session = SessionOn(homework.id, Date(2026, 11, 24));
  ASSERT_TRUE(cecilia_->RecordAttendance(session.id, Sheet({})).ok());
  AttendanceSheet amended = Sheet({Mark(omar_, AttendanceMark::kExcused, "Dentist")});
  amended.amend = true;
  Workspace later = OpenOn("cecilia", Date(2026, 11, 30));
  Result<AttendanceResult> result = later.RecordAttendance(session.id, amended);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->session.present, 1);
  EXPECT_EQ(result->session.excused, 1);
  const std::vector<AttendanceRecord> records = Attendance(later, session.id);
  ASSERT_EQ(records.size(), 2u);
  for (const AttendanceRecord& r : records) {
    if (r.child_case_reference == omar_) {
      EXPECT_EQ(r.mark, AttendanceMark::kExcused);
      EXPECT_EQ(r.note, "Dentist");
    } else {
      EXPECT_EQ(r.mark, AttendanceMark::kPresent);
    }
  }
}

TEST_F(SessionTest, AProtectedChildsNameIsShownOnlyToTheResponsibleWorker) {
  const Activity homework = AddActivity(Homework(), {elin_, noah_});
  const Session session = SessionOn(homework.id, Date(2026, 11, 24));
  ASSERT_TRUE(cecilia_->RecordAttendance(session.id, Sheet({})).ok());
  for (const AttendanceRecord& r : Attendance(*cecilia_, session.id)) {
    if (r.child_case_reference == noah_) {
      EXPECT_EQ(r.child_name, "");
    } else {
      EXPECT_EQ(r.child_name, "Elin Andersson");
    }
  }
  WorkspaceOptions options = As("anna");
  options.purpose = "Follow-up of Noah's placement";
  Result<Workspace> anna = Workspace::Open(path_, options);
  ASSERT_TRUE(anna.ok()) << anna.status().ToString();
  for (const AttendanceRecord& r : Attendance(*anna, session.id)) {
    if (r.child_case_reference == noah_) {
      EXPECT_EQ(r.child_name, "Noah Lind");
    }
  }
  // Without a purpose an administrator does not read attendance.
  EXPECT_TRUE(ws_->ForEachAttendance(session.id, [](const AttendanceRecord&) { return true; })
                  .IsPermissionDenied());
}

// ---- Who sees and records what ------------------------------------------------------------------

TEST_F(SessionTest, ATeacherSeesAndRecordsOnlyTheSessionsOfTheirOwnGroup) {
  NewActivity groups;
  groups.site_code = kCentre;
  groups.name = "Thursday groups";
  groups.kind = ActivityKind::kGroupSession;
  groups.schedule = Weekly("TH", Date(2026, 9, 3), "16:00");
  groups.capacity = 10;
  const Activity activity = AddActivity(groups, {elin_, omar_, ida_, noah_});
  const Group tove_group = AddGroup(activity.id, "Tove's", "tove", {elin_, omar_});
  const Group ulf_group = AddGroup(activity.id, "Ulf's", "ulf", {ida_, noah_});
  // The groups' sessions replace those of the whole activity.
  for (const Session& s : SessionsOf(*cecilia_, activity.id)) {
    EXPECT_NE(s.group_id, 0) << s.local_day.ToString();
  }
  NewSession whole;
  whole.activity_id = activity.id;
  whole.day = Date(2026, 12, 5);
  whole.start_time = "10:00";
  EXPECT_TRUE(StatusOf(cecilia_->AddSession(whole)).IsInvalidArgument());

  Workspace tove = OpenAs("tove");
  const std::vector<Session> seen = Sessions(tove, {});
  ASSERT_FALSE(seen.empty());
  for (const Session& s : seen) {
    EXPECT_EQ(s.group_id, tove_group.id);
    EXPECT_EQ(s.leader_account, "tove");
  }
  SessionQuery mine;
  mine.mine = true;
  EXPECT_EQ(Sessions(tove, mine).size(), seen.size());
  EXPECT_EQ(Sessions(*cecilia_, {}).size(), 2 * seen.size());

  const Session ulfs = SessionOn(activity.id, Date(2026, 11, 26), ulf_group.id);
  const Session toves = SessionOn(activity.id, Date(2026, 11, 26), tove_group.id);
  EXPECT_TRUE(StatusOf(tove.GetSession(ulfs.id)).IsPermissionDenied());
  ExpectRefusedUnchanged(ErrorCode::kPermissionDenied,
                         [&] { return StatusOf(tove.RecordAttendance(ulfs.id, Sheet({}))); });
  ExpectRefusedUnchanged(ErrorCode::kInvalidArgument,
                         [&] {
                           return StatusOf(tove.RecordAttendance(
                               toves.id, Sheet({Mark(ida_, AttendanceMark::kAbsent)})));
                         },
                         {ida_});
  Result<AttendanceResult> recorded = tove.RecordAttendance(toves.id, Sheet({}));
  ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
  EXPECT_EQ(recorded->recorded, 2);
  EXPECT_EQ(Attendance(tove, toves.id).size(), 2u);

  // Centre staff of another site see none of it and record nothing.
  Workspace david = OpenAs("david");
  EXPECT_TRUE(Sessions(david, {}).empty());
  EXPECT_TRUE(StatusOf(david.GetSession(ulfs.id)).IsPermissionDenied());
  ExpectRefusedUnchanged(ErrorCode::kPermissionDenied,
                         [&] { return StatusOf(david.RecordAttendance(ulfs.id, Sheet({}))); });
  EXPECT_TRUE(david.ForEachAttendance(toves.id, [](const AttendanceRecord&) { return true; })
                  .IsPermissionDenied());

  // A teacher's report covers their own group.
  Result<AttendanceReport> report = tove.ReportAttendance({});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_EQ(report->groups.size(), 1u);
  EXPECT_EQ(report->groups[0].group_id, tove_group.id);
  EXPECT_TRUE(report->activities.empty());
  ASSERT_EQ(report->children.size(), 2u);
  for (const ChildAttendance& c : report->children) {
    EXPECT_EQ(c.group_name, "Tove's");
    EXPECT_EQ(c.expected, 1);
    EXPECT_EQ(c.present, 1);
  }
  AttendanceReportQuery other;
  other.group_id = ulf_group.id;
  EXPECT_TRUE(StatusOf(tove.ReportAttendance(other)).IsPermissionDenied());
}

// ---- Family calls -------------------------------------------------------------------------------

TEST_F(SessionTest, AFamilyCallSessionLogsThePresentChildsVideoCallOfTheDay) {
  ActiveWith({Visit(sara_), Calls()});
  NewActivity calls;
  calls.site_code = kCentre;
  calls.name = "Family calls";
  calls.kind = ActivityKind::kFamilyCall;
  calls.schedule = Weekly("WE", Date(2026, 11, 4), "17:45", 75);
  calls.capacity = 10;
  calls.leader_account = "cecilia";
  const Activity activity = AddActivity(calls, {elin_, omar_}, Date(2026, 11, 4));

  ContactQuery query;
  query.child = elin_;
  query.from = Date(2026, 12, 2);
  query.to = Date(2026, 12, 9);
  std::map<std::string, ContactEvent> before;
  ASSERT_TRUE(ws_->ForEachContactEvent(query,
                                       [&](const ContactEvent& e) {
                                         if (e.mode == "video") before[e.local_day.ToString()] = e;
                                         return true;
                                       })
                  .ok());
  ASSERT_EQ(before.size(), 2u);

  Workspace later = OpenOn("cecilia", Date(2026, 12, 9));
  const Session first = SessionOn(activity.id, Date(2026, 12, 2));
  Result<AttendanceResult> present = later.RecordAttendance(first.id, Sheet({}));
  ASSERT_TRUE(present.ok()) << present.status().ToString();
  ASSERT_THAT(present->contact_events_logged, ElementsAre(before["2026-12-02"].id));
  Result<ContactEvent> logged = ws_->GetContactEvent(before["2026-12-02"].id);
  ASSERT_TRUE(logged.ok()) << logged.status().ToString();
  EXPECT_EQ(logged->status, EventStatus::kLogged);
  EXPECT_EQ(logged->outcome, ContactOutcome::kHeld);
  EXPECT_THAT(logged->attended, HasSubstr(kCentreName));
  EXPECT_EQ(logged->logged_by, "cecilia");

  // Absent: the call stays open for her social worker to log.
  const Session second = SessionOn(activity.id, Date(2026, 12, 9));
  Result<AttendanceResult> absent =
      later.RecordAttendance(second.id, Sheet({Mark(elin_, AttendanceMark::kAbsent)}));
  ASSERT_TRUE(absent.ok()) << absent.status().ToString();
  EXPECT_TRUE(absent->contact_events_logged.empty());
  Result<ContactEvent> open = ws_->GetContactEvent(before["2026-12-09"].id);
  ASSERT_TRUE(open.ok()) << open.status().ToString();
  EXPECT_EQ(open->status, EventStatus::kScheduled);

  bool audited = false;
  for (const AuditEntry& e : AuditOf(elin_)) {
    audited |= e.action == "contact.log" && e.worker_account == "cecilia";
  }
  EXPECT_TRUE(audited);
}

// ---- The attendance report ----------------------------------------------------------------------

TEST_F(SessionTest, TheReportGivesRatesAndFlagsAChildWhoseAttendanceIsFalling) {
  const Activity homework = AddActivity(Homework(), {elin_, omar_, ida_, noah_});
  const Date recent_from(2026, 11, 2);
  ASSERT_TRUE(
      cecilia_->CancelSession(SessionOn(homework.id, Date(2026, 10, 13)).id, "Staff training")
          .ok());
  SessionQuery query;
  query.activity_id = homework.id;
  query.to = kToday;
  int held = 0;
  for (const Session& s : Sessions(*cecilia_, query)) {
    if (s.status == SessionStatus::kCancelled) continue;
    std::vector<AttendanceEntry> entries = {Mark(ida_, AttendanceMark::kAbsent)};
    if (recent_from <= s.local_day) entries.push_back(Mark(elin_, AttendanceMark::kAbsent));
    if (s.local_day == Date(2026, 9, 1)) entries.push_back(Mark(noah_, AttendanceMark::kExcused));
    Result<AttendanceResult> recorded = cecilia_->RecordAttendance(s.id, Sheet(entries));
    ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
    ++held;
  }
  ASSERT_EQ(held, 12);  // 13 Tuesdays from 1 September to 24 November, one cancelled
  Enrol(homework.id, maja_, Date(2026, 11, 20));  // after the 24 November session was recorded
  Enrol(homework.id, lea_, kToday);               // full: waiting

  AttendanceReportQuery q;
  q.activity_id = homework.id;
  Result<AttendanceReport> report = cecilia_->ReportAttendance(q);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->from, Date(2026, 9, 1));
  EXPECT_EQ(report->to, kToday);
  EXPECT_EQ(report->recent_from, recent_from);
  EXPECT_DOUBLE_EQ(report->threshold, 0.7);
  auto line = [&](const std::string& child) {
    const ChildAttendance* found = Find<ChildAttendance>(
        report->children,
        [&](const ChildAttendance& c) { return c.child_case_reference == child; });
    EXPECT_NE(found, nullptr) << child;
    return found != nullptr ? *found : ChildAttendance{};
  };
  ASSERT_EQ(report->children.size(), 5u);
  const ChildAttendance elin = line(elin_);
  EXPECT_EQ(elin.expected, 12);
  EXPECT_EQ(elin.present, 8);
  EXPECT_EQ(elin.absent, 4);
  EXPECT_EQ(elin.not_recorded, 0);
  EXPECT_DOUBLE_EQ(elin.rate, 8.0 / 12);
  EXPECT_EQ(elin.recent_expected, 4);
  EXPECT_EQ(elin.recent_present, 0);
  EXPECT_DOUBLE_EQ(elin.recent_rate, 0.0);
  EXPECT_DOUBLE_EQ(elin.earlier_rate, 1.0);
  EXPECT_TRUE(elin.flagged);
  EXPECT_EQ(elin.activity_name, "Homework help");
  EXPECT_EQ(elin.child_name, "Elin Andersson");
  const ChildAttendance omar = line(omar_);
  EXPECT_DOUBLE_EQ(omar.rate, 1.0);
  EXPECT_FALSE(omar.flagged);
  const ChildAttendance ida = line(ida_);  // never came: low, but not falling
  EXPECT_EQ(ida.absent, 12);
  EXPECT_DOUBLE_EQ(ida.rate, 0.0);
  EXPECT_FALSE(ida.flagged);
  const ChildAttendance noah = line(noah_);
  EXPECT_EQ(noah.excused, 1);
  EXPECT_EQ(noah.present, 11);
  EXPECT_DOUBLE_EQ(noah.rate, 1.0);
  EXPECT_EQ(noah.child_name, "");  // protected identity, and cecilia is not responsible
  const ChildAttendance maja = line(maja_);
  EXPECT_EQ(maja.expected, 1);
  EXPECT_EQ(maja.not_recorded, 1);
  EXPECT_FALSE(maja.flagged);

  ASSERT_EQ(report->activities.size(), 1u);
  const ActivityUse& use = report->activities[0];
  EXPECT_EQ(use.capacity, 5);
  EXPECT_EQ(use.enrolled, 5);
  EXPECT_EQ(use.waiting, 1);
  EXPECT_DOUBLE_EQ(use.use, 1.0);
  EXPECT_EQ(use.sessions_held, 12);
  EXPECT_DOUBLE_EQ(use.average_present, (8 + 12 + 0 + 11) / 12.0);
  EXPECT_TRUE(report->groups.empty());

  // A stricter threshold over a shorter recent part.
  q.threshold = 0.9;
  q.recent_days = 7;
  Result<AttendanceReport> stricter = cecilia_->ReportAttendance(q);
  ASSERT_TRUE(stricter.ok()) << stricter.status().ToString();
  EXPECT_EQ(stricter->recent_from, Date(2026, 11, 23));

  // The child's social worker sees the child's lines; so do centre staff of the sites where
  // the child takes part, but not centre staff elsewhere.
  AttendanceReportQuery by_child;
  by_child.child = elin_;
  Result<AttendanceReport> elins = ws_->ReportAttendance(by_child);
  ASSERT_TRUE(elins.ok()) << elins.status().ToString();
  ASSERT_EQ(elins->children.size(), 1u);
  EXPECT_TRUE(elins->children[0].flagged);
  Result<AttendanceReport> at_centre = cecilia_->ReportAttendance(by_child);
  ASSERT_TRUE(at_centre.ok()) << at_centre.status().ToString();
  ASSERT_EQ(at_centre->children.size(), 1u);
  EXPECT_EQ(at_centre->children[0].activity_id, homework.id);
  EXPECT_TRUE(StatusOf(OpenAs("david").ReportAttendance(by_child)).IsPermissionDenied());
  // Everything olle may read: none of these children are his.
  Result<AttendanceReport> olles = OpenAs("olle").ReportAttendance({});
  ASSERT_TRUE(olles.ok()) << olles.status().ToString();
  EXPECT_TRUE(olles->children.empty());
}

TEST_F(SessionTest, AReportWithAMalformedQueryIsRefused) {
  AttendanceReportQuery q;
  q.threshold = 1.5;
  EXPECT_TRUE(StatusOf(cecilia_->ReportAttendance(q)).IsInvalidArgument());
  q.threshold = 0.7;
  q.recent_days = 0;
  EXPECT_TRUE(StatusOf(cecilia_->ReportAttendance(q)).IsInvalidArgument());
  q.recent_days = 28;
  q.from = Date(2026, 11, 1);
  q.to = Date(2026, 10, 1);
  Result<AttendanceReport> reversed = cecilia_->ReportAttendance(q);
  EXPECT_TRUE(reversed.status().IsInvalidArgument());
  EXPECT_THAT(reversed.status().message(), HasSubstr("2026-10-01"));
}

TEST_F(SessionTest, GroupFidelityShowsLeadersTheMethodDoesNotAcceptAndGroupsOutsideItsSizes) {
  NewTraining training;
  training.worker_account = "tove";
  training.method_id = kHuangshan;
  training.trained_on = kToday;
  training.trained_by = "Vara method developer";
  training.hours = 16;
  ASSERT_TRUE(ws_->RecordTraining(training).ok());
  // A profile of the method with groups of at most three children.
  const char* kSmallGroups = R"({
    "id": "cn.huangshan.group.small", "version": "1.0.0",
    "base": "cn.huangshan.group", "base_range": "^1",
    "title": {"en": "Small groups", "sv": "Små grupper", "zh_CN": "小组"},
    "description": {"en": "At most three children a group.", "sv": "Högst tre barn per grupp.",
                    "zh_CN": "每组最多三名儿童。"},
    "parameters": {"group_size_max": 3},
    "frame": [{"when": "implementation", "planned": true, "decided_by": "centre staff",
               "what": "content", "level": "group", "nature": "shortening", "component": "",
               "fidelity_consistent": true, "goal": "improve fit", "reason": "small rooms",
               "description": {"en": "Smaller groups.", "sv": "Mindre grupper.",
                               "zh_CN": "小组人数更少。"}}]
  })";
  Result<MethodDescription> adapted = ws_->AdaptMethod(kSmallGroups);
  ASSERT_TRUE(adapted.ok()) << adapted.status().ToString();
  NewActivity groups;
  groups.site_code = kCentre;
  groups.name = "Saturday groups";
  groups.kind = ActivityKind::kGroupSession;
  groups.method_id = "cn.huangshan.group.small";
  groups.schedule = Weekly("SA", Date(2026, 11, 7), "10:00", 90);
  groups.capacity = 20;
  const Activity activity =
      AddActivity(groups, {elin_, omar_, ida_, noah_, maja_, lea_}, Date(2026, 11, 7));
  const Group small = AddGroup(activity.id, "Small", "tove", {elin_, omar_});
  const Group unled = AddGroup(activity.id, "Unled", "", {ida_, noah_, maja_, lea_});
  Workspace tove = OpenAs("tove");
  ASSERT_TRUE(tove.RecordAttendance(SessionOn(activity.id, Date(2026, 11, 28), small.id).id,
                                    Sheet({Mark(omar_, AttendanceMark::kAbsent)}))
                  .ok());
  ASSERT_TRUE(
      cecilia_->CancelSession(SessionOn(activity.id, Date(2026, 11, 21), unled.id).id, "No room")
          .ok());

  AttendanceReportQuery q;
  q.activity_id = activity.id;
  Result<AttendanceReport> report = cecilia_->ReportAttendance(q);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_EQ(report->groups.size(), 2u);
  const GroupFidelity& s = report->groups[0];  // "Small" before "Unled"
  EXPECT_EQ(s.group_id, small.id);
  EXPECT_EQ(s.leader_account, "tove");
  EXPECT_TRUE(s.leader_trained);
  EXPECT_EQ(s.members, 2);
  EXPECT_EQ(s.size_min, 1);
  EXPECT_EQ(s.size_max, 3);
  EXPECT_TRUE(s.size_within_bounds);
  EXPECT_EQ(s.sessions_planned, 4);  // 7, 14, 21 and 28 November
  EXPECT_EQ(s.sessions_held, 1);
  EXPECT_EQ(s.sessions_cancelled, 0);
  EXPECT_DOUBLE_EQ(s.rate, 0.5);
  const GroupFidelity& u = report->groups[1];
  EXPECT_EQ(u.group_id, unled.id);
  EXPECT_FALSE(u.leader_trained);
  EXPECT_EQ(u.members, 4);
  EXPECT_FALSE(u.size_within_bounds);
  EXPECT_EQ(u.sessions_planned, 3);
  EXPECT_EQ(u.sessions_cancelled, 1);
  ASSERT_FALSE(u.findings.empty());
  EXPECT_EQ(u.findings[0].code, "no-leader");
  ASSERT_EQ(report->activities.size(), 1u);
  EXPECT_EQ(report->activities[0].sessions_held, 1);
  EXPECT_DOUBLE_EQ(report->activities[0].average_present, 1.0);

  // Seen the day before tove's training was completed, the method does not accept her.
  Workspace before = OpenOn("cecilia", kToday.AddDays(-1));
  Result<AttendanceReport> earlier = before.ReportAttendance(q);
  ASSERT_TRUE(earlier.ok()) << earlier.status().ToString();
  ASSERT_EQ(earlier->groups.size(), 2u);
  EXPECT_FALSE(earlier->groups[0].leader_trained);
  const MethodFinding* untrained =
      Find<MethodFinding>(earlier->groups[0].findings,
                          [](const MethodFinding& f) { return f.code == "untrained-leader"; });
  ASSERT_NE(untrained, nullptr);
  EXPECT_EQ(untrained->severity, "error");
}

}  // namespace
}  // namespace kinbridge
