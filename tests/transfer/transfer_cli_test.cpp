// End-to-end tests of `kinbridge transfer`: keys, signing, export with its log, inspect without
// a workspace, import with trust, and the exit codes of refusals.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/cli_runner.h"

namespace kinbridge::cli::test {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using Json = nlohmann::ordered_json;

constexpr int kExitOk = 0;
constexpr int kExitError = 1;
constexpr int kExitUsage = 2;
constexpr int kExitInvalid = 4;
constexpr int kExitNotPermitted = 5;

constexpr const char* kBuiltInPlugins = KINBRIDGE_BUILT_IN_PLUGINS_DIR;

std::string Describe(const CliResult& r) {
  return "exit " + std::to_string(r.exit_code) + "\n--- stdout ---\n" + r.out + "--- stderr ---\n" +
         r.err;
}

class TransferCliTest : public CliTestBase {
 protected:
  // The workspace the test calls `ws`: a SQLite file of that name, or on a PostgreSQL run a
  // schema of its own, made on first use.
  const std::string& Location(const std::string& ws) {
    auto found = locations_.find(ws);
    if (found == locations_.end()) found = locations_.emplace(ws, WorkspaceIn(ws)).first;
    return found->second;
  }

  CliResult In(const std::string& ws, std::vector<std::string> args, const std::string& as = "") {
    args.insert(args.begin(), {"-w", Location(ws)});
    if (!as.empty()) args.insert(args.begin(), {"--as", as});
    return RunCli(args);
  }

  void Init(const std::string& ws, const std::string& code, const std::string& name,
            const std::string& country, const std::string& zone) {
    CliResult r = In(ws, {"init", "--code", code, "--name", name, "--country", country,
                          "--time-zone", zone, "--locale", country == "SE" ? "sv_SE" : "zh_CN",
                          "--admin-name", "Admin", "--mode", "test"});
    ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  }

  void InitVara() {
    Init("vara.db", "VAR", "Vara", "SE", "Europe/Stockholm");
    fs::create_directories(PathIn("methods"));
    for (const char* name : {"vara_contact.so", "huangshan_group.so"}) {
      const fs::path copy = fs::path(PathIn("methods")) / name;
      fs::copy_file(fs::path(kBuiltInPlugins) / name, copy);
      CliResult r = In("vara.db", {"method", "install", copy.string()});
      ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
    }
    CliResult r = In("vara.db", {"user", "add", "--account", "anna", "--name", "Anna Karlsson",
                                 "--role", "social-worker", "--unit", "Barn och unga"});
    ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  }

  void InstallPlugins(const std::string& ws) {
    const fs::path dir = fs::path(PathIn("methods-" + ws));
    fs::create_directories(dir);
    for (const char* name : {"vara_contact.so", "huangshan_group.so"}) {
      fs::copy_file(fs::path(kBuiltInPlugins) / name, dir / name);
      CliResult r = In(ws, {"method", "install", (dir / name).string()});
      ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
    }
  }

  Json JsonIn(const std::string& ws, std::vector<std::string> args, const std::string& as) {
    args.insert(args.begin(), {"--format", "json"});
    CliResult r = In(ws, args, as);
    EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
    return r.exit_code == kExitOk ? Json::parse(r.out) : Json();
  }

