// End-to-end tests of `kinbridge plan`: contact plans drawn up with a method, the core's guards
// on arrangements, the child's view, approval, ending, access and the audit trail, through the
// real binary on temporary test-mode workspaces.
//
// Every run gets LANG=C.UTF-8, today 2026-11-29 and a fixed clock (see cli_runner.h). The
// built-in plugins are copied into the test's own directory and the copies installed, so that a
// rebuild of the tree cannot change them under a running test.
#include "cli/plan_cli_fixture.h"

namespace kinbridge::cli::test {
namespace {

// ---- Proposing and reading ----------------------------------------------------------------------

TEST_F(PlanCliTest, ProposeStoresADraftWithTheMethodsArrangementsAndProvenance) {
  const Json plan = Propose();
  const std::int64_t id = plan.value("id", std::int64_t{0});
  EXPECT_GT(id, 0) << plan.dump(2);
  EXPECT_EQ(plan["status"], "draft");
  EXPECT_EQ(plan["method_id"], kVara);
  EXPECT_EQ(plan["method_version"], "1.0.0");
  EXPECT_EQ(ChainOf(plan), "se.vara.contact@1.0.0");
  EXPECT_TRUE(plan.value("review_date", Json()).is_null() || plan["review_date"] == "")
      << plan.dump(2);
  ASSERT_TRUE(plan["arrangements"].is_array()) << plan.dump(2);
  EXPECT_FALSE(plan["arrangements"].empty());
  EXPECT_EQ(RelationIds(plan), (std::set<std::int64_t>{sara_, johan_, oskar_, birgitta_}));
  for (const Json& a : plan["arrangements"]) {
    EXPECT_GT(a.value("id", std::int64_t{0}), 0) << a.dump();
    EXPECT_THAT(a.value("rrule", ""), StartsWith("FREQ=")) << a.dump();
    if (a.value("relation_id", std::int64_t{0}) == sara_) {
      EXPECT_EQ(a["supervision"], "supervised") << a.dump();
    }
  }
  ASSERT_TRUE(plan["findings"].is_array()) << plan.dump(2);
  for (const Json& f : plan["findings"]) EXPECT_NE(f["severity"], "error") << f.dump();

  // Stored: shown and listed the same.
  const Json shown = Show(id);
  EXPECT_EQ(shown["id"], id);
  EXPECT_EQ(shown["status"], "draft");
  EXPECT_EQ(shown["method_id"], kVara);
  EXPECT_EQ(shown["method_version"], "1.0.0");
  EXPECT_EQ(ChainOf(shown), "se.vara.contact@1.0.0");
  EXPECT_EQ(ArrangementIds(shown), ArrangementIds(plan));

  const Json listed = JsonOf("anna", {"plan", "list", "--child", elin_});
  ASSERT_TRUE(listed.is_array()) << listed.dump(2);
  ASSERT_EQ(listed.size(), 1u) << listed.dump(2);
  EXPECT_EQ(listed[0]["id"], id);
  EXPECT_EQ(listed[0]["status"], "draft");

  // The other formats.
  CliResult table = Anna({"plan", "show", std::to_string(id)});
  ASSERT_EQ(table.exit_code, kExitOk) << Describe(table);
  EXPECT_THAT(table.out, HasSubstr("draft"));
  EXPECT_THAT(table.out, HasSubstr(kVara));
  EXPECT_THAT(table.out, HasSubstr("Sara Andersson"));
  CliResult csv = Anna({"--format", "csv", "plan", "list", "--child", elin_});
  ASSERT_EQ(csv.exit_code, kExitOk) << Describe(csv);
  const std::vector<std::string> lines = Lines(csv.out);
  ASSERT_EQ(lines.size(), 2u) << csv.out;
  EXPECT_THAT(lines[0], StartsWith("id,"));
  EXPECT_THAT(lines[0], HasSubstr("status"));
  EXPECT_THAT(lines[1], StartsWith(std::to_string(id) + ","));
}

TEST_F(PlanCliTest, AnAdaptationRecordsItsWholeChain) {
  const Json plan = Propose(kHuangshan);
  EXPECT_EQ(plan["method_id"], kHuangshan);
  EXPECT_EQ(plan["method_version"], "1.0.0");
  EXPECT_EQ(ChainOf(plan), "cn.huangshan.group@1.0.0,se.vara.contact@1.0.0");
  EXPECT_EQ(ChainOf(Show(plan.value("id", std::int64_t{0}))), ChainOf(plan));
}

TEST_F(PlanCliTest, UnknownPlanMethodOrChildIsNotFound) {
  ExpectRefused(Anna({"plan", "show", "4711"}), kExitNotFound, {"4711"});
  ExpectRefused(Anna({"plan", "propose", "--child", elin_, "--method", "se.vara"}), kExitNotFound,
                {"se.vara"});
  ExpectRefused(Anna({"plan", "propose", "--child", "VAR-2026-0099", "--method", kVara}),
                kExitNotFound, {"VAR-2026-0099"});
}

// ---- Arrangements -------------------------------------------------------------------------------

TEST_F(PlanCliTest, AnArrangementIsAddedAndRemovedInADraft) {
  const Json plan = Propose();
  const std::int64_t id = plan.value("id", std::int64_t{0});
  CliResult r = AddArrangement(
      id, oskar_,
      {{"--supervision", "unsupervised"}, {"--venue", "Vara bibliotek"}, {"--mode", "visit"}},
      "anna", /*json=*/true);
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  const Json added = PlanOf(ParseJson(r.out));
  ASSERT_EQ(added["arrangements"].size(), plan["arrangements"].size() + 1) << added.dump(2);
  Json stored;
  for (const Json& a : added["arrangements"]) {
    if (a.value("venue", "") == "Vara bibliotek") stored = a;
  }
  ASSERT_TRUE(stored.is_object()) << added.dump(2);
  EXPECT_EQ(stored["relation_id"], oskar_);
  EXPECT_EQ(stored["mode"], "visit");
  EXPECT_EQ(stored["rrule"], "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA");
  EXPECT_EQ(stored["supervision"], "unsupervised");

  const std::string arrangement = std::to_string(stored.value("id", std::int64_t{0}));
  r = Anna({"--format", "json", "plan", "arrangement", "remove", std::to_string(id), arrangement});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  EXPECT_EQ(ArrangementIds(PlanOf(ParseJson(r.out))), ArrangementIds(plan));
  EXPECT_EQ(ArrangementIds(Show(id)), ArrangementIds(plan));
}

// Each arrangement the core must refuse: exit 4, an error on stderr, nothing written.
TEST_F(PlanCliTest, TheCoreRefusesArrangementsThatBreakTheRules) {
  const std::string omar = AddChild("Omar Haddad", "2019-06-22");
  AddPlacement(omar, "2026-01-10");
  const std::int64_t lena = AddRelation(omar, "Lena Haddad", "mother");
  // Johan is under a no-contact restriction before the plan is proposed, so the draft has no
  // arrangement with him (one would make the method refuse every later change).
  AddRestriction(johan_, "no-contact", "SN 2026/1100");
  const Json plan = Propose();
  const std::int64_t id = plan.value("id", std::int64_t{0});
  ASSERT_EQ(RelationIds(plan).count(johan_), 0u) << plan.dump(2);

  struct Case {
    std::string what;
    std::int64_t relation;
    std::map<std::string, std::string> changes;
    std::vector<std::string> fragments;
  };
  const std::vector<Case> cases = {
      {"no-contact restriction", johan_, {}, {"Johan Nilsson"}},
      {"unsupervised with a supervised-only relation",
       sara_,
       {{"--supervision", "unsupervised"}},
       {"Sara Andersson"}},
      {"invalid recurrence", oskar_, {{"--rrule", "FREQ=SOMETIMES"}}, {"FREQ=SOMETIMES"}},
      {"recurrence without occurrences",
       oskar_,
       {{"--rrule", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31"}},
       {}},
      {"first day before the placement", oskar_, {{"--first-day", "2025-05-11"}}, {"2025-05-11"}},
      {"relation of another child", lena, {}, {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    const std::string before = Dump();
    ExpectRefused(AddArrangement(id, c.relation, c.changes), kExitInvalid, c.fragments);
    EXPECT_EQ(Dump(), before) << "a refused arrangement changed the database";
  }
  EXPECT_EQ(ArrangementIds(Show(id)), ArrangementIds(plan));
  // The placement's first day itself is fine.
  CliResult r = AddArrangement(id, oskar_, {{"--first-day", "2025-05-12"}});
  EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
}

// ---- The child's view, approval and ending ------------------------------------------------------

TEST_F(PlanCliTest, ApprovalNeedsTheChildsViewAndThenMakesThePlanActive) {
  const Json plan = Propose();
  const std::int64_t id = plan.value("id", std::int64_t{0});
  const std::string before = Dump();
  ExpectRefused(Anna({"plan", "approve", std::to_string(id)}), kExitInvalid,
                {"The child's view is not recorded"});
  EXPECT_EQ(Dump(), before);
  EXPECT_EQ(Show(id)["status"], "draft");

  CliResult r = View(id);
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  const Json viewed = Show(id);
  EXPECT_EQ(viewed["status"], "draft");
  EXPECT_EQ(viewed["child_view_text"], "I want to see mum, but not at her flat.");

  const Json approved = PlanOf(JsonOf("anna", {"plan", "approve", std::to_string(id)}));
  EXPECT_EQ(approved["status"], "active");
  EXPECT_EQ(approved["approved_by"], "anna");
  // A restriction is in force: the review within three months of 2026-11-29.
  const std::string review = approved.value("review_date", "");
  EXPECT_GT(review, "2026-11-29") << approved.dump(2);
  EXPECT_LE(review, "2027-02-28") << approved.dump(2);
  const Json shown = Show(id);
  EXPECT_EQ(shown["status"], "active");
  EXPECT_EQ(shown["review_date"], review);
}

TEST_F(PlanCliTest, AnInvalidChildViewIsRefused) {
  const std::int64_t id = Propose().value("id", std::int64_t{0});
  const std::string before = Dump();
  ExpectRefused(Anna({"plan", "view", std::to_string(id), "--text", "Fine.", "--date", "2026-11-25",
                      "--how", "guess"}),
                kExitInvalid, {"guess"});
  ExpectRefused(Anna({"plan", "view", std::to_string(id), "--text", "Fine.", "--date", "2026-11-30",
                      "--how", "conversation"}),
                kExitInvalid, {"2026-11-30"});
  EXPECT_EQ(Dump(), before);
}

TEST_F(PlanCliTest, AnActivePlanCannotBeChanged) {
  const Json plan = Active();
  ASSERT_EQ(plan["status"], "active") << plan.dump(2);
  const std::int64_t id = plan.value("id", std::int64_t{0});
  ASSERT_FALSE(plan["arrangements"].empty());
  const std::string first = std::to_string(plan["arrangements"][0].value("id", std::int64_t{0}));
  const std::string before = Dump();
  ExpectRefused(AddArrangement(id, oskar_), kExitInvalid, {});
  ExpectRefused(Anna({"plan", "arrangement", "remove", std::to_string(id), first}), kExitInvalid,
                {});
  ExpectRefused(View(id), kExitInvalid, {});
  ExpectRefused(Anna({"plan", "approve", std::to_string(id)}), kExitInvalid, {});
  EXPECT_EQ(Dump(), before);
  EXPECT_EQ(Show(id)["status"], "active");
}

TEST_F(PlanCliTest, EndingAPlanSetsItsStatus) {
  const std::int64_t id = Active().value("id", std::int64_t{0});
  const Json ended = PlanOf(JsonOf("anna", {"plan", "end", std::to_string(id), "--date",
                                            "2026-11-29", "--reason", "Elin returns home"}));
  EXPECT_EQ(ended["status"], "ended");
  EXPECT_EQ(Show(id)["status"], "ended");
  ExpectRefused(AddArrangement(id, oskar_), kExitInvalid, {});
}

// ---- Access and audit ---------------------------------------------------------------------------

TEST_F(PlanCliTest, WorkersOutsideTheCaseloadAndCentreStaffAreRefused) {
  const Json plan = Propose();
  const std::string id = std::to_string(plan.value("id", std::int64_t{0}));
  const std::string first = std::to_string(plan["arrangements"][0].value("id", std::int64_t{0}));
  for (const std::string account : {"olle", "lisa"}) {
    SCOPED_TRACE(account);
    const std::string before = Dump();
    ExpectRefused(As(account, {"plan", "propose", "--child", elin_, "--method", kVara}),
                  kExitNotPermitted, {"not permitted"});
    ExpectRefused(As(account, {"plan", "list", "--child", elin_}), kExitNotPermitted, {});
    ExpectRefused(As(account, {"plan", "show", id}), kExitNotPermitted, {});
    ExpectRefused(View(std::stoll(id), account), kExitNotPermitted, {});
    ExpectRefused(AddArrangement(std::stoll(id), oskar_, {}, account), kExitNotPermitted, {});
    ExpectRefused(As(account, {"plan", "arrangement", "remove", id, first}), kExitNotPermitted, {});
    ExpectRefused(As(account, {"plan", "approve", id}), kExitNotPermitted, {});
    ExpectRefused(As(account, {"plan", "end", id, "--date", "2026-11-29", "--reason", "no reason"}),
                  kExitNotPermitted, {});
    EXPECT_EQ(Dump(), before);
  }
  EXPECT_EQ(Show(std::stoll(id))["status"], "draft");
}

TEST_F(PlanCliTest, EveryPlanCommandIsAuditedNamingTheChild) {
  const std::int64_t id = Propose().value("id", std::int64_t{0});
  Show(id);
  JsonOf("anna", {"plan", "list", "--child", elin_});
  ASSERT_EQ(View(id).exit_code, kExitOk);
  JsonOf("anna", {"plan", "approve", std::to_string(id)});
  JsonOf("anna", {"plan", "end", std::to_string(id), "--date", "2026-11-29", "--reason", "home"});

  std::vector<std::string> actions;
  for (const Json& e : AuditOfElin()) {
    const std::string action = e.value("action", "");
    if (action.rfind("plan.", 0) != 0) continue;
    actions.push_back(action);
    EXPECT_EQ(e["worker"], "anna") << e.dump();
    EXPECT_EQ(e["children"], elin_) << e.dump();
  }
  EXPECT_THAT(actions, Contains("plan.propose"));
  EXPECT_THAT(actions, Contains("plan.approve"));
  // propose, show, list, view, approve, end.
  EXPECT_EQ(actions.size(), 6u) << ::testing::PrintToString(actions);
  EXPECT_EQ(std::set<std::string>(actions.begin(), actions.end()).size(), 6u)
      << ::testing::PrintToString(actions);
}

}  // namespace
}  // namespace kinbridge::cli::test
