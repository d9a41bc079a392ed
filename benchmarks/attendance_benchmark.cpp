// Workloads: the attendance report of a support centre over a year (2 000 children in 260
// groups, about 100 000 marks), beside the same queries through the raw SQLite C API and the
// same arithmetic (raw_sqlite.h); and recording the attendance of 100 000 group sessions one by
// one through the Workspace API, beside raw SQLite writing the same rows with one transaction
// per session. With a PostgreSQL server, both also run there, on the same fixtures moved to
// PostgreSQL.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "attendance_fixture.h"
#include "kinbridge/workspace.h"
#include "pg_backend.h"
#include "raw_sqlite.h"
#include "workloads.h"

namespace kinbridge::bench {

namespace {

namespace fs = std::filesystem;

constexpr const char* kAdministrator = "admin";
constexpr const char* kStaff = "staff";  // centre staff at the site: reports and records
constexpr const char* kSite = "guanai";
constexpr const char* kMethod = "cn.huangshan.group";
constexpr const char* kNowUtc = "2026-11-29T08:00:00Z";
constexpr int kRecentDays = 28;  // the report's default recent part
constexpr double kThreshold = 0.7;

// Today is a Sunday; the year of sessions starts 364 days before it (a Sunday too), within
// how far back an activity may start.
Date Today() { return Date(2026, 11, 29); }
Date FirstDay() { return Today().AddDays(-364); }
Date RecentFrom() { return Today().AddDays(-(kRecentDays - 1)); }

WorkspaceOptions Options(const std::string& account) {
  WorkspaceOptions options;
  options.today = Today();
  options.now_utc = kNowUtc;
  options.account = account;
  return options;
}

// The centre is set up on its first day: adding a group checks the new sessions against every
// session in the date range of the whole workspace (SessionRepository::Slots scans the day
// index), so groups are added while each has only kDefaultScheduleDays of sessions, and the
// rest of the year is scheduled at once afterwards.
constexpr const char* kFirstDayUtc = "2025-11-30T01:00:00Z";
WorkspaceOptions SetUpOptions(const std::string& account) {
  WorkspaceOptions options = Options(account);
  options.today = FirstDay();
  options.now_utc = kFirstDayUtc;
  return options;
}

template <typename T>
T Checked(Result<T> result, const std::string& what) {
  if (!result.ok()) {
    throw std::runtime_error(fmt::format("{}: {}", what, result.status().message()));
  }
  return std::move(result).value();
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void RemoveWorkspace(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix);
}

// The shape of a centre: activities of group sessions following the Huangshan group method,
// each with its enrolled children split into groups (of at most the method's 8) that meet on
// their own schedule, led by trained centre staff. Group g is led by leader g % leaders at slot
// g / leaders (a weekday pattern and a start time), so that no leader has two groups at once.
struct CentreShape {
  int activities = 0;
  int children_per_activity = 0;
  int groups_per_activity = 0;
  std::vector<std::string> weekdays;  // BYDAY values of the slots: "MO", or "MO,TH"
  std::vector<std::string> times;     // start times of the slots; sessions last 90 minutes
  int social_workers = 0;             // whose caseloads the children are in
};

struct BuiltCentre {
  long long site_id = 0;
  long long staff_id = 0;
  long children = 0;
  long groups = 0;
};

// Creates a Huangshan workspace at `path` with the built-in methods, one centre, its staff and
// trained leaders, the activities and their groups through the Workspace API, and the children
// and enrolments through raw SQLite (attendance_fixture.h), all on FirstDay(). Sessions are
// scheduled by the API from FirstDay() through Today() + kDefaultScheduleDays. Throws
// std::runtime_error.
BuiltCentre BuildCentre(const std::string& path, const CentreShape& shape) {
  BuiltCentre built;
  const int groups = shape.activities * shape.groups_per_activity;
  const int slots = static_cast<int>(shape.weekdays.size() * shape.times.size());
  const int leaders = (groups + slots - 1) / slots;
  const Date hired = FirstDay().AddDays(-30);
  EnrolledChildren children;
  {
    CreateOptions create;
    create.municipality = {0, "", "HSN", "Huangshan", "CN", "zh_CN", "Asia/Shanghai"};
    create.mode = WorkspaceMode::kTest;
    create.administrator_account = kAdministrator;
    Workspace admin = Checked(Workspace::Create(path, create, SetUpOptions(kAdministrator)),
                              "creating the fixture workspace");
    children.municipality_id = admin.municipality().id;
    children.administrator_id = admin.acting_worker().id;
    for (const char* plugin : {"vara_contact.so", "huangshan_group.so"}) {
      Checked(admin.InstallMethodPlugin(fmt::format("{}/{}", KINBRIDGE_BENCH_PLUGINDIR, plugin)),
              fmt::format("installing {}", plugin));
    }
    NewSite site;
    site.kind = SiteKind::kCentre;
    site.code = kSite;
    site.name = "屯溪区留守儿童关爱中心";
    site.address = "黄山市屯溪区新安北路";
    site.capacity = shape.activities * shape.children_per_activity;
    site.opening_hours = "周一至周六 14:00–21:00";
    built.site_id = Checked(admin.AddSite(site), "adding the centre").id;
    auto add_worker = [&](const std::string& account, Role role) {
      NewWorker worker;
      worker.name = account;
      worker.os_account = account;
      worker.unit = role == Role::kCentreStaff ? "留守儿童关爱中心" : "屯溪区民政局";
      worker.roles = {role};
      return Checked(admin.AddWorker(worker), "adding worker " + account).id;
    };
    built.staff_id = add_worker(kStaff, Role::kCentreStaff);
    Checked(admin.AddStaff(kSite, kStaff, hired), "adding the centre staff");
    for (int i = 0; i < leaders; ++i) {
      const std::string account = fmt::format("leader{:03}", i);
      add_worker(account, Role::kCentreStaff);
      Checked(admin.AddStaff(kSite, account, hired), "adding " + account + " to the centre");
      NewTraining training;
      training.worker_account = account;
      training.method_id = kMethod;
      training.trained_on = hired;
      training.trained_by = "Vara kommun, metodutvecklare";
      training.hours = 24;
      Checked(admin.RecordTraining(training), "recording the training of " + account);
    }
    for (int i = 0; i < shape.social_workers; ++i) {
      children.social_worker_ids.push_back(
          add_worker(fmt::format("social{:02}", i), Role::kSocialWorker));
    }
  }
  {
    Workspace staff = Checked(Workspace::Open(path, SetUpOptions(kStaff)), "opening as staff");
    for (int a = 0; a < shape.activities; ++a) {
      NewActivity activity;
      activity.site_code = kSite;
      activity.name = fmt::format("小组活动 {:02}", a + 1);
      activity.kind = ActivityKind::kGroupSession;
      activity.method_id = kMethod;
      activity.schedule.rrule = "FREQ=WEEKLY;BYDAY=SU";  // replaced by the groups' schedules
      activity.schedule.first_day = FirstDay();
      activity.schedule.start_time = "09:00";
      activity.schedule.duration_minutes = 90;
      activity.capacity = shape.children_per_activity;
      children.activity_ids.push_back(
          Checked(staff.AddActivity(activity), "adding " + activity.name).id);
    }
  }
  children.per_activity = shape.children_per_activity;
  children.case_prefix = "HSN-2026";
  children.enrolled_on = FirstDay().ToString();
  children.now_utc = kFirstDayUtc;
  const std::vector<std::vector<std::string>> enrolled = InsertEnrolledChildren(path, children);
  built.children = static_cast<long>(shape.activities) * shape.children_per_activity;
  {
    Workspace staff = Checked(Workspace::Open(path, SetUpOptions(kStaff)), "opening as staff");
    int g = 0;
    for (int a = 0; a < shape.activities; ++a) {
      const std::vector<std::string>& members = enrolled[static_cast<std::size_t>(a)];
      const std::size_t base = members.size() / static_cast<std::size_t>(shape.groups_per_activity);
      const std::size_t larger =
          members.size() % static_cast<std::size_t>(shape.groups_per_activity);
      std::size_t next = 0;
      for (int i = 0; i < shape.groups_per_activity; ++i, ++g) {
        const int slot = g / leaders;
        NewGroup group;
        group.activity_id = children.activity_ids[static_cast<std::size_t>(a)];
        group.name = fmt::format("第{}组", i + 1);
        group.leader_account = fmt::format("leader{:03}", g % leaders);
        group.schedule.rrule =
            "FREQ=WEEKLY;BYDAY=" +
            shape.weekdays[static_cast<std::size_t>(slot) % shape.weekdays.size()];
        group.schedule.first_day = FirstDay();
        group.schedule.start_time =
            shape.times[static_cast<std::size_t>(slot) / shape.weekdays.size()];
        group.schedule.duration_minutes = 90;
        group.venue = "support centre";
        const std::size_t size = base + (static_cast<std::size_t>(i) < larger ? 1 : 0);
        group.members.assign(members.begin() + static_cast<std::ptrdiff_t>(next),
                             members.begin() + static_cast<std::ptrdiff_t>(next + size));
        next += size;
        Checked(staff.AddGroup(group), fmt::format("adding group {} of activity {}", i + 1, a + 1));
      }
    }
    built.groups = g;
    Checked(staff.ScheduleSessions(kSite, Today().AddDays(kDefaultScheduleDays)),
            "scheduling the year's sessions");
  }
  return built;
}

// ---- attendance_report_centre_year ----

// Full: 20 activities x 100 children in 13 groups (7 or 8 children) meeting weekly: 260 groups,
// about 13 500 sessions and 100 000 marks in the year.
CentreShape ReportShape() {
  CentreShape shape;
  const bool small = g_size == Size::kSmall;
  shape.activities = small ? 2 : 20;
  shape.children_per_activity = small ? 20 : 100;
  shape.groups_per_activity = small ? 3 : 13;
  shape.weekdays = {"MO", "TU", "WE", "TH", "FR"};
  shape.times = {"14:00", "15:30", "17:00", "18:30"};
  shape.social_workers = small ? 2 : 20;
  return shape;
}

// The centre with a year of attendance recorded, built once (on first use) in a temporary
// directory removed at exit. Not thread-safe: the workloads run one at a time.
class CentreYearFixture {
 public:
  // Throws std::runtime_error when the fixture cannot be built.
  static CentreYearFixture& Get() {
    static std::unique_ptr<CentreYearFixture> fixture;
    if (!fixture) fixture.reset(new CentreYearFixture());
    return *fixture;
  }
  ~CentreYearFixture() { fs::remove_all(dir_); }
  CentreYearFixture(const CentreYearFixture&) = delete;
  CentreYearFixture& operator=(const CentreYearFixture&) = delete;

