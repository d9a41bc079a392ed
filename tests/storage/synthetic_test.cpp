// The synthetic-workspace generator and the bulk registration it writes through: the same seed
// gives the same rows, the rows are plausible and refer to one another, a refused batch writes
// nothing, and invented data never goes into a production workspace.
#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <system_error>
#include <vector>

#include "kinbridge/synthetic.h"
#include "kinbridge/workspace.h"
#include "ready_workspace.h"
#include "test_backend.h"

namespace kinbridge {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

const Date kToday(2026, 11, 29);
constexpr const char* kBuiltInPlugins = KINBRIDGE_BUILT_IN_PLUGINS_DIR;

WorkspaceOptions As(const std::string& account) {
  WorkspaceOptions options;
  options.today = kToday;
  options.now_utc = "2026-11-29T10:00:00Z";
  options.account = account;
  return options;
}

SyntheticOptions Small(std::uint64_t seed) {
  SyntheticOptions o;
  o.seed = seed;
  o.children = 45;
  o.caseload = 10;
  o.workers_per_unit = 2;
  o.logged_children = 12;
  o.children_per_centre = 20;
  o.enrolled_per_centre = 6;
  return o;
}

// The workspace's database opened directly: the SQLite file, or the test's PostgreSQL schema.
std::unique_ptr<soci::session> RawSession(const std::string& location) {
  if (testing_support::IsPostgresqlWorkspace(location)) {
    return std::make_unique<soci::session>(*soci::factory_postgresql(), location);
  }
  return std::make_unique<soci::session>(*soci::factory_sqlite3(), "db=\"" + location + "\"");
}

// The rows of a workspace that the generator decides, without ids, uuids or clock times.
std::string Dump(const std::string& path) {
  std::unique_ptr<soci::session> session = RawSession(path);
  soci::session& db = *session;
  std::string dump;
  const std::vector<std::string> queries = {
      "SELECT case_reference || '|' || name || '|' || birth_date || '|' || school || '|' || "
      "languages || '|' || protected_identity FROM child ORDER BY id",
      "SELECT c.case_reference || '|' || w.os_account FROM caseload_assignment a JOIN child c ON "
      "c.id = a.child_id JOIN worker w ON w.id = a.worker_id ORDER BY a.id",
      "SELECT child_id || '|' || person_name || '|' || kind || '|' || description || '|' || "
      "caregiver || '|' || in_contact FROM relation ORDER BY id",
      "SELECT relation_id || '|' || kind || '|' || valid_from || '|' || review_date FROM "
      "restriction ORDER BY id",
      "SELECT child_id || '|' || type || '|' || legal_basis || '|' || start_date || '|' || "
      "address FROM placement ORDER BY id",
      "SELECT child_id || '|' || status || '|' || method_id || '|' || child_view_text || '|' || "
      "review_date FROM contact_plan ORDER BY id",
      "SELECT child_id || '|' || relation_id || '|' || mode || '|' || local_day || '|' || status "
      "|| '|' || COALESCE(outcome, '') || '|' || replacement_offered FROM contact_event ORDER BY "
      "id",
      "SELECT session_id || '|' || child_id || '|' || mark FROM attendance ORDER BY session_id, "
      "child_id"};
  for (const std::string& query : queries) {
    soci::rowset<std::string> rows = (db.prepare << query);
    for (const std::string& row : rows) dump += row + "\n";
    dump += "--\n";
  }
  return dump;
}

long long Count(const std::string& path, const std::string& query) {
  std::unique_ptr<soci::session> db = RawSession(path);
  long long n = 0;
  *db << query, soci::into(n);
  return n;
}

// A valid Swedish personal identity number (YYYYMMDD-NNNC, Luhn check digit) for `birth`.
std::string SwedishId(Date birth) {
  const std::string digits =
      fmt::format("{:02}{:02}{:02}238", birth.year() % 100, birth.month(), birth.day());
  int sum = 0;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    const int product = (digits[i] - '0') * (i % 2 == 0 ? 2 : 1);
    sum += product / 10 + product % 10;
  }
  return fmt::format("{:04}{:02}{:02}-238{}", birth.year(), birth.month(), birth.day(),
                     (10 - sum % 10) % 10);
}

class SyntheticTest : public ::testing::Test {
 protected:
  void SetUp() override {
    unsetenv("LANGUAGE");
    std::random_device random;
    const std::string test = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    dir_ = fs::temp_directory_path() /
           ("kinbridge-synthetic-test-" + test + "-" + std::to_string(random()));
    ASSERT_TRUE(fs::create_directories(dir_ / "methods")) << dir_;
    for (const char* name : {"vara_contact.so", "huangshan_group.so"}) {
      std::error_code ec;
      fs::copy_file(fs::path(kBuiltInPlugins) / name, dir_ / "methods" / name, ec);
      ASSERT_FALSE(ec) << "copying " << name << ": " << ec.message();
    }
  }
  void TearDown() override { fs::remove_all(dir_); }

