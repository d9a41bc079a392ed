// The audit trail: who read or changed which child's data, when and why. Entries form a hash
// chain (SHA-256), so that an edited, deleted, reordered or truncated entry is detected.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kinbridge/date.h"
#include "kinbridge/export.h"

KINBRIDGE_NAMESPACE_BEGIN

struct AuditEntry {
  std::int64_t sequence = 0;  // 1, 2, 3, ... without gaps
  std::string at;             // UTC timestamp
  std::string worker_account;
  std::string action;                 // "child.show", "placement.add", "access.denied", ...
  std::string entity_type;            // "child", "relation", "worker", ...
  std::string entity;                 // its reference: "VAR-2026-0001", "relation 4", "anna"
  std::vector<std::string> children;  // case references of the children whose data was touched
  std::string purpose;                // the stated purpose, when one was given
  std::string details;
  std::string previous_hash;  // hex; 64 zeros for the first entry
  std::string hash;           // hex SHA-256 over the fields above and previous_hash
};

// Which entries `audit log` shows. Every field narrows the selection.
struct AuditQuery {
  std::optional<std::string> child;           // case reference or uuid
  std::optional<std::string> worker_account;  // who acted
  std::optional<Date> from;                   // on or after this day (UTC)
  std::optional<Date> to;                     // on or before this day (UTC)
};

struct AuditVerification {
  bool intact = true;
  std::int64_t entries = 0;               // entries checked
  std::optional<std::int64_t> first_bad;  // sequence of the first entry that fails
  std::string problem;                    // what is wrong with it, in the user's language
  std::string head_hash;                  // the hash of the last entry, to note elsewhere
};

KINBRIDGE_NAMESPACE_END
