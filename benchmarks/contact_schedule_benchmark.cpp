// Workloads: a year of contact events for every active plan of a municipality, written durably
// and (schedule_expand_12_months) only expanded, each beside libical iterating the same rules; and
// `contact due --week` on that schedule for one worker's caseload and for the whole municipality,
// beside the same SQL through the raw SQLite C API. With a PostgreSQL server, the three also run
// there, on the same fixture moved to PostgreSQL.
#include <benchmark/benchmark.h>

#include <libical/ical.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "contact_fixture.h"
#include "kinbridge/workspace.h"
#include "pg_backend.h"
#include "raw_sqlite.h"
#include "schedule/recurrence.h"
#include "workloads.h"

namespace kinbridge::bench {

namespace {

namespace fs = std::filesystem;

constexpr int kScheduleDays = 365;    // ScheduleContacts through today + 365: a year of events
constexpr int kDueWeekDays = 6;       // `contact due --week`: today through today + 6
constexpr std::size_t kWorkers = 50;  // social workers sharing the children evenly
constexpr const char* kAdministrator = "admin";
constexpr const char* kNowUtc = "2026-11-29T08:00:00Z";
constexpr const char* kTimeZone = "Europe/Stockholm";  // the fixture municipality's

// Full: 100 000 plans, about 5 million events a year (contact_fixture.h gives the mix).
long PlanCount() { return g_size == Size::kSmall ? 200 : 100000; }

// The fixture's today, kFixtureFirstDay: every arrangement starts on it.
Date Today() { return Date(2026, 11, 29); }

WorkspaceOptions Options(const std::string& account, const std::string& purpose = {}) {
  WorkspaceOptions options;
  options.today = Today();
  options.now_utc = kNowUtc;
  options.account = account;
  options.purpose = purpose;
  return options;
}

template <typename T>
T Checked(Result<T> result, const char* what) {
  if (!result.ok())
    throw std::runtime_error(fmt::format("{}: {}", what, result.status().message()));
  return std::move(result).value();
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// A workspace file with its write-ahead log, if one was left behind.
void CopyWorkspace(const std::string& from, const std::string& to) {
  fs::copy_file(from, to, fs::copy_options::overwrite_existing);
  if (fs::exists(from + "-wal")) {
    fs::copy_file(from + "-wal", to + "-wal", fs::copy_options::overwrite_existing);
  }
}

void RemoveWorkspace(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix);
}

// The prepared workspaces of the three workloads, built once (on first use) in a temporary
// directory that is removed at exit. Not thread-safe: the workloads run one at a time.
class ContactFixture {
 public:
  // Throws std::runtime_error when the fixture cannot be built.
  static ContactFixture& Get() {
    static std::unique_ptr<ContactFixture> fixture;
    if (!fixture) fixture.reset(new ContactFixture());
    return *fixture;
  }

  ~ContactFixture() { fs::remove_all(dir_); }
  ContactFixture(const ContactFixture&) = delete;
  ContactFixture& operator=(const ContactFixture&) = delete;

  // A new copy of the workspace with active plans and no events; the caller removes it (or
  // hands it to AdoptScheduled).
  std::string FreshCopy() {
    const std::string path = fmt::format("{}/schedule-{}.db", dir_, ++copies_);
    CopyWorkspace(unscheduled_, path);
    return path;
  }

  // Keeps a copy scheduled through today + kScheduleDays for the due-list workloads, unless
  // one is kept already (then the copy is removed).
  void AdoptScheduled(const std::string& path) {
    if (!scheduled_.empty()) {
      RemoveWorkspace(path);
      return;
    }
    scheduled_ = dir_ + "/scheduled.db";
    fs::rename(path, scheduled_);
    if (fs::exists(path + "-wal")) fs::rename(path + "-wal", scheduled_ + "-wal");
    fs::remove(path + "-shm");
  }

  // The workspace after the year's schedule: the one schedule_12_months made, or made now.
  const std::string& Scheduled() {
    if (scheduled_.empty()) {
      const auto started = std::chrono::steady_clock::now();
      const std::string path = FreshCopy();
      {
        Workspace ws = Checked(Workspace::Open(path, Options(kAdministrator)), "opening");
        const ScheduleResult result = Checked(
            ws.ScheduleContacts("", Today().AddDays(kScheduleDays)), "scheduling the fixture");
        std::fprintf(stderr, "contact fixture: %lld events scheduled in %.1f s\n",
                     static_cast<long long>(result.created), SecondsSince(started));
      }
      AdoptScheduled(path);
    }
    return scheduled_;
  }

