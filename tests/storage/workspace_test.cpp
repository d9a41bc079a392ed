// Workspace API tests on temporary SQLite files: children, the family network, contact
// restrictions and placements, each written, read back and refused where the rules say so.
#include "kinbridge/workspace.h"
#include "ready_workspace.h"
#include "test_backend.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <random>
#include <string>
#include <system_error>
#include <vector>

namespace kinbridge {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

const Date kToday(2026, 11, 29);
constexpr const char* kNow = "2026-11-29T10:00:00Z";

// Demo national ids and the birth dates they encode.
constexpr const char* kLisaId = "20170314-2388";         // 2017-03-14
constexpr const char* kOmarId = "20190622-4579";         // 2019-06-22
constexpr const char* kEmilId = "20140208-5193";         // 2014-02-08
constexpr const char* kLiMingId = "341003201603150016";  // 2016-03-15
const Date kLisaBirth(2017, 3, 14);
const Date kOmarBirth(2019, 6, 22);
const Date kEmilBirth(2014, 2, 8);
const Date kLiMingBirth(2016, 3, 15);

using testing_support::Vara;

Municipality Huangshan() {
  Municipality m;
  m.code = "HSS";
  m.name = "黄山市";
  m.country = "CN";
  m.locale = "zh_CN";
  m.time_zone = "Asia/Shanghai";
  return m;
}

WorkspaceOptions Options(Date today = kToday, std::string now = kNow) {
  WorkspaceOptions options;
  options.today = today;
  options.now_utc = std::move(now);
  options.account = "anna";
  return options;
}

CreateOptions Creation(const Municipality& municipality) {
  CreateOptions create;
  create.municipality = municipality;
  create.mode = WorkspaceMode::kTest;
  create.administrator_account = "anna";
  return create;
}

NewChild MakeChild(std::string name, Date birth,
                   std::optional<std::string> national_id = std::nullopt) {
  NewChild child;
  child.name = std::move(name);
  child.birth_date = birth;
  child.national_id = std::move(national_id);
  return child;
}

NewRelation MakeRelation(std::string person, RelationKind kind) {
  NewRelation relation;
  relation.person_name = std::move(person);
  relation.kind = kind;
  return relation;
}

NewRestriction MakeRestriction(Date valid_from) {
  NewRestriction restriction;
  restriction.kind = RestrictionKind::kSupervisedOnly;
  restriction.decision_reference = "SN 2026/117";
  restriction.reason = "risk of abduction";
  restriction.valid_from = valid_from;
  return restriction;
}

NewPlacement MakePlacement(Date start, PlacementType type = PlacementType::kFosterFamily) {
  NewPlacement placement;
  placement.type = type;
  placement.legal_basis = LegalBasis::kCompulsory;
  placement.legal_code = "LVU 2 §";
  placement.caregivers = "Karin and Per Svensson";
  placement.start = start;
  placement.address = "Storgatan 1, Vara";
  return placement;
}

// A fresh temporary directory per test holding a new Vara workspace (ws_).
class WorkspaceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device random;
    const std::string test = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    dir_ = fs::temp_directory_path() /
           ("kinbridge-workspace-test-" + test + "-" + std::to_string(random()));
    ASSERT_TRUE(fs::create_directories(dir_)) << dir_;
    path_ = testing_support::TestWorkspace(dir_ / "vara.kinbridge");
    Result<Workspace> created = testing_support::CreateReady(path_, Creation(Vara()), Options());
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    ws_.emplace(std::move(created).value());
  }

  void TearDown() override {
    ws_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  // Closes ws_ and opens the same file again with another today and clock.
  void Reopen(Date today = kToday, std::string now = kNow) {
    ws_.reset();
    Result<Workspace> opened = Workspace::Open(path_, Options(today, std::move(now)));
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    ws_.emplace(std::move(opened).value());
  }

  // Adds a child and returns it; fails the test when the child is refused.
  Child Add(const NewChild& child) {
    Result<Child> added = ws_->AddChild(child);
    EXPECT_TRUE(added.ok()) << added.status().ToString();
    return added.ok() ? *added : Child{};
  }

  Child AddLisa() { return Add(MakeChild("Lisa Berg", kLisaBirth, kLisaId)); }
  Child AddOmar() { return Add(MakeChild("Omar Haddad", kOmarBirth, kOmarId)); }
  Child AddEmil() { return Add(MakeChild("Emil Öberg", kEmilBirth, kEmilId)); }

  Relation AddMother(const Child& child) {
    Result<Relation> added =
        ws_->AddRelation(child.case_reference, MakeRelation("Sara Berg", RelationKind::kMother));
    EXPECT_TRUE(added.ok()) << added.status().ToString();
    return added.ok() ? *added : Relation{};
  }

  Child Close(const Child& child, Date on = Date(2026, 11, 20)) {
    Result<Child> closed = ws_->CloseChild(child.case_reference, on, "moved to Skövde");
    EXPECT_TRUE(closed.ok()) << closed.status().ToString();
    return closed.ok() ? *closed : Child{};
  }

  // Case references of the children a query lists, in listing order.
  std::vector<std::string> List(const ChildQuery& query) {
    std::vector<std::string> refs;
    Status listed = ws_->ForEachChild(query, [&](const Child& c) {
      refs.push_back(c.case_reference);
      return true;
    });
    EXPECT_TRUE(listed.ok()) << listed.ToString();
    return refs;
  }

  std::vector<Placement> Placements(const std::string& child_ref) {
    std::vector<Placement> placements;
    Status listed = ws_->ForEachPlacement(child_ref, [&](const Placement& p) {
      placements.push_back(p);
      return true;
    });
    EXPECT_TRUE(listed.ok()) << listed.ToString();
    return placements;
  }

  std::vector<std::int64_t> RestrictionIds(const RestrictionQuery& query) {
    std::vector<std::int64_t> ids;
    Status listed = ws_->ForEachRestriction(query, [&](const Restriction& s) {
      ids.push_back(s.id);
      return true;
    });
    EXPECT_TRUE(listed.ok()) << listed.ToString();
    return ids;
  }

  fs::path dir_;
  std::string path_;
  std::optional<Workspace> ws_;
};

// ---- The workspace itself ----

TEST_F(WorkspaceTest, CreateRecordsMunicipalityModeAndAdministrator) {
  const Municipality& m = ws_->municipality();
  EXPECT_GT(m.id, 0);
  EXPECT_EQ(m.uuid.size(), 36u);
  EXPECT_EQ(m.code, "VAR");
  EXPECT_EQ(m.name, "Vara");
  EXPECT_EQ(m.country, "SE");
  EXPECT_EQ(m.locale, "sv_SE");
  EXPECT_EQ(m.time_zone, "Europe/Stockholm");
  EXPECT_EQ(ws_->mode(), WorkspaceMode::kTest);
  EXPECT_EQ(ws_->path(), path_);
  EXPECT_EQ(ws_->schema_version(), WorkspaceSchemaVersion());
  EXPECT_EQ(ws_->Today(), kToday);

  std::vector<Worker> workers;
  ASSERT_TRUE(ws_->ForEachWorker([&](const Worker& w) {
                   workers.push_back(w);
                   return true;
                 })
                  .ok());
  ASSERT_EQ(workers.size(), 1u);
  EXPECT_EQ(workers[0].os_account, "anna");
  EXPECT_EQ(workers[0].name, "anna");  // default name: the account
  EXPECT_THAT(workers[0].roles, ElementsAre(Role::kAdministrator, Role::kSocialWorker));
  EXPECT_TRUE(workers[0].active);
  EXPECT_EQ(workers[0].uuid.size(), 36u);
}

