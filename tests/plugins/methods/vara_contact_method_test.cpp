// Vara's contact method (se.vara.contact), called directly: metadata, proposals for the
// scenario children, restrictions, validation, follow-up.
#include "vara_contact/vara_contact_method.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "method_test_support.h"

namespace kinbridge::methods {
namespace {

using plugin::Arrangement;
using plugin::CaseSnapshot;
using plugin::DeliveredArrangement;
using plugin::DeliveryRecord;
using plugin::FidelityClass;
using plugin::Finding;
using plugin::FollowUpReport;
using plugin::MethodContext;
using plugin::PlanDraft;
using plugin::Severity;
using plugin::Validation;
using testing::ArrangementsFor;
using testing::DefaultContext;
using testing::Dump;
using ::testing::ElementsAre;
using testing::ElinCase;
using testing::ExpectCompleteArrangements;
using testing::ExpectCompleteFindings;
using testing::FindFinding;
using testing::IsComplete;
using testing::Relation;
using ::testing::SizeIs;
using testing::TestHost;

class VaraContactTest : public ::testing::Test {
 protected:
  std::shared_ptr<plugin::Method> method_ = MakeVaraContactMethod();
  TestHost host_;
  MethodContext ctx_ = DefaultContext(*method_, &host_);
  const plugin::ContactPlanning& planning_ = *method_->contact_planning();
  const plugin::FollowUp& follow_up_ = *method_->follow_up();

