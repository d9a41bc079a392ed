// The manual page and bash completion, end to end: both are read from the command tree, so the
// tests walk that tree through completion and require every command in the manual, in each
// language, and a page that groff typesets without warnings.
#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cli/cli_runner.h"

namespace kinbridge::cli::test {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::string line;
  for (char c : text) {
    if (c == '\n') {
      lines.push_back(line);
      line.clear();
    } else {
      line += c;
    }
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

// What completion offers after `words`.
std::vector<std::string> Complete(const std::vector<std::string>& words) {
  std::vector<std::string> args = {"__complete"};
  args.insert(args.end(), words.begin(), words.end());
  CliResult r = RunCli(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return Lines(r.out);
}

// Every command a person can run, as "kinbridge child add", found through completion.
void LeafCommands(const std::vector<std::string>& path, std::vector<std::string>& out) {
  std::vector<std::string> subcommands;
  for (const std::string& c : Complete(path)) {
    if (!c.starts_with("-")) subcommands.push_back(c);
  }
  if (subcommands.empty()) {
    std::string name = "kinbridge";
    for (const std::string& p : path) name += " " + p;
    out.push_back(name);
    return;
  }
  for (const std::string& s : subcommands) {
    std::vector<std::string> deeper = path;
    deeper.push_back(s);
    LeafCommands(deeper, out);
  }
}

std::string RoffName(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '-') {
      out += "\\-";
    } else {
      out += c;
    }
  }
  return out;
}

class ManualCliTest : public CliTestBase {};

TEST_F(ManualCliTest, CompletionOffersCommandsThenOptionsAndLeavesValuesToTheShell) {
  std::vector<std::string> top = Complete({});
  EXPECT_THAT(top, testing::IsSupersetOf({"child", "transfer", "report", "manpage", "completion",
                                          "--workspace", "--lang"}));
  EXPECT_THAT(top, Not(testing::Contains("__complete")));
  EXPECT_THAT(Complete({"transfer"}),
              testing::IsSupersetOf({"keygen", "sign", "verify", "inspect", "export", "import"}));
  // Options of the command and the global ones, each once.
  std::vector<std::string> add = Complete({"child", "add"});
  EXPECT_THAT(add, testing::IsSupersetOf({"--name", "--birth-date", "--workspace"}));
  EXPECT_EQ(std::count(add.begin(), add.end(), "--help"), 1);
  // After an option that takes a value nothing is offered, so the shell completes file names;
  // after a flag or `--opt=value`, completion goes on.
  EXPECT_THAT(Complete({"--workspace"}), IsEmpty());
  EXPECT_THAT(Complete({"child", "add", "--name"}), IsEmpty());
  EXPECT_THAT(Complete({"--workspace=x.db", "child"}), testing::Contains("add"));
  EXPECT_THAT(Complete({"-w", "x.db", "transfer"}), testing::Contains("inspect"));
}

TEST_F(ManualCliTest, BashCompletionScriptCompletesThroughTheProgram) {
  CliResult script = RunCli({"completion", "bash"});
  ASSERT_EQ(script.exit_code, 0) << script.err;
  const std::string file = PathIn("kinbridge.bash");
  std::ofstream(file) << script.out;
  // The completion function as bash calls it, for "kinbridge tra<TAB>" and "transfer ex<TAB>".
  auto complete = [&](const std::string& words, int cword) {
    const std::string program = std::string("source '") + file + "'; COMP_WORDS=('" +
                                KINBRIDGE_CLI_PATH + "' " + words +
                                "); COMP_CWORD=" + std::to_string(cword) +
                                "; _kinbridge; printf '%s\\n' \"${COMPREPLY[@]}\"";
    CliResult r = RunProgram("/bin/bash", {"--norc", "-c", program}, BaseEnvironment());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::vector<std::string> lines;
    for (const std::string& l : Lines(r.out)) {
      if (!l.empty()) lines.push_back(l);
    }
    return lines;
  };
  EXPECT_THAT(complete("tra", 1), ElementsAre("training", "transfer"));
  EXPECT_THAT(complete("transfer ex", 2), ElementsAre("export"));
  EXPECT_THAT(complete("child add --birth", 3), ElementsAre("--birth-date"));
  EXPECT_THAT(complete("--workspace ''", 2), IsEmpty());

  CliResult wrong = RunCli({"completion", "fish"});
  EXPECT_EQ(wrong.exit_code, 2);
  EXPECT_THAT(wrong.err, HasSubstr("fish"));
}

TEST_F(ManualCliTest, ManualPageNamesEveryCommandInEveryLanguageAndTypesetsCleanly) {
  std::vector<std::string> commands;
  LeafCommands({}, commands);
  ASSERT_GT(commands.size(), 80U);  // the command tree as it stands: ~100 commands
  for (const std::string lang : {"en", "sv", "zh_CN"}) {
    SCOPED_TRACE(lang);
    CliResult page = RunCli({"--lang", lang, "manpage"});
    ASSERT_EQ(page.exit_code, 0) << page.err;
    EXPECT_THAT(page.out, HasSubstr(".TH KINBRIDGE 1"));
    for (const std::string& command : commands) {
      if (command == "kinbridge manpage" || command == "kinbridge completion") continue;
      EXPECT_THAT(page.out, HasSubstr(".SS \\fB" + RoffName(command) + "\\fR")) << command;
    }
    // Exit codes and environment are part of the page.
    EXPECT_THAT(page.out, HasSubstr("KINBRIDGE_TODAY"));
    EXPECT_THAT(page.out, HasSubstr("\\fB5\\fR"));
    const std::string file = PathIn("kinbridge." + lang + ".1");
    std::ofstream(file) << page.out;
    // -k reads UTF-8; every warning is on except line breaking, which Chinese text (no spaces
    // between words) always triggers.
    CliResult groff =
        RunProgram("/usr/bin/groff", {"-k", "-man", "-Tutf8", "-ww", "-Wbreak", "-z", file},
                   BaseEnvironment());
    EXPECT_EQ(groff.exit_code, 0) << groff.err;
    EXPECT_EQ(groff.err, "");
  }
  // The page speaks the user's language.
  EXPECT_THAT(RunCli({"--lang", "sv", "manpage"}).out, HasSubstr("barn"));
  EXPECT_THAT(RunCli({"--lang", "zh_CN", "manpage"}).out, HasSubstr("儿童"));
}

}  // namespace
}  // namespace kinbridge::cli::test