  // A new workspace with the built-in methods installed, opened as its administrator.
  std::optional<Workspace> Fresh(const std::string& name, WorkspaceMode mode,
                                 Municipality municipality = testing_support::Vara()) {
    CreateOptions create;
    create.municipality = municipality;
    create.mode = mode;
    // Another account than the process's only in demo and test workspaces.
    const std::string account = mode == WorkspaceMode::kProduction ? "" : "admin";
    create.administrator_account = account;
    const std::string path = testing_support::TestWorkspace(dir_ / name);
    Result<Workspace> ws = Workspace::Create(path, create, As(account));
    EXPECT_TRUE(ws.ok()) << ws.status().ToString();
    if (!ws.ok()) return std::nullopt;
    for (const char* plugin : {"vara_contact.so", "huangshan_group.so"}) {
      Result<PluginStatus> installed =
          ws->InstallMethodPlugin((dir_ / "methods" / plugin).string());
      EXPECT_TRUE(installed.ok()) << installed.status().ToString();
    }
    return std::move(ws).value();
  }

  // A new test workspace opened again by its administrator, who also works as a social worker
  // and so may register cases; `path` is where it is.
  std::optional<Workspace> Registrar(const std::string& name, std::string& path) {
    std::optional<Workspace> admin = Fresh(name, WorkspaceMode::kTest);
    if (!admin) return std::nullopt;
    Result<Worker> granted = admin->GrantRole("admin", Role::kSocialWorker);
    EXPECT_TRUE(granted.ok()) << granted.status().ToString();
    path = admin->path();
    admin.reset();
    Result<Workspace> ws = Workspace::Open(path, As("admin"));
    EXPECT_TRUE(ws.ok()) << ws.status().ToString();
    if (!ws.ok()) return std::nullopt;
    return std::move(ws).value();
  }

  fs::path dir_;
};

TEST(GenerateCasesTest, TheSameSeedGivesTheSameCasesHoweverTheyAreBatched) {
  SyntheticOptions o;
  o.seed = 7;
  const std::vector<NewCase> all = GenerateCases(o, kToday, 0, 30);
  const std::vector<NewCase> again = GenerateCases(o, kToday, 0, 30);
  const std::vector<NewCase> tail = GenerateCases(o, kToday, 20, 10);
  ASSERT_EQ(all.size(), 30u);
  ASSERT_EQ(tail.size(), 10u);
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].child.name, again[i].child.name);
    EXPECT_EQ(all[i].child.birth_date, again[i].child.birth_date);
    EXPECT_EQ(all[i].relations.size(), again[i].relations.size());
    EXPECT_EQ(all[i].placements[0].start, again[i].placements[0].start);
  }
  for (std::size_t i = 0; i < tail.size(); ++i) {
    EXPECT_EQ(tail[i].child.name, all[20 + i].child.name);
    EXPECT_EQ(tail[i].child.birth_date, all[20 + i].child.birth_date);
    EXPECT_EQ(tail[i].placements[0].address, all[20 + i].placements[0].address);
  }
  o.seed = 8;
  const std::vector<NewCase> other = GenerateCases(o, kToday, 0, 30);
  int differing = 0;
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (other[i].child.name != all[i].child.name ||
        other[i].child.birth_date != all[i].child.birth_date) {
      ++differing;
    }
  }
  EXPECT_GT(differing, 25);
}

TEST(GenerateCasesTest, CasesArePlausibleForEitherProfile) {
  for (SyntheticProfile profile : {SyntheticProfile::kVara, SyntheticProfile::kHuangshan}) {
    SyntheticOptions o;
    o.profile = profile;
    const std::vector<NewCase> cases = GenerateCases(o, kToday, 0, 400);
    int left_behind = 0, restricted = 0;
    for (const NewCase& c : cases) {
      const int age = c.child.birth_date.AgeOn(kToday);
      EXPECT_GE(age, 0);
      EXPECT_LE(age, 17);
      EXPECT_FALSE(c.child.name.empty());
      EXPECT_FALSE(c.child.national_id.has_value());  // never a real person's id
      ASSERT_EQ(c.placements.size(), 1u);
      EXPECT_GT(c.placements[0].start, c.child.birth_date);
      EXPECT_LE(c.placements[0].start, kToday);
      ASSERT_GE(c.relations.size(), 2u);
      EXPECT_EQ(c.relations[0].kind, RelationKind::kMother);
      EXPECT_EQ(c.relations[1].kind, RelationKind::kFather);
      for (const NewCaseRestriction& s : c.restrictions) {
        EXPECT_LT(s.relation, c.relations.size());
        EXPECT_LE(s.restriction.valid_from, kToday);
        ++restricted;
      }
      if (c.placements[0].type == PlacementType::kLeftBehindWithRelatives) ++left_behind;
      if (profile == SyntheticProfile::kHuangshan) {
        EXPECT_EQ(c.child.languages, std::vector<std::string>{"zh"});
      } else {
        EXPECT_EQ(c.child.languages.front(), "sv");
      }
    }
    if (profile == SyntheticProfile::kHuangshan) {
      EXPECT_GT(left_behind, 300);  // about 85 %
      EXPECT_EQ(restricted, 0);
    } else {
      EXPECT_EQ(left_behind, 0);
      EXPECT_GT(restricted, 5);
      EXPECT_LT(restricted, 60);
    }
  }
}

