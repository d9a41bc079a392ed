// The audit trail through the Workspace API: an entry for every read and write of a child's
// data, the stated purpose, the log's filters, and the hash chain that makes an edited, deleted,
// reordered or truncated entry visible to VerifyAudit. The tamper tests change the SQLite file
// directly, as someone with access to the file would, after dropping the triggers that refuse
// such changes.
#include "kinbridge/workspace.h"

#include "ready_workspace.h"
#include "test_backend.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <cctype>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

namespace kinbridge {
namespace {

namespace fs = std::filesystem;
using ::testing::Contains;
using ::testing::Each;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::Not;

const Date kToday(2026, 11, 29);
constexpr const char* kNow = "2026-11-29T10:00:00Z";
constexpr const char* kPurpose = "complaint 2026/88 from the child's mother";

using testing_support::Vara;

WorkspaceOptions As(const std::string& account, const std::string& purpose = "",
                    const std::string& now = kNow) {
  WorkspaceOptions options;
  options.today = kToday;
  options.now_utc = now;
  options.account = account;
  options.purpose = purpose;
  return options;
}

NewChild MakeChild(std::string name, Date birth) {
  NewChild child;
  child.name = std::move(name);
  child.birth_date = birth;
  return child;
}

NewWorker MakeWorker(std::string name, std::string account, std::string unit,
                     std::vector<Role> roles) {
  NewWorker worker;
  worker.name = std::move(name);
  worker.os_account = std::move(account);
  worker.unit = std::move(unit);
  worker.roles = std::move(roles);
  return worker;
}

NewRelation MakeRelation(std::string person, RelationKind kind) {
  NewRelation relation;
  relation.person_name = std::move(person);
  relation.kind = kind;
  return relation;
}

NewRestriction MakeRestriction(Date valid_from) {
  NewRestriction restriction;
  restriction.kind = RestrictionKind::kNoContact;
  restriction.decision_reference = "SN 2026/117";
  restriction.reason = "risk of abduction";
  restriction.valid_from = valid_from;
  return restriction;
}

NewPlacement MakePlacement(Date start) {
  NewPlacement placement;
  placement.type = PlacementType::kKinship;
  placement.legal_basis = LegalBasis::kVoluntary;
  placement.legal_code = "SoL 4 kap. 1 §";
  placement.caregivers = "Gun Berg";
  placement.start = start;
  placement.address = "Kyrkogatan 3, Vara";
  return placement;
}

std::unique_ptr<soci::session> RawSession(const std::string& path) {
  if (testing_support::IsPostgresqlWorkspace(path)) {
    return std::make_unique<soci::session>(*soci::factory_postgresql(), path);
  }
  return std::make_unique<soci::session>(*soci::factory_sqlite3(), "db=\"" + path + "\"");
}

// anna administers; sofia (social worker) and siri (supervisor) work in unit "north", olle
// (social worker) in "south".
class AuditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device random;
    std::string test = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    for (char& c : test) {
      if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
    }
    dir_ = fs::temp_directory_path() /
           ("kinbridge-audit-test-" + test + "-" + std::to_string(random()));
    ASSERT_TRUE(fs::create_directories(dir_)) << dir_;
    path_ = testing_support::TestWorkspace(dir_ / "vara.kinbridge");
    CreateOptions create;
    create.municipality = Vara();
    create.mode = WorkspaceMode::kTest;
    create.administrator_account = "anna";
    Result<Workspace> ws = Workspace::Create(path_, create, As("anna"));
    ASSERT_TRUE(ws.ok()) << ws.status().ToString();
    for (const NewWorker& worker :
         {MakeWorker("Sofia Social", "sofia", "north", {Role::kSocialWorker}),
          MakeWorker("Siri Supervisor", "siri", "north", {Role::kSupervisor}),
          MakeWorker("Olle Other", "olle", "south", {Role::kSocialWorker})}) {
      Result<Worker> added = ws->AddWorker(worker);
      ASSERT_TRUE(added.ok()) << added.status().ToString();
    }
  }

  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  Workspace OpenAs(const std::string& account, const std::string& purpose = "",
                   const std::string& now = kNow) {
    Result<Workspace> ws = Workspace::Open(path_, As(account, purpose, now));
    EXPECT_TRUE(ws.ok()) << account << ": " << ws.status().ToString();
    if (!ws.ok()) throw std::runtime_error("cannot open the workspace as " + account);
    return std::move(ws).value();
  }

  // Every entry, read by the administrator (which itself adds an audit.log entry after them).
  std::vector<AuditEntry> Entries(const AuditQuery& query = {}) {
    Workspace anna = OpenAs("anna");
    std::vector<AuditEntry> entries;
    Status read = anna.ForEachAuditEntry(query, [&](const AuditEntry& e) {
      entries.push_back(e);
      return true;
    });
    EXPECT_TRUE(read.ok()) << read.ToString();
    return entries;
  }

