// What a method can do. A method implements any of these; the host asks for each.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "kinbridge/plugin/abi.h"
#include "kinbridge/plugin/method_info.h"
#include "kinbridge/plugin/snapshot.h"
#include "kinbridge/plugin/text.h"

namespace kinbridge::plugin {

class HostServices;

// What every capability call receives besides its input.
struct MethodContext {
  std::string today;           // "YYYY-MM-DD", the host's (possibly fixed) date
  std::string language;        // the user's language, for texts: "sv", "zh_CN", "en"
  ParameterValues parameters;  // every declared parameter: default, or a profile's value
  HostServices* host = nullptr;

  std::int64_t Integer(const std::string& name) const {
    auto it = parameters.find(name);
    return it != parameters.end() && std::holds_alternative<std::int64_t>(it->second)
               ? std::get<std::int64_t>(it->second)
               : 0;
  }
  double Number(const std::string& name) const {
    auto it = parameters.find(name);
    if (it == parameters.end()) return 0;
    if (std::holds_alternative<double>(it->second)) return std::get<double>(it->second);
    if (std::holds_alternative<std::int64_t>(it->second)) {
      return static_cast<double>(std::get<std::int64_t>(it->second));
    }
    return 0;
  }
  bool Flag(const std::string& name) const {
    auto it = parameters.find(name);
    return it != parameters.end() && std::holds_alternative<bool>(it->second) &&
           std::get<bool>(it->second);
  }
  std::string Text(const std::string& name) const {
    auto it = parameters.find(name);
    return it != parameters.end() && std::holds_alternative<std::string>(it->second)
               ? std::get<std::string>(it->second)
               : std::string();
  }
};

enum class Severity { kError, kWarning, kInfo };

// A finding of a method about a plan, a group or a review.
struct Finding {
  Severity severity = Severity::kInfo;
  std::string code;       // stable: "restricted-relation", "below-minimum-frequency"...
  std::string component;  // the core component concerned, if any
  std::string subject;    // the relation key or arrangement index it is about, if any
  LocalizedText message;
};

// One line of a contact plan.
struct Arrangement {
  std::string relation_key;  // "R1"
  std::string mode;          // "visit", "phone", "video", "letter", "message"
  std::string rrule;         // RFC 5545 RRULE: "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA"
  std::string start_time;    // local clock time of the occurrences: "10:00"
  int duration_minutes = 60;
  std::string supervision;  // "supervised", "monitored", "unsupervised"
  std::string venue;        // "family centre", "support centre", "foster home", "online"
  LocalizedText rationale;  // why the method proposes it
};

struct ContactProposal {
  std::vector<Arrangement> arrangements;
  int review_after_months = 3;
  std::vector<Finding> findings;  // notes for the worker
};

// A plan as the worker has drawn it up, to be validated.
struct PlanDraft {
  std::vector<Arrangement> arrangements;
  bool child_view_recorded = false;
  bool for_approval = false;  // validation at approval may require more
};

struct Validation {
  std::vector<Finding> findings;
  bool HasErrors() const {
    for (const auto& f : findings) {
      if (f.severity == Severity::kError) return true;
    }
    return false;
  }
};

class KINBRIDGE_PLUGIN_API ContactPlanning {
 public:
  virtual ~ContactPlanning() = default;
  virtual ContactProposal Propose(const CaseSnapshot& child, const MethodContext& ctx) const = 0;
  virtual Validation Validate(const PlanDraft& plan, const CaseSnapshot& child,
                              const MethodContext& ctx) const = 0;
};

// What was delivered in a period, per arrangement, for a review.
struct DeliveredArrangement {
  std::string relation_key;
  std::string mode;
  int planned = 0;
  int held = 0;  // held, held late or ended early
  int cancelled = 0;
  int no_show = 0;
};

struct DeliveryRecord {
  std::string from;  // "YYYY-MM-DD"
  std::string to;
  std::vector<DeliveredArrangement> arrangements;
  bool child_view_recorded = false;
  bool restriction_breached = false;  // a contact was held against a restriction in force
};

struct ComponentResult {
  std::string component;
  bool met = false;
  LocalizedText note;
};

struct FollowUpReport {
  std::map<std::string, double> adherence;  // relation key + mode -> held / planned (0..1)
  std::vector<ComponentResult> fidelity;
  int next_review_months = 3;
  std::vector<Finding> findings;
};

class KINBRIDGE_PLUGIN_API FollowUp {
 public:
  virtual ~FollowUp() = default;
  // Months until the next review of a plan for this child.
  virtual int ReviewCadenceMonths(const CaseSnapshot& child, const MethodContext& ctx) const = 0;
  virtual FollowUpReport Review(const DeliveryRecord& delivered, const CaseSnapshot& child,
                                const MethodContext& ctx) const = 0;
};

struct GroupProposal {
  struct Group {
    std::string label;                 // "8–10 (1)"
    std::vector<std::string> members;  // snapshot keys
  };
  std::vector<Group> groups;
  std::vector<Arrangement> sessions;  // proposed sessions per group (relation_key unused)
  std::vector<Finding> findings;
};

// A group leader as the method sees them.
struct LeaderSnapshot {
  std::string key;
  std::string role;  // "teacher", "centre-staff", "social-worker"
  bool trained_in_method = false;
  std::string trained_on;  // "YYYY-MM-DD" or ""
};

class KINBRIDGE_PLUGIN_API GroupPlanning {
 public:
  virtual ~GroupPlanning() = default;
  virtual GroupProposal FormGroups(const std::vector<CaseSnapshot>& children,
                                   const MethodContext& ctx) const = 0;
  // Whether this leader may lead the method's group sessions.
  virtual Validation CheckLeader(const LeaderSnapshot& leader, const MethodContext& ctx) const = 0;
};

struct ChecklistItem {
  std::string id;
  LocalizedText question;
  bool required = true;
};

struct AssessmentDecision {
  std::string decision;  // method-specific: "proceed", "proceed-with-conditions", "stop"
  LocalizedText explanation;
  std::vector<Finding> findings;
};

class KINBRIDGE_PLUGIN_API Assessment {
 public:
  virtual ~Assessment() = default;
  virtual std::vector<ChecklistItem> Checklist(const MethodContext& ctx) const = 0;
  // answers: item id -> "yes", "no", "unknown"
  virtual AssessmentDecision Decide(const std::map<std::string, std::string>& answers,
                                    const MethodContext& ctx) const = 0;
};

}  // namespace kinbridge::plugin
