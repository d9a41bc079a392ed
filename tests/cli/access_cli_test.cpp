// End-to-end tests of access control, protected data and the audit trail: the real kinbridge
// binary acting as each role (`--as`, test-mode workspaces) on temporary workspaces.
//
// Every run gets LANG=C.UTF-8, today 2026-11-29 and a fixed clock (see cli_runner.h), and no
// KINBRIDGE_AS: a run without `--as` acts as the OS account running the test, which created the
// workspace and is its administrator.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli_runner.h"

namespace kinbridge::cli::test {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;
using Json = nlohmann::ordered_json;

// The documented exit codes, spelled out here so that a change to them breaks a test.
constexpr int kExitOk = 0;
constexpr int kExitNotPermitted = 5;
constexpr int kExitAuditDamaged = 6;

constexpr const char* kSqlite3 = "/usr/bin/sqlite3";

// Planted protected data: text that must never reach a role without need.
constexpr const char* kProtectedAddress = "Hemlighusvägen 77, Kvänum";  // --protected-address
constexpr const char* kSecretAddress = "Lönnviksgatan 12, Vara";        // father has secret-address
constexpr const char* kHiddenName = "Saga Hemlig";                      // --protected-identity
constexpr const char* kHiddenBirthDate = "2018-04-11";
constexpr const char* kHiddenId = "20180411-1233";  // valid by its check digit

constexpr const char* kPurpose = "IVO inspection 2026/118";

constexpr std::array<const char*, 3> kFormats = {"table", "json", "csv"};

std::string Describe(const CliResult& r) {
  return "exit " + std::to_string(r.exit_code) + "\n--- stdout ---\n" + r.out + "--- stderr ---\n" +
         r.err;
}

Json ParseJson(const std::string& text) {
  Json json = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  EXPECT_FALSE(json.is_discarded()) << "not JSON:\n" << text;
  return json;
}

// The OS account running the tests: the administrator of every workspace they create.
std::string OsAccount() {
  const passwd* pw = ::getpwuid(::geteuid());
  return pw != nullptr && pw->pw_name != nullptr ? pw->pw_name : "";
}

// A full SQL dump without the audit trail (audit_entry, audit_subject and the stored head):
// every read and every refusal writes audit entries, but must leave the case data alone.
std::string CaseTables(const std::string& workspace) {
  CliResult dump = RunProgram(kSqlite3, {workspace, ".dump"}, BaseEnvironment());
  EXPECT_EQ(dump.exit_code, 0) << Describe(dump);
  EXPECT_THAT(dump.out, HasSubstr("CREATE TABLE child")) << "the dump read nothing";
  std::string kept;
  std::istringstream in(dump.out);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("INSERT INTO audit_", 0) == 0) continue;
    if (line.find("audit_head") != std::string::npos) continue;
    kept += line + "\n";
  }
  return kept;
}

// Runs SQL on a workspace with the sqlite3 shell, as someone tampering with the file would.
CliResult Sql(const std::string& workspace, const std::string& sql) {
  return RunProgram(kSqlite3, {workspace, sql}, BaseEnvironment());
}

// Copies a closed workspace (with its write-ahead log, should one be left).
void CopyWorkspace(const std::string& from, const std::string& to) {
  for (const char* suffix : {"", "-wal"}) {
    if (fs::exists(from + suffix)) {
      fs::copy_file(from + suffix, to + suffix, fs::copy_options::overwrite_existing);
    }
  }
}

// ---- The roles ----------------------------------------------------------------------------------

// One column of the permission matrix: who acts, relative to the child VAR-2026-0001 (Elin),
// which is in Anna's caseload in the unit "Barn och unga".
struct RoleSpec {
  const char* label;      // for test names
  const char* account;    // --as; "" for the OS account, the workspace's administrator
  const char* role_name;  // as kinbridge names the role in its English messages and tables
  bool purpose;           // --purpose given
};

enum RoleIndex : std::size_t {
  kOwnWorker,        // anna: social worker, the child's caseload
  kOtherWorker,      // erik: social worker, another caseload in the same unit
  kUnitSupervisor,   // karin: supervisor of the unit
  kOtherSupervisor,  // olof: supervisor of another unit
  kCentreStaff,      // lisa
  kTeacher,          // tove
  kMethodDesigner,   // mira
  kAdmin,            // the OS account, no --purpose
  kAdminPurpose,     // the OS account with --purpose
  kRoleCount,
};

constexpr std::array<RoleSpec, kRoleCount> kRoles = {{
    {"OwnSocialWorker", "anna", "social worker", false},
    {"OtherCaseloadSocialWorker", "erik", "social worker", false},
    {"UnitSupervisor", "karin", "supervisor", false},
    {"OtherUnitSupervisor", "olof", "supervisor", false},
    {"CentreStaff", "lisa", "centre staff", false},
    {"Teacher", "tove", "teacher", false},
    {"MethodDesigner", "mira", "method designer", false},
    {"AdministratorWithoutPurpose", "", "administrator", false},
    {"AdministratorWithPurpose", "", "administrator", true},
}};

// The placeholders of the shared workspace's children whose case data each role may read:
// A, B, E (Anna), C (Erik), D (Olof, another unit).
const std::set<std::string>& VisibleChildren(std::size_t role) {
  static const std::array<std::set<std::string>, kRoleCount> visible = {{
      {"{A}", "{B}", "{E}"},
      {"{C}"},
      {"{A}", "{B}", "{E}", "{C}"},
      {"{D}"},
      {},
      {},
      {},
      {},
      {"{A}", "{B}", "{E}", "{C}", "{D}"},
  }};
  return visible[role];
}

std::vector<std::string> RoleArgs(const RoleSpec& role) {
  std::vector<std::string> args;
  if (*role.account != '\0') args.insert(args.end(), {"--as", role.account});
  if (role.purpose) args.insert(args.end(), {"--purpose", kPurpose});
  return args;
}

// Runs kinbridge on `workspace` as `role`.
CliResult RunAs(const std::string& workspace, const RoleSpec& role,
                const std::vector<std::string>& args) {
  std::vector<std::string> all = {"--workspace", workspace};
  const std::vector<std::string> as = RoleArgs(role);
  all.insert(all.end(), as.begin(), as.end());
  all.insert(all.end(), args.begin(), args.end());
  return RunCli(all);
}

// Runs kinbridge on `workspace` as `account` ("" for the administrator).
CliResult RunAsAccount(const std::string& workspace, const std::string& account,
                       const std::vector<std::string>& args) {
  std::vector<std::string> all = {"--workspace", workspace};
  if (!account.empty()) all.insert(all.end(), {"--as", account});
  all.insert(all.end(), args.begin(), args.end());
  return RunCli(all);
}

// ---- The shared workspace -----------------------------------------------------------------------