  const std::string& path() const { return path_; }
  // The same workspace moved to PostgreSQL (on first use).
  const std::string& pg_location() {
    if (!pg_) {
      auto target = std::make_unique<FreshLocation>(Backend::kPostgresql, "attendance_report");
      MigrateFixture(path_, Options(kAdministrator), *target);
      pg_ = std::move(target);
    }
    return pg_->location();
  }
  long long site_id() const { return built_.site_id; }
  long long rows() const { return history_.rows; }

 private:
  CentreYearFixture() : dir_(MakeTempDir("attendance-report")) {
    const auto started = std::chrono::steady_clock::now();
    path_ = dir_ + "/centre.db";
    built_ = BuildCentre(path_, ReportShape());
    AttendanceHistory history;
    history.site_id = built_.site_id;
    history.recorder_id = built_.staff_id;
    history.through = Today().ToString();
    history.recent_from = RecentFrom().ToString();
    // The centre closes for the Spring Festival week.
    history.closed_from = "2026-02-16";
    history.closed_to = "2026-02-22";
    history.closed_reason = "春节放假 (Spring Festival)";
    history_ = RecordAttendanceHistory(path_, history);
    std::fprintf(stderr,
                 "attendance report fixture: %ld children, %ld groups, %lld sessions held, %lld "
                 "cancelled, %lld marks, built in %.1f s\n",
                 built_.children, built_.groups, history_.held, history_.cancelled, history_.rows,
                 SecondsSince(started));
  }

