// Contact plans: drawn up with a method, checked by the core and the method at every change,
// approved, ended.
#include <algorithm>
#include <set>

#include "common/uuid.h"
#include "model/validation.h"
#include "schedule/recurrence.h"
#include "storage/contact_repository.h"
#include "storage/placement_repository.h"
#include "storage/plan_repository.h"
#include "storage/relation_repository.h"
#include "storage/restriction_repository.h"
#include "workspace/workspace_impl.h"

KINBRIDGE_NAMESPACE_BEGIN

using detail::DatabaseError;
using detail::Operation;
using detail::PlanRepository;
using detail::WriteTransaction;

namespace {

const std::set<std::string> kModes = {"visit", "phone", "video", "letter", "message"};
const std::set<std::string> kSupervision = {"supervised", "monitored", "unsupervised"};
const std::set<std::string> kViewHow = {"conversation", "in-writing", "representative",
                                        "observation"};

std::string JoinSet(const std::set<std::string>& items) {
  std::string joined;
  for (const auto& item : items) joined += (joined.empty() ? "" : ", ") + item;
  return joined;
}

struct PlanContext {
  ContactPlan plan;
  Child child;
};

Result<PlanContext> LoadPlan(Workspace::Impl& w, std::int64_t plan_id) {
  Result<ContactPlan> plan = w.FindPlan(plan_id);
  if (!plan.ok()) return plan.status();
  Result<Child> child = w.FindChild(plan->child_case_reference);
  if (!child.ok()) return child.status();
  return PlanContext{*plan, *child};
}

Status RequireChangeable(const ContactPlan& plan) {
  if (plan.status == PlanStatus::kDraft || plan.status == PlanStatus::kUnderReview) {
    return Status::Ok();
  }
  return Status::FailedPrecondition(
      TrFormat("contact plan {} is {}; only a draft or a plan under review can be changed", plan.id,
               PlanStatusName(plan.status)));
}

}  // namespace

// The core's own rules for an arrangement, whatever the method says.
Status CheckArrangement(Workspace::Impl& w, const Child& child, const NewArrangement& a) {
  const std::string record = TrFormat("arrangement for child {}", child.case_reference);
  std::optional<Relation> relation = detail::RelationRepository(*w.db).FindById(a.relation_id);
  if (!relation || relation->child_id != child.id) {
    return Status::InvalidArgument(TrFormat(
        "{}: relation {} is not in the child's network (see `kinbridge relation list --child "
        "{}`)",
        record, a.relation_id, child.case_reference));
  }
  if (kModes.count(a.mode) == 0) {
    return Status::InvalidArgument(
        TrFormat("{}: mode '{}' is not known (expected {})", record, a.mode, JoinSet(kModes)));
  }
  if (kSupervision.count(a.supervision) == 0) {
    return Status::InvalidArgument(TrFormat("{}: supervision '{}' is not known (expected {})",
                                            record, a.supervision, JoinSet(kSupervision)));
  }
  for (const std::string* text : {&a.venue, &a.transport, &a.conditions}) {
    KINBRIDGE_RETURN_IF_ERROR(detail::CheckText(record, *text, false));
  }
  const int start = detail::ParseClockTime(a.start_time);
  if (start < 0) {
    return Status::InvalidArgument(
        TrFormat("{}: time '{}' is not a time of day (expected HH:MM)", record, a.start_time));
  }
  detail::Recurrence recurrence{a.rrule, a.first_day, start, a.duration_minutes,
                                w.municipality.time_zone};
  Status rule = detail::CheckRecurrence(recurrence);
  if (!rule.ok()) return Status::InvalidArgument(TrFormat("{}: {}", record, rule.message()));
  const Date today = w.Today();
  bool no_contact = false, supervised_only = false;
  std::string decision;
  detail::RestrictionRepository(*w.db).ForEach(child.id, [&](const Restriction& s) {
    if (s.relation_id != a.relation_id) return true;
    if (!s.InForceOn(today) && !s.InForceOn(a.first_day)) return true;
    if (s.kind == RestrictionKind::kNoContact) no_contact = true;
    if (s.kind == RestrictionKind::kSupervisedOnly) supervised_only = true;
    decision = s.decision_reference;
    return true;
  });
  if (no_contact) {
    return Status::InvalidArgument(
        TrFormat("{}: {} may not have contact with the child (no-contact restriction, decision {})",
                 record, relation->person_name, decision));
  }
  if (supervised_only && a.supervision != "supervised") {
    return Status::InvalidArgument(TrFormat(
        "{}: contact with {} must be supervised (restriction, decision {}); supervision '{}' "
        "is not allowed",
        record, relation->person_name, decision, a.supervision));
  }
  std::optional<Date> placement_start;
  detail::PlacementRepository(*w.db).ForEachOfChild(child.id, [&](const Placement& p) {
    if (p.start <= today && (!p.end || today < *p.end)) placement_start = p.start;
    return true;
  });
  if (placement_start && a.first_day < *placement_start) {
    return Status::InvalidArgument(
        TrFormat("{}: first day {} is before the current placement started ({})", record,
                 a.first_day.ToString(), placement_start->ToString()));
  }
  return Status::Ok();
}

