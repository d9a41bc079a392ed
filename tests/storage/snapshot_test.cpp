// What a method sees of a case: ages, kinds, flags and counts — never a name, national id,
// address, note, decision reference or reason.
#include "plugins/snapshot.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace kinbridge::detail {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

const Date kToday(2026, 11, 29);

// Every text a snapshot holds, concatenated, to search for planted personal data.
std::string AllText(const plugin::CaseSnapshot& s) {
  std::string text = s.key + "|" + s.placement_type + "|" + s.legal_basis + "|" + s.country + "|" +
                     s.school_key + "|" + s.sibling_group;
  for (const auto& r : s.relations) {
    text += "|" + r.key + "|" + r.kind + "|" + r.sibling_group;
    for (const auto& restriction : r.restrictions) text += "|" + restriction;
  }
  return text;
}

struct PlantedCase {
  Child child;
  std::vector<Relation> relations;
  std::vector<Restriction> restrictions;
  std::vector<Placement> placements;
};

PlantedCase Planted(PlacementType type) {
  PlantedCase c;
  c.child.id = 7;
  c.child.case_reference = "VAR-2026-0042";
  c.child.name = "Zelmira Qvarnström";
  c.child.birth_date = Date(2017, 3, 14);
  NationalId nid;
  nid.canonical = "201703142388";
  c.child.national_id = nid;
  c.child.school = "Hemligskolan";
  Relation mother;
  mother.id = 11;
  mother.child_id = 7;
  mother.person_name = "Orvokki Qvarnström";
  mother.kind = RelationKind::kMother;
  mother.description = "lives at Dolda gatan 5";
  Relation brother;
  brother.id = 12;
  brother.child_id = 7;
  brother.person_name = "Xerxes Qvarnström";
  brother.kind = RelationKind::kSibling;
  brother.birth_date = Date(2014, 6, 2);
  Relation grandmother;
  grandmother.id = 13;
  grandmother.child_id = 7;
  grandmother.person_name = "Ingeborg Qvarnström";
  grandmother.kind = RelationKind::kGrandparent;
  grandmother.caregiver = type == PlacementType::kLeftBehindWithRelatives;
  c.relations = {mother, brother, grandmother};
  Restriction supervised;
  supervised.relation_id = 11;
  supervised.kind = RestrictionKind::kSupervisedOnly;
  supervised.decision_reference = "SN 2026/HEMLIG";
  supervised.reason = "Beslutsskäl som inte får lämna arbetsytan";
  supervised.valid_from = Date(2026, 9, 1);
  supervised.review_date = Date(2026, 12, 1);
  Restriction lifted = supervised;
  lifted.relation_id = 12;
  lifted.kind = RestrictionKind::kNoContact;
  lifted.lifted_on = Date(2026, 10, 1);
  c.restrictions = {supervised, lifted};
  Placement placement;
  placement.child_id = 7;
  placement.type = type;
  placement.legal_basis = LegalBasis::kCompulsory;
  placement.caregivers = "Familjehemmet Undangömd";
  placement.start = Date(2025, 5, 12);
  placement.address = "Prästgårdsvägen 4, Vara";
  placement.address_protected = true;
  c.placements = {placement};
  return c;
}

TEST(SnapshotTest, CarriesNoNameIdAddressNoteOrDecision) {
  const PlantedCase c = Planted(PlacementType::kFosterFamily);
  const SnapshotWithKeys s =
      MakeSnapshot(c.child, c.relations, c.restrictions, c.placements, "SE", kToday);
  const std::string text = AllText(s.snapshot);
  for (const char* planted : {"Zelmira", "Qvarnström", "Orvokki", "Xerxes", "Ingeborg",
                              "201703142388", "2388", "Hemligskolan", "Dolda", "HEMLIG",
                              "Beslutsskäl", "Undangömd", "Prästgårdsvägen", "VAR-2026-0042"}) {
    EXPECT_THAT(text, Not(HasSubstr(planted))) << "the snapshot carries " << planted;
  }
}

TEST(SnapshotTest, HoldsAgesKindsRestrictionsInForceAndThePlacement) {
  const PlantedCase c = Planted(PlacementType::kFosterFamily);
  const SnapshotWithKeys s =
      MakeSnapshot(c.child, c.relations, c.restrictions, c.placements, "SE", kToday);
  EXPECT_EQ(s.snapshot.key, "C1");
  EXPECT_EQ(s.snapshot.age_years, 9);
  EXPECT_EQ(s.snapshot.placement_type, "foster-family");
  EXPECT_EQ(s.snapshot.legal_basis, "compulsory");
  EXPECT_EQ(s.snapshot.country, "SE");
  EXPECT_EQ(s.snapshot.months_in_placement, 18);
  ASSERT_EQ(s.snapshot.relations.size(), 3u);
  EXPECT_EQ(s.snapshot.relations[0].key, "R1");
  EXPECT_EQ(s.snapshot.relations[0].kind, "mother");
  EXPECT_THAT(s.snapshot.relations[0].restrictions, ElementsAre("supervised-only"));
  // A lifted restriction is not in force.
  EXPECT_TRUE(s.snapshot.relations[1].restrictions.empty());
  EXPECT_EQ(s.snapshot.relations[1].age_years, 12);
  EXPECT_FALSE(s.snapshot.relations[0].lives_away);
  // The pseudonyms map back to the relations for the worker, never for the method.
  EXPECT_EQ(s.relation_ids.at("R1"), 11);
  EXPECT_EQ(s.relation_ids.at("R3"), 13);
}

TEST(SnapshotTest, ParentsOfALeftBehindChildLiveAway) {
  const PlantedCase c = Planted(PlacementType::kLeftBehindWithRelatives);
  const SnapshotWithKeys s =
      MakeSnapshot(c.child, c.relations, c.restrictions, c.placements, "CN", kToday);
  EXPECT_EQ(s.snapshot.placement_type, "left-behind");
  EXPECT_TRUE(s.snapshot.relations[0].lives_away);   // mother
  EXPECT_FALSE(s.snapshot.relations[1].lives_away);  // sibling
  EXPECT_TRUE(s.snapshot.relations[2].caregiver);    // grandmother
  EXPECT_FALSE(s.snapshot.relations[2].lives_away);
}

TEST(SnapshotTest, AnEndedPlacementIsNotCurrent) {
  PlantedCase c = Planted(PlacementType::kFosterFamily);
  c.placements[0].end = Date(2026, 1, 1);
  const SnapshotWithKeys s =
      MakeSnapshot(c.child, c.relations, c.restrictions, c.placements, "SE", kToday);
  EXPECT_EQ(s.snapshot.placement_type, "");
  EXPECT_EQ(s.snapshot.months_in_placement, 0);
}

}  // namespace
}  // namespace kinbridge::detail