TEST_F(SyntheticTest, TheSameSeedGivesTheSameWorkspace) {
  std::string dumps[3];
  SyntheticSummary summaries[3];
  const std::uint64_t seeds[3] = {11, 11, 12};
  for (int i = 0; i < 3; ++i) {
    std::optional<Workspace> ws = Fresh("ws" + std::to_string(i) + ".db", WorkspaceMode::kTest);
    ASSERT_TRUE(ws.has_value());
    Result<SyntheticSummary> made = GenerateWorkspace(*ws, Small(seeds[i]));
    ASSERT_TRUE(made.ok()) << made.status().ToString();
    summaries[i] = *made;
    const std::string path = ws->path();
    ws.reset();
    dumps[i] = Dump(path);
  }
  EXPECT_EQ(dumps[0], dumps[1]);
  EXPECT_NE(dumps[0], dumps[2]);
  EXPECT_EQ(summaries[0].relations, summaries[1].relations);
  EXPECT_EQ(summaries[0].events_scheduled, summaries[1].events_scheduled);
  EXPECT_EQ(summaries[0].attendance_marks, summaries[1].attendance_marks);
}

TEST_F(SyntheticTest, AGeneratedWorkspaceHoldsEveryKindOfRecordConsistently) {
  std::optional<Workspace> ws = Fresh("vara.db", WorkspaceMode::kTest);
  ASSERT_TRUE(ws.has_value());
  Result<SyntheticSummary> made = GenerateWorkspace(*ws, Small(3));
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  // 5 social workers in 3 units, 2 centres with a member of staff each.
  EXPECT_EQ(made->workers, 5 + 3 + 2);
  EXPECT_EQ(made->children, 45);
  EXPECT_EQ(made->placements, 45);
  EXPECT_GE(made->relations, 90);
  EXPECT_GT(made->plans, 30);  // 90 % of 45
  EXPECT_LE(made->plans, 45);
  EXPECT_GT(made->events_scheduled, made->plans * 10);
  EXPECT_GT(made->events_logged, 12);  // four weeks of the first 12 children's contacts
  EXPECT_EQ(made->sites, 2);
  EXPECT_EQ(made->activities, 2);
  EXPECT_EQ(made->enrolments, 12);
  EXPECT_EQ(made->sessions_recorded, 8);  // four Wednesdays since registration, per centre
  EXPECT_EQ(made->attendance_marks, 48);
  const std::string path = ws->path();
  Result<AuditVerification> audit = ws->VerifyAudit();
  ASSERT_TRUE(audit.ok()) << audit.status().ToString();
  EXPECT_TRUE(audit->intact) << audit->problem;
  ws.reset();

  EXPECT_EQ(Count(path, "SELECT count(*) FROM child"), 45);
  EXPECT_EQ(Count(path, "SELECT count(*) FROM relation"), made->relations);
  EXPECT_EQ(Count(path, "SELECT count(*) FROM restriction"), made->restrictions);
  EXPECT_EQ(Count(path, "SELECT count(*) FROM contact_plan WHERE status = 'active'"), made->plans);
  EXPECT_EQ(Count(path, "SELECT count(*) FROM contact_event"), made->events_scheduled);
  EXPECT_EQ(Count(path, "SELECT count(*) FROM contact_event WHERE status <> 'scheduled'"),
            made->events_logged);
  EXPECT_EQ(Count(path, "SELECT count(*) FROM attendance"), made->attendance_marks);
  // Every child has a placement that started before the child was registered, a responsible
  // worker, and is the subject of the audit entry of its registration.
  EXPECT_EQ(Count(path,
                  "SELECT count(*) FROM child c WHERE NOT EXISTS (SELECT 1 FROM placement "
                  "p WHERE p.child_id = c.id AND p.start_date <= '2026-11-01')"),
            0);
  EXPECT_EQ(Count(path,
                  "SELECT count(*) FROM child c WHERE NOT EXISTS (SELECT 1 FROM "
                  "caseload_assignment a WHERE a.child_id = c.id)"),
            0);
  EXPECT_EQ(Count(path,
                  "SELECT count(DISTINCT s.child_id) FROM audit_subject s JOIN "
                  "audit_entry e ON e.sequence = s.sequence WHERE e.action = 'case.register'"),
            45);
  EXPECT_EQ(Count(path,
                  "SELECT count(*) FROM caseload_assignment a JOIN worker w ON w.id = "
                  "a.worker_id WHERE w.os_account = 'sw0000'"),
            10);
  // No contact is scheduled with a relation under a no-contact restriction.
  EXPECT_EQ(Count(path,
                  "SELECT count(*) FROM contact_event e JOIN restriction s ON "
                  "s.relation_id = e.relation_id WHERE s.kind = 'no-contact'"),
            0);
}

