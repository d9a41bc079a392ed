// The audit trail's storage: appending entries to the hash chain, reading them back and
// verifying the chain. Appends happen inside the caller's write transaction, so an entry and
// the write it records commit together or not at all.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kinbridge/audit.h"
#include "kinbridge/workspace.h"
#include "storage/database.h"

namespace kinbridge::detail {

struct NewAuditEntry {
  std::string at;
  long long worker_id = 0;
  std::string account;
  std::string action;
  std::string entity_type;
  std::string entity;
  std::vector<long long> child_ids;  // the children whose data was read or written
  std::string purpose;
  std::string details;
};

// Methods throw on database errors; callers turn them into a Status (DatabaseError).
class AuditLog {
 public:
  explicit AuditLog(Database& db) : db_(db) {}

  // Precondition: a WriteTransaction is open on the database.
  void Append(const NewAuditEntry& entry);

  // child_id 0: any child. Ordered by sequence.
  void ForEach(const AuditQuery& query, long long child_id, const Visitor<AuditEntry>& visit);

  AuditVerification Verify();

  // The hex SHA-256 that chains an entry: over its fields, its children and the previous hash.
  static std::string Hash(long long sequence, const NewAuditEntry& entry,
                          const std::string& previous_hash);

 private:
  Database& db_;
};

}  // namespace kinbridge::detail
