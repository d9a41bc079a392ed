// Runs the real kinbridge binary for end-to-end tests: no shell, stdin from /dev/null, a clean
// environment, and stdout and stderr captured separately.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace kinbridge::cli::test {

struct CliResult {
  // The exit status; 128 + signal number when the program was killed by a signal, -1 when it
  // could not be started.
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `program` (an absolute path; no PATH lookup) with `args` and exactly the environment `env`.
CliResult RunProgram(const std::string& program, const std::vector<std::string>& args,
                     const std::map<std::string, std::string>& env);

// The environment every kinbridge run gets: PATH, HOME, LANG=C.UTF-8, the build tree's catalogs
// and a fixed today (2026-11-29) and clock (2026-11-29T10:00:00Z).
std::map<std::string, std::string> BaseEnvironment();

// Runs kinbridge with `args` in BaseEnvironment(), with `extra_env` added (it may override).
CliResult RunCli(const std::vector<std::string>& args,
                 const std::map<std::string, std::string>& extra_env = {});

// Gives every test a fresh temporary directory, removed afterwards.
class CliTestBase : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // `name` inside the test's directory.
  std::string PathIn(const std::string& name) const { return (dir_ / name).string(); }
  // Where a workspace of this test lives: the SQLite file `name` inside the test's directory,
  // or on a PostgreSQL run (KINBRIDGE_TEST_PG) a new schema named after it.
  std::string WorkspaceIn(const std::string& name) const;
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
};

}  // namespace kinbridge::cli::test