  // Five children of 10 in `worker`'s caseload, each with a plan made with `method` three weeks
  // ago (the child's view first) and every contact since logged as held.
  void SeedCases(const std::string& ws, const std::string& worker, const std::string& method) {
    const std::string then = "2026-11-08";
    for (int i = 0; i < 5; ++i) {
      const Json child = JsonIn(ws,
                                {"child", "add", "--name", "Child " + std::to_string(i),
                                 "--birth-date", "2016-0" + std::to_string(i + 1) + "-10"},
                                worker);
      const std::string ref = child.value("case_reference", "");
      ASSERT_FALSE(ref.empty());
      JsonIn(ws, {"relation", "add", "--child", ref, "--name", "Parent", "--kind", "mother"},
             worker);
      const Json plan = JsonIn(ws,
                               {"--today", then, "plan", "propose", "--child", ref, "--method",
                                method, "--purpose", "Keep in touch"},
                               worker);
      const std::string id = std::to_string(plan.value("id", std::int64_t{0}));
      CliResult r = In(ws,
                       {"--today", then, "plan", "view", id, "--text", "Often, please.", "--date",
                        then, "--how", "conversation"},
                       worker);
      ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
      r = In(ws, {"--today", then, "plan", "approve", id}, worker);
      ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
    }
    const Json open =
        JsonIn(ws, {"contact", "list", "--open", "--from", then, "--to", "2026-11-28"}, worker);
    ASSERT_TRUE(open.is_array());
    ASSERT_GE(open.size(), 5u);
    for (const Json& e : open) {
      CliResult r = In(
          ws,
          {"contact", "log", std::to_string(e.value("id", std::int64_t{0})), "--outcome", "held"},
          worker);
      ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
    }
  }

  std::string Keygen(const std::string& file) {
    CliResult r = RunCli({"--format", "json", "transfer", "keygen", "-o", PathIn(file)});
    EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
    return Json::parse(r.out).value("public_key", "");
  }

 private:
  std::map<std::string, std::string> locations_;
};

TEST_F(TransferCliTest, KeygenWritesAPrivateKeyAndPrintsThePublicOne) {
  const std::string pk = Keygen("k.key");
  EXPECT_EQ(pk.size(), 64u);
  struct stat st {};
  ASSERT_EQ(::stat(PathIn("k.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  CliResult again = RunCli({"transfer", "keygen", "-o", PathIn("k.key")});
  EXPECT_EQ(again.exit_code, kExitInvalid) << Describe(again);
  EXPECT_THAT(again.err, HasSubstr("already exists"));
}

TEST_F(TransferCliTest, ExportInspectImportAcrossTheBorder) {
  InitVara();
  const std::string pk = Keygen("vara.key");
  const std::string package = PathIn("huangshan.kbx");
  CliResult r = In("vara.db", {"transfer", "export", "--method", "cn.huangshan.group", "-o",
                               package, "--key", PathIn("vara.key")});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr("cn.huangshan.group@1.0.0"));

  // A social worker may not export.
  r = In("vara.db", {"transfer", "export", "--method", "se.vara.contact", "-o", PathIn("x.kbx")},
         "anna");
  EXPECT_EQ(r.exit_code, kExitNotPermitted) << Describe(r);
  EXPECT_FALSE(fs::exists(PathIn("x.kbx")));

  r = In("vara.db", {"--format", "json", "transfer", "list", "--exports"});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  Json log = Json::parse(r.out);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0]["method"], "cn.huangshan.group@1.0.0");
  EXPECT_EQ(log[0]["signed"], true);

  // Inspect needs no workspace.
  r = RunCli({"--format", "json", "transfer", "inspect", package});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  Json inspected = Json::parse(r.out);
  EXPECT_EQ(inspected["id"], "cn.huangshan.group");
  EXPECT_EQ(inspected["from_code"], "VAR");
  EXPECT_EQ(inspected["signer_public_key"], pk);
  EXPECT_FALSE(inspected["frame"].empty());
  r = RunCli({"transfer", "inspect", package});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr("se.vara.contact@1.0.0"));

  r = RunCli({"transfer", "verify", package, "--trusted-key", pk});
  EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);

  Init("huangshan.db", "HSH", "Huangshan", "CN", "Asia/Shanghai");
  const std::string other = Keygen("other.key");
  r = In("huangshan.db", {"transfer", "import", package, "--trusted-key", other});
  EXPECT_EQ(r.exit_code, kExitNotPermitted) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("not among the trusted keys"));
  r = In("huangshan.db", {"transfer", "import", package, "--trusted-key", pk});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr("VAR Vara (SE)"));
  r = In("huangshan.db", {"--format", "json", "transfer", "list"});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  Json imported = Json::parse(r.out);
  ASSERT_EQ(imported.size(), 1u);
  EXPECT_EQ(imported[0]["from"], "VAR Vara (SE)");
  EXPECT_EQ(imported[0]["chain"], "cn.huangshan.group@1.0.0,se.vara.contact@1.0.0");
  // The lineage says where the method came from, before its plugin is installed here.
  r = In("huangshan.db", {"method", "lineage", "cn.huangshan.group"});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr("Arrived in a transfer package from VAR Vara (SE)"));
  EXPECT_THAT(r.out, HasSubstr("se.vara.contact@1.0.0 → cn.huangshan.group@1.0.0"));
  EXPECT_THAT(r.out, HasSubstr("not installed here"));
}