  Validation Check(const PlanDraft& plan, const CaseSnapshot& child) const {
    Validation v = planning_.Validate(plan, child, ctx_);
    ExpectCompleteFindings(v.findings);
    return v;
  }
};

Arrangement Make(std::string key, std::string mode, std::string rrule, std::string supervision,
                 std::string venue) {
  Arrangement a;
  a.relation_key = std::move(key);
  a.mode = std::move(mode);
  a.rrule = std::move(rrule);
  a.start_time = "10:00";
  a.duration_minutes = 60;
  a.supervision = std::move(supervision);
  a.venue = std::move(venue);
  return a;
}

// Findings with `code`, in order.
std::vector<std::string> Subjects(const std::vector<Finding>& findings, const std::string& code) {
  std::vector<std::string> out;
  for (const auto& f : findings) {
    if (f.code == code) out.push_back(f.subject);
  }
  return out;
}

// --- Metadata ----------------------------------------------------------------------------------

TEST_F(VaraContactTest, DescribesItselfCompletelyInEveryLanguage) {
  const auto& info = method_->Info();
  EXPECT_EQ(info.id, "se.vara.contact");
  EXPECT_EQ(info.version, "1.0.0");
  EXPECT_EQ(info.kind, "contact");
  EXPECT_EQ(plugin::InLanguage(info.origin, "sv"), "Vara, Sverige");
  EXPECT_TRUE(info.base_id.empty());
  EXPECT_TRUE(info.frame.empty());
  testing::ExpectCompleteInfo(info);
}

TEST_F(VaraContactTest, OffersContactPlanningAndFollowUpOnly) {
  EXPECT_NE(method_->contact_planning(), nullptr);
  EXPECT_NE(method_->follow_up(), nullptr);
  EXPECT_EQ(method_->group_planning(), nullptr);
  EXPECT_EQ(method_->assessment(), nullptr);
}

TEST_F(VaraContactTest, DeclaresTheManualsParametersWithTheirDefaults) {
  EXPECT_EQ(ctx_.Integer("parent_visit_interval_weeks"), 2);
  EXPECT_EQ(ctx_.Integer("parent_visit_minutes"), 120);
  EXPECT_EQ(ctx_.Integer("parent_call_interval_weeks"), 1);
  EXPECT_EQ(ctx_.Integer("call_minutes"), 30);
  EXPECT_EQ(ctx_.Integer("sibling_interval_weeks"), 4);
  EXPECT_EQ(ctx_.Integer("grandparent_interval_weeks"), 4);
  EXPECT_EQ(ctx_.Integer("min_contacts_per_month_parent"), 2);
  EXPECT_EQ(ctx_.Integer("review_months"), 3);
  EXPECT_TRUE(ctx_.Flag("child_view_required"));
  EXPECT_DOUBLE_EQ(ctx_.Number("min_adherence"), 0.5);
}

TEST_F(VaraContactTest, DeclaresCoreComponentsWithFidelityClasses) {
  std::map<std::string, FidelityClass> classes;
  for (const auto& c : method_->Info().components) classes[c.id] = c.fidelity;
  EXPECT_EQ(classes, (std::map<std::string, FidelityClass>{
                         {"child-view", FidelityClass::kEssential},
                         {"parent-contact", FidelityClass::kEssential},
                         {"sibling-contact", FidelityClass::kNecessary},
                         {"restriction-safety", FidelityClass::kEssential},
                         {"network-contact", FidelityClass::kAcceptable},
                         {"unsupervised-despite-restriction", FidelityClass::kProscribed},
                     }));
}

// --- Proposals ---------------------------------------------------------------------------------

TEST_F(VaraContactTest, ProposesElinsPlanFromScenarioOne) {
  const auto proposal = planning_.Propose(ElinCase(), ctx_);
  ExpectCompleteArrangements(proposal.arrangements);
  ExpectCompleteFindings(proposal.findings);

  // Mother Sara, supervised only: supervised visits every other Saturday, two hours, at the
  // family centre, and no unsupervised calls.
  const auto sara = ArrangementsFor(proposal, "R1");
  ASSERT_THAT(sara, SizeIs(1));
  EXPECT_EQ(sara[0].mode, "visit");
  EXPECT_EQ(sara[0].rrule, "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA");
  EXPECT_EQ(sara[0].duration_minutes, 120);
  EXPECT_EQ(sara[0].supervision, "supervised");
  EXPECT_EQ(sara[0].venue, "family centre");

  // Father Johan: visits every other Saturday (monitored: compulsory care) and a weekly video
  // call.
  const auto johan = ArrangementsFor(proposal, "R2");
  ASSERT_THAT(johan, SizeIs(2));
  EXPECT_EQ(johan[0].mode, "visit");
  EXPECT_EQ(johan[0].rrule, "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA");
  EXPECT_EQ(johan[0].supervision, "monitored");
  EXPECT_EQ(johan[0].venue, "foster home");
  EXPECT_EQ(johan[1].mode, "video");
  EXPECT_EQ(johan[1].rrule, "FREQ=WEEKLY;BYDAY=WE");
  EXPECT_EQ(johan[1].duration_minutes, 30);
  EXPECT_EQ(johan[1].venue, "online");

  // Brother Oskar: a meeting every four weeks on Sunday.
  const auto oskar = ArrangementsFor(proposal, "R3");
  ASSERT_THAT(oskar, SizeIs(1));
  EXPECT_EQ(oskar[0].mode, "visit");
  EXPECT_EQ(oskar[0].rrule, "FREQ=WEEKLY;INTERVAL=4;BYDAY=SU");

  // Grandmother Birgitta: phone calls.
  const auto birgitta = ArrangementsFor(proposal, "R4");
  ASSERT_THAT(birgitta, SizeIs(1));
  EXPECT_EQ(birgitta[0].mode, "phone");
  EXPECT_EQ(birgitta[0].rrule, "FREQ=WEEKLY;INTERVAL=4;BYDAY=SU");

  EXPECT_THAT(proposal.arrangements, SizeIs(5));
  EXPECT_EQ(proposal.review_after_months, 3);
  EXPECT_NE(FindFinding(proposal.findings, "restriction-review"), nullptr);
  EXPECT_NE(FindFinding(proposal.findings, "child-view-needed"), nullptr);
}

TEST_F(VaraContactTest, RationalesExplainTheRestriction) {
  const auto sara = ArrangementsFor(planning_.Propose(ElinCase(), ctx_), "R1");
  ASSERT_THAT(sara, SizeIs(1));
  EXPECT_NE(sara[0].rationale.at("en").find("every other week"), std::string::npos);
  EXPECT_NE(sara[0].rationale.at("en").find("restricted to supervised"), std::string::npos);
  EXPECT_NE(sara[0].rationale.at("sv").find("varannan vecka"), std::string::npos);
  EXPECT_NE(sara[0].rationale.at("zh_CN").find("每两周"), std::string::npos);
}

TEST_F(VaraContactTest, ElinsProposalAsAmendedByAnnaValidatesForApproval) {
  // SCENARIOS §1.3: Elin wants to see Oskar more often; sibling meetings every other week.
  auto child = ElinCase();
  PlanDraft plan;
  plan.arrangements = planning_.Propose(child, ctx_).arrangements;
  for (auto& a : plan.arrangements) {
    if (a.relation_key == "R3") a.rrule = "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU";
  }
  plan.child_view_recorded = true;
  plan.for_approval = true;
  const auto v = Check(plan, child);
  EXPECT_TRUE(v.findings.empty()) << Dump(v.findings);
}

TEST_F(VaraContactTest, NoContactRelationGetsNoArrangementButAnExplanation) {
  auto child = ElinCase();
  child.relations[1].restrictions = {"no-contact"};
  const auto proposal = planning_.Propose(child, ctx_);
  EXPECT_THAT(ArrangementsFor(proposal, "R2"), SizeIs(0));
  const Finding* f = FindFinding(proposal.findings, "no-contact-restriction");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::kInfo);
  EXPECT_EQ(f->subject, "R2");
  EXPECT_EQ(f->component, "restriction-safety");
  EXPECT_TRUE(IsComplete(f->message));
  // And the rest of the plan is still proposed.
  EXPECT_THAT(ArrangementsFor(proposal, "R1"), SizeIs(1));
  EXPECT_THAT(ArrangementsFor(proposal, "R3"), SizeIs(1));
}

TEST_F(VaraContactTest, SecretAddressKeepsEveryArrangementAwayFromThePlacement) {
  auto child = ElinCase();
  child.relations[1].restrictions = {"secret-address"};
  child.relations[2].restrictions = {"secret-address"};
  const auto proposal = planning_.Propose(child, ctx_);
  for (const auto& key : {"R2", "R3"}) {
    for (const auto& a : ArrangementsFor(proposal, key)) {
      SCOPED_TRACE(std::string(key) + " " + a.mode);
      EXPECT_NE(a.venue, "foster home");
      EXPECT_NE(a.venue, "placement");
      if (a.mode == "visit") {
        EXPECT_EQ(a.venue, "family centre");
      }
    }
  }
  PlanDraft plan;
  plan.arrangements = proposal.arrangements;
  EXPECT_EQ(FindFinding(Check(plan, child).findings, "secret-address-venue"), nullptr);
}

TEST_F(VaraContactTest, RelationsNotInContactOrCaringGetNoArrangement) {
  auto child = ElinCase();
  child.relations[1].in_contact = false;
  child.relations[3].caregiver = true;
  const auto proposal = planning_.Propose(child, ctx_);
  EXPECT_THAT(ArrangementsFor(proposal, "R2"), SizeIs(0));
  EXPECT_THAT(ArrangementsFor(proposal, "R4"), SizeIs(0));
  EXPECT_THAT(Subjects(proposal.findings, "not-in-contact"), ElementsAre("R2"));
  EXPECT_THAT(Subjects(proposal.findings, "caregiver"), ElementsAre("R4"));
  ExpectCompleteFindings(proposal.findings);
}

TEST_F(VaraContactTest, VeryYoungChildrenGetWeeklyShorterVisits) {
  auto child = ElinCase();
  child.age_years = 2;
  const auto johan = ArrangementsFor(planning_.Propose(child, ctx_), "R2");
  ASSERT_THAT(johan, SizeIs(1));
  EXPECT_EQ(johan[0].mode, "visit");
  EXPECT_EQ(johan[0].rrule, "FREQ=WEEKLY;BYDAY=SA");
  EXPECT_LT(johan[0].duration_minutes, 120);
  const auto sara = ArrangementsFor(planning_.Propose(child, ctx_), "R1");
  ASSERT_THAT(sara, SizeIs(1));
  EXPECT_EQ(sara[0].rrule, "FREQ=WEEKLY;BYDAY=SA");
  EXPECT_EQ(sara[0].supervision, "supervised");
}

TEST_F(VaraContactTest, VoluntaryCareVisitsAreUnsupervisedAtTheFosterHome) {
  auto child = ElinCase();
  child.legal_basis = "voluntary";
  const auto johan = ArrangementsFor(planning_.Propose(child, ctx_), "R2");
  ASSERT_THAT(johan, SizeIs(2));
  EXPECT_EQ(johan[0].supervision, "unsupervised");
  EXPECT_EQ(johan[0].venue, "foster home");
}

TEST_F(VaraContactTest, OtherConnectedPersonsGetAMonthlyLetter) {
  auto child = ElinCase();
  child.relations.push_back(Relation("R5", "other"));
  const auto other = ArrangementsFor(planning_.Propose(child, ctx_), "R5");
  ASSERT_THAT(other, SizeIs(1));
  EXPECT_EQ(other[0].mode, "letter");
  EXPECT_EQ(other[0].rrule, "FREQ=MONTHLY");
  EXPECT_TRUE(IsComplete(other[0].rationale));
}

TEST_F(VaraContactTest, ParametersChangeTheProposal) {
  ctx_.parameters["parent_visit_interval_weeks"] = std::int64_t{1};
  ctx_.parameters["parent_visit_minutes"] = std::int64_t{90};
  ctx_.parameters["sibling_interval_weeks"] = std::int64_t{2};
  const auto proposal = planning_.Propose(ElinCase(), ctx_);
  const auto sara = ArrangementsFor(proposal, "R1");
  ASSERT_THAT(sara, SizeIs(1));
  EXPECT_EQ(sara[0].rrule, "FREQ=WEEKLY;BYDAY=SA");
  EXPECT_EQ(sara[0].duration_minutes, 90);
  EXPECT_EQ(ArrangementsFor(proposal, "R3").at(0).rrule, "FREQ=WEEKLY;INTERVAL=2;BYDAY=SU");
}

TEST_F(VaraContactTest, MissingParametersFallBackToDefaultsAndValuesAreClamped) {
  MethodContext empty;
  EXPECT_EQ(Dump(planning_.Propose(ElinCase(), empty)), Dump(planning_.Propose(ElinCase(), ctx_)));
  ctx_.parameters["parent_visit_interval_weeks"] = std::int64_t{0};  // below 1
  ctx_.parameters["review_months"] = std::int64_t{40};               // above 12
  const auto proposal = planning_.Propose(ElinCase(), ctx_);
  EXPECT_EQ(ArrangementsFor(proposal, "R1").at(0).rrule, "FREQ=WEEKLY;BYDAY=SA");
  auto child = ElinCase();
  child.relations[0].restrictions.clear();
  EXPECT_EQ(follow_up_.ReviewCadenceMonths(child, ctx_), 12);
}

TEST_F(VaraContactTest, SameInputGivesTheSameOutput) {
  const auto child = ElinCase();
  const auto first = planning_.Propose(child, ctx_);
  const auto second = planning_.Propose(child, ctx_);
  EXPECT_EQ(Dump(first), Dump(second));
  EXPECT_FALSE(first.arrangements.empty());

  PlanDraft plan;
  plan.arrangements = first.arrangements;
  plan.arrangements.push_back(Make("R9", "visit", "FREQ=WEEKLY", "supervised", "family centre"));
  plan.for_approval = true;
  EXPECT_EQ(Dump(planning_.Validate(plan, child, ctx_).findings),
            Dump(planning_.Validate(plan, child, ctx_).findings));
}

// --- Validation ------------------------------------------------------------------------------

TEST_F(VaraContactTest, ArrangementWithANoContactRelationIsAnError) {
  auto child = ElinCase();
  child.relations[1].restrictions = {"no-contact"};
  PlanDraft plan;
  plan.arrangements = {
      Make("R2", "video", "FREQ=WEEKLY", "unsupervised", "online"),
  };
  const auto v = Check(plan, child);
  EXPECT_TRUE(v.HasErrors());
  const Finding* f = FindFinding(v.findings, "restricted-relation");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::kError);
  EXPECT_EQ(f->subject, "R2");
  EXPECT_EQ(f->component, "restriction-safety");
  // A no-contact parent needs no minimum frequency (the mother, without an arrangement, does).
  EXPECT_THAT(Subjects(v.findings, "below-minimum-frequency"), ElementsAre("R1"));
}