TEST_F(WorkspaceTest, OpenReadsBackWhatCreateWrote) {
  const Municipality created = ws_->municipality();
  Reopen(Date(2027, 2, 1));

  const Municipality& m = ws_->municipality();
  EXPECT_EQ(m.id, created.id);
  EXPECT_EQ(m.uuid, created.uuid);
  EXPECT_EQ(m.code, "VAR");
  EXPECT_EQ(m.name, "Vara");
  EXPECT_EQ(m.country, "SE");
  EXPECT_EQ(m.locale, "sv_SE");
  EXPECT_EQ(m.time_zone, "Europe/Stockholm");
  EXPECT_EQ(ws_->mode(), WorkspaceMode::kTest);
  EXPECT_EQ(ws_->schema_version(), WorkspaceSchemaVersion());
  EXPECT_EQ(ws_->Today(), Date(2027, 2, 1));

  std::vector<std::string> accounts;
  ASSERT_TRUE(ws_->ForEachWorker([&](const Worker& w) {
                   accounts.push_back(w.os_account + "/" + w.name);
                   return true;
                 })
                  .ok());
  EXPECT_THAT(accounts, ElementsAre("anna/anna"));
}

TEST_F(WorkspaceTest, ChineseMunicipalityRoundTrips) {
  const std::string path = (dir_ / "huangshan.kinbridge").string();
  CreateOptions create = Creation(Huangshan());
  create.mode = WorkspaceMode::kDemo;
  create.administrator_name = "王芳";
  {
    Result<Workspace> created = testing_support::CreateReady(path, create, Options());
    ASSERT_TRUE(created.ok()) << created.status().ToString();
  }
  Result<Workspace> opened = Workspace::Open(path, Options());
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(opened->municipality().code, "HSS");
  EXPECT_EQ(opened->municipality().name, "黄山市");
  EXPECT_EQ(opened->municipality().country, "CN");
  EXPECT_EQ(opened->municipality().locale, "zh_CN");
  EXPECT_EQ(opened->municipality().time_zone, "Asia/Shanghai");
  EXPECT_EQ(opened->mode(), WorkspaceMode::kDemo);
  std::vector<std::string> workers;
  ASSERT_TRUE(opened
                  ->ForEachWorker([&](const Worker& w) {
                    workers.push_back(w.os_account + "/" + w.name);
                    return true;
                  })
                  .ok());
  EXPECT_THAT(workers, ElementsAre("anna/王芳"));
}

TEST_F(WorkspaceTest, CreateRefusesAnInvalidMunicipalityAndLeavesNoFile) {
  const std::string path = (dir_ / "bad.kinbridge").string();
  Municipality m = Vara();
  m.code = "vara";
  Result<Workspace> created = testing_support::CreateReady(path, Creation(m), Options());
  ASSERT_FALSE(created.ok());
  EXPECT_TRUE(created.status().IsInvalidArgument());
  EXPECT_THAT(created.status().message(), HasSubstr("municipality code 'vara'"));
  EXPECT_FALSE(fs::exists(path));

  m = Vara();
  m.time_zone = "Europe/Vara";
  created = testing_support::CreateReady(path, Creation(m), Options());
  ASSERT_FALSE(created.ok());
  EXPECT_TRUE(created.status().IsInvalidArgument());
  EXPECT_THAT(created.status().message(), HasSubstr("Europe/Vara"));
  EXPECT_FALSE(fs::exists(path));
}

TEST_F(WorkspaceTest, CreateRefusesAnAdministratorAccountWithControlCharacters) {
  const std::string path = (dir_ / "admin.kinbridge").string();
  CreateOptions create = Creation(Vara());
  create.administrator_account = "anna\nroot";
  Result<Workspace> created = testing_support::CreateReady(path, create, Options());
  ASSERT_FALSE(created.ok());
  EXPECT_TRUE(created.status().IsInvalidArgument());
  EXPECT_THAT(created.status().message(), HasSubstr("administrator account"));
  EXPECT_FALSE(fs::exists(path));
}

TEST_F(WorkspaceTest, CreateRefusesAMalformedClock) {
  const std::string path = (dir_ / "clock.kinbridge").string();
  Result<Workspace> created =
      testing_support::CreateReady(path, Creation(Vara()), Options(kToday, "2026-11-29 10:00"));
  ASSERT_FALSE(created.ok());
  EXPECT_TRUE(created.status().IsInvalidArgument());
  EXPECT_THAT(created.status().message(), HasSubstr("2026-11-29 10:00"));
  EXPECT_FALSE(fs::exists(path));
}

// ---- Children ----

TEST_F(WorkspaceTest, AddChildStoresEveryField) {
  NewChild in = MakeChild("Lisa Berg", kLisaBirth, kLisaId);
  in.languages = {"sv", "ar"};
  in.school = "Vara centralskola";
  in.protected_identity = true;
  Result<Child> added = ws_->AddChild(in);
  ASSERT_TRUE(added.ok()) << added.status().ToString();

  EXPECT_GT(added->id, 0);
  EXPECT_EQ(added->uuid.size(), 36u);
  EXPECT_EQ(added->case_reference, "VAR-2026-0001");
  EXPECT_EQ(added->name, "Lisa Berg");
  EXPECT_EQ(added->birth_date, kLisaBirth);
  ASSERT_TRUE(added->national_id.has_value());
  EXPECT_EQ(added->national_id->scheme, NationalIdScheme::kSePersonnummer);
  EXPECT_EQ(added->national_id->canonical, "201703142388");
  EXPECT_EQ(added->national_id->Display(), "20170314-2388");
  EXPECT_THAT(added->languages, ElementsAre("sv", "ar"));
  EXPECT_EQ(added->school, "Vara centralskola");
  EXPECT_TRUE(added->protected_identity);
  EXPECT_EQ(added->status, ChildStatus::kOpen);
  EXPECT_FALSE(added->closed_on.has_value());
  EXPECT_EQ(added->version, 1);
  EXPECT_EQ(added->created_at, kNow);
  EXPECT_EQ(added->updated_at, kNow);

  // Read back after reopening: the stored row, not the returned struct.
  Reopen();
  Result<Child> read = ws_->GetChild("VAR-2026-0001");
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->id, added->id);
  EXPECT_EQ(read->uuid, added->uuid);
  EXPECT_EQ(read->name, "Lisa Berg");
  EXPECT_EQ(read->birth_date, kLisaBirth);
  ASSERT_TRUE(read->national_id.has_value());
  EXPECT_EQ(read->national_id->scheme, NationalIdScheme::kSePersonnummer);
  EXPECT_EQ(read->national_id->canonical, "201703142388");
  EXPECT_EQ(read->national_id->birth_date, kLisaBirth);
  EXPECT_THAT(read->languages, ElementsAre("sv", "ar"));
  EXPECT_EQ(read->school, "Vara centralskola");
  EXPECT_TRUE(read->protected_identity);
  EXPECT_EQ(read->status, ChildStatus::kOpen);
  EXPECT_EQ(read->version, 1);
  EXPECT_EQ(read->created_at, kNow);
  EXPECT_EQ(read->updated_at, kNow);
}

TEST_F(WorkspaceTest, ChildWithoutNationalIdOrLanguages) {
  Child c = Add(MakeChild("李明", kLiMingBirth));
  EXPECT_EQ(c.case_reference, "VAR-2026-0001");
  Result<Child> read = ws_->GetChild(c.case_reference);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->name, "李明");
  EXPECT_FALSE(read->national_id.has_value());
  EXPECT_TRUE(read->languages.empty());
  EXPECT_EQ(read->school, "");
  EXPECT_FALSE(read->protected_identity);
}

TEST_F(WorkspaceTest, GetChildByCaseReferenceAndByUuid) {
  AddLisa();
  const Child omar = AddOmar();
  Result<Child> by_ref = ws_->GetChild("VAR-2026-0002");
  Result<Child> by_uuid = ws_->GetChild(omar.uuid);
  ASSERT_TRUE(by_ref.ok()) << by_ref.status().ToString();
  ASSERT_TRUE(by_uuid.ok()) << by_uuid.status().ToString();
  EXPECT_EQ(by_ref->id, omar.id);
  EXPECT_EQ(by_uuid->id, omar.id);
  EXPECT_EQ(by_uuid->case_reference, "VAR-2026-0002");
  EXPECT_EQ(by_uuid->name, "Omar Haddad");
  EXPECT_EQ(by_ref->uuid, omar.uuid);
}