  AuditEntry Last() {
    std::vector<AuditEntry> entries = Entries();
    EXPECT_FALSE(entries.empty());
    return entries.empty() ? AuditEntry{} : entries.back();
  }

  long long CountEntries() {
    auto db = RawSession(path_);
    long long count = 0;
    *db << "SELECT count(*) FROM audit_entry", soci::into(count);
    return count;
  }

  Result<AuditVerification> Verify() {
    Workspace anna = OpenAs("anna");
    return anna.VerifyAudit();
  }

  // Removes the triggers that protect the audit tables, as someone editing the file would.
  void DropTriggers() {
    auto db = RawSession(path_);
    if (testing_support::IsPostgresqlWorkspace(path_)) {
      // As with the sqlite3 shell, which does not enforce foreign keys, the entries' subjects
      // no longer hold the sequence numbers in place.
      *db << "ALTER TABLE audit_entry DISABLE TRIGGER USER";
      *db << "ALTER TABLE audit_subject DISABLE TRIGGER USER";
      *db << "ALTER TABLE audit_subject DROP CONSTRAINT audit_subject_sequence_fkey";
      return;
    }
    for (const char* trigger : {"audit_entry_no_update", "audit_entry_no_delete",
                                "audit_subject_no_update", "audit_subject_no_delete"}) {
      *db << std::string("DROP TRIGGER ") + trigger;
    }
  }

  void Sql(const std::string& sql) {
    auto db = RawSession(path_);
    *db << sql;
  }

  // A child in sofia's caseload with a relation, a restriction and a placement.
  struct Case {
    std::string child;
    std::int64_t relation = 0, restriction = 0, placement = 0;
  };
  Case AddCase(const std::string& account, const std::string& name) {
    Workspace ws = OpenAs(account);
    Case c;
    Result<Child> child = ws.AddChild(MakeChild(name, Date(2017, 3, 14)));
    EXPECT_TRUE(child.ok()) << child.status().ToString();
    if (!child.ok()) return c;
    c.child = child->case_reference;
    Result<Relation> relation =
        ws.AddRelation(c.child, MakeRelation("Sara Berg", RelationKind::kMother));
    EXPECT_TRUE(relation.ok()) << relation.status().ToString();
    if (!relation.ok()) return c;
    c.relation = relation->id;
    Result<Restriction> restriction = ws.AddRestriction(c.relation, MakeRestriction(kToday));
    EXPECT_TRUE(restriction.ok()) << restriction.status().ToString();
    if (restriction.ok()) c.restriction = restriction->id;
    Result<Placement> placement = ws.AddPlacement(c.child, MakePlacement(Date(2026, 2, 1)));
    EXPECT_TRUE(placement.ok()) << placement.status().ToString();
    if (placement.ok()) c.placement = placement->id;
    return c;
  }

  // A trail of about a dozen entries (workspace, workers, a case, reads), so that tampering
  // has a middle and an end.
  void MakeTrail() {
    lisa_ = AddCase("sofia", "Lisa Berg");
    Workspace sofia = OpenAs("sofia");
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(sofia.GetChild(lisa_.child).ok());
  }

  void ExpectDamagedAt(long long first_bad, const std::string& problem_part) {
    const long long count_before = CountEntries();
    Result<AuditVerification> v = Verify();
    ASSERT_TRUE(v.ok()) << v.status().ToString();
    EXPECT_FALSE(v->intact);
    ASSERT_TRUE(v->first_bad.has_value()) << v->problem;
    EXPECT_EQ(*v->first_bad, first_bad) << v->problem;
    EXPECT_THAT(v->problem, HasSubstr(problem_part));
    EXPECT_EQ(CountEntries(), count_before) << "verifying a damaged trail adds nothing";
  }

  fs::path dir_;
  std::string path_;
  Case lisa_;
};

// ---- Entries for reads and writes ----

TEST_F(AuditTest, GetChildRecordsAChildShowEntry) {
  const Case lisa = AddCase("sofia", "Lisa Berg");
  {
    Workspace sofia = OpenAs("sofia", "", "2026-11-29T12:34:56Z");
    ASSERT_TRUE(sofia.GetChild(lisa.child).ok());
  }
  std::vector<AuditEntry> entries = Entries();
  ASSERT_GE(entries.size(), 2u);
  const AuditEntry& e = entries.back();
  EXPECT_EQ(e.action, "child.show");
  EXPECT_EQ(e.worker_account, "sofia");
  EXPECT_EQ(e.entity_type, "child");
  EXPECT_EQ(e.entity, lisa.child);
  EXPECT_THAT(e.children, ElementsAre(lisa.child));
  EXPECT_EQ(e.at, "2026-11-29T12:34:56Z");
  EXPECT_EQ(e.purpose, "");
  EXPECT_EQ(e.sequence, entries[entries.size() - 2].sequence + 1);
}