TEST_F(VaraContactTest, UnsupervisedContactWithASupervisedOnlyRelationIsAnError) {
  PlanDraft plan;
  plan.arrangements = {
      Make("R1", "visit", "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", "monitored", "family centre"),
      Make("R2", "visit", "FREQ=WEEKLY;BYDAY=SA", "monitored", "foster home"),
  };
  const auto v = Check(plan, ElinCase());
  EXPECT_THAT(Subjects(v.findings, "supervision-required"), ElementsAre("R1"));
  const Finding* f = FindFinding(v.findings, "supervision-required");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::kError);
  EXPECT_EQ(f->component, "unsupervised-despite-restriction");
  EXPECT_NE(f->message.at("en").find("monitored"), std::string::npos);
}

TEST_F(VaraContactTest, PlacementVenueWithASecretAddressIsAnError) {
  auto child = ElinCase();
  child.relations[1].restrictions = {"secret-address"};
  PlanDraft plan;
  plan.arrangements = {
      Make("R1", "visit", "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", "supervised", "family centre"),
      Make("R2", "visit", "FREQ=WEEKLY;BYDAY=SA", "monitored", "Foster home"),
      Make("R2", "visit", "FREQ=MONTHLY", "monitored", "placement"),
      Make("R3", "visit", "FREQ=WEEKLY;INTERVAL=4;BYDAY=SU", "monitored", "foster home"),
  };
  const auto v = Check(plan, child);
  EXPECT_THAT(Subjects(v.findings, "secret-address-venue"), ElementsAre("R2", "R2"));
  EXPECT_EQ(FindFinding(v.findings, "secret-address-venue")->severity, Severity::kError);
}

