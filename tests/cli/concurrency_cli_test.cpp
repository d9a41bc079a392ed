// Many workers writing to one workspace at once, each write a separate `kinbridge` process, on
// the backend of the run (SQLite, or PostgreSQL for the pg.* tests): afterwards every write that
// succeeded is there exactly once, case references are unique, edits of one record are never
// lost (a stale edit is refused as a conflict naming the child), the audit chain verifies, and
// no "database is locked" or busy error reaches a worker.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "cli/cli_runner.h"

namespace kinbridge::cli::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using Json = nlohmann::ordered_json;

constexpr int kExitOk = 0;
constexpr int kExitInvalid = 4;

std::string Describe(const CliResult& r) {
  return "exit " + std::to_string(r.exit_code) + "\n--- stdout ---\n" + r.out + "--- stderr ---\n" +
         r.err;
}

Json ParseJson(const std::string& text) {
  Json json = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  EXPECT_FALSE(json.is_discarded()) << "not JSON:\n" << text;
  return json;
}

// Writes per worker; KINBRIDGE_CONCURRENCY_WRITES raises it for a longer run by hand.
int WritesPerWorker() {
  if (const char* text = std::getenv("KINBRIDGE_CONCURRENCY_WRITES"); text != nullptr) {
    return std::max(3, std::atoi(text));
  }
  return 24;
}

constexpr int kWorkers = 8;

class ConcurrencyCliTest : public CliTestBase {
 protected:
  void SetUp() override {
    CliTestBase::SetUp();
    ws_ = WorkspaceIn("vara.db");
  }

  CliResult Kb(const std::string& account, std::vector<std::string> args) {
    args.insert(args.begin(), {"--workspace", ws_, "--format", "json"});
    return RunCli(args, {{"KINBRIDGE_AS", account}});
  }

  std::string ws_;
};

// What the workers did, gathered under a lock.
struct Tally {
  std::mutex mutex;
  std::vector<std::string> added;  // case references printed by successful `child add`
  int relations = 0;
  int edits = 0;
  int conflicts = 0;
  std::vector<std::string> failures;  // anything else that went wrong, described
};

TEST_F(ConcurrencyCliTest, EightWorkersWritingAtOnceLoseNothing) {
  CliResult r = Kb("", {"init", "--code", "VAR", "--name", "Vara", "--country", "SE", "--time-zone",
                        "Europe/Stockholm", "--locale", "sv_SE", "--mode", "test"});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  // Supervisors of one unit: each may register children and edit every child of the unit.
  for (int i = 0; i < kWorkers; ++i) {
    const std::string account = "w" + std::to_string(i);
    r = Kb("", {"user", "add", "--account", account, "--name", "Worker " + std::to_string(i),
                "--role", "supervisor", "--unit", "Barn och unga"});
    ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  }
  r = Kb("w0", {"child", "add", "--name", "Shared Child", "--birth-date", "2016-05-01"});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  const std::string shared = ParseJson(r.out).value("case_reference", "");
  ASSERT_FALSE(shared.empty()) << r.out;

  const int writes = WritesPerWorker();
  Tally tally;
  auto work = [&](int worker) {
    const std::string account = "w" + std::to_string(worker);
    std::string own;  // the newest child this worker registered
    auto fail = [&](const std::string& what, const CliResult& result) {
      std::lock_guard<std::mutex> lock(tally.mutex);
      tally.failures.push_back(account + " " + what + ": " + Describe(result));
    };
    for (int j = 0; j < writes; ++j) {
      const std::string tag = account + "-" + std::to_string(j);
      if (j % 3 == 0 || own.empty()) {
        CliResult add = Kb(account, {"child", "add", "--name", "Child " + tag, "--birth-date",
                                     "2015-03-0" + std::to_string(1 + worker % 9)});
        if (add.exit_code != kExitOk) {
          fail("child add", add);
          continue;
        }
        own = ParseJson(add.out).value("case_reference", "");
        std::lock_guard<std::mutex> lock(tally.mutex);
        tally.added.push_back(own);
      } else if (j % 3 == 1) {
        CliResult rel = Kb(account, {"relation", "add", "--child", own, "--name", "Parent " + tag,
                                     "--kind", "mother"});
        if (rel.exit_code != kExitOk) {
          fail("relation add", rel);
          continue;
        }
        std::lock_guard<std::mutex> lock(tally.mutex);
        ++tally.relations;
      } else {
        // Read, then edit what was read: another worker may have edited in between.
        CliResult show = Kb(account, {"child", "show", shared});
        if (show.exit_code != kExitOk) {
          fail("child show", show);
          continue;
        }
        const Json shown = ParseJson(show.out);
        const Json& record = shown.contains("child") ? shown["child"] : shown;
        const std::int64_t version = record.value("version", std::int64_t{0});
        CliResult edit = Kb(account, {"child", "edit", shared, "--school", "School " + tag,
                                      "--expected-version", std::to_string(version)});
        std::lock_guard<std::mutex> lock(tally.mutex);
        if (edit.exit_code == kExitOk) {
          ++tally.edits;
        } else if (edit.exit_code == kExitInvalid &&
                   edit.err.find("changed by someone else") != std::string::npos &&
                   edit.err.find(shared) != std::string::npos) {
          ++tally.conflicts;
        } else {
          tally.failures.push_back(account + " child edit: " + Describe(edit));
        }
      }
    }
  };
  std::vector<std::thread> threads;
  for (int i = 0; i < kWorkers; ++i) threads.emplace_back(work, i);
  for (std::thread& t : threads) t.join();

  EXPECT_THAT(tally.failures, ::testing::IsEmpty());
  for (const std::string& failure : tally.failures) {
    EXPECT_THAT(failure, Not(HasSubstr("locked"))) << "a busy database reached the worker";
  }
  // Every registered child is there once, with its own case reference.
  const std::set<std::string> unique(tally.added.begin(), tally.added.end());
  EXPECT_EQ(unique.size(), tally.added.size()) << "a case reference was given twice";
  r = Kb("w0", {"child", "list"});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  const Json children = ParseJson(r.out);
  ASSERT_TRUE(children.is_array()) << r.out;
  std::set<std::string> listed;
  for (const Json& c : children) listed.insert(c.value("case_reference", ""));
  std::set<std::string> expected = unique;
  expected.insert(shared);
  EXPECT_EQ(listed, expected);
  EXPECT_EQ(children.size(), tally.added.size() + 1);
  // Every successful edit counted once in the shared child's version: none was lost.
  r = Kb("w0", {"child", "show", shared});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  const Json shown = ParseJson(r.out);
  const Json& record = shown.contains("child") ? shown["child"] : shown;
  EXPECT_EQ(record.value("version", std::int64_t{0}), 1 + tally.edits) << r.out;
  EXPECT_GT(tally.edits, 0);
  // The audit trail has exactly one entry per successful write, in one chain that verifies.
  r = Kb("", {"audit", "log"});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  std::map<std::string, int> actions;
  for (const Json& e : ParseJson(r.out)) ++actions[e.value("action", "")];
  EXPECT_EQ(actions["child.add"], static_cast<int>(tally.added.size()) + 1);
  EXPECT_EQ(actions["relation.add"], tally.relations);
  EXPECT_EQ(actions["child.edit"], tally.edits);
  r = Kb("", {"audit", "verify"});
  EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
  EXPECT_TRUE(ParseJson(r.out).value("intact", false)) << r.out;
}

}  // namespace
}  // namespace kinbridge::cli::test
