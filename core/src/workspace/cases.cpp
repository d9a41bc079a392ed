// Registering many cases in one transaction: the same checks as the one-record operations, the
// rows written by the same repositories table by table, one audit entry for the batch.
#include <map>
#include <set>
#include <unordered_map>

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

// One registration. Every case is checked before any is written, with the checks of the
// one-record operations (AddChild, AddRelation, AddRestriction, AddPlacement), building the
// batch's rows in memory; then each table's rows are written in one statement (one per table,
// not one per row: docs/performance.md, "Bulk import"). Plans are proposed and approved last,
// case by case, as they read the stored case back through the method.
class Registration {
 public:
  explicit Registration(Workspace::Impl& w)
      : w_(w), children_(*w.db), plans_(*w.db), today_(w.Today()), now_(w.Now()) {}

  // Checks every case and keeps its rows, with their uuids and ids; reserves the batch's case
  // numbers and ids (the rollback gives the numbers back when a case is refused).
  Status Check(const std::vector<NewCase>& cases) {
    if (cases.empty()) return Status::Ok();
    const int count = static_cast<int>(cases.size());
    first_number_ =
        children_.ReserveCaseNumbers(w_.municipality.id, today_.year(), count) - count + 1;
    std::size_t relations = 0, restrictions = 0, placements = 0;
    for (const NewCase& c : cases) {
      relations += c.relations.size();
      restrictions += c.restrictions.size();
      placements += c.placements.size();
    }
    child_ids_ = w_.db->ReserveIds("child", cases.size());
    relation_ids_ = w_.db->ReserveIds("relation", relations);
    restriction_ids_ = w_.db->ReserveIds("restriction", restrictions);
    placement_ids_ = w_.db->ReserveIds("placement", placements);
    uuids_ = detail::NewUuids(cases.size() + relations + restrictions + placements);
    children_rows_.reserve(cases.size());
    responsible_ids_.reserve(cases.size());
    relations_.reserve(relations);
    registered_ids_.reserve(relations);
    restrictions_.reserve(restrictions);
    placements_.reserve(placements);
    result_.case_references.reserve(cases.size());
    // Translated once: a batch formats one record name per case.
    const std::string record_format = _("case {} of {}");
    for (std::size_t i = 0; i < cases.size(); ++i) {
      const std::string record = fmt::format(fmt::runtime(record_format), i + 1, cases.size());
      KINBRIDGE_RETURN_IF_ERROR(CheckCase(cases[i], i, record));
    }
    return Status::Ok();
  }

  // Writes the checked rows, each table's in one statement.
  void Write() {
    children_.InsertAll(w_.municipality.id, children_rows_);
    detail::CaseloadRepository(*w_.db).AssignNew(child_ids_, responsible_ids_, now_,
                                                 w_.actor.worker.id, "registered");
    // The relations, restrictions and placements are not needed after this: their texts move.
    detail::RelationRepository(*w_.db).InsertAll(std::move(relations_), registered_ids_);
    detail::RestrictionRepository(*w_.db).InsertAll(std::move(restrictions_));
    detail::PlacementRepository(*w_.db).InsertAll(std::move(placements_));
  }

