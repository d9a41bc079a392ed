// kinbridge migrate: a SQLite workspace copied whole into a new workspace on the backend of the
// run (a PostgreSQL schema in the pg.* tests, another SQLite file otherwise), with its audit
// chain, ids and case-reference counters, checked before it commits.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/cli_runner.h"

namespace kinbridge::cli::test {
namespace {

using ::testing::HasSubstr;
using Json = nlohmann::ordered_json;

constexpr int kExitOk = 0;
constexpr int kExitInvalid = 4;
constexpr int kExitNotPermitted = 5;

std::string Describe(const CliResult& r) {
  return "exit " + std::to_string(r.exit_code) + "\n--- stdout ---\n" + r.out + "--- stderr ---\n" +
         r.err;
}

Json ParseJson(const std::string& text) {
  Json json = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  EXPECT_FALSE(json.is_discarded()) << "not JSON:\n" << text;
  return json;
}

class MigrateCliTest : public CliTestBase {
 protected:
  void SetUp() override {
    CliTestBase::SetUp();
    from_ = PathIn("vara.db");  // the office's SQLite file
    to_ = WorkspaceIn("moved.db");
  }

  CliResult On(const std::string& workspace, const std::string& account,
               std::vector<std::string> args) {
    args.insert(args.begin(), {"--workspace", workspace, "--format", "json"});
    return RunCli(args, {{"KINBRIDGE_AS", account}});
  }

  // A small Vara: anna with two children, a relation and a placement.
  void BuildVara() {
    CliResult r = On(from_, "",
                     {"init", "--code", "VAR", "--name", "Vara", "--country", "SE", "--time-zone",
                      "Europe/Stockholm", "--locale", "sv_SE", "--mode", "test"});
    ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
    r = On(from_, "",
           {"user", "add", "--account", "anna", "--name", "Anna Karlsson", "--role",
            "social-worker", "--unit", "Barn och unga"});
    ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
    for (const char* name : {"Elin Andersson", "Oskar Andersson"}) {
      r = On(from_, "anna", {"child", "add", "--name", name, "--birth-date", "2017-03-14"});
      ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
    }
    r = On(from_, "anna",
           {"relation", "add", "--child", "VAR-2026-0001", "--name", "Sara Andersson", "--kind",
            "mother"});
    ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
    r = On(from_, "anna",
           {"placement", "add", "--child", "VAR-2026-0001", "--type", "foster-family", "--basis",
            "compulsory", "--start", "2026-01-10"});
    ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  }

  std::string from_, to_;
};

TEST_F(MigrateCliTest, CopiesEverythingAndTheCopyWorksOn) {
  BuildVara();
  const Json audit_before = ParseJson(On(from_, "", {"audit", "log"}).out);
  CliResult r = RunCli({"--workspace", from_, "migrate", "--to", to_}, {{"KINBRIDGE_AS", ""}});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr("the same counts in both"));
  EXPECT_THAT(r.out, HasSubstr("verifies in the new database"));

  // The same children, relations and placements, under the same ids and case references.
  for (const std::vector<std::string>& read :
       {std::vector<std::string>{"child", "list"},
        std::vector<std::string>{"child", "show", "VAR-2026-0001"},
        std::vector<std::string>{"relation", "list", "--child", "VAR-2026-0001"}}) {
    CliResult old_copy = On(from_, "anna", read);
    CliResult new_copy = On(to_, "anna", read);
    ASSERT_EQ(new_copy.exit_code, kExitOk) << Describe(new_copy);
    EXPECT_EQ(ParseJson(new_copy.out), ParseJson(old_copy.out)) << read[0] << " " << read[1];
  }
  // The audit chain came along: every earlier entry, the reading of the log above, then the
  // migration's own entry and the reads since; it verifies.
  const Json audit_after = ParseJson(On(to_, "", {"audit", "log"}).out);
  ASSERT_GT(audit_after.size(), audit_before.size() + 1);
  for (std::size_t i = 0; i < audit_before.size(); ++i) {
    EXPECT_EQ(audit_after[i]["hash"], audit_before[i]["hash"]) << i;
  }
  EXPECT_EQ(audit_after[audit_before.size()]["action"], "audit.log");
  EXPECT_EQ(audit_after[audit_before.size() + 1]["action"], "workspace.migrate");
  r = On(to_, "", {"audit", "verify"});
  EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
  // New records continue the ids and case references instead of colliding with copied ones.
  r = On(to_, "anna", {"child", "add", "--name", "Maja Berg", "--birth-date", "2015-08-02"});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  EXPECT_EQ(ParseJson(r.out).value("case_reference", ""), "VAR-2026-0003");
  r = On(to_, "anna",
         {"relation", "add", "--child", "VAR-2026-0003", "--name", "Per Berg", "--kind", "father"});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  EXPECT_EQ(ParseJson(r.out)[0].value("id", std::int64_t{0}), 2);
}

// The demo's Vara holds outcome shares imported from Huangshan (floating point): after the move
// the comparison of outcomes reads exactly the same, to the last digit.
TEST_F(MigrateCliTest, TheDemoMovesWithItsImportedOutcomesExactly) {
  const std::string demo = PathIn("demo.db");
  CliResult r = RunCli({"--workspace", demo, "demo", "--quiet"});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  r = RunCli({"--workspace", demo, "migrate", "--to", to_}, {{"KINBRIDGE_AS", ""}});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  const std::vector<std::string> report = {"report", "method", "se.vara.contact"};
  CliResult before = On(demo, "karin", report);
  CliResult after = On(to_, "karin", report);
  ASSERT_EQ(after.exit_code, kExitOk) << Describe(after);
  const Json old_report = ParseJson(before.out);
  ASSERT_FALSE(old_report["rows"].empty());
  EXPECT_EQ(ParseJson(after.out), old_report);
}

TEST_F(MigrateCliTest, RefusesATargetThatHoldsAWorkspaceAndChangesNeither) {
  BuildVara();
  ASSERT_EQ(
      RunCli({"--workspace", from_, "migrate", "--to", to_}, {{"KINBRIDGE_AS", ""}}).exit_code,
      kExitOk);
  const Json target_before = ParseJson(On(to_, "anna", {"child", "list"}).out);
  CliResult r = RunCli({"--workspace", from_, "migrate", "--to", to_}, {{"KINBRIDGE_AS", ""}});
  EXPECT_EQ(r.exit_code, kExitInvalid) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("already"));
  EXPECT_EQ(ParseJson(On(to_, "anna", {"child", "list"}).out), target_before);
  EXPECT_EQ(On(to_, "", {"audit", "verify"}).exit_code, kExitOk);
}

TEST_F(MigrateCliTest, OnlyAnAdministratorMigrates) {
  BuildVara();
  CliResult r = RunCli({"--workspace", from_, "migrate", "--to", to_}, {{"KINBRIDGE_AS", "anna"}});
  EXPECT_EQ(r.exit_code, kExitNotPermitted) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("move the workspace to another database"));
  // Nothing was created where the copy would have gone.
  r = On(to_, "", {"child", "list"});
  EXPECT_NE(r.exit_code, kExitOk) << Describe(r);
}

}  // namespace
}  // namespace kinbridge::cli::test
