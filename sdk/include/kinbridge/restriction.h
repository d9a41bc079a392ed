// Contact restriction: a decision that limits contact between the child and a relation.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kinbridge/date.h"
#include "kinbridge/export.h"
#include "kinbridge/result.h"

KINBRIDGE_NAMESPACE_BEGIN

enum class RestrictionKind {
  kSupervisedOnly,  // contact only in the presence of a contact person
  kNoContact,       // no contact at all
  kSecretAddress,   // the placement address is kept secret from this relation (LVU 14 § 2)
};
// "supervised-only", "no-contact", "secret-address"
KINBRIDGE_API std::string_view RestrictionKindName(RestrictionKind kind);
KINBRIDGE_API Result<RestrictionKind> ParseRestrictionKind(std::string_view text);

// In Swedish municipalities a restriction must be reconsidered at least every three months
// (LVU 14 §); the review date is checked against that.
inline constexpr int kSwedishRestrictionReviewMonths = 3;

struct NewRestriction {
  RestrictionKind kind = RestrictionKind::kSupervisedOnly;
  std::string decision_reference;  // required: the decision this rests on
  std::string reason;              // required
  Date valid_from;
  std::optional<Date> valid_to;     // empty: until lifted
  std::optional<Date> review_date;  // Default: valid_from + 3 months
};

struct Restriction {
  std::int64_t id = 0;
  std::string uuid;
  std::int64_t relation_id = 0;
  std::int64_t child_id = 0;
  std::string child_case_reference;
  std::string relation_person_name;
  RestrictionKind kind = RestrictionKind::kSupervisedOnly;
  std::string decision_reference;
  std::string reason;
  Date valid_from;
  std::optional<Date> valid_to;
  Date review_date;
  std::optional<Date> lifted_on;
  std::string lift_reason;
  std::string created_at;
  // What adding it did (filled in by AddRestriction only): the active contact plans it put
  // under review and the scheduled contact events it cancelled.
  std::vector<std::int64_t> plans_put_under_review;
  std::int64_t events_cancelled = 0;

  // In force on `day`: started, not past valid_to, not lifted on or before that day.
  bool InForceOn(Date day) const {
    return valid_from <= day && (!valid_to || day <= *valid_to) && (!lifted_on || day < *lifted_on);
  }
};

struct RestrictionQuery {
  std::optional<std::string> child;  // case reference or uuid; empty: all children
  bool include_ended = false;        // lifted or expired restrictions too
};

KINBRIDGE_NAMESPACE_END