TEST_F(VaraContactTest, ParentBelowTheMinimumFrequencyIsAWarning) {
  PlanDraft plan;
  plan.arrangements = {
      // Sara: twice a month or so (2.17 >= 2), fine.
      Make("R1", "visit", "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", "supervised", "family centre"),
      // Johan: monthly, below 2.
      Make("R2", "visit", "FREQ=MONTHLY", "monitored", "foster home"),
  };
  const auto v = Check(plan, ElinCase());
  EXPECT_FALSE(v.HasErrors()) << Dump(v.findings);
  EXPECT_THAT(Subjects(v.findings, "below-minimum-frequency"), ElementsAre("R2"));
  const Finding* f = FindFinding(v.findings, "below-minimum-frequency");
  EXPECT_EQ(f->severity, Severity::kWarning);
  EXPECT_EQ(f->component, "parent-contact");
  EXPECT_NE(f->message.at("en").find("1.0 times a month"), std::string::npos);
  EXPECT_NE(f->message.at("sv").find("1,0 gånger"), std::string::npos);

  // Contacts of all modes count together: a monthly visit plus weekly calls is enough.
  plan.arrangements.push_back(Make("R2", "video", "FREQ=WEEKLY;BYDAY=WE", "monitored", "online"));
  EXPECT_EQ(FindFinding(Check(plan, ElinCase()).findings, "below-minimum-frequency"), nullptr);
}

