// End-to-end tests of `kinbridge plan`: contact plans drawn up with a method, the core's guards
// on arrangements, the child's view, approval, ending, access and the audit trail, through the
// real binary on temporary test-mode workspaces.
//
// Every run gets LANG=C.UTF-8, today 2026-11-29 and a fixed clock (see cli_runner.h). The
// built-in plugins are copied into the test's own directory and the copies installed, so that a
// rebuild of the tree cannot change them under a running test.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "cli/cli_runner.h"

namespace kinbridge::cli::test {
namespace {

namespace fs = std::filesystem;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using Json = nlohmann::ordered_json;

// The documented exit codes, spelled out here so that a change to them breaks a test.
constexpr int kExitOk = 0;
constexpr int kExitNotFound = 3;
constexpr int kExitInvalid = 4;
constexpr int kExitNotPermitted = 5;

constexpr const char* kSqlite3 = "/usr/bin/sqlite3";
constexpr const char* kBuiltInPlugins = KINBRIDGE_BUILT_IN_PLUGINS_DIR;

constexpr const char* kVara = "se.vara.contact";
constexpr const char* kHuangshan = "cn.huangshan.group";

std::string Describe(const CliResult& r) {
  return "exit " + std::to_string(r.exit_code) + "\n--- stdout ---\n" + r.out + "--- stderr ---\n" +
         r.err;
}

Json ParseJson(const std::string& text) {
  Json json = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  EXPECT_FALSE(json.is_discarded()) << "not JSON:\n" << text;
  return json;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// A plan as JSON: an object, or an array holding exactly one.
Json PlanOf(const Json& json) {
  if (json.is_array() && json.size() == 1) return json[0];
  EXPECT_TRUE(json.is_object()) << "not a plan: " << json.dump(2);
  return json.is_object() ? json : Json::object();
}

// The method chain as "a@1,b@2", whether JSON gives it as an array or as text.
std::string ChainOf(const Json& plan) {
  const Json chain = plan.value("method_chain", Json());
  if (chain.is_string()) return chain.get<std::string>();
  std::string text;
  if (chain.is_array()) {
    for (const Json& link : chain) text += (text.empty() ? "" : ",") + link.get<std::string>();
  } else {
    ADD_FAILURE() << "no method_chain in " << plan.dump(2);
  }
  return text;
}

std::set<std::int64_t> RelationIds(const Json& plan) {
  std::set<std::int64_t> ids;
  for (const Json& a : plan.value("arrangements", Json::array())) {
    ids.insert(a.value("relation_id", std::int64_t{0}));
  }
  return ids;
}

std::vector<std::int64_t> ArrangementIds(const Json& plan) {
  std::vector<std::int64_t> ids;
  for (const Json& a : plan.value("arrangements", Json::array())) {
    ids.push_back(a.value("id", std::int64_t{0}));
  }
  return ids;
}

// A refusal: the exit code, nothing on stdout, and an error naming every fragment.
void ExpectRefused(const CliResult& r, int exit_code, const std::vector<std::string>& fragments) {
  EXPECT_EQ(r.exit_code, exit_code) << Describe(r);
  EXPECT_EQ(r.out, "") << Describe(r);
  EXPECT_THAT(r.err, StartsWith("kinbridge: error: ")) << Describe(r);
  for (const std::string& fragment : fragments) EXPECT_THAT(r.err, HasSubstr(fragment));
}

class PlanCliTest : public CliTestBase {
 protected:
  void SetUp() override {
    CliTestBase::SetUp();
    ws_ = PathIn("vara.db");
    InitVara();
    InstallBuiltIns();
    AddElin();
  }

  // Runs kinbridge on the test's workspace as `account` ("" for the administrator).
  CliResult As(const std::string& account, std::vector<std::string> args) {
    std::vector<std::string> all = {"--workspace", ws_};
    if (!account.empty()) all.insert(all.end(), {"--as", account});
    all.insert(all.end(), args.begin(), args.end());
    return RunCli(all);
  }
  CliResult Anna(std::vector<std::string> args) { return As("anna", std::move(args)); }

  // Runs a command that must succeed and returns its stdout parsed as JSON.
  Json JsonOf(const std::string& account, std::vector<std::string> args) {
    args.insert(args.begin(), {"--format", "json"});
    CliResult r = As(account, args);
    EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
    return r.exit_code == kExitOk ? ParseJson(r.out) : Json();
  }

  // A test-mode Vara workspace: the OS account is its administrator; anna is a social worker,
  // olle a social worker of another unit and lisa works at the family centre.
  void InitVara() {
    CliResult r = As("", {"init", "--code", "VAR", "--name", "Vara", "--country", "SE",
                          "--time-zone", "Europe/Stockholm", "--locale", "sv_SE", "--admin-name",
                          "Administratör Vara", "--mode", "test"});
    ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
    for (const auto& [account, name, role, unit] :
         {std::tuple{"anna", "Anna Karlsson", "social-worker", "Barn och unga"},
          std::tuple{"olle", "Olle Lind", "social-worker", "Vuxen"},
          std::tuple{"lisa", "Lisa Ek", "centre-staff", "Familjecentralen"}}) {
      r = As("",
             {"user", "add", "--account", account, "--name", name, "--role", role, "--unit", unit});
      ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
    }
  }

  void InstallBuiltIns() {
    fs::create_directories(PathIn("methods"));
    for (const char* name : {"vara_contact.so", "huangshan_group.so"}) {
      const fs::path to = fs::path(PathIn("methods")) / name;
      std::error_code ec;
      fs::copy_file(fs::path(kBuiltInPlugins) / name, to, fs::copy_options::overwrite_existing, ec);
      ASSERT_FALSE(ec) << "copying " << name << ": " << ec.message();
      CliResult r = As("", {"method", "install", to.string()});
      ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
    }
  }

  std::string AddChild(const std::string& name, const std::string& birth_date) {
    Json child = JsonOf("anna", {"child", "add", "--name", name, "--birth-date", birth_date});
    return child.is_object() ? child.value("case_reference", "") : "";
  }

  std::int64_t AddRelation(const std::string& child, const std::string& name,
                           const std::string& kind) {
    Json rows =
        JsonOf("anna", {"relation", "add", "--child", child, "--name", name, "--kind", kind});
    return rows.is_array() && rows.size() == 1 ? rows[0].value("id", std::int64_t{0}) : 0;
  }

  void AddRestriction(std::int64_t relation, const std::string& kind, const std::string& decision) {
    CliResult r =
        Anna({"restriction", "add", "--relation", std::to_string(relation), "--kind", kind,
              "--decision", decision, "--reason", "Decision of the social welfare board", "--from",
              "2026-09-01", "--review", "2026-12-01"});
    EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
  }

  void AddPlacement(const std::string& child, const std::string& start) {
    CliResult r = Anna({"placement", "add", "--child", child, "--type", "foster-family", "--basis",
                        "compulsory", "--law", "LVU 2 §", "--caregivers", "Familjehemmet Berg",
                        "--start", start});
    EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
  }

  // Elin from scenario 1: in a foster family under compulsory care since 2025-05-12; mother
  // Sara (supervised contact only), father Johan, brother Oskar, grandmother Birgitta.
  void AddElin() {
    elin_ = AddChild("Elin Andersson", "2017-03-14");
    AddPlacement(elin_, "2025-05-12");
    sara_ = AddRelation(elin_, "Sara Andersson", "mother");
    johan_ = AddRelation(elin_, "Johan Nilsson", "father");
    oskar_ = AddRelation(elin_, "Oskar Andersson", "sibling");
    birgitta_ = AddRelation(elin_, "Birgitta Andersson", "grandparent");
    AddRestriction(sara_, "supervised-only", "SN 2026/0412");
  }

  // A draft plan for Elin proposed by anna.
  Json Propose(const std::string& method = kVara) {
    return PlanOf(JsonOf("anna", {"plan", "propose", "--child", elin_, "--method", method,
                                  "--purpose", "Keep Elin's bonds with her family"}));
  }

  Json Show(std::int64_t plan) {
    return PlanOf(JsonOf("anna", {"plan", "show", std::to_string(plan)}));
  }

  CliResult View(std::int64_t plan, const std::string& account = "anna") {
    return As(account, {"plan", "view", std::to_string(plan), "--text",
                        "I want to see mum, but not at her flat.", "--date", "2026-11-25", "--how",
                        "conversation"});
  }

  // `plan arrangement add` for `relation` with a valid schedule, `changes` replacing options;
  // `json` asks for JSON output.
  CliResult AddArrangement(std::int64_t plan, std::int64_t relation,
                           const std::map<std::string, std::string>& changes = {},
                           const std::string& account = "anna", bool json = false) {
    std::map<std::string, std::string> options = {{"--relation", std::to_string(relation)},
                                                  {"--mode", "visit"},
                                                  {"--rrule", "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA"},
                                                  {"--first-day", "2026-12-05"},
                                                  {"--time", "10:00"},
                                                  {"--minutes", "90"},
                                                  {"--supervision", "supervised"},
                                                  {"--venue", "family centre"}};
    for (const auto& [name, value] : changes) options[name] = value;
    std::vector<std::string> args = {"plan", "arrangement", "add", std::to_string(plan)};
    if (json) args.insert(args.begin(), {"--format", "json"});
    for (const auto& [name, value] : options) args.insert(args.end(), {name, value});
    return As(account, args);
  }

  // An active plan: proposed, the child's view recorded, approved.
  Json Active() {
    const Json plan = Propose();
    const std::int64_t id = plan.value("id", std::int64_t{0});
    CliResult r = View(id);
    EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
    return PlanOf(JsonOf("anna", {"plan", "approve", std::to_string(id)}));
  }

  // The database without the audit trail: equal dumps mean only the audit trail changed.
  std::string Dump() {
    CliResult dump = RunProgram(kSqlite3, {ws_, ".dump"}, BaseEnvironment());
    EXPECT_EQ(dump.exit_code, 0) << Describe(dump);
    std::string kept;
    for (const std::string& line : Lines(dump.out)) {
      if (line.rfind("INSERT INTO audit_", 0) == 0 ||
          line.rfind("INSERT INTO workspace_setting VALUES('audit_head'", 0) == 0) {
        continue;
      }
      kept += line + "\n";
    }
    EXPECT_THAT(kept, HasSubstr("CREATE TABLE child")) << "the dump read nothing";
    return kept;
  }

  // The audit entries about Elin, read by the administrator.
  Json AuditOfElin() { return JsonOf("", {"audit", "log", "--child", elin_}); }

  std::string ws_;
  std::string elin_;
  std::int64_t sara_ = 0, johan_ = 0, oskar_ = 0, birgitta_ = 0;
};

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
