// Working methods as the SDK shows them: installed plugins, methods and their adaptations,
// and what a method proposes for a child. The plugin API itself is in kinbridge/plugin/.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kinbridge/export.h"

KINBRIDGE_NAMESPACE_BEGIN

// One plugin file the workspace knows of or found in its plugin directories.
struct PluginStatus {
  std::string file;  // absolute path
  std::string name, version, license, origin;
  // "loaded", "failed-to-open", "missing-export", "incompatible", "init-failed",
  // "duplicate-method", "base-missing", "base-out-of-range", "adaptation-cycle",
  // "adaptation-failed", "refused"; "profile-unavailable" for a stored profile whose base is
  // not available (then `file` is empty and name/version are the profile's method)
  std::string outcome;
  std::string message;           // why it did not load
  std::string sha256;            // of the file as it is now ("" when missing)
  bool installed = false;        // recorded in this workspace by `method install`
  std::string installed_sha256;  // the hash that was approved
  std::string installed_by, installed_at;
  std::vector<std::string> methods;  // "se.vara.contact@1.0.0"
};

struct MethodParameterInfo {
  std::string name;
  std::string type;      // "integer", "number", "boolean", "text"
  std::string value;     // the value in effect (default, or the profile's)
  std::string min, max;  // "" when unbounded
  std::string description;
};

struct MethodComponentInfo {
  std::string id;
  std::string title;
  std::string fidelity;  // "essential", "necessary", "acceptable", "proscribed"
};

// A FRAME record of an adaptation, with texts in the user's language.
struct FrameChange {
  std::string when, decided_by, what, level, nature, component, goal, reason, description;
  bool planned = true;
  bool fidelity_consistent = true;
};

struct MethodDescription {
  std::string id, version;
  std::string title, description;  // in the user's language
  std::string origin, kind;
  std::vector<std::string> capabilities;  // "contact-planning", "group-planning", ...
  std::vector<MethodParameterInfo> parameters;
  std::vector<MethodComponentInfo> components;
  std::string base_id, base_range;  // adaptations only
  std::vector<FrameChange> frame;
  // id@version from this method down to the original.
  std::vector<std::string> chain;
  std::string source;  // "plugin" or "profile"
  std::string plugin_name, plugin_version, plugin_file;
};

struct ProposedArrangement {
  std::int64_t relation_id = 0;
  std::string relation_name;  // empty when the acting worker may not see it
  std::string relation_kind;
  std::string mode, rrule, start_time;
  int duration_minutes = 0;
  std::string supervision, venue;
  std::string rationale;
};

struct MethodFinding {
  std::string severity;  // "error", "warning", "info"
  std::string code, component, subject, message;
};

// What a method proposes for a child, and which method (and adaptation chain) produced it.
struct ContactPlanProposal {
  std::string child_case_reference;
  std::string method_id, method_version;
  std::vector<std::string> chain;
  std::vector<ProposedArrangement> arrangements;
  int review_after_months = 0;
  std::vector<MethodFinding> findings;
};

KINBRIDGE_NAMESPACE_END
