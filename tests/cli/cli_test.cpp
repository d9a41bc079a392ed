// End-to-end tests of the kinbridge command: the real binary on temporary workspaces.
//
// Every run gets LANG=C.UTF-8 (English messages), today 2026-11-29 and a fixed clock (see
// cli_runner.h). Failures are checked for their exit code, a message naming the offending value
// and what was expected, and for leaving the workspace exactly as it was.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli_runner.h"
#include "test_backend.h"

namespace kinbridge::cli::test {
namespace {

namespace fs = std::filesystem;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;
using Json = nlohmann::ordered_json;

// The documented exit codes, spelled out here so that a change to them breaks a test.
constexpr int kExitOk = 0;
constexpr int kExitError = 1;
constexpr int kExitUsage = 2;
constexpr int kExitNotFound = 3;
constexpr int kExitInvalid = 4;

constexpr const char* kSqlite3 = "/usr/bin/sqlite3";

// Elin's personnummer from the demo; valid by its check digit.
constexpr const char* kElinId = "20170314-2388";

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

// The first line containing `needle`, or "" (and a test failure).
std::string LineWith(const std::string& text, const std::string& needle) {
  for (const std::string& line : Lines(text)) {
    if (line.find(needle) != std::string::npos) return line;
  }
  ADD_FAILURE() << "no line contains '" << needle << "' in:\n" << text;
  return {};
}

// Terminal columns of UTF-8 text: East Asian wide characters (CJK, Hangul, full-width forms)
// take two, everything else one. Enough for the names these tests use.
std::size_t DisplayWidth(const std::string& text) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    char32_t cp = lead;
    std::size_t length = 1;
    if (lead >= 0xF0) {
      cp = lead & 0x07, length = 4;
    } else if (lead >= 0xE0) {
      cp = lead & 0x0F, length = 3;
    } else if (lead >= 0xC0) {
      cp = lead & 0x1F, length = 2;
    }
    for (std::size_t k = 1; k < length && i + k < text.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    }
    i += length;
    const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                      (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                      (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    width += wide ? 2 : 1;
  }
  return width;
}

// The display column at which `needle` starts in `line`, or nullopt.
std::optional<std::size_t> ColumnOf(const std::string& line, const std::string& needle) {
  const std::size_t at = line.find(needle);
  if (at == std::string::npos) return std::nullopt;
  return DisplayWidth(line.substr(0, at));
}

// Splits one CSV line without quoted commas or quotes into its cells.
std::vector<std::string> CsvCells(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  std::istringstream in(line);
  while (std::getline(in, cell, ',')) cells.push_back(cell);
  if (!line.empty() && line.back() == ',') cells.emplace_back();
  return cells;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::vector<std::string> FilesIn(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// What a workspace holds, read two ways: through kinbridge's own listings, and as a full SQL
// dump (which also catches writes no listing shows, such as a used-up case reference).
struct WorkspaceState {
  std::string listings;
  std::string dump;
};

class KinbridgeCliTest : public CliTestBase {
 protected:
  void SetUp() override {
    CliTestBase::SetUp();
    ws_ = WorkspaceIn("vara.db");
  }

  // Runs kinbridge on this test's workspace.
  // Runs kinbridge on the test workspace as the social worker "anna" (test workspaces accept
  // another account); `env` may override, e.g. KINBRIDGE_AS="" to act as the test's own account.
  CliResult Kb(std::vector<std::string> args, const std::map<std::string, std::string>& env = {}) {
    args.insert(args.begin(), {"--workspace", ws_});
    std::map<std::string, std::string> merged = {{"KINBRIDGE_AS", "anna"}};
    for (const auto& [name, value] : env) merged[name] = value;
    return RunCli(args, merged);
  }

  // A test-mode Vara workspace: the test's own account is its administrator, and "anna" is a
  // social worker in the unit "Barn och unga".
  void InitVara() {
    const std::map<std::string, std::string> as_admin = {{"KINBRIDGE_AS", ""}};
    CliResult r = Kb({"init", "--code", "VAR", "--name", "Vara", "--country", "SE", "--time-zone",
                      "Europe/Stockholm", "--locale", "sv_SE", "--admin-name", "Administrator",
                      "--mode", "test"},
                     as_admin);
    ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
    r = Kb({"user", "add", "--account", "anna", "--name", "Anna Karlsson", "--role",
            "social-worker", "--unit", "Barn och unga"},
           as_admin);
    ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  }

  // Registers a child and returns the case reference.
  std::string AddChild(const std::string& name, const std::string& birth_date,
                       std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"--format", "json", "child",        "add",
                                     "--name",   name,   "--birth-date", birth_date};
    args.insert(args.end(), extra.begin(), extra.end());
    CliResult r = Kb(args);
    EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
    Json child = ParseJson(r.out);
    return child.is_object() ? child.value("case_reference", "") : "";
  }

  // Adds a person to a child's network and returns the relation id.
  std::int64_t AddRelation(const std::string& child, const std::string& name,
                           const std::string& kind, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"--format", "json",   "relation", "add",    "--child",
                                     child,      "--name", name,       "--kind", kind};
    args.insert(args.end(), extra.begin(), extra.end());
    CliResult r = Kb(args);
    EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
    Json rows = ParseJson(r.out);
    return rows.is_array() && rows.size() == 1 ? rows[0].value("id", std::int64_t{0}) : 0;
  }

  // Records a placement and returns its id.
  std::int64_t AddPlacement(const std::string& child, const std::string& type,
                            const std::string& start, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"--format", "json",       "placement", "add",
                                     "--child",  child,        "--type",    type,
                                     "--basis",  "compulsory", "--start",   start};
    args.insert(args.end(), extra.begin(), extra.end());
    CliResult r = Kb(args);
    EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
    Json rows = ParseJson(r.out);
    return rows.is_array() && rows.size() == 1 ? rows[0].value("id", std::int64_t{0}) : 0;
  }

  // Elin from scenario 1 with her placement, her mother and the supervised-only decision.
  struct Elin {
    std::string ref;
    std::int64_t sara = 0;
    std::int64_t placement = 0;
  };
  Elin AddElin() {
    Elin elin;
    elin.ref = AddChild("Elin Andersson", "2017-03-14",
                        {"--national-id", kElinId, "--languages", "sv", "--school", "Vara skola"});
    elin.placement = AddPlacement(elin.ref, "foster-family", "2025-05-12",
                                  {"--law", "LVU 2 §", "--caregivers", "Familjehemmet Berg",
                                   "--address", "Prästgårdsvägen 4, Vara"});
    elin.sara = AddRelation(elin.ref, "Sara Andersson", "mother", {"--description", "mother"});
    CliResult r =
        Kb({"restriction", "add", "--relation", std::to_string(elin.sara), "--kind",
            "supervised-only", "--decision", "SN 2026/0412", "--reason",
            "Visits only with a contact person", "--from", "2026-09-01", "--review", "2026-12-01"});
    EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
    return elin;
  }

  WorkspaceState State() {
    WorkspaceState state;
    CliResult children = Kb({"--format", "json", "child", "list", "--status", "all"});
    EXPECT_EQ(children.exit_code, kExitOk) << Describe(children);
    state.listings = children.out;
    for (const Json& child : ParseJson(children.out)) {
      CliResult show =
          Kb({"--format", "json", "child", "show", child["case_reference"].get<std::string>()});
      EXPECT_EQ(show.exit_code, kExitOk) << Describe(show);
      state.listings += show.out;
    }
    CliResult restrictions = Kb({"--format", "json", "restriction", "list", "--all"});
    EXPECT_EQ(restrictions.exit_code, kExitOk) << Describe(restrictions);
    state.listings += restrictions.out;
    if (testing_support::IsPostgresqlWorkspace(ws_)) {
      state.dump = testing_support::PostgresqlSnapshot(ws_);
      EXPECT_THAT(state.dump, HasSubstr("[child]")) << "the dump read nothing";
      return state;
    }
    CliResult dump = RunProgram(kSqlite3, {ws_, ".dump"}, BaseEnvironment());
    EXPECT_EQ(dump.exit_code, 0) << Describe(dump);
    state.dump = WithoutAuditRows(dump.out);
    EXPECT_THAT(state.dump, HasSubstr("CREATE TABLE child")) << "the dump read nothing";
    return state;
  }

  // The listings above are reads, and every read is audited; the audit rows are left out of
  // the comparison (refusals that write no case data may still log an access).
  static std::string WithoutAuditRows(const std::string& dump) {
    std::string kept;
    std::size_t start = 0;
    while (start < dump.size()) {
      std::size_t end = dump.find('\n', start);
      if (end == std::string::npos) end = dump.size();
      const std::string line = dump.substr(start, end - start);
      if (line.find("INSERT INTO audit_") != 0 &&
          line.find("INSERT INTO workspace_setting VALUES('audit_head'") != 0) {
        kept += line + "\n";
      }
      start = end + 1;
    }
    return kept;
  }

  // A refusal: the exit code, nothing on stdout, and a message with every fragment.
  static void ExpectRefused(const CliResult& r, int exit_code,
                            const std::vector<std::string>& fragments) {
    EXPECT_EQ(r.exit_code, exit_code) << Describe(r);
    EXPECT_EQ(r.out, "") << Describe(r);
    EXPECT_THAT(r.err, StartsWith("kinbridge: error: "));
    for (const std::string& fragment : fragments) EXPECT_THAT(r.err, HasSubstr(fragment));
  }