TEST_F(WorkspaceTest, CaseReferencesCountUpWithinTheYear) {
  EXPECT_EQ(AddLisa().case_reference, "VAR-2026-0001");
  EXPECT_EQ(AddOmar().case_reference, "VAR-2026-0002");
  EXPECT_EQ(AddEmil().case_reference, "VAR-2026-0003");
}

TEST_F(WorkspaceTest, CaseReferencesRestartInANewYearAndContinuePerYear) {
  EXPECT_EQ(AddLisa().case_reference, "VAR-2026-0001");
  EXPECT_EQ(AddOmar().case_reference, "VAR-2026-0002");

  Reopen(Date(2027, 1, 4), "2027-01-04T08:00:00Z");
  Child emil = AddEmil();
  EXPECT_EQ(emil.case_reference, "VAR-2027-0001");
  EXPECT_EQ(emil.created_at, "2027-01-04T08:00:00Z");
  EXPECT_EQ(Add(MakeChild("李明", kLiMingBirth)).case_reference, "VAR-2027-0002");

  // A late registration dated in the previous year continues that year's numbers.
  Reopen(Date(2026, 12, 31));
  EXPECT_EQ(Add(MakeChild("Nora Ek", Date(2020, 5, 5))).case_reference, "VAR-2026-0003");
}

TEST_F(WorkspaceTest, CaseNumbersAreNeverReusedAfterAChildIsClosed) {
  const Child lisa = AddLisa();
  const Child omar = AddOmar();
  Close(omar);
  EXPECT_EQ(AddEmil().case_reference, "VAR-2026-0003");
  Close(lisa);
  Reopen();
  EXPECT_EQ(Add(MakeChild("Nora Ek", Date(2020, 5, 5))).case_reference, "VAR-2026-0004");
  // The closed children keep their references.
  Result<Child> read = ws_->GetChild("VAR-2026-0002");
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->name, "Omar Haddad");
  EXPECT_EQ(read->status, ChildStatus::kClosed);
}

TEST_F(WorkspaceTest, DuplicateNationalIdIsRefusedNamingTheOtherChild) {
  AddOmar();
  const Child lisa = AddLisa();
  ASSERT_EQ(lisa.case_reference, "VAR-2026-0002");
  // The same number in each of its written forms.
  for (const char* form : {"20170314-2388", "201703142388", "170314-2388", "1703142388"}) {
    Result<Child> dup = ws_->AddChild(MakeChild("Lisa Andersson", kLisaBirth, form));
    ASSERT_FALSE(dup.ok()) << form;
    EXPECT_TRUE(dup.status().IsAlreadyExists()) << form << ": " << dup.status().ToString();
    EXPECT_THAT(dup.status().message(), HasSubstr("VAR-2026-0002")) << form;
    EXPECT_THAT(dup.status().message(), HasSubstr("20170314-2388")) << form;
  }
  EXPECT_THAT(List(ChildQuery{std::nullopt, ""}), ElementsAre("VAR-2026-0001", "VAR-2026-0002"));
}

TEST_F(WorkspaceTest, NationalIdOfAClosedChildStaysTaken) {
  const Child lisa = AddLisa();
  Close(lisa);
  Result<Child> dup = ws_->AddChild(MakeChild("Lisa Berg", kLisaBirth, kLisaId));
  ASSERT_FALSE(dup.ok());
  EXPECT_TRUE(dup.status().IsAlreadyExists());
  EXPECT_THAT(dup.status().message(), HasSubstr("VAR-2026-0001"));
}

TEST_F(WorkspaceTest, NationalIdWhoseBirthDateDiffersIsRefused) {
  Result<Child> added = ws_->AddChild(MakeChild("Lisa Berg", Date(2017, 3, 15), kLisaId));
  ASSERT_FALSE(added.ok());
  EXPECT_TRUE(added.status().IsInvalidArgument());
  EXPECT_THAT(added.status().message(), HasSubstr("20170314-2388"));
  EXPECT_THAT(added.status().message(), HasSubstr("2017-03-14"));
  EXPECT_THAT(added.status().message(), HasSubstr("2017-03-15"));
  EXPECT_TRUE(List(ChildQuery{std::nullopt, ""}).empty());
}

TEST_F(WorkspaceTest, InvalidNationalIdIsRefused) {
  Result<Child> added = ws_->AddChild(MakeChild("Lisa Berg", kLisaBirth, "20170314-2387"));
  ASSERT_FALSE(added.ok());
  EXPECT_TRUE(added.status().IsInvalidArgument());
  EXPECT_THAT(added.status().message(), HasSubstr("20170314-2387"));
  EXPECT_THAT(added.status().message(), HasSubstr("check digit"));
}

TEST_F(WorkspaceTest, ChineseResidentIdIsInferredAndStored) {
  const Child c = Add(MakeChild("李明", kLiMingBirth, kLiMingId));
  Result<Child> read = ws_->GetChild(c.uuid);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  ASSERT_TRUE(read->national_id.has_value());
  EXPECT_EQ(read->national_id->scheme, NationalIdScheme::kCnResidentId);
  EXPECT_EQ(read->national_id->canonical, kLiMingId);
  EXPECT_EQ(read->national_id->Display(), kLiMingId);
}

TEST_F(WorkspaceTest, BirthDateInTheFutureIsRefused) {
  Result<Child> added = ws_->AddChild(MakeChild("Baby Berg", Date(2026, 11, 30)));
  ASSERT_FALSE(added.ok());
  EXPECT_TRUE(added.status().IsInvalidArgument());
  EXPECT_THAT(added.status().message(), HasSubstr("2026-11-30 is in the future"));
}

TEST_F(WorkspaceTest, NameThatIsNotUtf8IsRefused) {
  Result<Child> added = ws_->AddChild(MakeChild("\xff\xfe", kLisaBirth));
  ASSERT_FALSE(added.ok());
  EXPECT_TRUE(added.status().IsInvalidArgument());
  EXPECT_THAT(added.status().message(), HasSubstr("not valid UTF-8"));
  // A truncated sequence, a surrogate and an overlong form too.
  for (const char* name : {"Lis\xc3", "\xed\xa0\x80", "\xc0\xaf"}) {
    Result<Child> bad = ws_->AddChild(MakeChild(name, kLisaBirth));
    ASSERT_FALSE(bad.ok());
    EXPECT_TRUE(bad.status().IsInvalidArgument());
  }
  EXPECT_TRUE(List(ChildQuery{std::nullopt, ""}).empty());
  // Refusals drew no case numbers.
  EXPECT_EQ(AddLisa().case_reference, "VAR-2026-0001");
}

TEST_F(WorkspaceTest, NameWithControlCharactersIsRefused) {
  for (const char* name : {"Lisa\nBerg", "Lisa\tBerg", "Lisa\rBerg", "Lisa\x7f", "Lisa\xc2\x85"}) {
    Result<Child> added = ws_->AddChild(MakeChild(name, kLisaBirth));
    ASSERT_FALSE(added.ok()) << name;
    EXPECT_TRUE(added.status().IsInvalidArgument()) << name;
    EXPECT_THAT(added.status().message(), HasSubstr("control characters")) << name;
  }
  EXPECT_TRUE(List(ChildQuery{std::nullopt, ""}).empty());
}

TEST_F(WorkspaceTest, EmptyNameAndBadLanguageAreRefused) {
  Result<Child> added = ws_->AddChild(MakeChild("   ", kLisaBirth));
  ASSERT_FALSE(added.ok());
  EXPECT_TRUE(added.status().IsInvalidArgument());
  EXPECT_THAT(added.status().message(), HasSubstr("empty"));

  NewChild in = MakeChild("Lisa Berg", kLisaBirth);
  in.languages = {"sv", "Swedish"};
  added = ws_->AddChild(in);
  ASSERT_FALSE(added.ok());
  EXPECT_TRUE(added.status().IsInvalidArgument());
  EXPECT_THAT(added.status().message(), HasSubstr("'Swedish'"));
}

