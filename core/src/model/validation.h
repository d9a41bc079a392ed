// The model's rules: what makes a municipality, child, relation, restriction or placement
// acceptable. Each check returns InvalidArgument (or Conflict for overlaps) naming the record,
// the value and what was expected.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kinbridge/child.h"
#include "kinbridge/municipality.h"
#include "kinbridge/placement.h"
#include "kinbridge/relation.h"
#include "kinbridge/restriction.h"

namespace kinbridge::detail {

inline constexpr std::size_t kMaxTextLength = 500;

// `what` names the field in the user's language. Refuses invalid UTF-8, control characters,
// text over kMaxTextLength bytes, and (when required) text that is empty or only spaces.
Status CheckText(std::string_view what, std::string_view value, bool required);

Status CheckMunicipality(const Municipality& m);

// The validated national id of a child (when one is given), its birth date agreeing with
// `birth_date`. `record` names the child in messages ("child VAR-2026-0001" or "new child").
Result<std::optional<NationalId>> CheckChild(const std::string& record, const std::string& name,
                                             Date birth_date,
                                             const std::optional<std::string>& national_id,
                                             std::optional<NationalIdScheme> scheme,
                                             const std::vector<std::string>& languages,
                                             const std::string& school, Date today);

// Children are registered before they turn 25 (aftercare reaches young adults); once
// registered, a case stays editable whatever the age.
inline constexpr int kMaxAgeAtRegistration = 25;
Status CheckAgeAtRegistration(Date birth_date, Date today);

Status CheckRelation(const Child& child, const NewRelation& relation, Date today);

// Returns the review date: the given one, or valid_from + 3 months. For Swedish municipalities
// (country "SE") the review date may not lie more than three months after valid_from (LVU 14 §).
Result<Date> CheckRestriction(const Relation& relation, const NewRestriction& restriction,
                              const std::string& country);

// `existing`: the child's other placements, checked for overlap.
Status CheckPlacement(const Child& child, const NewPlacement& placement,
                      const std::vector<Placement>& existing);

}  // namespace kinbridge::detail
