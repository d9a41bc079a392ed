// The family network and contact restrictions.
#include <map>

#include "common/uuid.h"
#include "model/validation.h"
#include "storage/relation_repository.h"
#include "storage/restriction_repository.h"
#include "workspace/workspace_impl.h"

KINBRIDGE_NAMESPACE_BEGIN

using detail::DatabaseError;
using detail::Operation;
using detail::RelationRepository;
using detail::RestrictionRepository;
using detail::WriteTransaction;

namespace {

Result<Relation> FindRelation(Workspace::Impl& w, std::int64_t relation_id) {
  if (auto r = RelationRepository(*w.db).FindById(relation_id)) return *r;
  return Status::NotFound(TrFormat(
      "relation {} does not exist (see `kinbridge relation list --child REF`)", relation_id));
}

Result<Restriction> FindRestriction(Workspace::Impl& w, std::int64_t restriction_id) {
  if (auto s = RestrictionRepository(*w.db).FindById(restriction_id)) return *s;
  return Status::NotFound(
      TrFormat("restriction {} does not exist (see `kinbridge restriction list`)", restriction_id));
}

}  // namespace

Result<Relation> Workspace::AddRelation(std::string_view child_ref, const NewRelation& in) {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    Result<Relation> r = w.InsertRelation(tx, child_ref, in);
    if (r.ok()) tx.Commit();
    return r;
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("adding a relation to child {}", child_ref));
  }
}

Result<Relation> Workspace::Impl::InsertRelation(WriteTransaction& tx, std::string_view child_ref,
                                                 const NewRelation& in) {
  Impl& w = *this;
  Result<Child> child = w.FindOpenChild(child_ref, N_("add a relation"));
  if (!child.ok()) return child.status();
  KINBRIDGE_RETURN_IF_ERROR(w.Allow(tx, Operation::kChangeCase, *child, "relation.add"));
  KINBRIDGE_RETURN_IF_ERROR(detail::CheckRelation(*child, in, w.Today()));
  long long registered_id = 0;
  std::string registered_ref;
  if (!in.registered_child.empty()) {
    Result<Child> sibling = w.FindChild(in.registered_child);
    if (!sibling.ok()) return sibling.status();
    if (in.kind != RelationKind::kSibling || sibling->id == child->id) {
      return Status::InvalidArgument(
          TrFormat("registered child {} can only be given for a sibling of child {} (kind sibling, "
                   "another child)",
                   in.registered_child, child->case_reference));
    }
    registered_id = sibling->id;
    registered_ref = sibling->case_reference;
  }
  Relation r;
  r.uuid = detail::NewUuid();
  r.child_id = child->id;
  r.child_case_reference = child->case_reference;
  r.person_name = in.person_name;
  r.kind = in.kind;
  r.description = in.description;
  r.birth_date = in.birth_date;
  r.caregiver = in.caregiver;
  r.in_contact = in.in_contact;
  r.created_at = w.Now();
  r.registered_child_case_reference = registered_ref;
  r.id = RelationRepository(*w.db).Insert(r, registered_id);
  w.Audit("relation.add", "relation", std::to_string(r.id), {child->id},
          std::string(RelationKindName(r.kind)));
  return r;
}

Result<Relation> Workspace::GetRelation(std::int64_t relation_id) const {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    Result<Relation> r = FindRelation(w, relation_id);
    if (!r.ok()) return r;
    Result<Child> child = w.FindChild(r->child_case_reference);
    if (!child.ok()) return child.status();
    KINBRIDGE_RETURN_IF_ERROR(w.Allow(tx, Operation::kReadCase, *child, "relation.show"));
    w.Audit("relation.show", "relation", std::to_string(r->id), {child->id});
    tx.Commit();
    return r;
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("reading relation {}", relation_id));
  }
}

Status Workspace::ForEachRelation(std::string_view child_ref,
                                  const Visitor<Relation>& visit) const {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    Result<Child> child = w.FindChild(child_ref);
    if (!child.ok()) return child.status();
    KINBRIDGE_RETURN_IF_ERROR(w.Allow(tx, Operation::kReadCase, *child, "relation.list"));
    RelationRepository(*w.db).ForEachOfChild(child->id, visit);
    w.Audit("relation.list", "child", child->case_reference, {child->id});
    tx.Commit();
    return Status::Ok();
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("listing the relations of child {}", child_ref));
  }
}

