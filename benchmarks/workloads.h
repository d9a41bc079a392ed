// The registry of workloads. Each workload registers "<name>/kinbridge" and "<name>/floor"; the
// storage workloads also "<name>/kinbridge_pg" when a PostgreSQL server is given (pg_backend.h).
#pragma once

#include <string>

namespace kinbridge::bench {

enum class Size { kSmall, kFull };
extern Size g_size;

// A fresh, empty temporary directory for one benchmark run; removed by the caller.
std::string MakeTempDir(const char* label);

void RegisterChildRegistration();
void RegisterBulkImport();
void RegisterMethodProposals();
void RegisterContactSchedule();
void RegisterAttendance();
void RegisterTransferExport();

inline void RegisterWorkloads() {
  RegisterChildRegistration();
  RegisterBulkImport();
  RegisterMethodProposals();
  RegisterContactSchedule();
  RegisterAttendance();
  RegisterTransferExport();
}

}  // namespace kinbridge::bench
