// Placements: where a child lives, with protected addresses hidden from those without need.
#include "common/uuid.h"
#include "model/validation.h"
#include "storage/placement_repository.h"
#include "workspace/workspace_impl.h"

KINBRIDGE_NAMESPACE_BEGIN

using detail::DatabaseError;
using detail::Operation;
using detail::PlacementRepository;
using detail::WriteTransaction;

namespace {

Result<Placement> FindPlacement(Workspace::Impl& w, std::int64_t placement_id) {
  if (auto p = PlacementRepository(*w.db).FindById(placement_id)) return *p;
  return Status::NotFound(TrFormat(
      "placement {} does not exist (see `kinbridge placement list --child REF`)", placement_id));
}

}  // namespace

Result<Placement> Workspace::AddPlacement(std::string_view child_ref, const NewPlacement& in) {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    Result<Placement> p = w.InsertPlacement(tx, child_ref, in);
    if (p.ok()) tx.Commit();
    return p;
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("adding a placement to child {}", child_ref));
  }
}

Result<Placement> Workspace::Impl::InsertPlacement(WriteTransaction& tx, std::string_view child_ref,
                                                   const NewPlacement& in) {
  Impl& w = *this;
  Result<Child> child = w.FindOpenChild(child_ref, N_("add a placement"));
  if (!child.ok()) return child.status();
  KINBRIDGE_RETURN_IF_ERROR(w.Allow(tx, Operation::kChangeCase, *child, "placement.add"));
  PlacementRepository placements(*w.db);
  std::vector<Placement> existing;
  placements.ForEachOfChild(child->id, [&](const Placement& p) {
    existing.push_back(p);
    return true;
  });
  KINBRIDGE_RETURN_IF_ERROR(detail::CheckPlacement(*child, in, existing));
  Placement p;
  p.uuid = detail::NewUuid();
  p.child_id = child->id;
  p.child_case_reference = child->case_reference;
  p.type = in.type;
  p.legal_basis = in.legal_basis;
  p.legal_code = in.legal_code;
  p.caregivers = in.caregivers;
  p.start = in.start;
  p.address = in.address;
  p.address_protected = in.address_protected;
  p.created_at = w.Now();
  p.id = placements.Insert(p);
  w.Audit("placement.add", "placement", std::to_string(p.id), {child->id},
          std::string(PlacementTypeName(p.type)));
  return p;
}

Result<Placement> Workspace::GetPlacement(std::int64_t placement_id) const {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    Result<Placement> p = FindPlacement(w, placement_id);
    if (!p.ok()) return p;
    Result<Child> child = w.FindChild(p->child_case_reference);
    if (!child.ok()) return child.status();
    KINBRIDGE_RETURN_IF_ERROR(w.Allow(tx, Operation::kReadCase, *child, "placement.show"));
    const Placement visible = w.Visible(*p, w.ScopeOf(child->id), w.Today());
    w.Audit("placement.show", "placement", std::to_string(p->id), {child->id});
    tx.Commit();
    return visible;
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("reading placement {}", placement_id));
  }
}

Result<Placement> Workspace::EndPlacement(std::int64_t placement_id, Date end,
                                          std::string_view reason) {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    Result<Placement> p = w.FinishPlacement(tx, placement_id, end, reason);
    if (p.ok()) tx.Commit();
    return p;
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("ending placement {}", placement_id));
  }
}

Result<Placement> Workspace::Impl::FinishPlacement(WriteTransaction& tx, std::int64_t placement_id,
                                                   Date end, std::string_view reason) {
  Impl& w = *this;
  Result<Placement> found = FindPlacement(w, placement_id);
  if (!found.ok()) return found;
  Result<Child> child = w.FindChild(found->child_case_reference);
  if (!child.ok()) return child.status();
  KINBRIDGE_RETURN_IF_ERROR(w.Allow(tx, Operation::kChangeCase, *child, "placement.end"));
  Placement p = *found;
  const std::string record = TrFormat("placement {}", p.id);
  if (p.end) {
    return Status::FailedPrecondition(
        TrFormat("{} already ended on {}", record, p.end->ToString()));
  }
  KINBRIDGE_RETURN_IF_ERROR(
      detail::CheckText(TrFormat("{}: reason for ending", record), reason, true));
  if (end < p.start) {
    return Status::InvalidArgument(
        TrFormat("{}: end {} is before its start {}", record, end.ToString(), p.start.ToString()));
  }
  PlacementRepository(*w.db).SetEnded(p.id, end, std::string(reason));
  w.Audit("placement.end", "placement", std::to_string(p.id), {child->id}, std::string(reason));
  p.end = end;
  p.end_reason = std::string(reason);
  return w.Visible(p, w.ScopeOf(child->id), w.Today());
}

Status Workspace::ForEachPlacement(std::string_view child_ref,
                                   const Visitor<Placement>& visit) const {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    Result<Child> child = w.FindChild(child_ref);
    if (!child.ok()) return child.status();
    KINBRIDGE_RETURN_IF_ERROR(w.Allow(tx, Operation::kReadCase, *child, "placement.list"));
    const detail::ChildScope scope = w.ScopeOf(child->id);
    const Date today = w.Today();
    std::vector<Placement> placements;
    PlacementRepository(*w.db).ForEachOfChild(child->id, [&](const Placement& p) {
      placements.push_back(p);
      return true;
    });
    w.Audit("placement.list", "child", child->case_reference, {child->id});
    tx.Commit();
    for (const Placement& p : placements) {
      if (!visit(w.Visible(p, scope, today))) break;
    }
    return Status::Ok();
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("listing the placements of child {}", child_ref));
  }
}

KINBRIDGE_NAMESPACE_END