namespace {

// Runs the plan's method over it; errors refuse (when `block`), findings are kept on the plan.
// A removal is never blocked: taking contact away cannot create the problem that is left, and
// a plan that became wrong (a restriction decided later) must be mendable step by step.
Status Revalidate(Workspace::Impl& w, PlanContext& c, bool for_approval, int* review_months,
                  bool block = true) {
  Result<std::vector<MethodFinding>> findings = w.ValidateWithMethod(
      c.child, c.plan.method_id + "@" + c.plan.method_version, c.plan.arrangements,
      c.plan.child_view.has_value(), for_approval, review_months);
  if (!findings.ok()) return findings.status();
  std::string errors;
  for (const MethodFinding& f : *findings) {
    if (f.severity == "error") errors += (errors.empty() ? "" : "; ") + f.message;
  }
  if (block && !errors.empty()) {
    return Status::InvalidArgument(TrFormat("contact plan {}: the method {} refuses it: {}",
                                            c.plan.id, c.plan.method_id, errors));
  }
  c.plan.findings = *findings;
  return Status::Ok();
}

Status Save(Workspace::Impl& w, PlanContext& c, long long approved_by = 0) {
  c.plan.updated_at = w.Now();
  if (!PlanRepository(*w.db).Update(c.plan, approved_by)) {
    return Status::Conflict(TrFormat(
        "contact plan {} was changed by someone else meanwhile; repeat the change", c.plan.id));
  }
  c.plan.version += 1;
  return Status::Ok();
}

}  // namespace

Result<ContactPlan> Workspace::Impl::FindPlan(std::int64_t plan_id) {
  std::optional<ContactPlan> plan = PlanRepository(*db).Find(plan_id, nullptr);
  if (!plan) {
    return Status::NotFound(TrFormat(
        "contact plan {} does not exist (see `kinbridge plan list --child REF`)", plan_id));
  }
  return *plan;
}