// A test-mode Vara workspace with a worker for every role and five children:
//   {A} Elin (Anna): placement {P1} at kProtectedAddress with --protected-address; mother {R1}
//       with supervised-only restriction {S1}; father {R_FREE} without restriction.
//   {B} Noah (Anna): placement {P2} at kSecretAddress (not flagged); father {R2} with a
//       secret-address restriction {S2} in force.
//   {E} Saga (Anna): --protected-identity, no placement.
//   {C} Maja (Erik): mother with a no-contact restriction.
//   {D} Ali (Olof, another unit): father with a supervised-only restriction.
// `ids` maps the placeholders to case references and ids.
void BuildSharedWorkspace(const std::string& ws, std::map<std::string, std::string>& ids) {
  auto run = [&](const std::string& account, std::vector<std::string> args) {
    CliResult r = RunAsAccount(ws, account, args);
    EXPECT_EQ(r.exit_code, kExitOk) << "building the workspace: " << Describe(r);
    return r;
  };
  auto json = [&](const std::string& account, std::vector<std::string> args) {
    args.insert(args.begin(), {"--format", "json"});
    return ParseJson(run(account, args).out);
  };
  auto child = [&](const std::string& account, const std::string& key,
                   std::vector<std::string> args) {
    args.insert(args.begin(), {"child", "add"});
    Json c = json(account, args);
    ids[key] = c.is_object() ? c.value("case_reference", "") : "";
  };
  auto id_of = [&](const std::string& key, const Json& rows) {
    ids[key] = rows.is_array() && rows.size() == 1
                   ? std::to_string(rows[0].value("id", std::int64_t{0}))
                   : "";
  };

  run("", {"init", "--code", "VAR", "--name", "Vara", "--country", "SE", "--time-zone",
           "Europe/Stockholm", "--locale", "sv_SE", "--admin-name", "Administratör Vara", "--mode",
           "test"});
  struct W {
    const char *account, *name, *unit;
    std::vector<const char*> roles;
  };
  for (const W& w : {W{"anna", "Anna Karlsson", "Barn och unga", {"social-worker"}},
                     W{"erik", "Erik Svensson", "Barn och unga", {"social-worker"}},
                     W{"karin", "Karin Holm", "Barn och unga", {"supervisor"}},
                     W{"olof", "Olof Dahl", "Vuxen och familj", {"supervisor"}},
                     W{"lisa", "Lisa Ek", "Familjecentralen", {"centre-staff"}},
                     W{"tove", "Tove Lund", "Vara skola", {"teacher"}},
                     W{"mira", "Mira Sjö", "Metodstöd", {"method-designer"}},
                     W{"sam", "Sam Berg", "Barn och unga", {"social-worker", "teacher"}}}) {
    std::vector<std::string> args = {"user",   "add",  "--account", w.account,
                                     "--name", w.name, "--unit",    w.unit};
    for (const char* role : w.roles) args.insert(args.end(), {"--role", role});
    run("", args);
  }

  child("anna", "{A}",
        {"--name", "Elin Andersson", "--birth-date", "2017-03-14", "--national-id", "20170314-2388",
         "--school", "Vara skola"});
  id_of("{P1}", json("anna", {"placement", "add", "--child", ids["{A}"], "--type", "foster-family",
                              "--basis", "compulsory", "--law", "LVU 2 §", "--caregivers",
                              "Familjehemmet Berg", "--start", "2025-05-12", "--address",
                              kProtectedAddress, "--protected-address"}));
  id_of("{R1}", json("anna", {"relation", "add", "--child", ids["{A}"], "--name", "Sara Andersson",
                              "--kind", "mother"}));
  id_of("{R_FREE}", json("anna", {"relation", "add", "--child", ids["{A}"], "--name",
                                  "Johan Nilsson", "--kind", "father"}));
  id_of("{S1}",
        json("anna", {"restriction", "add", "--relation", ids["{R1}"], "--kind", "supervised-only",
                      "--decision", "SN 2026/0412", "--reason", "Visits only with a contact person",
                      "--from", "2026-09-01", "--review", "2026-12-01"}));

  child(
      "anna", "{B}",
      {"--name", "Noah Lindqvist", "--birth-date", "2019-06-22", "--national-id", "20190622-4579"});
  id_of("{P2}", json("anna", {"placement", "add", "--child", ids["{B}"], "--type", "kinship",
                              "--basis", "compulsory", "--caregivers", "Gun and Lars Lindqvist",
                              "--start", "2025-08-15", "--address", kSecretAddress}));
  id_of("{R2}", json("anna", {"relation", "add", "--child", ids["{B}"], "--name",
                              "Mikael Lindqvist", "--kind", "father"}));
  id_of("{S2}", json("anna", {"restriction", "add", "--relation", ids["{R2}"], "--kind",
                              "secret-address", "--decision", "SN 2026/0977", "--reason",
                              "The placement is kept secret from the father", "--from",
                              "2026-10-01", "--review", "2026-12-31"}));

  child("anna", "{E}",
        {"--name", kHiddenName, "--birth-date", kHiddenBirthDate, "--national-id", kHiddenId,
         "--protected-identity"});

  child("erik", "{C}",
        {"--name", "Maja Berg", "--birth-date", "2014-02-08", "--national-id", "20140208-5193"});
  id_of("{R3}", json("erik", {"relation", "add", "--child", ids["{C}"], "--name", "Lena Berg",
                              "--kind", "mother"}));
  id_of("{S3}", json("erik", {"restriction", "add", "--relation", ids["{R3}"], "--kind",
                              "no-contact", "--decision", "SN 2026/1001", "--reason",
                              "Threats against the child", "--from", "2026-11-01"}));

  child("olof", "{D}",
        {"--name", "Ali Haddad", "--birth-date", "2015-09-03", "--national-id", "20150903-4565"});
  id_of("{R4}", json("olof", {"relation", "add", "--child", ids["{D}"], "--name", "Omar Haddad",
                              "--kind", "father"}));
  id_of("{S4}", json("olof", {"restriction", "add", "--relation", ids["{R4}"], "--kind",
                              "supervised-only", "--decision", "SN 2026/1002", "--reason",
                              "Supervised visits", "--from", "2026-11-01"}));

  // Anna reads her children, so that the audit trail holds reads of them too.
  for (const char* key : {"{A}", "{B}", "{E}"}) run("anna", {"child", "show", ids[key]});
}

// Replaces every "{KEY}" of `ids` in `args`.
std::vector<std::string> Substitute(std::vector<std::string> args,
                                    const std::map<std::string, std::string>& ids) {
  for (std::string& arg : args) {
    for (const auto& [key, value] : ids) {
      for (std::size_t at = arg.find(key); at != std::string::npos; at = arg.find(key, at)) {
        arg.replace(at, key.size(), value);
        at += value.size();
      }
    }
  }
  return args;
}

// Gives each test a copy of the shared workspace, built once per test suite.
class AccessCliTestBase : public CliTestBase {
 protected:
  static void TearDownTestSuite() {
    if (!template_dir_.empty()) {
      std::error_code ec;
      fs::remove_all(template_dir_, ec);
    }
    template_dir_.clear();
    ids_.clear();
  }

  void SetUp() override {
    CliTestBase::SetUp();
    if (template_dir_.empty()) {
      std::string pattern =
          (fs::temp_directory_path() / "kinbridge-access-template-XXXXXX").string();
      ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
      template_dir_ = pattern;
      BuildSharedWorkspace(TemplatePath(), ids_);
      for (const char* key : {"{A}", "{B}", "{C}", "{D}", "{E}", "{P1}", "{P2}", "{R1}", "{R_FREE}",
                              "{R2}", "{S1}", "{S2}", "{S3}", "{S4}"}) {
        ASSERT_FALSE(ids_[key].empty()) << key << " was not created";
      }
      ASSERT_FALSE(HasFailure()) << "building the shared workspace failed";
    }
    ws_ = PathIn("vara.db");
    CopyWorkspace(TemplatePath(), ws_);
  }

  static std::string TemplatePath() { return (fs::path(template_dir_) / "shared.db").string(); }
  static const std::string& Id(const std::string& key) { return ids_.at(key); }
  static std::vector<std::string> Args(std::vector<std::string> args) {
    return Substitute(std::move(args), ids_);
  }

  CliResult As(const RoleSpec& role, const std::vector<std::string>& args) {
    return RunAs(ws_, role, Args(args));
  }
  CliResult As(std::size_t role, const std::vector<std::string>& args) {
    return As(kRoles[role], args);
  }

  // A fresh copy of the shared workspace at `ws_` (after a write that later runs must not see).
  void Reset() { CopyWorkspace(TemplatePath(), ws_); }

  std::string ws_;

 private:
  static inline std::string template_dir_;
  static inline std::map<std::string, std::string> ids_;
};

// ---- 1. The command permission matrix -----------------------------------------------------------

// A cell: Y allowed; F allowed, but the list holds only what the role may see; N refused with
// exit code 5 ("not permitted") naming the role, stdout empty, the case data unchanged and an
// "access.denied" entry in the audit trail.
struct CommandRow {
  const char* name;
  // One letter per role, in the order of kRoles (spaces are for the eye only).
  const char* access;
  bool writes;                    // an allowed run changes case data
  std::vector<std::string> args;  // "{A}" and the like: see BuildSharedWorkspace
  // For lists: the children an all-seeing role finds in the output; a role finds exactly those
  // of them it may read (VisibleChildren).
  std::vector<std::string> listed = {};
};

constexpr bool kWrites = true;
constexpr bool kReads = false;