  static void ExpectUnchanged(const WorkspaceState& before, const WorkspaceState& after) {
    EXPECT_EQ(before.listings, after.listings) << "a refused command changed what kinbridge lists";
    EXPECT_EQ(before.dump, after.dump) << "a refused command changed the database";
  }

  std::string ws_;
};

// ---- version and help ------------------------------------------------------------------------

TEST_F(KinbridgeCliTest, VersionPrintsTheProgramNameAndASemanticVersion) {
  CliResult r = RunCli({"--version"});
  EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
  EXPECT_TRUE(std::regex_match(r.out, std::regex(R"(kinbridge \d+\.\d+\.\d+\S*\n)"))) << r.out;
  EXPECT_EQ(r.err, "");
}

struct HelpCase {
  std::vector<std::string> args;
  std::vector<std::string> mentions;
};

class HelpTest : public CliTestBase, public ::testing::WithParamInterface<HelpCase> {};

TEST_P(HelpTest, HelpExitsZeroAndNamesWhatCanBeGiven) {
  std::vector<std::string> args = GetParam().args;
  args.push_back("--help");
  CliResult r = RunCli(args);
  EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr("Usage: kinbridge"));
  for (const std::string& mention : GetParam().mentions) EXPECT_THAT(r.out, HasSubstr(mention));
}

INSTANTIATE_TEST_SUITE_P(
    EveryCommand, HelpTest,
    ::testing::Values(
        HelpCase{{},
                 {"init", "child", "relation", "restriction", "placement", "demo", "--workspace",
                  "--format", "--today"}},
        HelpCase{{"init"}, {"--code", "--name", "--country", "--time-zone", "--locale"}},
        HelpCase{{"child"}, {"add", "list", "show", "edit", "close"}},
        HelpCase{{"child", "add"}, {"--name", "--birth-date", "--national-id", "--id-scheme"}},
        HelpCase{{"child", "list"}, {"--status", "--search"}},
        HelpCase{{"child", "show"}, {"child", "Case reference"}},
        HelpCase{{"child", "edit"}, {"--name", "--birth-date", "--expected-version"}},
        HelpCase{{"child", "close"}, {"--reason", "--date"}},
        HelpCase{{"relation"}, {"add", "list"}},
        HelpCase{{"relation", "add"}, {"--child", "--name", "--kind", "--in-contact"}},
        HelpCase{{"relation", "list"}, {"--child"}},
        HelpCase{{"restriction"}, {"add", "list", "lift"}},
        HelpCase{{"restriction", "add"}, {"--relation", "--kind", "--decision", "--review"}},
        HelpCase{{"restriction", "list"}, {"--child", "--all"}},
        HelpCase{{"restriction", "lift"}, {"restriction", "--reason", "--date"}},
        HelpCase{{"placement"}, {"add", "end", "list"}},
        HelpCase{{"placement", "add"}, {"--child", "--type", "--basis", "--start"}},
        HelpCase{{"placement", "end"}, {"placement", "--date", "--reason"}},
        HelpCase{{"placement", "list"}, {"--child"}}, HelpCase{{"demo"}, {"--quiet"}}),
    [](const ::testing::TestParamInfo<HelpCase>& help) {
      std::string name = "kinbridge";
      for (const std::string& arg : help.param.args) name += "_" + arg;
      return name;
    });

// ---- init ------------------------------------------------------------------------------------

TEST_F(KinbridgeCliTest, InitCreatesAWorkspaceAndSaysWhatToDoNext) {
  CliResult r = Kb({"init", "--code", "VAR", "--name", "Vara", "--country", "SE", "--time-zone",
                    "Europe/Stockholm", "--locale", "sv_SE"});
  EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr("Created workspace " + ws_ + " for Vara (VAR), schema version "));
  EXPECT_THAT(r.out, HasSubstr("kinbridge child add"));
  EXPECT_TRUE(fs::is_regular_file(ws_));
}

TEST_F(KinbridgeCliTest, InitAsJsonDescribesTheMunicipality) {
  CliResult r = Kb({"--format", "json", "init", "--code", "HSN", "--name", "黄山", "--country",
                    "CN", "--time-zone", "Asia/Shanghai", "--locale", "zh_CN", "--mode", "test"});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  Json json = ParseJson(r.out);
  EXPECT_EQ(json["workspace"], ws_);
  EXPECT_EQ(json["municipality_code"], "HSN");
  EXPECT_EQ(json["municipality_name"], "黄山");
  EXPECT_EQ(json["country"], "CN");
  EXPECT_EQ(json["time_zone"], "Asia/Shanghai");
  EXPECT_EQ(json["locale"], "zh_CN");
  EXPECT_EQ(json["mode"], "test");
  EXPECT_TRUE(json["schema_version"].is_number_integer());
  EXPECT_GE(json["schema_version"].get<int>(), 2);
  EXPECT_TRUE(json["administrator"].is_string());
}

TEST_F(KinbridgeCliTest, InitRefusesAnExistingWorkspaceAndLeavesItAlone) {
  InitVara();
  AddElin();
  const WorkspaceState before = State();
  CliResult r = Kb({"init", "--code", "VAR", "--name", "Vara", "--country", "SE", "--time-zone",
                    "Europe/Stockholm", "--locale", "sv_SE"});
  ExpectRefused(r, kExitInvalid, {ws_, "already exists"});
  ExpectUnchanged(before, State());
}

TEST_F(KinbridgeCliTest, InitRefusesAnUnknownTimeZoneAndCreatesNoFile) {
  CliResult r = Kb({"init", "--code", "VAR", "--name", "Vara", "--country", "SE", "--time-zone",
                    "Mars/Olympus", "--locale", "sv_SE"});
  ExpectRefused(r, kExitInvalid, {"Mars/Olympus", "expected an IANA zone"});
  EXPECT_THAT(FilesIn(dir()), ::testing::IsEmpty());
}

TEST_F(KinbridgeCliTest, InitRefusesAMalformedMunicipalityCodeAndCreatesNoFile) {
  CliResult r = Kb({"init", "--code", "var1", "--name", "Vara", "--country", "SE", "--time-zone",
                    "Europe/Stockholm", "--locale", "sv_SE"});
  ExpectRefused(r, kExitInvalid, {"var1", "expected 2 to 8 capital letters"});
  EXPECT_THAT(FilesIn(dir()), ::testing::IsEmpty());
}

// ---- scenario 1: registering a child with network, restriction and placement ----------------

TEST_F(KinbridgeCliTest, ChildAddPrintsTheNewCaseReference) {
  InitVara();
  CliResult r = Kb({"child", "add", "--name", "Elin Andersson", "--birth-date", "2017-03-14"});
  EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
  EXPECT_EQ(r.out, "Registered child VAR-2026-0001: Elin Andersson.\n");
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(AddChild("Oskar Andersson", "2014-06-02"), "VAR-2026-0002");
}

TEST_F(KinbridgeCliTest, ChildAddAsJsonReturnsTheWholeRecordWithTypedFields) {
  InitVara();
  CliResult r = Kb({"--format", "json", "child", "add", "--name", "Elin Andersson", "--birth-date",
                    "2017-03-14", "--national-id", "201703142388", "--languages", "sv, ar",
                    "--school", "Vara skola", "--protected-identity"});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  Json c = ParseJson(r.out);
  EXPECT_EQ(c["case_reference"], "VAR-2026-0001");
  EXPECT_TRUE(std::regex_match(c["uuid"].get<std::string>(),
                               std::regex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-"
                                          "[0-9a-f]{12}")))
      << c["uuid"];
  EXPECT_EQ(c["name"], "Elin Andersson");
  EXPECT_EQ(c["birth_date"], "2017-03-14");
  EXPECT_TRUE(c["age"].is_number_integer());
  EXPECT_EQ(c["age"], 9);
  EXPECT_EQ(c["national_id"], kElinId);  // shown in the display form with a dash
  EXPECT_EQ(c["national_id_scheme"], "se-personnummer");
  EXPECT_EQ(c["languages"], "sv,ar");
  EXPECT_EQ(c["school"], "Vara skola");
  EXPECT_EQ(c["protected_identity"], true);
  EXPECT_EQ(c["status"], "open");
  EXPECT_TRUE(c["closed_on"].is_null());
  EXPECT_EQ(c["version"], 1);
  EXPECT_EQ(c["created_at"], "2026-11-29T10:00:00Z");
  EXPECT_EQ(c["updated_at"], "2026-11-29T10:00:00Z");
}

TEST_F(KinbridgeCliTest, ChildAddAcceptsAChineseResidentId) {
  InitVara();
  const std::string ref = AddChild("王芳", "2016-03-15", {"--national-id", "341003201603150016"});
  CliResult r = Kb({"--format", "json", "child", "show", ref});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  Json c = ParseJson(r.out);
  EXPECT_EQ(c["name"], "王芳");
  EXPECT_EQ(c["national_id"], "341003201603150016");
  EXPECT_EQ(c["national_id_scheme"], "cn-resident-id");
}