TEST_F(AuditTest, ChildListRecordsExactlyTheChildrenShown) {
  const Case lisa = AddCase("sofia", "Lisa Berg");
  const Case omar = AddCase("sofia", "Omar Haddad");
  const Case emil = AddCase("siri", "Emil Öberg");
  const Case li = AddCase("olle", "Li Ming");
  {
    Workspace sofia = OpenAs("sofia");
    ASSERT_TRUE(sofia.ForEachChild({}, [](const Child&) { return true; }).ok());
  }
  AuditEntry e = Last();
  EXPECT_EQ(e.action, "child.list");
  EXPECT_EQ(e.worker_account, "sofia");
  EXPECT_THAT(e.children, ElementsAre(lisa.child, omar.child));
  {
    Workspace siri = OpenAs("siri");
    ASSERT_TRUE(siri.ForEachChild({}, [](const Child&) { return true; }).ok());
  }
  e = Last();
  EXPECT_EQ(e.worker_account, "siri");
  EXPECT_THAT(e.children, ElementsAre(lisa.child, omar.child, emil.child));
  {
    // A listing stopped after the first child shows one child.
    Workspace siri = OpenAs("siri");
    ASSERT_TRUE(siri.ForEachChild({}, [](const Child&) { return false; }).ok());
  }
  e = Last();
  EXPECT_THAT(e.children, ElementsAre(lisa.child));
  {
    ChildQuery query;
    query.name_contains = "Omar";
    Workspace siri = OpenAs("siri");
    ASSERT_TRUE(siri.ForEachChild(query, [](const Child&) { return true; }).ok());
  }
  e = Last();
  EXPECT_THAT(e.children, ElementsAre(omar.child));
  {
    Workspace anna = OpenAs("anna", kPurpose);
    ASSERT_TRUE(anna.ForEachChild({}, [](const Child&) { return true; }).ok());
  }
  e = Last();
  EXPECT_EQ(e.worker_account, "anna");
  EXPECT_EQ(e.purpose, kPurpose);
  EXPECT_THAT(e.children, ElementsAre(lisa.child, omar.child, emil.child, li.child));
}