TEST_F(SyntheticTest, ByDefaultEveryPastContactOfEveryChildHasItsOutcome) {
  std::optional<Workspace> ws = Fresh("logged.db", WorkspaceMode::kTest);
  ASSERT_TRUE(ws.has_value());
  SyntheticOptions o = Small(4);
  o.logged_children = SyntheticOptions{}.logged_children;
  Result<SyntheticSummary> made = GenerateWorkspace(*ws, o);
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  const std::string path = ws->path();
  ws.reset();
  EXPECT_EQ(Count(path,
                  "SELECT count(*) FROM contact_event WHERE local_day < '2026-11-29' AND "
                  "status = 'scheduled'"),
            0);
  EXPECT_EQ(Count(path, "SELECT count(*) FROM contact_event WHERE status = 'logged'"),
            made->events_logged);
  EXPECT_GT(made->events_logged, made->plans);  // four weeks of contacts for each plan
  // One batch per caseload: 5 workers' entries, each naming the children of its caseload.
  EXPECT_EQ(Count(path, "SELECT count(*) FROM audit_entry WHERE action = 'contact.log'"), 5);
  EXPECT_EQ(Count(path,
                  "SELECT count(DISTINCT s.child_id) FROM audit_subject s JOIN audit_entry e ON "
                  "e.sequence = s.sequence WHERE e.action = 'contact.log'"),
            Count(path,
                  "SELECT count(DISTINCT child_id) FROM contact_event WHERE status = "
                  "'logged'"));
}

// A generated workspace whose past contacts are still open, opened as the social worker of the
// first caseload, with the ids of that caseload's open events up to yesterday (oldest first).
class LogContactsTest : public SyntheticTest {
 protected:
  void SetUp() override {
    SyntheticTest::SetUp();
    std::optional<Workspace> admin = Fresh("batch.db", WorkspaceMode::kTest);
    ASSERT_TRUE(admin.has_value());
    SyntheticOptions o = Small(9);
    o.logged_children = 0;
    Result<SyntheticSummary> made = GenerateWorkspace(*admin, o);
    ASSERT_TRUE(made.ok()) << made.status().ToString();
    path_ = admin->path();
    admin.reset();
    Result<Workspace> ws = Workspace::Open(path_, As(SyntheticWorkerAccount(0)));
    ASSERT_TRUE(ws.ok()) << ws.status().ToString();
    worker_.emplace(std::move(ws).value());
    ContactQuery query;
    query.to = kToday.AddDays(-1);
    query.open_only = true;
    ASSERT_TRUE(worker_
                    ->ForEachContactEvent(query,
                                          [&](const ContactEvent& e) {
                                            past_.push_back(e.id);
                                            children_.insert(e.child_case_reference);
                                            return true;
                                          })
                    .ok());
    ASSERT_GT(past_.size(), 20u);
    query.from = kToday.AddDays(1);
    query.to = std::nullopt;
    ASSERT_TRUE(worker_
                    ->ForEachContactEvent(query,
                                          [&](const ContactEvent& e) {
                                            future_ = e.id;
                                            return false;
                                          })
                    .ok());
    ASSERT_NE(future_, 0);
  }
  void TearDown() override {
    worker_.reset();
    SyntheticTest::TearDown();
  }

  static std::vector<ContactLog> Held(const std::vector<std::int64_t>& ids) {
    std::vector<ContactLog> logs;
    for (std::int64_t id : ids) logs.push_back({id, ContactReport{}});
    return logs;
  }
  long long Logged() const {
    return Count(path_, "SELECT count(*) FROM contact_event WHERE status = 'logged'");
  }