// THE TABLE: every command that touches data, for every role. The child is {A}, in the caseload
// of the social worker Anna ("own").
const std::vector<CommandRow>& CommandTable() {
  // clang-format off
  static const std::vector<CommandRow> table = {
  // own: social worker of the child's caseload   oth: social worker of another caseload, same unit
  // sup: supervisor of the unit   osu: supervisor of another unit   cen: centre staff
  // tea: teacher   met: method designer   adm: administrator   adp: administrator with --purpose
  //                            own oth sup osu cen tea met adm adp
    {"child_add",               "Y   Y   Y   Y   N   N   N   N   N", kWrites,
     {"child", "add", "--name", "Nils Nyberg", "--birth-date", "2020-01-15"}},
    {"child_add_for_erik",      "N   Y   Y   N   N   N   N   N   N", kWrites,
     {"child", "add", "--name", "Vera Nyberg", "--birth-date", "2021-02-01", "--responsible",
      "erik"}},
    {"child_list",              "F   F   F   F   N   N   N   N   Y", kReads,
     {"child", "list"}, {"{A}", "{B}", "{C}", "{D}", "{E}"}},
    {"child_show",              "Y   N   Y   N   N   N   N   N   Y", kReads,
     {"child", "show", "{A}"}},
    {"child_edit",              "Y   N   Y   N   N   N   N   N   N", kWrites,
     {"child", "edit", "{A}", "--school", "Nästegårdsskolan"}},
    {"child_close",             "Y   N   Y   N   N   N   N   N   N", kWrites,
     {"child", "close", "{A}", "--reason", "Moved to Skara"}},
    {"relation_add",            "Y   N   Y   N   N   N   N   N   N", kWrites,
     {"relation", "add", "--child", "{A}", "--name", "Oskar Andersson", "--kind", "sibling"}},
    {"relation_list",           "Y   N   Y   N   N   N   N   N   Y", kReads,
     {"relation", "list", "--child", "{A}"}},
    {"restriction_add",         "Y   N   Y   N   N   N   N   N   N", kWrites,
     {"restriction", "add", "--relation", "{R_FREE}", "--kind", "no-contact", "--decision",
      "SN 2026/1200", "--reason", "Threats", "--from", "2026-11-15"}},
    {"restriction_list",        "F   F   F   F   N   N   N   N   Y", kReads,
     {"restriction", "list"}, {"{A}", "{B}", "{C}", "{D}"}},
    {"restriction_list_child",  "Y   N   Y   N   N   N   N   N   Y", kReads,
     {"restriction", "list", "--child", "{A}"}},
    {"restriction_lift",        "Y   N   Y   N   N   N   N   N   N", kWrites,
     {"restriction", "lift", "{S1}", "--reason", "SN 2026/1300"}},
    {"placement_add",           "Y   N   Y   N   N   N   N   N   N", kWrites,
     {"placement", "add", "--child", "{E}", "--type", "foster-family", "--basis", "voluntary",
      "--start", "2026-10-01"}},
    {"placement_end",           "Y   N   Y   N   N   N   N   N   N", kWrites,
     {"placement", "end", "{P1}", "--date", "2026-11-01", "--reason", "Moved home"}},
    {"placement_list",          "Y   N   Y   N   N   N   N   N   Y", kReads,
     {"placement", "list", "--child", "{A}"}},
    {"user_add",                "N   N   N   N   N   N   N   Y   Y", kWrites,
     {"user", "add", "--account", "nina", "--name", "Nina Ny", "--role", "social-worker",
      "--unit", "Barn och unga"}},
    {"user_list",               "N   N   Y   Y   N   N   N   Y   Y", kReads,
     {"user", "list"}},
    {"user_grant",              "N   N   N   N   N   N   N   Y   Y", kWrites,
     {"user", "grant", "sam", "--role", "method-designer"}},
    {"user_revoke",             "N   N   N   N   N   N   N   Y   Y", kWrites,
     {"user", "revoke", "sam", "--role", "teacher"}},
    {"user_assign",             "N   N   Y   N   N   N   N   Y   Y", kWrites,
     {"user", "assign", "--child", "{A}", "--worker", "erik"}},
    {"user_history",            "Y   N   Y   N   N   N   N   N   Y", kReads,
     {"user", "history", "--child", "{A}"}},
    {"audit_log",               "N   N   Y   Y   N   N   N   Y   Y", kReads,
     {"audit", "log"}},
    {"audit_verify",            "N   N   Y   Y   N   N   N   Y   Y", kReads,
     {"audit", "verify"}},
    {"whoami",                  "Y   Y   Y   Y   Y   Y   Y   Y   Y", kReads,
     {"whoami"}},
  };
  // clang-format on
  return table;
}

char CellOf(const CommandRow& row, std::size_t role) {
  std::string cells;
  for (const char* c = row.access; *c != '\0'; ++c) {
    if (*c != ' ') cells += *c;
  }
  EXPECT_EQ(cells.size(), kRoleCount) << row.name << ": one cell per role";
  return role < cells.size() ? cells[role] : '?';
}

struct Cell {
  std::size_t row;
  std::size_t role;
};

std::vector<Cell> AllCells() {
  std::vector<Cell> cells;
  for (std::size_t row = 0; row < CommandTable().size(); ++row) {
    for (std::size_t role = 0; role < kRoleCount; ++role) cells.push_back({row, role});
  }
  return cells;
}

class AccessCommandMatrixTest : public AccessCliTestBase,
                                public ::testing::WithParamInterface<Cell> {
 protected:
  // The audit trail's "access.denied" entries by `role`'s account.
  int DeniedEntries(const RoleSpec& role) {
    const std::string account = *role.account != '\0' ? role.account : OsAccount();
    CliResult r = Sql(ws_,
                      "SELECT count(*) FROM audit_entry WHERE action='access.denied' AND "
                      "account='" +
                          account + "';");
    EXPECT_EQ(r.exit_code, 0) << Describe(r);
    return std::atoi(r.out.c_str());
  }
};

