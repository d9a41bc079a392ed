// The contact plan test fixture shared by the plan and contact event tests: a Vara workspace on a
// temporary SQLite file with the built-in method plugins installed and scenario 1's Elin.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <system_error>
#include <vector>

#include "kinbridge/plan.h"
#include "kinbridge/workspace.h"
#include "ready_workspace.h"
#include "test_backend.h"

namespace kinbridge::plan_testing {

namespace fs = std::filesystem;
using ::testing::AnyOf;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

inline const Date kToday(2026, 11, 29);
constexpr const char* kNow = "2026-11-29T10:00:00Z";
inline const Date kPlacementStart(2025, 5, 12);

constexpr const char* kVara = "se.vara.contact";
constexpr const char* kHuangshan = "cn.huangshan.group";
constexpr const char* kBuiltInPlugins = KINBRIDGE_BUILT_IN_PLUGINS_DIR;

inline WorkspaceOptions As(const std::string& account) {
  WorkspaceOptions options;
  options.today = kToday;
  options.now_utc = kNow;
  options.account = account;
  return options;
}

using testing_support::Vara;

inline CreateOptions Creation() {
  CreateOptions create;
  create.municipality = Vara();
  create.mode = WorkspaceMode::kTest;
  create.administrator_account = "anna";
  create.administrator_name = "Anna Karlsson";
  return create;
}

inline NewWorker MakeWorker(std::string name, std::string account, std::string unit, Role role) {
  NewWorker worker;
  worker.name = std::move(name);
  worker.os_account = std::move(account);
  worker.unit = std::move(unit);
  worker.roles = {role};
  return worker;
}

inline NewChild MakeChild(std::string name, Date birth) {
  NewChild child;
  child.name = std::move(name);
  child.birth_date = birth;
  return child;
}

inline NewRelation MakeRelation(std::string person, RelationKind kind) {
  NewRelation relation;
  relation.person_name = std::move(person);
  relation.kind = kind;
  return relation;
}

inline NewRestriction MakeRestriction(RestrictionKind kind, std::string decision) {
  NewRestriction restriction;
  restriction.kind = kind;
  restriction.decision_reference = std::move(decision);
  restriction.reason = "Decision of the social welfare board";
  restriction.valid_from = Date(2026, 9, 1);
  return restriction;
}

inline NewPlacement MakePlacement(Date start) {
  NewPlacement placement;
  placement.type = PlacementType::kFosterFamily;
  placement.legal_basis = LegalBasis::kCompulsory;
  placement.legal_code = "LVU 2 §";
  placement.caregivers = "Familjehemmet Berg";
  placement.start = start;
  placement.address = "Storgatan 1, Vara";
  return placement;
}

// A valid arrangement with `relation`: supervised visits every other Saturday.
inline NewArrangement Visit(std::int64_t relation) {
  NewArrangement a;
  a.relation_id = relation;
  a.mode = "visit";
  a.rrule = "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA";
  a.first_day = Date(2026, 12, 5);
  a.start_time = "10:00";
  a.duration_minutes = 90;
  a.supervision = "supervised";
  a.venue = "family centre";
  return a;
}

inline ChildView View() {
  ChildView view;
  view.text = "I want to see mum, but not at her flat.";
  view.recorded_on = Date(2026, 11, 25);
  view.how = "conversation";
  return view;
}

template <typename T>
inline Status StatusOf(const Result<T>& result) {
  return result.ok() ? Status::Ok() : result.status();
}

inline std::vector<std::int64_t> ArrangementIds(const ContactPlan& plan) {
  std::vector<std::int64_t> ids;
  for (const PlanArrangement& a : plan.arrangements) ids.push_back(a.id);
  return ids;
}

inline std::set<std::int64_t> RelationIds(const ContactPlan& plan) {
  std::set<std::int64_t> ids;
  for (const PlanArrangement& a : plan.arrangements) ids.insert(a.relation_id);
  return ids;
}

// Every row of every table except the audit trail (and the audit head), as text: equal
// snapshots mean nothing but the audit trail changed.
inline std::string Snapshot(const std::string& path) {
  if (testing_support::IsPostgresqlWorkspace(path))
    return testing_support::PostgresqlSnapshot(path);
  soci::session db(*soci::factory_sqlite3(), "db=\"" + path + "\"");
  std::vector<std::string> tables;
  {
    soci::rowset<std::string> rows =
        (db.prepare << "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN "
                       "('audit_entry', 'audit_subject') ORDER BY name");
    for (const std::string& table : rows) tables.push_back(table);
  }
  std::string snapshot;
  for (const std::string& table : tables) {
    std::string columns;
    soci::rowset<std::string> names =
        (db.prepare << "SELECT name FROM pragma_table_info('" + table + "') ORDER BY cid");
    for (const std::string& name : names) {
      if (!columns.empty()) columns += " || '|' || ";
      columns += "quote(\"" + name + "\")";
    }
    std::string sql = "SELECT " + columns + " FROM \"" + table + "\"";
    if (table == "workspace_setting") sql += " WHERE name <> 'audit_head'";
    sql += " ORDER BY rowid";
    snapshot += "[" + table + "]\n";
    soci::rowset<std::string> rows = (db.prepare << sql);
    for (const std::string& row : rows) snapshot += row + "\n";
  }
  return snapshot;
}

// A Vara workspace with the built-in plugins installed (copies in the test's directory) and
// Elin from scenario 1 in anna's caseload: in a foster family under compulsory care since
// 2025-05-12; mother Sara (supervised contact only), father Johan, brother Oskar, grandmother
// Birgitta. Omar, in anna's caseload too, has a mother of his own, Lena. Olle is a social worker
// of another unit; Cecilia works at the family centre.
class PlanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // The method's messages in English, whatever the environment running the tests says.
    unsetenv("LANGUAGE");
    std::random_device random;
    const std::string test = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    dir_ = fs::temp_directory_path() /
           ("kinbridge-plan-test-" + test + "-" + std::to_string(random()));
    ASSERT_TRUE(fs::create_directories(dir_ / "methods")) << dir_;
    path_ = testing_support::TestWorkspace(dir_ / "vara.kinbridge");
    {
      Result<Workspace> created = testing_support::CreateReady(path_, Creation(), As("anna"));
      ASSERT_TRUE(created.ok()) << created.status().ToString();
      for (const char* name : {"vara_contact.so", "huangshan_group.so"}) {
        const fs::path copy = dir_ / "methods" / name;
        std::error_code ec;
        fs::copy_file(fs::path(kBuiltInPlugins) / name, copy, ec);
        ASSERT_FALSE(ec) << "copying " << name << ": " << ec.message();
        Result<PluginStatus> installed = created->InstallMethodPlugin(copy.string());
        ASSERT_TRUE(installed.ok()) << installed.status().ToString();
      }
      for (const NewWorker& worker :
           {MakeWorker("Olle Other", "olle", "south", Role::kSocialWorker),
            MakeWorker("Cecilia Centre", "cecilia", "Familjecentralen", Role::kCentreStaff)}) {
        Result<Worker> added = created->AddWorker(worker);
        ASSERT_TRUE(added.ok()) << added.status().ToString();
      }
    }
    Result<Workspace> opened = Workspace::Open(path_, As("anna"));
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    ws_.emplace(std::move(opened).value());

