// Pseudonymised case snapshots: what a method may see of a child's case.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "kinbridge/child.h"
#include "kinbridge/placement.h"
#include "kinbridge/plugin/snapshot.h"
#include "kinbridge/relation.h"
#include "kinbridge/restriction.h"

namespace kinbridge::detail {

struct SnapshotWithKeys {
  plugin::CaseSnapshot snapshot;
  std::map<std::string, std::int64_t> relation_ids;  // "R1" -> relation id, for the answer
};

// Builds the snapshot from the case as stored. Names, national ids, addresses, notes, decision
// references and reasons are never copied into it; only ages, kinds, flags and counts.
SnapshotWithKeys MakeSnapshot(const Child& child, const std::vector<Relation>& relations,
                              const std::vector<Restriction>& restrictions,
                              const std::vector<Placement>& placements, const std::string& country,
                              Date today);

}  // namespace kinbridge::detail
