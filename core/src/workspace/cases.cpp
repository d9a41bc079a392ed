// Registering many cases in one transaction: the same checks as the one-record operations, the
// rows written by the same repositories, one audit entry for the batch.
#include <map>
#include <set>

#include "common/uuid.h"
#include "model/validation.h"
#include "storage/caseload_repository.h"
#include "storage/child_repository.h"
#include "storage/placement_repository.h"
#include "storage/plan_repository.h"
#include "storage/relation_repository.h"
#include "storage/restriction_repository.h"
#include "workspace/workspace_impl.h"

KINBRIDGE_NAMESPACE_BEGIN

using detail::DatabaseError;
using detail::Operation;
using detail::WriteTransaction;

namespace {

const std::set<std::string> kViewHow = {"conversation", "in-writing", "representative",
                                        "observation"};

// Prefixes a check's message with the case's position, so that a refused batch names the case.
Status InCase(const std::string& record, const Status& status) {
  return Status(status.code(), TrFormat("{}: {}", record, status.message()));
}

// One registration: the batch's repositories and what has been written so far.
class Registration {
 public:
  explicit Registration(Workspace::Impl& w)
      : w_(w),
        children_(*w.db),
        relations_(*w.db),
        restrictions_(*w.db),
        placements_(*w.db),
        plans_(*w.db),
        caseloads_(*w.db),
        today_(w.Today()),
        now_(w.Now()) {}

  Status Add(const NewCase& in, const std::string& record) {
    Result<Worker> responsible = Responsible(in.child);
    if (!responsible.ok()) return InCase(record, responsible.status());
    Result<Child> child = AddChild(in.child, *responsible, record);
    if (!child.ok()) return child.status();
    std::vector<Relation> relations;
    for (const NewRelation& r : in.relations) {
      Result<Relation> added = AddRelation(*child, r, record);
      if (!added.ok()) return added.status();
      relations.push_back(*added);
    }
    for (const NewCaseRestriction& r : in.restrictions) {
      KINBRIDGE_RETURN_IF_ERROR(AddRestriction(relations, r, record));
    }
    std::vector<Placement> placements;
    for (const NewPlacement& p : in.placements) {
      KINBRIDGE_RETURN_IF_ERROR(AddPlacement(*child, p, placements, record));
    }
    if (in.plan) KINBRIDGE_RETURN_IF_ERROR(AddPlan(*child, *in.plan, record));
    result_.case_references.push_back(child->case_reference);
    child_ids_.push_back(child->id);
    return Status::Ok();
  }

  // Schedules the approved plans' events, as approval does.
  Status Schedule() {
    if (planned_.empty()) return Status::Ok();
    Result<ScheduleResult> scheduled =
        w_.Schedule(0, &planned_, today_.AddDays(kDefaultScheduleDays), nullptr);
    if (!scheduled.ok()) return scheduled.status();
    result_.events_scheduled = scheduled->created;
    return Status::Ok();
  }

  const CaseRegistration& result() const { return result_; }
  const std::vector<long long>& child_ids() const { return child_ids_; }

 private:
  // ResponsibleFor, once per account named (a batch usually names a few workers).
  Result<Worker> Responsible(const NewChild& in) {
    auto found = responsible_.find(in.responsible_account);
    if (found != responsible_.end()) return found->second;
    Result<Worker> worker = ResponsibleFor(w_, in);
    if (worker.ok()) responsible_.emplace(in.responsible_account, *worker);
    return worker;
  }

  Result<Child> AddChild(const NewChild& in, const Worker& responsible, const std::string& record) {
    Result<std::optional<NationalId>> nid =
        detail::CheckChild(record, in.name, in.birth_date, in.national_id, in.national_id_scheme,
                           in.languages, in.school, today_);
    if (!nid.ok()) return nid.status();
    if (Status age = detail::CheckAgeAtRegistration(in.birth_date, today_); !age.ok()) {
      return InCase(record, age);
    }
    if (*nid) {
      if (std::optional<Child> existing = children_.FindByNationalId((*nid)->canonical)) {
        return Status::AlreadyExists(
            TrFormat("{}: national id {} is already registered for child {}", record,
                     (*nid)->Display(), existing->case_reference));
      }
    }
    Child c = InsertNewChild(w_, children_, in, *nid, today_, now_);
    caseloads_.Assign(c.id, responsible.id, now_, w_.actor.worker.id, "registered");
    return c;
  }

