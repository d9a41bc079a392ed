// Contact plan API tests on temporary SQLite files with the built-in method plugins installed:
// proposing a plan with a method, the core's guards on every arrangement, the child's view,
// approval, the frozen active plan, ending, access and the audit trail.
#include "kinbridge/plan.h"
#include "kinbridge/workspace.h"
#include "ready_workspace.h"

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

namespace kinbridge {
namespace {

namespace fs = std::filesystem;
using ::testing::AnyOf;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

const Date kToday(2026, 11, 29);
constexpr const char* kNow = "2026-11-29T10:00:00Z";
const Date kPlacementStart(2025, 5, 12);

constexpr const char* kVara = "se.vara.contact";
constexpr const char* kHuangshan = "cn.huangshan.group";
constexpr const char* kBuiltInPlugins = KINBRIDGE_BUILT_IN_PLUGINS_DIR;

WorkspaceOptions As(const std::string& account) {
  WorkspaceOptions options;
  options.today = kToday;
  options.now_utc = kNow;
  options.account = account;
  return options;
}

using testing_support::Vara;

CreateOptions Creation() {
  CreateOptions create;
  create.municipality = Vara();
  create.mode = WorkspaceMode::kTest;
  create.administrator_account = "anna";
  create.administrator_name = "Anna Karlsson";
  return create;
}

NewWorker MakeWorker(std::string name, std::string account, std::string unit, Role role) {
  NewWorker worker;
  worker.name = std::move(name);
  worker.os_account = std::move(account);
  worker.unit = std::move(unit);
  worker.roles = {role};
  return worker;
}

NewChild MakeChild(std::string name, Date birth) {
  NewChild child;
  child.name = std::move(name);
  child.birth_date = birth;
  return child;
}

NewRelation MakeRelation(std::string person, RelationKind kind) {
  NewRelation relation;
  relation.person_name = std::move(person);
  relation.kind = kind;
  return relation;
}

NewRestriction MakeRestriction(RestrictionKind kind, std::string decision) {
  NewRestriction restriction;
  restriction.kind = kind;
  restriction.decision_reference = std::move(decision);
  restriction.reason = "Decision of the social welfare board";
  restriction.valid_from = Date(2026, 9, 1);
  return restriction;
}

NewPlacement MakePlacement(Date start) {
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
NewArrangement Visit(std::int64_t relation) {
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

ChildView View() {
  ChildView view;
  view.text = "I want to see mum, but not at her flat.";
  view.recorded_on = Date(2026, 11, 25);
  view.how = "conversation";
  return view;
}

template <typename T>
Status StatusOf(const Result<T>& result) {
  return result.ok() ? Status::Ok() : result.status();
}

std::vector<std::int64_t> ArrangementIds(const ContactPlan& plan) {
  std::vector<std::int64_t> ids;
  for (const PlanArrangement& a : plan.arrangements) ids.push_back(a.id);
  return ids;
}

std::set<std::int64_t> RelationIds(const ContactPlan& plan) {
  std::set<std::int64_t> ids;
  for (const PlanArrangement& a : plan.arrangements) ids.insert(a.relation_id);
  return ids;
}

// Every row of every table except the audit trail (and the audit head), as text: equal
// snapshots mean nothing but the audit trail changed.
std::string Snapshot(const std::string& path) {
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
    path_ = (dir_ / "vara.kinbridge").string();
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

// ---- Proposing ----------------------------------------------------------------------------------

TEST_F(PlanTest, ProposingStoresADraftWithTheMethodsArrangementsAndProvenance) {
  Result<ContactPlanProposal> proposal = ws_->ProposeContactPlan(elin_, kVara);
  ASSERT_TRUE(proposal.ok()) << proposal.status().ToString();

  const ContactPlan plan = Propose(elin_);
  EXPECT_GT(plan.id, 0);
  EXPECT_EQ(plan.uuid.size(), 36u);
  EXPECT_EQ(plan.child_case_reference, elin_);
  EXPECT_EQ(plan.status, PlanStatus::kDraft);
  EXPECT_EQ(PlanStatusName(plan.status), "draft");
  EXPECT_EQ(plan.purpose, "Keep Elin's bonds with her family");
  EXPECT_EQ(plan.method_id, kVara);
  EXPECT_EQ(plan.method_version, "1.0.0");
  EXPECT_THAT(plan.method_chain, ElementsAre("se.vara.contact@1.0.0"));
  EXPECT_FALSE(plan.child_view.has_value());
  EXPECT_FALSE(plan.review_date.has_value());
  EXPECT_EQ(plan.approved_by, "");
  EXPECT_FALSE(plan.ended_on.has_value());
  EXPECT_EQ(plan.created_at, kNow);

  // The method's arrangements, as it proposed them.
  ASSERT_EQ(plan.arrangements.size(), proposal->arrangements.size());
  ASSERT_FALSE(plan.arrangements.empty());
  for (std::size_t i = 0; i < plan.arrangements.size(); ++i) {
    SCOPED_TRACE(i);
    const PlanArrangement& a = plan.arrangements[i];
    const ProposedArrangement& p = proposal->arrangements[i];
    EXPECT_GT(a.id, 0);
    EXPECT_EQ(a.relation_id, p.relation_id);
    EXPECT_EQ(a.mode, p.mode);
    EXPECT_EQ(a.rrule, p.rrule);
    EXPECT_EQ(a.start_time, p.start_time);
    EXPECT_EQ(a.duration_minutes, p.duration_minutes);
    EXPECT_EQ(a.supervision, p.supervision);
    EXPECT_EQ(a.venue, p.venue);
    EXPECT_GE(a.first_day, kPlacementStart);
    EXPECT_FALSE(a.relation_name.empty());
    EXPECT_FALSE(a.relation_kind.empty());
  }
  EXPECT_EQ(RelationIds(plan), (std::set<std::int64_t>{sara_, johan_, oskar_, birgitta_}));
  for (const PlanArrangement& a : plan.arrangements) {
    if (a.relation_id == sara_) {
      EXPECT_EQ(a.supervision, "supervised");
      EXPECT_EQ(a.relation_name, "Sara Andersson");
    }
  }
  for (const MethodFinding& f : plan.findings) EXPECT_NE(f.severity, "error") << f.code;

  // Stored: read back and listed.
  const ContactPlan read = Get(plan.id);
  EXPECT_EQ(read.status, PlanStatus::kDraft);
  EXPECT_EQ(read.method_id, kVara);
  EXPECT_EQ(read.method_version, "1.0.0");
  EXPECT_EQ(read.method_chain, plan.method_chain);
  EXPECT_EQ(ArrangementIds(read), ArrangementIds(plan));
  EXPECT_EQ(read.purpose, plan.purpose);
  std::vector<std::int64_t> listed;
  ASSERT_TRUE(ws_->ForEachPlan(elin_,
                               [&](const ContactPlan& p) {
                                 listed.push_back(p.id);
                                 return true;
                               })
                  .ok());
  EXPECT_THAT(listed, ElementsAre(plan.id));
  listed.clear();
  ASSERT_TRUE(ws_->ForEachPlan(omar_,
                               [&](const ContactPlan& p) {
                                 listed.push_back(p.id);
                                 return true;
                               })
                  .ok());
  EXPECT_TRUE(listed.empty());
}

TEST_F(PlanTest, AnAdaptationRecordsItsWholeChain) {
  const ContactPlan plan = Propose(elin_, kHuangshan);
  EXPECT_EQ(plan.method_id, kHuangshan);
  EXPECT_EQ(plan.method_version, "1.0.0");
  EXPECT_THAT(plan.method_chain, ElementsAre("cn.huangshan.group@1.0.0", "se.vara.contact@1.0.0"));
  EXPECT_EQ(Get(plan.id).method_chain, plan.method_chain);
}

TEST_F(PlanTest, ProposingLeavesOutARelationUnderANoContactRestriction) {
  ASSERT_TRUE(
      ws_->AddRestriction(johan_, MakeRestriction(RestrictionKind::kNoContact, "SN 2026/1100"))
          .ok());
  const ContactPlan plan = Propose(elin_);
  EXPECT_FALSE(plan.arrangements.empty());
  EXPECT_EQ(RelationIds(plan).count(johan_), 0u);
}

TEST_F(PlanTest, UnknownMethodOrChildOrPlanIsNotFound) {
  EXPECT_TRUE(StatusOf(ws_->ProposePlan(elin_, "se.vara", "")).IsNotFound());
  EXPECT_TRUE(StatusOf(ws_->ProposePlan("VAR-2026-0099", kVara, "")).IsNotFound());
  EXPECT_TRUE(StatusOf(ws_->GetPlan(4711)).IsNotFound());
  EXPECT_TRUE(StatusOf(ws_->ApprovePlan(4711)).IsNotFound());
}

// ---- Arrangements -------------------------------------------------------------------------------

TEST_F(PlanTest, AddingAndRemovingAnArrangementInADraft) {
  const ContactPlan plan = Propose(elin_);
  NewArrangement extra = Visit(oskar_);
  extra.supervision = "unsupervised";
  extra.venue = "Vara bibliotek";
  extra.transport = "foster parents drive";
  extra.conditions = "after school";
  Result<ContactPlan> added = ws_->AddArrangement(plan.id, extra);
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  ASSERT_EQ(added->arrangements.size(), plan.arrangements.size() + 1);
  std::optional<PlanArrangement> stored;
  for (const PlanArrangement& a : added->arrangements) {
    if (a.venue == "Vara bibliotek") stored = a;
  }
  ASSERT_TRUE(stored.has_value());
  EXPECT_GT(stored->id, 0);
  EXPECT_EQ(stored->relation_id, oskar_);
  EXPECT_EQ(stored->relation_name, "Oskar Andersson");
  EXPECT_EQ(stored->mode, "visit");
  EXPECT_EQ(stored->rrule, "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA");
  EXPECT_EQ(stored->first_day, Date(2026, 12, 5));
  EXPECT_EQ(stored->start_time, "10:00");
  EXPECT_EQ(stored->duration_minutes, 90);
  EXPECT_EQ(stored->supervision, "unsupervised");
  EXPECT_EQ(stored->transport, "foster parents drive");
  EXPECT_EQ(stored->conditions, "after school");
  EXPECT_GT(added->version, plan.version);
  EXPECT_EQ(Get(plan.id).arrangements.size(), added->arrangements.size());

  Result<ContactPlan> removed = ws_->RemoveArrangement(plan.id, stored->id);
  ASSERT_TRUE(removed.ok()) << removed.status().ToString();
  EXPECT_EQ(ArrangementIds(*removed), ArrangementIds(plan));
  EXPECT_EQ(ArrangementIds(Get(plan.id)), ArrangementIds(plan));

  // An arrangement that is not in the plan.
  const Status again = StatusOf(ws_->RemoveArrangement(plan.id, stored->id));
  EXPECT_FALSE(again.ok());
  EXPECT_TRUE(again.IsNotFound() || again.IsInvalidArgument()) << again.ToString();
}

TEST_F(PlanTest, ArrangementWithARelationUnderANoContactRestrictionIsRefused) {
  // Restricted before the plan is proposed, so the draft has no arrangement with Oskar (one
  // would make the method refuse every later change).
  ASSERT_TRUE(
      ws_->AddRestriction(oskar_, MakeRestriction(RestrictionKind::kNoContact, "SN 2026/1101"))
          .ok());
  const ContactPlan plan = Propose(elin_);
  ASSERT_EQ(RelationIds(plan).count(oskar_), 0u);
  ExpectRefusedUnchanged([&] { return StatusOf(ws_->AddArrangement(plan.id, Visit(oskar_))); },
                         {"Oskar Andersson", "no-contact"});
}

// A restriction decided after the plan was proposed: the method refuses changes while the plan
// still arranges contact with the restricted relation; removing those arrangements is possible.
TEST_F(PlanTest, ARestrictionDecidedAfterProposingIsResolvedByRemovingTheArrangements) {
  const ContactPlan plan = Propose(elin_);
  ASSERT_EQ(RelationIds(plan).count(johan_), 1u);
  ASSERT_TRUE(
      ws_->AddRestriction(johan_, MakeRestriction(RestrictionKind::kNoContact, "SN 2026/1100"))
          .ok());
  for (const PlanArrangement& a : plan.arrangements) {
    if (a.relation_id != johan_) continue;
    Result<ContactPlan> removed = ws_->RemoveArrangement(plan.id, a.id);
    EXPECT_TRUE(removed.ok()) << removed.status().ToString();
  }
  EXPECT_EQ(RelationIds(Get(plan.id)).count(johan_), 0u);
  Result<ContactPlan> added = ws_->AddArrangement(plan.id, Visit(oskar_));
  EXPECT_TRUE(added.ok()) << added.status().ToString();
}

TEST_F(PlanTest, UnsupervisedArrangementForASupervisedOnlyRelationIsRefused) {
  const ContactPlan plan = Propose(elin_);
  NewArrangement a = Visit(sara_);
  a.supervision = "unsupervised";
  ExpectRefusedUnchanged([&] { return StatusOf(ws_->AddArrangement(plan.id, a)); },
                         {"Sara Andersson"});
}

TEST_F(PlanTest, InvalidRecurrenceIsRefused) {
  const ContactPlan plan = Propose(elin_);
  NewArrangement a = Visit(oskar_);
  a.rrule = "FREQ=SOMETIMES";
  ExpectRefusedUnchanged([&] { return StatusOf(ws_->AddArrangement(plan.id, a)); },
                         {"FREQ=SOMETIMES"});
}

TEST_F(PlanTest, RecurrenceWithoutAnyOccurrenceIsRefused) {
  const ContactPlan plan = Propose(elin_);
  NewArrangement a = Visit(oskar_);
  a.rrule = "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31";
  ExpectRefusedUnchanged([&] { return StatusOf(ws_->AddArrangement(plan.id, a)); });
}

TEST_F(PlanTest, FirstDayBeforeTheCurrentPlacementIsRefused) {
  const ContactPlan plan = Propose(elin_);
  NewArrangement a = Visit(oskar_);
  a.first_day = kPlacementStart.AddDays(-1);
  ExpectRefusedUnchanged([&] { return StatusOf(ws_->AddArrangement(plan.id, a)); }, {"2025-05-11"});
  // The day the placement started is fine.
  a.first_day = kPlacementStart;
  EXPECT_TRUE(ws_->AddArrangement(plan.id, a).ok());
}

TEST_F(PlanTest, RelationOfAnotherChildIsRefused) {
  const ContactPlan plan = Propose(elin_);
  ExpectRefusedUnchanged([&] { return StatusOf(ws_->AddArrangement(plan.id, Visit(lena_))); });
}

// ---- The child's view and approval --------------------------------------------------------------

TEST_F(PlanTest, ApprovalWithoutTheChildsViewIsRefusedWithTheMethodsMessage) {
  const ContactPlan plan = Propose(elin_);
  const std::string before = Snapshot(path_);
  const Status refused = StatusOf(ws_->ApprovePlan(plan.id));
  EXPECT_TRUE(refused.IsFailedPrecondition() || refused.IsInvalidArgument()) << refused.ToString();
  EXPECT_THAT(refused.message(), HasSubstr("The child's view is not recorded"));
  EXPECT_EQ(Snapshot(path_), before);
  const ContactPlan read = Get(plan.id);
  EXPECT_EQ(read.status, PlanStatus::kDraft);
  EXPECT_FALSE(read.review_date.has_value());
  EXPECT_EQ(read.approved_by, "");
}

TEST_F(PlanTest, RecordingTheChildsViewStoresIt) {
  const ContactPlan plan = Propose(elin_);
  Result<ContactPlan> viewed = ws_->RecordChildView(plan.id, View());
  ASSERT_TRUE(viewed.ok()) << viewed.status().ToString();
  ASSERT_TRUE(viewed->child_view.has_value());
  EXPECT_EQ(viewed->child_view->text, View().text);
  EXPECT_EQ(viewed->child_view->recorded_on, Date(2026, 11, 25));
  EXPECT_EQ(viewed->child_view->how, "conversation");
  EXPECT_EQ(viewed->status, PlanStatus::kDraft);
  const ContactPlan read = Get(plan.id);
  ASSERT_TRUE(read.child_view.has_value());
  EXPECT_EQ(read.child_view->text, View().text);
}

TEST_F(PlanTest, AnInvalidChildViewIsRefused) {
  const ContactPlan plan = Propose(elin_);
  ChildView empty = View();
  empty.text = "";
  ExpectRefusedUnchanged([&] { return StatusOf(ws_->RecordChildView(plan.id, empty)); });
  ChildView future = View();
  future.recorded_on = kToday.AddDays(1);
  ExpectRefusedUnchanged([&] { return StatusOf(ws_->RecordChildView(plan.id, future)); });
  ChildView how = View();
  how.how = "guess";
  ExpectRefusedUnchanged([&] { return StatusOf(ws_->RecordChildView(plan.id, how)); }, {"guess"});
}

TEST_F(PlanTest, ApprovalAfterTheViewMakesThePlanActiveWithAReviewDate) {
  const ContactPlan plan = Propose(elin_);
  ASSERT_TRUE(ws_->RecordChildView(plan.id, View()).ok());
  Result<ContactPlan> approved = ws_->ApprovePlan(plan.id);
  ASSERT_TRUE(approved.ok()) << approved.status().ToString();
  EXPECT_EQ(approved->status, PlanStatus::kActive);
  EXPECT_EQ(PlanStatusName(approved->status), "active");
  ASSERT_TRUE(approved->review_date.has_value());
  // A restriction is in force (Sara): reviewed within three months.
  EXPECT_GT(*approved->review_date, kToday);
  EXPECT_LE(*approved->review_date, kToday.AddMonths(3));
  EXPECT_EQ(approved->approved_by, "anna");
  EXPECT_EQ(approved->approved_at, kNow);
  for (const MethodFinding& f : approved->findings) EXPECT_NE(f.severity, "error") << f.code;

  const ContactPlan read = Get(plan.id);
  EXPECT_EQ(read.status, PlanStatus::kActive);
  EXPECT_EQ(read.review_date, approved->review_date);
  EXPECT_EQ(read.approved_by, "anna");
}

TEST_F(PlanTest, ChangesToAnActivePlanAreRefused) {
  const ContactPlan plan = Active();
  ASSERT_EQ(plan.status, PlanStatus::kActive);
  ASSERT_FALSE(plan.arrangements.empty());
  const std::string before = Snapshot(path_);
  EXPECT_TRUE(StatusOf(ws_->AddArrangement(plan.id, Visit(oskar_))).IsFailedPrecondition());
  EXPECT_TRUE(StatusOf(ws_->RemoveArrangement(plan.id, plan.arrangements.front().id))
                  .IsFailedPrecondition());
  EXPECT_TRUE(StatusOf(ws_->RecordChildView(plan.id, View())).IsFailedPrecondition());
  EXPECT_TRUE(StatusOf(ws_->ApprovePlan(plan.id)).IsFailedPrecondition());
  EXPECT_EQ(Snapshot(path_), before);
  EXPECT_EQ(Get(plan.id).status, PlanStatus::kActive);
}

TEST_F(PlanTest, EndingAPlanSetsItsStatusAndFreezesIt) {
  const ContactPlan plan = Active();
  Result<ContactPlan> ended = ws_->EndPlan(plan.id, kToday, "Elin returns home");
  ASSERT_TRUE(ended.ok()) << ended.status().ToString();
  EXPECT_EQ(ended->status, PlanStatus::kEnded);
  EXPECT_EQ(PlanStatusName(ended->status), "ended");
  EXPECT_EQ(ended->ended_on, kToday);
  EXPECT_EQ(ended->end_reason, "Elin returns home");
  const ContactPlan read = Get(plan.id);
  EXPECT_EQ(read.status, PlanStatus::kEnded);
  EXPECT_EQ(read.ended_on, kToday);
  EXPECT_TRUE(StatusOf(ws_->AddArrangement(plan.id, Visit(oskar_))).IsFailedPrecondition());
  EXPECT_TRUE(StatusOf(ws_->ApprovePlan(plan.id)).IsFailedPrecondition());
  EXPECT_FALSE(ws_->EndPlan(plan.id, kToday, "again").ok());
}

// ---- Access -------------------------------------------------------------------------------------

TEST_F(PlanTest, WorkersWithoutTheChildInTheirCaseloadAreRefused) {
  const ContactPlan plan = Propose(elin_);
  for (const char* account : {"olle", "cecilia"}) {
    SCOPED_TRACE(account);
    Workspace other = OpenAs(account);
    const std::string before = Snapshot(path_);
    EXPECT_TRUE(StatusOf(other.ProposePlan(elin_, kVara, "")).IsPermissionDenied());
    EXPECT_TRUE(StatusOf(other.GetPlan(plan.id)).IsPermissionDenied());
    bool visited = false;
    EXPECT_TRUE(other
                    .ForEachPlan(elin_,
                                 [&](const ContactPlan&) {
                                   visited = true;
                                   return true;
                                 })
                    .IsPermissionDenied());
    EXPECT_FALSE(visited);
    EXPECT_TRUE(StatusOf(other.RecordChildView(plan.id, View())).IsPermissionDenied());
    EXPECT_TRUE(StatusOf(other.AddArrangement(plan.id, Visit(oskar_))).IsPermissionDenied());
    EXPECT_TRUE(StatusOf(other.RemoveArrangement(plan.id, plan.arrangements.front().id))
                    .IsPermissionDenied());
    EXPECT_TRUE(StatusOf(other.ApprovePlan(plan.id)).IsPermissionDenied());
    EXPECT_TRUE(StatusOf(other.EndPlan(plan.id, kToday, "no")).IsPermissionDenied());
    EXPECT_EQ(Snapshot(path_), before);
  }
  // The refusals are in the audit trail, naming Elin.
  std::set<std::string> refused_workers;
  for (const AuditEntry& e : AuditOf(elin_)) {
    if (e.action == "access.denied") refused_workers.insert(e.worker_account);
  }
  EXPECT_THAT(refused_workers, Contains("olle"));
  EXPECT_THAT(refused_workers, Contains("cecilia"));
}

// ---- The audit trail ----------------------------------------------------------------------------

TEST_F(PlanTest, EveryReadAndWriteOfAPlanIsAudited) {
  std::size_t count = PlanEntries(elin_).size();
  EXPECT_EQ(count, 0u);
  // Each step adds exactly one "plan.*" entry naming Elin, by anna.
  auto step = [&](const std::string& what, const std::function<Status()>& run,
                  const std::string& action = "") {
    SCOPED_TRACE(what);
    const Status status = run();
    ASSERT_TRUE(status.ok()) << status.ToString();
    const std::vector<AuditEntry> entries = PlanEntries(elin_);
    ASSERT_EQ(entries.size(), count + 1)
        << "the last plan entry: " << (entries.empty() ? "" : entries.back().action);
    const AuditEntry& e = entries.back();
    EXPECT_EQ(e.worker_account, "anna");
    EXPECT_THAT(e.children, ElementsAre(elin_));
    if (!action.empty()) {
      EXPECT_EQ(e.action, action);
    }
    count = entries.size();
  };
  std::int64_t id = 0;
  step(
      "propose",
      [&] {
        Result<ContactPlan> plan = ws_->ProposePlan(elin_, kVara, "");
        if (plan.ok()) id = plan->id;
        return StatusOf(plan);
      },
      "plan.propose");
  step("show", [&] { return StatusOf(ws_->GetPlan(id)); });
  step("list", [&] { return ws_->ForEachPlan(elin_, [](const ContactPlan&) { return true; }); });
  std::int64_t added_id = 0;
  step("add arrangement", [&] {
    Result<ContactPlan> plan = ws_->AddArrangement(id, Visit(oskar_));
    if (plan.ok()) {
      for (const PlanArrangement& a : plan->arrangements) {
        if (a.relation_id == oskar_ && a.duration_minutes == 90) added_id = a.id;
      }
    }
    return StatusOf(plan);
  });
  step("remove arrangement", [&] { return StatusOf(ws_->RemoveArrangement(id, added_id)); });
  step("view", [&] { return StatusOf(ws_->RecordChildView(id, View())); });
  step(
      "approve", [&] { return StatusOf(ws_->ApprovePlan(id)); }, "plan.approve");
  step("end", [&] { return StatusOf(ws_->EndPlan(id, kToday, "returns home")); });

  // Distinct actions for the distinct operations.
  std::set<std::string> actions;
  for (const AuditEntry& e : PlanEntries(elin_)) actions.insert(e.action);
  EXPECT_GE(actions.size(), 6u) << "actions: " << ::testing::PrintToString(actions);
  Result<AuditVerification> verified = OpenAs("anna").VerifyAudit();
  ASSERT_TRUE(verified.ok()) << verified.status().ToString();
  EXPECT_TRUE(verified->intact) << verified->problem;
}

}  // namespace
}  // namespace kinbridge