TEST_F(VaraContactTest, ParentWithoutAnyArrangementIsBelowTheMinimum) {
  PlanDraft plan;
  plan.arrangements = {
      Make("R1", "visit", "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", "supervised", "family centre"),
  };
  EXPECT_THAT(Subjects(Check(plan, ElinCase()).findings, "below-minimum-frequency"),
              ElementsAre("R2"));
}

TEST_F(VaraContactTest, UnreadableRecurrenceIsAWarningAndNotCounted) {
  PlanDraft plan;
  plan.arrangements = {
      Make("R1", "visit", "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", "supervised", "family centre"),
      Make("R2", "visit", "FREQ=YEARLY", "monitored", "foster home"),
  };
  const auto v = Check(plan, ElinCase());
  EXPECT_THAT(Subjects(v.findings, "recurrence-not-understood"), ElementsAre("R2"));
  EXPECT_THAT(Subjects(v.findings, "below-minimum-frequency"), ElementsAre("R2"));
}

TEST_F(VaraContactTest, ChildViewIsRequiredForApproval) {
  PlanDraft plan;
  plan.arrangements = planning_.Propose(ElinCase(), ctx_).arrangements;
  EXPECT_EQ(FindFinding(Check(plan, ElinCase()).findings, "child-view-missing"), nullptr);

  plan.for_approval = true;
  const auto v = Check(plan, ElinCase());
  const Finding* f = FindFinding(v.findings, "child-view-missing");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->severity, Severity::kError);
  EXPECT_EQ(f->component, "child-view");

  plan.child_view_recorded = true;
  EXPECT_FALSE(Check(plan, ElinCase()).HasErrors());

  plan.child_view_recorded = false;
  ctx_.parameters["child_view_required"] = false;
  EXPECT_EQ(FindFinding(Check(plan, ElinCase()).findings, "child-view-missing"), nullptr);
}

