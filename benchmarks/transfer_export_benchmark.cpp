// Workload 6: `transfer export --method se.vara.contact --with-outcomes` over a generated
// workspace of 100 000 children (kinbridge/synthetic.h: family networks, plans approved four
// weeks ago, every past contact's outcome logged, support centres with attendance), beside the
// floor: the same four aggregation queries through the raw SQLite C API (raw_sqlite.h) and the
// same package bytes written the same way (a temporary file, fsync, rename). Items are the
// contact events aggregated.
//
// The generated workspace takes minutes to build at full size, so it is built once and kept in
// the build directory (bench-fixtures/), named by seed, size and schema version; delete the file
// to build it again.
#include <benchmark/benchmark.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "kinbridge/synthetic.h"
#include "kinbridge/workspace.h"
#include "raw_sqlite.h"
#include "workloads.h"

namespace kinbridge::bench {

namespace {

namespace fs = std::filesystem;

constexpr const char* kAdministrator = "admin";
constexpr const char* kMethod = "se.vara.contact";
constexpr const char* kNowUtc = "2026-11-29T09:00:00Z";
constexpr std::uint64_t kSeed = 1;

Date Today() { return Date(2026, 11, 29); }

// The export's default window (OutcomeWindow): the four quarters before the current one, and the
// current one up to today.
Date WindowFrom() {
  const Date today = Today();
  return Date(today.year(), (today.month() - 1) / 3 * 3 + 1, 1).AddMonths(-12);
}

// 100 000 children at full size; $KINBRIDGE_BENCH_EXPORT_CHILDREN sets another number (a
// smaller workspace builds in less time; docs/performance.md has the generator's timings).
std::int64_t Children() {
  if (const char* given = std::getenv("KINBRIDGE_BENCH_EXPORT_CHILDREN"); given != nullptr) {
    char* end = nullptr;
    const long long children = std::strtoll(given, &end, 10);
    if (end == given || *end != '\0' || children < 1) {
      throw std::runtime_error(fmt::format(
          "KINBRIDGE_BENCH_EXPORT_CHILDREN is '{}' (expected a number of children, 1 or more)",
          given));
    }
    return children;
  }
  return g_size == Size::kSmall ? 120 : 100000;
}

// The generator's defaults (caseloads of 40, units of 8, 90 % with a plan, four weeks of
// history, every past contact logged, a centre per 2 000 children); smaller centres at the small
// size so that it has attendance too.
SyntheticOptions Shape() {
  SyntheticOptions o;
  o.seed = kSeed;
  o.children = Children();
  if (g_size == Size::kSmall) o.children_per_centre = 60;
  return o;
}

WorkspaceOptions Options() {
  WorkspaceOptions options;
  options.today = Today();
  options.now_utc = kNowUtc;
  options.account = kAdministrator;
  options.purpose = "benchmark: a method's outcomes for a transfer package";
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

void InstallMethods(Workspace& admin) {
  for (const char* plugin : {"vara_contact.so", "huangshan_group.so"}) {
    Checked(admin.InstallMethodPlugin(fmt::format("{}/{}", KINBRIDGE_BENCH_PLUGINDIR, plugin)),
            fmt::format("installing {}", plugin));
  }
}

// Writes `bytes` as the package writer does: a temporary file beside `file`, synced, renamed
// over it. Throws std::runtime_error.
void WritePackageBytes(const std::string& file, const std::string& bytes) {
  const std::string temp = file + ".tmp";
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw std::runtime_error(fmt::format("{}: {}", temp, std::strerror(errno)));
  std::size_t written = 0;
  bool ok = true;
  while (ok && written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    ok = n > 0;
    if (ok) written += static_cast<std::size_t>(n);
  }
  ok = ok && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok || ::rename(temp.c_str(), file.c_str()) != 0) {
    throw std::runtime_error(fmt::format("writing {}: {}", file, std::strerror(errno)));
  }
}

std::string ReadFile(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The generated workspace (built once, or found in the build directory), with the package one
// export of it gives, for the floor to write. Not thread-safe: the workloads run one at a time.
class ExportFixture {
 public:
  // Throws std::runtime_error when the fixture cannot be built.
  static ExportFixture& Get() {
    static std::unique_ptr<ExportFixture> fixture;
    if (!fixture) fixture.reset(new ExportFixture());
    return *fixture;
  }
  ~ExportFixture() { fs::remove_all(dir_); }
  ExportFixture(const ExportFixture&) = delete;
  ExportFixture& operator=(const ExportFixture&) = delete;

  const std::string& path() const { return path_; }
  const std::string& dir() const { return dir_; }
  const std::string& package() const { return package_; }
  std::int64_t events() const { return totals_.events; }
  const RawOutcomeTotals& totals() const { return totals_; }

 private:
  ExportFixture() : dir_(MakeTempDir("transfer-export")) {
    const std::string cache = KINBRIDGE_BENCH_CACHEDIR;
    fs::create_directories(cache);
    path_ = fmt::format("{}/transfer-export-vara-seed{}-{}-schema{}.db", cache, kSeed, Children(),
                        WorkspaceSchemaVersion());
    if (!fs::exists(path_)) Build();
    {
      // The plugins may have been rebuilt since the file was made: approve them again.
      Workspace admin = Checked(Workspace::Open(path_, Options()), "opening " + path_);
      InstallMethods(admin);
      TransferExportOptions options;
      options.method = kMethod;
      options.with_outcomes = true;
      options.output_file = dir_ + "/fixture.kbpkg";
      Checked(admin.ExportMethodPackage(options), "exporting the fixture's package");
      package_ = ReadFile(options.output_file);
    }
    totals_ = RawOutcomeQueries(path_).Run(kMethod, WindowFrom().ToString(), Today().ToString());
    std::fprintf(stderr,
                 "transfer export fixture: %s, %ld child-months of %lld contact events, %ld plans, "
                 "%ld child-months of attendance, package of %zu bytes\n",
                 path_.c_str(), totals_.contact_months, totals_.events, totals_.plans,
                 totals_.mark_months, package_.size());
  }

  // Generates the workspace under another name and renames it into place when complete, so
  // that an interrupted build is never taken for a finished one.
  void Build() {
    const auto started = std::chrono::steady_clock::now();
    const std::string partial = path_ + ".building";
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(partial + suffix);
    SyntheticSummary made;
    {
      CreateOptions create;
      create.municipality = {0, "", "VAR", "Vara", "SE", "sv_SE", "Europe/Stockholm"};
      create.mode = WorkspaceMode::kTest;
      create.administrator_account = kAdministrator;
      Workspace admin =
          Checked(Workspace::Create(partial, create, Options()), "creating " + partial);
      InstallMethods(admin);
      made = Checked(GenerateWorkspace(admin, Shape()), "generating " + partial);
    }  // closing the last connection folds the write-ahead log into the file
    for (const char* suffix : {"-wal", "-shm"}) fs::remove(partial + suffix);
    fs::rename(partial, path_);
    std::fprintf(stderr,
                 "transfer export fixture: generated %lld children, %lld plans, %lld events "
                 "(%lld logged), %lld attendance marks in %.1f s\n",
                 static_cast<long long>(made.children), static_cast<long long>(made.plans),
                 static_cast<long long>(made.events_scheduled),
                 static_cast<long long>(made.events_logged),
                 static_cast<long long>(made.attendance_marks), SecondsSince(started));
  }

  std::string dir_;
  std::string path_;
  std::string package_;
  RawOutcomeTotals totals_;
};

ExportFixture* FixtureOrSkip(benchmark::State& state) {
  try {
    return &ExportFixture::Get();
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
    return nullptr;
  }
}

void SetCounters(benchmark::State& state, const ExportFixture& fixture) {
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * fixture.events());
  state.counters["events"] = static_cast<double>(fixture.events());
  state.counters["child_months"] = static_cast<double>(fixture.totals().contact_months);
  state.counters["plans"] = static_cast<double>(fixture.totals().plans);
  state.counters["package_bytes"] = static_cast<double>(fixture.package().size());
}

// ExportMethodPackage with outcomes, as the administrator: access check, the four queries through
// the repositories, the aggregation by quarter and age band with small cells suppressed, the
// package built and written, the export log and its audit entry.
void ExportKinbridge(benchmark::State& state) {
  ExportFixture* fixture = FixtureOrSkip(state);
  if (fixture == nullptr) return;
  Result<Workspace> ws = Workspace::Open(fixture->path(), Options());
  if (!ws.ok()) {
    state.SkipWithError(ws.status().message().c_str());
    return;
  }
  TransferExportOptions options;
  options.method = kMethod;
  options.with_outcomes = true;
  options.output_file = fixture->dir() + "/kinbridge.kbpkg";
  for (auto _ : state) {
    Result<TransferExport> exported = ws->ExportMethodPackage(options);
    if (!exported.ok()) {
      state.SkipWithError(exported.status().message().c_str());
      return;
    }
    benchmark::DoNotOptimize(exported->package_sha256.data());
  }
  SetCounters(state, *fixture);
}

void ExportFloor(benchmark::State& state) {
  ExportFixture* fixture = FixtureOrSkip(state);
  if (fixture == nullptr) return;
  const std::string file = fixture->dir() + "/floor.kbpkg";
  const std::string from = WindowFrom().ToString(), to = Today().ToString();
  try {
    RawOutcomeQueries queries(fixture->path());
    for (auto _ : state) {
      const RawOutcomeTotals totals = queries.Run(kMethod, from, to);
      if (totals.events != fixture->events()) {
        state.SkipWithError("the floor counted another number of events than at first");
        return;
      }
      benchmark::DoNotOptimize(totals.checksum);
      WritePackageBytes(file, fixture->package());
    }
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
    return;
  }
  SetCounters(state, *fixture);
}

}  // namespace

void RegisterTransferExport() {
  benchmark::RegisterBenchmark("transfer_export_100k/kinbridge", ExportKinbridge)
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime();
  benchmark::RegisterBenchmark("transfer_export_100k/floor", ExportFloor)
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime();
}

}  // namespace kinbridge::bench