// Every operation on a child's data, read or write, records its action, naming the child.
TEST_F(AuditTest, EveryReadAndWriteRecordsItsAction) {
  struct Step {
    const char* account;
    const char* action;
    std::function<Status(Workspace&)> run;
    std::string child;  // the child named in the entry; empty: none
  };
  Case lisa = AddCase("sofia", "Lisa Berg");
  auto ok = [](auto result) { return result.ok() ? Status::Ok() : result.status(); };
  const std::vector<Step> steps = {
      {"sofia", "child.add",
       [&](Workspace& ws) { return ok(ws.AddChild(MakeChild("Omar Haddad", Date(2019, 6, 22)))); },
       ""},
      {"sofia", "child.show", [&](Workspace& ws) { return ok(ws.GetChild(lisa.child)); },
       lisa.child},
      {"sofia", "child.edit",
       [&](Workspace& ws) {
         ChildChanges changes;
         changes.school = "Nästegårdsskolan";
         return ok(ws.EditChild(lisa.child, changes));
       },
       lisa.child},
      {"sofia", "relation.add",
       [&](Workspace& ws) {
         return ok(ws.AddRelation(lisa.child, MakeRelation("Per Berg", RelationKind::kFather)));
       },
       lisa.child},
      {"sofia", "relation.show", [&](Workspace& ws) { return ok(ws.GetRelation(lisa.relation)); },
       lisa.child},
      {"sofia", "relation.list",
       [&](Workspace& ws) {
         return ws.ForEachRelation(lisa.child, [](const Relation&) { return true; });
       },
       lisa.child},
      {"sofia", "restriction.show",
       [&](Workspace& ws) { return ok(ws.GetRestriction(lisa.restriction)); }, lisa.child},
      {"sofia", "restriction.list",
       [&](Workspace& ws) {
         RestrictionQuery query;
         query.child = lisa.child;
         return ws.ForEachRestriction(query, [](const Restriction&) { return true; });
       },
       lisa.child},
      {"sofia", "restriction.add",
       [&](Workspace& ws) {
         return ok(ws.AddRestriction(lisa.relation, MakeRestriction(Date(2026, 11, 25))));
       },
       lisa.child},
      {"sofia", "restriction.lift",
       [&](Workspace& ws) { return ok(ws.LiftRestriction(lisa.restriction, kToday, "reviewed")); },
       lisa.child},
      {"sofia", "placement.show",
       [&](Workspace& ws) { return ok(ws.GetPlacement(lisa.placement)); }, lisa.child},
      {"sofia", "placement.list",
       [&](Workspace& ws) {
         return ws.ForEachPlacement(lisa.child, [](const Placement&) { return true; });
       },
       lisa.child},
      {"sofia", "placement.end",
       [&](Workspace& ws) { return ok(ws.EndPlacement(lisa.placement, kToday, "moved")); },
       lisa.child},
      {"sofia", "placement.add",
       [&](Workspace& ws) {
         return ok(ws.AddPlacement(lisa.child, MakePlacement(kToday.AddDays(1))));
       },
       lisa.child},
      {"siri", "caseload.assign",
       [&](Workspace& ws) { return ok(ws.AssignChild(lisa.child, "siri", "taking over")); },
       lisa.child},
      {"siri", "caseload.history",
       [&](Workspace& ws) {
         return ws.ForEachAssignment(lisa.child, [](const CaseloadAssignment&) { return true; });
       },
       lisa.child},
      {"siri", "child.close",
       [&](Workspace& ws) { return ok(ws.CloseChild(lisa.child, kToday, "moved to Skövde")); },
       lisa.child},
      {"anna", "worker.add",
       [&](Workspace& ws) {
         return ok(ws.AddWorker(MakeWorker("Nils", "nils", "south", {Role::kTeacher})));
       },
       ""},
      {"anna", "worker.grant",
       [&](Workspace& ws) { return ok(ws.GrantRole("nils", Role::kCentreStaff)); }, ""},
      {"anna", "worker.revoke",
       [&](Workspace& ws) { return ok(ws.RevokeRole("nils", Role::kTeacher)); }, ""},
      {"siri", "audit.log",
       [&](Workspace& ws) {
         return ws.ForEachAuditEntry({}, [](const AuditEntry&) { return true; });
       },
       ""},
      {"siri", "audit.verify",
       [&](Workspace& ws) {
         Result<AuditVerification> verified = ws.VerifyAudit();
         if (verified.ok() && !verified->intact) return Status::Internal(verified->problem);
         return ok(verified);
       },
       ""},
  };
  for (const Step& step : steps) {
    SCOPED_TRACE(step.action);
    const long long before = CountEntries();
    {
      Workspace ws = OpenAs(step.account);
      Status done = step.run(ws);
      ASSERT_TRUE(done.ok()) << done.ToString();
    }
    EXPECT_EQ(CountEntries(), before + 1) << "exactly one entry";
    const AuditEntry e = Last();
    EXPECT_EQ(e.action, step.action);
    EXPECT_EQ(e.worker_account, step.account);
    if (!step.child.empty()) {
      EXPECT_THAT(e.children, ElementsAre(step.child));
    }
    if (std::string(step.action) == "child.add") {
      EXPECT_EQ(e.entity_type, "child");
      EXPECT_THAT(e.entity, HasSubstr("VAR-2026-"));
      EXPECT_THAT(e.children, ElementsAre(e.entity));
    }
  }
}

// A listing that shows several restrictions of one child names the child once, and the entry
// still verifies: the hash must cover the same set of children that is stored.
TEST_F(AuditTest, RestrictionListOfAChildWithSeveralRestrictionsKeepsTheChainIntact) {
  const Case lisa = AddCase("sofia", "Lisa Berg");
  {
    Workspace sofia = OpenAs("sofia");
    ASSERT_TRUE(sofia.AddRestriction(lisa.relation, MakeRestriction(Date(2026, 11, 25))).ok());
    RestrictionQuery query;
    query.child = lisa.child;
    int shown = 0;
    ASSERT_TRUE(sofia
                    .ForEachRestriction(query,
                                        [&](const Restriction&) {
                                          ++shown;
                                          return true;
                                        })
                    .ok());
    EXPECT_EQ(shown, 2);
  }
  const AuditEntry e = Last();
  EXPECT_EQ(e.action, "restriction.list");
  EXPECT_THAT(e.children, ElementsAre(lisa.child));
  Result<AuditVerification> verified = Verify();
  ASSERT_TRUE(verified.ok()) << verified.status().ToString();
  EXPECT_TRUE(verified->intact) << verified->problem;
}

// The same through the whole-municipality listing, across two children.
TEST_F(AuditTest, WholeRestrictionListKeepsTheChainIntact) {
  const Case lisa = AddCase("sofia", "Lisa Berg");
  const Case omar = AddCase("sofia", "Omar Haddad");
  {
    Workspace sofia = OpenAs("sofia");
    ASSERT_TRUE(sofia.AddRestriction(omar.relation, MakeRestriction(Date(2026, 11, 25))).ok());
    ASSERT_TRUE(sofia.ForEachRestriction({}, [](const Restriction&) { return true; }).ok());
  }
  const AuditEntry e = Last();
  EXPECT_EQ(e.action, "restriction.list");
  EXPECT_THAT(e.children, ElementsAre(lisa.child, omar.child));
  Result<AuditVerification> verified = Verify();
  ASSERT_TRUE(verified.ok()) << verified.status().ToString();
  EXPECT_TRUE(verified->intact) << verified->problem;
}

