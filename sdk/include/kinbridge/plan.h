// Contact plan: how a child keeps contact with the family network, drawn up with a method.
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

enum class PlanStatus { kDraft, kActive, kUnderReview, kEnded };
// "draft", "active", "under-review", "ended"
KINBRIDGE_API std::string_view PlanStatusName(PlanStatus status);

// The child's view (UNCRC art. 12): what the child said, when, and how it was obtained.
struct ChildView {
  std::string text;  // required
  Date recorded_on;  // not after today
  std::string how;   // "conversation", "in-writing", "representative", "observation"
};

// One line of a plan: contact with one relation of the child.
struct NewArrangement {
  std::int64_t relation_id = 0;
  std::string mode;        // "visit", "phone", "video", "letter", "message"
  std::string rrule;       // RFC 5545 without "RRULE:": "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA"
  Date first_day;          // the schedule starts on this day (not before the placement)
  std::string start_time;  // "10:00", in the municipality's time zone
  int duration_minutes = 60;
  std::string supervision;  // "supervised", "monitored", "unsupervised"
  std::string venue, transport, conditions;
};

struct PlanArrangement : NewArrangement {
  std::int64_t id = 0;
  std::string relation_name;
  std::string relation_kind;
};

struct ContactPlan {
  std::int64_t id = 0;
  std::string uuid;
  std::string child_case_reference;
  PlanStatus status = PlanStatus::kDraft;
  std::string purpose;
  std::optional<ChildView> child_view;
  std::optional<Date> review_date;  // set at approval from the method's review cadence
  std::string approved_by;          // account
  std::string approved_at;          // UTC timestamp
  // The method that produced the plan and its adaptation chain (id@version, newest first).
  std::string method_id, method_version;
  std::vector<std::string> method_chain;
  std::vector<PlanArrangement> arrangements;
  // What the method said at the last validation (warnings show; errors block).
  std::vector<MethodFinding> findings;
  std::optional<Date> ended_on;
  std::string end_reason;
  std::int64_t version = 1;
  std::string created_at, updated_at;
};

KINBRIDGE_NAMESPACE_END
