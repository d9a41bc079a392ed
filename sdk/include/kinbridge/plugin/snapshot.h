// What a method sees of a case: a pseudonymised snapshot. Ages, placement, relations by kind and
// restriction, history counts, whether the child's view is recorded — never a name, national
// id, address or note.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace kinbridge::plugin {

struct RelationSnapshot {
  std::string key;   // pseudonym within this snapshot: "R1", "R2"...
  std::string kind;  // "mother", "father", "sibling", "grandparent", "other"
  std::optional<int> age_years;
  bool caregiver = false;   // cares for the child day to day
  bool in_contact = true;   // the child is in contact with this person
  bool lives_away = false;  // lives far from the child (e.g. a migrant parent)
  // Restrictions in force: "supervised-only", "no-contact", "secret-address".
  std::vector<std::string> restrictions;
  std::string sibling_group;  // siblings in the same snapshot set share this key

  bool Has(const std::string& restriction) const {
    for (const auto& r : restrictions) {
      if (r == restriction) return true;
    }
    return false;
  }
};

struct CaseSnapshot {
  std::string key;  // pseudonym: "C1"
  int age_years = 0;
  std::string placement_type;  // "foster-family", "kinship", "residential", "left-behind",
                               // "own-home", "" when none
  std::string legal_basis;     // "voluntary", "compulsory", ""
  std::string country;         // the municipality's country: "SE", "CN"
  int months_in_placement = 0;
  std::vector<RelationSnapshot> relations;
  // History: contact events in the last 90 days (counts only).
  int contacts_planned_90_days = 0;
  int contacts_held_90_days = 0;
  bool child_view_recorded = false;
  std::string school_key;     // pseudonym of the school, to group children by school
  std::string sibling_group;  // children who are siblings share this key
};

}  // namespace kinbridge::plugin