TEST_F(AuditTest, RefusalRecordsAnAccessDeniedEntry) {
  const Case li = AddCase("olle", "Li Ming");
  {
    Workspace sofia = OpenAs("sofia");
    Result<Child> refused = sofia.GetChild(li.child);
    ASSERT_TRUE(refused.status().IsPermissionDenied()) << refused.status().ToString();
  }
  const AuditEntry e = Last();
  EXPECT_EQ(e.action, "access.denied");
  EXPECT_EQ(e.worker_account, "sofia");
  EXPECT_EQ(e.entity, li.child);
  EXPECT_EQ(e.details, "child.show");
  EXPECT_THAT(e.children, ElementsAre(li.child));
}

TEST_F(AuditTest, PurposeIsRecordedInEveryEntryOfTheSession) {
  const Case lisa = AddCase("sofia", "Lisa Berg");
  {
    Workspace anna = OpenAs("anna", kPurpose);
    EXPECT_EQ(anna.purpose(), kPurpose);
    ASSERT_TRUE(anna.GetChild(lisa.child).ok());
    ASSERT_TRUE(anna.GetPlacement(lisa.placement).ok());
  }
  {
    Workspace sofia = OpenAs("sofia", "home visit preparation");
    ASSERT_TRUE(sofia.GetChild(lisa.child).ok());
  }
  std::vector<AuditEntry> entries = Entries();
  ASSERT_GE(entries.size(), 3u);
  const AuditEntry& a = entries[entries.size() - 3];
  const AuditEntry& b = entries[entries.size() - 2];
  const AuditEntry& c = entries[entries.size() - 1];
  EXPECT_EQ(a.action, "child.show");
  EXPECT_EQ(a.worker_account, "anna");
  EXPECT_EQ(a.purpose, kPurpose);
  EXPECT_EQ(b.action, "placement.show");
  EXPECT_EQ(b.purpose, kPurpose);
  EXPECT_EQ(c.worker_account, "sofia");
  EXPECT_EQ(c.purpose, "home visit preparation");
  // Sessions without a purpose record none.
  EXPECT_EQ(entries.front().purpose, "");
}

TEST_F(AuditTest, PurposeWithControlCharactersIsRefused) {
  Result<Workspace> ws = Workspace::Open(path_, As("anna", "review\x1b[2J"));
  ASSERT_FALSE(ws.ok());
  EXPECT_TRUE(ws.status().IsInvalidArgument()) << ws.status().ToString();
}

// ---- The log and its filters ----

TEST_F(AuditTest, LogFiltersByChildWorkerAndPeriod) {
  Case lisa, li;
  lisa = AddCase("sofia", "Lisa Berg");  // 2026-11-29T10:00:00Z
  li = AddCase("olle", "Li Ming");
  {
    Workspace sofia = OpenAs("sofia", "", "2026-11-27T08:00:00Z");
    ASSERT_TRUE(sofia.GetChild(lisa.child).ok());
  }
  {
    Workspace olle = OpenAs("olle", "", "2026-11-28T00:00:00Z");
    ASSERT_TRUE(olle.GetChild(li.child).ok());
  }
  {
    Workspace sofia = OpenAs("sofia", "", "2026-11-28T23:59:59Z");
    ASSERT_TRUE(sofia.GetPlacement(lisa.placement).ok());
  }
  const std::vector<AuditEntry> all = Entries();

  AuditQuery by_child;
  by_child.child = lisa.child;
  std::vector<AuditEntry> of_lisa = Entries(by_child);
  ASSERT_FALSE(of_lisa.empty());
  EXPECT_THAT(of_lisa, Each(Field(&AuditEntry::children, Contains(lisa.child))));
  EXPECT_THAT(of_lisa, Each(Field(&AuditEntry::children, Not(Contains(li.child)))));
  long long expected = 0;
  for (const AuditEntry& e : all) {
    for (const std::string& ref : e.children) expected += ref == lisa.child;
  }
  EXPECT_EQ(static_cast<long long>(of_lisa.size()), expected);
  // child.add, relation.add, restriction.add, placement.add, child.show, placement.show
  EXPECT_EQ(of_lisa.size(), 6u);

  AuditQuery by_worker;
  by_worker.worker_account = "olle";
  std::vector<AuditEntry> of_olle = Entries(by_worker);
  EXPECT_EQ(of_olle.size(), 5u);
  EXPECT_THAT(of_olle, Each(Field(&AuditEntry::worker_account, "olle")));

  AuditQuery day;  // the whole of 2026-11-28, UTC
  day.from = Date(2026, 11, 28);
  day.to = Date(2026, 11, 28);
  std::vector<AuditEntry> on_28th = Entries(day);
  ASSERT_EQ(on_28th.size(), 2u);
  EXPECT_EQ(on_28th[0].at, "2026-11-28T00:00:00Z");
  EXPECT_EQ(on_28th[1].at, "2026-11-28T23:59:59Z");

  AuditQuery until;
  until.to = Date(2026, 11, 27);
  std::vector<AuditEntry> before_28th = Entries(until);
  ASSERT_EQ(before_28th.size(), 1u);
  EXPECT_EQ(before_28th[0].action, "child.show");
  EXPECT_EQ(before_28th[0].worker_account, "sofia");

  AuditQuery combined;
  combined.child = lisa.child;
  combined.worker_account = "sofia";
  combined.from = Date(2026, 11, 28);
  std::vector<AuditEntry> narrow = Entries(combined);
  ASSERT_EQ(narrow.size(), 5u);  // the four writes on the 29th and placement.show on the 28th
  EXPECT_EQ(narrow[0].action, "child.add");
  EXPECT_EQ(narrow.back().action, "placement.show");

  AuditQuery backwards;
  backwards.from = Date(2026, 11, 29);
  backwards.to = Date(2026, 11, 28);
  Workspace anna = OpenAs("anna");
  Status refused = anna.ForEachAuditEntry(backwards, [](const AuditEntry&) { return true; });
  EXPECT_TRUE(refused.IsInvalidArgument()) << refused.ToString();
  AuditQuery unknown;
  unknown.child = "VAR-2026-0999";
  EXPECT_TRUE(anna.ForEachAuditEntry(unknown, [](const AuditEntry&) { return true; }).IsNotFound());
}

