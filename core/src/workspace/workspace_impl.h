// The state behind a Workspace handle and the steps every operation shares: finding records,
// checking permission, hiding protected data and writing audit entries.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "access/permissions.h"
#include "audit/audit_log.h"
#include "common/clock.h"
#include "common/i18n.h"
#include "kinbridge/contact.h"
#include "kinbridge/plugin/method_info.h"
#include "kinbridge/workspace.h"
#include "storage/database.h"

namespace kinbridge::detail {
class ChildRepository;  // storage/child_repository.h
class MethodCatalog;    // workspace/methods.cpp: the loaded plugins and profiles
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

// Aggregated outcomes (workspace/outcomes.cpp; see docs/transfer.md).
// The days outcomes cover: `from`..`to` as given, by default the last four complete quarters and
// the current one up to `today`.
std::pair<Date, Date> OutcomeWindow(std::optional<Date> from, std::optional<Date> to, Date today);
// Leaves out every cell of fewer than kOutcomeMinChildren children, and where exactly one age
// band of an indicator and period is left out, also the smallest remaining band (or the "all"
// cell), so that no band can be recovered by subtraction.
std::vector<TransferOutcomeCell> SuppressSmallCells(std::vector<TransferOutcomeCell> cells);
// Ok when every cell has a known indicator, age band and quarter, at least kOutcomeMinChildren
// children, and appears once; InvalidArgument naming the first that does not.
Status CheckOutcomeCells(const std::vector<TransferOutcomeCell>& cells);

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

  // The worker with this OS account, or NotFound naming it.
  Result<Worker> FindWorker(std::string_view account);

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
  // writes yet) and returns it. While `deferred_denials` is set, the refusal is collected there
  // instead and `tx` stays open: an import refuses single rows inside its one transaction and
  // audits the refusals after that transaction has ended (workspace/exchange.cpp).
  Status Deny(detail::WriteTransaction& tx, Status refusal, const std::string& action,
              const std::string& entity_type, const std::string& entity,
              std::vector<long long> child_ids);

  struct DeferredDenial {
    std::string action, entity_type, entity;
    std::vector<long long> child_ids;
  };
  std::vector<DeferredDenial>* deferred_denials = nullptr;

  // The writes of AddChild, AddRelation, AddPlacement and EndPlacement inside the caller's
  // transaction, which commits: one command commits each alone, an import all of them at once.
  // Permission is checked (and a refusal recorded) as in those functions.
  Result<Child> InsertChild(detail::WriteTransaction& tx, const NewChild& in);
  Result<Relation> InsertRelation(detail::WriteTransaction& tx, std::string_view child_ref,
                                  const NewRelation& in);
  Result<Placement> InsertPlacement(detail::WriteTransaction& tx, std::string_view child_ref,
                                    const NewPlacement& in);
  Result<Placement> FinishPlacement(detail::WriteTransaction& tx, std::int64_t placement_id,
                                    Date end, std::string_view reason);

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