TEST_F(WorkspaceTest, UnknownChildIsNotFoundAndNamed) {
  AddLisa();
  for (const char* ref : {"VAR-2026-0999", "0b0f6c1e-7d5a-4c1b-9a55-3f1d2e4c5b6a"}) {
    Result<Child> got = ws_->GetChild(ref);
    ASSERT_FALSE(got.ok()) << ref;
    EXPECT_TRUE(got.status().IsNotFound()) << ref;
    EXPECT_THAT(got.status().message(), HasSubstr(ref));
  }
  ChildChanges changes;
  changes.school = "Vara centralskola";
  Result<Child> edited = ws_->EditChild("VAR-2026-0999", changes);
  ASSERT_FALSE(edited.ok());
  EXPECT_TRUE(edited.status().IsNotFound());
  EXPECT_THAT(edited.status().message(), HasSubstr("VAR-2026-0999"));

  Result<Child> closed = ws_->CloseChild("VAR-2026-0999", kToday, "moved");
  ASSERT_FALSE(closed.ok());
  EXPECT_TRUE(closed.status().IsNotFound());

  Result<Relation> relation =
      ws_->AddRelation("VAR-2026-0999", MakeRelation("Sara Berg", RelationKind::kMother));
  ASSERT_FALSE(relation.ok());
  EXPECT_TRUE(relation.status().IsNotFound());
  EXPECT_THAT(relation.status().message(), HasSubstr("VAR-2026-0999"));

  Result<Placement> placement = ws_->AddPlacement("VAR-2026-0999", MakePlacement(kToday));
  ASSERT_FALSE(placement.ok());
  EXPECT_TRUE(placement.status().IsNotFound());

  Status listed = ws_->ForEachPlacement("VAR-2026-0999", [](const Placement&) { return true; });
  EXPECT_TRUE(listed.IsNotFound());
  listed = ws_->ForEachRelation("VAR-2026-0999", [](const Relation&) { return true; });
  EXPECT_TRUE(listed.IsNotFound());
  RestrictionQuery query;
  query.child = "VAR-2026-0999";
  listed = ws_->ForEachRestriction(query, [](const Restriction&) { return true; });
  EXPECT_TRUE(listed.IsNotFound());
  EXPECT_THAT(listed.message(), HasSubstr("VAR-2026-0999"));
}

TEST_F(WorkspaceTest, EditChildChangesOnlyTheGivenFields) {
  NewChild in = MakeChild("Lisa Berg", kLisaBirth, kLisaId);
  in.languages = {"sv"};
  in.school = "Vara centralskola";
  const Child lisa = Add(in);
  Reopen(kToday, "2026-11-29T11:30:00Z");

  ChildChanges changes;
  changes.school = "Nästegårdsskolan";
  changes.languages = std::vector<std::string>{"sv", "fa"};
  Result<Child> edited = ws_->EditChild(lisa.case_reference, changes);
  ASSERT_TRUE(edited.ok()) << edited.status().ToString();
  EXPECT_EQ(edited->version, 2);
  EXPECT_EQ(edited->updated_at, "2026-11-29T11:30:00Z");

  Result<Child> read = ws_->GetChild(lisa.uuid);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->name, "Lisa Berg");
  EXPECT_EQ(read->birth_date, kLisaBirth);
  EXPECT_EQ(read->school, "Nästegårdsskolan");
  EXPECT_THAT(read->languages, ElementsAre("sv", "fa"));
  ASSERT_TRUE(read->national_id.has_value());
  EXPECT_EQ(read->national_id->canonical, "201703142388");
  EXPECT_EQ(read->version, 2);
  EXPECT_EQ(read->created_at, kNow);
  EXPECT_EQ(read->updated_at, "2026-11-29T11:30:00Z");
  EXPECT_EQ(read->case_reference, "VAR-2026-0001");
}

TEST_F(WorkspaceTest, EditChildSetsAndRemovesTheNationalId) {
  const Child omar = Add(MakeChild("Omar Haddad", kOmarBirth));
  ChildChanges set;
  set.national_id = "190622-4579";
  Result<Child> edited = ws_->EditChild(omar.case_reference, set);
  ASSERT_TRUE(edited.ok()) << edited.status().ToString();
  ASSERT_TRUE(edited->national_id.has_value());
  EXPECT_EQ(edited->national_id->canonical, "201906224579");

  ChildChanges remove;
  remove.national_id = "";
  edited = ws_->EditChild(omar.case_reference, remove);
  ASSERT_TRUE(edited.ok()) << edited.status().ToString();
  EXPECT_FALSE(edited->national_id.has_value());
  Result<Child> read = ws_->GetChild(omar.case_reference);
  ASSERT_TRUE(read.ok());
  EXPECT_FALSE(read->national_id.has_value());
  EXPECT_EQ(read->version, 3);
  // The number is free again.
  Result<Child> other = ws_->AddChild(MakeChild("Omar H.", kOmarBirth, kOmarId));
  EXPECT_TRUE(other.ok()) << other.status().ToString();
}

TEST_F(WorkspaceTest, EditChildRefusesABirthDateTheNationalIdContradicts) {
  const Child lisa = AddLisa();
  ChildChanges changes;
  changes.birth_date = Date(2017, 3, 15);
  Result<Child> edited = ws_->EditChild(lisa.case_reference, changes);
  ASSERT_FALSE(edited.ok());
  EXPECT_TRUE(edited.status().IsInvalidArgument());
  EXPECT_THAT(edited.status().message(), HasSubstr("VAR-2026-0001"));
  EXPECT_THAT(edited.status().message(), HasSubstr("2017-03-14"));
  Result<Child> read = ws_->GetChild(lisa.case_reference);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->birth_date, kLisaBirth);
  EXPECT_EQ(read->version, 1);
}

TEST_F(WorkspaceTest, EditChildRefusesANationalIdHeldByAnotherChild) {
  AddLisa();
  const Child omar = Add(MakeChild("Omar Haddad", kLisaBirth));
  ChildChanges changes;
  changes.national_id = kLisaId;
  Result<Child> edited = ws_->EditChild(omar.case_reference, changes);
  ASSERT_FALSE(edited.ok());
  EXPECT_TRUE(edited.status().IsAlreadyExists()) << edited.status().ToString();
  EXPECT_THAT(edited.status().message(), HasSubstr("VAR-2026-0001"));
  // Re-saving a child's own number is not a duplicate.
  ChildChanges same;
  same.national_id = "201703142388";
  same.school = "Vara centralskola";
  Result<Child> resaved = ws_->EditChild("VAR-2026-0001", same);
  EXPECT_TRUE(resaved.ok()) << resaved.status().ToString();
}

TEST_F(WorkspaceTest, EditChildRefusesInvalidText) {
  const Child lisa = AddLisa();
  ChildChanges changes;
  changes.name = "\xff\xfe";
  Result<Child> edited = ws_->EditChild(lisa.case_reference, changes);
  ASSERT_FALSE(edited.ok());
  EXPECT_TRUE(edited.status().IsInvalidArgument());
  EXPECT_THAT(edited.status().message(), HasSubstr("not valid UTF-8"));
  changes.name = "Lisa\x1b[31mBerg";
  edited = ws_->EditChild(lisa.case_reference, changes);
  ASSERT_FALSE(edited.ok());
  EXPECT_THAT(edited.status().message(), HasSubstr("control characters"));
  Result<Child> read = ws_->GetChild(lisa.case_reference);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->name, "Lisa Berg");
  EXPECT_EQ(read->version, 1);
}

TEST_F(WorkspaceTest, EditWithAStaleVersionIsAConflict) {
  const Child lisa = AddLisa();
  ChildChanges first;
  first.school = "Vara centralskola";
  first.expected_version = 1;
  Result<Child> edited = ws_->EditChild(lisa.case_reference, first);
  ASSERT_TRUE(edited.ok()) << edited.status().ToString();
  EXPECT_EQ(edited->version, 2);

  ChildChanges stale;
  stale.school = "Nästegårdsskolan";
  stale.expected_version = 1;
  Result<Child> refused = ws_->EditChild(lisa.case_reference, stale);
  ASSERT_FALSE(refused.ok());
  EXPECT_TRUE(refused.status().IsConflict()) << refused.status().ToString();
  EXPECT_THAT(refused.status().message(), HasSubstr("VAR-2026-0001"));
  EXPECT_THAT(refused.status().message(), HasSubstr("version 1 is now 2"));

  Result<Child> read = ws_->GetChild(lisa.case_reference);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->school, "Vara centralskola");
  EXPECT_EQ(read->version, 2);
}

