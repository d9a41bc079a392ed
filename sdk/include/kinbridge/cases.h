// Registering many cases at once: children with their family network, restrictions,
// placements and, optionally, a contact plan drawn up by a method — the way a municipality moves
// its cases in, and the way generated workspaces are filled.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kinbridge/child.h"
#include "kinbridge/export.h"
#include "kinbridge/placement.h"
#include "kinbridge/plan.h"
#include "kinbridge/relation.h"
#include "kinbridge/restriction.h"

KINBRIDGE_NAMESPACE_BEGIN

// A restriction on one of the case's own relations.
struct NewCaseRestriction {
  std::size_t relation = 0;  // index into NewCase::relations
  NewRestriction restriction;
};

// A contact plan drawn up by the method's proposal (as ProposePlan does), with the child's view
// recorded, and approved at once: the method validates it for approval, and its events are
// scheduled for the next kDefaultScheduleDays days.
struct NewCasePlan {
  std::string method_id;  // an id or id@version available in the workspace
  std::string purpose;
  ChildView child_view;
};

struct NewCase {
  NewChild child;
  std::vector<NewRelation> relations;
  std::vector<NewCaseRestriction> restrictions;
  std::vector<NewPlacement> placements;  // may not overlap one another
  std::optional<NewCasePlan> plan;
};

// What a registration wrote.
struct CaseRegistration {
  std::vector<std::string> case_references;  // in the order of the cases given
  std::int64_t relations = 0;
  std::int64_t restrictions = 0;
  std::int64_t placements = 0;
  std::int64_t plans = 0;
  std::int64_t events_scheduled = 0;
};

// A child's case as one read shows it (Workspace::GetCase): the child, its family network,
// every restriction (lifted and ended ones too) and every placement, with protected parts
// emptied as GetChild and ForEachPlacement empty them.
struct ChildCase {
  Child child;
  std::vector<Relation> relations;        // by id
  std::vector<Restriction> restrictions;  // by id
  std::vector<Placement> placements;      // by start date
};

KINBRIDGE_NAMESPACE_END