TEST_P(AccessCommandMatrixTest, AllowedOrRefusedAsTheTableSays) {
  const CommandRow& row = CommandTable()[GetParam().row];
  const RoleSpec& role = kRoles[GetParam().role];
  const char expected = CellOf(row, GetParam().role);
  ASSERT_TRUE(expected == 'Y' || expected == 'F' || expected == 'N') << row.name;
  SCOPED_TRACE(std::string(row.name) + " as " + role.label);

  const std::string before = CaseTables(ws_);
  const int denied_before = DeniedEntries(role);
  CliResult r = As(role, row.args);
  const std::string after = CaseTables(ws_);

  if (expected == 'N') {
    EXPECT_EQ(r.exit_code, kExitNotPermitted) << Describe(r);
    EXPECT_EQ(r.out, "") << Describe(r);
    EXPECT_THAT(r.err, HasSubstr("not permitted")) << Describe(r);
    EXPECT_THAT(r.err, HasSubstr(role.role_name)) << "the refusal does not name the role\n"
                                                  << Describe(r);
    EXPECT_EQ(before, after) << "a refused command changed the case data";
    EXPECT_EQ(DeniedEntries(role), denied_before + 1)
        << "the refusal left no access.denied entry in the audit trail\n"
        << Describe(r);
    return;
  }
  EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
  EXPECT_EQ(r.err, "") << Describe(r);
  if (row.writes) {
    EXPECT_NE(before, after) << "an allowed write changed nothing";
  } else {
    EXPECT_EQ(before, after) << "a read changed the case data";
  }
  for (const std::string& key : row.listed) {
    const bool visible = VisibleChildren(GetParam().role).count(key) > 0;
    if (visible) {
      EXPECT_THAT(r.out, HasSubstr(Id(key))) << key << " is missing\n" << Describe(r);
    } else {
      EXPECT_THAT(r.out, Not(HasSubstr(Id(key))))
          << key << " is not in this role's caseload or unit, but is listed\n"
          << Describe(r);
    }
  }
  if (std::string(row.name) == "whoami") {
    // The table shows the role's title ("social worker"), not its code ("social-worker").
    EXPECT_THAT(r.out, HasSubstr(role.role_name)) << Describe(r);
    if (*role.account != '\0') {
      EXPECT_THAT(r.out, HasSubstr(role.account)) << Describe(r);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(EveryCommandAndRole, AccessCommandMatrixTest,
                         ::testing::ValuesIn(AllCells()),
                         [](const ::testing::TestParamInfo<Cell>& cell) {
                           return std::string(CommandTable()[cell.param.row].name) + "_" +
                                  kRoles[cell.param.role].label;
                         });

// The table covers every command that touches data: a new command must get a row.
TEST(AccessCommandTable, HasARowForEveryDataCommand) {
  std::set<std::string> commands;
  for (const CommandRow& row : CommandTable()) {
    std::string command = row.args[0];
    if (row.args.size() > 1 && row.args[1][0] != '-' && row.args[0] != "whoami") {
      command += " " + row.args[1];
    }
    commands.insert(command);
  }
  for (const char* command :
       {"child add",     "child list",    "child show",      "child edit",       "child close",
        "relation add",  "relation list", "restriction add", "restriction list", "restriction lift",
        "placement add", "placement end", "placement list",  "user add",         "user list",
        "user grant",    "user revoke",   "user assign",     "user history",     "audit log",
        "audit verify",  "whoami"}) {
    EXPECT_TRUE(commands.count(command) > 0) << command << " has no row in the table";
  }
}

// ---- 2. A protected address never leaks ---------------------------------------------------------

// Every read command, with the children whose placements hold the planted addresses.
std::vector<std::vector<std::string>> ReadCommands() {
  return {
      {"child", "show", "{A}"},
      {"child", "show", "{B}"},
      {"child", "list"},
      {"child", "list", "--status", "all"},
      {"placement", "list", "--child", "{A}"},
      {"placement", "list", "--child", "{B}"},
      {"restriction", "list"},
      {"restriction", "list", "--all"},
      {"restriction", "list", "--child", "{A}"},
      {"restriction", "list", "--child", "{B}"},
      {"relation", "list", "--child", "{A}"},
      {"relation", "list", "--child", "{B}"},
      {"user", "history", "--child", "{A}"},
      {"user", "history", "--child", "{B}"},
      {"user", "list"},
      {"audit", "log"},
      {"audit", "log", "--child", "{A}"},
      {"audit", "log", "--child", "{B}"},
      {"audit", "log", "--worker", "anna"},
      {"audit", "verify"},
      {"whoami"},
  };
}

std::string Joined(const std::vector<std::string>& args) {
  std::string text;
  for (const std::string& arg : args) text += (text.empty() ? "" : " ") + arg;
  return text;
}

class AccessProtectedAddressTest : public AccessCliTestBase,
                                   public ::testing::WithParamInterface<std::size_t> {};

TEST_P(AccessProtectedAddressTest, NoReadCommandInAnyFormatShowsEitherAddress) {
  const RoleSpec& role = kRoles[GetParam()];
  int runs_with_output = 0;
  for (const auto& command : ReadCommands()) {
    for (const char* format : kFormats) {
      std::vector<std::string> args = {"--format", format};
      args.insert(args.end(), command.begin(), command.end());
      CliResult r = As(role, args);
      const std::string what = std::string(role.label) + ": " + Joined(Args(args));
      EXPECT_THAT(r.out + r.err, Not(HasSubstr(kProtectedAddress)))
          << what << " shows the protected address\n"
          << Describe(r);
      EXPECT_THAT(r.out + r.err, Not(HasSubstr(kSecretAddress)))
          << what << " shows the address kept secret from the father\n"
          << Describe(r);
      if (r.exit_code == kExitOk) ++runs_with_output;
    }
  }
  // whoami at least; the test must not pass only because everything was refused.
  EXPECT_GE(runs_with_output, 3);
}

// Everyone but the responsible social worker (Anna).
INSTANTIATE_TEST_SUITE_P(EveryRoleButTheResponsibleWorker, AccessProtectedAddressTest,
                         ::testing::Range<std::size_t>(kOtherWorker, kRoleCount),
                         [](const ::testing::TestParamInfo<std::size_t>& role) {
                           return std::string(kRoles[role.param].label);
                         });

// The other half: the planted addresses are really there, for the worker who needs them.
class AccessAddressTest : public AccessCliTestBase {};

TEST_F(AccessAddressTest, TheResponsibleSocialWorkerSeesBothAddresses) {
  for (const char* format : kFormats) {
    CliResult r = As(kOwnWorker, {"--format", format, "child", "show", "{A}"});
    EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
    EXPECT_THAT(r.out, HasSubstr(kProtectedAddress)) << format << "\n" << Describe(r);
    r = As(kOwnWorker, {"--format", format, "placement", "list", "--child", "{A}"});
    EXPECT_THAT(r.out, HasSubstr(kProtectedAddress)) << format << "\n" << Describe(r);
    r = As(kOwnWorker, {"--format", format, "child", "show", "{B}"});
    EXPECT_THAT(r.out, HasSubstr(kSecretAddress)) << format << "\n" << Describe(r);
    r = As(kOwnWorker, {"--format", format, "placement", "list", "--child", "{B}"});
    EXPECT_THAT(r.out, HasSubstr(kSecretAddress)) << format << "\n" << Describe(r);
  }
}

// The unit's supervisor may see the placements, but with the addresses marked protected.
TEST_F(AccessAddressTest, TheUnitSupervisorSeesThePlacementsWithTheAddressHidden) {
  CliResult r = As(kUnitSupervisor, {"--format", "json", "placement", "list", "--child", "{A}"});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  Json rows = ParseJson(r.out);
  ASSERT_EQ(rows.size(), 1u) << r.out;
  EXPECT_EQ(rows[0]["address"], "(protected)");
  EXPECT_EQ(rows[0]["caregivers"], "Familjehemmet Berg");
  r = As(kUnitSupervisor, {"--format", "json", "placement", "list", "--child", "{B}"});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  rows = ParseJson(r.out);
  ASSERT_EQ(rows.size(), 1u) << r.out;
  EXPECT_EQ(rows[0]["address"], "(protected)");
}

// Commands that change a placement print the changed record (JSON, CSV) or a confirmation
// (table), and a conflict names the other placement: none of it may carry the address to a
// role that may change the case but not see the address (the unit's supervisor).
TEST_F(AccessAddressTest, WritesByTheUnitSupervisorDoNotEchoTheAddress) {
  const std::vector<std::vector<std::string>> writes = {
      {"placement", "end", "{P1}", "--date", "2026-11-01", "--reason", "Moved"},
      {"placement", "end", "{P2}", "--date", "2026-11-01", "--reason", "Moved"},
      {"placement", "add", "--child", "{A}", "--type", "residential", "--basis", "voluntary",
       "--start", "2026-01-01"},
      {"placement", "add", "--child", "{B}", "--type", "residential", "--basis", "voluntary",
       "--start", "2026-01-01"},
      {"child", "edit", "{B}", "--school", "Vara förskola"},
      {"relation", "add", "--child", "{B}", "--name", "Gun Lindqvist", "--kind", "grandparent"},
      {"restriction", "add", "--relation", "{R2}", "--kind", "no-contact", "--decision",
       "SN 2026/1400", "--reason", "Threats", "--from", "2026-11-20"},
      {"user", "assign", "--child", "{B}", "--worker", "karin"},
  };
  for (const auto& command : writes) {
    for (const char* format : kFormats) {
      Reset();
      std::vector<std::string> args = {"--format", format};
      args.insert(args.end(), command.begin(), command.end());
      CliResult r = As(kUnitSupervisor, args);
      const std::string what = Joined(Args(args));
      EXPECT_THAT(r.out + r.err, Not(HasSubstr(kProtectedAddress))) << what << "\n" << Describe(r);
      if (command[0] != "user") {  // after `user assign` Karin is responsible for Noah
        EXPECT_THAT(r.out + r.err, Not(HasSubstr(kSecretAddress))) << what << "\n" << Describe(r);
      }
    }
  }
}

// ---- 3. Protected identity ----------------------------------------------------------------------

class AccessProtectedIdentityTest : public AccessCliTestBase {
 protected:
  static void ExpectNoIdentity(const CliResult& r, const std::string& what) {
    for (const char* text : {"Hemlig", kHiddenId, "04111233", kHiddenBirthDate}) {
      EXPECT_THAT(r.out + r.err, Not(HasSubstr(text)))
          << what << " shows '" << text << "' of a child with protected identity\n"
          << Describe(r);
    }
  }
};

TEST_F(AccessProtectedIdentityTest,
       SupervisorAndAdministratorSeeTheCaseReferenceButNotTheIdentity) {
  for (std::size_t role : {kUnitSupervisor, kAdminPurpose}) {
    for (const char* format : kFormats) {
      for (const std::vector<std::string>& command :
           {std::vector<std::string>{"child", "list"},
            std::vector<std::string>{"child", "list", "--status", "all"},
            std::vector<std::string>{"child", "show", "{E}"}}) {
        std::vector<std::string> args = {"--format", format};
        args.insert(args.end(), command.begin(), command.end());
        CliResult r = As(role, args);
        const std::string what = std::string(kRoles[role].label) + ": " + Joined(Args(args));
        EXPECT_EQ(r.exit_code, kExitOk) << what << "\n" << Describe(r);
        EXPECT_THAT(r.out, HasSubstr(Id("{E}"))) << what << "\n" << Describe(r);
        EXPECT_THAT(r.out, HasSubstr("protected")) << what << "\n" << Describe(r);
        ExpectNoIdentity(r, what);
      }
    }
  }
  // The JSON record says why the name is missing.
  CliResult r = As(kUnitSupervisor, {"--format", "json", "child", "show", "{E}"});
  Json child = ParseJson(r.out);
  EXPECT_EQ(child["identity_hidden"], true) << r.out;
  EXPECT_EQ(child["name"], "(protected)") << r.out;
  EXPECT_FALSE(child.contains("national_id")) << r.out;
}

TEST_F(AccessProtectedIdentityTest, NoOtherReadCommandShowsTheIdentityToTheUnitSupervisor) {
  for (const char* format : kFormats) {
    for (const std::vector<std::string>& command :
         {std::vector<std::string>{"placement", "list", "--child", "{E}"},
          std::vector<std::string>{"relation", "list", "--child", "{E}"},
          std::vector<std::string>{"restriction", "list", "--all"},
          std::vector<std::string>{"user", "history", "--child", "{E}"},
          std::vector<std::string>{"audit", "log"},
          std::vector<std::string>{"audit", "log", "--child", "{E}"}}) {
      std::vector<std::string> args = {"--format", format};
      args.insert(args.end(), command.begin(), command.end());
      CliResult r = As(kUnitSupervisor, args);
      EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
      ExpectNoIdentity(r, Joined(Args(args)));
    }
  }
}

TEST_F(AccessProtectedIdentityTest, TheResponsibleSocialWorkerSeesTheIdentity) {
  for (const char* format : kFormats) {
    CliResult r = As(kOwnWorker, {"--format", format, "child", "show", "{E}"});
    EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
    EXPECT_THAT(r.out, HasSubstr(kHiddenName)) << Describe(r);
    EXPECT_THAT(r.out, HasSubstr(kHiddenId)) << Describe(r);
    r = As(kOwnWorker, {"--format", format, "child", "list"});
    EXPECT_THAT(r.out, HasSubstr(kHiddenName)) << Describe(r);
  }
}

// Searching by name must not confirm the hidden name: the unit's supervisor searching for the
// protected name does not find the child (or it would reveal that the name is theirs).
TEST_F(AccessProtectedIdentityTest, SearchingByTheHiddenNameDoesNotRevealTheChild) {
  for (const char* needle : {kHiddenName, "Hemlig"}) {
    CliResult r = As(kUnitSupervisor, {"--format", "json", "child", "list", "--search", needle});
    EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
    EXPECT_THAT(r.out, Not(HasSubstr(Id("{E}"))))
        << "searching for '" << needle << "' finds the child with protected identity\n"
        << Describe(r);
  }
  CliResult r = As(kOwnWorker, {"--format", "json", "child", "list", "--search", "Hemlig"});
  EXPECT_THAT(r.out, HasSubstr(Id("{E}"))) << Describe(r);
}

// Edits by the unit's supervisor print the changed record (JSON, CSV): it must be as hidden as
// `child show` is for them.
TEST_F(AccessProtectedIdentityTest, EditsByTheUnitSupervisorDoNotEchoTheIdentity) {
  for (const std::vector<std::string>& command :
       {std::vector<std::string>{"child", "edit", "{E}", "--school", "Vara skola"},
        std::vector<std::string>{"child", "close", "{E}", "--reason", "Moved"}}) {
    for (const char* format : kFormats) {
      Reset();
      std::vector<std::string> args = {"--format", format};
      args.insert(args.end(), command.begin(), command.end());
      CliResult r = As(kUnitSupervisor, args);
      EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
      ExpectNoIdentity(r, Joined(Args(args)));
    }
  }
}

// ---- 4. The audit trail through the command -----------------------------------------------------

class AccessAuditCliTest : public CliTestBase {
 protected:
  void SetUp() override {
    CliTestBase::SetUp();
    ws_ = PathIn("audit.db");
  }

  CliResult At(const std::string& now, const std::string& account, std::vector<std::string> args) {
    args.insert(args.begin(), {"--workspace", ws_});
    if (!account.empty()) args.insert(args.begin() + 2, {"--as", account});
    return RunCli(args, {{"KINBRIDGE_NOW", now}});
  }

  // An audit entry a command must leave.
  struct Entry {
    std::string at, worker, action;
    bool about_elin;  // the entry concerns Elin's data
  };

  // Runs a command expected to succeed (or, with `refused`, to be refused) and records the
  // audit entries it must leave, in order.
  void Step(const std::string& now, const std::string& account,
            const std::vector<std::string>& actions, bool about_elin,
            const std::vector<std::string>& args, bool refused = false) {
    CliResult r = At(now, account, args);
    EXPECT_EQ(r.exit_code, refused ? kExitNotPermitted : kExitOk) << Describe(r);
    last_out_ = r.out;
    for (const std::string& action : actions) {
      expected_.push_back({now, account.empty() ? OsAccount() : account, action, about_elin});
    }
  }

  Json AuditLog(std::vector<std::string> filters = {}) {
    std::vector<std::string> args = {"--format", "json", "audit", "log"};
    args.insert(args.end(), filters.begin(), filters.end());
    CliResult r = At("2026-11-29T10:00:00Z", "", args);
    EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
    Json entries = ParseJson(r.out);
    EXPECT_TRUE(entries.is_array()) << r.out;
    return entries;
  }

  static std::vector<std::string> Actions(const Json& entries) {
    std::vector<std::string> actions;
    for (const Json& e : entries) actions.push_back(e.value("action", ""));
    return actions;
  }

  static std::vector<std::int64_t> Sequences(const Json& entries) {
    std::vector<std::int64_t> sequences;
    for (const Json& e : entries) sequences.push_back(e.value("sequence", std::int64_t{0}));
    return sequences;
  }

  // Sequences of the entries of `all` for which `keep` is true.
  template <typename Keep>
  static std::vector<std::int64_t> SequencesWhere(const Json& all, Keep keep) {
    std::vector<std::int64_t> sequences;
    for (const Json& e : all) {
      if (keep(e)) sequences.push_back(e.value("sequence", std::int64_t{0}));
    }
    return sequences;
  }

  // Builds the workspace and a series of reads and writes over four days:
  //   11-20 init and workers; 11-24 Anna registers Elin; 11-26 reads, Erik refused, Erik
  //   registers Maja; 11-28 Anna edits and reads.
  // `child show` reads the child, its network, restrictions and placements in one transaction:
  // one entry.
  void RunSeries() {
    const std::string d1 = "2026-11-20T08:00:00Z", d2 = "2026-11-24T09:00:00Z",
                      d3 = "2026-11-26T10:30:00Z", d4 = "2026-11-28T14:15:00Z";
    const std::vector<std::string> show = {"child.show"};
    Step(d1, "", {"workspace.create", "worker.add"}, false,
         {"init", "--code", "VAR", "--name", "Vara", "--country", "SE", "--time-zone",
          "Europe/Stockholm", "--locale", "sv_SE", "--mode", "test"});
    Step(d1, "", {"worker.add"}, false,
         {"user", "add", "--account", "anna", "--name", "Anna Karlsson", "--role", "social-worker",
          "--unit", "Barn och unga"});
    Step(d1, "", {"worker.add"}, false,
         {"user", "add", "--account", "erik", "--name", "Erik Svensson", "--role", "social-worker",
          "--unit", "Barn och unga"});

    Step(d2, "anna", {"child.add"}, true,
         {"--format", "json", "child", "add", "--name", "Elin Andersson", "--birth-date",
          "2017-03-14"});
    elin_ = ParseJson(last_out_).value("case_reference", "");
    ASSERT_FALSE(elin_.empty());
    Step(d2, "anna", {"relation.add"}, true,
         {"relation", "add", "--child", elin_, "--name", "Sara Andersson", "--kind", "mother"});
    Step(d2, "anna", {"placement.add"}, true,
         {"placement", "add", "--child", elin_, "--type", "foster-family", "--basis", "compulsory",
          "--start", "2025-05-12"});

    Step(d3, "anna", show, true, {"child", "show", elin_});
    Step(d3, "anna", {"relation.list"}, true, {"relation", "list", "--child", elin_});
    Step(d3, "anna", {"placement.list"}, true, {"placement", "list", "--child", elin_});
    Step(d3, "erik", {"access.denied"}, true, {"child", "show", elin_}, /*refused=*/true);
    Step(d3, "erik", {"child.add"}, false,
         {"--format", "json", "child", "add", "--name", "Maja Berg", "--birth-date", "2014-02-08"});
    maja_ = ParseJson(last_out_).value("case_reference", "");

    Step(d4, "anna", {"child.edit"}, true, {"child", "edit", elin_, "--school", "Vara skola"});
    Step(d4, "anna", {"restriction.add"}, true,
         {"restriction", "add", "--relation", "1", "--kind", "supervised-only", "--decision",
          "SN 2026/0412", "--reason", "Visits with a contact person", "--from", "2026-11-28"});
    Step(d4, "anna", {"restriction.list"}, true, {"restriction", "list", "--child", elin_});
    Step(d4, "anna", {"caseload.history"}, true, {"user", "history", "--child", elin_});
    Step(d4, "anna", {"child.list"}, true, {"child", "list"});
    Step(d4, "anna", show, true, {"child", "show", elin_});
  }

  static void ExpectVerified(const CliResult& r) {
    EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
    EXPECT_THAT(r.out, HasSubstr("intact")) << Describe(r);
    EXPECT_THAT(r.out, Not(HasSubstr("damaged"))) << Describe(r);
  }

  // `audit verify` finds the damage at entry `sequence`, in a table and in JSON.
  static void ExpectDamagedAt(const std::string& workspace, std::int64_t sequence) {
    CliResult r = RunCli({"--workspace", workspace, "audit", "verify"});
    EXPECT_EQ(r.exit_code, kExitAuditDamaged) << Describe(r);
    EXPECT_THAT(r.out, HasSubstr("damaged at entry " + std::to_string(sequence) + ": entry " +
                                 std::to_string(sequence) + " "))
        << Describe(r);
    r = RunCli({"--workspace", workspace, "--format", "json", "audit", "verify"});
    EXPECT_EQ(r.exit_code, kExitAuditDamaged) << Describe(r);
    Json v = ParseJson(r.out);
    EXPECT_EQ(v["intact"], false) << r.out;
    EXPECT_EQ(v["first_bad"], sequence) << r.out;
    EXPECT_THAT(v.value("problem", ""), HasSubstr("entry " + std::to_string(sequence))) << r.out;
  }

  std::string ws_, elin_, maja_, last_out_;
  std::vector<Entry> expected_;
};

TEST_F(AccessAuditCliTest, EveryReadAndWriteHasAnEntryWithItsActionWorkerAndTime) {
  RunSeries();
  ASSERT_FALSE(HasFailure());
  const Json entries = AuditLog();
  ASSERT_EQ(entries.size(), expected_.size()) << entries.dump(2);
  for (std::size_t i = 0; i < expected_.size(); ++i) {
    SCOPED_TRACE("entry " + std::to_string(i + 1));
    EXPECT_EQ(entries[i]["sequence"], static_cast<std::int64_t>(i + 1));
    EXPECT_EQ(entries[i]["action"], expected_[i].action) << entries[i].dump();
    EXPECT_EQ(entries[i]["worker"], expected_[i].worker) << entries[i].dump();
    EXPECT_EQ(entries[i]["at"], expected_[i].at) << entries[i].dump();
    EXPECT_EQ(entries[i]["hash"].get<std::string>().size(), 64u) << entries[i].dump();
  }
  // Erik's refused read names what he asked for and whom it concerns.
  bool found = false;
  for (const Json& e : entries) {
    if (e["action"] != "access.denied") continue;
    found = true;
    EXPECT_EQ(e["worker"], "erik") << e.dump();
    EXPECT_EQ(e["details"], "child.show") << e.dump();
    EXPECT_EQ(e["children"], elin_) << e.dump();
  }
  EXPECT_TRUE(found);

  // Reading the audit log is itself logged, with the administrator's purpose.
  CliResult r = RunCli({"--workspace", ws_, "--purpose", kPurpose, "--format", "json", "audit",
                        "log", "--worker", OsAccount()});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  const Json admin = ParseJson(r.out);
  ASSERT_FALSE(admin.empty());
  EXPECT_EQ(admin.back()["action"], "audit.log") << admin.dump(2);
  r = RunCli({"--workspace", ws_, "--format", "json", "audit", "log", "--worker", OsAccount()});
  EXPECT_EQ(ParseJson(r.out).back()["purpose"], kPurpose) << r.out;

  // The table names the same entries, in words (JSON above keeps the action codes).
  r = RunCli({"--workspace", ws_, "--lang", "en", "audit", "log"});
  EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
  for (const char* action :
       {"child registered", "child viewed", "relations listed", "placements listed",
        "access refused", "child's details changed", "caseload history viewed"}) {
    EXPECT_THAT(r.out, HasSubstr(action)) << Describe(r);
  }
  EXPECT_THAT(r.out, Not(HasSubstr("child.add"))) << Describe(r);
}

// Each filter returns exactly the entries of the whole log that it describes.
TEST_F(AccessAuditCliTest, FiltersByChildWorkerAndDays) {
  RunSeries();
  ASSERT_FALSE(HasFailure());
  const Json all = AuditLog();
  ASSERT_EQ(all.size(), expected_.size()) << all.dump(2);
  auto names_child = [](const std::string& ref) {
    return [ref](const Json& e) {
      const std::string children = e.value("children", "");
      std::istringstream in(children);
      for (std::string item; std::getline(in, item, ',');) {
        if (item == ref) return true;
      }
      return false;
    };
  };

  Json about_elin = AuditLog({"--child", elin_});
  EXPECT_EQ(Sequences(about_elin), SequencesWhere(all, names_child(elin_))) << about_elin.dump(2);
  EXPECT_GE(about_elin.size(), 13u) << about_elin.dump(2);
  Json about_maja = AuditLog({"--child", maja_});
  EXPECT_EQ(Actions(about_maja), (std::vector<std::string>{"child.add"})) << about_maja.dump(2);

  Json by_erik = AuditLog({"--worker", "erik"});
  EXPECT_EQ(Actions(by_erik), (std::vector<std::string>{"access.denied", "child.add"}))
      << by_erik.dump(2);
  EXPECT_EQ(Sequences(by_erik),
            SequencesWhere(all, [](const Json& e) { return e["worker"] == "erik"; }));

  Json day3 = AuditLog({"--from", "2026-11-26", "--to", "2026-11-26"});
  EXPECT_EQ(Actions(day3),
            (std::vector<std::string>{"child.show", "relation.list", "placement.list",
                                      "access.denied", "child.add"}))
      << day3.dump(2);

  Json until_day2 = AuditLog({"--to", "2026-11-24"});
  EXPECT_EQ(Sequences(until_day2), (std::vector<std::int64_t>{1, 2, 3, 4, 5, 6, 7}))
      << until_day2.dump(2);

  Json from_day4 = AuditLog({"--from", "2026-11-28"});
  ASSERT_GE(from_day4.size(), 6u) << from_day4.dump(2);
  EXPECT_EQ(from_day4[0]["action"], "child.edit") << from_day4.dump(2);
  for (const Json& e : from_day4) {
    EXPECT_GE(e.value("at", ""), std::string("2026-11-28")) << e.dump();
  }

  Json erik_day3_elin = AuditLog(
      {"--worker", "erik", "--child", elin_, "--from", "2026-11-26", "--to", "2026-11-26"});
  EXPECT_EQ(Actions(erik_day3_elin), (std::vector<std::string>{"access.denied"}))
      << erik_day3_elin.dump(2);

  CliResult r = At("2026-11-29T10:00:00Z", "",
                   {"audit", "log", "--from", "2026-11-28", "--to", "2026-11-26"});
  EXPECT_EQ(r.exit_code, 4) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("before")) << Describe(r);
}

// `audit log --child` finds every read of the child's data, including a read that found
// nothing (Elin had no restriction yet when her record was first shown).
TEST_F(AccessAuditCliTest, EveryEntryAboutAChildIsFoundUnderTheChild) {
  RunSeries();
  ASSERT_FALSE(HasFailure());
  const Json all = AuditLog();
  ASSERT_EQ(all.size(), expected_.size()) << all.dump(2);
  std::vector<std::int64_t> expected;
  for (std::size_t i = 0; i < expected_.size(); ++i) {
    if (expected_[i].about_elin) expected.push_back(static_cast<std::int64_t>(i + 1));
  }
  Json about_elin = AuditLog({"--child", elin_});
  EXPECT_EQ(Sequences(about_elin), expected) << about_elin.dump(2);
  for (const Json& e : all) {
    if (e.value("entity", "") == "child " + elin_) {
      EXPECT_EQ(e.value("children", ""), elin_)
          << "an entry about child " << elin_ << " is not linked to her: " << e.dump();
    }
  }
}

TEST_F(AccessAuditCliTest, VerifyPassesThenNamesAnEditedEntry) {
  RunSeries();
  ASSERT_FALSE(HasFailure());
  ExpectVerified(RunCli({"--workspace", ws_, "audit", "verify"}));
  CliResult r = RunCli({"--workspace", ws_, "--format", "json", "audit", "verify"});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  Json v = ParseJson(r.out);
  EXPECT_EQ(v["intact"], true) << r.out;
  EXPECT_TRUE(v["first_bad"].is_null()) << r.out;
  EXPECT_GT(v.value("entries", std::int64_t{0}), 15) << r.out;

  // The database itself refuses to change an entry...
  r = Sql(ws_, "UPDATE audit_entry SET details='x' WHERE sequence=3;");
  EXPECT_NE(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("audit entries cannot be changed")) << Describe(r);
  ExpectVerified(RunCli({"--workspace", ws_, "audit", "verify"}));

  // ...until someone with the file drops the trigger.
  r = Sql(ws_,
          "DROP TRIGGER audit_entry_no_update; UPDATE audit_entry SET details='x' WHERE "
          "sequence=3;");
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  ExpectDamagedAt(ws_, 3);
  // Verifying a damaged trail adds nothing to it, so it says the same again.
  ExpectDamagedAt(ws_, 3);
}

TEST_F(AccessAuditCliTest, VerifyNamesADeletedMiddleEntry) {
  RunSeries();
  ASSERT_FALSE(HasFailure());
  ExpectVerified(RunCli({"--workspace", ws_, "audit", "verify"}));
  CliResult r = Sql(ws_, "DELETE FROM audit_entry WHERE sequence=7;");
  EXPECT_NE(r.exit_code, 0) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("audit entries cannot be deleted")) << Describe(r);
  ExpectVerified(RunCli({"--workspace", ws_, "audit", "verify"}));

  r = Sql(ws_, "DROP TRIGGER audit_entry_no_delete; DELETE FROM audit_entry WHERE sequence=7;");
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  ExpectDamagedAt(ws_, 7);
  r = RunCli({"--workspace", ws_, "audit", "verify"});
  EXPECT_THAT(r.out, HasSubstr("missing")) << Describe(r);
}

TEST_F(AccessAuditCliTest, VerifyNamesAHiddenRefusal) {
  RunSeries();
  ASSERT_FALSE(HasFailure());
  // Passing Erik's refused read off as an ordinary one breaks the entry's hash.
  const Json denied = AuditLog({"--worker", "erik"});
  ASSERT_FALSE(denied.empty());
  const std::int64_t sequence = denied[0].value("sequence", std::int64_t{0});
  CliResult r = Sql(ws_,
                    "DROP TRIGGER audit_entry_no_update; UPDATE audit_entry SET "
                    "action='child.show', details='' WHERE sequence=" +
                        std::to_string(sequence) + ";");
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  ExpectDamagedAt(ws_, sequence);
}

TEST_F(AccessAuditCliTest, VerifyNamesTheFirstEntryCutOffTheEnd) {
  RunSeries();
  ASSERT_FALSE(HasFailure());
  const std::int64_t last = AuditLog().back().value("sequence", std::int64_t{0});
  CliResult r = Sql(ws_,
                    "DROP TRIGGER audit_entry_no_delete; DELETE FROM audit_entry WHERE "
                    "sequence=" +
                        std::to_string(last) + ";");
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  ExpectDamagedAt(ws_, last);
}

TEST_F(AccessAuditCliTest, OnlySupervisorsAndAdministratorsReadTheAuditTrail) {
  RunSeries();
  ASSERT_FALSE(HasFailure());
  for (const std::vector<std::string>& command :
       {std::vector<std::string>{"audit", "log"}, std::vector<std::string>{"audit", "verify"}}) {
    std::vector<std::string> args = {"--workspace", ws_, "--as", "anna"};
    args.insert(args.end(), command.begin(), command.end());
    CliResult r = RunCli(args);
    EXPECT_EQ(r.exit_code, kExitNotPermitted) << Describe(r);
    EXPECT_EQ(r.out, "");
    EXPECT_THAT(r.err, HasSubstr("may not read the audit log")) << Describe(r);
  }
}

// ---- 5. The demo --------------------------------------------------------------------------------

class AccessDemoTest : public CliTestBase {
 protected:
  void SetUp() override {
    CliTestBase::SetUp();
    demo_ = PathIn("demo.db");
    CliResult r = RunCli({"--workspace", demo_, "demo"});
    ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
    ASSERT_EQ(r.err, "") << Describe(r);
  }
  CliResult Demo(std::vector<std::string> args) {
    args.insert(args.begin(), {"--workspace", demo_});
    return RunCli(args);
  }
  std::string demo_;
};

TEST_F(AccessDemoTest, CentreWorkerCannotReadCaseNotes) {
  CliResult r = Demo({"--as", "lisa", "child", "show", "VAR-2026-0001"});
  EXPECT_EQ(r.exit_code, kExitNotPermitted) << Describe(r);
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, HasSubstr("not permitted")) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("(centre staff)")) << Describe(r);
  for (const auto& command :
       {std::vector<std::string>{"relation", "list", "--child", "VAR-2026-0001"},
        std::vector<std::string>{"placement", "list", "--child", "VAR-2026-0001"},
        std::vector<std::string>{"restriction", "list"},
        std::vector<std::string>{"child", "list"}}) {
    std::vector<std::string> args = {"--as", "lisa"};
    args.insert(args.end(), command.begin(), command.end());
    r = Demo(args);
    EXPECT_EQ(r.exit_code, kExitNotPermitted) << Describe(r);
    EXPECT_EQ(r.out, "") << Describe(r);
  }
}

