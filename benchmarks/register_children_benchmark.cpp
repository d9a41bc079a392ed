// Workload: registering children one by one through the Workspace API (validation, case
// references, one durable transaction each) beside raw SQLite inserting the same rows; with a
// PostgreSQL server, the same calls on a workspace there too.
#include <benchmark/benchmark.h>

#include <unistd.h>

#include <filesystem>
#include <optional>
#include <stdexcept>

#include <fmt/format.h>

#include "kinbridge/workspace.h"
#include "pg_backend.h"
#include "raw_sqlite.h"
#include "workloads.h"

namespace kinbridge::bench {

std::string MakeTempDir(const char* label) {
  namespace fs = std::filesystem;
  static int counter = 0;
  fs::path dir = fs::temp_directory_path() /
                 fmt::format("kinbridge-bench-{}-{}-{}", label, ::getpid(), ++counter);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir.string();
}

namespace {

long ChildrenPerIteration() { return g_size == Size::kSmall ? 20 : 500; }

// On `backend`: a new workspace each iteration (made outside the timing), then the children.
void RegisterChildrenKinbridge(benchmark::State& state, Backend backend) {
  const long count = ChildrenPerIteration();
  for (auto _ : state) {
    state.PauseTiming();
    std::optional<FreshLocation> fresh;
    try {
      fresh.emplace(backend, "register");
    } catch (const std::exception& e) {
      state.SkipWithError(e.what());
      break;
    }
    CreateOptions create;
    create.municipality = {0, "", "VAR", "Vara", "SE", "sv_SE", "Europe/Stockholm"};
    create.mode = WorkspaceMode::kTest;
    create.administrator_account = "bench";
    WorkspaceOptions options;
    options.today = Date(2026, 11, 29);
    options.now_utc = "2026-11-29T10:00:00Z";
    const std::string& path = fresh->location();
    {
      // The benchmark's account administers the workspace and works as a social worker.
      Result<Workspace> created = Workspace::Create(path, create, options);
      Result<Worker> granted = created.ok() ? created->GrantRole("bench", Role::kSocialWorker)
                                            : Result<Worker>(created.status());
      if (!granted.ok()) {
        state.SkipWithError(granted.status().message().c_str());
        break;
      }
    }
    options.account = "bench";
    {
      Result<Workspace> ws = Workspace::Open(path, options);
      if (!ws.ok()) {
        state.SkipWithError(ws.status().message().c_str());
        break;
      }
      state.ResumeTiming();
      for (long i = 0; i < count; ++i) {
        NewChild child;
        child.name = fmt::format("Child {}", i);
        child.birth_date = Date(2017, 3, 14);
        child.languages = {"sv"};
        child.school = "Vara skola";
        Result<Child> added = ws->AddChild(child);
        if (!added.ok()) {
          state.SkipWithError(added.status().message().c_str());
          break;
        }
      }
      state.PauseTiming();
    }
    fresh.reset();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * count);
}

void RegisterChildrenFloor(benchmark::State& state) {
  const long count = ChildrenPerIteration();
  for (auto _ : state) {
    state.PauseTiming();
    const std::string dir = MakeTempDir("register-floor");
    state.ResumeTiming();
    benchmark::DoNotOptimize(RawInsertChildren(dir + "/raw.db", count));
    state.PauseTiming();
    std::filesystem::remove_all(dir);
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * count);
}

}  // namespace

void RegisterChildRegistration() {
  benchmark::RegisterBenchmark(
      "register_children/kinbridge",
      [](benchmark::State& state) { RegisterChildrenKinbridge(state, Backend::kSqlite); })
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime();
  if (PostgresqlRun()) {
    benchmark::RegisterBenchmark(
        "register_children/kinbridge_pg",
        [](benchmark::State& state) { RegisterChildrenKinbridge(state, Backend::kPostgresql); })
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
  }
  benchmark::RegisterBenchmark("register_children/floor", RegisterChildrenFloor)
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime();
}

}  // namespace kinbridge::bench