  std::string dir_;
  std::string path_;
  BuiltCentre built_;
  HistoryWritten history_;
  std::unique_ptr<FreshLocation> pg_;
};

CentreYearFixture* ReportFixtureOrSkip(benchmark::State& state) {
  try {
    return &CentreYearFixture::Get();
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
    return nullptr;
  }
}

void SetReportCounters(benchmark::State& state, long long rows, double lines, double expected,
                       double present, double flagged) {
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * rows);
  state.counters["marks"] = static_cast<double>(rows);
  state.counters["lines"] = lines;
  state.counters["expected"] = expected;
  state.counters["present"] = present;
  state.counters["flagged"] = flagged;
}

// `report attendance --site guanai` over the year, as the centre's staff.
void ReportKinbridge(benchmark::State& state, Backend backend) {
  CentreYearFixture* fixture = ReportFixtureOrSkip(state);
  if (fixture == nullptr) return;
  std::string location;
  try {
    location = backend == Backend::kSqlite ? fixture->path() : fixture->pg_location();
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
    return;
  }
  Result<Workspace> ws = Workspace::Open(location, Options(kStaff));
  if (!ws.ok()) {
    state.SkipWithError(ws.status().message().c_str());
    return;
  }
  AttendanceReportQuery query;
  query.site_code = kSite;
  query.from = FirstDay();
  query.to = Today();
  query.recent_days = kRecentDays;
  query.threshold = kThreshold;
  double lines = 0, expected = 0, present = 0, flagged = 0;
  for (auto _ : state) {
    Result<AttendanceReport> report = ws->ReportAttendance(query);
    if (!report.ok()) {
      state.SkipWithError(report.status().message().c_str());
      return;
    }
    lines = static_cast<double>(report->children.size());
    expected = present = flagged = 0;
    for (const ChildAttendance& c : report->children) {
      expected += c.expected;
      present += c.present;
      flagged += c.flagged ? 1 : 0;
    }
    benchmark::DoNotOptimize(report->groups.data());
  }
  SetReportCounters(state, fixture->rows(), lines, expected, present, flagged);
}

void ReportFloor(benchmark::State& state) {
  CentreYearFixture* fixture = ReportFixtureOrSkip(state);
  if (fixture == nullptr) return;
  RawReportTotals totals;
  try {
    RawAttendanceReport report(fixture->path());
    const std::string from = FirstDay().ToString(), to = Today().ToString(),
                      recent = RecentFrom().ToString();
    for (auto _ : state) {
      totals = report.Run(fixture->site_id(), from, to, recent, kThreshold);
      benchmark::DoNotOptimize(totals.checksum);
    }
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
    return;
  }
  SetReportCounters(state, fixture->rows(), static_cast<double>(totals.lines),
                    static_cast<double>(totals.expected), static_cast<double>(totals.present),
                    static_cast<double>(totals.flagged));
}

// ---- bulk_attendance_100k_sessions ----

// Full: 84 activities x 96 children in 12 groups of 8 meeting twice a week: 1 008 groups and
// about 105 000 sessions in the year, of which the first 100 000 are recorded.
CentreShape BulkShape() {
  CentreShape shape;
  const bool small = g_size == Size::kSmall;
  shape.activities = small ? 1 : 84;
  shape.children_per_activity = small ? 48 : 96;
  shape.groups_per_activity = small ? 6 : 12;
  shape.weekdays = {"MO,TH", "TU,FR", "WE,SA"};
  shape.times = {"14:00", "15:30", "17:00", "18:30"};
  shape.social_workers = small ? 1 : 77;
  return shape;
}

std::size_t BulkSessions() { return g_size == Size::kSmall ? 200 : 100000; }

// The centre with its sessions open for attendance, built once; each iteration records on a
// fresh copy. Not thread-safe.
class BulkFixture {
 public:
  static BulkFixture& Get() {
    static std::unique_ptr<BulkFixture> fixture;
    if (!fixture) fixture.reset(new BulkFixture());
    return *fixture;
  }
  ~BulkFixture() { fs::remove_all(dir_); }
  BulkFixture(const BulkFixture&) = delete;
  BulkFixture& operator=(const BulkFixture&) = delete;

