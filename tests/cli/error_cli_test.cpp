// Errors as the user sees them, in each language: bad dates, values that are not one of the
// allowed ones, numbers that are not numbers, unknown ids and options, a folder or a text file
// as the workspace, files that cannot be written. Each is one line on stderr that names the value,
// in the user's language, and no words of C++, of the command-line parser or of the C library
// reach it.
#include <fstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cli/cli_runner.h"

namespace kinbridge::cli::test {
namespace {

using ::testing::HasSubstr;

struct Nasty {
  std::vector<std::string> args;  // after --workspace and --as; {ws} and {dir} are replaced
  std::string value;              // what the message must name
  int exit_code;
};

// Words that give away a message not written for people: C++'s, the database's, and those of
// the command-line parser and the C library, which speak English only.
const std::vector<std::string> kForeign = {"std::",
                                           "what():",
                                           "basic_string",
                                           "terminate called",
                                           "exception",
                                           "sqlite3_",
                                           "soci",
                                           "Run with --help",
                                           "Could not convert",
                                           "was not expected",
                                           "were not expected",
                                           " not in {",
                                           "not in range",
                                           "excludes",
                                           "required TEXT missing",
                                           "At Most",
                                           "At least",
                                           "Expected exactly",
                                           "No such file or directory",
                                           "Permission denied",
                                           "Read-only file system"};
// The word kinbridge's own messages use, which a translated message does not.
const std::string kEnglishError = "error:";

class ErrorCliTest : public CliTestBase {
 protected:
  void SetUp() override {
    CliTestBase::SetUp();
    ws_ = PathIn("vara.db");
    CliResult init =
        RunCli({"--workspace", ws_, "init", "--code", "VAR", "--name", "Vara", "--country", "SE",
                "--time-zone", "Europe/Stockholm", "--locale", "sv_SE", "--mode", "test"});
    ASSERT_EQ(init.exit_code, 0) << init.err;
    CliResult user = RunCli({"--workspace", ws_, "user", "add", "--account", "sam", "--name", "Sam",
                             "--role", "social-worker"});
    ASSERT_EQ(user.exit_code, 0) << user.err;
    CliResult child = RunCli({"--workspace", ws_, "--as", "sam", "child", "add", "--name",
                              "Elin Andersson", "--birth-date", "2017-03-14"});
    ASSERT_EQ(child.exit_code, 0) << child.err;
    std::ofstream(PathIn("notes.txt")) << "not a workspace\n";
  }

  std::string Expand(const std::string& text) const {
    std::string out = text;
    for (const auto& [from, to] : {std::pair<std::string, std::string>{"{ws}", ws_},
                                   std::pair<std::string, std::string>{"{dir}", dir().string()}}) {
      for (std::size_t at = out.find(from); at != std::string::npos; at = out.find(from, at)) {
        out.replace(at, from.size(), to);
        at += to.size();
      }
    }
    return out;
  }