Result<ContactPlan> Workspace::ProposePlan(std::string_view child_ref, std::string_view method_id,
                                           std::string_view purpose) {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    Result<Child> child = w.FindOpenChild(child_ref, N_("draw up a contact plan"));
    if (!child.ok()) return child.status();
    KINBRIDGE_RETURN_IF_ERROR(w.Allow(tx, Operation::kChangeCase, *child, "plan.propose"));
    KINBRIDGE_RETURN_IF_ERROR(detail::CheckText(_("purpose"), purpose, false));
    Result<ContactPlanProposal> proposal = w.ProposeFor(*child, method_id);
    if (!proposal.ok()) return proposal.status();
    PlanContext c{ContactPlan{}, *child};
    c.plan.uuid = detail::NewUuid();
    c.plan.child_case_reference = child->case_reference;
    c.plan.status = PlanStatus::kDraft;
    c.plan.purpose = std::string(purpose);
    c.plan.method_id = proposal->method_id;
    c.plan.method_version = proposal->method_version;
    c.plan.method_chain = proposal->chain;
    c.plan.findings = proposal->findings;
    c.plan.created_at = c.plan.updated_at = w.Now();
    PlanRepository plans(*w.db);
    c.plan.id = plans.Insert(child->id, c.plan);
    for (const ProposedArrangement& p : proposal->arrangements) {
      NewArrangement a;
      a.relation_id = p.relation_id;
      a.mode = p.mode;
      a.rrule = p.rrule;
      a.first_day = w.Today();
      a.start_time = p.start_time.empty() ? "10:00" : p.start_time;
      a.duration_minutes = p.duration_minutes;
      a.supervision = p.supervision;
      a.venue = p.venue;
      if (Status checked = CheckArrangement(w, *child, a); !checked.ok()) {
        c.plan.findings.push_back(
            {"error", "refused-by-core", "", p.relation_name, checked.message()});
        continue;
      }
      PlanArrangement stored;
      static_cast<NewArrangement&>(stored) = a;
      stored.id = plans.InsertArrangement(c.plan.id, a);
      stored.relation_name = p.relation_name;
      stored.relation_kind = p.relation_kind;
      c.plan.arrangements.push_back(stored);
    }
    Result<std::vector<MethodFinding>> findings =
        w.ValidateWithMethod(*child, c.plan.method_id + "@" + c.plan.method_version,
                             c.plan.arrangements, false, false, nullptr);
    if (!findings.ok()) return findings.status();
    for (const MethodFinding& f : *findings) c.plan.findings.push_back(f);
    KINBRIDGE_RETURN_IF_ERROR(Save(w, c));
    w.Audit("plan.propose", "plan", std::to_string(c.plan.id), {child->id},
            c.plan.method_id + "@" + c.plan.method_version);
    tx.Commit();
    return c.plan;
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("drawing up a contact plan for child {}", child_ref));
  }
}

Result<ContactPlan> Workspace::GetPlan(std::int64_t plan_id) const {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    Result<PlanContext> c = LoadPlan(w, plan_id);
    if (!c.ok()) return c.status();
    KINBRIDGE_RETURN_IF_ERROR(w.Allow(tx, Operation::kReadCase, c->child, "plan.show"));
    w.Audit("plan.show", "plan", std::to_string(plan_id), {c->child.id});
    tx.Commit();
    return c->plan;
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("reading contact plan {}", plan_id));
  }
}

Status Workspace::ForEachPlan(std::string_view child_ref, const Visitor<ContactPlan>& visit) const {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    Result<Child> child = w.FindChild(child_ref);
    if (!child.ok()) return child.status();
    KINBRIDGE_RETURN_IF_ERROR(w.Allow(tx, Operation::kReadCase, *child, "plan.list"));
    std::vector<ContactPlan> plans = PlanRepository(*w.db).OfChild(child->id);
    w.Audit("plan.list", "child", child->case_reference, {child->id});
    tx.Commit();
    for (const ContactPlan& plan : plans) {
      if (!visit(plan)) break;
    }
    return Status::Ok();
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("listing the contact plans of child {}", child_ref));
  }
}