TEST_F(KinbridgeCliTest, ChildShowListsNetworkRestrictionsAndPlacementsAsJson) {
  InitVara();
  const Elin elin = AddElin();
  AddRelation(elin.ref, "Oskar Andersson", "sibling",
              {"--description", "brother", "--birth-date", "2014-06-02", "--in-contact", "no"});

  CliResult r = Kb({"--format", "json", "child", "show", elin.ref});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  Json c = ParseJson(r.out);
  EXPECT_EQ(c["case_reference"], elin.ref);
  EXPECT_EQ(c["national_id"], kElinId);
  EXPECT_EQ(c["languages"], "sv");

  ASSERT_TRUE(c["relations"].is_array());
  ASSERT_EQ(c["relations"].size(), 2u);
  const Json& sara = c["relations"][0];
  EXPECT_EQ(sara["id"], elin.sara);
  EXPECT_EQ(sara["child"], elin.ref);
  EXPECT_EQ(sara["person_name"], "Sara Andersson");
  EXPECT_EQ(sara["kind"], "mother");
  EXPECT_TRUE(sara["birth_date"].is_null());
  EXPECT_EQ(sara["caregiver"], false);
  EXPECT_EQ(sara["in_contact"], true);
  const Json& oskar = c["relations"][1];
  EXPECT_EQ(oskar["kind"], "sibling");
  EXPECT_EQ(oskar["birth_date"], "2014-06-02");
  EXPECT_EQ(oskar["in_contact"], false);

  ASSERT_EQ(c["restrictions"].size(), 1u);
  const Json& s = c["restrictions"][0];
  EXPECT_TRUE(s["id"].is_number_integer());
  EXPECT_EQ(s["relation_id"], elin.sara);
  EXPECT_EQ(s["person_name"], "Sara Andersson");
  EXPECT_EQ(s["kind"], "supervised-only");
  EXPECT_EQ(s["decision_reference"], "SN 2026/0412");
  EXPECT_EQ(s["valid_from"], "2026-09-01");
  EXPECT_TRUE(s["valid_to"].is_null());
  EXPECT_EQ(s["review_date"], "2026-12-01");
  EXPECT_EQ(s["status"], "in-force");

  ASSERT_EQ(c["placements"].size(), 1u);
  const Json& p = c["placements"][0];
  EXPECT_EQ(p["id"], elin.placement);
  EXPECT_EQ(p["type"], "foster-family");
  EXPECT_EQ(p["legal_basis"], "compulsory");
  EXPECT_EQ(p["legal_code"], "LVU 2 §");
  EXPECT_EQ(p["caregivers"], "Familjehemmet Berg");
  EXPECT_EQ(p["start"], "2025-05-12");
  EXPECT_TRUE(p["end"].is_null());
  EXPECT_EQ(p["address"], "Prästgårdsvägen 4, Vara");
  EXPECT_EQ(p["address_protected"], false);
}

TEST_F(KinbridgeCliTest, ChildShowAsTableHasLabelledFieldsAndASectionPerPart) {
  InitVara();
  const Elin elin = AddElin();
  CliResult r = Kb({"child", "show", elin.ref});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  // Values line up after the widest label.
  const std::string ref_line = LineWith(r.out, "Case reference:");
  const std::string name_line = LineWith(r.out, "Name:");
  EXPECT_EQ(ColumnOf(ref_line, elin.ref), ColumnOf(name_line, "Elin Andersson"));
  EXPECT_THAT(LineWith(r.out, "National id:"), HasSubstr(kElinId));
  EXPECT_THAT(LineWith(r.out, "Protected identity:"), HasSubstr("no"));
  EXPECT_THAT(r.out, HasSubstr("\nFamily network\n"));
  EXPECT_THAT(r.out, HasSubstr("\nContact restrictions\n"));
  EXPECT_THAT(r.out, HasSubstr("\nPlacements\n"));
  EXPECT_THAT(LineWith(r.out, "Sara Andersson  mother"), HasSubstr(elin.ref));
  // Tables show labels; JSON and CSV keep the codes (supervised-only, in-force, foster-family).
  EXPECT_THAT(LineWith(r.out, "supervised contact only"), HasSubstr("in force"));
  EXPECT_THAT(LineWith(r.out, "foster family"), HasSubstr("Prästgårdsvägen 4, Vara"));
}

TEST_F(KinbridgeCliTest, ChildShowWithoutNetworkSaysNoneInEachSection) {
  InitVara();
  const std::string ref = AddChild("Maja Berg", "2014-02-08");
  CliResult r = Kb({"child", "show", ref});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr("Family network\n  (none)\n"));
  EXPECT_THAT(r.out, HasSubstr("Contact restrictions\n  (none)\n"));
  EXPECT_THAT(r.out, HasSubstr("Placements\n  (none)\n"));
}

TEST_F(KinbridgeCliTest, ChildShowAsCsvHasTheRecordThenOneBlockPerSection) {
  InitVara();
  const Elin elin = AddElin();
  CliResult r = Kb({"--format", "csv", "child", "show", elin.ref});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  const std::vector<std::string> lines = Lines(r.out);
  ASSERT_GE(lines.size(), 11u) << r.out;
  EXPECT_EQ(lines[0],
            "case_reference,uuid,name,birth_date,age,national_id,national_id_scheme,languages,"
            "school,protected_identity,status,closed_on,close_reason,version,created_at,"
            "updated_at");
  EXPECT_THAT(lines[1], StartsWith(elin.ref + ","));
  EXPECT_THAT(lines[1], HasSubstr(",Elin Andersson,2017-03-14,9," + std::string(kElinId) +
                                  ",se-personnummer,sv,Vara skola,false,open,,,1,"));
  EXPECT_EQ(lines[2], "");
  EXPECT_EQ(lines[3], "id,child,person_name,kind,description,birth_date,caregiver,in_contact");
  EXPECT_EQ(lines[4], std::to_string(elin.sara) + "," + elin.ref +
                          ",Sara Andersson,mother,mother,,false,true");
  EXPECT_EQ(lines[5], "");
  EXPECT_EQ(lines[6],
            "id,relation_id,person_name,kind,decision_reference,reason,valid_from,valid_to,"
            "review_date,status");
  EXPECT_THAT(lines[7], HasSubstr(",Sara Andersson,supervised-only,SN 2026/0412,"));
  EXPECT_EQ(lines[8], "");
  EXPECT_EQ(lines[9],
            "id,child,type,legal_basis,legal_code,caregivers,start,end,address,address_protected");
  EXPECT_EQ(lines[10], std::to_string(elin.placement) + "," + elin.ref +
                           ",foster-family,compulsory,LVU 2 §,Familjehemmet Berg,2025-05-12,,"
                           "\"Prästgårdsvägen 4, Vara\",false");
}

// ---- child list in three formats ------------------------------------------------------------

TEST_F(KinbridgeCliTest, ChildListTableAlignsColumnsAfterAChineseName) {
  InitVara();
  AddChild("Elin Andersson", "2017-03-14", {"--national-id", kElinId});
  AddChild("李明", "2016-05-01");
  CliResult r = Kb({"child", "list"});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  const std::vector<std::string> lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 4u) << r.out;
  const std::string& header = lines[0];
  const std::string elin = LineWith(r.out, "Elin Andersson");
  const std::string li = LineWith(r.out, "李明");
  // "李明" is four columns wide; the birth date after it starts where Elin's and the header's do.
  const auto born = ColumnOf(header, "Born");
  ASSERT_TRUE(born.has_value()) << header;
  EXPECT_EQ(ColumnOf(elin, "2017-03-14"), born) << r.out;
  EXPECT_EQ(ColumnOf(li, "2016-05-01"), born) << r.out;
  EXPECT_EQ(ColumnOf(li, "VAR-2026-0002"), ColumnOf(elin, "VAR-2026-0001"));
  EXPECT_EQ(ColumnOf(li, "open"), ColumnOf(header, "Status")) << r.out;
  EXPECT_EQ(ColumnOf(elin, "open"), ColumnOf(header, "Status")) << r.out;
  // The rule under the header is as wide as the widest name, "Elin Andersson".
  EXPECT_EQ(ColumnOf(lines[1], "  ----------  "),
            ColumnOf(header, "Name").value() + DisplayWidth("Elin Andersson"));
  // Age is right-aligned: 9 and 10 end in the same column.
  EXPECT_EQ(ColumnOf(elin, " 9 "), ColumnOf(li, "10 ")) << r.out;
}

TEST_F(KinbridgeCliTest, ChildListJsonIsAnArrayOfTypedObjects) {
  InitVara();
  AddChild("Elin Andersson", "2017-03-14", {"--national-id", kElinId});
  AddChild("李明", "2016-05-01");
  CliResult r = Kb({"--format", "json", "child", "list"});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  Json list = ParseJson(r.out);
  ASSERT_TRUE(list.is_array());
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0], Json::parse(R"({"case_reference":"VAR-2026-0001","name":"Elin Andersson",
                            "birth_date":"2017-03-14","age":9,"national_id":"20170314-2388",
                            "status":"open"})"));
  EXPECT_EQ(list[1]["name"], "李明");
  EXPECT_TRUE(list[1]["national_id"].is_null());
  EXPECT_TRUE(list[1]["age"].is_number_integer());
  EXPECT_EQ(list[1]["age"], 10);
}

TEST_F(KinbridgeCliTest, ChildListJsonOfAnEmptyWorkspaceIsAnEmptyArray) {
  InitVara();
  CliResult r = Kb({"--format", "json", "child", "list"});
  EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
  EXPECT_EQ(r.out, "[]\n");
}

