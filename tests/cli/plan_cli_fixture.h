// The `kinbridge plan` end-to-end fixture shared by the plan and contact CLI tests: a test-mode
// Vara workspace with the built-in plugins installed and scenario 1's Elin, driven through the
// real binary.
#pragma once

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
#include "test_backend.h"

namespace kinbridge::cli::test {

namespace fs = std::filesystem;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using Json = nlohmann::ordered_json;

// The documented exit codes, spelled out here so that a change to them breaks a test.
constexpr int kExitOk = 0;
constexpr int kExitError = 1;
constexpr int kExitNotFound = 3;
constexpr int kExitInvalid = 4;
constexpr int kExitNotPermitted = 5;

constexpr const char* kSqlite3 = "/usr/bin/sqlite3";
constexpr const char* kBuiltInPlugins = KINBRIDGE_BUILT_IN_PLUGINS_DIR;

constexpr const char* kVara = "se.vara.contact";
constexpr const char* kHuangshan = "cn.huangshan.group";

inline std::string Describe(const CliResult& r) {
  return "exit " + std::to_string(r.exit_code) + "\n--- stdout ---\n" + r.out + "--- stderr ---\n" +
         r.err;
}

inline Json ParseJson(const std::string& text) {
  Json json = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  EXPECT_FALSE(json.is_discarded()) << "not JSON:\n" << text;
  return json;
}

inline std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// A plan as JSON: an object, or an array holding exactly one.
inline Json PlanOf(const Json& json) {
  if (json.is_array() && json.size() == 1) return json[0];
  EXPECT_TRUE(json.is_object()) << "not a plan: " << json.dump(2);
  return json.is_object() ? json : Json::object();
}

// The method chain as "a@1,b@2", whether JSON gives it as an array or as text.
inline std::string ChainOf(const Json& plan) {
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

inline std::set<std::int64_t> RelationIds(const Json& plan) {
  std::set<std::int64_t> ids;
  for (const Json& a : plan.value("arrangements", Json::array())) {
    ids.insert(a.value("relation_id", std::int64_t{0}));
  }
  return ids;
}

inline std::vector<std::int64_t> ArrangementIds(const Json& plan) {
  std::vector<std::int64_t> ids;
  for (const Json& a : plan.value("arrangements", Json::array())) {
    ids.push_back(a.value("id", std::int64_t{0}));
  }
  return ids;
}

// A refusal: the exit code, nothing on stdout, and an error naming every fragment.
inline void ExpectRefused(const CliResult& r, int exit_code,
                          const std::vector<std::string>& fragments) {
  EXPECT_EQ(r.exit_code, exit_code) << Describe(r);
  EXPECT_EQ(r.out, "") << Describe(r);
  EXPECT_THAT(r.err, StartsWith("kinbridge: error: ")) << Describe(r);
  for (const std::string& fragment : fragments) EXPECT_THAT(r.err, HasSubstr(fragment));
}

class PlanCliTest : public CliTestBase {
 protected:
  void SetUp() override {
    CliTestBase::SetUp();
    ws_ = WorkspaceIn("vara.db");
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
    if (testing_support::IsPostgresqlWorkspace(ws_))
      return testing_support::PostgresqlSnapshot(ws_);
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

}  // namespace kinbridge::cli::test