Result<ContactPlan> Workspace::RecordChildView(std::int64_t plan_id, const ChildView& view) {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    Result<PlanContext> c = LoadPlan(w, plan_id);
    if (!c.ok()) return c.status();
    KINBRIDGE_RETURN_IF_ERROR(w.Allow(tx, Operation::kChangeCase, c->child, "plan.view"));
    KINBRIDGE_RETURN_IF_ERROR(RequireChangeable(c->plan));
    const std::string record = TrFormat("contact plan {}: the child's view", plan_id);
    KINBRIDGE_RETURN_IF_ERROR(detail::CheckText(record, view.text, true));
    if (kViewHow.count(view.how) == 0) {
      return Status::InvalidArgument(TrFormat("{}: '{}' is not a way of obtaining it (expected {})",
                                              record, view.how, JoinSet(kViewHow)));
    }
    if (view.recorded_on > w.Today()) {
      return Status::InvalidArgument(TrFormat("{}: date {} is in the future (today is {})", record,
                                              view.recorded_on.ToString(), w.Today().ToString()));
    }
    c->plan.child_view = view;
    KINBRIDGE_RETURN_IF_ERROR(Revalidate(w, *c, false, nullptr));
    KINBRIDGE_RETURN_IF_ERROR(Save(w, *c));
    w.Audit("plan.view", "plan", std::to_string(plan_id), {c->child.id}, view.how);
    tx.Commit();
    return c->plan;
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("recording the child's view in contact plan {}", plan_id));
  }
}

Result<ContactPlan> Workspace::AddArrangement(std::int64_t plan_id, const NewArrangement& in) {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    Result<PlanContext> c = LoadPlan(w, plan_id);
    if (!c.ok()) return c.status();
    KINBRIDGE_RETURN_IF_ERROR(
        w.Allow(tx, Operation::kChangeCase, c->child, "plan.arrangement.add"));
    KINBRIDGE_RETURN_IF_ERROR(RequireChangeable(c->plan));
    KINBRIDGE_RETURN_IF_ERROR(CheckArrangement(w, c->child, in));
    PlanArrangement a;
    static_cast<NewArrangement&>(a) = in;
    if (auto relation = detail::RelationRepository(*w.db).FindById(in.relation_id)) {
      a.relation_name = relation->person_name;
      a.relation_kind = std::string(RelationKindName(relation->kind));
    }
    c->plan.arrangements.push_back(a);
    KINBRIDGE_RETURN_IF_ERROR(Revalidate(w, *c, false, nullptr));
    c->plan.arrangements.back().id = PlanRepository(*w.db).InsertArrangement(plan_id, in);
    KINBRIDGE_RETURN_IF_ERROR(Save(w, *c));
    w.Audit("plan.arrangement.add", "plan", std::to_string(plan_id), {c->child.id},
            in.mode + " " + in.rrule);
    tx.Commit();
    return c->plan;
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("adding an arrangement to contact plan {}", plan_id));
  }
}

Result<ContactPlan> Workspace::RemoveArrangement(std::int64_t plan_id,
                                                 std::int64_t arrangement_id) {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    Result<PlanContext> c = LoadPlan(w, plan_id);
    if (!c.ok()) return c.status();
    KINBRIDGE_RETURN_IF_ERROR(
        w.Allow(tx, Operation::kChangeCase, c->child, "plan.arrangement.remove"));
    KINBRIDGE_RETURN_IF_ERROR(RequireChangeable(c->plan));
    auto& list = c->plan.arrangements;
    auto it = std::find_if(list.begin(), list.end(),
                           [&](const PlanArrangement& a) { return a.id == arrangement_id; });
    if (it == list.end()) {
      return Status::NotFound(
          TrFormat("contact plan {} has no arrangement {}", plan_id, arrangement_id));
    }
    list.erase(it);
    KINBRIDGE_RETURN_IF_ERROR(Revalidate(w, *c, false, nullptr, /*block=*/false));
    detail::ContactRepository::CancelFilter cancel;
    cancel.arrangement_id = arrangement_id;
    cancel.from = w.Today();
    detail::ContactRepository(*w.db).CancelOpen(
        cancel,
        fmt::format("arrangement {} removed from contact plan {}", arrangement_id, plan_id));
    PlanRepository(*w.db).DeleteArrangement(arrangement_id);
    KINBRIDGE_RETURN_IF_ERROR(Save(w, *c));
    w.Audit("plan.arrangement.remove", "plan", std::to_string(plan_id), {c->child.id},
            std::to_string(arrangement_id));
    tx.Commit();
    return c->plan;
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("removing an arrangement from contact plan {}", plan_id));
  }
}