TEST_F(AuditTest, ReadingTheLogIsItselfAudited) {
  const Case lisa = AddCase("sofia", "Lisa Berg");
  AuditQuery query;
  query.child = lisa.child;
  query.worker_account = "sofia";
  Entries(query);
  const AuditEntry e = Last();  // the entry before this read is the one above
  std::vector<AuditEntry> all = Entries();
  ASSERT_GE(all.size(), 2u);
  const AuditEntry& logged = all[all.size() - 2];
  EXPECT_EQ(logged.action, "audit.log");
  EXPECT_EQ(logged.worker_account, "anna");
  EXPECT_THAT(logged.children, ElementsAre(lisa.child));
  EXPECT_THAT(logged.details, HasSubstr("worker=sofia"));
  EXPECT_EQ(e.action, "audit.log");
}

TEST_F(AuditTest, EntriesFormAHashChain) {
  MakeTrail();
  std::vector<AuditEntry> entries = Entries();
  ASSERT_GE(entries.size(), 10u);
  std::string previous(64, '0');
  for (std::size_t i = 0; i < entries.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(entries[i].sequence, static_cast<std::int64_t>(i + 1));
    EXPECT_EQ(entries[i].previous_hash, previous);
    EXPECT_EQ(entries[i].hash.size(), 64u);
    EXPECT_EQ(entries[i].hash.find_first_not_of("0123456789abcdef"), std::string::npos);
    EXPECT_NE(entries[i].hash, previous);
    previous = entries[i].hash;
  }
  EXPECT_EQ(entries[0].action, "workspace.create");
}

// ---- Verification ----

TEST_F(AuditTest, VerifyOnAnIntactChainReportsCountAndHeadAndIsAudited) {
  MakeTrail();
  const long long count = CountEntries();
  std::string head;
  {
    auto db = RawSession(path_);
    *db << "SELECT hash FROM audit_entry ORDER BY sequence DESC LIMIT 1", soci::into(head);
  }
  Result<AuditVerification> verified = Verify();
  ASSERT_TRUE(verified.ok()) << verified.status().ToString();
  EXPECT_TRUE(verified->intact) << verified->problem;
  EXPECT_EQ(verified->entries, count);
  EXPECT_EQ(verified->head_hash, head);
  EXPECT_FALSE(verified->first_bad.has_value());
  EXPECT_EQ(verified->problem, "");

  EXPECT_EQ(CountEntries(), count + 1);
  const AuditEntry e = Last();
  EXPECT_EQ(e.action, "audit.verify");
  EXPECT_EQ(e.worker_account, "anna");
  EXPECT_EQ(e.previous_hash, head);
  EXPECT_EQ(e.sequence, count + 1);

  // And again: still intact, one entry more.
  Result<AuditVerification> again = Verify();
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->intact) << again->problem;
  EXPECT_EQ(again->entries, count + 2);  // the verify entry and the audit.log entry above
}

