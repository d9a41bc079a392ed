// Huangshan's adaptation (cn.huangshan.group) of Vara's contact method, built on the real base:
// metadata and FRAME records, left-behind children's calls, delegation, groups, leaders.
#include "huangshan_group/huangshan_group_method.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "method_test_support.h"
#include "vara_contact/vara_contact_method.h"

namespace kinbridge::methods {
namespace {

using plugin::CaseSnapshot;
using plugin::FidelityClass;
using plugin::Finding;
using plugin::GroupProposal;
using plugin::InLanguage;
using plugin::LeaderSnapshot;
using plugin::MethodContext;
using plugin::PlanDraft;
using plugin::Severity;
using testing::ArrangementsFor;
using testing::DefaultContext;
using testing::Dump;
using ::testing::ElementsAre;
using testing::ElinCase;
using testing::ExpectCompleteArrangements;
using testing::ExpectCompleteFindings;
using testing::FindFinding;
using testing::IsComplete;
using testing::LiMingCase;
using testing::Relation;
using ::testing::SizeIs;
using testing::TestHost;

class HuangshanGroupTest : public ::testing::Test {
 protected:
  std::shared_ptr<plugin::Method> base_ = MakeVaraContactMethod();
  std::shared_ptr<plugin::Method> method_ = MakeHuangshanGroupMethod(base_);
  TestHost host_;
  MethodContext ctx_ = DefaultContext(*method_, &host_);
  const plugin::ContactPlanning& planning_ = *method_->contact_planning();
  const plugin::GroupPlanning& groups_ = *method_->group_planning();
};

std::vector<std::string> Subjects(const std::vector<Finding>& findings, const std::string& code) {
  std::vector<std::string> out;
  for (const auto& f : findings) {
    if (f.code == code) out.push_back(f.subject);
  }
  return out;
}

CaseSnapshot Child(std::string key, int age, std::string school = "S1",
                   std::string sibling_group = "") {
  CaseSnapshot c;
  c.key = std::move(key);
  c.age_years = age;
  c.placement_type = "left-behind";
  c.country = "CN";
  c.school_key = std::move(school);
  c.sibling_group = std::move(sibling_group);
  return c;
}

// Group label of each child.
std::map<std::string, std::string> GroupOf(const GroupProposal& p) {
  std::map<std::string, std::string> out;
  for (const auto& g : p.groups) {
    for (const auto& m : g.members) {
      EXPECT_TRUE(out.emplace(m, g.label).second) << m << " is in two groups";
    }
  }
  return out;
}

// --- Metadata and FRAME ------------------------------------------------------------------------

TEST_F(HuangshanGroupTest, DescribesItselfAsAnAdaptationOfVara) {
  const auto& info = method_->Info();
  EXPECT_EQ(info.id, "cn.huangshan.group");
  EXPECT_EQ(info.version, "1.0.0");
  EXPECT_EQ(info.kind, "contact");
  EXPECT_EQ(InLanguage(info.origin, "en"), "Huangshan, China");
  EXPECT_EQ(InLanguage(info.origin, "zh_CN"), "中国黄山");
  EXPECT_EQ(info.base_id, "se.vara.contact");
  EXPECT_EQ(info.base_range, "^1");
  testing::ExpectCompleteInfo(info);
}

TEST_F(HuangshanGroupTest, DeclaresTheBasesParametersAndItsOwn) {
  std::set<std::string> names;
  for (const auto& spec : method_->Info().parameters) names.insert(spec.name);
  for (const auto& spec : base_->Info().parameters)
    EXPECT_TRUE(names.count(spec.name)) << spec.name;
  EXPECT_EQ(ctx_.Integer("group_size_max"), 8);
  EXPECT_EQ(ctx_.Integer("age_band_years"), 3);
  EXPECT_EQ(ctx_.Integer("call_minutes"), 30);
  EXPECT_EQ(ctx_.Text("family_call_time"), "19:00");
}

TEST_F(HuangshanGroupTest, KeepsTheBasesCoreComponentsAndAddsATrainedLeader) {
  std::map<std::string, FidelityClass> classes;
  for (const auto& c : method_->Info().components) classes[c.id] = c.fidelity;
  for (const auto& c : base_->Info().components) {
    ASSERT_TRUE(classes.count(c.id)) << c.id;
    EXPECT_EQ(classes.at(c.id), c.fidelity) << c.id;
  }
  EXPECT_EQ(classes.at("trained-leader"), FidelityClass::kEssential);
}

TEST_F(HuangshanGroupTest, CapabilitiesOverrideAndDelegate) {
  EXPECT_EQ(method_->contact_planning(), &planning_);
  EXPECT_NE(method_->contact_planning(), base_->contact_planning());
  EXPECT_NE(method_->group_planning(), nullptr);
  EXPECT_EQ(method_->follow_up(), base_->follow_up());
  EXPECT_EQ(method_->assessment(), nullptr);
}

TEST_F(HuangshanGroupTest, FrameRecordsAreCompleteAndFidelityConsistent) {
  const auto& frame = method_->Info().frame;
  ASSERT_GE(frame.size(), 4U);
  const std::set<std::string> whats = {"content", "context", "training", "implementation"};
  for (const auto& r : frame) {
    SCOPED_TRACE(r.nature + " " + InLanguage(r.reason, "en"));
    EXPECT_EQ(r.when, "implementation");
    EXPECT_TRUE(r.planned);
    EXPECT_EQ(InLanguage(r.decided_by, "en"), "programme manager with Vara's method developer");
    // Read in Vara and in Huangshan: every text in all three languages.
    EXPECT_TRUE(IsComplete(r.decided_by));
    EXPECT_TRUE(IsComplete(r.goal));
    EXPECT_TRUE(IsComplete(r.reason));
    EXPECT_TRUE(whats.count(r.what));
    EXPECT_FALSE(r.level.empty());
    EXPECT_FALSE(r.nature.empty());
    EXPECT_TRUE(r.fidelity_consistent);
    EXPECT_TRUE(IsComplete(r.description));
  }
  auto has = [&](const std::string& what, const std::string& level, const std::string& nature) {
    return std::any_of(frame.begin(), frame.end(), [&](const auto& r) {
      return r.what == what && r.level == level && r.nature == nature;
    });
  };
  EXPECT_TRUE(has("context", "group", "format"));       // individual -> group
  EXPECT_TRUE(has("context", "individual", "format"));  // visits -> video calls
  EXPECT_TRUE(has("context", "organisation", "personnel"));
  EXPECT_TRUE(has("content", "individual", "tailoring"));  // Sunday evening calls
  EXPECT_TRUE(std::any_of(frame.begin(), frame.end(), [](const auto& r) {
    return InLanguage(r.reason, "en") == "parents work six days a week";
  }));
  EXPECT_TRUE(std::any_of(frame.begin(), frame.end(), [](const auto& r) {
    return InLanguage(r.reason, "zh_CN") == "父母在外地务工";
  }));
}

TEST(HuangshanGroupMakeTest, RefusesAMissingBase) {
  EXPECT_THROW(MakeHuangshanGroupMethod(nullptr), std::invalid_argument);
}

// --- Contact planning ----------------------------------------------------------------------------

TEST_F(HuangshanGroupTest, LiMingGetsSundayEveningVideoCallsWithEachParent) {
  const auto proposal = planning_.Propose(LiMingCase(), ctx_);
  ExpectCompleteArrangements(proposal.arrangements);
  ExpectCompleteFindings(proposal.findings);
  ASSERT_THAT(proposal.arrangements, SizeIs(2)) << Dump(proposal);
  for (const auto& key : {"R1", "R2"}) {
    const auto calls = ArrangementsFor(proposal, key);
    ASSERT_THAT(calls, SizeIs(1)) << key;
    EXPECT_EQ(calls[0].mode, "video");
    EXPECT_EQ(calls[0].rrule, "FREQ=WEEKLY;BYDAY=SU");
    EXPECT_EQ(calls[0].start_time, "19:00");
    EXPECT_EQ(calls[0].duration_minutes, 30);
    EXPECT_EQ(calls[0].venue, "support centre");
    EXPECT_EQ(calls[0].supervision, "monitored");
  }
  // The grandparents care for him: no arrangement, an explanation each.
  EXPECT_THAT(Subjects(proposal.findings, "caregiver-grandparent"), ElementsAre("R3", "R4"));
  EXPECT_EQ(FindFinding(proposal.findings, "caregiver"), nullptr);
  EXPECT_EQ(FindFinding(proposal.findings, "caregiver-grandparent")->severity, Severity::kInfo);
  EXPECT_EQ(proposal.review_after_months, 3);
}

TEST_F(HuangshanGroupTest, LiMingsProposalValidatesForApproval) {
  PlanDraft plan;
  plan.arrangements = planning_.Propose(LiMingCase(), ctx_).arrangements;
  plan.child_view_recorded = true;
  plan.for_approval = true;
  const auto v = planning_.Validate(plan, LiMingCase(), ctx_);
  EXPECT_TRUE(v.findings.empty()) << Dump(v.findings);
}

TEST_F(HuangshanGroupTest, SiblingsOfALeftBehindChildGetTheBasesProposal) {
  auto child = LiMingCase();
  child.relations.push_back(Relation("R5", "sibling"));
  const auto ours = ArrangementsFor(planning_.Propose(child, ctx_), "R5");
  const auto vara = ArrangementsFor(base_->contact_planning()->Propose(child, ctx_), "R5");
  ASSERT_THAT(ours, SizeIs(1));
  EXPECT_EQ(Dump(ours), Dump(vara));
}

TEST_F(HuangshanGroupTest, ChildrenNotLeftBehindGetExactlyTheBasesProposal) {
  const auto child = ElinCase();
  EXPECT_EQ(Dump(planning_.Propose(child, ctx_)),
            Dump(base_->contact_planning()->Propose(child, ctx_)));
}

TEST_F(HuangshanGroupTest, RestrictionsStillHoldForLeftBehindChildren) {
  auto child = LiMingCase();
  child.relations[0].restrictions = {"no-contact"};
  child.relations[1].restrictions = {"supervised-only"};
  const auto proposal = planning_.Propose(child, ctx_);
  EXPECT_THAT(ArrangementsFor(proposal, "R1"), SizeIs(0));
  EXPECT_THAT(Subjects(proposal.findings, "no-contact-restriction"), ElementsAre("R1"));
  const auto father = ArrangementsFor(proposal, "R2");
  ASSERT_THAT(father, SizeIs(1));
  EXPECT_EQ(father[0].supervision, "supervised");
  EXPECT_EQ(proposal.review_after_months, 3);
}

TEST_F(HuangshanGroupTest, ParametersAndProfilesChangeTheCall) {
  ctx_.parameters["call_minutes"] = std::int64_t{20};  // SCENARIOS §4's profile
  ctx_.parameters["family_call_time"] = std::string("20:30");
  auto calls = ArrangementsFor(planning_.Propose(LiMingCase(), ctx_), "R1");
  ASSERT_THAT(calls, SizeIs(1));
  EXPECT_EQ(calls[0].duration_minutes, 20);
  EXPECT_EQ(calls[0].start_time, "20:30");
  EXPECT_NE(calls[0].rationale.at("sv").find("kl. 20.30"), std::string::npos);

  ctx_.parameters["family_call_time"] = std::string("25:00");  // not a time: the default
  calls = ArrangementsFor(planning_.Propose(LiMingCase(), ctx_), "R1");
  EXPECT_EQ(calls.at(0).start_time, "19:00");
}

TEST_F(HuangshanGroupTest, ValidationIsTheBasesPlusMigrantParentsCalls) {
  auto child = LiMingCase();
  child.relations.push_back(Relation("R5", "other", {"no-contact"}));
  PlanDraft plan;
  plan.arrangements = planning_.Propose(child, ctx_).arrangements;
  plan.arrangements.erase(plan.arrangements.begin() + 1);  // no call with the father
  plan.arrangements.push_back(plan.arrangements[0]);
  plan.arrangements.back().relation_key = "R5";
  const auto v = planning_.Validate(plan, child, ctx_);
  ExpectCompleteFindings(v.findings);
  EXPECT_THAT(Subjects(v.findings, "restricted-relation"), ElementsAre("R5"));  // the base's
  EXPECT_THAT(Subjects(v.findings, "migrant-parent-without-video"), ElementsAre("R2"));
  EXPECT_EQ(FindFinding(v.findings, "migrant-parent-without-video")->severity, Severity::kWarning);
}

TEST_F(HuangshanGroupTest, SameInputGivesTheSameOutput) {
  EXPECT_EQ(Dump(planning_.Propose(LiMingCase(), ctx_)),
            Dump(planning_.Propose(LiMingCase(), ctx_)));
}

TEST_F(HuangshanGroupTest, FollowUpIsTheBases) {
  plugin::DeliveryRecord delivered;
  plugin::DeliveredArrangement call;
  call.relation_key = "R1";
  call.mode = "video";
  call.planned = 10;
  call.held = 4;
  delivered.arrangements = {call};
  const auto ours = method_->follow_up()->Review(delivered, LiMingCase(), ctx_);
  EXPECT_DOUBLE_EQ(ours.adherence.at("R1:video"), 0.4);
  EXPECT_EQ(Dump(ours), Dump(base_->follow_up()->Review(delivered, LiMingCase(), ctx_)));
}

// --- Groups ------------------------------------------------------------------------------------

TEST_F(HuangshanGroupTest, FormsGroupsByAgeBand) {
  std::vector<CaseSnapshot> children;
  for (int age = 7; age <= 17; ++age) children.push_back(Child("K" + std::to_string(age), age));
  const auto p = groups_.FormGroups(children, ctx_);
  const auto of = GroupOf(p);
  EXPECT_EQ(of.at("K8"), "8–10 (1)");
  EXPECT_EQ(of.at("K10"), "8–10 (1)");
  EXPECT_EQ(of.at("K11"), "11–13 (1)");
  EXPECT_EQ(of.at("K13"), "11–13 (1)");
  EXPECT_EQ(of.at("K14"), "14–16 (1)");
  EXPECT_EQ(of.at("K16"), "14–16 (1)");
  EXPECT_FALSE(of.count("K7"));
  EXPECT_FALSE(of.count("K17"));
  EXPECT_THAT(Subjects(p.findings, "outside-age-range"), ElementsAre("K17", "K7"));
  ExpectCompleteFindings(p.findings);
}

TEST_F(HuangshanGroupTest, GroupsHoldAtMostTheMaximumAndAreBalanced) {
  std::vector<CaseSnapshot> children;
  for (int i = 0; i < 20; ++i) children.push_back(Child("K" + std::to_string(100 + i), 9));
  auto p = groups_.FormGroups(children, ctx_);
  ASSERT_THAT(p.groups, SizeIs(3));
  std::size_t total = 0;
  for (const auto& g : p.groups) {
    EXPECT_LE(g.members.size(), 8U);
    EXPECT_GE(g.members.size(), 6U);
    total += g.members.size();
  }
  EXPECT_EQ(total, 20U);
  EXPECT_EQ(GroupOf(p).size(), 20U);

  ctx_.parameters["group_size_max"] = std::int64_t{4};
  p = groups_.FormGroups(children, ctx_);
  EXPECT_THAT(p.groups, SizeIs(5));
  for (const auto& g : p.groups) EXPECT_LE(g.members.size(), 4U);
}

TEST_F(HuangshanGroupTest, KeepsSiblingsTogether) {
  std::vector<CaseSnapshot> children;
  for (int i = 0; i < 14; ++i) children.push_back(Child("K" + std::to_string(100 + i), 9));
  children.push_back(Child("A1", 9, "S1", "F1"));
  children.push_back(Child("Z1", 12, "S2", "F1"));  // older brother, other school, other band
  children.push_back(Child("M1", 10, "S1", "F2"));
  children.push_back(Child("M2", 9, "S1", "F2"));
  children.push_back(Child("M3", 8, "S1", "F2"));
  const auto p = groups_.FormGroups(children, ctx_);
  const auto of = GroupOf(p);
  EXPECT_EQ(of.at("A1"), of.at("Z1"));
  EXPECT_EQ(of.at("M1"), of.at("M2"));
  EXPECT_EQ(of.at("M1"), of.at("M3"));
  for (const auto& g : p.groups) EXPECT_LE(g.members.size(), 8U);
  EXPECT_EQ(of.size(), children.size());
  EXPECT_THAT(Subjects(p.findings, "siblings-across-bands"), ElementsAre("F1"));
  ExpectCompleteFindings(p.findings);
}

TEST_F(HuangshanGroupTest, SplitsASiblingGroupLargerThanAGroupWithAWarning) {
  std::vector<CaseSnapshot> children;
  for (int i = 0; i < 10; ++i) children.push_back(Child("K" + std::to_string(i), 9, "S1", "F1"));
  const auto p = groups_.FormGroups(children, ctx_);
  for (const auto& g : p.groups) EXPECT_LE(g.members.size(), 8U);
  EXPECT_EQ(GroupOf(p).size(), 10U);
  EXPECT_EQ(FindFinding(p.findings, "sibling-group-too-large")->severity, Severity::kWarning);
}

TEST_F(HuangshanGroupTest, GroupsBySchoolFirstAndMeetsAtTheSchool) {
  std::vector<CaseSnapshot> children;
  for (int i = 0; i < 5; ++i) children.push_back(Child("A" + std::to_string(i), 9, "S1"));
  for (int i = 0; i < 5; ++i) children.push_back(Child("B" + std::to_string(i), 9, "S2"));
  children.push_back(Child("C0", 9, "S3"));
  children.push_back(Child("C1", 9, "S3"));
  children.push_back(Child("D0", 10, "S4"));
  children.push_back(Child("D1", 10, "S4"));
  children.push_back(Child("E0", 10, ""));
  const auto p = groups_.FormGroups(children, ctx_);
  ASSERT_THAT(p.groups, SizeIs(3)) << Dump(p);
  ASSERT_THAT(p.sessions, SizeIs(3));
  const auto of = GroupOf(p);
  // Each large school its own group, at the school; the small ones pooled at the centre.
  for (int i = 1; i < 5; ++i) {
    EXPECT_EQ(of.at("A" + std::to_string(i)), of.at("A0"));
    EXPECT_EQ(of.at("B" + std::to_string(i)), of.at("B0"));
  }
  EXPECT_NE(of.at("A0"), of.at("B0"));
  EXPECT_EQ(of.at("C0"), of.at("D0"));
  EXPECT_EQ(of.at("C0"), of.at("E0"));
  for (std::size_t i = 0; i < p.groups.size(); ++i) {
    const bool pooled = p.groups[i].members.front() == "C0";
    EXPECT_EQ(p.sessions[i].venue, pooled ? "support centre" : "school") << p.groups[i].label;
  }
}

TEST_F(HuangshanGroupTest, ProposesAWeeklyThursdaySessionPerGroup) {
  std::vector<CaseSnapshot> children = {Child("K1", 9), Child("K2", 12)};
  const auto p = groups_.FormGroups(children, ctx_);
  ASSERT_THAT(p.groups, SizeIs(2));
  ASSERT_THAT(p.sessions, SizeIs(2));
  for (const auto& s : p.sessions) {
    EXPECT_EQ(s.mode, "group");
    EXPECT_EQ(s.rrule, "FREQ=WEEKLY;BYDAY=TH");
    EXPECT_EQ(s.start_time, "15:30");
    EXPECT_EQ(s.venue, "school");
    EXPECT_TRUE(IsComplete(s.rationale));
  }
  ExpectCompleteArrangements(p.sessions);
}

TEST_F(HuangshanGroupTest, GroupingIsDeterministicAndIndependentOfInputOrder) {
  std::vector<CaseSnapshot> children;
  for (int i = 0; i < 30; ++i) {
    children.push_back(Child("K" + std::to_string(100 + i), 8 + i % 9, "S" + std::to_string(i % 3),
                             i % 7 == 0 ? "F" + std::to_string(i % 2) : ""));
  }
  const auto first = groups_.FormGroups(children, ctx_);
  EXPECT_EQ(Dump(first), Dump(groups_.FormGroups(children, ctx_)));
  std::reverse(children.begin(), children.end());
  EXPECT_EQ(Dump(first), Dump(groups_.FormGroups(children, ctx_)));
  EXPECT_EQ(GroupOf(first).size(), 30U);
}

TEST_F(HuangshanGroupTest, RefusesAnUntrainedLeader) {
  LeaderSnapshot leader;
  leader.key = "L1";
  leader.role = "teacher";
  auto v = groups_.CheckLeader(leader, ctx_);
  EXPECT_TRUE(v.HasErrors());
  EXPECT_THAT(Subjects(v.findings, "untrained-leader"), ElementsAre("L1"));
  EXPECT_EQ(FindFinding(v.findings, "untrained-leader")->component, "trained-leader");
  ExpectCompleteFindings(v.findings);

  // SCENARIOS §3.4: Zhang Wei, trained on 15 March 2026.
  leader.trained_in_method = true;
  leader.trained_on = "2026-03-15";
  v = groups_.CheckLeader(leader, ctx_);
  EXPECT_TRUE(v.findings.empty());

  leader.trained_on.clear();
  v = groups_.CheckLeader(leader, ctx_);
  EXPECT_FALSE(v.HasErrors());
  EXPECT_NE(FindFinding(v.findings, "training-date-unknown"), nullptr);
}

}  // namespace
}  // namespace kinbridge::methods
