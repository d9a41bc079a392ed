// The benchmark runner: Google Benchmark's flags, plus --kinbridge_size=small|full and
// --kinbridge_pg=URL (or KINBRIDGE_BENCH_PG): the storage workloads on that PostgreSQL server too.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "floor_report.h"
#include "pg_backend.h"
#include "workloads.h"

namespace kinbridge::bench {

Size g_size = Size::kFull;

}  // namespace kinbridge::bench

int main(int argc, char** argv) {
  std::vector<char*> args;
  if (const char* server = std::getenv("KINBRIDGE_BENCH_PG"))
    kinbridge::bench::g_pg_server = server;
  constexpr std::string_view kPgFlag = "--kinbridge_pg=";
  for (int i = 0; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--kinbridge_size=small") {
      kinbridge::bench::g_size = kinbridge::bench::Size::kSmall;
      continue;
    }
    if (arg == "--kinbridge_size=full") continue;
    if (arg.substr(0, kPgFlag.size()) == kPgFlag) {
      kinbridge::bench::g_pg_server = std::string(arg.substr(kPgFlag.size()));
      continue;
    }
    args.push_back(argv[i]);
  }
  int count = static_cast<int>(args.size());
  benchmark::Initialize(&count, args.data());
  kinbridge::bench::RegisterWorkloads();
  kinbridge::bench::FloorReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return reporter.had_errors() ? 1 : 0;
}