TEST_F(WorkspaceTest, CloseChildRecordsDateAndReason) {
  const Child lisa = AddLisa();
  Result<Child> closed = ws_->CloseChild(lisa.case_reference, Date(2026, 11, 20), "moved away");
  ASSERT_TRUE(closed.ok()) << closed.status().ToString();
  EXPECT_EQ(closed->status, ChildStatus::kClosed);
  EXPECT_EQ(closed->version, 2);

  Result<Child> read = ws_->GetChild(lisa.uuid);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->status, ChildStatus::kClosed);
  ASSERT_TRUE(read->closed_on.has_value());
  EXPECT_EQ(*read->closed_on, Date(2026, 11, 20));
  EXPECT_EQ(read->close_reason, "moved away");
  EXPECT_EQ(read->version, 2);
}

TEST_F(WorkspaceTest, CloseChildRefusesBadDatesEmptyReasonAndClosingTwice) {
  const Child lisa = AddLisa();
  Result<Child> closed = ws_->CloseChild(lisa.case_reference, Date(2026, 11, 30), "moved");
  ASSERT_FALSE(closed.ok());
  EXPECT_TRUE(closed.status().IsInvalidArgument());
  EXPECT_THAT(closed.status().message(), HasSubstr("2026-11-30"));

  closed = ws_->CloseChild(lisa.case_reference, Date(2017, 3, 13), "moved");
  ASSERT_FALSE(closed.ok());
  EXPECT_TRUE(closed.status().IsInvalidArgument());
  EXPECT_THAT(closed.status().message(), HasSubstr("2017-03-13"));

  closed = ws_->CloseChild(lisa.case_reference, kToday, " ");
  ASSERT_FALSE(closed.ok());
  EXPECT_TRUE(closed.status().IsInvalidArgument());

  ASSERT_TRUE(ws_->CloseChild(lisa.case_reference, kToday, "moved").ok());
  closed = ws_->CloseChild(lisa.case_reference, kToday, "moved again");
  ASSERT_FALSE(closed.ok());
  EXPECT_TRUE(closed.status().IsFailedPrecondition());
  EXPECT_THAT(closed.status().message(), HasSubstr("2026-11-29"));
  Result<Child> read = ws_->GetChild(lisa.case_reference);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->close_reason, "moved");
}

TEST_F(WorkspaceTest, EditOfAClosedChildIsRefused) {
  const Child lisa = AddLisa();
  Close(lisa, Date(2026, 11, 20));
  ChildChanges changes;
  changes.school = "Vara centralskola";
  Result<Child> edited = ws_->EditChild(lisa.case_reference, changes);
  ASSERT_FALSE(edited.ok());
  EXPECT_TRUE(edited.status().IsFailedPrecondition()) << edited.status().ToString();
  EXPECT_THAT(edited.status().message(), HasSubstr("VAR-2026-0001"));
  EXPECT_THAT(edited.status().message(), HasSubstr("closed on 2026-11-20"));
  Result<Child> read = ws_->GetChild(lisa.case_reference);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->school, "");
  EXPECT_EQ(read->version, 2);
}

TEST_F(WorkspaceTest, ForEachChildFiltersByStatusAndName) {
  AddLisa();
  const Child omar = AddOmar();
  AddEmil();
  Add(MakeChild("李明", kLiMingBirth));
  Close(omar);

  EXPECT_THAT(List(ChildQuery{}),
              ElementsAre("VAR-2026-0001", "VAR-2026-0003", "VAR-2026-0004"));  // default: open
  EXPECT_THAT(List(ChildQuery{ChildStatus::kOpen, ""}),
              ElementsAre("VAR-2026-0001", "VAR-2026-0003", "VAR-2026-0004"));
  EXPECT_THAT(List(ChildQuery{ChildStatus::kClosed, ""}), ElementsAre("VAR-2026-0002"));
  EXPECT_THAT(List(ChildQuery{std::nullopt, ""}),
              ElementsAre("VAR-2026-0001", "VAR-2026-0002", "VAR-2026-0003", "VAR-2026-0004"));

  // Case-sensitive: "Berg" is Lisa Berg, "berg" is Emil Öberg.
  EXPECT_THAT(List(ChildQuery{std::nullopt, "Berg"}), ElementsAre("VAR-2026-0001"));
  EXPECT_THAT(List(ChildQuery{std::nullopt, "berg"}), ElementsAre("VAR-2026-0003"));
  EXPECT_THAT(List(ChildQuery{std::nullopt, "李"}), ElementsAre("VAR-2026-0004"));
  EXPECT_THAT(List(ChildQuery{std::nullopt, "Öberg"}), ElementsAre("VAR-2026-0003"));
  EXPECT_THAT(List(ChildQuery{ChildStatus::kOpen, "Haddad"}), ElementsAre());
  EXPECT_THAT(List(ChildQuery{ChildStatus::kClosed, "Haddad"}), ElementsAre("VAR-2026-0002"));
  // A LIKE pattern character is matched literally.
  EXPECT_THAT(List(ChildQuery{std::nullopt, "%"}), ElementsAre());
}

TEST_F(WorkspaceTest, ForEachChildStopsWhenTheVisitorReturnsFalse) {
  AddLisa();
  AddOmar();
  AddEmil();
  std::vector<std::string> seen;
  Status listed = ws_->ForEachChild(ChildQuery{std::nullopt, ""}, [&](const Child& c) {
    seen.push_back(c.case_reference);
    return seen.size() < 2;
  });
  ASSERT_TRUE(listed.ok()) << listed.ToString();
  EXPECT_THAT(seen, ElementsAre("VAR-2026-0001", "VAR-2026-0002"));
}

// ---- The family network ----

TEST_F(WorkspaceTest, AddListAndGetRelations) {
  const Child lisa = AddLisa();
  const Child omar = AddOmar();
  NewRelation mother = MakeRelation("Sara Berg", RelationKind::kMother);
  mother.birth_date = Date(1990, 4, 2);
  mother.description = "birth mother";
  mother.caregiver = false;
  mother.in_contact = true;
  NewRelation grandmother = MakeRelation("Ingrid Berg", RelationKind::kGrandparent);
  grandmother.description = "maternal grandmother";
  grandmother.caregiver = true;
  grandmother.in_contact = false;

  Result<Relation> r1 = ws_->AddRelation(lisa.case_reference, mother);
  ASSERT_TRUE(r1.ok()) << r1.status().ToString();
  Result<Relation> r2 = ws_->AddRelation(lisa.uuid, grandmother);
  ASSERT_TRUE(r2.ok()) << r2.status().ToString();
  ASSERT_TRUE(
      ws_->AddRelation(omar.case_reference, MakeRelation("Ali", RelationKind::kFather)).ok());
  EXPECT_NE(r1->id, r2->id);
  EXPECT_EQ(r1->uuid.size(), 36u);
  EXPECT_EQ(r1->child_id, lisa.id);
  EXPECT_EQ(r1->child_case_reference, "VAR-2026-0001");
  EXPECT_EQ(r1->created_at, kNow);

  Reopen();
  Result<Relation> read = ws_->GetRelation(r1->id);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->uuid, r1->uuid);
  EXPECT_EQ(read->child_id, lisa.id);
  EXPECT_EQ(read->child_case_reference, "VAR-2026-0001");
  EXPECT_EQ(read->person_name, "Sara Berg");
  EXPECT_EQ(read->kind, RelationKind::kMother);
  EXPECT_EQ(read->description, "birth mother");
  ASSERT_TRUE(read->birth_date.has_value());
  EXPECT_EQ(*read->birth_date, Date(1990, 4, 2));
  EXPECT_FALSE(read->caregiver);
  EXPECT_TRUE(read->in_contact);
  EXPECT_EQ(read->created_at, kNow);

  read = ws_->GetRelation(r2->id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->kind, RelationKind::kGrandparent);
  EXPECT_FALSE(read->birth_date.has_value());
  EXPECT_TRUE(read->caregiver);
  EXPECT_FALSE(read->in_contact);

  std::vector<std::string> names;
  Status listed = ws_->ForEachRelation(lisa.case_reference, [&](const Relation& r) {
    names.push_back(r.person_name);
    return true;
  });
  ASSERT_TRUE(listed.ok()) << listed.ToString();
  EXPECT_THAT(names, ElementsAre("Sara Berg", "Ingrid Berg"));

  names.clear();
  listed = ws_->ForEachRelation(lisa.uuid, [&](const Relation& r) {
    names.push_back(r.person_name);
    return false;
  });
  ASSERT_TRUE(listed.ok());
  EXPECT_THAT(names, ElementsAre("Sara Berg"));
}