TEST_F(AccessDemoTest, SocialWorkerCannotSeeAnotherWorkersCaseload) {
  CliResult r = Demo({"--as", "anna", "child", "show", "VAR-2026-0003"});
  EXPECT_EQ(r.exit_code, kExitNotPermitted) << Describe(r);
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, HasSubstr("not in your caseload")) << Describe(r);

  r = Demo({"--as", "anna", "--format", "json", "child", "list"});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  std::vector<std::string> refs;
  for (const Json& c : ParseJson(r.out)) refs.push_back(c.value("case_reference", ""));
  EXPECT_EQ(refs, (std::vector<std::string>{"VAR-2026-0001", "VAR-2026-0002"})) << r.out;
  r = Demo({"--as", "anna", "child", "list", "--status", "all"});
  EXPECT_THAT(r.out, Not(HasSubstr("VAR-2026-0003"))) << Describe(r);
  EXPECT_THAT(r.out, Not(HasSubstr("Maja Berg"))) << Describe(r);

  // And Erik sees his own only.
  r = Demo({"--as", "erik", "--format", "json", "child", "list"});
  refs.clear();
  for (const Json& c : ParseJson(r.out)) refs.push_back(c.value("case_reference", ""));
  EXPECT_EQ(refs, (std::vector<std::string>{"VAR-2026-0003"})) << r.out;
}