TEST_F(KinbridgeCliTest, ChildListCsvHasStableKeysAndOneRowPerChild) {
  InitVara();
  AddChild("Elin Andersson", "2017-03-14", {"--national-id", kElinId});
  AddChild("李明", "2016-05-01");
  CliResult r = Kb({"--format", "csv", "child", "list"});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  const std::vector<std::string> lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 3u) << r.out;
  EXPECT_EQ(CsvCells(lines[0]), (std::vector<std::string>{"case_reference", "name", "birth_date",
                                                          "age", "national_id", "status"}));
  EXPECT_EQ(CsvCells(lines[1]), (std::vector<std::string>{"VAR-2026-0001", "Elin Andersson",
                                                          "2017-03-14", "9", kElinId, "open"}));
  EXPECT_EQ(CsvCells(lines[2]),
            (std::vector<std::string>{"VAR-2026-0002", "李明", "2016-05-01", "10", "", "open"}));
}

TEST_F(KinbridgeCliTest, ChildListCsvQuotesCommasAndDefusesFormulas) {
  InitVara();
  AddChild("Berg, Maja \"Mia\"", "2014-02-08");
  AddChild("=HYPERLINK(\"http://x\")", "2015-01-01");
  CliResult r = Kb({"--format", "csv", "child", "list"});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  const std::vector<std::string> lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 3u) << r.out;
  EXPECT_EQ(lines[1], "VAR-2026-0001,\"Berg, Maja \"\"Mia\"\"\",2014-02-08,12,,open");
  EXPECT_EQ(lines[2], "VAR-2026-0002,\"'=HYPERLINK(\"\"http://x\"\")\",2015-01-01,11,,open");
}

TEST_F(KinbridgeCliTest, ChildListSearchFindsNamesContainingTheText) {
  InitVara();
  AddChild("Elin Andersson", "2017-03-14");
  AddChild("Maja Berg", "2014-02-08");
  AddChild("Oskar Andersson", "2014-06-02");
  CliResult r = Kb({"--format", "json", "child", "list", "--search", "Andersson"});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  Json list = ParseJson(r.out);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0]["name"], "Elin Andersson");
  EXPECT_EQ(list[1]["name"], "Oskar Andersson");
}

// ---- edit and close --------------------------------------------------------------------------

TEST_F(KinbridgeCliTest, ChildEditChangesOnlyTheGivenFieldsAndRaisesTheVersion) {
  InitVara();
  const std::string ref = AddChild("Li Ming", "2016-05-01", {"--school", "Old school"});
  CliResult r = Kb({"child", "edit", ref, "--name", "李明", "--languages", "zh,en"});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  EXPECT_EQ(r.out, "Changed child " + ref + " (version 2).\n");

  r = Kb({"--format", "json", "child", "show", ref});
  Json c = ParseJson(r.out);
  EXPECT_EQ(c["name"], "李明");
  EXPECT_EQ(c["languages"], "zh,en");
  EXPECT_EQ(c["school"], "Old school");
  EXPECT_EQ(c["birth_date"], "2016-05-01");
  EXPECT_EQ(c["version"], 2);
}

TEST_F(KinbridgeCliTest, ChildEditWithAStaleVersionIsAConflictAndChangesNothing) {
  InitVara();
  const std::string ref = AddChild("Li Ming", "2016-05-01");
  ASSERT_EQ(Kb({"child", "edit", ref, "--school", "Huangshan No. 1"}).exit_code, kExitOk);
  const WorkspaceState before = State();
  CliResult r = Kb({"child", "edit", ref, "--school", "Other", "--expected-version", "1"});
  ExpectRefused(r, kExitInvalid, {ref, "version 1", "is now 2"});
  ExpectUnchanged(before, State());
}

TEST_F(KinbridgeCliTest, ChildEditCanRemoveTheNationalId) {
  InitVara();
  const std::string ref = AddChild("Elin Andersson", "2017-03-14", {"--national-id", kElinId});
  CliResult r = Kb({"--format", "json", "child", "edit", ref, "--national-id", ""});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  Json c = ParseJson(r.out);
  EXPECT_TRUE(c["national_id"].is_null());
  EXPECT_TRUE(c["national_id_scheme"].is_null());
  // The number is free again.
  EXPECT_EQ(AddChild("Elin A.", "2017-03-14", {"--national-id", kElinId}), "VAR-2026-0002");
}

TEST_F(KinbridgeCliTest, ChildCloseKeepsTheCaseButHidesItFromTheDefaultList) {
  InitVara();
  const std::string elin = AddChild("Elin Andersson", "2017-03-14");
  const std::string li = AddChild("李明", "2016-05-01");
  CliResult r = Kb({"child", "close", li, "--reason", "Moved to Shanghai", "--date", "2026-11-20"});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  EXPECT_EQ(r.out, "Closed child " + li + " on 2026-11-20.\n");

  Json open = ParseJson(Kb({"--format", "json", "child", "list"}).out);
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0]["case_reference"], elin);
  Json closed = ParseJson(Kb({"--format", "json", "child", "list", "--status", "closed"}).out);
  ASSERT_EQ(closed.size(), 1u);
  EXPECT_EQ(closed[0]["case_reference"], li);
  EXPECT_EQ(closed[0]["status"], "closed");
  EXPECT_EQ(ParseJson(Kb({"--format", "json", "child", "list", "--status", "all"}).out).size(), 2u);

  Json shown = ParseJson(Kb({"--format", "json", "child", "show", li}).out);
  EXPECT_EQ(shown["closed_on"], "2026-11-20");
  EXPECT_EQ(shown["close_reason"], "Moved to Shanghai");
  // A new child gets the next reference; a closed one's is never reused.
  EXPECT_EQ(AddChild("Maja Berg", "2014-02-08"), "VAR-2026-0003");
}

TEST_F(KinbridgeCliTest, ChildCloseWithoutDateClosesOnToday) {
  InitVara();
  const std::string ref = AddChild("Maja Berg", "2014-02-08");
  CliResult r = Kb({"--format", "json", "child", "close", ref, "--reason", "Returned home"});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  Json c = ParseJson(r.out);
  EXPECT_EQ(c["status"], "closed");
  EXPECT_EQ(c["closed_on"], "2026-11-29");
}

// ---- relations, restrictions, placements -----------------------------------------------------

TEST_F(KinbridgeCliTest, RelationListShowsTheNetworkInAllFormats) {
  InitVara();
  const std::string ref = AddChild("Elin Andersson", "2017-03-14");
  CliResult added = Kb({"relation", "add", "--child", ref, "--name", "Birgitta Andersson", "--kind",
                        "grandparent", "--description", "maternal grandmother"});
  ASSERT_EQ(added.exit_code, kExitOk) << Describe(added);
  EXPECT_EQ(added.out,
            "Added relation 1: Birgitta Andersson (grandparent) of child " + ref + ".\n");
  AddRelation(ref, "Gun Lindqvist", "other", {"--caregiver", "--birth-date", "1960-04-02"});

  CliResult table = Kb({"relation", "list", "--child", ref});
  ASSERT_EQ(table.exit_code, kExitOk) << Describe(table);
  const std::string header = Lines(table.out).at(0);
  const std::string birgitta = LineWith(table.out, "Birgitta Andersson");
  const std::string gun = LineWith(table.out, "Gun Lindqvist");
  EXPECT_EQ(ColumnOf(birgitta, "grandparent"), ColumnOf(header, "Relation"));
  EXPECT_EQ(ColumnOf(gun, "other"), ColumnOf(header, "Relation"));
  EXPECT_EQ(ColumnOf(gun, "1960-04-02"), ColumnOf(header, "Born"));
  EXPECT_EQ(ColumnOf(gun, "yes"), ColumnOf(header, "Caregiver"));

  Json json = ParseJson(Kb({"--format", "json", "relation", "list", "--child", ref}).out);
  ASSERT_EQ(json.size(), 2u);
  EXPECT_EQ(json[0]["id"], 1);
  EXPECT_EQ(json[0]["description"], "maternal grandmother");
  EXPECT_EQ(json[1]["kind"], "other");
  EXPECT_EQ(json[1]["caregiver"], true);
  EXPECT_EQ(json[1]["birth_date"], "1960-04-02");

  const std::vector<std::string> csv =
      Lines(Kb({"--format", "csv", "relation", "list", "--child", ref}).out);
  ASSERT_EQ(csv.size(), 3u);
  EXPECT_EQ(csv[0], "id,child,person_name,kind,description,birth_date,caregiver,in_contact");
  EXPECT_EQ(csv[1],
            "1," + ref + ",Birgitta Andersson,grandparent,maternal grandmother,,false,true");
  EXPECT_EQ(csv[2], "2," + ref + ",Gun Lindqvist,other,,1960-04-02,true,true");
}