  std::string path_;
  std::optional<Workspace> worker_;
  std::vector<std::int64_t> past_;
  std::set<std::string> children_;
  std::int64_t future_ = 0;
};

TEST_F(LogContactsTest, ABatchIsLoggedInOneTransactionWithOneAuditEntryNamingEveryChild) {
  std::vector<ContactLog> logs = Held(past_);
  logs[1].report.outcome = ContactOutcome::kNoShow;
  logs[1].report.replacement_offered = true;
  logs[2].report.notes = "Mamma kom en halvtimme sent.";
  logs[2].report.outcome = ContactOutcome::kHeldLate;
  Result<ContactLogResult> done = worker_->LogContacts(logs);
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_EQ(done->logged, static_cast<std::int64_t>(past_.size()));
  EXPECT_EQ(done->amended, 0);
  EXPECT_EQ(done->children, static_cast<std::int64_t>(children_.size()));
  Result<ContactEvent> late = worker_->GetContactEvent(past_[2]);
  ASSERT_TRUE(late.ok()) << late.status().ToString();
  EXPECT_EQ(late->outcome, ContactOutcome::kHeldLate);
  EXPECT_EQ(late->notes, "Mamma kom en halvtimme sent.");
  EXPECT_EQ(late->logged_by, SyntheticWorkerAccount(0));
  EXPECT_EQ(Logged(), static_cast<long long>(past_.size()));
  EXPECT_EQ(Count(path_,
                  "SELECT count(*) FROM contact_event WHERE outcome = 'no-show' AND "
                  "replacement_offered = 1"),
            1);

  // Amending needs amend on every entry; then the old outcomes are named in the audit entry.
  std::vector<ContactLog> again = Held({past_[0], past_[1]});
  Result<ContactLogResult> refused = worker_->LogContacts(again);
  ASSERT_FALSE(refused.ok());
  EXPECT_TRUE(refused.status().IsFailedPrecondition());
  EXPECT_THAT(refused.status().message(), HasSubstr("outcome 1 of 2"));
  EXPECT_THAT(refused.status().message(), HasSubstr("--amend"));
  for (ContactLog& log : again) log.report.amend = true;
  done = worker_->LogContacts(again);
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_EQ(done->logged, 0);
  EXPECT_EQ(done->amended, 2);
  EXPECT_EQ(Count(path_, "SELECT count(*) FROM contact_event WHERE outcome = 'no-show'"), 0);

  worker_.reset();
  EXPECT_EQ(Count(path_, "SELECT count(*) FROM audit_entry WHERE action = 'contact.log'"), 2);
  EXPECT_EQ(Count(path_,
                  "SELECT count(*) FROM audit_subject s JOIN audit_entry e ON e.sequence = "
                  "s.sequence WHERE e.action = 'contact.log' AND e.details LIKE '%" +
                      std::to_string(past_.size()) + " events:%'"),
            static_cast<long long>(children_.size()));
  EXPECT_EQ(Count(path_,
                  "SELECT count(*) FROM audit_entry WHERE action = 'contact.log' AND details "
                  "LIKE '%" +
                      std::to_string(past_[1]) + " held (amended from no-show)%'"),
            1);
  Result<Workspace> admin = Workspace::Open(path_, As("admin"));
  ASSERT_TRUE(admin.ok()) << admin.status().ToString();
  Result<AuditVerification> audit = admin->VerifyAudit();
  ASSERT_TRUE(audit.ok()) << audit.status().ToString();
  EXPECT_TRUE(audit->intact) << audit->problem;
}

TEST_F(LogContactsTest, ARefusedBatchWritesNothingAndNamesTheEntry) {
  const long long entries_before =
      Count(path_, "SELECT count(*) FROM audit_entry WHERE action = 'contact.log'");
  // The same event twice.
  Result<ContactLogResult> refused = worker_->LogContacts(Held({past_[0], past_[1], past_[0]}));
  ASSERT_FALSE(refused.ok());
  EXPECT_TRUE(refused.status().IsInvalidArgument());
  EXPECT_THAT(refused.status().message(), HasSubstr("outcome 3 of 3"));
  EXPECT_THAT(refused.status().message(), HasSubstr("already outcome 1"));
  // An event in the future.
  refused = worker_->LogContacts(Held({past_[0], future_}));
  ASSERT_FALSE(refused.ok());
  EXPECT_TRUE(refused.status().IsInvalidArgument());
  EXPECT_THAT(refused.status().message(), HasSubstr("outcome 2 of 2"));
  EXPECT_THAT(refused.status().message(), HasSubstr("in the future"));
  // No such event.
  refused = worker_->LogContacts(Held({past_[0], past_[1], 99999999}));
  ASSERT_FALSE(refused.ok());
  EXPECT_TRUE(refused.status().IsNotFound());
  EXPECT_THAT(refused.status().message(), HasSubstr("outcome 3 of 3: contact event 99999999"));
  // A text that is not valid.
  std::vector<ContactLog> bad = Held({past_[0]});
  bad[0].report.notes = std::string("ok\0hidden", 9);
  refused = worker_->LogContacts(bad);
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(refused.status().message(), HasSubstr("outcome 1 of 1"));
  EXPECT_EQ(Logged(), 0);
  EXPECT_EQ(Count(path_, "SELECT count(*) FROM audit_entry WHERE action = 'contact.log'"),
            entries_before);
  // Nothing at all is a batch of nothing.
  Result<ContactLogResult> none = worker_->LogContacts({});
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_EQ(none->logged, 0);
}

