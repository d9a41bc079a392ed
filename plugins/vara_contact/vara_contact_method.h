// Vara's contact-maintenance method (se.vara.contact): individual contact plans for children in
// foster and kinship care — arrangements with each parent, sibling and the wider network,
// restriction-aware, the child's view recorded at every review. The logic lives here so that
// tests and benchmarks can call it directly; plugin.cpp only registers it.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "kinbridge/plugin/method.h"

namespace kinbridge::methods {

inline constexpr char kVaraContactId[] = "se.vara.contact";
inline constexpr char kVaraContactVersion[] = "1.0.0";

// The method, with the ContactPlanning and FollowUp capabilities. Immutable; thread-safe.
// Parameters missing from a MethodContext fall back to their declared defaults, and every value
// is clamped to its declared bounds.
//
// Decisions the manual leaves open, as implemented:
// - A relation that is a caregiver (lives with the child) gets no arrangement, only an info
//   finding; so does a relation the child is not in contact with.
// - Children under `young_child_age_years` get weekly, shorter parent visits and no video calls.
// - Validation compares a parent's planned contacts per month, summed over all that parent's
//   arrangements, with `min_contacts_per_month_parent`; a parent in contact without any
//   arrangement counts as zero. The child's view is the plan's (PlanDraft::child_view_recorded).
// - Follow-up: adherence keys are "<relation key>:<mode>" ("R1:visit"). "parent-contact" is met
//   when every parent without a no-contact restriction (and not a caregiver) had planned contact
//   and each of their arrangements reached `min_adherence` (default 0.5); "sibling-contact" the
//   same for siblings (met when there are none). Arrangements below `min_adherence` give a
//   `low-adherence` warning.
std::shared_ptr<plugin::Method> MakeVaraContactMethod();

// Contacts a month of an RFC 5545 RRULE, read from FREQ (DAILY, WEEKLY, MONTHLY), INTERVAL and,
// for WEEKLY, the number of BYDAY days; other parts are ignored. std::nullopt when FREQ is missing
// or another frequency, or INTERVAL is not a positive integer. Not a recurrence engine.
std::optional<double> ContactsPerMonth(const std::string& rrule);

}  // namespace kinbridge::methods