TEST_F(KinbridgeCliTest, RestrictionReviewDefaultsToThreeMonthsAfterItStarts) {
  InitVara();
  const std::string ref = AddChild("Noah Lindqvist", "2019-06-22");
  const std::int64_t father = AddRelation(ref, "Mikael Lindqvist", "father");
  CliResult r = Kb({"--format", "json", "restriction", "add", "--relation", std::to_string(father),
                    "--kind", "secret-address", "--decision", "SN 2026/0977", "--reason",
                    "Placement kept secret", "--from", "2026-10-01"});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  Json rows = ParseJson(r.out);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["child"], ref);
  EXPECT_EQ(rows[0]["relation_id"], father);
  EXPECT_EQ(rows[0]["kind"], "secret-address");
  EXPECT_EQ(rows[0]["review_date"], "2027-01-01");
  EXPECT_EQ(rows[0]["status"], "in-force");
}

TEST_F(KinbridgeCliTest, RestrictionLiftKeepsItInTheHistoryOnly) {
  InitVara();
  const Elin elin = AddElin();
  CliResult list = Kb({"restriction", "list"});
  ASSERT_EQ(list.exit_code, kExitOk) << Describe(list);
  const std::string row = LineWith(list.out, "Sara Andersson");
  EXPECT_EQ(ColumnOf(row, elin.ref), ColumnOf(Lines(list.out).at(0), "Child"));
  EXPECT_EQ(ColumnOf(row, "in force"), ColumnOf(Lines(list.out).at(0), "Status"));
  const std::string id = std::to_string(
      ParseJson(Kb({"--format", "json", "restriction", "list"}).out)[0]["id"].get<std::int64_t>());

  CliResult lifted =
      Kb({"restriction", "lift", id, "--reason", "Decision SN 2026/0999", "--date", "2026-11-28"});
  ASSERT_EQ(lifted.exit_code, kExitOk) << Describe(lifted);
  EXPECT_EQ(lifted.out, "Lifted restriction " + id + " on 2026-11-28 (child " + elin.ref + ").\n");

  EXPECT_EQ(ParseJson(Kb({"--format", "json", "restriction", "list"}).out), Json::array());
  Json all = ParseJson(Kb({"--format", "json", "restriction", "list", "--all"}).out);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0]["status"], "lifted");
  const std::vector<std::string> csv =
      Lines(Kb({"--format", "csv", "restriction", "list", "--all", "--child", elin.ref}).out);
  ASSERT_EQ(csv.size(), 2u);
  EXPECT_EQ(csv[0],
            "id,child,relation_id,person_name,kind,decision_reference,reason,valid_from,valid_to,"
            "review_date,status");
  EXPECT_EQ(csv[1], id + "," + elin.ref + "," + std::to_string(elin.sara) +
                        ",Sara Andersson,supervised-only,SN 2026/0412,"
                        "Visits only with a contact person,2026-09-01,,2026-12-01,lifted");
}

TEST_F(KinbridgeCliTest, RestrictionLiftedTwiceIsRefused) {
  InitVara();
  AddElin();
  ASSERT_EQ(Kb({"restriction", "lift", "1", "--reason", "New decision"}).exit_code, kExitOk);
  const WorkspaceState before = State();
  CliResult r = Kb({"restriction", "lift", "1", "--reason", "Again"});
  ExpectRefused(r, kExitInvalid, {"restriction 1", "already lifted on 2026-11-29"});
  ExpectUnchanged(before, State());
}

TEST_F(KinbridgeCliTest, PlacementEndThenANewPlacementFromTheMovingDay) {
  InitVara();
  const Elin elin = AddElin();
  CliResult ended = Kb({"placement", "end", std::to_string(elin.placement), "--date", "2026-06-30",
                        "--reason", "Moved to kinship care"});
  ASSERT_EQ(ended.exit_code, kExitOk) << Describe(ended);
  EXPECT_EQ(ended.out, "Ended placement " + std::to_string(elin.placement) + " of child " +
                           elin.ref + " on 2026-06-30.\n");
  CliResult added = Kb({"placement", "add", "--child", elin.ref, "--type", "kinship", "--basis",
                        "voluntary", "--start", "2026-06-30", "--caregivers", "Grandmother"});
  ASSERT_EQ(added.exit_code, kExitOk) << Describe(added);
  EXPECT_THAT(added.out, HasSubstr("(kinship care) for child " + elin.ref + " from 2026-06-30."));

  CliResult table = Kb({"placement", "list", "--child", elin.ref});
  ASSERT_EQ(table.exit_code, kExitOk) << Describe(table);
  const std::string header = Lines(table.out).at(0);
  EXPECT_EQ(ColumnOf(LineWith(table.out, "foster family"), "2026-06-30"), ColumnOf(header, "End"));
  EXPECT_EQ(ColumnOf(LineWith(table.out, "kinship"), "2026-06-30"), ColumnOf(header, "Start"));

  Json json = ParseJson(Kb({"--format", "json", "placement", "list", "--child", elin.ref}).out);
  ASSERT_EQ(json.size(), 2u);
  EXPECT_EQ(json[0]["end"], "2026-06-30");
  EXPECT_EQ(json[1]["type"], "kinship");
  EXPECT_EQ(json[1]["legal_basis"], "voluntary");
  EXPECT_TRUE(json[1]["end"].is_null());

  const std::vector<std::string> csv =
      Lines(Kb({"--format", "csv", "placement", "list", "--child", elin.ref}).out);
  ASSERT_EQ(csv.size(), 3u);
  EXPECT_EQ(csv[0],
            "id,child,type,legal_basis,legal_code,caregivers,start,end,address,address_protected");
  EXPECT_EQ(CsvCells(csv[2]).at(2), "kinship");
  EXPECT_EQ(CsvCells(csv[2]).at(5), "Grandmother");
}

// ---- today -----------------------------------------------------------------------------------

TEST_F(KinbridgeCliTest, TodayOptionSetsTheYearOfTheCaseReference) {
  InitVara();
  CliResult r = Kb(
      {"--today", "2027-01-05", "child", "add", "--name", "Li Hua", "--birth-date", "2018-01-01"});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  EXPECT_EQ(r.out, "Registered child VAR-2027-0001: Li Hua.\n");
  // The environment variable does the same; the counter runs per year.
  EXPECT_EQ(AddChild("Maja Berg", "2014-02-08"), "VAR-2026-0001");
  CliResult env = Kb({"child", "add", "--name", "Oskar", "--birth-date", "2014-06-02"},
                     {{"KINBRIDGE_TODAY", "2027-03-01"}});
  ASSERT_EQ(env.exit_code, kExitOk) << Describe(env);
  EXPECT_EQ(env.out, "Registered child VAR-2027-0002: Oskar.\n");
}

TEST_F(KinbridgeCliTest, TodayOptionDeterminesTheAgeShown) {
  InitVara();
  AddChild("Elin Andersson", "2017-03-14");
  Json before = ParseJson(Kb({"--format", "json", "--today", "2027-03-13", "child", "list"}).out);
  Json on = ParseJson(Kb({"--format", "json", "--today", "2027-03-14", "child", "list"}).out);
  EXPECT_EQ(before.at(0)["age"], 9);
  EXPECT_EQ(on.at(0)["age"], 10);
}

TEST_F(KinbridgeCliTest, WorkspaceComesFromTheEnvironmentWhenNotGiven) {
  InitVara();
  AddChild("Elin Andersson", "2017-03-14");
  CliResult r = RunCli({"--format", "json", "child", "list"},
                       {{"KINBRIDGE_WORKSPACE", ws_}, {"KINBRIDGE_AS", "anna"}});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  EXPECT_EQ(ParseJson(r.out).at(0)["name"], "Elin Andersson");
}

// ---- bad input: dates and national ids -------------------------------------------------------

TEST_F(KinbridgeCliTest, InvalidBirthDateIsRefusedNamingItAndTheFormat) {
  InitVara();
  AddElin();
  const WorkspaceState before = State();
  CliResult r = Kb({"child", "add", "--name", "Oskar", "--birth-date", "2026-13-01"});
  ExpectRefused(r, kExitInvalid, {"birth date 2026-13-01", "expected YYYY-MM-DD"});
  ExpectUnchanged(before, State());
}

TEST_F(KinbridgeCliTest, ImpossibleDayInAnEditIsRefusedNamingIt) {
  InitVara();
  const Elin elin = AddElin();
  const WorkspaceState before = State();
  CliResult r = Kb({"child", "edit", elin.ref, "--birth-date", "2017-02-30"});
  ExpectRefused(r, kExitInvalid, {"2017-02-30", "expected YYYY-MM-DD"});
  ExpectUnchanged(before, State());
}

TEST_F(KinbridgeCliTest, MalformedDatesInOtherCommandsAreRefused) {
  InitVara();
  const Elin elin = AddElin();
  const WorkspaceState before = State();
  ExpectRefused(Kb({"placement", "add", "--child", elin.ref, "--type", "kinship", "--basis",
                    "voluntary", "--start", "30/06/2026"}),
                kExitInvalid, {"start 30/06/2026", "expected YYYY-MM-DD"});
  ExpectRefused(Kb({"placement", "end", std::to_string(elin.placement), "--date", "2026-6-30",
                    "--reason", "x"}),
                kExitInvalid, {"2026-6-30", "expected YYYY-MM-DD"});
  ExpectRefused(Kb({"restriction", "add", "--relation", std::to_string(elin.sara), "--kind",
                    "no-contact", "--decision", "SN 1", "--reason", "r", "--from", "tomorrow"}),
                kExitInvalid, {"tomorrow", "expected YYYY-MM-DD"});
  ExpectRefused(Kb({"child", "close", elin.ref, "--reason", "r", "--date", "2026-11-31"}),
                kExitInvalid, {"2026-11-31", "expected YYYY-MM-DD"});
  ExpectUnchanged(before, State());
}