// Scenario 5: Vara exports its method with outcomes, Huangshan inspects and imports it and
// compares; Huangshan exports its adaptation back with its own outcomes, Vara imports it, sees
// in the lineage that its method was adapted in Huangshan, and compares.
TEST_F(TransferCliTest, OutcomesTravelBothWaysAndAreCompared) {
  InitVara();
  SeedCases("vara.db", "anna", "se.vara.contact");
  const std::string vara_key = Keygen("vara.key");
  const std::string to_huangshan = PathIn("vara-contact.kbx");
  CliResult r = In("vara.db", {"transfer", "export", "--method", "se.vara.contact",
                               "--with-outcomes", "-o", to_huangshan, "--key", PathIn("vara.key")});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  // A period for outcomes without asking for outcomes is a mistake.
  r = In("vara.db", {"transfer", "export", "--method", "se.vara.contact", "--from", "2026-01-01",
                     "-o", PathIn("x.kbx")});
  EXPECT_EQ(r.exit_code, kExitInvalid) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("--with-outcomes"));

  const Json inspected = Json::parse(
      RunCli({"--format", "json", "transfer", "inspect", to_huangshan, "--trusted-key", vara_key})
          .out);
  ASSERT_TRUE(inspected["outcomes"].is_array());
  ASSERT_FALSE(inspected["outcomes"].empty());
  bool adherence = false;
  for (const Json& c : inspected["outcomes"]) {
    EXPECT_GE(c.value("n", std::int64_t{0}), 5) << c.dump();
    if (c["indicator"] == "contact_adherence" && c["period"] == "2026-Q4" &&
        c["age_band"] == "7-13") {
      adherence = true;
      // Every contact up to yesterday was held; today's are still open.
      EXPECT_GT(std::stod(c.value("value", "0")), 0.5) << c.dump();
      EXPECT_EQ(c["n"], 5);
    }
  }
  EXPECT_TRUE(adherence) << inspected["outcomes"].dump(2);
  r = RunCli({"transfer", "inspect", to_huangshan});
  EXPECT_THAT(r.out, HasSubstr("contacts held"));

  Init("huangshan.db", "HSH", "Huangshan", "CN", "Asia/Shanghai");
  InstallPlugins("huangshan.db");
  r = In("huangshan.db", {"user", "add", "--account", "zhao", "--name", "Zhao Lei", "--role",
                          "social-worker", "--unit", "Centre"});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  SeedCases("huangshan.db", "zhao", "cn.huangshan.group");
  r = In("huangshan.db", {"transfer", "import", to_huangshan, "--trusted-key", vara_key});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  Json listed = JsonIn("huangshan.db", {"transfer", "list"}, "");
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["outcome_cells"], inspected["outcomes"].size());

  // Huangshan's adaptation beside Vara's method (its lineage contains it).
  Json report = JsonIn("huangshan.db", {"report", "method", "cn.huangshan.group"}, "");
  ASSERT_EQ(report["sources"].size(), 2u) << report.dump(2);
  EXPECT_EQ(report["sources"][0]["own"], true);
  EXPECT_EQ(report["sources"][1]["municipality"], "VAR Vara (SE)");
  EXPECT_EQ(report["k"], 5);
  bool both = false;
  for (const Json& row : report["rows"]) {
    if (row["indicator"] == "children" && row["period"] == "2026-Q4" && row["age_band"] == "all") {
      both = row["cells"][0]["n"] == 5 && row["cells"][1]["n"] == 5;
    }
  }
  EXPECT_TRUE(both) << report.dump(2);
  // A social worker may not read it.
  r = In("huangshan.db", {"report", "method", "cn.huangshan.group"}, "zhao");
  EXPECT_EQ(r.exit_code, kExitNotPermitted) << Describe(r);

  // The adaptation travels back.
  const std::string hs_key = Keygen("huangshan.key");
  const std::string to_vara = PathIn("huangshan-group.kbx");
  r = In("huangshan.db", {"transfer", "export", "--method", "cn.huangshan.group", "--with-outcomes",
                          "-o", to_vara, "--key", PathIn("huangshan.key")});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  r = In("vara.db", {"transfer", "import", to_vara, "--trusted-key", hs_key});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  r = In("vara.db", {"method", "lineage", "se.vara.contact"});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr("Adapted in HSH Huangshan (CN) as cn.huangshan.group@1.0.0 (from "
                               "se.vara.contact@1.0.0)"));
  EXPECT_THAT(r.out, HasSubstr("group"));  // its FRAME records: level of delivery
  r = In("vara.db", {"transfer", "list"});
  EXPECT_THAT(r.out, HasSubstr("cn.huangshan.group@1.0.0"));

  r = In("vara.db", {"report", "method", "se.vara.contact"});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr("VAR se.vara.contact"));
  EXPECT_THAT(r.out, HasSubstr("HSH cn.huangshan.group"));
  EXPECT_THAT(r.out, HasSubstr("contacts held"));
  r = In("vara.db", {"--format", "csv", "report", "method", "se.vara.contact"});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr("indicator,period,age_band,var_value,var_n,"
                               "hsh_cn_huangshan_group_value,hsh_cn_huangshan_group_n"));
}

