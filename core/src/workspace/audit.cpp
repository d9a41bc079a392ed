// Reading and verifying the audit trail.
#include "storage/child_repository.h"
#include "workspace/workspace_impl.h"

KINBRIDGE_NAMESPACE_BEGIN

using detail::AuditLog;
using detail::DatabaseError;
using detail::Operation;
using detail::WriteTransaction;

Status Workspace::ForEachAuditEntry(const AuditQuery& query,
                                    const Visitor<AuditEntry>& visit) const {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    KINBRIDGE_RETURN_IF_ERROR(w.Allow(tx, Operation::kReadAudit, "audit.log", "audit", ""));
    long long child_id = 0;
    std::vector<long long> subjects;
    if (query.child) {
      Result<Child> child = w.FindChild(*query.child);
      if (!child.ok()) return child.status();
      child_id = child->id;
      subjects.push_back(child_id);
    }
    if (query.from && query.to && *query.to < *query.from) {
      return Status::InvalidArgument(TrFormat("audit period: to {} is before from {}",
                                              query.to->ToString(), query.from->ToString()));
    }
    AuditLog(*w.db).ForEach(query, child_id, visit);
    std::string details;
    if (query.worker_account) details += "worker=" + *query.worker_account + " ";
    if (query.from) details += "from=" + query.from->ToString() + " ";
    if (query.to) details += "to=" + query.to->ToString();
    w.Audit("audit.log", "audit", query.child.value_or(""), subjects, details);
    tx.Commit();
    return Status::Ok();
  } catch (const std::exception& e) {
    return DatabaseError(e, _("reading the audit log"));
  }
}

Result<AuditVerification> Workspace::VerifyAudit() const {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    KINBRIDGE_RETURN_IF_ERROR(w.Allow(tx, Operation::kReadAudit, "audit.verify", "audit", ""));
    AuditVerification result = AuditLog(*w.db).Verify();
    // A damaged trail gets no new entry: the evidence stays exactly as it was found.
    if (result.intact) {
      w.Audit("audit.verify", "audit", "", {}, fmt::format("{} entries intact", result.entries));
      tx.Commit();
    }
    return result;
  } catch (const std::exception& e) {
    return DatabaseError(e, _("verifying the audit log"));
  }
}

KINBRIDGE_NAMESPACE_END