  Result<Relation> AddRelation(const Child& child, const NewRelation& in,
                               const std::string& record) {
    if (Status checked = detail::CheckRelation(child, in, today_); !checked.ok()) {
      return InCase(record, checked);
    }
    long long registered_id = 0;
    std::string registered_ref;
    if (!in.registered_child.empty()) {
      Result<Child> sibling = w_.FindChild(in.registered_child);
      if (!sibling.ok()) return InCase(record, sibling.status());
      if (in.kind != RelationKind::kSibling || sibling->id == child.id) {
        return Status::InvalidArgument(TrFormat(
            "{}: registered child {} can only be given for a sibling (kind sibling, another child)",
            record, in.registered_child));
      }
      registered_id = sibling->id;
      registered_ref = sibling->case_reference;
    }
    Relation r;
    r.uuid = detail::NewUuid();
    r.child_id = child.id;
    r.child_case_reference = child.case_reference;
    r.person_name = in.person_name;
    r.kind = in.kind;
    r.description = in.description;
    r.birth_date = in.birth_date;
    r.caregiver = in.caregiver;
    r.in_contact = in.in_contact;
    r.created_at = now_;
    r.registered_child_case_reference = registered_ref;
    r.id = relations_.Insert(r, registered_id);
    ++result_.relations;
    return r;
  }

  Status AddRestriction(const std::vector<Relation>& relations, const NewCaseRestriction& in,
                        const std::string& record) {
    if (in.relation >= relations.size()) {
      return Status::InvalidArgument(
          TrPlural("{}: a restriction names relation {} of the case, which has {} relation",
                   "{}: a restriction names relation {} of the case, which has {} relations",
                   relations.size(), record, in.relation + 1, relations.size()));
    }
    const Relation& relation = relations[in.relation];
    Result<Date> review =
        detail::CheckRestriction(relation, in.restriction, w_.municipality.country);
    if (!review.ok()) return InCase(record, review.status());
    // A new child has no plan or event yet, so there is nothing for the restriction to cancel
    // or put under review (AddRestriction's ApplyRestriction); the plan below is checked
    // against it.
    Restriction s;
    s.uuid = detail::NewUuid();
    s.relation_id = relation.id;
    s.child_id = relation.child_id;
    s.child_case_reference = relation.child_case_reference;
    s.relation_person_name = relation.person_name;
    s.kind = in.restriction.kind;
    s.decision_reference = in.restriction.decision_reference;
    s.reason = in.restriction.reason;
    s.valid_from = in.restriction.valid_from;
    s.valid_to = in.restriction.valid_to;
    s.review_date = *review;
    s.created_at = now_;
    s.id = restrictions_.Insert(s);
    ++result_.restrictions;
    return Status::Ok();
  }

  Status AddPlacement(const Child& child, const NewPlacement& in, std::vector<Placement>& existing,
                      const std::string& record) {
    if (Status checked = detail::CheckPlacement(child, in, existing); !checked.ok()) {
      return InCase(record, checked);
    }
    Placement p;
    p.uuid = detail::NewUuid();
    p.child_id = child.id;
    p.child_case_reference = child.case_reference;
    p.type = in.type;
    p.legal_basis = in.legal_basis;
    p.legal_code = in.legal_code;
    p.caregivers = in.caregivers;
    p.start = in.start;
    p.address = in.address;
    p.address_protected = in.address_protected;
    p.created_at = now_;
    p.id = placements_.Insert(p);
    existing.push_back(p);
    ++result_.placements;
    return Status::Ok();
  }