TEST_F(VaraContactTest, ArrangementWithAnUnknownRelationIsAnError) {
  PlanDraft plan;
  plan.arrangements = planning_.Propose(ElinCase(), ctx_).arrangements;
  plan.arrangements.push_back(Make("R9", "visit", "FREQ=WEEKLY", "unsupervised", "foster home"));
  const auto v = Check(plan, ElinCase());
  EXPECT_THAT(Subjects(v.findings, "unknown-relation"), ElementsAre("R9"));
  EXPECT_EQ(FindFinding(v.findings, "unknown-relation")->severity, Severity::kError);
  EXPECT_NE(FindFinding(v.findings, "unknown-relation")->message.at("en").find("Arrangement 6"),
            std::string::npos);
}

TEST(ContactsPerMonthTest, ReadsFrequencyIntervalAndWeekdays) {
  EXPECT_NEAR(*ContactsPerMonth("FREQ=WEEKLY;INTERVAL=2;BYDAY=SA"), 2.17, 0.01);
  EXPECT_NEAR(*ContactsPerMonth("FREQ=WEEKLY"), 4.35, 0.01);
  EXPECT_NEAR(*ContactsPerMonth("FREQ=WEEKLY;BYDAY=SA,SU"), 8.70, 0.01);
  EXPECT_NEAR(*ContactsPerMonth("FREQ=DAILY;INTERVAL=3"), 10.15, 0.01);
  EXPECT_DOUBLE_EQ(*ContactsPerMonth("FREQ=MONTHLY"), 1.0);
  EXPECT_DOUBLE_EQ(*ContactsPerMonth("RRULE:freq=monthly;interval=2"), 0.5);
  EXPECT_FALSE(ContactsPerMonth("FREQ=YEARLY").has_value());
  EXPECT_FALSE(ContactsPerMonth("FREQ=WEEKLY;INTERVAL=0").has_value());
  EXPECT_FALSE(ContactsPerMonth("FREQ=WEEKLY;INTERVAL=x").has_value());
  EXPECT_FALSE(ContactsPerMonth("").has_value());
  EXPECT_FALSE(ContactsPerMonth("every week").has_value());
}

// --- Follow-up -------------------------------------------------------------------------------

TEST_F(VaraContactTest, ReviewCadenceIsAtMostThreeMonthsWhileARestrictionExists) {
  ctx_.parameters["review_months"] = std::int64_t{6};
  auto child = ElinCase();
  EXPECT_EQ(follow_up_.ReviewCadenceMonths(child, ctx_), 3);
  EXPECT_EQ(planning_.Propose(child, ctx_).review_after_months, 3);
  child.relations[0].restrictions.clear();
  EXPECT_EQ(follow_up_.ReviewCadenceMonths(child, ctx_), 6);
  EXPECT_EQ(planning_.Propose(child, ctx_).review_after_months, 6);
  ctx_.parameters["review_months"] = std::int64_t{2};
  child.relations[1].restrictions = {"secret-address"};
  EXPECT_EQ(follow_up_.ReviewCadenceMonths(child, ctx_), 2);
}

DeliveredArrangement Delivered(std::string key, std::string mode, int planned, int held) {
  DeliveredArrangement d;
  d.relation_key = std::move(key);
  d.mode = std::move(mode);
  d.planned = planned;
  d.held = held;
  d.cancelled = planned - held;
  return d;
}

// SCENARIOS §1.5: over the autumn Sara cancels twice and does not come once (4 of 7 held); the
// others are held.
DeliveryRecord ElinsAutumn() {
  DeliveryRecord r;
  r.from = "2026-09-15";
  r.to = "2026-12-15";
  r.arrangements = {Delivered("R1", "visit", 7, 4), Delivered("R2", "visit", 7, 7),
                    Delivered("R2", "video", 13, 13), Delivered("R3", "visit", 7, 7),
                    Delivered("R4", "phone", 3, 3)};
  r.arrangements[0].cancelled = 2;
  r.arrangements[0].no_show = 1;
  r.child_view_recorded = true;
  return r;
}