TEST_F(KinbridgeCliTest, InvalidTodayIsRefusedWhetherOptionOrEnvironment) {
  InitVara();
  ExpectRefused(Kb({"--today", "2027-13-05", "child", "list"}), kExitInvalid,
                {"today 2027-13-05", "expected YYYY-MM-DD"});
  ExpectRefused(Kb({"child", "list"}, {{"KINBRIDGE_TODAY", "soon"}}), kExitInvalid,
                {"today soon", "expected YYYY-MM-DD"});
}

TEST_F(KinbridgeCliTest, BirthDateInTheFutureIsRefused) {
  InitVara();
  const WorkspaceState before = State();
  ExpectRefused(Kb({"child", "add", "--name", "Baby", "--birth-date", "2027-01-01"}), kExitInvalid,
                {"2027-01-01", "in the future", "2026-11-29"});
  ExpectUnchanged(before, State());
}

TEST_F(KinbridgeCliTest, PersonnummerWithAWrongCheckDigitNamesTheExpectedDigit) {
  InitVara();
  AddChild("Maja Berg", "2014-02-08");
  const WorkspaceState before = State();
  CliResult r = Kb({"child", "add", "--name", "Elin Andersson", "--birth-date", "2017-03-14",
                    "--national-id", "20170314-2384"});
  ExpectRefused(r, kExitInvalid, {"20170314-2384", "check digit 4 is wrong", "expected 8"});
  ExpectUnchanged(before, State());
  // The refused child did not use up a case reference.
  EXPECT_EQ(AddChild("Elin Andersson", "2017-03-14", {"--national-id", kElinId}), "VAR-2026-0002");
}

TEST_F(KinbridgeCliTest, ChineseResidentIdWithAWrongCheckCharacterIsRefused) {
  InitVara();
  const WorkspaceState before = State();
  CliResult r = Kb({"child", "add", "--name", "王芳", "--birth-date", "2016-03-15", "--national-id",
                    "34100320160315001X"});
  ExpectRefused(r, kExitInvalid, {"34100320160315001X", "expected 6"});
  ExpectUnchanged(before, State());
}

TEST_F(KinbridgeCliTest, NationalIdThatDisagreesWithTheBirthDateIsRefused) {
  InitVara();
  const WorkspaceState before = State();
  CliResult r = Kb(
      {"child", "add", "--name", "Elin", "--birth-date", "2017-03-15", "--national-id", kElinId});
  ExpectRefused(r, kExitInvalid, {kElinId, "2017-03-14", "2017-03-15"});
  ExpectUnchanged(before, State());
}

TEST_F(KinbridgeCliTest, DuplicateNationalIdNamesTheChildThatHasIt) {
  InitVara();
  const Elin elin = AddElin();
  const WorkspaceState before = State();
  for (const char* written : {kElinId, "201703142388", "1703142388", "170314-2388"}) {
    SCOPED_TRACE(written);
    CliResult r = Kb({"child", "add", "--name", "Elin Again", "--birth-date", "2017-03-14",
                      "--national-id", written});
    ExpectRefused(r, kExitInvalid, {kElinId, "already registered", elin.ref});
  }
  ExpectUnchanged(before, State());
}

TEST_F(KinbridgeCliTest, EditGivingAnotherChildsNationalIdIsRefused) {
  InitVara();
  const Elin elin = AddElin();
  const std::string other = AddChild("Elin Anderson", "2017-03-14");
  const WorkspaceState before = State();
  CliResult r = Kb({"child", "edit", other, "--national-id", kElinId});
  ExpectRefused(r, kExitInvalid, {kElinId, elin.ref});
  ExpectUnchanged(before, State());
}

TEST_F(KinbridgeCliTest, UnknownIdSchemeNamesTheAcceptedSchemes) {
  InitVara();
  const WorkspaceState before = State();
  CliResult r = Kb({"child", "add", "--name", "Elin", "--birth-date", "2017-03-14", "--national-id",
                    kElinId, "--id-scheme", "se-pnr"});
  ExpectRefused(r, kExitInvalid,
                {"se-pnr", "se-personnummer, se-samordningsnummer or cn-resident-id"});
  ExpectUnchanged(before, State());
}

// ---- bad input: names ------------------------------------------------------------------------

TEST_F(KinbridgeCliTest, NonUtf8NameIsRefused) {
  InitVara();
  AddElin();
  const WorkspaceState before = State();
  CliResult r = Kb({"child", "add", "--name", "\xff\xfe", "--birth-date", "2017-03-14"});
  ExpectRefused(r, kExitInvalid, {"name", "not valid UTF-8"});
  ExpectUnchanged(before, State());
}

TEST_F(KinbridgeCliTest, NonUtf8NameIsRefusedWithValidJsonOnStderr) {
  InitVara();
  CliResult r =
      Kb({"--format", "json", "child", "add", "--name", "\xff\xfe", "--birth-date", "2017-03-14"});
  EXPECT_EQ(r.exit_code, kExitInvalid) << Describe(r);
  EXPECT_EQ(r.out, "");
  Json json = ParseJson(r.err);
  EXPECT_EQ(json["error"]["code"], "invalid-argument");
  EXPECT_THAT(json["error"]["message"].get<std::string>(), HasSubstr("not valid UTF-8"));
}

TEST_F(KinbridgeCliTest, NonUtf8TextInAnyFieldIsRefused) {
  InitVara();
  const Elin elin = AddElin();
  const WorkspaceState before = State();
  ExpectRefused(Kb({"child", "edit", elin.ref, "--school", "Vara \xc3"}), kExitInvalid,
                {"school", "not valid UTF-8"});
  ExpectRefused(
      Kb({"relation", "add", "--child", elin.ref, "--name", "Sara \xe9", "--kind", "mother"}),
      kExitInvalid, {"person name", "not valid UTF-8"});
  ExpectUnchanged(before, State());
}

TEST_F(KinbridgeCliTest, NameWithALineBreakOrNothingIsRefused) {
  InitVara();
  const WorkspaceState before = State();
  ExpectRefused(Kb({"child", "add", "--name", "Eve\nil", "--birth-date", "2017-03-14"}),
                kExitInvalid, {"control characters", "expected plain text on one line"});
  ExpectRefused(Kb({"child", "add", "--name", "", "--birth-date", "2017-03-14"}), kExitInvalid,
                {"name is empty", "expected a value"});
  ExpectUnchanged(before, State());
}

// Tables replace control characters so that a stored escape sequence cannot rewrite the screen;
// error messages quote the offending value and need the same care.
TEST_F(KinbridgeCliTest, ErrorMessagesDoNotEchoTerminalControlCharacters) {
  InitVara();
  const WorkspaceState before = State();
  const auto expect_plain_line = [](const CliResult& r) {
    ASSERT_FALSE(r.err.empty());
    const std::string body = r.err.substr(0, r.err.size() - 1);
    EXPECT_EQ(body.find_first_of("\x1b\x07\n\r"), std::string::npos)
        << "stderr carries raw control characters: " << ::testing::PrintToString(r.err);
    EXPECT_EQ(r.err.back(), '\n');
  };
  CliResult name =
      Kb({"child", "add", "--name", "\x1b]0;pwned\x07\x1b[31mred", "--birth-date", "2017-03-14"});
  EXPECT_EQ(name.exit_code, kExitInvalid) << Describe(name);
  EXPECT_THAT(name.err, HasSubstr("control characters"));
  expect_plain_line(name);
  CliResult ref = Kb({"child", "show", "VAR-2026-0001\x1b[2J"});
  EXPECT_EQ(ref.exit_code, kExitNotFound) << Describe(ref);
  expect_plain_line(ref);
  CliResult line_break = Kb({"child", "add", "--name", "Eve\nil", "--birth-date", "2017-03-14"});
  EXPECT_EQ(line_break.exit_code, kExitInvalid) << Describe(line_break);
  expect_plain_line(line_break);
  ExpectUnchanged(before, State());
}

// ---- bad input: unknown records and kinds ----------------------------------------------------

TEST_F(KinbridgeCliTest, UnknownChildIsNotFound) {
  InitVara();
  AddElin();
  const WorkspaceState before = State();
  ExpectRefused(Kb({"child", "show", "VAR-2026-9999"}), kExitNotFound,
                {"child VAR-2026-9999 does not exist", "expected a case reference"});
  ExpectRefused(Kb({"child", "edit", "VAR-2026-9999", "--name", "X"}), kExitNotFound,
                {"VAR-2026-9999"});
  ExpectRefused(Kb({"child", "close", "VAR-2026-9999", "--reason", "x"}), kExitNotFound,
                {"VAR-2026-9999"});
  ExpectRefused(
      Kb({"relation", "add", "--child", "VAR-2026-9999", "--name", "Sara", "--kind", "mother"}),
      kExitNotFound, {"VAR-2026-9999"});
  ExpectRefused(Kb({"relation", "list", "--child", "VAR-2026-9999"}), kExitNotFound,
                {"VAR-2026-9999"});
  ExpectRefused(Kb({"placement", "add", "--child", "VAR-2026-9999", "--type", "kinship", "--basis",
                    "voluntary", "--start", "2026-01-01"}),
                kExitNotFound, {"VAR-2026-9999"});
  ExpectRefused(Kb({"placement", "list", "--child", "VAR-2026-9999"}), kExitNotFound,
                {"VAR-2026-9999"});
  ExpectRefused(Kb({"restriction", "list", "--child", "VAR-2026-9999"}), kExitNotFound,
                {"VAR-2026-9999"});
  ExpectUnchanged(before, State());
}