TEST_F(AccessDemoTest, EveryDemoActionIsInTheAuditLogAndVerifyPasses) {
  Demo({"--as", "lisa", "child", "show", "VAR-2026-0001"});
  Demo({"--as", "anna", "child", "show", "VAR-2026-0003"});
  Demo({"--as", "anna", "child", "list"});

  CliResult r = Demo({"--format", "json", "audit", "log"});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  const Json entries = ParseJson(r.out);
  std::map<std::string, int> count;  // "worker action" -> entries
  std::set<std::string> workers;
  for (const Json& e : entries) {
    workers.insert(e.value("worker", ""));
    ++count[e.value("worker", "") + " " + e.value("action", "")];
  }
  for (const char* worker : {"anna", "erik", "karin", "lisa"}) {
    EXPECT_TRUE(workers.count(worker) > 0) << worker << " is not in the audit log\n" << r.out;
  }
  const std::string admin = OsAccount();
  // What the demo did, worker by worker (cli/commands/demo.cpp), and the three runs above.
  const std::map<std::string, int> at_least = {
      {admin + " workspace.create", 1},
      {admin + " worker.add", 5},
      {"anna child.add", 2},
      {"anna placement.add", 3},
      {"anna placement.end", 1},
      {"anna relation.add", 6},
      {"anna restriction.add", 2},
      {"erik child.add", 1},
      {"erik placement.add", 1},
      {"erik relation.add", 1},
      {"karin child.list", 1},
      {"karin placement.list", 1},
      {"anna child.show", 1},  // with the child's relations, restrictions and placements
      {"anna child.list", 1},
      {"anna access.denied", 2},  // the demo's own attempt and
                                  // ours
      {"lisa access.denied", 2},
      {admin + " audit.verify", 1},
  };
  for (const auto& [what, n] : at_least) {
    EXPECT_GE(count[what], n) << "'" << what << "' entries in the audit log\n" << r.out;
  }
  // Our refused runs name the child asked for.
  bool lisa_asked_for_elin = false, anna_asked_for_maja = false;
  for (const Json& e : entries) {
    if (e["action"] != "access.denied" || e["details"] != "child.show") continue;
    if (e["worker"] == "lisa" && e["children"] == "VAR-2026-0001") lisa_asked_for_elin = true;
    if (e["worker"] == "anna" && e["children"] == "VAR-2026-0003") anna_asked_for_maja = true;
  }
  EXPECT_TRUE(lisa_asked_for_elin) << r.out;
  EXPECT_TRUE(anna_asked_for_maja) << r.out;

  r = Demo({"audit", "verify"});
  EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr("intact")) << Describe(r);
}

