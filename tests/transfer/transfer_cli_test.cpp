// End-to-end tests of `kinbridge transfer`: keys, signing, export with its log, inspect without
// a workspace, import with trust, and the exit codes of refusals.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
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
  CliResult In(const std::string& ws, std::vector<std::string> args, const std::string& as = "") {
    args.insert(args.begin(), {"-w", PathIn(ws)});
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

  std::string Keygen(const std::string& file) {
    CliResult r = RunCli({"--format", "json", "transfer", "keygen", "-o", PathIn(file)});
    EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
    return Json::parse(r.out).value("public_key", "");
  }
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
