// Reports each workload beside its floor: benchmarks named "<workload>/kinbridge" and
// "<workload>/floor" are paired, and the ratio of their times per item is printed at the end;
// "<workload>/kinbridge_pg" (PostgreSQL runs) beside both in a table of its own. A workload whose
// kinbridge side also writes what the floor does not (the audit entry of a read) may have a
// second floor, "<workload>/floor_audited", doing that too; its ratio gets a column of its own.
#pragma once

#include <benchmark/benchmark.h>

#include <map>
#include <string>

namespace kinbridge::bench {

class FloorReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override;
  void Finalize() override;

  // A workload reported an error: the run must not pass as if it had measured something.
  bool had_errors() const { return had_errors_; }

 private:
  bool had_errors_ = false;
  struct Pair {
    double kinbridge_ns = 0;  // real time per item
    double floor_ns = 0;
    double audited_floor_ns = 0;  // the floor with the audit entry kinbridge writes
    double pg_ns = 0;             // on PostgreSQL
  };
  std::map<std::string, Pair> pairs_;
};

}  // namespace kinbridge::bench