TEST_F(LogContactsTest, AnotherCaseloadsEventsAreRefusedAndTheRefusalAudited) {
  worker_.reset();
  {
    Result<Workspace> other = Workspace::Open(path_, As(SyntheticWorkerAccount(1)));
    ASSERT_TRUE(other.ok()) << other.status().ToString();
    Result<ContactLogResult> refused = other->LogContacts(Held(past_));
    ASSERT_FALSE(refused.ok());
    EXPECT_TRUE(refused.status().IsPermissionDenied());
  }
  EXPECT_EQ(Logged(), 0);
  EXPECT_EQ(Count(path_,
                  "SELECT count(*) FROM audit_entry WHERE action = 'access.denied' AND details "
                  "= 'contact.log'"),
            1);
}

TEST_F(SyntheticTest, HuangshansProfileMakesLeftBehindChildrenWithGroupMethodPlans) {
  Municipality huangshan{0, "", "HSN", "黄山市", "CN", "zh_CN", "Asia/Shanghai"};
  std::optional<Workspace> ws = Fresh("huangshan.db", WorkspaceMode::kDemo, huangshan);
  ASSERT_TRUE(ws.has_value());
  SyntheticOptions o = Small(5);
  o.profile = SyntheticProfile::kHuangshan;
  Result<SyntheticSummary> made = GenerateWorkspace(*ws, o);
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  const std::string path = ws->path();
  ws.reset();
  EXPECT_EQ(Count(path,
                  "SELECT count(*) FROM contact_plan WHERE method_id <> "
                  "'cn.huangshan.group'"),
            0);
  EXPECT_GT(Count(path, "SELECT count(*) FROM placement WHERE type = 'left-behind'"), 25);
  EXPECT_EQ(Count(path, "SELECT count(*) FROM child WHERE case_reference NOT LIKE 'HSN-%'"), 0);
}

TEST_F(SyntheticTest, AProductionWorkspaceIsRefused) {
  std::optional<Workspace> ws = Fresh("real.db", WorkspaceMode::kProduction);
  ASSERT_TRUE(ws.has_value());
  Result<SyntheticSummary> made = GenerateWorkspace(*ws, Small(1));
  ASSERT_FALSE(made.ok());
  EXPECT_TRUE(made.status().IsFailedPrecondition());
  EXPECT_THAT(made.status().message(), HasSubstr("demo or test workspace"));
  const std::string path = ws->path();
  ws.reset();
  EXPECT_EQ(Count(path, "SELECT count(*) FROM worker"), 1);
}

TEST_F(SyntheticTest, ARefusedBatchWritesNothingAndNamesTheCase) {
  std::string path;
  std::optional<Workspace> ws = Registrar("batch.db", path);
  ASSERT_TRUE(ws.has_value());
  std::vector<NewCase> cases = GenerateCases(SyntheticOptions{}, kToday, 0, 3);
  cases[2].placements.push_back(cases[2].placements[0]);  // overlaps the first
  Result<CaseRegistration> refused = ws->RegisterCases(cases);
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(refused.status().message(), HasSubstr("case 3 of 3"));
  cases[2].placements.pop_back();
  cases[1].restrictions.push_back({9, NewRestriction{}});
  refused = ws->RegisterCases(cases);
  ASSERT_FALSE(refused.ok());
  EXPECT_TRUE(refused.status().IsInvalidArgument());
  EXPECT_THAT(refused.status().message(), HasSubstr("case 2 of 3"));
  EXPECT_EQ(Count(path, "SELECT count(*) FROM child"), 0);
  EXPECT_EQ(Count(path, "SELECT count(*) FROM relation"), 0);

  cases[1].restrictions.clear();
  Result<CaseRegistration> registered = ws->RegisterCases(cases);
  ASSERT_TRUE(registered.ok()) << registered.status().ToString();
  EXPECT_EQ(registered->case_references,
            (std::vector<std::string>{"VAR-2026-0001", "VAR-2026-0002", "VAR-2026-0003"}));
  EXPECT_EQ(registered->placements, 3);
  EXPECT_EQ(registered->plans, 0);
  // The case reference counter carries on after the batch.
  Result<Child> next = ws->AddChild(cases[0].child);
  ASSERT_TRUE(next.ok()) << next.status().ToString();
  EXPECT_EQ(next->case_reference, "VAR-2026-0004");
}