TEST_F(KinbridgeCliTest, UnknownRelationPlacementAndRestrictionIdsAreNotFound) {
  InitVara();
  AddElin();
  const WorkspaceState before = State();
  ExpectRefused(Kb({"restriction", "add", "--relation", "77", "--kind", "no-contact", "--decision",
                    "SN 1", "--reason", "r", "--from", "2026-11-01"}),
                kExitNotFound, {"relation 77 does not exist", "relation list"});
  ExpectRefused(Kb({"restriction", "lift", "77", "--reason", "r"}), kExitNotFound,
                {"restriction 77 does not exist"});
  ExpectRefused(Kb({"placement", "end", "77", "--date", "2026-11-01", "--reason", "r"}),
                kExitNotFound, {"placement 77 does not exist"});
  ExpectUnchanged(before, State());
}

TEST_F(KinbridgeCliTest, UnknownKindsNameTheValueAndTheAcceptedOnes) {
  InitVara();
  const Elin elin = AddElin();
  const WorkspaceState before = State();
  ExpectRefused(
      Kb({"relation", "add", "--child", elin.ref, "--name", "Cousin Carl", "--kind", "cousin"}),
      kExitInvalid,
      {"relation kind 'cousin'",
       "expected mother, father, sibling, grandparent or "
       "other"});
  ExpectRefused(Kb({"restriction", "add", "--relation", std::to_string(elin.sara), "--kind", "none",
                    "--decision", "SN 1", "--reason", "r", "--from", "2026-11-01"}),
                kExitInvalid,
                {"restriction kind 'none'",
                 "expected supervised-only, no-contact or "
                 "secret-address"});
  ExpectRefused(Kb({"placement", "add", "--child", elin.ref, "--type", "boarding-school", "--basis",
                    "voluntary", "--start", "2027-01-01"}),
                kExitInvalid,
                {"placement type 'boarding-school'",
                 "expected foster-family, kinship, residential, left-behind or own-home"});
  ExpectRefused(Kb({"placement", "add", "--child", elin.ref, "--type", "kinship", "--basis",
                    "maybe", "--start", "2027-01-01"}),
                kExitInvalid, {"legal basis 'maybe'", "expected voluntary or compulsory"});
  ExpectUnchanged(before, State());
}

// ---- bad input: closed children, overlaps, Swedish review rule -------------------------------

TEST_F(KinbridgeCliTest, ClosedChildCannotBeEditedOrExtended) {
  InitVara();
  const Elin elin = AddElin();
  ASSERT_EQ(Kb({"child", "close", elin.ref, "--reason", "Returned home", "--date", "2026-11-20"})
                .exit_code,
            kExitOk);
  const WorkspaceState before = State();
  ExpectRefused(Kb({"child", "edit", elin.ref, "--school", "Nästegårdsskolan"}), kExitInvalid,
                {elin.ref, "closed on 2026-11-20", "cannot edit"});
  ExpectRefused(Kb({"child", "close", elin.ref, "--reason", "Again"}), kExitInvalid,
                {elin.ref, "closed on 2026-11-20"});
  ExpectRefused(
      Kb({"relation", "add", "--child", elin.ref, "--name", "Johan Nilsson", "--kind", "father"}),
      kExitInvalid, {elin.ref, "closed"});
  ExpectRefused(Kb({"placement", "add", "--child", elin.ref, "--type", "kinship", "--basis",
                    "voluntary", "--start", "2026-11-21"}),
                kExitInvalid, {elin.ref, "closed"});
  ExpectUnchanged(before, State());
}

TEST_F(KinbridgeCliTest, OverlappingPlacementIsRefusedNamingTheOtherPlacement) {
  InitVara();
  const Elin elin = AddElin();  // foster family from 2025-05-12, current
  const WorkspaceState before = State();
  const std::string other = "placement " + std::to_string(elin.placement);
  ExpectRefused(Kb({"placement", "add", "--child", elin.ref, "--type", "kinship", "--basis",
                    "voluntary", "--start", "2026-01-01"}),
                kExitInvalid, {"start 2026-01-01", "overlaps " + other, "2025-05-12"});
  // Starting before the current placement would overlap it as well.
  ExpectRefused(Kb({"placement", "add", "--child", elin.ref, "--type", "kinship", "--basis",
                    "voluntary", "--start", "2025-01-01"}),
                kExitInvalid, {"start 2025-01-01", "overlaps " + other});
  ExpectUnchanged(before, State());
}

TEST_F(KinbridgeCliTest, OverlapWithAnEndedPlacementIsRefused) {
  InitVara();
  const Elin elin = AddElin();
  ASSERT_EQ(Kb({"placement", "end", std::to_string(elin.placement), "--date", "2026-06-30",
                "--reason", "Moved"})
                .exit_code,
            kExitOk);
  const WorkspaceState before = State();
  ExpectRefused(Kb({"placement", "add", "--child", elin.ref, "--type", "kinship", "--basis",
                    "voluntary", "--start", "2026-06-29"}),
                kExitInvalid, {"2026-06-29", "overlaps placement", "2026-06-30"});
  ExpectUnchanged(before, State());
}

TEST_F(KinbridgeCliTest, PlacementEndBeforeItsStartIsRefused) {
  InitVara();
  const Elin elin = AddElin();
  const WorkspaceState before = State();
  ExpectRefused(Kb({"placement", "end", std::to_string(elin.placement), "--date", "2025-01-01",
                    "--reason", "Typo"}),
                kExitInvalid, {"end 2025-01-01", "before its start 2025-05-12"});
  ExpectUnchanged(before, State());
}

TEST_F(KinbridgeCliTest, SwedishRestrictionReviewLaterThanThreeMonthsIsRefused) {
  InitVara();
  const Elin elin = AddElin();
  const WorkspaceState before = State();
  ExpectRefused(Kb({"restriction", "add", "--relation", std::to_string(elin.sara), "--kind",
                    "no-contact", "--decision", "SN 2026/0500", "--reason", "r", "--from",
                    "2026-09-01", "--review", "2027-09-01"}),
                kExitInvalid, {"review date 2027-09-01", "2026-12-01"});
  ExpectUnchanged(before, State());
}

// ---- bad input: workspaces -------------------------------------------------------------------

TEST_F(KinbridgeCliTest, MissingWorkspaceIsNotFoundAndNotCreated) {
  const std::string missing = PathIn("nowhere.db");
  for (const std::vector<std::string>& command :
       {std::vector<std::string>{"child", "list"},
        std::vector<std::string>{"child", "add", "--name", "Elin", "--birth-date", "2017-03-14"}}) {
    std::vector<std::string> args = {"--workspace", missing};
    args.insert(args.end(), command.begin(), command.end());
    CliResult r = RunCli(args);
    ExpectRefused(r, kExitNotFound, {missing, "does not exist", "kinbridge init"});
  }
  EXPECT_THAT(FilesIn(dir()), ::testing::IsEmpty());
}

TEST_F(KinbridgeCliTest, TextFileIsNotAWorkspaceAndStaysUnchanged) {
  const std::string notes = PathIn("notes.txt");
  std::ofstream(notes) << "Elin: call Sara on Monday\n";
  CliResult r = RunCli(
      {"--workspace", notes, "child", "add", "--name", "Elin", "--birth-date", "2017-03-14"});
  ExpectRefused(r, kExitInvalid, {notes, "not a kinbridge workspace"});
  EXPECT_EQ(ReadFile(notes), "Elin: call Sara on Monday\n");
  EXPECT_EQ(FilesIn(dir()), std::vector<std::string>{"notes.txt"});
}

TEST_F(KinbridgeCliTest, DirectoryIsNotAWorkspace) {
  // Tests run as root, for whom a mode-000 file is still readable, so a directory stands in for
  // an unreadable workspace.
  const std::string folder = PathIn("cases");
  fs::create_directory(folder);
  CliResult r = RunCli({"--workspace", folder, "child", "list"});
  ExpectRefused(r, kExitInvalid, {folder, "is a directory", "expected a workspace file"});
  EXPECT_TRUE(fs::is_empty(folder));
}

TEST_F(KinbridgeCliTest, WorkspaceOfANewerSchemaIsIncompatibleAndUntouched) {
  InitVara();
  AddElin();
  CliResult raised = RunProgram(
      kSqlite3, {ws_, "INSERT INTO schema_version VALUES (99,'future','2030-01-01T00:00:00Z')"},
      BaseEnvironment());
  ASSERT_EQ(raised.exit_code, 0) << Describe(raised);
  const std::string dump_before = RunProgram(kSqlite3, {ws_, ".dump"}, BaseEnvironment()).out;

  ExpectRefused(Kb({"child", "list"}), kExitError,
                {ws_, "schema version 99", "newer kinbridge", "up to ", "upgrade kinbridge"});
  ExpectRefused(Kb({"child", "add", "--name", "Maja Berg", "--birth-date", "2014-02-08"}),
                kExitError, {"99"});
  CliResult json = Kb({"--format", "json", "child", "list"});
  EXPECT_EQ(json.exit_code, kExitError);
  EXPECT_EQ(ParseJson(json.err)["error"]["code"], "incompatible");

  EXPECT_EQ(RunProgram(kSqlite3, {ws_, ".dump"}, BaseEnvironment()).out, dump_before);
}