TEST_F(AccessDemoTest, VerifyFailsNamingTheEditedEntry) {
  ASSERT_EQ(Demo({"audit", "verify"}).exit_code, kExitOk);
  CliResult r = Sql(demo_,
                    "DROP TRIGGER audit_entry_no_update; UPDATE audit_entry SET worker_id=NULL, "
                    "account='nobody' WHERE sequence=10;");
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  r = Demo({"audit", "verify"});
  EXPECT_EQ(r.exit_code, kExitAuditDamaged) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr("damaged at entry 10")) << Describe(r);
  r = Demo({"--format", "json", "audit", "verify"});
  EXPECT_EQ(r.exit_code, kExitAuditDamaged) << Describe(r);
  Json v = ParseJson(r.out);
  EXPECT_EQ(v["intact"], false);
  EXPECT_EQ(v["first_bad"], 10);
}

// ---- 6. Who may act as whom ---------------------------------------------------------------------

class AccessIdentityTest : public CliTestBase {};

TEST_F(AccessIdentityTest, AsInAProductionWorkspaceIsRefused) {
  const std::string ws = PathIn("prod.db");
  CliResult r = RunCli({"--workspace", ws, "init", "--code", "VAR", "--name", "Vara", "--country",
                        "SE", "--time-zone", "Europe/Stockholm", "--locale", "sv_SE"});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  r = RunCli({"--workspace", ws, "user", "add", "--account", "anna", "--name", "Anna Karlsson",
              "--role", "social-worker"});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  const std::string before = CaseTables(ws);

  for (const std::vector<std::string>& command :
       {std::vector<std::string>{"whoami"}, std::vector<std::string>{"child", "list"},
        std::vector<std::string>{"child", "add", "--name", "Elin Andersson", "--birth-date",
                                 "2017-03-14"}}) {
    std::vector<std::string> args = {"--workspace", ws, "--as", "anna"};
    args.insert(args.end(), command.begin(), command.end());
    r = RunCli(args);
    EXPECT_EQ(r.exit_code, kExitNotPermitted) << Describe(r);
    EXPECT_EQ(r.out, "") << Describe(r);
    EXPECT_THAT(r.err, HasSubstr("not permitted")) << Describe(r);
    EXPECT_THAT(r.err, HasSubstr("demo and test workspaces")) << Describe(r);
    EXPECT_THAT(r.err, HasSubstr("anna")) << Describe(r);
  }
  // The environment variable is refused alike.
  r = RunCli({"--workspace", ws, "whoami"}, {{"KINBRIDGE_AS", "anna"}});
  EXPECT_EQ(r.exit_code, kExitNotPermitted) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("demo and test workspaces")) << Describe(r);
  EXPECT_EQ(before, CaseTables(ws));

  // The administrator's own account works, and says it is a production workspace.
  r = RunCli({"--workspace", ws, "--format", "json", "whoami"});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  Json me = ParseJson(r.out);
  EXPECT_EQ(me["account"], OsAccount());
  EXPECT_EQ(me["roles"], "administrator");
  EXPECT_EQ(me["mode"], "production");
}