    Result<Child> elin = ws_->AddChild(MakeChild("Elin Andersson", Date(2017, 3, 14)));
    ASSERT_TRUE(elin.ok()) << elin.status().ToString();
    elin_ = elin->case_reference;
    Result<Placement> placement = ws_->AddPlacement(elin_, MakePlacement(kPlacementStart));
    ASSERT_TRUE(placement.ok()) << placement.status().ToString();
    sara_ = AddRelation(elin_, "Sara Andersson", RelationKind::kMother);
    johan_ = AddRelation(elin_, "Johan Nilsson", RelationKind::kFather);
    oskar_ = AddRelation(elin_, "Oskar Andersson", RelationKind::kSibling);
    birgitta_ = AddRelation(elin_, "Birgitta Andersson", RelationKind::kGrandparent);
    Result<Restriction> supervised = ws_->AddRestriction(
        sara_, MakeRestriction(RestrictionKind::kSupervisedOnly, "SN 2026/0412"));
    ASSERT_TRUE(supervised.ok()) << supervised.status().ToString();

    Result<Child> omar = ws_->AddChild(MakeChild("Omar Haddad", Date(2019, 6, 22)));
    ASSERT_TRUE(omar.ok()) << omar.status().ToString();
    omar_ = omar->case_reference;
    Result<Placement> omar_placement = ws_->AddPlacement(omar_, MakePlacement(Date(2026, 1, 10)));
    ASSERT_TRUE(omar_placement.ok()) << omar_placement.status().ToString();
    lena_ = AddRelation(omar_, "Lena Haddad", RelationKind::kMother);
  }

  void TearDown() override {
    ws_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  std::int64_t AddRelation(const std::string& child, std::string person, RelationKind kind) {
    Result<Relation> added = ws_->AddRelation(child, MakeRelation(std::move(person), kind));
    EXPECT_TRUE(added.ok()) << added.status().ToString();
    return added.ok() ? added->id : 0;
  }

  Workspace OpenAs(const std::string& account) {
    Result<Workspace> opened = Workspace::Open(path_, As(account));
    EXPECT_TRUE(opened.ok()) << opened.status().ToString();
    return std::move(opened).value();
  }

  // A draft proposed by anna with `method`; fails the test when refused.
  ContactPlan Propose(const std::string& child, const char* method = kVara) {
    Result<ContactPlan> plan = ws_->ProposePlan(child, method, "Keep Elin's bonds with her family");
    EXPECT_TRUE(plan.ok()) << plan.status().ToString();
    return plan.ok() ? *plan : ContactPlan{};
  }

  ContactPlan Get(std::int64_t id) {
    Result<ContactPlan> plan = ws_->GetPlan(id);
    EXPECT_TRUE(plan.ok()) << plan.status().ToString();
    return plan.ok() ? *plan : ContactPlan{};
  }

  // An active plan for Elin: proposed, the child's view recorded, approved.
  ContactPlan Active() {
    const ContactPlan draft = Propose(elin_);
    Result<ContactPlan> viewed = ws_->RecordChildView(draft.id, View());
    EXPECT_TRUE(viewed.ok()) << viewed.status().ToString();
    Result<ContactPlan> approved = ws_->ApprovePlan(draft.id);
    EXPECT_TRUE(approved.ok()) << approved.status().ToString();
    return approved.ok() ? *approved : ContactPlan{};
  }

  std::vector<AuditEntry> AuditOf(const std::string& child) {
    Workspace anna = OpenAs("anna");
    AuditQuery query;
    query.child = child;
    std::vector<AuditEntry> entries;
    Status read = anna.ForEachAuditEntry(query, [&](const AuditEntry& e) {
      entries.push_back(e);
      return true;
    });
    EXPECT_TRUE(read.ok()) << read.ToString();
    return entries;
  }

  // The entries about `child` whose action starts with "plan.".
  std::vector<AuditEntry> PlanEntries(const std::string& child) {
    std::vector<AuditEntry> plan;
    for (const AuditEntry& e : AuditOf(child)) {
      if (e.action.rfind("plan.", 0) == 0) plan.push_back(e);
    }
    return plan;
  }

  // A change refused as InvalidArgument, leaving every table but the audit trail as it was.
  void ExpectRefusedUnchanged(const std::function<Status()>& change,
                              const std::vector<std::string>& fragments = {}) {
    const std::string before = Snapshot(path_);
    const Status status = change();
    EXPECT_TRUE(status.IsInvalidArgument()) << status.ToString();
    for (const std::string& fragment : fragments) {
      EXPECT_THAT(status.message(), HasSubstr(fragment));
    }
    EXPECT_EQ(Snapshot(path_), before) << "a refused change wrote data";
  }

  fs::path dir_;
  std::string path_;
  std::optional<Workspace> ws_;
  std::string elin_, omar_;
  std::int64_t sara_ = 0, johan_ = 0, oskar_ = 0, birgitta_ = 0, lena_ = 0;
};

}  // namespace kinbridge::plan_testing