TEST_F(AuditTest, VerifyIsRefusedToSocialWorkers) {
  Workspace sofia = OpenAs("sofia");
  Result<AuditVerification> refused = sofia.VerifyAudit();
  ASSERT_FALSE(refused.ok());
  EXPECT_TRUE(refused.status().IsPermissionDenied()) << refused.status().ToString();
}

// Expects a damaged chain whose first bad entry is `first_bad` with a problem mentioning
// `problem_part`, and that verifying it added nothing to the trail.
#define EXPECT_DAMAGED_AT(first_bad, problem_part) \
  do {                                             \
    SCOPED_TRACE("damaged trail");                 \
    ExpectDamagedAt(first_bad, problem_part);      \
  } while (false)

TEST_F(AuditTest, EditedEntryIsNamed) {
  MakeTrail();
  const long long count = CountEntries();
  ASSERT_GE(count, 10);
  DropTriggers();
  Sql("UPDATE audit_entry SET account = 'mallory' WHERE sequence = 7");
  EXPECT_DAMAGED_AT(7, "7");
}

TEST_F(AuditTest, EveryEditedFieldIsDetected) {
  MakeTrail();
  DropTriggers();
  const std::string pristine = path_ + ".pristine";
  fs::copy_file(path_, pristine);
  const std::vector<std::string> edits = {
      "at = '2026-11-29T10:00:01Z'", "worker_id = NULL",          "account = 'anna'",
      "action = 'child.list'",       "entity_type = 'placement'", "entity = 'VAR-2026-0099'",
      "purpose = 'routine'",         "details = 'nothing'",
  };
  for (const std::string& edit : edits) {
    SCOPED_TRACE(edit);
    for (const char* suffix : {"-wal", "-shm"}) fs::remove(path_ + suffix);
    fs::copy_file(pristine, path_, fs::copy_options::overwrite_existing);
    Sql("UPDATE audit_entry SET " + edit + " WHERE sequence = 8");
    EXPECT_DAMAGED_AT(8, "8");
  }
}

TEST_F(AuditTest, ChangedSubjectOfAnEntryIsDetected) {
  MakeTrail();
  const Case omar = AddCase("sofia", "Omar Haddad");
  long long sequence = 0;
  {
    auto db = RawSession(path_);
    *db << "SELECT min(sequence) FROM audit_entry WHERE action = 'child.show'",
        soci::into(sequence);
  }
  ASSERT_GT(sequence, 0);
  DropTriggers();
  // Make the read look as if it had been of another child.
  Sql("UPDATE audit_subject SET child_id = (SELECT id FROM child WHERE case_reference = '" +
      omar.child + "') WHERE sequence = " + std::to_string(sequence));
  EXPECT_DAMAGED_AT(sequence, std::to_string(sequence));
  // Removing the subject is detected as well.
  Sql("DELETE FROM audit_subject WHERE sequence = " + std::to_string(sequence));
  EXPECT_DAMAGED_AT(sequence, std::to_string(sequence));
}

TEST_F(AuditTest, DeletedMiddleEntryIsNamed) {
  MakeTrail();
  ASSERT_GE(CountEntries(), 10);
  DropTriggers();
  Sql("DELETE FROM audit_subject WHERE sequence = 6");
  Sql("DELETE FROM audit_entry WHERE sequence = 6");
  EXPECT_DAMAGED_AT(6, "6");
}

TEST_F(AuditTest, DeletedMiddleEntryWithLaterSequencesRenumberedIsNamed) {
  MakeTrail();
  const long long count = CountEntries();
  DropTriggers();
  Sql("DELETE FROM audit_subject WHERE sequence = 6");
  Sql("DELETE FROM audit_entry WHERE sequence = 6");
  // Close the gap in the numbering, as a careful attacker would.
  for (long long s = 7; s <= count; ++s) {
    Sql("UPDATE audit_entry SET sequence = " + std::to_string(s - 1) +
        " WHERE sequence = " + std::to_string(s));
    Sql("UPDATE audit_subject SET sequence = " + std::to_string(s - 1) +
        " WHERE sequence = " + std::to_string(s));
  }
  EXPECT_DAMAGED_AT(6, "6");
}

TEST_F(AuditTest, SwappedSequenceNumbersAreNamed) {
  MakeTrail();
  ASSERT_GE(CountEntries(), 10);
  DropTriggers();
  for (const char* sql : {
           "UPDATE audit_entry SET sequence = -1 WHERE sequence = 5",
           "UPDATE audit_entry SET sequence = 5 WHERE sequence = 8",
           "UPDATE audit_entry SET sequence = 8 WHERE sequence = -1",
           "UPDATE audit_subject SET sequence = -1 WHERE sequence = 5",
           "UPDATE audit_subject SET sequence = 5 WHERE sequence = 8",
           "UPDATE audit_subject SET sequence = 8 WHERE sequence = -1",
       }) {
    Sql(sql);
  }
  EXPECT_DAMAGED_AT(5, "5");
}