TEST_F(AccessIdentityTest, AnAccountThatIsNotAWorkerIsRefusedNamingUserAdd) {
  // A production workspace whose only worker is someone else: the test's own OS account is
  // not a worker in it.
  const std::string ws = PathIn("prod.db");
  CliResult r = RunCli({"--workspace", ws, "init", "--code", "VAR", "--name", "Vara", "--country",
                        "SE", "--time-zone", "Europe/Stockholm", "--locale", "sv_SE"});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  r = Sql(ws, "UPDATE worker SET os_account='ingrid';");
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  const std::string me = OsAccount();
  for (const std::vector<std::string>& command :
       {std::vector<std::string>{"whoami"}, std::vector<std::string>{"child", "list"},
        std::vector<std::string>{"audit", "log"}}) {
    std::vector<std::string> args = {"--workspace", ws};
    args.insert(args.end(), command.begin(), command.end());
    r = RunCli(args);
    EXPECT_EQ(r.exit_code, kExitNotPermitted) << Describe(r);
    EXPECT_EQ(r.out, "") << Describe(r);
    EXPECT_THAT(r.err, HasSubstr("account " + me + " is not a worker")) << Describe(r);
    EXPECT_THAT(r.err, HasSubstr("kinbridge user add --account " + me)) << Describe(r);
  }

  // In a test workspace, --as an unknown account is refused the same way.
  const std::string test_ws = PathIn("test.db");
  r = RunCli({"--workspace", test_ws, "init", "--code", "VAR", "--name", "Vara", "--country", "SE",
              "--time-zone", "Europe/Stockholm", "--locale", "sv_SE", "--mode", "test"});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  r = RunCli({"--workspace", test_ws, "--as", "stranger", "whoami"});
  EXPECT_EQ(r.exit_code, kExitNotPermitted) << Describe(r);
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, HasSubstr("account stranger is not a worker")) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("kinbridge user add --account stranger")) << Describe(r);
}

}  // namespace
}  // namespace kinbridge::cli::test