  // PostgreSQL: a new schema holding the workspace with active plans and no events, moved
  // there by MigrateTo; the caller drops it (or hands it to AdoptScheduledPg).
  std::unique_ptr<FreshLocation> FreshPgCopy() {
    auto target = std::make_unique<FreshLocation>(Backend::kPostgresql, "schedule");
    MigrateFixture(unscheduled_, Options(kAdministrator), *target);
    return target;
  }

  // Keeps a PostgreSQL copy scheduled through today + kScheduleDays, unless one is kept already.
  void AdoptScheduledPg(std::unique_ptr<FreshLocation> scheduled) {
    if (!pg_scheduled_) pg_scheduled_ = std::move(scheduled);
  }

  // The PostgreSQL workspace after the year's schedule: the one schedule_12_months/kinbridge_pg
  // made, or made now.
  const std::string& PgScheduled() {
    if (!pg_scheduled_) {
      const auto started = std::chrono::steady_clock::now();
      std::unique_ptr<FreshLocation> copy = FreshPgCopy();
      {
        Workspace ws =
            Checked(Workspace::Open(copy->location(), Options(kAdministrator)), "opening");
        const ScheduleResult result = Checked(
            ws.ScheduleContacts("", Today().AddDays(kScheduleDays)), "scheduling the fixture");
        std::fprintf(stderr, "contact fixture (PostgreSQL): %lld events scheduled in %.1f s\n",
                     static_cast<long long>(result.created), SecondsSince(started));
      }
      pg_scheduled_ = std::move(copy);
    }
    return pg_scheduled_->location();
  }

  const std::string& worker_account() const { return worker_account_; }
  long long worker_id() const { return worker_id_; }

 private:
  ContactFixture() : dir_(MakeTempDir("contacts")) {
    const auto started = std::chrono::steady_clock::now();
    unscheduled_ = dir_ + "/plans.db";
    FixtureOwners owners;
    owners.now_utc = kNowUtc;
    {
      CreateOptions create;
      create.municipality = {0, "", "VAR", "Vara", "SE", "sv_SE", kTimeZone};
      create.mode = WorkspaceMode::kTest;
      create.administrator_account = kAdministrator;
      Workspace ws = Checked(Workspace::Create(unscheduled_, create, Options(kAdministrator)),
                             "creating the fixture workspace");
      owners.municipality_id = ws.municipality().id;
      owners.administrator_id = ws.acting_worker().id;
      for (std::size_t i = 0; i < kWorkers; ++i) {
        NewWorker worker;
        worker.name = fmt::format("Social Worker {:02}", i);
        worker.os_account = fmt::format("worker{:02}", i);
        worker.unit = "Barn och unga";
        worker.roles = {Role::kSocialWorker};
        owners.worker_ids.push_back(Checked(ws.AddWorker(worker), "adding a worker").id);
      }
    }
    InsertActivePlans(unscheduled_, owners, FixtureRules(PlanCount()));
    worker_account_ = "worker00";
    worker_id_ = owners.worker_ids.front();
    std::fprintf(stderr, "contact fixture: %ld active plans, %zu workers, built in %.1f s\n",
                 PlanCount(), kWorkers, SecondsSince(started));
  }