  // ProposePlan, RecordChildView and ApprovePlan in one step.
  Status AddPlan(const Child& child, const NewCasePlan& in, const std::string& record) {
    KINBRIDGE_RETURN_IF_ERROR(detail::Authorize(w_.actor, Operation::kChangeCase,
                                                w_.ScopeOf(child.id),
                                                TrFormat("child {}", child.case_reference)));
    if (Status purpose = detail::CheckText(_("purpose"), in.purpose, false); !purpose.ok()) {
      return InCase(record, purpose);
    }
    const std::string view_record = TrFormat("{}: the child's view", record);
    KINBRIDGE_RETURN_IF_ERROR(detail::CheckText(view_record, in.child_view.text, true));
    if (kViewHow.count(in.child_view.how) == 0) {
      return Status::InvalidArgument(
          TrFormat("{}: '{}' is not a way of obtaining it (expected conversation, in-writing, "
                   "representative or observation)",
                   view_record, in.child_view.how));
    }
    if (in.child_view.recorded_on > today_) {
      return Status::InvalidArgument(TrFormat("{}: date {} is in the future (today is {})",
                                              view_record, in.child_view.recorded_on.ToString(),
                                              today_.ToString()));
    }
    Result<ContactPlanProposal> proposal = w_.ProposeFor(child, in.method_id);
    if (!proposal.ok()) return InCase(record, proposal.status());
    ContactPlan plan;
    plan.uuid = detail::NewUuid();
    plan.child_case_reference = child.case_reference;
    plan.status = PlanStatus::kDraft;
    plan.purpose = in.purpose;
    plan.child_view = in.child_view;
    plan.method_id = proposal->method_id;
    plan.method_version = proposal->method_version;
    plan.method_chain = proposal->chain;
    plan.created_at = plan.updated_at = now_;
    std::vector<NewArrangement> accepted;
    for (const ProposedArrangement& p : proposal->arrangements) {
      NewArrangement a;
      a.relation_id = p.relation_id;
      a.mode = p.mode;
      a.rrule = p.rrule;
      a.first_day = today_;
      a.start_time = p.start_time.empty() ? "10:00" : p.start_time;
      a.duration_minutes = p.duration_minutes;
      a.supervision = p.supervision;
      a.venue = p.venue;
      // What the core refuses is left out, as ProposePlan leaves it out of the draft.
      if (!CheckArrangement(w_, child, a).ok()) continue;
      PlanArrangement stored;
      static_cast<NewArrangement&>(stored) = a;
      stored.relation_name = p.relation_name;
      stored.relation_kind = p.relation_kind;
      plan.arrangements.push_back(stored);
      accepted.push_back(a);
    }
    if (plan.arrangements.empty()) {
      std::string said;
      for (const MethodFinding& f : proposal->findings) said += "; " + f.message;
      return Status::FailedPrecondition(
          TrFormat("{}: the method {} proposed no arrangement the core accepts; the plan cannot "
                   "be approved{}",
                   record, plan.method_id, said));
    }
    int review_months = 3;
    Result<std::vector<MethodFinding>> findings =
        w_.ValidateWithMethod(child, plan.method_id + "@" + plan.method_version, plan.arrangements,
                              true, true, &review_months);
    if (!findings.ok()) return InCase(record, findings.status());
    std::string errors;
    for (const MethodFinding& f : *findings) {
      if (f.severity == "error") errors += (errors.empty() ? "" : "; ") + f.message;
    }
    if (!errors.empty()) {
      return Status::InvalidArgument(
          TrFormat("{}: the method {} refuses the plan: {}", record, plan.method_id, errors));
    }
    plan.findings = *findings;
    plan.id = plans_.Insert(child.id, plan);
    for (std::size_t i = 0; i < accepted.size(); ++i) {
      plan.arrangements[i].id = plans_.InsertArrangement(plan.id, accepted[i]);
    }
    plan.status = PlanStatus::kActive;
    plan.review_date = w_.PlanReviewDate(child.id, today_.AddMonths(std::max(1, review_months)));
    plan.approved_by = w_.actor.worker.os_account;
    plan.approved_at = now_;
    if (!plans_.Update(plan, w_.actor.worker.id)) {
      return Status::Conflict(
          TrFormat("{}: the new contact plan {} changed meanwhile", record, plan.id));
    }
    planned_.push_back(child.id);
    ++result_.plans;
    return Status::Ok();
  }

  Workspace::Impl& w_;
  detail::ChildRepository children_;
  detail::RelationRepository relations_;
  detail::RestrictionRepository restrictions_;
  detail::PlacementRepository placements_;
  detail::PlanRepository plans_;
  detail::CaseloadRepository caseloads_;
  const Date today_;
  const std::string now_;
  std::map<std::string, Worker> responsible_;
  std::vector<long long> child_ids_;
  std::vector<long long> planned_;  // children with an approved plan, to schedule
  CaseRegistration result_;
};

}  // namespace

Result<CaseRegistration> Workspace::RegisterCases(const std::vector<NewCase>& cases) {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    KINBRIDGE_RETURN_IF_ERROR(w.Allow(tx, Operation::kRegisterChild, "case.register", "child", ""));
    Registration registration(w);
    for (std::size_t i = 0; i < cases.size(); ++i) {
      KINBRIDGE_RETURN_IF_ERROR(
          registration.Add(cases[i], TrFormat("case {} of {}", i + 1, cases.size())));
    }
    KINBRIDGE_RETURN_IF_ERROR(registration.Schedule());
    const CaseRegistration& r = registration.result();
    if (!cases.empty()) {
      // The children's names are not logged: any of them may be a protected identity.
      w.Audit("case.register", "child", r.case_references.front() + ".." + r.case_references.back(),
              registration.child_ids(),
              fmt::format("{} children, {} relations, {} restrictions, {} placements, {} plans, {} "
                          "events scheduled",
                          r.case_references.size(), r.relations, r.restrictions, r.placements,
                          r.plans, r.events_scheduled));
    }
    tx.Commit();
    return r;
  } catch (const std::exception& e) {
    return DatabaseError(
        e, TrPlural("registering {} case", "registering {} cases", cases.size(), cases.size()));
  }
}

KINBRIDGE_NAMESPACE_END
