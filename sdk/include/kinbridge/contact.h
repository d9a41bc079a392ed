// Contact events: the occurrences of an approved plan's arrangements, what happened at each,
// the due lists built from them, and plan reviews.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kinbridge/date.h"
#include "kinbridge/export.h"
#include "kinbridge/methods.h"
#include "kinbridge/result.h"

KINBRIDGE_NAMESPACE_BEGIN

// How far ahead approval and `contact schedule` create events by default, in days.
inline constexpr int kDefaultScheduleDays = 90;

// What happened at a contact.
enum class ContactOutcome {
  kHeld,
  kHeldLate,
  kEndedEarly,
  kCancelledByParent,  // by the relation
  kCancelledByChild,
  kCancelledByCarer,    // the foster home, residential home or relatives caring for the child
  kCancelledByService,  // the social services
  kNoShow,              // the relation did not come
};
// "held", "held-late", "ended-early", "cancelled-by-parent", "cancelled-by-child",
// "cancelled-by-carer", "cancelled-by-service", "no-show"
KINBRIDGE_API std::string_view ContactOutcomeName(ContactOutcome outcome);
KINBRIDGE_API Result<ContactOutcome> ParseContactOutcome(std::string_view text);
// Held, held late or ended early: the contact took place.
KINBRIDGE_API bool ContactTookPlace(ContactOutcome outcome);

enum class EventStatus {
  kScheduled,  // no outcome yet
  kLogged,     // an outcome is recorded
  kCancelled,  // cancelled by the core: the plan ended, the arrangement was removed, or a
               // restriction decided later forbids it
};
// "scheduled", "logged", "cancelled"
KINBRIDGE_API std::string_view EventStatusName(EventStatus status);

// One occurrence of an arrangement. Times: local (the municipality's time zone) and UTC.
struct ContactEvent {
  std::int64_t id = 0;
  std::int64_t plan_id = 0;
  std::int64_t arrangement_id = 0;  // 0 when the arrangement was removed since
  std::string child_case_reference;
  std::string child_name;  // empty when the acting worker may not see it
  std::int64_t relation_id = 0;
  std::string relation_name, relation_kind;
  std::string mode, supervision, venue;
  Date local_day;
  std::string local_start;  // "HH:MM", as it actually falls (a DST gap moves it)
  std::string starts_utc, ends_utc;
  std::string responsible;  // the responsible worker's account
  EventStatus status = EventStatus::kScheduled;
  std::optional<ContactOutcome> outcome;
  bool replacement_offered = false;
  std::string attended;  // who attended, as written
  std::string notes;
  std::string child_reaction;
  std::string logged_by, logged_at;
  std::string cancel_reason;
};

// What a worker records after a contact.
struct ContactReport {
  ContactOutcome outcome = ContactOutcome::kHeld;
  bool replacement_offered = false;
  std::string attended, notes, child_reaction;
  // Replace an outcome recorded earlier (the change is audited).
  bool amend = false;
};

// One outcome of a batch (Workspace::LogContacts).
struct ContactLog {
  std::int64_t event_id = 0;
  ContactReport report;
};

// What a batch of outcomes recorded.
struct ContactLogResult {
  std::int64_t logged = 0;    // events that had no outcome yet
  std::int64_t amended = 0;   // outcomes replaced (report.amend)
  std::int64_t children = 0;  // children whose events these were
};

// Which events to list.
struct ContactQuery {
  enum class Scope {
    kMine,     // the acting worker's caseload
    kWorker,   // `worker`'s caseload (the worker themself, a supervisor of their unit, or an
               // administrator with a stated purpose)
    kVisible,  // every child the acting worker may read: a supervisor's unit, an
               // administrator's whole municipality
  };
  Scope scope = Scope::kMine;
  std::string worker;            // account, for kWorker
  std::string child;             // case reference or uuid: that child's events only (scope ignored)
  std::optional<Date> from, to;  // local days, inclusive; empty: unbounded
  bool open_only = false;        // only events still waiting for an outcome
};

struct ScheduleResult {
  Date through;               // events exist up to this day for every active plan in scope
  std::int64_t plans = 0;     // active plans looked at
  std::int64_t created = 0;   // new events
  std::int64_t withheld = 0;  // occurrences not scheduled because a restriction forbids them
};

// Adherence of one arrangement kind over a review period.
struct ReviewAdherence {
  std::int64_t relation_id = 0;
  std::string relation_name, mode;
  int planned = 0, held = 0, cancelled = 0, no_show = 0, open = 0;
  double ratio = 0;  // held / planned, as the method computed it
};

struct ReviewComponent {
  std::string component;
  bool met = false;
  std::string note;
};

// A review of a plan by its method's follow-up capability.
struct PlanReview {
  std::int64_t id = 0;
  std::int64_t plan_id = 0;
  Date reviewed_on;
  Date period_from, period_to;
  std::string method_id, method_version;
  std::vector<ReviewAdherence> adherence;
  std::vector<ReviewComponent> fidelity;
  std::vector<MethodFinding> findings;
  Date next_review;
  bool revise = false;  // the plan was put under review for changes
  std::string reviewed_by, created_at;
};

KINBRIDGE_NAMESPACE_END