TEST_F(WorkspaceTest, RelationToAClosedChildIsRefused) {
  const Child lisa = AddLisa();
  Close(lisa, Date(2026, 11, 20));
  Result<Relation> added =
      ws_->AddRelation(lisa.case_reference, MakeRelation("Sara Berg", RelationKind::kMother));
  ASSERT_FALSE(added.ok());
  EXPECT_TRUE(added.status().IsFailedPrecondition()) << added.status().ToString();
  EXPECT_THAT(added.status().message(), HasSubstr("VAR-2026-0001"));
  EXPECT_THAT(added.status().message(), HasSubstr("closed on 2026-11-20"));
  int count = 0;
  ASSERT_TRUE(ws_->ForEachRelation(lisa.case_reference,
                                   [&](const Relation&) {
                                     ++count;
                                     return true;
                                   })
                  .ok());
  EXPECT_EQ(count, 0);
}

TEST_F(WorkspaceTest, InvalidRelationsAreRefused) {
  const Child lisa = AddLisa();
  Result<Relation> added =
      ws_->AddRelation(lisa.case_reference, MakeRelation("", RelationKind::kMother));
  ASSERT_FALSE(added.ok());
  EXPECT_TRUE(added.status().IsInvalidArgument());
  EXPECT_THAT(added.status().message(), HasSubstr("person name"));

  NewRelation unborn = MakeRelation("Sibling Berg", RelationKind::kSibling);
  unborn.birth_date = Date(2027, 1, 1);
  added = ws_->AddRelation(lisa.case_reference, unborn);
  ASSERT_FALSE(added.ok());
  EXPECT_TRUE(added.status().IsInvalidArgument());
  EXPECT_THAT(added.status().message(), HasSubstr("2027-01-01 is in the future"));

  Result<Relation> got = ws_->GetRelation(4242);
  ASSERT_FALSE(got.ok());
  EXPECT_TRUE(got.status().IsNotFound());
  EXPECT_THAT(got.status().message(), HasSubstr("relation 4242"));
}

// ---- Contact restrictions ----

TEST_F(WorkspaceTest, RestrictionGetsTheDefaultReviewDateAndReadsBack) {
  const Child lisa = AddLisa();
  const Relation mother = AddMother(lisa);
  NewRestriction in = MakeRestriction(Date(2026, 10, 1));
  in.kind = RestrictionKind::kSecretAddress;
  Result<Restriction> added = ws_->AddRestriction(mother.id, in);
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_EQ(added->review_date, Date(2027, 1, 1));
  EXPECT_EQ(added->relation_id, mother.id);
  EXPECT_EQ(added->child_id, lisa.id);
  EXPECT_EQ(added->child_case_reference, "VAR-2026-0001");
  EXPECT_EQ(added->relation_person_name, "Sara Berg");

  Reopen();
  Result<Restriction> read = ws_->GetRestriction(added->id);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->uuid, added->uuid);
  EXPECT_EQ(read->relation_id, mother.id);
  EXPECT_EQ(read->child_id, lisa.id);
  EXPECT_EQ(read->child_case_reference, "VAR-2026-0001");
  EXPECT_EQ(read->relation_person_name, "Sara Berg");
  EXPECT_EQ(read->kind, RestrictionKind::kSecretAddress);
  EXPECT_EQ(read->decision_reference, "SN 2026/117");
  EXPECT_EQ(read->reason, "risk of abduction");
  EXPECT_EQ(read->valid_from, Date(2026, 10, 1));
  EXPECT_FALSE(read->valid_to.has_value());
  EXPECT_EQ(read->review_date, Date(2027, 1, 1));
  EXPECT_FALSE(read->lifted_on.has_value());
  EXPECT_EQ(read->created_at, kNow);
  EXPECT_TRUE(read->InForceOn(kToday));

  // The default clamps to the end of a shorter month.
  Result<Restriction> clamped = ws_->AddRestriction(mother.id, MakeRestriction(Date(2026, 11, 30)));
  ASSERT_TRUE(clamped.ok()) << clamped.status().ToString();
  EXPECT_EQ(clamped->review_date, Date(2027, 2, 28));
}

TEST_F(WorkspaceTest, SwedishReviewDateMoreThanThreeMonthsAwayIsRefused) {
  const Relation mother = AddMother(AddLisa());
  NewRestriction in = MakeRestriction(Date(2026, 10, 1));
  in.review_date = Date(2027, 1, 2);
  Result<Restriction> added = ws_->AddRestriction(mother.id, in);
  ASSERT_FALSE(added.ok());
  EXPECT_TRUE(added.status().IsInvalidArgument()) << added.status().ToString();
  EXPECT_THAT(added.status().message(), HasSubstr("LVU 14 §"));
  EXPECT_THAT(added.status().message(), HasSubstr("2027-01-02"));
  EXPECT_THAT(added.status().message(), HasSubstr("2027-01-01"));
  EXPECT_TRUE(RestrictionIds(RestrictionQuery{std::nullopt, true}).empty());

  // Exactly three months, and sooner, are fine.
  in.review_date = Date(2027, 1, 1);
  Result<Restriction> ok = ws_->AddRestriction(mother.id, in);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->review_date, Date(2027, 1, 1));
  in.review_date = Date(2026, 12, 1);
  ok = ws_->AddRestriction(mother.id, in);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->review_date, Date(2026, 12, 1));
}

TEST_F(WorkspaceTest, ChineseMunicipalityAllowsALaterReviewDate) {
  ws_.reset();
  const std::string path = (dir_ / "huangshan.kinbridge").string();
  Result<Workspace> created = testing_support::CreateReady(path, Creation(Huangshan()), Options());
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  Workspace& hs = *created;
  Result<Child> child = hs.AddChild(MakeChild("李明", kLiMingBirth, kLiMingId));
  ASSERT_TRUE(child.ok()) << child.status().ToString();
  EXPECT_EQ(child->case_reference, "HSS-2026-0001");
  Result<Relation> father =
      hs.AddRelation(child->case_reference, MakeRelation("李强", RelationKind::kFather));
  ASSERT_TRUE(father.ok()) << father.status().ToString();

  NewRestriction in = MakeRestriction(Date(2026, 10, 1));
  in.review_date = Date(2027, 10, 1);
  Result<Restriction> added = hs.AddRestriction(father->id, in);
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_EQ(added->review_date, Date(2027, 10, 1));
  Result<Restriction> read = hs.GetRestriction(added->id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->review_date, Date(2027, 10, 1));
  EXPECT_EQ(read->relation_person_name, "李强");

  // Without a review date the three-month default applies there too.
  Result<Restriction> defaulted = hs.AddRestriction(father->id, MakeRestriction(Date(2026, 10, 1)));
  ASSERT_TRUE(defaulted.ok());
  EXPECT_EQ(defaulted->review_date, Date(2027, 1, 1));
}

