// Synthetic workspaces: invented but plausible cases, workers, centres and attendance, made
// deterministically from a seed, for demonstrations, benchmarks and load tests. Every name is
// invented; no national ids are generated (a valid-looking one could belong to a real person).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kinbridge/cases.h"
#include "kinbridge/date.h"
#include "kinbridge/export.h"
#include "kinbridge/result.h"

KINBRIDGE_NAMESPACE_BEGIN

class Workspace;

// Whose cases the data resembles.
enum class SyntheticProfile {
  kVara,       // Swedish names, foster, kinship and residential care, LVU restrictions,
               // se.vara.contact plans
  kHuangshan,  // Chinese names, left-behind children living with grandparents, parents working
               // away, cn.huangshan.group plans
};

struct SyntheticOptions {
  std::uint64_t seed = 1;       // Default: 1. The same seed gives the same rows.
  std::int64_t children = 100;  // Default: 100
  SyntheticProfile profile = SyntheticProfile::kVara;
  int caseload = 40;         // children per social worker. Default: 40
  int workers_per_unit = 8;  // social workers per supervisor's unit. Default: 8
  int plans_percent = 90;    // share of children with an active contact plan. Default: 90
  // The cases are registered, and their plans approved, this many days before the workspace's
  // today, so that contact events and sessions have a history. Default: 28
  int history_days = 28;
  // Children, from the first, whose past contact events get an outcome logged by their workers
  // (one LogContacts batch per caseload); negative: every child. Default: every child
  std::int64_t logged_children = -1;
  int children_per_centre = 2000;  // one support centre per this many children. Default: 2000
  int enrolled_per_centre = 40;  // children enrolled in each centre's weekly activity. Default: 40
};

// What GenerateWorkspace made.
struct SyntheticSummary {
  std::int64_t workers = 0;
  std::int64_t children = 0, relations = 0, restrictions = 0, placements = 0, plans = 0;
  std::int64_t events_scheduled = 0, events_logged = 0;
  std::int64_t sites = 0, activities = 0, enrolments = 0, sessions_recorded = 0;
  std::int64_t attendance_marks = 0;
};

// The cases number `first` to `first + count - 1` of a generated workspace, as they are
// registered on `registered_on` (birth dates, placements and restrictions lie before it). Each
// case depends only on the seed, the profile and its number, not on how the cases are batched.
// No case has a plan or a responsible worker set; `plans_percent` is applied by
// GenerateWorkspace.
KINBRIDGE_API std::vector<NewCase> GenerateCases(const SyntheticOptions& options,
                                                 Date registered_on, std::int64_t first,
                                                 std::int64_t count);

// The OS account of generated social worker number `index` ("sw0001") and of the supervisor
// of unit `index` ("sup001"), so that callers can act as them (demo and test workspaces only).
KINBRIDGE_API std::string SyntheticWorkerAccount(std::int64_t index);
KINBRIDGE_API std::string SyntheticSupervisorAccount(std::int64_t index);

// Fills an empty demo or test workspace, acting through `admin` (an administrator) and, for
// what other roles do, through workspaces opened on the same file as the generated workers:
// supervisors, social workers and centre staff. Everything goes through the Workspace API
// (cases through RegisterCases and past contacts' outcomes through LogContacts, one transaction
// per caseload), so validation, access rules and audit hold. The method plugins of the profile
// must be installed. Refuses a production workspace.
KINBRIDGE_API Result<SyntheticSummary> GenerateWorkspace(Workspace& admin,
                                                         const SyntheticOptions& options);

KINBRIDGE_NAMESPACE_END