Result<Restriction> Workspace::AddRestriction(std::int64_t relation_id, const NewRestriction& in) {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    Result<Relation> relation = FindRelation(w, relation_id);
    if (!relation.ok()) return relation.status();
    Result<Child> child = w.FindOpenChild(relation->child_case_reference, N_("add a restriction"));
    if (!child.ok()) return child.status();
    KINBRIDGE_RETURN_IF_ERROR(w.Allow(tx, Operation::kChangeCase, *child, "restriction.add"));
    Result<Date> review = detail::CheckRestriction(*relation, in, w.municipality.country);
    if (!review.ok()) return review.status();
    Restriction s;
    s.uuid = detail::NewUuid();
    s.relation_id = relation->id;
    s.child_id = relation->child_id;
    s.child_case_reference = relation->child_case_reference;
    s.relation_person_name = relation->person_name;
    s.kind = in.kind;
    s.decision_reference = in.decision_reference;
    s.reason = in.reason;
    s.valid_from = in.valid_from;
    s.valid_to = in.valid_to;
    s.review_date = *review;
    s.created_at = w.Now();
    s.id = RestrictionRepository(*w.db).Insert(s);
    w.Audit("restriction.add", "restriction", std::to_string(s.id), {child->id},
            std::string(RestrictionKindName(s.kind)));
    w.ApplyRestriction(s);
    tx.Commit();
    return s;
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("adding a restriction to relation {}", relation_id));
  }
}

Result<Restriction> Workspace::GetRestriction(std::int64_t restriction_id) const {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    Result<Restriction> s = FindRestriction(w, restriction_id);
    if (!s.ok()) return s;
    Result<Child> child = w.FindChild(s->child_case_reference);
    if (!child.ok()) return child.status();
    KINBRIDGE_RETURN_IF_ERROR(w.Allow(tx, Operation::kReadCase, *child, "restriction.show"));
    w.Audit("restriction.show", "restriction", std::to_string(s->id), {child->id});
    tx.Commit();
    return s;
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("reading restriction {}", restriction_id));
  }
}

Result<Restriction> Workspace::LiftRestriction(std::int64_t restriction_id, Date lifted_on,
                                               std::string_view reason) {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    Result<Restriction> found = FindRestriction(w, restriction_id);
    if (!found.ok()) return found;
    Result<Child> child = w.FindChild(found->child_case_reference);
    if (!child.ok()) return child.status();
    KINBRIDGE_RETURN_IF_ERROR(w.Allow(tx, Operation::kChangeCase, *child, "restriction.lift"));
    Restriction s = *found;
    const std::string record = TrFormat("restriction {}", s.id);
    if (s.lifted_on) {
      return Status::FailedPrecondition(
          TrFormat("{} was already lifted on {}", record, s.lifted_on->ToString()));
    }
    KINBRIDGE_RETURN_IF_ERROR(
        detail::CheckText(TrFormat("{}: reason for lifting", record), reason, true));
    if (lifted_on < s.valid_from) {
      return Status::InvalidArgument(
          TrFormat("{}: lifting date {} is before the restriction began on {}", record,
                   lifted_on.ToString(), s.valid_from.ToString()));
    }
    RestrictionRepository(*w.db).SetLifted(s.id, lifted_on, std::string(reason));
    w.Audit("restriction.lift", "restriction", std::to_string(s.id), {child->id},
            std::string(reason));
    tx.Commit();
    s.lifted_on = lifted_on;
    s.lift_reason = std::string(reason);
    return s;
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("lifting restriction {}", restriction_id));
  }
}

Status Workspace::ForEachRestriction(const RestrictionQuery& query,
                                     const Visitor<Restriction>& visit) const {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    long long child_id = 0;
    if (query.child) {
      Result<Child> child = w.FindChild(*query.child);
      if (!child.ok()) return child.status();
      KINBRIDGE_RETURN_IF_ERROR(w.Allow(tx, Operation::kReadCase, *child, "restriction.list"));
      child_id = child->id;
    } else if (!detail::Authorize(w.actor, Operation::kReadCase, {}, "").ok() &&
               !w.actor.worker.Has(Role::kSocialWorker) && !w.actor.worker.Has(Role::kSupervisor)) {
      return w.Allow(tx, Operation::kReadCase, "restriction.list", "restrictions", "");
    }
    const Date today = w.Today();
    std::map<long long, bool> readable;  // child id -> the actor may read its case
    std::vector<long long> shown;
    RestrictionRepository(*w.db).ForEach(child_id, [&](const Restriction& s) {
      const bool ended = s.lifted_on.has_value() || (s.valid_to && *s.valid_to < today);
      if (ended && !query.include_ended) return true;
      auto it = readable.find(s.child_id);
      if (it == readable.end()) {
        const bool ok =
            detail::Authorize(w.actor, Operation::kReadCase, w.ScopeOf(s.child_id), "").ok();
        it = readable.emplace(s.child_id, ok).first;
      }
      if (!it->second) return true;
      shown.push_back(s.child_id);
      return visit(s);
    });
    // A listing about one child concerns that child even when it has no restriction.
    if (child_id != 0) shown = {child_id};
    w.Audit("restriction.list", query.child ? "child" : "restrictions", query.child.value_or(""),
            shown);
    tx.Commit();
    return Status::Ok();
  } catch (const std::exception& e) {
    return DatabaseError(e, _("listing restrictions"));
  }
}

KINBRIDGE_NAMESPACE_END