  // A new copy of the unrecorded workspace; the caller removes it.
  std::string FreshCopy() {
    const std::string path = fmt::format("{}/record-{}.db", dir_, ++copies_);
    fs::copy_file(path_, path, fs::copy_options::overwrite_existing);
    if (fs::exists(path_ + "-wal")) {
      fs::copy_file(path_ + "-wal", path + "-wal", fs::copy_options::overwrite_existing);
    }
    return path;
  }
  // PostgreSQL: a new schema holding the unrecorded workspace; dropped with the returned object.
  std::unique_ptr<FreshLocation> FreshPgCopy() {
    auto target = std::make_unique<FreshLocation>(Backend::kPostgresql, "attendance_bulk");
    MigrateFixture(path_, Options(kAdministrator), *target);
    return target;
  }
  const std::vector<OpenSession>& sessions() const { return sessions_; }
  long long staff_id() const { return built_.staff_id; }

 private:
  BulkFixture() : dir_(MakeTempDir("attendance-bulk")) {
    const auto started = std::chrono::steady_clock::now();
    path_ = dir_ + "/centre.db";
    built_ = BuildCentre(path_, BulkShape());
    sessions_ = OpenSessions(path_, built_.site_id, Today().ToString(), BulkSessions());
    if (sessions_.size() < BulkSessions()) {
      throw std::runtime_error(fmt::format("the bulk fixture has {} open sessions, expected {}",
                                           sessions_.size(), BulkSessions()));
    }
    std::size_t marks = 0;
    for (const OpenSession& s : sessions_) marks += s.children.size();
    std::fprintf(stderr,
                 "bulk attendance fixture: %ld children, %ld groups, %zu sessions to record "
                 "(%zu marks), built in %.1f s\n",
                 built_.children, built_.groups, sessions_.size(), marks, SecondsSince(started));
  }

