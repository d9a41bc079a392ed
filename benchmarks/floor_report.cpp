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
    // "kinbridge", "kinbridge_pg", "floor" or "floor_audited", with an aggregate's suffix
    // ("kinbridge_median").
    const std::string side = name.substr(slash + 1, name.find('/', slash + 1) - slash - 1);
    auto is = [&side](const std::string& prefix) {
      return side == prefix || side.rfind(prefix + "_", 0) == 0;
    };
    auto items = run.counters.find("items_per_second");
    if (items == run.counters.end() || items->second.value <= 0) continue;
    const double ns_per_item = 1e9 / items->second.value;
    if (is("kinbridge_pg")) {
      pairs_[workload].pg_ns = ns_per_item;
    } else if (is("kinbridge")) {
      pairs_[workload].kinbridge_ns = ns_per_item;
    } else if (is("floor_audited")) {
      pairs_[workload].audited_floor_ns = ns_per_item;
    } else if (is("floor")) {
      pairs_[workload].floor_ns = ns_per_item;
    }
  }
}

void FloorReporter::Finalize() {
  ConsoleReporter::Finalize();
  std::fputs("\nWorkload beside its floor (time per item; ratio = kinbridge / floor)\n", stdout);
  std::fputs(fmt::format("{:<28} {:>14} {:>14} {:>8} {:>16} {:>8}\n", "workload", "kinbridge",
                         "floor", "ratio", "floor + audit", "ratio")
                 .c_str(),
             stdout);
  for (const auto& [workload, pair] : pairs_) {
    if (pair.kinbridge_ns <= 0 || pair.floor_ns <= 0) continue;
    std::string audited;
    if (pair.audited_floor_ns > 0) {
      audited = fmt::format(" {:>13.0f} ns {:>7.2f}x", pair.audited_floor_ns,
                            pair.kinbridge_ns / pair.audited_floor_ns);
    }
    std::fputs(
        fmt::format("{:<28} {:>11.0f} ns {:>11.0f} ns {:>7.2f}x{}\n", workload, pair.kinbridge_ns,
                    pair.floor_ns, pair.kinbridge_ns / pair.floor_ns, audited)
            .c_str(),
        stdout);
  }
  bool any_pg = false;
  for (const auto& entry : pairs_) any_pg = any_pg || entry.second.pg_ns > 0;
  if (!any_pg) return;
  std::fputs(
      "\nPostgreSQL beside SQLite (time per item; ratios = kinbridge_pg / kinbridge on SQLite, "
      "and / floor)\n",
      stdout);
  std::fputs(fmt::format("{:<30} {:>14} {:>14} {:>10} {:>10}\n", "workload", "kinbridge_pg",
                         "kinbridge", "pg/sqlite", "pg/floor")
                 .c_str(),
             stdout);
  for (const auto& [workload, pair] : pairs_) {
    if (pair.pg_ns <= 0) continue;
    auto ratio = [&pair](double to) {
      return to > 0 ? fmt::format("{:.2f}x", pair.pg_ns / to) : std::string("-");
    };
    std::fputs(fmt::format("{:<30} {:>11.0f} ns {:>11.0f} ns {:>10} {:>10}\n", workload, pair.pg_ns,
                           pair.kinbridge_ns, ratio(pair.kinbridge_ns), ratio(pair.floor_ns))
                   .c_str(),
               stdout);
  }
}

}  // namespace kinbridge::bench
