// Relation: a person in the child's family network.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kinbridge/date.h"
#include "kinbridge/export.h"
#include "kinbridge/result.h"

KINBRIDGE_NAMESPACE_BEGIN

enum class RelationKind { kMother, kFather, kSibling, kGrandparent, kOther };
// "mother", "father", "sibling", "grandparent", "other"
KINBRIDGE_API std::string_view RelationKindName(RelationKind kind);
KINBRIDGE_API Result<RelationKind> ParseRelationKind(std::string_view text);

struct NewRelation {
  std::string person_name;  // required
  RelationKind kind = RelationKind::kOther;
  std::string description;  // e.g. "maternal grandmother", "mentor"; optional
  std::optional<Date> birth_date;
  bool caregiver = false;  // cares for the child day to day
  bool in_contact = true;  // the child is in contact with this person
  // A sibling who is also a registered child here: their case reference or uuid. Lets group
  // planning keep siblings together.
  std::string registered_child;
};

struct Relation {
  std::int64_t id = 0;
  std::string uuid;
  std::int64_t child_id = 0;
  std::string child_case_reference;
  std::string person_name;
  RelationKind kind = RelationKind::kOther;
  std::string description;
  std::optional<Date> birth_date;
  bool caregiver = false;
  bool in_contact = true;
  std::string registered_child_case_reference;  // empty: not a registered child
  std::string created_at;
};

KINBRIDGE_NAMESPACE_END