TEST_F(SyntheticTest, ABatchIsWrittenTableByTableWithFreshUuidsAndIdsAfterTheStoredRows) {
  std::string path;
  std::optional<Workspace> ws = Registrar("columns.db", path);
  ASSERT_TRUE(ws.has_value());
  std::vector<NewCase> cases = GenerateCases(SyntheticOptions{}, kToday, 0, 4);
  Result<Child> stored = ws->AddChild(cases[3].child);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  ASSERT_EQ(stored->case_reference, "VAR-2026-0001");
  // Texts that a PostgreSQL array literal would misread unless quoted and escaped.
  const std::string awkward = R"(Anna "Nan" O'Brien \ {x,y})";
  cases[0].relations.push_back(
      {awkward, RelationKind::kOther, "NULL", std::nullopt, false, true, ""});
  // Siblings: a child stored before, and an earlier case of the same batch.
  cases[2].relations.push_back(
      {"Ebba", RelationKind::kSibling, "", std::nullopt, false, true, "VAR-2026-0001"});
  cases[2].relations.push_back(
      {"Nils", RelationKind::kSibling, "", std::nullopt, false, true, "VAR-2026-0003"});
  Result<CaseRegistration> registered = ws->RegisterCases(cases);
  ASSERT_TRUE(registered.ok()) << registered.status().ToString();
  EXPECT_EQ(registered->case_references,
            (std::vector<std::string>{"VAR-2026-0002", "VAR-2026-0003", "VAR-2026-0004",
                                      "VAR-2026-0005"}));
  std::int64_t relations = 0, restrictions = 0, placements = 0;
  for (const NewCase& c : cases) {
    relations += static_cast<std::int64_t>(c.relations.size());
    restrictions += static_cast<std::int64_t>(c.restrictions.size());
    placements += static_cast<std::int64_t>(c.placements.size());
  }
  EXPECT_EQ(registered->relations, relations);
  EXPECT_EQ(registered->restrictions, restrictions);
  EXPECT_EQ(registered->placements, placements);
  // After a batch the database's own next id and the case reference counter carry on.
  NewChild extra = cases[3].child;
  extra.national_id.reset();
  Result<Child> next = ws->AddChild(extra);
  ASSERT_TRUE(next.ok()) << next.status().ToString();
  EXPECT_EQ(next->case_reference, "VAR-2026-0006");
  Result<Relation> single = ws->AddRelation(
      "VAR-2026-0006", {"Maja", RelationKind::kOther, "", std::nullopt, false, true, ""});
  ASSERT_TRUE(single.ok()) << single.status().ToString();

  EXPECT_EQ(Count(path, "SELECT count(DISTINCT id) FROM child"), 6);
  EXPECT_EQ(Count(path,
                  "SELECT count(*) FROM child WHERE case_reference = 'VAR-2026-0006' AND "
                  "id > (SELECT id FROM child WHERE case_reference = 'VAR-2026-0005')"),
            1);
  EXPECT_EQ(Count(path, "SELECT count(*) FROM relation"), relations + 1);
  // Every row has a version 4 uuid of its own.
  for (const char* table : {"child", "relation", "restriction", "placement"}) {
    SCOPED_TRACE(table);
    const std::string from = std::string(" FROM ") + table;
    EXPECT_EQ(Count(path, "SELECT count(DISTINCT uuid)" + from),
              Count(path, "SELECT count(*)" + from));
    EXPECT_EQ(Count(path, "SELECT count(*)" + from +
                              " WHERE length(uuid) <> 36 OR substr(uuid, 15, 1) <> '4'"),
              0);
  }
  EXPECT_EQ(Count(path,
                  "SELECT count(*) FROM caseload_assignment a JOIN child c ON c.id = "
                  "a.child_id WHERE a.note = 'registered' AND a.released_at IS NULL"),
            6);
  EXPECT_EQ(Count(path,
                  "SELECT count(*) FROM relation WHERE person_name = 'Anna \"Nan\" "
                  "O''Brien \\ {x,y}' AND description = 'NULL' AND birth_date IS NULL"),
            1);
  EXPECT_EQ(Count(path,
                  "SELECT count(*) FROM relation r JOIN child c ON c.id = r.child_id JOIN "
                  "child s ON s.id = r.registered_child_id WHERE c.case_reference = "
                  "'VAR-2026-0004' AND s.case_reference IN ('VAR-2026-0001', "
                  "'VAR-2026-0003')"),
            2);
  EXPECT_EQ(Count(path, "SELECT count(*) FROM relation WHERE registered_child_id IS NOT NULL"), 2);
  // One audit entry names every child of the batch.
  EXPECT_EQ(Count(path,
                  "SELECT count(*) FROM audit_subject s JOIN audit_entry e ON e.sequence = "
                  "s.sequence WHERE e.action = 'case.register'"),
            4);
}