Result<ContactPlan> Workspace::ApprovePlan(std::int64_t plan_id) {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    Result<PlanContext> c = LoadPlan(w, plan_id);
    if (!c.ok()) return c.status();
    KINBRIDGE_RETURN_IF_ERROR(w.Allow(tx, Operation::kChangeCase, c->child, "plan.approve"));
    KINBRIDGE_RETURN_IF_ERROR(RequireChangeable(c->plan));
    if (c->plan.arrangements.empty()) {
      return Status::FailedPrecondition(
          TrFormat("contact plan {} has no arrangement; add one before approving it", plan_id));
    }
    int review_months = 3;
    KINBRIDGE_RETURN_IF_ERROR(Revalidate(w, *c, true, &review_months));
    c->plan.status = PlanStatus::kActive;
    c->plan.review_date =
        w.PlanReviewDate(c->child.id, w.Today().AddMonths(std::max(1, review_months)));
    c->plan.approved_by = w.actor.worker.os_account;
    c->plan.approved_at = w.Now();
    KINBRIDGE_RETURN_IF_ERROR(Save(w, *c, w.actor.worker.id));
    Result<ScheduleResult> scheduled =
        w.Schedule(c->child.id, nullptr, w.Today().AddDays(kDefaultScheduleDays), nullptr);
    if (!scheduled.ok()) return scheduled.status();
    w.Audit("plan.approve", "plan", std::to_string(plan_id), {c->child.id},
            fmt::format("review {}, {} events scheduled", c->plan.review_date->ToString(),
                        scheduled->created));
    tx.Commit();
    return c->plan;
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("approving contact plan {}", plan_id));
  }
}

Result<ContactPlan> Workspace::EndPlan(std::int64_t plan_id, Date ended_on,
                                       std::string_view reason) {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    Result<PlanContext> c = LoadPlan(w, plan_id);
    if (!c.ok()) return c.status();
    KINBRIDGE_RETURN_IF_ERROR(w.Allow(tx, Operation::kChangeCase, c->child, "plan.end"));
    if (c->plan.status == PlanStatus::kEnded) {
      return Status::FailedPrecondition(
          TrFormat("contact plan {} already ended on {}", plan_id,
                   c->plan.ended_on ? c->plan.ended_on->ToString() : std::string()));
    }
    const std::string record = TrFormat("contact plan {}", plan_id);
    KINBRIDGE_RETURN_IF_ERROR(
        detail::CheckText(TrFormat("{}: reason for ending", record), reason, true));
    if (ended_on > w.Today()) {
      return Status::InvalidArgument(TrFormat("{}: end date {} is in the future (today is {})",
                                              record, ended_on.ToString(), w.Today().ToString()));
    }
    c->plan.status = PlanStatus::kEnded;
    c->plan.ended_on = ended_on;
    c->plan.end_reason = std::string(reason);
    KINBRIDGE_RETURN_IF_ERROR(Save(w, *c));
    detail::ContactRepository::CancelFilter cancel;
    cancel.plan_id = plan_id;
    cancel.from = ended_on;
    const long long cancelled = detail::ContactRepository(*w.db).CancelOpen(
        cancel, fmt::format("contact plan ended on {}", ended_on.ToString()));
    w.Audit("plan.end", "plan", std::to_string(plan_id), {c->child.id},
            fmt::format("{} ({} events cancelled)", reason, cancelled));
    tx.Commit();
    return c->plan;
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("ending contact plan {}", plan_id));
  }
}

KINBRIDGE_NAMESPACE_END