bool Met(const FollowUpReport& report, const std::string& component) {
  for (const auto& c : report.fidelity) {
    if (c.component == component) return c.met;
  }
  ADD_FAILURE() << "no fidelity result for " << component;
  return false;
}

TEST_F(VaraContactTest, ReviewReportsAdherenceAndFidelityForElinsAutumn) {
  const auto report = follow_up_.Review(ElinsAutumn(), ElinCase(), ctx_);
  EXPECT_NEAR(report.adherence.at("R1:visit"), 4.0 / 7.0, 1e-9);
  EXPECT_DOUBLE_EQ(report.adherence.at("R2:visit"), 1.0);
  EXPECT_DOUBLE_EQ(report.adherence.at("R2:video"), 1.0);
  EXPECT_DOUBLE_EQ(report.adherence.at("R3:visit"), 1.0);
  EXPECT_DOUBLE_EQ(report.adherence.at("R4:phone"), 1.0);
  EXPECT_TRUE(Met(report, "child-view"));
  EXPECT_TRUE(Met(report, "parent-contact"));  // 57 % >= 50 %
  EXPECT_TRUE(Met(report, "sibling-contact"));
  EXPECT_TRUE(Met(report, "restriction-safety"));
  for (const auto& c : report.fidelity) EXPECT_TRUE(IsComplete(c.note)) << c.component;
  EXPECT_EQ(report.next_review_months, 3);
  // The restriction on Sara is due for review; nothing is below the minimum adherence.
  EXPECT_THAT(Subjects(report.findings, "restriction-review-due"), ElementsAre("R1"));
  EXPECT_EQ(FindFinding(report.findings, "low-adherence"), nullptr);
  ExpectCompleteFindings(report.findings);
}

TEST_F(VaraContactTest, LowAdherenceIsAWarningAndFailsTheComponent) {
  auto delivered = ElinsAutumn();
  delivered.arrangements[0].held = 3;  // Sara: 3 of 7
  delivered.arrangements[3].held = 1;  // Oskar: 1 of 7
  const auto report = follow_up_.Review(delivered, ElinCase(), ctx_);
  EXPECT_THAT(Subjects(report.findings, "low-adherence"), ElementsAre("R1", "R3"));
  const Finding* f = FindFinding(report.findings, "low-adherence");
  EXPECT_EQ(f->severity, Severity::kWarning);
  EXPECT_EQ(f->component, "parent-contact");
  EXPECT_NE(f->message.at("en").find("3 of 7"), std::string::npos);
  EXPECT_NE(f->message.at("en").find("43 %"), std::string::npos);
  EXPECT_FALSE(Met(report, "parent-contact"));
  EXPECT_FALSE(Met(report, "sibling-contact"));
  ExpectCompleteFindings(report.findings);
}

TEST_F(VaraContactTest, ParentWithoutPlannedContactFailsParentContact) {
  auto delivered = ElinsAutumn();
  delivered.arrangements.erase(delivered.arrangements.begin() + 1,
                               delivered.arrangements.begin() + 3);  // nothing with Johan
  EXPECT_FALSE(Met(follow_up_.Review(delivered, ElinCase(), ctx_), "parent-contact"));
}

TEST_F(VaraContactTest, BreachAndMissingChildViewFailTheirComponents) {
  auto delivered = ElinsAutumn();
  delivered.restriction_breached = true;
  delivered.child_view_recorded = false;
  const auto report = follow_up_.Review(delivered, ElinCase(), ctx_);
  EXPECT_FALSE(Met(report, "restriction-safety"));
  EXPECT_FALSE(Met(report, "child-view"));
  const Finding* breach = FindFinding(report.findings, "restriction-breached");
  ASSERT_NE(breach, nullptr);
  EXPECT_EQ(breach->severity, Severity::kError);
  ASSERT_NE(FindFinding(report.findings, "child-view-missing"), nullptr);
  ExpectCompleteFindings(report.findings);
}

TEST_F(VaraContactTest, ReviewIsDeterministic) {
  EXPECT_EQ(Dump(follow_up_.Review(ElinsAutumn(), ElinCase(), ctx_)),
            Dump(follow_up_.Review(ElinsAutumn(), ElinCase(), ctx_)));
}

}  // namespace
}  // namespace kinbridge::methods