TEST_F(AuditTest, SwappedContentsAreNamed) {
  MakeTrail();
  ASSERT_GE(CountEntries(), 10);
  DropTriggers();
  // Entries 9 and 10 change places, keeping their sequence numbers and chain links.
  const std::string columns[] = {"at",     "worker_id", "account", "action", "entity_type",
                                 "entity", "purpose",   "details", "hash"};
  for (const std::string& column : columns) {
    Sql("UPDATE audit_entry SET " + column + " = CASE sequence WHEN 9 THEN (SELECT " + column +
        " FROM audit_entry WHERE sequence = 10) ELSE (SELECT " + column +
        " FROM audit_entry WHERE sequence = 9) END WHERE sequence IN (9, 10)");
  }
  EXPECT_DAMAGED_AT(9, "9");
}

TEST_F(AuditTest, TruncatedEndIsDetectedNamingWhereTheLogEnds) {
  MakeTrail();
  const long long count = CountEntries();
  ASSERT_GE(count, 10);
  DropTriggers();
  Sql("DELETE FROM audit_subject WHERE sequence > " + std::to_string(count - 3));
  Sql("DELETE FROM audit_entry WHERE sequence > " + std::to_string(count - 3));
  EXPECT_DAMAGED_AT(count - 2, std::to_string(count - 3));
  Result<AuditVerification> v = Verify();
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->entries, count - 3);
  EXPECT_THAT(v->problem, HasSubstr(std::to_string(count)));  // the newest entry written
}

TEST_F(AuditTest, WholeLogDeletedIsDetected) {
  MakeTrail();
  DropTriggers();
  Sql("DELETE FROM audit_subject");
  Sql("DELETE FROM audit_entry");
  EXPECT_DAMAGED_AT(1, "0");
}

TEST_F(AuditTest, TruncationIsStillDetectedAfterWorkContinues) {
  MakeTrail();
  const long long count = CountEntries();
  DropTriggers();
  Sql("DELETE FROM audit_subject WHERE sequence > " + std::to_string(count - 2));
  Sql("DELETE FROM audit_entry WHERE sequence > " + std::to_string(count - 2));
  {
    // Someone keeps working; their reads are audited after the cut.
    Workspace sofia = OpenAs("sofia");
    ASSERT_TRUE(sofia.GetChild(lisa_.child).ok());
    ASSERT_TRUE(sofia.GetPlacement(lisa_.placement).ok());
  }
  {
    auto db = RawSession(path_);
    std::string action;
    *db << "SELECT action FROM audit_entry WHERE sequence = " + std::to_string(count - 1),
        soci::into(action);
    EXPECT_EQ(action, "audit.gap");
    long long after = 0;
    *db << "SELECT count(*) FROM audit_entry", soci::into(after);
    EXPECT_EQ(after, count - 2 + 1 + 2);  // the gap entry and the two reads
  }
  EXPECT_DAMAGED_AT(count - 1, std::to_string(count));
}

TEST_F(AuditTest, MissingHeadRecordIsDetected) {
  MakeTrail();
  Sql("DELETE FROM workspace_setting WHERE name = 'audit_head'");
  EXPECT_DAMAGED_AT(1, "newest");
}

// ---- The database refuses changes to the trail ----

TEST_F(AuditTest, TriggersRefuseUpdateAndDeleteFromPlainSql) {
  MakeTrail();
  const long long count = CountEntries();
  auto expect_refused = [&](const std::string& sql, const std::string& message) {
    SCOPED_TRACE(sql);
    try {
      Sql(sql);
      ADD_FAILURE() << "the database accepted: " << sql;
    } catch (const soci::soci_error& e) {
      EXPECT_THAT(e.what(), HasSubstr(message));
    }
  };
  expect_refused("UPDATE audit_entry SET details = 'x' WHERE sequence = 3",
                 "audit entries cannot be changed");
  expect_refused("UPDATE audit_entry SET sequence = sequence + 100",
                 "audit entries cannot be changed");
  expect_refused("DELETE FROM audit_entry WHERE sequence = 3", "audit entries cannot be deleted");
  expect_refused("DELETE FROM audit_entry", "audit entries cannot be deleted");
  expect_refused("UPDATE audit_subject SET child_id = 99", "audit entries cannot be changed");
  expect_refused("DELETE FROM audit_subject", "audit entries cannot be deleted");
  EXPECT_EQ(CountEntries(), count);
  Result<AuditVerification> v = Verify();
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->intact) << v->problem;
}

}  // namespace
}  // namespace kinbridge