  std::string ws_;
};

TEST_F(ErrorCliTest, NastyInputsGetOneTranslatedLineNamingTheValue) {
  const std::vector<Nasty> cases = {
      {{"child", "add", "--name", "Ida", "--birth-date", "2026-02-30"}, "2026-02-30", 4},
      {{"contact", "list", "--from", "2026-1-1"}, "2026-1-1", 4},
      {{"--today", "2026-13-01", "child", "list"}, "2026-13-01", 4},
      {{"relation", "add", "--child", "VAR-2026-0001", "--name", "Eva", "--kind", "cousin"},
       "cousin",
       4},
      {{"--format", "xml", "child", "list"}, "xml", 2},
      {{"child", "list", "--status", "gone"}, "gone", 2},
      {{"contact", "schedule", "--days", "abc"}, "abc", 2},
      {{"contact", "schedule", "--days", "99999999999999999999"}, "99999999999999999999", 2},
      {{"child", "show", "VAR-2026-9999"}, "VAR-2026-9999", 3},
      {{"plan", "show", "12345"}, "12345", 3},
      // Beyond 64 bits: refused, not clamped to the largest id.
      {{"plan", "show", "99999999999999999999"}, "99999999999999999999", 2},
      {{"demo", "--size", "5", "--seed", "99999999999999999999"}, "99999999999999999999", 2},
      {{"child", "list", "--bogus"}, "--bogus", 2},
      // Unexpected words are named as they were typed, not in the parser's reverse order.
      {{"audit", "log", "--limit", "4"}, "--limit 4", 2},
      {{"child", "add", "--name", "Ida"}, "--birth-date", 2},
      {{"child", "add", "--name"}, "--name", 2},
      {{"child", "list", "--status", "open", "--status", "all"}, "--status", 2},
      {{"contact", "list", "--child", "VAR-2026-0001", "--worker", "sam"}, "--worker", 2},
      {{"--workspace", "{dir}", "child", "list"}, "{dir}", 4},
      {{"--workspace", "{dir}/notes.txt", "child", "list"}, "notes.txt", 4},
      {{"--workspace", "{dir}/missing/x.db", "child", "list"}, "missing/x.db", 3},
      {{"--workspace", "/sys/kinbridge-test.db", "init", "--code", "ELS", "--name", "Elsewhere",
        "--country", "SE", "--time-zone", "Europe/Stockholm", "--locale", "sv_SE"},
       "/sys/kinbridge-test.db",
       1},
      {{"export", "children", "-o", "/sys/kinbridge-test.csv"}, "/sys/kinbridge-test.csv", 1},
      {{"transfer", "inspect", "{dir}/missing.kbx"}, "missing.kbx", 1},
      {{"transfer", "keygen", "-o", "/sys/kinbridge-test.key"}, "/sys/kinbridge-test.key", 1},
  };
  for (const std::string lang : {"en", "sv", "zh_CN"}) {
    for (const Nasty& c : cases) {
      std::vector<std::string> args = {"--lang", lang, "--as", "sam"};
      if (c.args.front() != "--workspace") args.insert(args.end(), {"--workspace", ws_});
      std::string shown;
      for (const std::string& a : c.args) {
        args.push_back(Expand(a));
        shown += " " + a;
      }
      SCOPED_TRACE(lang + ":" + shown);
      CliResult r = RunCli(args);
      EXPECT_NE(r.exit_code, 0);
      EXPECT_EQ(r.exit_code, c.exit_code) << r.err;
      EXPECT_EQ(r.out, "");
      EXPECT_THAT(r.err, HasSubstr(Expand(c.value)));
      EXPECT_TRUE(r.err.starts_with("kinbridge: ")) << r.err;
      EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
      for (const std::string& word : kForeign) {
        EXPECT_THAT(r.err, Not(HasSubstr(word))) << r.err;
      }
      if (lang != "en") {
        EXPECT_THAT(r.err, Not(HasSubstr(kEnglishError))) << r.err;
      }
    }
  }
}

// An error with --format json is the documented object on stderr, also for a usage error.
TEST_F(ErrorCliTest, JsonErrorsAreObjectsOnStderr) {
  CliResult r = RunCli(
      {"--format", "json", "--workspace", ws_, "--as", "sam", "child", "show", "VAR-2026-9999"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, HasSubstr("\"code\": \"not-found\""));
  EXPECT_THAT(r.err, HasSubstr("VAR-2026-9999"));

  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--format", "json", "child", "add", "--name", "Ida"},
        std::vector<std::string>{"child", "list", "--bogus", "--format=json"},
        std::vector<std::string>{"--format", "json", "child"}}) {
    std::vector<std::string> full = {"--workspace", ws_, "--as", "sam"};
    full.insert(full.end(), args.begin(), args.end());
    CliResult usage = RunCli(full);
    EXPECT_EQ(usage.exit_code, 2);
    EXPECT_EQ(usage.out, "");
    EXPECT_THAT(usage.err, HasSubstr("\"code\": \"usage\"")) << usage.err;
  }
}

}  // namespace
}  // namespace kinbridge::cli::test
