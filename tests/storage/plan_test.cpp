// Contact plan API tests on temporary SQLite files with the built-in method plugins installed:
// proposing a plan with a method, the core's guards on every arrangement, the child's view,
// approval, the frozen active plan, ending, access and the audit trail.
#include "plan_fixture.h"

namespace kinbridge {
namespace {

using namespace plan_testing;  // NOLINT(google-build-using-namespace): the fixture's vocabulary

// ---- Proposing ----------------------------------------------------------------------------------

TEST_F(PlanTest, ProposingStoresADraftWithTheMethodsArrangementsAndProvenance) {
  Result<ContactPlanProposal> proposal = ws_->ProposeContactPlan(elin_, kVara);
  ASSERT_TRUE(proposal.ok()) << proposal.status().ToString();

  const ContactPlan plan = Propose(elin_);
  EXPECT_GT(plan.id, 0);
  EXPECT_EQ(plan.uuid.size(), 36u);
  EXPECT_EQ(plan.child_case_reference, elin_);
  EXPECT_EQ(plan.status, PlanStatus::kDraft);
  EXPECT_EQ(PlanStatusName(plan.status), "draft");
  EXPECT_EQ(plan.purpose, "Keep Elin's bonds with her family");
  EXPECT_EQ(plan.method_id, kVara);
  EXPECT_EQ(plan.method_version, "1.0.0");
  EXPECT_THAT(plan.method_chain, ElementsAre("se.vara.contact@1.0.0"));
  EXPECT_FALSE(plan.child_view.has_value());
  EXPECT_FALSE(plan.review_date.has_value());
  EXPECT_EQ(plan.approved_by, "");
  EXPECT_FALSE(plan.ended_on.has_value());
  EXPECT_EQ(plan.created_at, kNow);

  // The method's arrangements, as it proposed them.
  ASSERT_EQ(plan.arrangements.size(), proposal->arrangements.size());
  ASSERT_FALSE(plan.arrangements.empty());
  for (std::size_t i = 0; i < plan.arrangements.size(); ++i) {
    SCOPED_TRACE(i);
    const PlanArrangement& a = plan.arrangements[i];
    const ProposedArrangement& p = proposal->arrangements[i];
    EXPECT_GT(a.id, 0);
    EXPECT_EQ(a.relation_id, p.relation_id);
    EXPECT_EQ(a.mode, p.mode);
    EXPECT_EQ(a.rrule, p.rrule);
    EXPECT_EQ(a.start_time, p.start_time);
    EXPECT_EQ(a.duration_minutes, p.duration_minutes);
    EXPECT_EQ(a.supervision, p.supervision);
    EXPECT_EQ(a.venue, p.venue);
    EXPECT_GE(a.first_day, kPlacementStart);
    EXPECT_FALSE(a.relation_name.empty());
    EXPECT_FALSE(a.relation_kind.empty());
  }
  EXPECT_EQ(RelationIds(plan), (std::set<std::int64_t>{sara_, johan_, oskar_, birgitta_}));
  for (const PlanArrangement& a : plan.arrangements) {
    if (a.relation_id == sara_) {
      EXPECT_EQ(a.supervision, "supervised");
      EXPECT_EQ(a.relation_name, "Sara Andersson");
    }
  }
  for (const MethodFinding& f : plan.findings) EXPECT_NE(f.severity, "error") << f.code;

  // Stored: read back and listed.
  const ContactPlan read = Get(plan.id);
  EXPECT_EQ(read.status, PlanStatus::kDraft);
  EXPECT_EQ(read.method_id, kVara);
  EXPECT_EQ(read.method_version, "1.0.0");
  EXPECT_EQ(read.method_chain, plan.method_chain);
  EXPECT_EQ(ArrangementIds(read), ArrangementIds(plan));
  EXPECT_EQ(read.purpose, plan.purpose);
  std::vector<std::int64_t> listed;
  ASSERT_TRUE(ws_->ForEachPlan(elin_,
                               [&](const ContactPlan& p) {
                                 listed.push_back(p.id);
                                 return true;
                               })
                  .ok());
  EXPECT_THAT(listed, ElementsAre(plan.id));
  listed.clear();
  ASSERT_TRUE(ws_->ForEachPlan(omar_,
                               [&](const ContactPlan& p) {
                                 listed.push_back(p.id);
                                 return true;
                               })
                  .ok());
  EXPECT_TRUE(listed.empty());
}

TEST_F(PlanTest, AnAdaptationRecordsItsWholeChain) {
  const ContactPlan plan = Propose(elin_, kHuangshan);
  EXPECT_EQ(plan.method_id, kHuangshan);
  EXPECT_EQ(plan.method_version, "1.0.0");
  EXPECT_THAT(plan.method_chain, ElementsAre("cn.huangshan.group@1.0.0", "se.vara.contact@1.0.0"));
  EXPECT_EQ(Get(plan.id).method_chain, plan.method_chain);
}

TEST_F(PlanTest, ProposingLeavesOutARelationUnderANoContactRestriction) {
  ASSERT_TRUE(
      ws_->AddRestriction(johan_, MakeRestriction(RestrictionKind::kNoContact, "SN 2026/1100"))
          .ok());
  const ContactPlan plan = Propose(elin_);
  EXPECT_FALSE(plan.arrangements.empty());
  EXPECT_EQ(RelationIds(plan).count(johan_), 0u);
}

TEST_F(PlanTest, UnknownMethodOrChildOrPlanIsNotFound) {
  EXPECT_TRUE(StatusOf(ws_->ProposePlan(elin_, "se.vara", "")).IsNotFound());
  EXPECT_TRUE(StatusOf(ws_->ProposePlan("VAR-2026-0099", kVara, "")).IsNotFound());
  EXPECT_TRUE(StatusOf(ws_->GetPlan(4711)).IsNotFound());
  EXPECT_TRUE(StatusOf(ws_->ApprovePlan(4711)).IsNotFound());
}

// ---- Arrangements -------------------------------------------------------------------------------

TEST_F(PlanTest, AddingAndRemovingAnArrangementInADraft) {
  const ContactPlan plan = Propose(elin_);
  NewArrangement extra = Visit(oskar_);
  extra.supervision = "unsupervised";
  extra.venue = "Vara bibliotek";
  extra.transport = "foster parents drive";
  extra.conditions = "after school";
  Result<ContactPlan> added = ws_->AddArrangement(plan.id, extra);
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  ASSERT_EQ(added->arrangements.size(), plan.arrangements.size() + 1);
  std::optional<PlanArrangement> stored;
  for (const PlanArrangement& a : added->arrangements) {
    if (a.venue == "Vara bibliotek") stored = a;
  }
  ASSERT_TRUE(stored.has_value());
  EXPECT_GT(stored->id, 0);
  EXPECT_EQ(stored->relation_id, oskar_);
  EXPECT_EQ(stored->relation_name, "Oskar Andersson");
  EXPECT_EQ(stored->mode, "visit");
  EXPECT_EQ(stored->rrule, "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA");
  EXPECT_EQ(stored->first_day, Date(2026, 12, 5));
  EXPECT_EQ(stored->start_time, "10:00");
  EXPECT_EQ(stored->duration_minutes, 90);
  EXPECT_EQ(stored->supervision, "unsupervised");
  EXPECT_EQ(stored->transport, "foster parents drive");
  EXPECT_EQ(stored->conditions, "after school");
  EXPECT_GT(added->version, plan.version);
  EXPECT_EQ(Get(plan.id).arrangements.size(), added->arrangements.size());

  Result<ContactPlan> removed = ws_->RemoveArrangement(plan.id, stored->id);
  ASSERT_TRUE(removed.ok()) << removed.status().ToString();
  EXPECT_EQ(ArrangementIds(*removed), ArrangementIds(plan));
  EXPECT_EQ(ArrangementIds(Get(plan.id)), ArrangementIds(plan));

  // An arrangement that is not in the plan.
  const Status again = StatusOf(ws_->RemoveArrangement(plan.id, stored->id));
  EXPECT_FALSE(again.ok());
  EXPECT_TRUE(again.IsNotFound() || again.IsInvalidArgument()) << again.ToString();
}

TEST_F(PlanTest, ArrangementWithARelationUnderANoContactRestrictionIsRefused) {
  // Restricted before the plan is proposed, so the draft has no arrangement with Oskar (one
  // would make the method refuse every later change).
  ASSERT_TRUE(
      ws_->AddRestriction(oskar_, MakeRestriction(RestrictionKind::kNoContact, "SN 2026/1101"))
          .ok());
  const ContactPlan plan = Propose(elin_);
  ASSERT_EQ(RelationIds(plan).count(oskar_), 0u);
  ExpectRefusedUnchanged([&] { return StatusOf(ws_->AddArrangement(plan.id, Visit(oskar_))); },
                         {"Oskar Andersson", "no-contact"});
}

// A restriction decided after the plan was proposed: the method refuses changes while the plan
// still arranges contact with the restricted relation; removing those arrangements is possible.
TEST_F(PlanTest, ARestrictionDecidedAfterProposingIsResolvedByRemovingTheArrangements) {
  const ContactPlan plan = Propose(elin_);
  ASSERT_EQ(RelationIds(plan).count(johan_), 1u);
  ASSERT_TRUE(
      ws_->AddRestriction(johan_, MakeRestriction(RestrictionKind::kNoContact, "SN 2026/1100"))
          .ok());
  for (const PlanArrangement& a : plan.arrangements) {
    if (a.relation_id != johan_) continue;
    Result<ContactPlan> removed = ws_->RemoveArrangement(plan.id, a.id);
    EXPECT_TRUE(removed.ok()) << removed.status().ToString();
  }
  EXPECT_EQ(RelationIds(Get(plan.id)).count(johan_), 0u);
  Result<ContactPlan> added = ws_->AddArrangement(plan.id, Visit(oskar_));
  EXPECT_TRUE(added.ok()) << added.status().ToString();
}

TEST_F(PlanTest, UnsupervisedArrangementForASupervisedOnlyRelationIsRefused) {
  const ContactPlan plan = Propose(elin_);
  NewArrangement a = Visit(sara_);
  a.supervision = "unsupervised";
  ExpectRefusedUnchanged([&] { return StatusOf(ws_->AddArrangement(plan.id, a)); },
                         {"Sara Andersson"});
}

TEST_F(PlanTest, InvalidRecurrenceIsRefused) {
  const ContactPlan plan = Propose(elin_);
  NewArrangement a = Visit(oskar_);
  a.rrule = "FREQ=SOMETIMES";
  ExpectRefusedUnchanged([&] { return StatusOf(ws_->AddArrangement(plan.id, a)); },
                         {"FREQ=SOMETIMES"});
}

TEST_F(PlanTest, RecurrenceWithoutAnyOccurrenceIsRefused) {
  const ContactPlan plan = Propose(elin_);
  NewArrangement a = Visit(oskar_);
  a.rrule = "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31";
  ExpectRefusedUnchanged([&] { return StatusOf(ws_->AddArrangement(plan.id, a)); });
}

TEST_F(PlanTest, FirstDayBeforeTheCurrentPlacementIsRefused) {
  const ContactPlan plan = Propose(elin_);
  NewArrangement a = Visit(oskar_);
  a.first_day = kPlacementStart.AddDays(-1);
  ExpectRefusedUnchanged([&] { return StatusOf(ws_->AddArrangement(plan.id, a)); }, {"2025-05-11"});
  // The day the placement started is fine.
  a.first_day = kPlacementStart;
  EXPECT_TRUE(ws_->AddArrangement(plan.id, a).ok());
}

TEST_F(PlanTest, RelationOfAnotherChildIsRefused) {
  const ContactPlan plan = Propose(elin_);
  ExpectRefusedUnchanged([&] { return StatusOf(ws_->AddArrangement(plan.id, Visit(lena_))); });
}

// ---- The child's view and approval --------------------------------------------------------------

TEST_F(PlanTest, ApprovalWithoutTheChildsViewIsRefusedWithTheMethodsMessage) {
  const ContactPlan plan = Propose(elin_);
  const std::string before = Snapshot(path_);
  const Status refused = StatusOf(ws_->ApprovePlan(plan.id));
  EXPECT_TRUE(refused.IsFailedPrecondition() || refused.IsInvalidArgument()) << refused.ToString();
  EXPECT_THAT(refused.message(), HasSubstr("The child's view is not recorded"));
  EXPECT_EQ(Snapshot(path_), before);
  const ContactPlan read = Get(plan.id);
  EXPECT_EQ(read.status, PlanStatus::kDraft);
  EXPECT_FALSE(read.review_date.has_value());
  EXPECT_EQ(read.approved_by, "");
}

TEST_F(PlanTest, RecordingTheChildsViewStoresIt) {
  const ContactPlan plan = Propose(elin_);
  Result<ContactPlan> viewed = ws_->RecordChildView(plan.id, View());
  ASSERT_TRUE(viewed.ok()) << viewed.status().ToString();
  ASSERT_TRUE(viewed->child_view.has_value());
  EXPECT_EQ(viewed->child_view->text, View().text);
  EXPECT_EQ(viewed->child_view->recorded_on, Date(2026, 11, 25));
  EXPECT_EQ(viewed->child_view->how, "conversation");
  EXPECT_EQ(viewed->status, PlanStatus::kDraft);
  const ContactPlan read = Get(plan.id);
  ASSERT_TRUE(read.child_view.has_value());
  EXPECT_EQ(read.child_view->text, View().text);
}

TEST_F(PlanTest, AnInvalidChildViewIsRefused) {
  const ContactPlan plan = Propose(elin_);
  ChildView empty = View();
  empty.text = "";
  ExpectRefusedUnchanged([&] { return StatusOf(ws_->RecordChildView(plan.id, empty)); });
  ChildView future = View();
  future.recorded_on = kToday.AddDays(1);
  ExpectRefusedUnchanged([&] { return StatusOf(ws_->RecordChildView(plan.id, future)); });
  ChildView how = View();
  how.how = "guess";
  ExpectRefusedUnchanged([&] { return StatusOf(ws_->RecordChildView(plan.id, how)); }, {"guess"});
}

TEST_F(PlanTest, ApprovalAfterTheViewMakesThePlanActiveWithAReviewDate) {
  const ContactPlan plan = Propose(elin_);
  ASSERT_TRUE(ws_->RecordChildView(plan.id, View()).ok());
  Result<ContactPlan> approved = ws_->ApprovePlan(plan.id);
  ASSERT_TRUE(approved.ok()) << approved.status().ToString();
  EXPECT_EQ(approved->status, PlanStatus::kActive);
  EXPECT_EQ(PlanStatusName(approved->status), "active");
  ASSERT_TRUE(approved->review_date.has_value());
  // A restriction is in force (Sara) and is to be reconsidered on 1 December, before the method's
  // three months are up: the plan is reviewed by then too.
  EXPECT_EQ(*approved->review_date, Date(2026, 12, 1));
  EXPECT_EQ(approved->approved_by, "anna");
  EXPECT_EQ(approved->approved_at, kNow);
  for (const MethodFinding& f : approved->findings) EXPECT_NE(f.severity, "error") << f.code;

  const ContactPlan read = Get(plan.id);
  EXPECT_EQ(read.status, PlanStatus::kActive);
  EXPECT_EQ(read.review_date, approved->review_date);
  EXPECT_EQ(read.approved_by, "anna");
}

TEST_F(PlanTest, ChangesToAnActivePlanAreRefused) {
  const ContactPlan plan = Active();
  ASSERT_EQ(plan.status, PlanStatus::kActive);
  ASSERT_FALSE(plan.arrangements.empty());
  const std::string before = Snapshot(path_);
  EXPECT_TRUE(StatusOf(ws_->AddArrangement(plan.id, Visit(oskar_))).IsFailedPrecondition());
  EXPECT_TRUE(StatusOf(ws_->RemoveArrangement(plan.id, plan.arrangements.front().id))
                  .IsFailedPrecondition());
  EXPECT_TRUE(StatusOf(ws_->RecordChildView(plan.id, View())).IsFailedPrecondition());
  EXPECT_TRUE(StatusOf(ws_->ApprovePlan(plan.id)).IsFailedPrecondition());
  EXPECT_EQ(Snapshot(path_), before);
  EXPECT_EQ(Get(plan.id).status, PlanStatus::kActive);
}

TEST_F(PlanTest, EndingAPlanSetsItsStatusAndFreezesIt) {
  const ContactPlan plan = Active();
  Result<ContactPlan> ended = ws_->EndPlan(plan.id, kToday, "Elin returns home");
  ASSERT_TRUE(ended.ok()) << ended.status().ToString();
  EXPECT_EQ(ended->status, PlanStatus::kEnded);
  EXPECT_EQ(PlanStatusName(ended->status), "ended");
  EXPECT_EQ(ended->ended_on, kToday);
  EXPECT_EQ(ended->end_reason, "Elin returns home");
  const ContactPlan read = Get(plan.id);
  EXPECT_EQ(read.status, PlanStatus::kEnded);
  EXPECT_EQ(read.ended_on, kToday);
  EXPECT_TRUE(StatusOf(ws_->AddArrangement(plan.id, Visit(oskar_))).IsFailedPrecondition());
  EXPECT_TRUE(StatusOf(ws_->ApprovePlan(plan.id)).IsFailedPrecondition());
  EXPECT_FALSE(ws_->EndPlan(plan.id, kToday, "again").ok());
}

// ---- Access -------------------------------------------------------------------------------------

TEST_F(PlanTest, WorkersWithoutTheChildInTheirCaseloadAreRefused) {
  const ContactPlan plan = Propose(elin_);
  for (const char* account : {"olle", "cecilia"}) {
    SCOPED_TRACE(account);
    Workspace other = OpenAs(account);
    const std::string before = Snapshot(path_);
    EXPECT_TRUE(StatusOf(other.ProposePlan(elin_, kVara, "")).IsPermissionDenied());
    EXPECT_TRUE(StatusOf(other.GetPlan(plan.id)).IsPermissionDenied());
    bool visited = false;
    EXPECT_TRUE(other
                    .ForEachPlan(elin_,
                                 [&](const ContactPlan&) {
                                   visited = true;
                                   return true;
                                 })
                    .IsPermissionDenied());
    EXPECT_FALSE(visited);
    EXPECT_TRUE(StatusOf(other.RecordChildView(plan.id, View())).IsPermissionDenied());
    EXPECT_TRUE(StatusOf(other.AddArrangement(plan.id, Visit(oskar_))).IsPermissionDenied());
    EXPECT_TRUE(StatusOf(other.RemoveArrangement(plan.id, plan.arrangements.front().id))
                    .IsPermissionDenied());
    EXPECT_TRUE(StatusOf(other.ApprovePlan(plan.id)).IsPermissionDenied());
    EXPECT_TRUE(StatusOf(other.EndPlan(plan.id, kToday, "no")).IsPermissionDenied());
    EXPECT_EQ(Snapshot(path_), before);
  }
  // The refusals are in the audit trail, naming Elin.
  std::set<std::string> refused_workers;
  for (const AuditEntry& e : AuditOf(elin_)) {
    if (e.action == "access.denied") refused_workers.insert(e.worker_account);
  }
  EXPECT_THAT(refused_workers, Contains("olle"));
  EXPECT_THAT(refused_workers, Contains("cecilia"));
}

// ---- The audit trail ----------------------------------------------------------------------------

TEST_F(PlanTest, EveryReadAndWriteOfAPlanIsAudited) {
  std::size_t count = PlanEntries(elin_).size();
  EXPECT_EQ(count, 0u);
  // Each step adds exactly one "plan.*" entry naming Elin, by anna.
  auto step = [&](const std::string& what, const std::function<Status()>& run,
                  const std::string& action = "") {
    SCOPED_TRACE(what);
    const Status status = run();
    ASSERT_TRUE(status.ok()) << status.ToString();
    const std::vector<AuditEntry> entries = PlanEntries(elin_);
    ASSERT_EQ(entries.size(), count + 1)
        << "the last plan entry: " << (entries.empty() ? "" : entries.back().action);
    const AuditEntry& e = entries.back();
    EXPECT_EQ(e.worker_account, "anna");
    EXPECT_THAT(e.children, ElementsAre(elin_));
    if (!action.empty()) {
      EXPECT_EQ(e.action, action);
    }
    count = entries.size();
  };
  std::int64_t id = 0;
  step(
      "propose",
      [&] {
        Result<ContactPlan> plan = ws_->ProposePlan(elin_, kVara, "");
        if (plan.ok()) id = plan->id;
        return StatusOf(plan);
      },
      "plan.propose");
  step("show", [&] { return StatusOf(ws_->GetPlan(id)); });
  step("list", [&] { return ws_->ForEachPlan(elin_, [](const ContactPlan&) { return true; }); });
  std::int64_t added_id = 0;
  step("add arrangement", [&] {
    Result<ContactPlan> plan = ws_->AddArrangement(id, Visit(oskar_));
    if (plan.ok()) {
      for (const PlanArrangement& a : plan->arrangements) {
        if (a.relation_id == oskar_ && a.duration_minutes == 90) added_id = a.id;
      }
    }
    return StatusOf(plan);
  });
  step("remove arrangement", [&] { return StatusOf(ws_->RemoveArrangement(id, added_id)); });
  step("view", [&] { return StatusOf(ws_->RecordChildView(id, View())); });
  step(
      "approve", [&] { return StatusOf(ws_->ApprovePlan(id)); }, "plan.approve");
  step("end", [&] { return StatusOf(ws_->EndPlan(id, kToday, "returns home")); });

  // Distinct actions for the distinct operations.
  std::set<std::string> actions;
  for (const AuditEntry& e : PlanEntries(elin_)) actions.insert(e.action);
  EXPECT_GE(actions.size(), 6u) << "actions: " << ::testing::PrintToString(actions);
  Result<AuditVerification> verified = OpenAs("anna").VerifyAudit();
  ASSERT_TRUE(verified.ok()) << verified.status().ToString();
  EXPECT_TRUE(verified->intact) << verified->problem;
}

}  // namespace
}  // namespace kinbridge