TEST_F(TransferCliTest, RefusalsHaveTheirExitCodes) {
  InitVara();
  const std::string package = PathIn("vara.kbx");
  CliResult r = In("vara.db", {"transfer", "export", "--method", "se.vara.contact", "-o", package});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  Init("huangshan.db", "HSH", "Huangshan", "CN", "Asia/Shanghai");

  // Unsigned where a signature is required.
  r = In("huangshan.db", {"transfer", "import", package, "--require-signed"});
  EXPECT_EQ(r.exit_code, kExitNotPermitted) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("not signed"));

  std::string bytes;
  {
    std::ifstream in(package, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  auto write = [&](const std::string& name, const std::string& content) {
    std::ofstream out(PathIn(name), std::ios::binary);
    out << content;
    return PathIn(name);
  };
  // A damaged payload.
  std::string damaged = bytes;
  damaged[200] = static_cast<char>(damaged[200] ^ 4);
  r = RunCli({"transfer", "verify", write("damaged.kbx", damaged)});
  EXPECT_EQ(r.exit_code, kExitInvalid) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("SHA-256"));
  // Not a package at all.
  r = RunCli({"transfer", "inspect", write("notes.txt", "hello")});
  EXPECT_EQ(r.exit_code, kExitInvalid) << Describe(r);
  // A newer format.
  std::string newer = bytes;
  newer[8] = 9;
  r = In("huangshan.db", {"transfer", "import", write("newer.kbx", newer)});
  EXPECT_EQ(r.exit_code, kExitError) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("format version 9"));
  // Signing with something that is not a key.
  r = RunCli({"transfer", "sign", package, "--key", package});
  EXPECT_EQ(r.exit_code, kExitInvalid) << Describe(r);
  // Missing arguments.
  r = RunCli({"transfer", "export"});
  EXPECT_EQ(r.exit_code, kExitUsage) << Describe(r);

  // Signing afterwards makes it importable with the key.
  const std::string pk = Keygen("vara.key");
  r = RunCli({"transfer", "sign", package, "--key", PathIn("vara.key")});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  r = In("huangshan.db", {"transfer", "import", package, "--trusted-key", pk});
  EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
  r = In("huangshan.db", {"transfer", "import", package});
  EXPECT_EQ(r.exit_code, kExitInvalid) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("already imported"));
}

}  // namespace
}  // namespace kinbridge::cli::test