TEST_F(SyntheticTest, ABatchRefusesANationalIdTakenAndASiblingThatIsTheChildItself) {
  std::string path;
  std::optional<Workspace> ws = Registrar("refusals.db", path);
  ASSERT_TRUE(ws.has_value());
  std::vector<NewCase> cases = GenerateCases(SyntheticOptions{}, kToday, 0, 3);
  // The same national id twice in one batch (the same child twice): the second names the first.
  cases[0].child.national_id = SwedishId(cases[0].child.birth_date);
  cases[2] = cases[0];
  Result<CaseRegistration> refused = ws->RegisterCases(cases);
  ASSERT_FALSE(refused.ok());
  EXPECT_TRUE(refused.status().IsAlreadyExists()) << refused.status().ToString();
  EXPECT_THAT(refused.status().message(), HasSubstr("case 3 of 3"));
  EXPECT_THAT(refused.status().message(), HasSubstr("VAR-2026-0001"));

  // A case naming itself as its registered sibling (its reference is known before it is stored).
  cases[2].child.national_id.reset();
  cases[2].child.name += " Andra";
  cases[1].relations.push_back(
      {"Själv", RelationKind::kSibling, "", std::nullopt, false, true, "VAR-2026-0002"});
  refused = ws->RegisterCases(cases);
  ASSERT_FALSE(refused.ok());
  EXPECT_TRUE(refused.status().IsInvalidArgument()) << refused.status().ToString();
  EXPECT_THAT(refused.status().message(), HasSubstr("case 2 of 3"));
  EXPECT_THAT(refused.status().message(), HasSubstr("can only be given for a sibling"));
  // A later case of the batch is not there yet.
  cases[1].relations.back().registered_child = "VAR-2026-0003";
  refused = ws->RegisterCases(cases);
  ASSERT_FALSE(refused.ok());
  EXPECT_TRUE(refused.status().IsNotFound()) << refused.status().ToString();
  EXPECT_THAT(refused.status().message(), HasSubstr("case 2 of 3"));
  EXPECT_EQ(Count(path, "SELECT count(*) FROM child"), 0);
  EXPECT_EQ(Count(path, "SELECT count(*) FROM relation"), 0);

  // A national id stored before the batch.
  cases[1].relations.pop_back();
  NewChild first = cases[0].child;
  Result<Child> stored = ws->AddChild(first);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  refused = ws->RegisterCases(cases);
  ASSERT_FALSE(refused.ok());
  EXPECT_TRUE(refused.status().IsAlreadyExists()) << refused.status().ToString();
  EXPECT_THAT(refused.status().message(), HasSubstr("case 1 of 3"));
  EXPECT_THAT(refused.status().message(), HasSubstr(stored->case_reference));
  EXPECT_EQ(Count(path, "SELECT count(*) FROM child"), 1);
}

TEST_F(SyntheticTest, AWorkerWhoMayNotRegisterChildrenIsRefusedAndTheRefusalAudited) {
  std::optional<Workspace> admin = Fresh("denied.db", WorkspaceMode::kTest);
  ASSERT_TRUE(admin.has_value());
  NewWorker staff;
  staff.name = "Cecilia Centre";
  staff.os_account = "cecilia";
  staff.roles = {Role::kCentreStaff};
  ASSERT_TRUE(admin->AddWorker(staff).ok());
  const std::string path = admin->path();
  admin.reset();
  Result<Workspace> ws = Workspace::Open(path, As("cecilia"));
  ASSERT_TRUE(ws.ok()) << ws.status().ToString();
  Result<CaseRegistration> refused =
      ws->RegisterCases(GenerateCases(SyntheticOptions{}, kToday, 0, 2));
  ASSERT_FALSE(refused.ok());
  EXPECT_TRUE(refused.status().IsPermissionDenied());
  EXPECT_EQ(Count(path, "SELECT count(*) FROM child"), 0);
  EXPECT_EQ(Count(path, "SELECT count(*) FROM audit_entry WHERE action = 'access.denied'"), 1);
}

}  // namespace
}  // namespace kinbridge