  // Proposes and approves the plans the cases ask for, on the written cases.
  Status AddPlans(const std::vector<NewCase>& cases) {
    for (std::size_t i = 0; i < cases.size(); ++i) {
      if (!cases[i].plan) continue;
      KINBRIDGE_RETURN_IF_ERROR(AddPlan(children_rows_[i], *cases[i].plan,
                                        TrFormat("case {} of {}", i + 1, cases.size())));
    }
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
  Status CheckCase(const NewCase& in, std::size_t index, const std::string& record) {
    Result<Worker> responsible = Responsible(in.child);
    if (!responsible.ok()) return InCase(record, responsible.status());
    Result<std::optional<NationalId>> nid = detail::CheckChild(
        record, in.child.name, in.child.birth_date, in.child.national_id,
        in.child.national_id_scheme, in.child.languages, in.child.school, today_);
    if (!nid.ok()) return nid.status();
    if (Status age = detail::CheckAgeAtRegistration(in.child.birth_date, today_); !age.ok()) {
      return InCase(record, age);
    }
    if (*nid) KINBRIDGE_RETURN_IF_ERROR(CheckNationalIdUnused(**nid, record));
    Child c = NewChildRecord(w_, in.child, *nid, first_number_ + static_cast<long long>(index),
                             today_, now_);
    c.id = child_ids_[index];
    c.uuid = NextUuid();
    children_rows_.push_back(std::move(c));
    const Child& child = children_rows_.back();
    if (*nid) batch_national_ids_.emplace((*nid)->canonical, index);
    responsible_ids_.push_back(responsible->id);
    result_.case_references.push_back(child.case_reference);

    const std::size_t first_relation = relations_.size();
    for (const NewRelation& r : in.relations) {
      KINBRIDGE_RETURN_IF_ERROR(CheckRelation(child, r, record));
    }
    for (const NewCaseRestriction& r : in.restrictions) {
      KINBRIDGE_RETURN_IF_ERROR(CheckRestriction(first_relation, r, record));
    }
    std::vector<Placement> placements;
    for (const NewPlacement& p : in.placements) {
      KINBRIDGE_RETURN_IF_ERROR(CheckPlacement(child, p, placements, record));
    }
    for (Placement& p : placements) placements_.push_back(std::move(p));
    result_.relations += static_cast<std::int64_t>(in.relations.size());
    result_.restrictions += static_cast<std::int64_t>(in.restrictions.size());
    result_.placements += static_cast<std::int64_t>(in.placements.size());
    return Status::Ok();
  }

  // ResponsibleFor, once per account named (a batch usually names a few workers).
  Result<Worker> Responsible(const NewChild& in) {
    auto found = responsible_.find(in.responsible_account);
    if (found != responsible_.end()) return found->second;
    Result<Worker> worker = ResponsibleFor(w_, in);
    if (worker.ok()) responsible_.emplace(in.responsible_account, *worker);
    return worker;
  }

  // Neither a stored child nor an earlier case of the batch has the national id.
  Status CheckNationalIdUnused(const NationalId& nid, const std::string& record) {
    std::string holder;
    if (auto in_batch = batch_national_ids_.find(nid.canonical);
        in_batch != batch_national_ids_.end()) {
      holder = children_rows_[in_batch->second].case_reference;
    } else if (std::optional<Child> existing = children_.FindByNationalId(nid.canonical)) {
      holder = existing->case_reference;
    } else {
      return Status::Ok();
    }
    return Status::AlreadyExists(TrFormat("{}: national id {} is already registered for child {}",
                                          record, nid.Display(), holder));
  }

  Status CheckRelation(const Child& child, const NewRelation& in, const std::string& record) {
    if (Status checked = detail::CheckRelation(child, in, today_); !checked.ok()) {
      return InCase(record, checked);
    }
    long long registered_id = 0;
    std::string registered_ref;
    if (!in.registered_child.empty()) {
      // A case of this batch (this one or an earlier: the later ones are not there yet), or a
      // child stored before. The batch's references are indexed when first asked for.
      for (; referenced_ < children_rows_.size(); ++referenced_) {
        batch_references_.emplace(children_rows_[referenced_].case_reference, referenced_);
      }
      if (auto found = batch_references_.find(in.registered_child);
          found != batch_references_.end()) {
        registered_id = children_rows_[found->second].id;
        registered_ref = found->first;
      } else {
        Result<Child> stored = w_.FindChild(in.registered_child);
        if (!stored.ok()) return InCase(record, stored.status());
        registered_id = stored->id;
        registered_ref = stored->case_reference;
      }
      if (in.kind != RelationKind::kSibling || registered_id == child.id) {
        return Status::InvalidArgument(TrFormat(
            "{}: registered child {} can only be given for a sibling (kind sibling, another child)",
            record, in.registered_child));
      }
    }
    Relation r;
    r.id = relation_ids_[relations_.size()];
    r.uuid = NextUuid();
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
    relations_.push_back(std::move(r));
    registered_ids_.push_back(registered_id);
    return Status::Ok();
  }

  // `first_relation`: where the case's relations begin in relations_.
  Status CheckRestriction(std::size_t first_relation, const NewCaseRestriction& in,
                          const std::string& record) {
    const std::size_t count = relations_.size() - first_relation;
    if (in.relation >= count) {
      return Status::InvalidArgument(
          TrPlural("{}: a restriction names relation {} of the case, which has {} relation",
                   "{}: a restriction names relation {} of the case, which has {} relations", count,
                   record, in.relation + 1, count));
    }
    const Relation& relation = relations_[first_relation + in.relation];
    Result<Date> review =
        detail::CheckRestriction(relation, in.restriction, w_.municipality.country);
    if (!review.ok()) return InCase(record, review.status());
    // A new child has no plan or event yet, so there is nothing for the restriction to cancel
    // or put under review (AddRestriction's ApplyRestriction); the plan below is checked
    // against it.
    Restriction s;
    s.id = restriction_ids_[restrictions_.size()];
    s.uuid = NextUuid();
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
    restrictions_.push_back(std::move(s));
    return Status::Ok();
  }

  Status CheckPlacement(const Child& child, const NewPlacement& in,
                        std::vector<Placement>& existing, const std::string& record) {
    if (Status checked = detail::CheckPlacement(child, in, existing); !checked.ok()) {
      return InCase(record, checked);
    }
    Placement p;
    p.id = placement_ids_[placements_.size() + existing.size()];
    p.uuid = NextUuid();
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
    existing.push_back(std::move(p));
    return Status::Ok();
  }

  std::string NextUuid() { return std::move(uuids_[next_uuid_++]); }

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
  detail::PlanRepository plans_;
  const Date today_;
  const std::string now_;
  long long first_number_ = 0;
  std::map<std::string, Worker> responsible_;
  // The checked rows, and the ids and uuids reserved for them.
  std::vector<Child> children_rows_;
  std::vector<long long> responsible_ids_;
  std::vector<Relation> relations_;
  std::vector<long long> registered_ids_;  // of each relation: the child it is, or 0
  std::vector<Restriction> restrictions_;
  std::vector<Placement> placements_;
  std::vector<long long> child_ids_, relation_ids_, restriction_ids_, placement_ids_;
  std::vector<std::string> uuids_;
  std::size_t next_uuid_ = 0;
  std::unordered_map<std::string, std::size_t> batch_references_, batch_national_ids_;
  std::size_t referenced_ = 0;      // children_rows_ indexed in batch_references_
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
    KINBRIDGE_RETURN_IF_ERROR(registration.Check(cases));
    registration.Write();
    KINBRIDGE_RETURN_IF_ERROR(registration.AddPlans(cases));
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