  std::string dir_;
  std::string unscheduled_;  // active plans, no events
  std::string scheduled_;    // the same after the year's schedule; empty until made
  std::unique_ptr<FreshLocation> pg_scheduled_;  // the same on PostgreSQL; null until made
  std::string worker_account_;
  long long worker_id_ = 0;
  int copies_ = 0;
};

// The fixture, or nullptr after reporting why it could not be built.
ContactFixture* FixtureOrSkip(benchmark::State& state) {
  try {
    return &ContactFixture::Get();
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
    return nullptr;
  }
}

void ScheduleKinbridge(benchmark::State& state) {
  ContactFixture* fixture = FixtureOrSkip(state);
  if (fixture == nullptr) return;
  std::int64_t created = 0;
  for (auto _ : state) {
    state.PauseTiming();
    const std::string path = fixture->FreshCopy();
    {
      Result<Workspace> ws = Workspace::Open(path, Options(kAdministrator));
      if (!ws.ok()) {
        state.SkipWithError(ws.status().message().c_str());
        break;
      }
      state.ResumeTiming();
      Result<ScheduleResult> scheduled = ws->ScheduleContacts("", Today().AddDays(kScheduleDays));
      state.PauseTiming();
      if (!scheduled.ok()) {
        state.SkipWithError(scheduled.status().message().c_str());
        break;
      }
      created += scheduled->created;
    }  // the workspace closes before its file moves
    fixture->AdoptScheduled(path);
    state.ResumeTiming();
  }
  state.SetItemsProcessed(created);
  state.counters["events"] =
      benchmark::Counter(static_cast<double>(created), benchmark::Counter::kAvgIterations);
}

// The same on PostgreSQL: each iteration on a new schema holding the moved fixture.
void ScheduleKinbridgePg(benchmark::State& state) {
  ContactFixture* fixture = FixtureOrSkip(state);
  if (fixture == nullptr) return;
  std::int64_t created = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::unique_ptr<FreshLocation> copy;
    try {
      copy = fixture->FreshPgCopy();
    } catch (const std::exception& e) {
      state.SkipWithError(e.what());
      break;
    }
    {
      Result<Workspace> ws = Workspace::Open(copy->location(), Options(kAdministrator));
      if (!ws.ok()) {
        state.SkipWithError(ws.status().message().c_str());
        break;
      }
      state.ResumeTiming();
      Result<ScheduleResult> scheduled = ws->ScheduleContacts("", Today().AddDays(kScheduleDays));
      state.PauseTiming();
      if (!scheduled.ok()) {
        state.SkipWithError(scheduled.status().message().c_str());
        break;
      }
      created += scheduled->created;
    }
    fixture->AdoptScheduledPg(std::move(copy));  // dropped here unless kept
    state.ResumeTiming();
  }
  state.SetItemsProcessed(created);
  state.counters["events"] =
      benchmark::Counter(static_cast<double>(created), benchmark::Counter::kAvgIterations);
}

// libical alone: each rule parsed and iterated from the first day (a floating local date-time,
// as kinbridge iterates) through `through`, counting the occurrences.
std::int64_t CountOccurrences(const std::vector<std::string>& rules, Date first_day, Date through) {
  icaltimetype dtstart = icaltime_null_time();
  dtstart.year = first_day.year();
  dtstart.month = static_cast<int>(first_day.month());
  dtstart.day = static_cast<int>(first_day.day());
  dtstart.hour = kFixtureStartMinutes / 60;
  dtstart.minute = kFixtureStartMinutes % 60;
  dtstart.is_date = 0;
  dtstart.zone = nullptr;
  const int last = through.year() * 10000 + static_cast<int>(through.month()) * 100 +
                   static_cast<int>(through.day());
  std::int64_t count = 0;
  for (const std::string& rule : rules) {
    icalrecurrencetype recurrence = icalrecurrencetype_from_string(rule.c_str());
    icalrecur_iterator* iterator = icalrecur_iterator_new(recurrence, dtstart);
    if (iterator == nullptr) throw std::runtime_error("libical cannot iterate " + rule);
    for (icaltimetype t = icalrecur_iterator_next(iterator); !icaltime_is_null_time(t);
         t = icalrecur_iterator_next(iterator)) {
      if (t.year * 10000 + t.month * 100 + t.day > last) break;
      ++count;
    }
    icalrecur_iterator_free(iterator);
  }
  return count;
}

void ScheduleFloor(benchmark::State& state) {
  const std::vector<std::string> rules = FixtureRules(PlanCount());
  std::int64_t occurrences = 0;
  for (auto _ : state) {
    try {
      occurrences += CountOccurrences(rules, Today(), Today().AddDays(kScheduleDays));
    } catch (const std::exception& e) {
      state.SkipWithError(e.what());
      break;
    }
  }
  state.SetItemsProcessed(occurrences);
  state.counters["events"] =
      benchmark::Counter(static_cast<double>(occurrences), benchmark::Counter::kAvgIterations);
}

// The product's expansion engine alone (detail::Expand, with its checks and DST placement) over
// the fixture's rules, zone, clock time and year, writing nothing: the work the floor does, plus
// what turns a local clock time into a UTC instant. No workspace is needed.
void ScheduleExpandKinbridge(benchmark::State& state) {
  const std::vector<std::string> rules = FixtureRules(PlanCount());
  std::vector<detail::Recurrence> recurrences;
  recurrences.reserve(rules.size());
  for (const std::string& rule : rules) {
    recurrences.push_back(detail::Recurrence{rule, Today(), kFixtureStartMinutes, 60, kTimeZone});
  }
  const Date through = Today().AddDays(kScheduleDays);
  std::int64_t occurrences = 0;
  for (auto _ : state) {
    for (const detail::Recurrence& r : recurrences) {
      Result<std::vector<detail::Occurrence>> expanded = detail::Expand(r, Today(), through);
      if (!expanded.ok()) {
        state.SkipWithError(expanded.status().message().c_str());
        return;
      }
      benchmark::DoNotOptimize(expanded->data());
      occurrences += static_cast<std::int64_t>(expanded->size());
    }
  }
  state.SetItemsProcessed(occurrences);
  state.counters["events"] =
      benchmark::Counter(static_cast<double>(occurrences), benchmark::Counter::kAvgIterations);
}

ContactQuery DueWeek(ContactQuery::Scope scope) {
  ContactQuery query;
  query.scope = scope;
  query.from = Today();
  query.to = Today().AddDays(kDueWeekDays);
  query.open_only = true;
  return query;
}

// `contact due --week` through the Workspace API: as the worker for their own caseload, or as
// an administrator with a stated purpose for the whole municipality.
void DueWeekKinbridge(benchmark::State& state, bool municipality, Backend backend) {
  ContactFixture* fixture = FixtureOrSkip(state);
  if (fixture == nullptr) return;
  std::string path;
  try {
    path = backend == Backend::kSqlite ? fixture->Scheduled() : fixture->PgScheduled();
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
    return;
  }
  Result<Workspace> ws = Workspace::Open(path, municipality ? Options(kAdministrator, "benchmark")
                                                            : Options(fixture->worker_account()));
  if (!ws.ok()) {
    state.SkipWithError(ws.status().message().c_str());
    return;
  }
  const ContactQuery query =
      DueWeek(municipality ? ContactQuery::Scope::kVisible : ContactQuery::Scope::kMine);
  std::int64_t events = 0;
  for (auto _ : state) {
    Status listed = ws->ForEachContactEvent(query, [&](const ContactEvent& event) {
      benchmark::DoNotOptimize(event.id);
      ++events;
      return true;
    });
    if (!listed.ok()) {
      state.SkipWithError(listed.message().c_str());
      break;
    }
  }
  state.SetItemsProcessed(events);
  state.counters["events"] =
      benchmark::Counter(static_cast<double>(events), benchmark::Counter::kAvgIterations);
}

// The same query, text and bindings through the raw SQLite C API; `audited`: also the audit
// entry kinbridge writes for it, in one durable transaction with the query.
void DueWeekFloor(benchmark::State& state, bool municipality, bool audited) {
  ContactFixture* fixture = FixtureOrSkip(state);
  if (fixture == nullptr) return;
  const std::string from = Today().ToString();
  const std::string to = Today().AddDays(kDueWeekDays).ToString();
  std::int64_t events = 0;
  try {
    RawDueList due(fixture->Scheduled());
    const long long worker_id = municipality ? 0 : fixture->worker_id();
    for (auto _ : state) {
      events += audited ? due.RunAudited(worker_id, from, to) : due.Run(worker_id, from, to);
    }
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
    return;
  }
  state.SetItemsProcessed(events);
  state.counters["events"] =
      benchmark::Counter(static_cast<double>(events), benchmark::Counter::kAvgIterations);
}

}  // namespace

