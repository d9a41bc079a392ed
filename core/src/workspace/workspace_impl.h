// The state behind a Workspace handle and the steps every operation shares: finding records,
// checking permission, hiding protected data and writing audit entries.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "access/permissions.h"
#include "audit/audit_log.h"
#include "common/clock.h"
#include "common/i18n.h"
#include "kinbridge/contact.h"
#include "kinbridge/workspace.h"
#include "storage/database.h"

namespace kinbridge::detail {
class MethodCatalog;  // workspace/methods.cpp: the loaded plugins and profiles
}  // namespace kinbridge::detail

KINBRIDGE_NAMESPACE_BEGIN

// What a plan delivered over a review period, per relation and mode (ratio unused).
struct Delivery {
  Date from, to;
  std::vector<ReviewAdherence> lines;
  bool child_view_recorded = false;
  bool restriction_breached = false;
};

// A method's review of a delivery, with relations named by id.
struct MethodReview {
  std::map<std::pair<std::int64_t, std::string>, double> adherence;  // (relation, mode) -> ratio
  std::vector<ReviewComponent> fidelity;
  std::vector<MethodFinding> findings;
  int next_review_months = 3;
};

class Workspace::Impl {
 public:
  std::unique_ptr<detail::Database> db;
  Municipality municipality;
  WorkspaceMode mode = WorkspaceMode::kProduction;
  WorkspaceOptions options;
  int schema_version = 0;
  detail::Actor actor;
  // Loaded on first use of a method; shared so that methods handed out outlive nothing.
  std::shared_ptr<detail::MethodCatalog> catalog;

  std::string Now() const { return options.now_utc ? *options.now_utc : detail::UtcNow(); }
  Date Today() const {
    return options.today ? *options.today : detail::TodayIn(municipality.time_zone);
  }
  Status CheckOptions() const;

  // The child named by `ref` (case reference or uuid), or NotFound naming it.
  Result<Child> FindChild(std::string_view ref);
  // Like FindChild, and refuses a closed child: FailedPrecondition naming `operation`.
  Result<Child> FindOpenChild(std::string_view ref, const char* operation);

  // The contact plan, or NotFound naming it.
  Result<ContactPlan> FindPlan(std::int64_t plan_id);

  detail::ChildScope ScopeOf(std::int64_t child_id);
  // Authorize for one child; on refusal records an "access.denied" entry (committing `tx`,
  // which must not hold other writes yet) and returns the refusal.
  Status Allow(detail::WriteTransaction& tx, detail::Operation operation, const Child& child,
               const std::string& action);
  // Authorize an operation on no particular child, recording a refusal likewise.
  Status Allow(detail::WriteTransaction& tx, detail::Operation operation, const std::string& action,
               const std::string& entity_type, const std::string& entity);

  // Records a refusal as an "access.denied" entry (committing `tx`, which must not hold other
  // writes yet) and returns it.
  Status Deny(detail::WriteTransaction& tx, Status refusal, const std::string& action,
              const std::string& entity_type, const std::string& entity,
              std::vector<long long> child_ids);

  // Appends an audit entry for the acting worker inside the open transaction. `details` is
  // stored as given and hashed: write it in English, never translated, so the log reads the
  // same whoever wrote it.
  void Audit(const std::string& action, const std::string& entity_type, const std::string& entity,
             std::vector<long long> child_ids, const std::string& details = {});

  // Protected parts emptied for an actor not responsible for the child.
  static Child Visible(Child child, const detail::ChildScope& scope);
  Placement Visible(Placement placement, const detail::ChildScope& scope, Date today);
  // Methods (workspace/methods.cpp); neither checks permission nor audits.
  // What `method_id` (an id, or id@version) proposes for the child, with the core's safety
  // checks applied.
  Result<ContactPlanProposal> ProposeFor(const Child& child, std::string_view method_id);
  // The method's findings on a plan's arrangements; `review_months` receives the method's review
  // cadence for the child.
  Result<std::vector<MethodFinding>> ValidateWithMethod(const Child& child,
                                                        const std::string& method_versioned,
                                                        const std::vector<PlanArrangement>& plan,
                                                        bool child_view_recorded, bool for_approval,
                                                        int* review_months);

  // The method's follow-up review of what a plan delivered; FailedPrecondition when the method
  // has no follow-up capability.
  Result<MethodReview> ReviewWithMethod(const Child& child, const std::string& method_versioned,
                                        const Delivery& delivered);
  // Schedules the occurrences of active plans' arrangements (of `child_id`, or of the children
  // in `children`, or of all when both are empty) from today through `through` (workspace/
  // contacts.cpp); neither checks permission nor audits.
  Result<ScheduleResult> Schedule(long long child_id, const std::vector<long long>* children,
                                  Date through, std::vector<long long>* scheduled_children);
  // After a restriction is decided: puts the affected active plans under review and cancels the
  // open events it forbids; audits both.
  // Fills in the restriction's plans_put_under_review and events_cancelled.
  void ApplyRestriction(Restriction& restriction);

  // A secret-address restriction is in force for one of the child's relations.
  bool HasSecretAddress(std::int64_t child_id, Date today);
};

KINBRIDGE_NAMESPACE_END