// ---- JSON errors -----------------------------------------------------------------------------

TEST_F(KinbridgeCliTest, JsonFormatReportsErrorsAsAJsonObjectOnStderr) {
  InitVara();
  AddElin();
  struct Case {
    std::vector<std::string> args;
    int exit_code;
    std::string code;
    std::string mentions;
  };
  for (const Case& c : std::vector<Case>{
           {{"child", "show", "VAR-2026-9999"}, kExitNotFound, "not-found", "VAR-2026-9999"},
           {{"child", "add", "--name", "X", "--birth-date", "2026-13-01"},
            kExitInvalid,
            "invalid-argument",
            "2026-13-01"},
           {{"child", "add", "--name", "X", "--birth-date", "2017-03-14", "--national-id", kElinId},
            kExitInvalid,
            "already-exists",
            "VAR-2026-0001"},
           {{"placement", "add", "--child", "VAR-2026-0001", "--type", "kinship", "--basis",
             "voluntary", "--start", "2026-01-01"},
            kExitInvalid,
            "conflict",
            "overlaps"}}) {
    SCOPED_TRACE(c.mentions);
    std::vector<std::string> args = {"--format", "json"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    CliResult r = Kb(args);
    EXPECT_EQ(r.exit_code, c.exit_code) << Describe(r);
    EXPECT_EQ(r.out, "");
    Json json = ParseJson(r.err);
    ASSERT_TRUE(json.contains("error")) << r.err;
    EXPECT_EQ(json["error"]["code"], c.code);
    EXPECT_THAT(json["error"]["message"].get<std::string>(), HasSubstr(c.mentions));
  }
}

// ---- usage errors ----------------------------------------------------------------------------

TEST_F(KinbridgeCliTest, UnknownOptionIsAUsageErrorNamingIt) {
  InitVara();
  const WorkspaceState before = State();
  CliResult r =
      Kb({"child", "add", "--name", "Elin", "--birth-date", "2017-03-14", "--colour", "blue"});
  EXPECT_EQ(r.exit_code, kExitUsage) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("--colour"));
  EXPECT_THAT(r.err, HasSubstr("--help"));
  ExpectUnchanged(before, State());
}

TEST_F(KinbridgeCliTest, MissingRequiredOptionIsAUsageErrorNamingIt) {
  InitVara();
  const WorkspaceState before = State();
  CliResult r = Kb({"child", "add", "--name", "Elin"});
  EXPECT_EQ(r.exit_code, kExitUsage) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("--birth-date is required"));
  r = Kb({"placement", "end", "1", "--date", "2026-01-01"});
  EXPECT_EQ(r.exit_code, kExitUsage) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("--reason is required"));
  // Several missing: all of them at once, not one per attempt.
  r = Kb({"child", "add"});
  EXPECT_EQ(r.exit_code, kExitUsage) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("--name, --birth-date are required"));
  ExpectUnchanged(before, State());
}

TEST_F(KinbridgeCliTest, OptionValueOutsideItsChoicesIsAUsageError) {
  InitVara();
  CliResult r = Kb({"--format", "xml", "child", "list"});
  EXPECT_EQ(r.exit_code, kExitUsage) << Describe(r);
  EXPECT_THAT(r.err,
              AllOf(HasSubstr("xml"), HasSubstr("table"), HasSubstr("json"), HasSubstr("csv")));
  r = Kb({"child", "list", "--status", "archived"});
  EXPECT_EQ(r.exit_code, kExitUsage) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("archived"));
  r = Kb({"placement", "end", "first", "--date", "2026-01-01", "--reason", "r"});
  EXPECT_EQ(r.exit_code, kExitUsage) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("first"));
}

TEST_F(KinbridgeCliTest, MissingSubcommandIsAUsageError) {
  CliResult r = RunCli({});
  EXPECT_EQ(r.exit_code, kExitUsage) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("a command is required"));
  r = RunCli({"child"});
  EXPECT_EQ(r.exit_code, kExitUsage) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("a command is required"));
}

// The issue asks every bad input to be named; an unknown command is one.
TEST_F(KinbridgeCliTest, UnknownCommandIsAUsageErrorNamingIt) {
  CliResult r = RunCli({"frobnicate"});
  EXPECT_EQ(r.exit_code, kExitUsage) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("frobnicate")) << Describe(r);
  r = RunCli({"child", "remove", "VAR-2026-0001"});
  EXPECT_EQ(r.exit_code, kExitUsage) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("remove")) << Describe(r);
}

// ---- demo ------------------------------------------------------------------------------------

TEST_F(KinbridgeCliTest, DemoShowsTheThreeChildrenAndElinsSupervisedContact) {
  const std::string demo = WorkspaceIn("demo.db");
  CliResult r = RunCli({"--workspace", demo, "demo"});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  EXPECT_EQ(r.err, "");
  for (const char* name : {"Elin Andersson", "Noah Lindqvist", "Maja Berg"}) {
    EXPECT_THAT(r.out, HasSubstr(name));
  }
  const std::string sara = LineWith(r.out, "supervised contact only");
  EXPECT_THAT(sara, AllOf(HasSubstr("Sara Andersson"), HasSubstr("SN 2026/0412"),
                          HasSubstr("2026-12-01"), HasSubstr("in force")));
  // A PostgreSQL location is quoted for the shell.
  const std::string shown = testing_support::IsPostgresqlWorkspace(demo) ? "'" + demo + "'" : demo;
  EXPECT_THAT(r.out,
              HasSubstr("kinbridge --workspace " + shown + " --as anna child show VAR-2026-0001"));
  // Access control as the demo shows it: the centre worker and the other caseload are refused,
  // the protected address is hidden from the supervisor, and the audit trail is intact.
  EXPECT_THAT(LineWith(r.out, "Lisa Ek asks"), HasSubstr("not permitted"));
  EXPECT_THAT(LineWith(r.out, "Anna Karlsson asks for child VAR-2026-0003"),
              HasSubstr("not in your caseload"));
  EXPECT_THAT(r.out, Not(HasSubstr("Skogsstigen")));
  EXPECT_THAT(r.out, HasSubstr("audit verify: intact"));

  CliResult list =
      RunCli({"--workspace", demo, "--as", "karin", "--format", "json", "child", "list"});
  Json children = ParseJson(list.out);
  ASSERT_EQ(children.size(), 3u);
  EXPECT_EQ(children[0]["name"], "Elin Andersson");
  EXPECT_EQ(children[1]["name"], "Noah Lindqvist");
  EXPECT_EQ(children[2]["name"], "Maja Berg");
}

TEST_F(KinbridgeCliTest, DemoAsJsonPrintsOnlyTheChildren) {
  CliResult r = RunCli({"--workspace", WorkspaceIn("demo.db"), "--format", "json", "demo"});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  Json children = ParseJson(r.out);
  ASSERT_TRUE(children.is_array());
  ASSERT_EQ(children.size(), 3u);
  EXPECT_EQ(children[0]["case_reference"], "VAR-2026-0001");
  EXPECT_EQ(children[0]["national_id"], kElinId);
}

TEST_F(KinbridgeCliTest, DemoRunTwiceReplacesItsOwnWorkspace) {
  const std::string demo = WorkspaceIn("demo.db");
  ASSERT_EQ(RunCli({"--workspace", demo, "demo", "--quiet"}).exit_code, kExitOk);
  CliResult again = RunCli({"--workspace", demo, "demo", "--quiet"});
  EXPECT_EQ(again.exit_code, kExitOk) << Describe(again);
  EXPECT_EQ(again.out, "");
  Json children = ParseJson(
      RunCli({"--workspace", demo, "--as", "karin", "--format", "json", "child", "list"}).out);
  ASSERT_EQ(children.size(), 3u);  // replaced, not added to
  EXPECT_EQ(children[2]["case_reference"], "VAR-2026-0003");
  Json restrictions = ParseJson(
      RunCli({"--workspace", demo, "--as", "karin", "--format", "json", "restriction", "list"})
          .out);
  EXPECT_EQ(restrictions.size(), 2u);
}

TEST_F(KinbridgeCliTest, DemoRefusesToOverwriteARealWorkspace) {
  InitVara();
  AddElin();
  AddChild("李明", "2016-05-01");
  const WorkspaceState before = State();
  CliResult r = Kb({"demo"});
  ExpectRefused(r, kExitInvalid, {ws_, "is not a demo workspace", "will not overwrite"});
  ExpectUnchanged(before, State());
}

TEST_F(KinbridgeCliTest, DemoRefusesToOverwriteAnyOtherFile) {
  const std::string notes = PathIn("notes.txt");
  std::ofstream(notes) << "not a database\n";
  CliResult r = RunCli({"--workspace", notes, "demo"});
  ExpectRefused(r, kExitInvalid, {notes, "is not a demo workspace"});
  EXPECT_EQ(ReadFile(notes), "not a database\n");
}

}  // namespace
}  // namespace kinbridge::cli::test
