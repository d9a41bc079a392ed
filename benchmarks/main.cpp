// The benchmark runner: Google Benchmark's flags, plus --kinbridge_size=small|full.
#include <benchmark/benchmark.h>

#include <cstring>
#include <string_view>
#include <vector>

#include "floor_report.h"
#include "workloads.h"

namespace kinbridge::bench {

Size g_size = Size::kFull;

}  // namespace kinbridge::bench

int main(int argc, char** argv) {
  std::vector<char*> args;
  for (int i = 0; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--kinbridge_size=small") {
      kinbridge::bench::g_size = kinbridge::bench::Size::kSmall;
      continue;
    }
    if (arg == "--kinbridge_size=full") continue;
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