TEST_F(WorkspaceTest, RestrictionDatesOutOfOrderAreRefused) {
  const Relation mother = AddMother(AddLisa());
  NewRestriction in = MakeRestriction(Date(2026, 10, 1));
  in.valid_to = Date(2026, 9, 30);
  Result<Restriction> added = ws_->AddRestriction(mother.id, in);
  ASSERT_FALSE(added.ok());
  EXPECT_TRUE(added.status().IsInvalidArgument());
  EXPECT_THAT(added.status().message(), HasSubstr("valid to 2026-09-30"));
  EXPECT_THAT(added.status().message(), HasSubstr("2026-10-01"));

  in = MakeRestriction(Date(2026, 10, 1));
  in.review_date = Date(2026, 9, 1);
  added = ws_->AddRestriction(mother.id, in);
  ASSERT_FALSE(added.ok());
  EXPECT_TRUE(added.status().IsInvalidArgument());
  EXPECT_THAT(added.status().message(), HasSubstr("review date 2026-09-01"));

  in = MakeRestriction(Date(2026, 10, 1));
  in.decision_reference = "";
  added = ws_->AddRestriction(mother.id, in);
  ASSERT_FALSE(added.ok());
  EXPECT_TRUE(added.status().IsInvalidArgument());
  EXPECT_THAT(added.status().message(), HasSubstr("decision reference"));

  // A single-day restriction is fine.
  in = MakeRestriction(Date(2026, 10, 1));
  in.valid_to = Date(2026, 10, 1);
  EXPECT_TRUE(ws_->AddRestriction(mother.id, in).ok());
  EXPECT_EQ(RestrictionIds(RestrictionQuery{std::nullopt, true}).size(), 1u);
}

TEST_F(WorkspaceTest, RestrictionOnUnknownRelationOrClosedChildIsRefused) {
  const Child lisa = AddLisa();
  const Relation mother = AddMother(lisa);
  Result<Restriction> added = ws_->AddRestriction(9999, MakeRestriction(Date(2026, 10, 1)));
  ASSERT_FALSE(added.ok());
  EXPECT_TRUE(added.status().IsNotFound());
  EXPECT_THAT(added.status().message(), HasSubstr("9999"));

  Close(lisa);
  added = ws_->AddRestriction(mother.id, MakeRestriction(Date(2026, 10, 1)));
  ASSERT_FALSE(added.ok());
  EXPECT_TRUE(added.status().IsFailedPrecondition()) << added.status().ToString();
  EXPECT_THAT(added.status().message(), HasSubstr("VAR-2026-0001"));
}

TEST_F(WorkspaceTest, LiftRestrictionOnceOnly) {
  const Relation mother = AddMother(AddLisa());
  Result<Restriction> added = ws_->AddRestriction(mother.id, MakeRestriction(Date(2026, 10, 1)));
  ASSERT_TRUE(added.ok());

  Result<Restriction> early = ws_->LiftRestriction(added->id, Date(2026, 9, 30), "decision");
  ASSERT_FALSE(early.ok());
  EXPECT_TRUE(early.status().IsInvalidArgument());
  EXPECT_THAT(early.status().message(), HasSubstr("2026-09-30"));

  Result<Restriction> no_reason = ws_->LiftRestriction(added->id, Date(2026, 11, 15), "");
  ASSERT_FALSE(no_reason.ok());
  EXPECT_TRUE(no_reason.status().IsInvalidArgument());

  Result<Restriction> lifted =
      ws_->LiftRestriction(added->id, Date(2026, 11, 15), "court decision SN 2026/201");
  ASSERT_TRUE(lifted.ok()) << lifted.status().ToString();
  ASSERT_TRUE(lifted->lifted_on.has_value());
  EXPECT_EQ(*lifted->lifted_on, Date(2026, 11, 15));
  EXPECT_EQ(lifted->lift_reason, "court decision SN 2026/201");

  Result<Restriction> read = ws_->GetRestriction(added->id);
  ASSERT_TRUE(read.ok());
  ASSERT_TRUE(read->lifted_on.has_value());
  EXPECT_EQ(*read->lifted_on, Date(2026, 11, 15));
  EXPECT_EQ(read->lift_reason, "court decision SN 2026/201");
  EXPECT_FALSE(read->InForceOn(kToday));
  EXPECT_TRUE(read->InForceOn(Date(2026, 11, 14)));

  Result<Restriction> twice = ws_->LiftRestriction(added->id, kToday, "again");
  ASSERT_FALSE(twice.ok());
  EXPECT_TRUE(twice.status().IsFailedPrecondition()) << twice.status().ToString();
  EXPECT_THAT(twice.status().message(), HasSubstr("already lifted on 2026-11-15"));
  read = ws_->GetRestriction(added->id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->lift_reason, "court decision SN 2026/201");

  Result<Restriction> unknown = ws_->LiftRestriction(777, kToday, "x");
  ASSERT_FALSE(unknown.ok());
  EXPECT_TRUE(unknown.status().IsNotFound());
  EXPECT_THAT(unknown.status().message(), HasSubstr("restriction 777"));
}

TEST_F(WorkspaceTest, ForEachRestrictionHidesEndedOnesUnlessAsked) {
  const Child lisa = AddLisa();
  const Child omar = AddOmar();
  const Relation mother = AddMother(lisa);
  Result<Relation> father =
      ws_->AddRelation(omar.case_reference, MakeRelation("Ali Haddad", RelationKind::kFather));
  ASSERT_TRUE(father.ok());

  Result<Restriction> active = ws_->AddRestriction(mother.id, MakeRestriction(Date(2026, 9, 1)));
  NewRestriction expired_in = MakeRestriction(Date(2026, 9, 1));
  expired_in.valid_to = Date(2026, 11, 28);  // yesterday
  Result<Restriction> expired = ws_->AddRestriction(mother.id, expired_in);
  NewRestriction ends_today_in = MakeRestriction(Date(2026, 9, 2));
  ends_today_in.valid_to = kToday;
  Result<Restriction> ends_today = ws_->AddRestriction(mother.id, ends_today_in);
  Result<Restriction> lifted = ws_->AddRestriction(mother.id, MakeRestriction(Date(2026, 9, 3)));
  Result<Restriction> other_child =
      ws_->AddRestriction(father->id, MakeRestriction(Date(2026, 8, 1)));
  ASSERT_TRUE(active.ok() && expired.ok() && ends_today.ok() && lifted.ok() && other_child.ok());
  ASSERT_TRUE(ws_->LiftRestriction(lifted->id, Date(2026, 11, 1), "reviewed").ok());

  // Ordered by child, then valid_from.
  EXPECT_THAT(RestrictionIds(RestrictionQuery{}),
              ElementsAre(active->id, ends_today->id, other_child->id));
  EXPECT_THAT(RestrictionIds(RestrictionQuery{std::nullopt, true}),
              ElementsAre(active->id, expired->id, ends_today->id, lifted->id, other_child->id));
  EXPECT_THAT(RestrictionIds(RestrictionQuery{lisa.case_reference, false}),
              ElementsAre(active->id, ends_today->id));
  EXPECT_THAT(RestrictionIds(RestrictionQuery{omar.uuid, true}), ElementsAre(other_child->id));

  // Early stop.
  int seen = 0;
  ASSERT_TRUE(ws_->ForEachRestriction(RestrictionQuery{std::nullopt, true},
                                      [&](const Restriction&) {
                                        ++seen;
                                        return false;
                                      })
                  .ok());
  EXPECT_EQ(seen, 1);

  // The next day, the one that ended today is hidden too.
  Reopen(Date(2026, 11, 30));
  EXPECT_THAT(RestrictionIds(RestrictionQuery{}), ElementsAre(active->id, other_child->id));
}

// ---- Placements ----

