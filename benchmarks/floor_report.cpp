#include "floor_report.h"

#include <fmt/format.h>

#include <cstdio>

namespace kinbridge::bench {

void FloorReporter::ReportRuns(const std::vector<Run>& runs) {
  ConsoleReporter::ReportRuns(runs);
  for (const Run& run : runs) {
    if (run.error_occurred) had_errors_ = true;
    if (run.error_occurred) continue;
    // With --benchmark_repetitions the median stands for the workload; otherwise each run.
    if (run.run_type == Run::RT_Aggregate && run.aggregate_name != "median") continue;
    const std::string name = run.benchmark_name();
    const auto slash = name.find('/');
    if (slash == std::string::npos) continue;
    const std::string workload = name.substr(0, slash);
    std::string side = name.substr(slash + 1, name.find('/', slash + 1) - slash - 1);
    side = side.substr(0, side.find('_'));  // "kinbridge_median" -> "kinbridge"
    auto items = run.counters.find("items_per_second");
    if (items == run.counters.end() || items->second.value <= 0) continue;
    const double ns_per_item = 1e9 / items->second.value;
    if (side == "kinbridge") pairs_[workload].kinbridge_ns = ns_per_item;
    if (side == "floor") pairs_[workload].floor_ns = ns_per_item;
  }
}

void FloorReporter::Finalize() {
  ConsoleReporter::Finalize();
  std::fputs("\nWorkload beside its floor (time per item; ratio = kinbridge / floor)\n", stdout);
  std::fputs(fmt::format("{:<28} {:>14} {:>14} {:>8}\n", "workload", "kinbridge", "floor", "ratio")
                 .c_str(),
             stdout);
  for (const auto& [workload, pair] : pairs_) {
    if (pair.kinbridge_ns <= 0 || pair.floor_ns <= 0) continue;
    std::fputs(fmt::format("{:<28} {:>11.0f} ns {:>11.0f} ns {:>7.2f}x\n", workload,
                           pair.kinbridge_ns, pair.floor_ns, pair.kinbridge_ns / pair.floor_ns)
                   .c_str(),
               stdout);
  }
}

}  // namespace kinbridge::bench