  // Activities (workspace/activities.cpp, workspace/sessions.cpp).
  //
  // The centre or school with this code, or NotFound naming it.
  Result<Site> FindSite(std::string_view code);
  // The method's adaptation chain (id@version, newest first) when `method_id` is available here,
  // else NotFound naming it (workspace/methods.cpp).
  Result<std::vector<std::string>> MethodChain(const std::string& method_id);
  // Authorize an operation on a site's activities with the scope SiteScope gave, recording a
  // refusal likewise.
  Status AllowAt(detail::WriteTransaction& tx, detail::Operation operation,
                 const detail::ChildScope& scope, const std::string& action,
                 const std::string& entity_type, const std::string& entity);
  // The acting worker's relation to a site and a leader: works_at_site when they work at the
  // site today, leads when they are `leader_id`.
  detail::ChildScope SiteScope(long long site_id, long long leader_id);
  // Whether the activity's method accepts the worker as a leader of its groups: the method's
  // group-planning CheckLeader with the worker's training in the method (or in a method of its
  // adaptation chain). Methods without group planning, and activities without a method, accept
  // everyone (an empty list). Errors are in the returned findings.
  Result<std::vector<MethodFinding>> CheckLeaderWithMethod(const std::string& method_id,
                                                           long long worker_id);
  // The method's group planning for these children, from pseudonymised snapshots ("C1"...,
  // with school and sibling keys): the proposal with members as case references.
  Result<GroupProposal> FormGroupsWithMethod(const std::string& method_id,
                                             const std::vector<Child>& children);
  // The method's group-size bounds: 1 to its integer parameter "group_size_max"; {0, 0} when not
  // declared or no method.
  std::pair<int, int> GroupSizeBounds(const std::string& method_id);
  // The method's (every version's) aggregated outcomes over [from, to], by quarter and age band,
  // small cells suppressed. Reads without checking permission: callers do.
  Result<std::vector<TransferOutcomeCell>> ComputeOutcomes(const std::string& method_id, Date from,
                                                           Date to);
  // Creates the sessions of an activity from `from` through `through`: one per group with its
  // schedule when the activity has groups, else one per occurrence of the activity's schedule.
  // Idempotent; returns how many were new.
  Result<long long> CreateSessions(long long activity_id, Date from, Date through);
  // Deletes the open (scheduled, never held) sessions from `from` on that came from a schedule:
  // of one group (group_id > 0), of the whole activity only (group_id 0), or all of the activity
  // (group_id < 0). Extra sessions added by hand stay (the overlap check still sees them).
  void DropOpenSessions(long long activity_id, long long group_id, Date from);
  // Sets the leader of the open sessions from `from` on (group_id as in DropOpenSessions).
  void SetSessionLeader(long long activity_id, long long group_id, long long leader_id, Date from);
  // Refuses (FailedPrecondition naming both sessions) a schedule whose occurrences from `from`
  // through `through` overlap an existing open or held session of the same group (or activity,
  // group_id 0) or of the same leader (leader_id != 0) in another group or activity.
  Status CheckNoOverlap(long long activity_id, long long group_id, long long leader_id,
                        const SessionSchedule& schedule, Date from, Date through);

  // When a plan of the child is next reviewed: `by_method`, or earlier if a restriction in force
  // is to be reconsidered before then (a plan should not outlive the decision it rests on).
  Date PlanReviewDate(long long child_id, Date by_method);

  // A secret-address restriction is in force for one of the child's relations.
  bool HasSecretAddress(std::int64_t child_id, Date today);
};

// Shared by the single and the bulk registration paths (workspace/children.cpp, plans.cpp).
//
// The worker who will be responsible for a new child, checked against who registers it.
Result<Worker> ResponsibleFor(Workspace::Impl& w, const NewChild& in);
// A checked new child's record, open, with case number `number` of `today`'s year; no uuid
// or id yet.
Child NewChildRecord(const Workspace::Impl& w, const NewChild& in,
                     const std::optional<NationalId>& national_id, long long number, Date today,
                     const std::string& now);
// Inserts a checked new child with a new uuid and the next case reference of `today`'s year.
Child InsertNewChild(Workspace::Impl& w, detail::ChildRepository& children, const NewChild& in,
                     const std::optional<NationalId>& national_id, Date today,
                     const std::string& now);
// The core's own rules for an arrangement of the child's plan, whatever the method says.
Status CheckArrangement(Workspace::Impl& w, const Child& child, const NewArrangement& a);
// What a loaded method (plugin or profile) says about itself with its texts in every language
// it carries, for a transfer package read in another municipality's language
// (workspace/methods.cpp). The caller checks access.
Result<plugin::MethodInfo> MethodTexts(Workspace::Impl& w, std::string_view method_id);

KINBRIDGE_NAMESPACE_END