TEST_F(WorkspaceTest, AddEndAndListPlacements) {
  const Child lisa = AddLisa();
  NewPlacement first_in = MakePlacement(Date(2025, 1, 10));
  first_in.address_protected = true;
  Result<Placement> first = ws_->AddPlacement(lisa.case_reference, first_in);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->child_id, lisa.id);
  EXPECT_EQ(first->child_case_reference, "VAR-2026-0001");
  EXPECT_FALSE(first->end.has_value());
  EXPECT_EQ(first->uuid.size(), 36u);

  Result<Placement> ended = ws_->EndPlacement(first->id, Date(2025, 6, 30), "moved to kin");
  ASSERT_TRUE(ended.ok()) << ended.status().ToString();
  ASSERT_TRUE(ended->end.has_value());
  EXPECT_EQ(*ended->end, Date(2025, 6, 30));
  EXPECT_EQ(ended->end_reason, "moved to kin");

  // The next placement may begin on the day the previous one ended.
  NewPlacement second_in = MakePlacement(Date(2025, 6, 30), PlacementType::kKinship);
  second_in.legal_basis = LegalBasis::kVoluntary;
  second_in.legal_code = "SoL 4 kap. 1 §";
  second_in.caregivers = "Ingrid Berg";
  second_in.address = "";
  Result<Placement> second = ws_->AddPlacement(lisa.uuid, second_in);
  ASSERT_TRUE(second.ok()) << second.status().ToString();

  Reopen();
  std::vector<Placement> list = Placements(lisa.case_reference);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].id, first->id);
  EXPECT_EQ(list[0].type, PlacementType::kFosterFamily);
  EXPECT_EQ(list[0].legal_basis, LegalBasis::kCompulsory);
  EXPECT_EQ(list[0].legal_code, "LVU 2 §");
  EXPECT_EQ(list[0].caregivers, "Karin and Per Svensson");
  EXPECT_EQ(list[0].start, Date(2025, 1, 10));
  ASSERT_TRUE(list[0].end.has_value());
  EXPECT_EQ(*list[0].end, Date(2025, 6, 30));
  EXPECT_EQ(list[0].end_reason, "moved to kin");
  EXPECT_EQ(list[0].address, "Storgatan 1, Vara");
  EXPECT_TRUE(list[0].address_protected);
  EXPECT_EQ(list[0].created_at, kNow);
  EXPECT_EQ(list[1].id, second->id);
  EXPECT_EQ(list[1].type, PlacementType::kKinship);
  EXPECT_EQ(list[1].legal_basis, LegalBasis::kVoluntary);
  EXPECT_EQ(list[1].legal_code, "SoL 4 kap. 1 §");
  EXPECT_EQ(list[1].caregivers, "Ingrid Berg");
  EXPECT_EQ(list[1].start, Date(2025, 6, 30));
  EXPECT_FALSE(list[1].end.has_value());
  EXPECT_EQ(list[1].address, "");
  EXPECT_FALSE(list[1].address_protected);

  Result<Placement> read = ws_->GetPlacement(second->id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->uuid, second->uuid);
  EXPECT_EQ(read->child_case_reference, "VAR-2026-0001");

  // Another child's placements are not listed with Lisa's.
  const Child omar = AddOmar();
  ASSERT_TRUE(ws_->AddPlacement(omar.case_reference, MakePlacement(Date(2026, 1, 1))).ok());
  EXPECT_EQ(Placements(lisa.case_reference).size(), 2u);
  EXPECT_EQ(Placements(omar.case_reference).size(), 1u);
}

TEST_F(WorkspaceTest, OverlappingPlacementIsAConflictNamingTheOther) {
  const Child lisa = AddLisa();
  Result<Placement> current =
      ws_->AddPlacement(lisa.case_reference, MakePlacement(Date(2025, 1, 10)));
  ASSERT_TRUE(current.ok());
  const std::string other = "placement " + std::to_string(current->id);

  for (Date start : {Date(2025, 3, 1), Date(2025, 1, 10), Date(2024, 12, 1)}) {
    Result<Placement> overlap = ws_->AddPlacement(lisa.case_reference, MakePlacement(start));
    ASSERT_FALSE(overlap.ok()) << start.ToString();
    EXPECT_TRUE(overlap.status().IsConflict()) << overlap.status().ToString();
    EXPECT_THAT(overlap.status().message(), HasSubstr(other));
    EXPECT_THAT(overlap.status().message(), HasSubstr("2025-01-10"));
  }

  // After the first has ended, a start before its end still overlaps it.
  ASSERT_TRUE(ws_->EndPlacement(current->id, Date(2025, 6, 30), "moved").ok());
  Result<Placement> overlap =
      ws_->AddPlacement(lisa.case_reference, MakePlacement(Date(2025, 6, 29)));
  ASSERT_FALSE(overlap.ok());
  EXPECT_TRUE(overlap.status().IsConflict());
  EXPECT_THAT(overlap.status().message(), HasSubstr(other));
  EXPECT_THAT(overlap.status().message(), HasSubstr("2025-06-30"));
  EXPECT_EQ(Placements(lisa.case_reference).size(), 1u);

  ASSERT_TRUE(ws_->AddPlacement(lisa.case_reference, MakePlacement(Date(2025, 7, 15))).ok());
  EXPECT_EQ(Placements(lisa.case_reference).size(), 2u);
}

TEST_F(WorkspaceTest, PlacementBeforeBirthIsRefused) {
  const Child lisa = AddLisa();
  Result<Placement> added =
      ws_->AddPlacement(lisa.case_reference, MakePlacement(Date(2017, 3, 13)));
  ASSERT_FALSE(added.ok());
  EXPECT_TRUE(added.status().IsInvalidArgument());
  EXPECT_THAT(added.status().message(), HasSubstr("2017-03-13"));
  EXPECT_THAT(added.status().message(), HasSubstr("2017-03-14"));
  // The day of birth itself is fine.
  EXPECT_TRUE(ws_->AddPlacement(lisa.case_reference, MakePlacement(kLisaBirth)).ok());
}

TEST_F(WorkspaceTest, PlacementWithProtectedButEmptyAddressIsRefused) {
  const Child lisa = AddLisa();
  NewPlacement in = MakePlacement(Date(2025, 1, 10));
  in.address = "";
  in.address_protected = true;
  Result<Placement> added = ws_->AddPlacement(lisa.case_reference, in);
  ASSERT_FALSE(added.ok());
  EXPECT_TRUE(added.status().IsInvalidArgument());
  EXPECT_THAT(added.status().message(), HasSubstr("protected"));
}

TEST_F(WorkspaceTest, EndingAPlacementTwiceOrBeforeItsStartIsRefused) {
  const Child lisa = AddLisa();
  Result<Placement> p = ws_->AddPlacement(lisa.case_reference, MakePlacement(Date(2025, 1, 10)));
  ASSERT_TRUE(p.ok());

  Result<Placement> early = ws_->EndPlacement(p->id, Date(2025, 1, 9), "moved");
  ASSERT_FALSE(early.ok());
  EXPECT_TRUE(early.status().IsInvalidArgument());
  EXPECT_THAT(early.status().message(), HasSubstr("2025-01-09"));
  EXPECT_THAT(early.status().message(), HasSubstr("before its start 2025-01-10"));

  Result<Placement> no_reason = ws_->EndPlacement(p->id, Date(2025, 6, 30), "");
  ASSERT_FALSE(no_reason.ok());
  EXPECT_TRUE(no_reason.status().IsInvalidArgument());

  ASSERT_TRUE(ws_->EndPlacement(p->id, Date(2025, 6, 30), "moved").ok());
  Result<Placement> twice = ws_->EndPlacement(p->id, Date(2025, 7, 30), "moved again");
  ASSERT_FALSE(twice.ok());
  EXPECT_TRUE(twice.status().IsFailedPrecondition()) << twice.status().ToString();
  EXPECT_THAT(twice.status().message(), HasSubstr("already ended on 2025-06-30"));

  Result<Placement> read = ws_->GetPlacement(p->id);
  ASSERT_TRUE(read.ok());
  ASSERT_TRUE(read->end.has_value());
  EXPECT_EQ(*read->end, Date(2025, 6, 30));
  EXPECT_EQ(read->end_reason, "moved");

  Result<Placement> unknown = ws_->EndPlacement(8888, kToday, "moved");
  ASSERT_FALSE(unknown.ok());
  EXPECT_TRUE(unknown.status().IsNotFound());
  EXPECT_THAT(unknown.status().message(), HasSubstr("placement 8888"));
}

TEST_F(WorkspaceTest, PlacementForAClosedChildIsRefused) {
  const Child lisa = AddLisa();
  Close(lisa);
  Result<Placement> added =
      ws_->AddPlacement(lisa.case_reference, MakePlacement(Date(2025, 1, 10)));
  ASSERT_FALSE(added.ok());
  EXPECT_TRUE(added.status().IsFailedPrecondition());
  EXPECT_THAT(added.status().message(), HasSubstr("VAR-2026-0001"));
  EXPECT_TRUE(Placements(lisa.case_reference).empty());
}

}  // namespace
}  // namespace kinbridge