void RegisterContactSchedule() {
  benchmark::RegisterBenchmark("schedule_12_months/kinbridge", ScheduleKinbridge)
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime();
  if (PostgresqlRun()) {
    benchmark::RegisterBenchmark("schedule_12_months/kinbridge_pg", ScheduleKinbridgePg)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
  }
  benchmark::RegisterBenchmark("schedule_12_months/floor", ScheduleFloor)
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime();
  // Expansion alone, the goal's workload (schedule expansion >= 0.8x libical), beside the same
  // floor as the durable schedule above.
  benchmark::RegisterBenchmark("schedule_expand_12_months/kinbridge", ScheduleExpandKinbridge)
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime();
  benchmark::RegisterBenchmark("schedule_expand_12_months/floor", ScheduleFloor)
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime();
  benchmark::RegisterBenchmark(
      "due_week_worker/kinbridge",
      [](benchmark::State& state) { DueWeekKinbridge(state, false, Backend::kSqlite); })
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime();
  if (PostgresqlRun()) {
    benchmark::RegisterBenchmark(
        "due_week_worker/kinbridge_pg",
        [](benchmark::State& state) { DueWeekKinbridge(state, false, Backend::kPostgresql); })
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
  }
  benchmark::RegisterBenchmark("due_week_worker/floor",
                               [](benchmark::State& state) { DueWeekFloor(state, false, false); })
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime();
  benchmark::RegisterBenchmark("due_week_worker/floor_audited",
                               [](benchmark::State& state) { DueWeekFloor(state, false, true); })
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime();
  benchmark::RegisterBenchmark(
      "due_week_municipality/kinbridge",
      [](benchmark::State& state) { DueWeekKinbridge(state, true, Backend::kSqlite); })
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime();
  if (PostgresqlRun()) {
    benchmark::RegisterBenchmark(
        "due_week_municipality/kinbridge_pg",
        [](benchmark::State& state) { DueWeekKinbridge(state, true, Backend::kPostgresql); })
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
  }
  benchmark::RegisterBenchmark("due_week_municipality/floor",
                               [](benchmark::State& state) { DueWeekFloor(state, true, false); })
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime();
  benchmark::RegisterBenchmark("due_week_municipality/floor_audited",
                               [](benchmark::State& state) { DueWeekFloor(state, true, true); })
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime();
}

}  // namespace kinbridge::bench
