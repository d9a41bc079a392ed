// The weekly call method's rules, called directly (no plugin file, no host).
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <kinbridge/plugin/capabilities.h>
#include <kinbridge/plugin/snapshot.h>

#include "weekly_call_method.h"

namespace weekly_call {
namespace {

using kinbridge::plugin::CaseSnapshot;
using kinbridge::plugin::ContactProposal;
using kinbridge::plugin::MethodContext;
using kinbridge::plugin::PlanDraft;
using kinbridge::plugin::RelationSnapshot;
using kinbridge::plugin::Severity;

RelationSnapshot Relation(std::string key, std::string kind) {
  RelationSnapshot r;
  r.key = std::move(key);
  r.kind = std::move(kind);
  return r;
}

// A child with a mother (R1), a father (R2) and a grandmother who cares for the child (R3).
CaseSnapshot Child() {
  CaseSnapshot child;
  child.key = "C1";
  child.age_years = 9;
  child.placement_type = "kinship";
  child.relations = {Relation("R1", "mother"), Relation("R2", "father"),
                     Relation("R3", "grandparent")};
  child.relations[2].caregiver = true;
  return child;
}

MethodContext Context() {
  MethodContext ctx;
  ctx.today = "2026-09-15";
  ctx.language = "en";
  return ctx;  // no parameters: the method uses its defaults
}

ContactProposal Propose(const CaseSnapshot& child, const MethodContext& ctx = Context()) {
  return MakeWeeklyCallMethod()->contact_planning()->Propose(child, ctx);
}

TEST(WeeklyCallMethod, ProposesASundayCallWithEachParentInContact) {
  const ContactProposal proposal = Propose(Child());
  ASSERT_EQ(proposal.arrangements.size(), 2u);
  EXPECT_EQ(proposal.arrangements[0].relation_key, "R1");
  EXPECT_EQ(proposal.arrangements[1].relation_key, "R2");
  for (const auto& call : proposal.arrangements) {
    EXPECT_EQ(call.mode, "phone");
    EXPECT_EQ(call.rrule, "FREQ=WEEKLY;BYDAY=SU");
    EXPECT_EQ(call.start_time, "18:00");
    EXPECT_EQ(call.duration_minutes, 20);
    EXPECT_EQ(call.supervision, "unsupervised");
  }
  EXPECT_TRUE(proposal.findings.empty());
}

TEST(WeeklyCallMethod, RespectsRestrictions) {
  CaseSnapshot child = Child();
  child.relations[0].restrictions = {"supervised-only"};
  child.relations[1].restrictions = {"no-contact"};
  const ContactProposal proposal = Propose(child);
  ASSERT_EQ(proposal.arrangements.size(), 1u);
  EXPECT_EQ(proposal.arrangements[0].relation_key, "R1");
  EXPECT_EQ(proposal.arrangements[0].supervision, "supervised");
}

TEST(WeeklyCallMethod, SaysWhyWhenThereIsNoParentToCall) {
  CaseSnapshot child = Child();
  child.relations[0].in_contact = false;
  child.relations[1].caregiver = true;
  const ContactProposal proposal = Propose(child);
  EXPECT_TRUE(proposal.arrangements.empty());
  ASSERT_EQ(proposal.findings.size(), 1u);
  EXPECT_EQ(proposal.findings[0].code, "no-parent-to-call");
}

TEST(WeeklyCallMethod, ParametersSetTimeAndLengthWithinTheirBounds) {
  MethodContext ctx = Context();
  ctx.parameters["call_hour"] = std::int64_t{9};
  ctx.parameters["call_minutes"] = std::int64_t{500};  // above the maximum of 60
  const ContactProposal proposal = Propose(Child(), ctx);
  ASSERT_FALSE(proposal.arrangements.empty());
  EXPECT_EQ(proposal.arrangements[0].start_time, "09:00");
  EXPECT_EQ(proposal.arrangements[0].duration_minutes, 60);
}

TEST(WeeklyCallMethod, ValidationWarnsAboutAParentWithoutACallAndNeedsTheChildsView) {
  const auto method = MakeWeeklyCallMethod();
  PlanDraft plan;
  plan.arrangements = Propose(Child()).arrangements;
  plan.arrangements.pop_back();  // no call with the father (R2)
  plan.for_approval = true;
  const auto findings = method->contact_planning()->Validate(plan, Child(), Context()).findings;
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].code, "parent-without-call");
  EXPECT_EQ(findings[0].subject, "R2");
  EXPECT_EQ(findings[0].severity, Severity::kWarning);
  EXPECT_EQ(findings[1].code, "child-view-missing");
  EXPECT_EQ(findings[1].severity, Severity::kError);

  plan.child_view_recorded = true;
  plan.arrangements = Propose(Child()).arrangements;
  EXPECT_TRUE(method->contact_planning()->Validate(plan, Child(), Context()).findings.empty());
}

}  // namespace
}  // namespace weekly_call
