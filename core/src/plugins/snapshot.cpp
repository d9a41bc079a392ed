#include "plugins/snapshot.h"

#include <string>

namespace kinbridge::detail {

SnapshotWithKeys MakeSnapshot(const Child& child, const std::vector<Relation>& relations,
                              const std::vector<Restriction>& restrictions,
                              const std::vector<Placement>& placements, const std::string& country,
                              Date today) {
  SnapshotWithKeys result;
  plugin::CaseSnapshot& s = result.snapshot;
  s.key = "C1";
  s.age_years = child.birth_date.AgeOn(today);
  s.country = country;
  for (const Placement& p : placements) {
    const bool current = p.start <= today && (!p.end || today < *p.end);
    if (!current) continue;
    s.placement_type = std::string(PlacementTypeName(p.type));
    s.legal_basis = std::string(LegalBasisName(p.legal_basis));
    const int months = (today.year() - p.start.year()) * 12 + static_cast<int>(today.month()) -
                       static_cast<int>(p.start.month()) - (today.day() < p.start.day() ? 1 : 0);
    s.months_in_placement = months < 0 ? 0 : months;
  }
  const bool left_behind = s.placement_type == "left-behind";
  int index = 0;
  for (const Relation& r : relations) {
    plugin::RelationSnapshot rs;
    rs.key = "R" + std::to_string(++index);
    rs.kind = std::string(RelationKindName(r.kind));
    if (r.birth_date) rs.age_years = r.birth_date->AgeOn(today);
    rs.caregiver = r.caregiver;
    rs.in_contact = r.in_contact;
    // A left-behind child's parents are, by definition, working away from home.
    rs.lives_away = left_behind && !r.caregiver &&
                    (r.kind == RelationKind::kMother || r.kind == RelationKind::kFather);
    for (const Restriction& restriction : restrictions) {
      if (restriction.relation_id == r.id && restriction.InForceOn(today)) {
        rs.restrictions.emplace_back(RestrictionKindName(restriction.kind));
      }
    }
    result.relation_ids[rs.key] = r.id;
    s.relations.push_back(std::move(rs));
  }
  return result;
}

}  // namespace kinbridge::detail