  std::string dir_;
  std::string path_;
  BuiltCentre built_;
  std::vector<OpenSession> sessions_;
  int copies_ = 0;
};

BulkFixture* BulkFixtureOrSkip(benchmark::State& state) {
  try {
    return &BulkFixture::Get();
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
    return nullptr;
  }
}

void SetBulkCounters(benchmark::State& state, const std::vector<OpenSession>& sessions) {
  std::size_t marks = 0;
  for (const OpenSession& s : sessions) marks += s.children.size();
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(sessions.size()));
  state.counters["sessions"] = static_cast<double>(sessions.size());
  state.counters["marks"] = static_cast<double>(marks);
}

// Every session's attendance through RecordAttendance, as the centre's staff: one child absent,
// everyone else present.
void BulkKinbridge(benchmark::State& state, Backend backend) {
  BulkFixture* fixture = BulkFixtureOrSkip(state);
  if (fixture == nullptr) return;
  AttendanceSheet sheet;
  sheet.entries.resize(1);
  sheet.entries[0].mark = AttendanceMark::kAbsent;
  sheet.everyone_else = AttendanceMark::kPresent;
  for (auto _ : state) {
    state.PauseTiming();
    std::string path;
    std::unique_ptr<FreshLocation> pg_copy;
    try {
      if (backend == Backend::kSqlite) {
        path = fixture->FreshCopy();
      } else {
        pg_copy = fixture->FreshPgCopy();
        path = pg_copy->location();
      }
    } catch (const std::exception& e) {
      state.SkipWithError(e.what());
      return;
    }
    {
      Result<Workspace> ws = Workspace::Open(path, Options(kStaff));
      if (!ws.ok()) {
        state.SkipWithError(ws.status().message().c_str());
        return;
      }
      state.ResumeTiming();
      for (const OpenSession& s : fixture->sessions()) {
        sheet.entries[0].child = s.absent_case_reference;
        Result<AttendanceResult> recorded = ws->RecordAttendance(s.id, sheet);
        if (!recorded.ok()) {
          state.SkipWithError(recorded.status().message().c_str());
          return;
        }
      }
      state.PauseTiming();
    }  // the workspace closes outside the timing
    if (backend == Backend::kSqlite) RemoveWorkspace(path);
    pg_copy.reset();
    state.ResumeTiming();
  }
  SetBulkCounters(state, fixture->sessions());
}

void BulkFloor(benchmark::State& state) {
  BulkFixture* fixture = BulkFixtureOrSkip(state);
  if (fixture == nullptr) return;
  for (auto _ : state) {
    state.PauseTiming();
    const std::string path = fixture->FreshCopy();
    try {
      std::optional<RawAttendanceWriter> writer;
      writer.emplace(path, fixture->staff_id(), kNowUtc);
      state.ResumeTiming();
      for (const OpenSession& s : fixture->sessions()) {
        writer->Record(s.id, s.children, s.children[s.absent]);
      }
      state.PauseTiming();
      writer.reset();  // closes outside the timing, as the workspace does
    } catch (const std::exception& e) {
      state.SkipWithError(e.what());
      return;
    }
    RemoveWorkspace(path);
    state.ResumeTiming();
  }
  SetBulkCounters(state, fixture->sessions());
}

}  // namespace

void RegisterAttendance() {
  benchmark::RegisterBenchmark(
      "attendance_report_centre_year/kinbridge",
      [](benchmark::State& state) { ReportKinbridge(state, Backend::kSqlite); })
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime();
  if (PostgresqlRun()) {
    benchmark::RegisterBenchmark(
        "attendance_report_centre_year/kinbridge_pg",
        [](benchmark::State& state) { ReportKinbridge(state, Backend::kPostgresql); })
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
  }
  benchmark::RegisterBenchmark("attendance_report_centre_year/floor", ReportFloor)
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime();
  benchmark::RegisterBenchmark(
      "bulk_attendance_100k_sessions/kinbridge",
      [](benchmark::State& state) { BulkKinbridge(state, Backend::kSqlite); })
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime();
  if (PostgresqlRun()) {
    benchmark::RegisterBenchmark(
        "bulk_attendance_100k_sessions/kinbridge_pg",
        [](benchmark::State& state) { BulkKinbridge(state, Backend::kPostgresql); })
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
  }
  benchmark::RegisterBenchmark("bulk_attendance_100k_sessions/floor", BulkFloor)
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime();
}

}  // namespace kinbridge::bench
