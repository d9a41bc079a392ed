// Access control through the Workspace API: one table says which role may perform which
// operation on a child in which relation to the acting worker, and a parameterized test checks
// every row on a fresh workspace, including that a refusal is audited and changes nothing.
// Then the rules that need more than allowed/refused: filtered listings, protected identity
// and addresses, acting as another account, caseload hand-over and the last administrator.
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
#include <map>
#include <memory>
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
using ::testing::IsEmpty;

const Date kToday(2026, 11, 29);
constexpr const char* kNow = "2026-11-29T10:00:00Z";
constexpr const char* kPurpose = "annual review of compulsory placements";

// ---- The world every test starts from ----
//
// Unit "north": sofia and sam (social workers), siri (supervisor), cecilia (centre staff),
// tove (teacher), maja (method designer). Unit "south": olle (social worker), kim (teacher and
// method designer). anna is the administrator who created the workspace.
// sofia, siri and olle each have two children in their caseload: one with a relation (a
// mother), a supervised-only restriction and a current placement, and one with nothing else
// yet. sam has no caseload.

// The caseload of one responsible worker.
struct Caseload {
  std::string child;  // with a relation, a restriction and a current placement
  std::string bare;   // with nothing else
  std::int64_t relation = 0;
  std::int64_t restriction = 0;
  std::int64_t placement = 0;
};

struct World {
  Caseload sofia, siri, olle;
};

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
  child.languages = {"sv"};
  child.school = "Vara skola";
  return child;
}

NewRelation MakeRelation(std::string person, RelationKind kind) {
  NewRelation relation;
  relation.person_name = std::move(person);
  relation.kind = kind;
  return relation;
}

NewRestriction MakeRestriction(Date valid_from,
                               RestrictionKind kind = RestrictionKind::kSupervisedOnly) {
  NewRestriction restriction;
  restriction.kind = kind;
  restriction.decision_reference = "SN 2026/117";
  restriction.reason = "risk of abduction";
  restriction.valid_from = valid_from;
  return restriction;
}

NewPlacement MakePlacement(Date start, std::string address = "Storgatan 1, Vara",
                           bool address_protected = false) {
  NewPlacement placement;
  placement.type = PlacementType::kFosterFamily;
  placement.legal_basis = LegalBasis::kCompulsory;
  placement.legal_code = "LVU 2 §";
  placement.caregivers = "Karin and Per Svensson";
  placement.start = start;
  placement.address = std::move(address);
  placement.address_protected = address_protected;
  return placement;
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

template <typename T>
Status StatusOf(const Result<T>& result) {
  return result.ok() ? Status::Ok() : result.status();
}

// The account that acts in a role in the world.
std::string AccountOf(Role role) {
  switch (role) {
    case Role::kSocialWorker: return "sofia";
    case Role::kSupervisor: return "siri";
    case Role::kCentreStaff: return "cecilia";
    case Role::kTeacher: return "tove";
    case Role::kMethodDesigner: return "maja";
    case Role::kAdministrator: return "anna";
  }
  return "";
}

// Registers one caseload as its responsible worker. Fails the test when a step is refused.
void AddCaseload(const std::string& path, const std::string& account, const std::string& first,
                 const std::string& second, Caseload& caseload) {
  Result<Workspace> ws = Workspace::Open(path, As(account));
  ASSERT_TRUE(ws.ok()) << ws.status().ToString();
  Result<Child> child = ws->AddChild(MakeChild(first, Date(2017, 3, 14)));
  ASSERT_TRUE(child.ok()) << child.status().ToString();
  Result<Child> bare = ws->AddChild(MakeChild(second, Date(2019, 6, 22)));
  ASSERT_TRUE(bare.ok()) << bare.status().ToString();
  Result<Relation> mother =
      ws->AddRelation(child->case_reference, MakeRelation("Sara " + first, RelationKind::kMother));
  ASSERT_TRUE(mother.ok()) << mother.status().ToString();
  Result<Restriction> restriction =
      ws->AddRestriction(mother->id, MakeRestriction(Date(2026, 11, 1)));
  ASSERT_TRUE(restriction.ok()) << restriction.status().ToString();
  Result<Placement> placement =
      ws->AddPlacement(child->case_reference, MakePlacement(Date(2026, 1, 10)));
  ASSERT_TRUE(placement.ok()) << placement.status().ToString();
  caseload.child = child->case_reference;
  caseload.bare = bare->case_reference;
  caseload.relation = mother->id;
  caseload.restriction = restriction->id;
  caseload.placement = placement->id;
}

// Creates the world at `path`.
void BuildWorld(const std::string& path, World& world) {
  {
    CreateOptions create;
    create.municipality = Vara();
    create.mode = WorkspaceMode::kTest;
    create.administrator_account = "anna";
    create.administrator_name = "Anna Admin";
    Result<Workspace> ws = Workspace::Create(path, create, As("anna"));
    ASSERT_TRUE(ws.ok()) << ws.status().ToString();
    for (const NewWorker& worker :
         {MakeWorker("Sofia Social", "sofia", "north", {Role::kSocialWorker}),
          MakeWorker("Sam Social", "sam", "north", {Role::kSocialWorker}),
          MakeWorker("Siri Supervisor", "siri", "north", {Role::kSupervisor}),
          MakeWorker("Cecilia Centre", "cecilia", "north", {Role::kCentreStaff}),
          MakeWorker("Tove Teacher", "tove", "north", {Role::kTeacher}),
          MakeWorker("Maja Method", "maja", "north", {Role::kMethodDesigner}),
          MakeWorker("Olle Other", "olle", "south", {Role::kSocialWorker}),
          MakeWorker("Kim Kompis", "kim", "south", {Role::kTeacher, Role::kMethodDesigner})}) {
      Result<Worker> added = ws->AddWorker(worker);
      ASSERT_TRUE(added.ok()) << added.status().ToString();
    }
  }
  ASSERT_NO_FATAL_FAILURE(AddCaseload(path, "sofia", "Lisa Berg", "Omar Haddad", world.sofia));
  ASSERT_NO_FATAL_FAILURE(AddCaseload(path, "siri", "Emil Öberg", "Nora Lind", world.siri));
  ASSERT_NO_FATAL_FAILURE(AddCaseload(path, "olle", "Li Ming", "Wang Fang", world.olle));
}

// ---- Reading the file directly ----

std::unique_ptr<soci::session> RawSession(const std::string& path) {
  if (testing_support::IsPostgresqlWorkspace(path)) {
    return std::make_unique<soci::session>(*soci::factory_postgresql(), path);
  }
  return std::make_unique<soci::session>(*soci::factory_sqlite3(), "db=\"" + path + "\"");
}

// Every row of every table except the audit trail (and the audit head), as text: equal
// snapshots mean nothing but the audit trail changed.
std::string Snapshot(const std::string& path) {
  if (testing_support::IsPostgresqlWorkspace(path))
    return testing_support::PostgresqlSnapshot(path);
  auto db = RawSession(path);
  std::vector<std::string> tables;
  {
    soci::rowset<std::string> rows =
        (db->prepare << "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN "
                        "('audit_entry', 'audit_subject') ORDER BY name");
    for (const std::string& table : rows) tables.push_back(table);
  }
  std::string snapshot;
  for (const std::string& table : tables) {
    std::string columns;
    soci::rowset<std::string> names =
        (db->prepare << "SELECT name FROM pragma_table_info('" + table + "') ORDER BY cid");
    for (const std::string& name : names) {
      if (!columns.empty()) columns += " || '|' || ";
      columns += "quote(\"" + name + "\")";
    }
    std::string sql = "SELECT " + columns + " FROM \"" + table + "\"";
    if (table == "workspace_setting") sql += " WHERE name <> 'audit_head'";
    sql += " ORDER BY rowid";
    snapshot += "[" + table + "]\n";
    soci::rowset<std::string> rows = (db->prepare << sql);
    for (const std::string& row : rows) snapshot += row + "\n";
  }
  return snapshot;
}

struct RawEntry {
  long long sequence = 0;
  std::string account, action, entity_type, entity, purpose, details;
  std::vector<std::string> children;  // case references
};

long long LastSequence(const std::string& path) {
  auto db = RawSession(path);
  long long last = 0;
  *db << "SELECT coalesce(max(sequence), 0) FROM audit_entry", soci::into(last);
  return last;
}

// The audit entries after `sequence`, oldest first.
std::vector<RawEntry> EntriesAfter(const std::string& path, long long sequence) {
  auto db = RawSession(path);
  std::vector<RawEntry> entries;
  soci::rowset<soci::row> rows =
      (db->prepare << "SELECT sequence, account, action, entity_type, entity, purpose, details "
                      "FROM audit_entry WHERE sequence > :s ORDER BY sequence",
       soci::use(sequence));
  for (const soci::row& row : rows) {
    RawEntry e;
    e.sequence = row.get<long long>(0);
    e.account = row.get<std::string>(1);
    e.action = row.get<std::string>(2);
    e.entity_type = row.get<std::string>(3);
    e.entity = row.get<std::string>(4);
    e.purpose = row.get<std::string>(5);
    e.details = row.get<std::string>(6);
    entries.push_back(e);
  }
  for (RawEntry& e : entries) {
    soci::rowset<std::string> refs =
        (db->prepare << "SELECT c.case_reference FROM audit_subject s JOIN child c ON c.id = "
                        "s.child_id WHERE s.sequence = :s ORDER BY c.case_reference",
         soci::use(e.sequence));
    for (const std::string& ref : refs) e.children.push_back(ref);
  }
  return entries;
}

// A fresh temporary directory per test holding a new world.
class WorldTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device random;
    std::string test = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    for (char& c : test) {
      if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
    }
    dir_ = fs::temp_directory_path() /
           ("kinbridge-access-test-" + test + "-" + std::to_string(random()));
    ASSERT_TRUE(fs::create_directories(dir_)) << dir_;
    path_ = testing_support::TestWorkspace(dir_ / "vara.kinbridge");
    ASSERT_NO_FATAL_FAILURE(BuildWorld(path_, world_));
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

  fs::path dir_;
  std::string path_;
  World world_;
};

// ---- The permission matrix ----

// The acting worker's relation to the child the operation concerns.
enum Scope {
  kOwn,        // in the acting worker's own caseload
  kSameUnit,   // in the caseload of another worker of the acting worker's unit
  kOtherUnit,  // in the caseload of a worker of another unit
  kNoChild,    // the operation concerns no particular child
};
enum Purpose { kNoPurpose, kWithPurpose };

struct Case {
  const char* operation;
  Role role;
  Scope scope;
  bool allowed;
  Purpose purpose = kNoPurpose;  // kWithPurpose: the session states a purpose
};

// The caseload whose child a case concerns.
const Caseload& CaseloadFor(const World& world, Role role, Scope scope) {
  switch (scope) {
    case kOwn: return role == Role::kSupervisor ? world.siri : world.sofia;
    case kSameUnit: return role == Role::kSocialWorker ? world.siri : world.sofia;
    case kOtherUnit:
    case kNoChild: break;
  }
  return world.olle;
}

// One Workspace operation, performed on a caseload, and the audit action it records (also the
// details of an access.denied entry when it is refused).
struct Operation {
  const char* action;
  bool audited;  // when allowed: listing workers touches no child's data and is not audited
  bool concerns_child;
  bool on_bare_child;  // the operation needs a child with nothing else yet
  std::function<Status(Workspace&, const Caseload&)> run;
};

const std::map<std::string, Operation>& Operations() {
  static const auto* operations = new std::map<std::string, Operation>{
      {"AddChild",
       {"child.add", true, false, false,
        [](Workspace& ws, const Caseload&) {
          return StatusOf(ws.AddChild(MakeChild("Ella Ek", Date(2018, 5, 5))));
        }}},
      {"GetChild",
       {"child.show", true, true, false,
        [](Workspace& ws, const Caseload& c) { return StatusOf(ws.GetChild(c.child)); }}},
      {"GetCase",
       {"child.show", true, true, false,
        [](Workspace& ws, const Caseload& c) { return StatusOf(ws.GetCase(c.child)); }}},
      {"EditChild",
       {"child.edit", true, true, false,
        [](Workspace& ws, const Caseload& c) {
          ChildChanges changes;
          changes.school = "Nästegårdsskolan";
          return StatusOf(ws.EditChild(c.child, changes));
        }}},
      {"CloseChild",
       {"child.close", true, true, false,
        [](Workspace& ws, const Caseload& c) {
          return StatusOf(ws.CloseChild(c.child, kToday, "moved to Skövde"));
        }}},
      {"ForEachChild",
       {"child.list", true, false, false,
        [](Workspace& ws, const Caseload&) {
          return ws.ForEachChild({}, [](const Child&) { return true; });
        }}},
      {"AddRelation",
       {"relation.add", true, true, false,
        [](Workspace& ws, const Caseload& c) {
          return StatusOf(
              ws.AddRelation(c.child, MakeRelation("Gun Berg", RelationKind::kGrandparent)));
        }}},
      {"GetRelation",
       {"relation.show", true, true, false,
        [](Workspace& ws, const Caseload& c) { return StatusOf(ws.GetRelation(c.relation)); }}},
      {"ForEachRelation",
       {"relation.list", true, true, false,
        [](Workspace& ws, const Caseload& c) {
          return ws.ForEachRelation(c.child, [](const Relation&) { return true; });
        }}},
      {"AddRestriction",
       {"restriction.add", true, true, false,
        [](Workspace& ws, const Caseload& c) {
          return StatusOf(ws.AddRestriction(
              c.relation, MakeRestriction(Date(2026, 11, 20), RestrictionKind::kNoContact)));
        }}},
      {"GetRestriction",
       {"restriction.show", true, true, false,
        [](Workspace& ws, const Caseload& c) {
          return StatusOf(ws.GetRestriction(c.restriction));
        }}},
      {"LiftRestriction",
       {"restriction.lift", true, true, false,
        [](Workspace& ws, const Caseload& c) {
          return StatusOf(ws.LiftRestriction(c.restriction, kToday, "reviewed by the board"));
        }}},
      {"ForEachRestriction",
       {"restriction.list", true, true, false,
        [](Workspace& ws, const Caseload& c) {
          RestrictionQuery query;
          query.child = c.child;
          return ws.ForEachRestriction(query, [](const Restriction&) { return true; });
        }}},
      {"AddPlacement",
       {"placement.add", true, true, true,
        [](Workspace& ws, const Caseload& c) {
          return StatusOf(ws.AddPlacement(c.bare, MakePlacement(Date(2026, 11, 1))));
        }}},
      {"GetPlacement",
       {"placement.show", true, true, false,
        [](Workspace& ws, const Caseload& c) { return StatusOf(ws.GetPlacement(c.placement)); }}},
      {"EndPlacement",
       {"placement.end", true, true, false,
        [](Workspace& ws, const Caseload& c) {
          return StatusOf(ws.EndPlacement(c.placement, kToday, "returned home"));
        }}},
      {"ForEachPlacement",
       {"placement.list", true, true, false,
        [](Workspace& ws, const Caseload& c) {
          return ws.ForEachPlacement(c.child, [](const Placement&) { return true; });
        }}},
      {"AddWorker",
       {"worker.add", true, false, false,
        [](Workspace& ws, const Caseload&) {
          return StatusOf(
              ws.AddWorker(MakeWorker("Nils Nord", "nils", "south", {Role::kSocialWorker})));
        }}},
      {"GrantRole",
       {"worker.grant", true, false, false,
        [](Workspace& ws, const Caseload&) {
          return StatusOf(ws.GrantRole("kim", Role::kCentreStaff));
        }}},
      {"RevokeRole",
       {"worker.revoke", true, false, false,
        [](Workspace& ws, const Caseload&) {
          return StatusOf(ws.RevokeRole("kim", Role::kMethodDesigner));
        }}},
      {"ForEachWorker",
       {"worker.list", false, false, false,
        [](Workspace& ws, const Caseload&) {
          return ws.ForEachWorker([](const Worker&) { return true; });
        }}},
      {"AssignChild",
       {"caseload.assign", true, true, false,
        [](Workspace& ws, const Caseload& c) {
          return StatusOf(ws.AssignChild(c.child, "sam", "sofia is on parental leave"));
        }}},
      {"ForEachAssignment",
       {"caseload.history", true, true, false,
        [](Workspace& ws, const Caseload& c) {
          return ws.ForEachAssignment(c.child, [](const CaseloadAssignment&) { return true; });
        }}},
      {"ForEachAuditEntry",
       {"audit.log", true, false, false,
        [](Workspace& ws, const Caseload&) {
          return ws.ForEachAuditEntry({}, [](const AuditEntry&) { return true; });
        }}},
      {"VerifyAudit",
       {"audit.verify", true, false, false,
        [](Workspace& ws, const Caseload&) {
          Result<AuditVerification> verified = ws.VerifyAudit();
          if (verified.ok() && !verified->intact) {
            return Status::Internal("the audit trail of a fresh workspace is not intact: " +
                                    verified->problem);
          }
          return StatusOf(verified);
        }}},
  };
  return *operations;
}

// Every operation x every role (and the administrator with a stated purpose) x every relation
// to the child. Centre staff, teachers, method designers and administrators have no caseload
// of their own, so for them only the child's unit varies.
const Case kCases[] = {
    // AddChild
    {"AddChild", Role::kSocialWorker, kNoChild, true},
    {"AddChild", Role::kSupervisor, kNoChild, true},
    {"AddChild", Role::kCentreStaff, kNoChild, false},
    {"AddChild", Role::kTeacher, kNoChild, false},
    {"AddChild", Role::kMethodDesigner, kNoChild, false},
    {"AddChild", Role::kAdministrator, kNoChild, false},
    {"AddChild", Role::kAdministrator, kNoChild, false, kWithPurpose},
    // GetChild
    {"GetChild", Role::kSocialWorker, kOwn, true},
    {"GetChild", Role::kSocialWorker, kSameUnit, false},
    {"GetChild", Role::kSocialWorker, kOtherUnit, false},
    {"GetChild", Role::kSupervisor, kOwn, true},
    {"GetChild", Role::kSupervisor, kSameUnit, true},
    {"GetChild", Role::kSupervisor, kOtherUnit, false},
    {"GetChild", Role::kCentreStaff, kSameUnit, false},
    {"GetChild", Role::kCentreStaff, kOtherUnit, false},
    {"GetChild", Role::kTeacher, kSameUnit, false},
    {"GetChild", Role::kTeacher, kOtherUnit, false},
    {"GetChild", Role::kMethodDesigner, kSameUnit, false},
    {"GetChild", Role::kMethodDesigner, kOtherUnit, false},
    {"GetChild", Role::kAdministrator, kSameUnit, false},
    {"GetChild", Role::kAdministrator, kOtherUnit, false},
    {"GetChild", Role::kAdministrator, kSameUnit, true, kWithPurpose},
    {"GetChild", Role::kAdministrator, kOtherUnit, true, kWithPurpose},
    // GetCase
    {"GetCase", Role::kSocialWorker, kOwn, true},
    {"GetCase", Role::kSocialWorker, kSameUnit, false},
    {"GetCase", Role::kSocialWorker, kOtherUnit, false},
    {"GetCase", Role::kSupervisor, kOwn, true},
    {"GetCase", Role::kSupervisor, kSameUnit, true},
    {"GetCase", Role::kSupervisor, kOtherUnit, false},
    {"GetCase", Role::kCentreStaff, kSameUnit, false},
    {"GetCase", Role::kCentreStaff, kOtherUnit, false},
    {"GetCase", Role::kTeacher, kSameUnit, false},
    {"GetCase", Role::kTeacher, kOtherUnit, false},
    {"GetCase", Role::kMethodDesigner, kSameUnit, false},
    {"GetCase", Role::kMethodDesigner, kOtherUnit, false},
    {"GetCase", Role::kAdministrator, kSameUnit, false},
    {"GetCase", Role::kAdministrator, kOtherUnit, false},
    {"GetCase", Role::kAdministrator, kSameUnit, true, kWithPurpose},
    {"GetCase", Role::kAdministrator, kOtherUnit, true, kWithPurpose},
    // EditChild
    {"EditChild", Role::kSocialWorker, kOwn, true},
    {"EditChild", Role::kSocialWorker, kSameUnit, false},
    {"EditChild", Role::kSocialWorker, kOtherUnit, false},
    {"EditChild", Role::kSupervisor, kOwn, true},
    {"EditChild", Role::kSupervisor, kSameUnit, true},
    {"EditChild", Role::kSupervisor, kOtherUnit, false},
    {"EditChild", Role::kCentreStaff, kSameUnit, false},
    {"EditChild", Role::kCentreStaff, kOtherUnit, false},
    {"EditChild", Role::kTeacher, kSameUnit, false},
    {"EditChild", Role::kTeacher, kOtherUnit, false},
    {"EditChild", Role::kMethodDesigner, kSameUnit, false},
    {"EditChild", Role::kMethodDesigner, kOtherUnit, false},
    {"EditChild", Role::kAdministrator, kSameUnit, false},
    {"EditChild", Role::kAdministrator, kOtherUnit, false},
    {"EditChild", Role::kAdministrator, kSameUnit, false, kWithPurpose},
    {"EditChild", Role::kAdministrator, kOtherUnit, false, kWithPurpose},
    // CloseChild
    {"CloseChild", Role::kSocialWorker, kOwn, true},
    {"CloseChild", Role::kSocialWorker, kSameUnit, false},
    {"CloseChild", Role::kSocialWorker, kOtherUnit, false},
    {"CloseChild", Role::kSupervisor, kOwn, true},
    {"CloseChild", Role::kSupervisor, kSameUnit, true},
    {"CloseChild", Role::kSupervisor, kOtherUnit, false},
    {"CloseChild", Role::kCentreStaff, kSameUnit, false},
    {"CloseChild", Role::kCentreStaff, kOtherUnit, false},
    {"CloseChild", Role::kTeacher, kSameUnit, false},
    {"CloseChild", Role::kTeacher, kOtherUnit, false},
    {"CloseChild", Role::kMethodDesigner, kSameUnit, false},
    {"CloseChild", Role::kMethodDesigner, kOtherUnit, false},
    {"CloseChild", Role::kAdministrator, kSameUnit, false},
    {"CloseChild", Role::kAdministrator, kOtherUnit, false},
    {"CloseChild", Role::kAdministrator, kSameUnit, false, kWithPurpose},
    {"CloseChild", Role::kAdministrator, kOtherUnit, false, kWithPurpose},
    // ForEachChild
    {"ForEachChild", Role::kSocialWorker, kNoChild, true},
    {"ForEachChild", Role::kSupervisor, kNoChild, true},
    {"ForEachChild", Role::kCentreStaff, kNoChild, false},
    {"ForEachChild", Role::kTeacher, kNoChild, false},
    {"ForEachChild", Role::kMethodDesigner, kNoChild, false},
    {"ForEachChild", Role::kAdministrator, kNoChild, false},
    {"ForEachChild", Role::kAdministrator, kNoChild, true, kWithPurpose},
    // AddRelation
    {"AddRelation", Role::kSocialWorker, kOwn, true},
    {"AddRelation", Role::kSocialWorker, kSameUnit, false},
    {"AddRelation", Role::kSocialWorker, kOtherUnit, false},
    {"AddRelation", Role::kSupervisor, kOwn, true},
    {"AddRelation", Role::kSupervisor, kSameUnit, true},
    {"AddRelation", Role::kSupervisor, kOtherUnit, false},
    {"AddRelation", Role::kCentreStaff, kSameUnit, false},
    {"AddRelation", Role::kCentreStaff, kOtherUnit, false},
    {"AddRelation", Role::kTeacher, kSameUnit, false},
    {"AddRelation", Role::kTeacher, kOtherUnit, false},
    {"AddRelation", Role::kMethodDesigner, kSameUnit, false},
    {"AddRelation", Role::kMethodDesigner, kOtherUnit, false},
    {"AddRelation", Role::kAdministrator, kSameUnit, false},
    {"AddRelation", Role::kAdministrator, kOtherUnit, false},
    {"AddRelation", Role::kAdministrator, kSameUnit, false, kWithPurpose},
    {"AddRelation", Role::kAdministrator, kOtherUnit, false, kWithPurpose},
    // GetRelation
    {"GetRelation", Role::kSocialWorker, kOwn, true},
    {"GetRelation", Role::kSocialWorker, kSameUnit, false},
    {"GetRelation", Role::kSocialWorker, kOtherUnit, false},
    {"GetRelation", Role::kSupervisor, kOwn, true},
    {"GetRelation", Role::kSupervisor, kSameUnit, true},
    {"GetRelation", Role::kSupervisor, kOtherUnit, false},
    {"GetRelation", Role::kCentreStaff, kSameUnit, false},
    {"GetRelation", Role::kCentreStaff, kOtherUnit, false},
    {"GetRelation", Role::kTeacher, kSameUnit, false},
    {"GetRelation", Role::kTeacher, kOtherUnit, false},
    {"GetRelation", Role::kMethodDesigner, kSameUnit, false},
    {"GetRelation", Role::kMethodDesigner, kOtherUnit, false},
    {"GetRelation", Role::kAdministrator, kSameUnit, false},
    {"GetRelation", Role::kAdministrator, kOtherUnit, false},
    {"GetRelation", Role::kAdministrator, kSameUnit, true, kWithPurpose},
    {"GetRelation", Role::kAdministrator, kOtherUnit, true, kWithPurpose},
    // ForEachRelation
    {"ForEachRelation", Role::kSocialWorker, kOwn, true},
    {"ForEachRelation", Role::kSocialWorker, kSameUnit, false},
    {"ForEachRelation", Role::kSocialWorker, kOtherUnit, false},
    {"ForEachRelation", Role::kSupervisor, kOwn, true},
    {"ForEachRelation", Role::kSupervisor, kSameUnit, true},
    {"ForEachRelation", Role::kSupervisor, kOtherUnit, false},
    {"ForEachRelation", Role::kCentreStaff, kSameUnit, false},
    {"ForEachRelation", Role::kCentreStaff, kOtherUnit, false},
    {"ForEachRelation", Role::kTeacher, kSameUnit, false},
    {"ForEachRelation", Role::kTeacher, kOtherUnit, false},
    {"ForEachRelation", Role::kMethodDesigner, kSameUnit, false},
    {"ForEachRelation", Role::kMethodDesigner, kOtherUnit, false},
    {"ForEachRelation", Role::kAdministrator, kSameUnit, false},
    {"ForEachRelation", Role::kAdministrator, kOtherUnit, false},
    {"ForEachRelation", Role::kAdministrator, kSameUnit, true, kWithPurpose},
    {"ForEachRelation", Role::kAdministrator, kOtherUnit, true, kWithPurpose},
    // AddRestriction
    {"AddRestriction", Role::kSocialWorker, kOwn, true},
    {"AddRestriction", Role::kSocialWorker, kSameUnit, false},
    {"AddRestriction", Role::kSocialWorker, kOtherUnit, false},
    {"AddRestriction", Role::kSupervisor, kOwn, true},
    {"AddRestriction", Role::kSupervisor, kSameUnit, true},
    {"AddRestriction", Role::kSupervisor, kOtherUnit, false},
    {"AddRestriction", Role::kCentreStaff, kSameUnit, false},
    {"AddRestriction", Role::kCentreStaff, kOtherUnit, false},
    {"AddRestriction", Role::kTeacher, kSameUnit, false},
    {"AddRestriction", Role::kTeacher, kOtherUnit, false},
    {"AddRestriction", Role::kMethodDesigner, kSameUnit, false},
    {"AddRestriction", Role::kMethodDesigner, kOtherUnit, false},
    {"AddRestriction", Role::kAdministrator, kSameUnit, false},
    {"AddRestriction", Role::kAdministrator, kOtherUnit, false},
    {"AddRestriction", Role::kAdministrator, kSameUnit, false, kWithPurpose},
    {"AddRestriction", Role::kAdministrator, kOtherUnit, false, kWithPurpose},
    // GetRestriction
    {"GetRestriction", Role::kSocialWorker, kOwn, true},
    {"GetRestriction", Role::kSocialWorker, kSameUnit, false},
    {"GetRestriction", Role::kSocialWorker, kOtherUnit, false},
    {"GetRestriction", Role::kSupervisor, kOwn, true},
    {"GetRestriction", Role::kSupervisor, kSameUnit, true},
    {"GetRestriction", Role::kSupervisor, kOtherUnit, false},
    {"GetRestriction", Role::kCentreStaff, kSameUnit, false},
    {"GetRestriction", Role::kCentreStaff, kOtherUnit, false},
    {"GetRestriction", Role::kTeacher, kSameUnit, false},
    {"GetRestriction", Role::kTeacher, kOtherUnit, false},
    {"GetRestriction", Role::kMethodDesigner, kSameUnit, false},
    {"GetRestriction", Role::kMethodDesigner, kOtherUnit, false},
    {"GetRestriction", Role::kAdministrator, kSameUnit, false},
    {"GetRestriction", Role::kAdministrator, kOtherUnit, false},
    {"GetRestriction", Role::kAdministrator, kSameUnit, true, kWithPurpose},
    {"GetRestriction", Role::kAdministrator, kOtherUnit, true, kWithPurpose},
    // LiftRestriction
    {"LiftRestriction", Role::kSocialWorker, kOwn, true},
    {"LiftRestriction", Role::kSocialWorker, kSameUnit, false},
    {"LiftRestriction", Role::kSocialWorker, kOtherUnit, false},
    {"LiftRestriction", Role::kSupervisor, kOwn, true},
    {"LiftRestriction", Role::kSupervisor, kSameUnit, true},
    {"LiftRestriction", Role::kSupervisor, kOtherUnit, false},
    {"LiftRestriction", Role::kCentreStaff, kSameUnit, false},
    {"LiftRestriction", Role::kCentreStaff, kOtherUnit, false},
    {"LiftRestriction", Role::kTeacher, kSameUnit, false},
    {"LiftRestriction", Role::kTeacher, kOtherUnit, false},
    {"LiftRestriction", Role::kMethodDesigner, kSameUnit, false},
    {"LiftRestriction", Role::kMethodDesigner, kOtherUnit, false},
    {"LiftRestriction", Role::kAdministrator, kSameUnit, false},
    {"LiftRestriction", Role::kAdministrator, kOtherUnit, false},
    {"LiftRestriction", Role::kAdministrator, kSameUnit, false, kWithPurpose},
    {"LiftRestriction", Role::kAdministrator, kOtherUnit, false, kWithPurpose},
    // ForEachRestriction
    {"ForEachRestriction", Role::kSocialWorker, kOwn, true},
    {"ForEachRestriction", Role::kSocialWorker, kSameUnit, false},
    {"ForEachRestriction", Role::kSocialWorker, kOtherUnit, false},
    {"ForEachRestriction", Role::kSupervisor, kOwn, true},
    {"ForEachRestriction", Role::kSupervisor, kSameUnit, true},
    {"ForEachRestriction", Role::kSupervisor, kOtherUnit, false},
    {"ForEachRestriction", Role::kCentreStaff, kSameUnit, false},
    {"ForEachRestriction", Role::kCentreStaff, kOtherUnit, false},
    {"ForEachRestriction", Role::kTeacher, kSameUnit, false},
    {"ForEachRestriction", Role::kTeacher, kOtherUnit, false},
    {"ForEachRestriction", Role::kMethodDesigner, kSameUnit, false},
    {"ForEachRestriction", Role::kMethodDesigner, kOtherUnit, false},
    {"ForEachRestriction", Role::kAdministrator, kSameUnit, false},
    {"ForEachRestriction", Role::kAdministrator, kOtherUnit, false},
    {"ForEachRestriction", Role::kAdministrator, kSameUnit, true, kWithPurpose},
    {"ForEachRestriction", Role::kAdministrator, kOtherUnit, true, kWithPurpose},
    // AddPlacement
    {"AddPlacement", Role::kSocialWorker, kOwn, true},
    {"AddPlacement", Role::kSocialWorker, kSameUnit, false},
    {"AddPlacement", Role::kSocialWorker, kOtherUnit, false},
    {"AddPlacement", Role::kSupervisor, kOwn, true},
    {"AddPlacement", Role::kSupervisor, kSameUnit, true},
    {"AddPlacement", Role::kSupervisor, kOtherUnit, false},
    {"AddPlacement", Role::kCentreStaff, kSameUnit, false},
    {"AddPlacement", Role::kCentreStaff, kOtherUnit, false},
    {"AddPlacement", Role::kTeacher, kSameUnit, false},
    {"AddPlacement", Role::kTeacher, kOtherUnit, false},
    {"AddPlacement", Role::kMethodDesigner, kSameUnit, false},
    {"AddPlacement", Role::kMethodDesigner, kOtherUnit, false},
    {"AddPlacement", Role::kAdministrator, kSameUnit, false},
    {"AddPlacement", Role::kAdministrator, kOtherUnit, false},
    {"AddPlacement", Role::kAdministrator, kSameUnit, false, kWithPurpose},
    {"AddPlacement", Role::kAdministrator, kOtherUnit, false, kWithPurpose},
    // GetPlacement
    {"GetPlacement", Role::kSocialWorker, kOwn, true},
    {"GetPlacement", Role::kSocialWorker, kSameUnit, false},
    {"GetPlacement", Role::kSocialWorker, kOtherUnit, false},
    {"GetPlacement", Role::kSupervisor, kOwn, true},
    {"GetPlacement", Role::kSupervisor, kSameUnit, true},
    {"GetPlacement", Role::kSupervisor, kOtherUnit, false},
    {"GetPlacement", Role::kCentreStaff, kSameUnit, false},
    {"GetPlacement", Role::kCentreStaff, kOtherUnit, false},
    {"GetPlacement", Role::kTeacher, kSameUnit, false},
    {"GetPlacement", Role::kTeacher, kOtherUnit, false},
    {"GetPlacement", Role::kMethodDesigner, kSameUnit, false},
    {"GetPlacement", Role::kMethodDesigner, kOtherUnit, false},
    {"GetPlacement", Role::kAdministrator, kSameUnit, false},
    {"GetPlacement", Role::kAdministrator, kOtherUnit, false},
    {"GetPlacement", Role::kAdministrator, kSameUnit, true, kWithPurpose},
    {"GetPlacement", Role::kAdministrator, kOtherUnit, true, kWithPurpose},
    // EndPlacement
    {"EndPlacement", Role::kSocialWorker, kOwn, true},
    {"EndPlacement", Role::kSocialWorker, kSameUnit, false},
    {"EndPlacement", Role::kSocialWorker, kOtherUnit, false},
    {"EndPlacement", Role::kSupervisor, kOwn, true},
    {"EndPlacement", Role::kSupervisor, kSameUnit, true},
    {"EndPlacement", Role::kSupervisor, kOtherUnit, false},
    {"EndPlacement", Role::kCentreStaff, kSameUnit, false},
    {"EndPlacement", Role::kCentreStaff, kOtherUnit, false},
    {"EndPlacement", Role::kTeacher, kSameUnit, false},
    {"EndPlacement", Role::kTeacher, kOtherUnit, false},
    {"EndPlacement", Role::kMethodDesigner, kSameUnit, false},
    {"EndPlacement", Role::kMethodDesigner, kOtherUnit, false},
    {"EndPlacement", Role::kAdministrator, kSameUnit, false},
    {"EndPlacement", Role::kAdministrator, kOtherUnit, false},
    {"EndPlacement", Role::kAdministrator, kSameUnit, false, kWithPurpose},
    {"EndPlacement", Role::kAdministrator, kOtherUnit, false, kWithPurpose},
    // ForEachPlacement
    {"ForEachPlacement", Role::kSocialWorker, kOwn, true},
    {"ForEachPlacement", Role::kSocialWorker, kSameUnit, false},
    {"ForEachPlacement", Role::kSocialWorker, kOtherUnit, false},
    {"ForEachPlacement", Role::kSupervisor, kOwn, true},
    {"ForEachPlacement", Role::kSupervisor, kSameUnit, true},
    {"ForEachPlacement", Role::kSupervisor, kOtherUnit, false},
    {"ForEachPlacement", Role::kCentreStaff, kSameUnit, false},
    {"ForEachPlacement", Role::kCentreStaff, kOtherUnit, false},
    {"ForEachPlacement", Role::kTeacher, kSameUnit, false},
    {"ForEachPlacement", Role::kTeacher, kOtherUnit, false},
    {"ForEachPlacement", Role::kMethodDesigner, kSameUnit, false},
    {"ForEachPlacement", Role::kMethodDesigner, kOtherUnit, false},
    {"ForEachPlacement", Role::kAdministrator, kSameUnit, false},
    {"ForEachPlacement", Role::kAdministrator, kOtherUnit, false},
    {"ForEachPlacement", Role::kAdministrator, kSameUnit, true, kWithPurpose},
    {"ForEachPlacement", Role::kAdministrator, kOtherUnit, true, kWithPurpose},
    // AddWorker
    {"AddWorker", Role::kSocialWorker, kNoChild, false},
    {"AddWorker", Role::kSupervisor, kNoChild, false},
    {"AddWorker", Role::kCentreStaff, kNoChild, false},
    {"AddWorker", Role::kTeacher, kNoChild, false},
    {"AddWorker", Role::kMethodDesigner, kNoChild, false},
    {"AddWorker", Role::kAdministrator, kNoChild, true},
    {"AddWorker", Role::kAdministrator, kNoChild, true, kWithPurpose},
    // GrantRole
    {"GrantRole", Role::kSocialWorker, kNoChild, false},
    {"GrantRole", Role::kSupervisor, kNoChild, false},
    {"GrantRole", Role::kCentreStaff, kNoChild, false},
    {"GrantRole", Role::kTeacher, kNoChild, false},
    {"GrantRole", Role::kMethodDesigner, kNoChild, false},
    {"GrantRole", Role::kAdministrator, kNoChild, true},
    {"GrantRole", Role::kAdministrator, kNoChild, true, kWithPurpose},
    // RevokeRole
    {"RevokeRole", Role::kSocialWorker, kNoChild, false},
    {"RevokeRole", Role::kSupervisor, kNoChild, false},
    {"RevokeRole", Role::kCentreStaff, kNoChild, false},
    {"RevokeRole", Role::kTeacher, kNoChild, false},
    {"RevokeRole", Role::kMethodDesigner, kNoChild, false},
    {"RevokeRole", Role::kAdministrator, kNoChild, true},
    {"RevokeRole", Role::kAdministrator, kNoChild, true, kWithPurpose},
    // ForEachWorker
    {"ForEachWorker", Role::kSocialWorker, kNoChild, false},
    {"ForEachWorker", Role::kSupervisor, kNoChild, true},
    {"ForEachWorker", Role::kCentreStaff, kNoChild, false},
    {"ForEachWorker", Role::kTeacher, kNoChild, false},
    {"ForEachWorker", Role::kMethodDesigner, kNoChild, false},
    {"ForEachWorker", Role::kAdministrator, kNoChild, true},
    {"ForEachWorker", Role::kAdministrator, kNoChild, true, kWithPurpose},
    // AssignChild
    {"AssignChild", Role::kSocialWorker, kOwn, false},
    {"AssignChild", Role::kSocialWorker, kSameUnit, false},
    {"AssignChild", Role::kSocialWorker, kOtherUnit, false},
    {"AssignChild", Role::kSupervisor, kOwn, true},
    {"AssignChild", Role::kSupervisor, kSameUnit, true},
    {"AssignChild", Role::kSupervisor, kOtherUnit, false},
    {"AssignChild", Role::kCentreStaff, kSameUnit, false},
    {"AssignChild", Role::kCentreStaff, kOtherUnit, false},
    {"AssignChild", Role::kTeacher, kSameUnit, false},
    {"AssignChild", Role::kTeacher, kOtherUnit, false},
    {"AssignChild", Role::kMethodDesigner, kSameUnit, false},
    {"AssignChild", Role::kMethodDesigner, kOtherUnit, false},
    {"AssignChild", Role::kAdministrator, kSameUnit, true},
    {"AssignChild", Role::kAdministrator, kOtherUnit, true},
    {"AssignChild", Role::kAdministrator, kSameUnit, true, kWithPurpose},
    {"AssignChild", Role::kAdministrator, kOtherUnit, true, kWithPurpose},
    // ForEachAssignment
    {"ForEachAssignment", Role::kSocialWorker, kOwn, true},
    {"ForEachAssignment", Role::kSocialWorker, kSameUnit, false},
    {"ForEachAssignment", Role::kSocialWorker, kOtherUnit, false},
    {"ForEachAssignment", Role::kSupervisor, kOwn, true},
    {"ForEachAssignment", Role::kSupervisor, kSameUnit, true},
    {"ForEachAssignment", Role::kSupervisor, kOtherUnit, false},
    {"ForEachAssignment", Role::kCentreStaff, kSameUnit, false},
    {"ForEachAssignment", Role::kCentreStaff, kOtherUnit, false},
    {"ForEachAssignment", Role::kTeacher, kSameUnit, false},
    {"ForEachAssignment", Role::kTeacher, kOtherUnit, false},
    {"ForEachAssignment", Role::kMethodDesigner, kSameUnit, false},
    {"ForEachAssignment", Role::kMethodDesigner, kOtherUnit, false},
    {"ForEachAssignment", Role::kAdministrator, kSameUnit, false},
    {"ForEachAssignment", Role::kAdministrator, kOtherUnit, false},
    {"ForEachAssignment", Role::kAdministrator, kSameUnit, true, kWithPurpose},
    {"ForEachAssignment", Role::kAdministrator, kOtherUnit, true, kWithPurpose},
    // ForEachAuditEntry
    {"ForEachAuditEntry", Role::kSocialWorker, kNoChild, false},
    {"ForEachAuditEntry", Role::kSupervisor, kNoChild, true},
    {"ForEachAuditEntry", Role::kCentreStaff, kNoChild, false},
    {"ForEachAuditEntry", Role::kTeacher, kNoChild, false},
    {"ForEachAuditEntry", Role::kMethodDesigner, kNoChild, false},
    {"ForEachAuditEntry", Role::kAdministrator, kNoChild, true},
    {"ForEachAuditEntry", Role::kAdministrator, kNoChild, true, kWithPurpose},
    // VerifyAudit
    {"VerifyAudit", Role::kSocialWorker, kNoChild, false},
    {"VerifyAudit", Role::kSupervisor, kNoChild, true},
    {"VerifyAudit", Role::kCentreStaff, kNoChild, false},
    {"VerifyAudit", Role::kTeacher, kNoChild, false},
    {"VerifyAudit", Role::kMethodDesigner, kNoChild, false},
    {"VerifyAudit", Role::kAdministrator, kNoChild, true},
    {"VerifyAudit", Role::kAdministrator, kNoChild, true, kWithPurpose},
};

std::string ScopeName(Scope scope) {
  switch (scope) {
    case kOwn: return "OwnCaseload";
    case kSameUnit: return "SameUnit";
    case kOtherUnit: return "OtherUnit";
    case kNoChild: return "NoChild";
  }
  return "";
}

std::string CaseName(const ::testing::TestParamInfo<Case>& info) {
  const Case& c = info.param;
  std::string role;
  bool upper = true;
  for (char ch : RoleName(c.role)) {
    if (ch == '-') {
      upper = true;
      continue;
    }
    role += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(ch))) : ch;
    upper = false;
  }
  if (c.purpose == kWithPurpose) role += "WithPurpose";
  return std::string(c.operation) + "_" + role + "_" + ScopeName(c.scope);
}

class PermissionMatrixTest : public WorldTest, public ::testing::WithParamInterface<Case> {};

TEST_P(PermissionMatrixTest, AllowedOrRefusedAsTheTableSays) {
  const Case& c = GetParam();
  auto found = Operations().find(c.operation);
  ASSERT_NE(found, Operations().end()) << "no operation " << c.operation;
  const Operation& operation = found->second;
  const Caseload& caseload = CaseloadFor(world_, c.role, c.scope);
  const std::string child = operation.on_bare_child ? caseload.bare : caseload.child;
  const std::string account = AccountOf(c.role);

  Workspace ws = OpenAs(account, c.purpose == kWithPurpose ? kPurpose : "");
  ASSERT_TRUE(ws.acting_worker().Has(c.role));
  const std::string before = Snapshot(path_);
  const long long last = LastSequence(path_);

  const Status status = operation.run(ws, caseload);
  const std::vector<RawEntry> entries = EntriesAfter(path_, last);

  if (c.allowed) {
    // Allowed means done: neither a refusal nor any other failure.
    EXPECT_TRUE(status.ok()) << status.ToString();
    if (!operation.audited) {
      EXPECT_THAT(entries, IsEmpty());
      return;
    }
    ASSERT_EQ(entries.size(), 1u) << "one audit entry for the operation";
    EXPECT_EQ(entries[0].action, operation.action);
    EXPECT_EQ(entries[0].account, account);
    if (operation.concerns_child) {
      EXPECT_THAT(entries[0].children, ElementsAre(child));
    }
  } else {
    EXPECT_TRUE(status.IsPermissionDenied()) << status.ToString();
    EXPECT_THAT(status.message(), HasSubstr(RoleTitle(c.role)));
    EXPECT_THAT(status.message(), HasSubstr("not permitted"));
    if (operation.concerns_child) {
      EXPECT_THAT(status.message(), HasSubstr(child));
    }
    // The refusal is audited, and is the only thing that changed.
    ASSERT_EQ(entries.size(), 1u) << "one access.denied entry for the refusal";
    EXPECT_EQ(entries[0].action, "access.denied");
    EXPECT_EQ(entries[0].account, account);
    EXPECT_EQ(entries[0].details, operation.action);
    if (operation.concerns_child) {
      EXPECT_THAT(entries[0].children, ElementsAre(child))
          << "a refused attempt on a child's data is found by the child's audit log";
    } else {
      EXPECT_THAT(entries[0].children, IsEmpty());
    }
    EXPECT_EQ(Snapshot(path_), before) << "a refusal changes nothing but the audit trail";
  }
}

INSTANTIATE_TEST_SUITE_P(EveryOperationAndRole, PermissionMatrixTest, ::testing::ValuesIn(kCases),
                         CaseName);

// The table covers every operation, and every operation for every role.
TEST(PermissionMatrixTableTest, CoversEveryOperationForEveryRole) {
  std::map<std::string, std::map<std::string, int>> seen;  // operation -> role -> cases
  for (const Case& c : kCases) {
    ASSERT_TRUE(Operations().count(c.operation)) << c.operation;
    std::string role(RoleName(c.role));
    if (c.purpose == kWithPurpose) role += "+purpose";
    ++seen[c.operation][role];
    const bool child = Operations().at(c.operation).concerns_child;
    EXPECT_EQ(c.scope == kNoChild, !child) << c.operation;
    if (c.scope == kOwn) {
      EXPECT_TRUE(c.role == Role::kSocialWorker || c.role == Role::kSupervisor);
    }
  }
  EXPECT_EQ(seen.size(), 25u);
  for (const auto& [operation, roles] : seen) {
    EXPECT_EQ(roles.size(), 7u) << operation;
    const bool child = Operations().at(operation).concerns_child;
    for (const auto& [role, count] : roles) {
      const bool caseload = role == "social-worker" || role == "supervisor";
      EXPECT_EQ(count, child ? (caseload ? 3 : 2) : 1) << operation << " " << role;
    }
  }
}

// ---- Listings are filtered, not refused ----

std::vector<std::string> ListedBy(Workspace& ws, const ChildQuery& query = {}) {
  std::vector<std::string> refs;
  Status listed = ws.ForEachChild(query, [&](const Child& c) {
    refs.push_back(c.case_reference);
    return true;
  });
  EXPECT_TRUE(listed.ok()) << listed.ToString();
  return refs;
}

using AccessTest = WorldTest;

TEST_F(AccessTest, SocialWorkerListsOnlyTheirOwnCaseload) {
  Workspace sofia = OpenAs("sofia");
  EXPECT_THAT(ListedBy(sofia), ElementsAre(world_.sofia.child, world_.sofia.bare));
  Workspace olle = OpenAs("olle");
  EXPECT_THAT(ListedBy(olle), ElementsAre(world_.olle.child, world_.olle.bare));
  Workspace sam = OpenAs("sam");
  EXPECT_THAT(ListedBy(sam), IsEmpty());
}

TEST_F(AccessTest, SupervisorListsTheirUnit) {
  Workspace siri = OpenAs("siri");
  EXPECT_THAT(ListedBy(siri), ElementsAre(world_.sofia.child, world_.sofia.bare, world_.siri.child,
                                          world_.siri.bare));
}

TEST_F(AccessTest, AdministratorWithPurposeListsEveryChild) {
  Workspace anna = OpenAs("anna", kPurpose);
  EXPECT_THAT(ListedBy(anna), ElementsAre(world_.sofia.child, world_.sofia.bare, world_.siri.child,
                                          world_.siri.bare, world_.olle.child, world_.olle.bare));
}

TEST_F(AccessTest, AdministratorWithoutPurposeAndCentreStaffCannotList) {
  for (const char* account : {"anna", "cecilia", "tove", "maja"}) {
    Workspace ws = OpenAs(account);
    int visited = 0;
    Status listed = ws.ForEachChild({}, [&](const Child&) {
      ++visited;
      return true;
    });
    EXPECT_TRUE(listed.IsPermissionDenied()) << account << ": " << listed.ToString();
    EXPECT_EQ(visited, 0) << account;
  }
}

TEST_F(AccessTest, WholeRestrictionListIsFilteredToWhatTheWorkerMayRead) {
  auto restrictions = [](Workspace& ws) {
    std::vector<std::int64_t> ids;
    Status listed = ws.ForEachRestriction({}, [&](const Restriction& s) {
      ids.push_back(s.id);
      return true;
    });
    EXPECT_TRUE(listed.ok()) << listed.ToString();
    return ids;
  };
  Workspace sofia = OpenAs("sofia");
  EXPECT_THAT(restrictions(sofia), ElementsAre(world_.sofia.restriction));
  Workspace siri = OpenAs("siri");
  EXPECT_THAT(restrictions(siri), ElementsAre(world_.sofia.restriction, world_.siri.restriction));
  Workspace anna = OpenAs("anna", kPurpose);
  EXPECT_THAT(restrictions(anna), ElementsAre(world_.sofia.restriction, world_.siri.restriction,
                                              world_.olle.restriction));
  Workspace cecilia = OpenAs("cecilia");
  Status refused = cecilia.ForEachRestriction({}, [](const Restriction&) { return true; });
  EXPECT_TRUE(refused.IsPermissionDenied()) << refused.ToString();
  EXPECT_THAT(refused.message(), HasSubstr("(centre staff)"));
}

// ---- Protected identity ----

class ProtectedIdentityTest : public WorldTest {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(WorldTest::SetUp());
    Workspace sofia = OpenAs("sofia");
    NewChild child = MakeChild("Alva Hemlig", Date(2016, 3, 15));
    child.national_id = "20160315-1232";
    child.protected_identity = true;
    Result<Child> added = sofia.AddChild(child);
    ASSERT_TRUE(added.ok()) << added.status().ToString();
    ASSERT_TRUE(added->national_id.has_value());
    secret_ = added->case_reference;
  }

  static void ExpectHidden(const Child& c, const std::string& ref) {
    EXPECT_EQ(c.case_reference, ref);
    EXPECT_TRUE(c.identity_hidden);
    EXPECT_TRUE(c.protected_identity);
    EXPECT_EQ(c.name, "");
    EXPECT_FALSE(c.national_id.has_value());
    EXPECT_EQ(c.birth_date, Date(1970, 1, 1));
    EXPECT_THAT(c.languages, IsEmpty());
    EXPECT_EQ(c.school, "");
  }

  std::string secret_;
};

TEST_F(ProtectedIdentityTest, ResponsibleWorkerSeesTheIdentity) {
  Workspace sofia = OpenAs("sofia");
  Result<Child> shown = sofia.GetChild(secret_);
  ASSERT_TRUE(shown.ok()) << shown.status().ToString();
  EXPECT_FALSE(shown->identity_hidden);
  EXPECT_EQ(shown->name, "Alva Hemlig");
  EXPECT_EQ(shown->birth_date, Date(2016, 3, 15));
  ASSERT_TRUE(shown->national_id.has_value());
  EXPECT_EQ(shown->school, "Vara skola");
  bool listed = false;
  ASSERT_TRUE(sofia
                  .ForEachChild({},
                                [&](const Child& c) {
                                  if (c.case_reference == secret_) {
                                    listed = true;
                                    EXPECT_FALSE(c.identity_hidden);
                                    EXPECT_EQ(c.name, "Alva Hemlig");
                                  }
                                  return true;
                                })
                  .ok());
  EXPECT_TRUE(listed);
}

TEST_F(ProtectedIdentityTest, SupervisorOfTheUnitSeesOnlyTheCaseReference) {
  Workspace siri = OpenAs("siri");
  std::optional<Child> listed;
  ASSERT_TRUE(siri.ForEachChild({},
                                [&](const Child& c) {
                                  if (c.case_reference == secret_) listed = c;
                                  // The others are shown whole.
                                  if (c.case_reference == world_.sofia.child) {
                                    EXPECT_EQ(c.name, "Lisa Berg");
                                    EXPECT_FALSE(c.identity_hidden);
                                  }
                                  return true;
                                })
                  .ok());
  ASSERT_TRUE(listed.has_value()) << "the supervisor lists the unit's protected child";
  ExpectHidden(*listed, secret_);

  Result<Child> shown = siri.GetChild(secret_);
  ASSERT_TRUE(shown.ok()) << shown.status().ToString();
  ExpectHidden(*shown, secret_);
}

TEST_F(ProtectedIdentityTest, AdministratorWithPurposeSeesOnlyTheCaseReference) {
  Workspace anna = OpenAs("anna", kPurpose);
  Result<Child> shown = anna.GetChild(secret_);
  ASSERT_TRUE(shown.ok()) << shown.status().ToString();
  ExpectHidden(*shown, secret_);
}

// A name search must not tell someone outside the caseload that the protected child has that
// name: otherwise the search reveals what the listing hides.
TEST_F(ProtectedIdentityTest, NameSearchDoesNotRevealAProtectedName) {
  Workspace siri = OpenAs("siri");
  ChildQuery query;
  query.name_contains = "Hemlig";
  EXPECT_THAT(ListedBy(siri, query), IsEmpty());
  Workspace sofia = OpenAs("sofia");
  EXPECT_THAT(ListedBy(sofia, query), ElementsAre(secret_));
}

// A supervisor may change the unit's cases, but what the change returns is still the child as
// they may see it.
TEST_F(ProtectedIdentityTest, EditAndCloseBySupervisorDoNotReturnTheIdentity) {
  Workspace siri = OpenAs("siri");
  ChildChanges changes;
  changes.languages = std::vector<std::string>{"sv", "ar"};
  Result<Child> edited = siri.EditChild(secret_, changes);
  ASSERT_TRUE(edited.ok()) << edited.status().ToString();
  ExpectHidden(*edited, secret_);
  Result<Child> closed = siri.CloseChild(secret_, kToday, "moved abroad");
  ASSERT_TRUE(closed.ok()) << closed.status().ToString();
  ExpectHidden(*closed, secret_);
}

// ---- Protected and secret addresses ----

std::vector<Placement> PlacementsSeenBy(Workspace& ws, const std::string& child) {
  std::vector<Placement> placements;
  Status listed = ws.ForEachPlacement(child, [&](const Placement& p) {
    placements.push_back(p);
    return true;
  });
  EXPECT_TRUE(listed.ok()) << listed.ToString();
  return placements;
}

TEST_F(AccessTest, ProtectedAddressIsHiddenFromAllButTheResponsibleWorker) {
  std::int64_t id = 0;
  {
    Workspace sofia = OpenAs("sofia");
    Result<Placement> added = sofia.AddPlacement(
        world_.sofia.bare, MakePlacement(Date(2026, 10, 1), "Skyddad väg 7, Vara", true));
    ASSERT_TRUE(added.ok()) << added.status().ToString();
    id = added->id;
    Result<Placement> shown = sofia.GetPlacement(id);
    ASSERT_TRUE(shown.ok()) << shown.status().ToString();
    EXPECT_EQ(shown->address, "Skyddad väg 7, Vara");
    EXPECT_FALSE(shown->address_hidden);
    std::vector<Placement> listed = PlacementsSeenBy(sofia, world_.sofia.bare);
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0].address, "Skyddad väg 7, Vara");
  }
  for (const auto& [account, purpose] :
       std::vector<std::pair<std::string, std::string>>{{"siri", ""}, {"anna", kPurpose}}) {
    Workspace ws = OpenAs(account, purpose);
    Result<Placement> shown = ws.GetPlacement(id);
    ASSERT_TRUE(shown.ok()) << account << ": " << shown.status().ToString();
    EXPECT_EQ(shown->address, "") << account;
    EXPECT_TRUE(shown->address_hidden) << account;
    EXPECT_TRUE(shown->address_protected) << account;
    EXPECT_EQ(shown->caregivers, "Karin and Per Svensson") << account;
    std::vector<Placement> listed = PlacementsSeenBy(ws, world_.sofia.bare);
    ASSERT_EQ(listed.size(), 1u) << account;
    EXPECT_EQ(listed[0].address, "") << account;
    EXPECT_TRUE(listed[0].address_hidden) << account;
  }
  // An unprotected address is shown to the supervisor.
  Workspace siri = OpenAs("siri");
  Result<Placement> open = siri.GetPlacement(world_.sofia.placement);
  ASSERT_TRUE(open.ok()) << open.status().ToString();
  EXPECT_EQ(open->address, "Storgatan 1, Vara");
  EXPECT_FALSE(open->address_hidden);
}

// GetCase reads the child and its three parts in one transaction with one audit entry naming
// them; what each reader sees is what the separate reads show them.
TEST_F(AccessTest, CaseIsReadWholeWithOneAuditEntryAndTheSameProtection) {
  {
    Workspace sofia = OpenAs("sofia");
    Result<Placement> ended =
        sofia.EndPlacement(world_.sofia.placement, Date(2026, 9, 30), "moved to a foster family");
    ASSERT_TRUE(ended.ok()) << ended.status().ToString();
    Result<Placement> added = sofia.AddPlacement(
        world_.sofia.child, MakePlacement(Date(2026, 10, 1), "Skyddad väg 7, Vara", true));
    ASSERT_TRUE(added.ok()) << added.status().ToString();
  }
  // What the separate reads show each worker, to compare with.
  struct Parts {
    Child child;
    std::vector<Relation> relations;
    std::vector<Restriction> restrictions;
    std::vector<Placement> placements;
  };
  auto separately = [&](Workspace& ws) {
    Parts parts;
    Result<Child> child = ws.GetChild(world_.sofia.child);
    EXPECT_TRUE(child.ok()) << child.status().ToString();
    if (child.ok()) parts.child = *child;
    EXPECT_TRUE(ws.ForEachRelation(world_.sofia.child, [&](const Relation& r) {
                    parts.relations.push_back(r);
                    return true;
                  }).ok());
    RestrictionQuery query;
    query.child = world_.sofia.child;
    query.include_ended = true;
    EXPECT_TRUE(ws.ForEachRestriction(query, [&](const Restriction& r) {
                    parts.restrictions.push_back(r);
                    return true;
                  }).ok());
    parts.placements = PlacementsSeenBy(ws, world_.sofia.child);
    return parts;
  };
  for (const auto& [account, purpose] : std::vector<std::pair<std::string, std::string>>{
           {"sofia", ""}, {"siri", ""}, {"anna", kPurpose}}) {
    Workspace ws = OpenAs(account, purpose);
    const Parts expected = separately(ws);
    const long long last = LastSequence(path_);
    Result<ChildCase> c = ws.GetCase(world_.sofia.child);
    ASSERT_TRUE(c.ok()) << account << ": " << c.status().ToString();
    const std::vector<RawEntry> entries = EntriesAfter(path_, last);
    ASSERT_EQ(entries.size(), 1u) << account << ": one audit entry for the whole case";
    EXPECT_EQ(entries[0].action, "child.show");
    EXPECT_EQ(entries[0].account, account);
    EXPECT_THAT(entries[0].children, ElementsAre(world_.sofia.child));
    EXPECT_EQ(entries[0].details, "with relations (1), restrictions (1), placements (2)");

    EXPECT_EQ(c->child.case_reference, expected.child.case_reference);
    EXPECT_EQ(c->child.name, expected.child.name);
    ASSERT_EQ(c->relations.size(), 1u);
    ASSERT_EQ(c->relations.size(), expected.relations.size());
    EXPECT_EQ(c->relations[0].id, world_.sofia.relation);
    EXPECT_EQ(c->relations[0].person_name, expected.relations[0].person_name);
    ASSERT_EQ(c->restrictions.size(), 1u);
    ASSERT_EQ(c->restrictions.size(), expected.restrictions.size());
    EXPECT_EQ(c->restrictions[0].id, world_.sofia.restriction);
    ASSERT_EQ(c->placements.size(), 2u);
    ASSERT_EQ(c->placements.size(), expected.placements.size());
    for (std::size_t i = 0; i < c->placements.size(); ++i) {
      EXPECT_EQ(c->placements[i].id, expected.placements[i].id) << account;
      EXPECT_EQ(c->placements[i].address, expected.placements[i].address) << account;
      EXPECT_EQ(c->placements[i].address_hidden, expected.placements[i].address_hidden) << account;
    }
    // Only the responsible worker sees the protected address; the supervisor and the
    // administrator see the placement without it.
    const bool responsible = account == "sofia";
    bool protected_seen = false;
    for (const Placement& p : c->placements) {
      if (p.address == "Skyddad väg 7, Vara") protected_seen = true;
    }
    EXPECT_EQ(protected_seen, responsible) << account;
  }
  // A social worker of the unit who is not responsible sees no part of it, and the refusal is
  // recorded against the child.
  Workspace sam = OpenAs("sam");
  const long long last = LastSequence(path_);
  Result<ChildCase> refused = sam.GetCase(world_.sofia.child);
  EXPECT_TRUE(refused.status().IsPermissionDenied()) << refused.status().ToString();
  const std::vector<RawEntry> entries = EntriesAfter(path_, last);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].action, "access.denied");
  EXPECT_EQ(entries[0].details, "child.show");
  EXPECT_THAT(entries[0].children, ElementsAre(world_.sofia.child));
}

// A supervisor may end a placement of the unit; the placement it returns still hides the
// protected address.
TEST_F(AccessTest, EndPlacementBySupervisorDoesNotReturnAProtectedAddress) {
  std::int64_t id = 0;
  {
    Workspace sofia = OpenAs("sofia");
    Result<Placement> added = sofia.AddPlacement(
        world_.sofia.bare, MakePlacement(Date(2026, 10, 1), "Skyddad väg 7, Vara", true));
    ASSERT_TRUE(added.ok()) << added.status().ToString();
    id = added->id;
  }
  Workspace siri = OpenAs("siri");
  Result<Placement> ended = siri.EndPlacement(id, kToday, "moved to kin");
  ASSERT_TRUE(ended.ok()) << ended.status().ToString();
  EXPECT_EQ(ended->address, "");
  EXPECT_TRUE(ended->address_hidden);
}

TEST_F(AccessTest, SecretAddressRestrictionHidesAnUnprotectedAddressWhileInForce) {
  auto address_seen_by = [&](const std::string& account) {
    Workspace ws = OpenAs(account);
    Result<Placement> shown = ws.GetPlacement(world_.sofia.placement);
    EXPECT_TRUE(shown.ok()) << account << ": " << shown.status().ToString();
    std::vector<Placement> listed = PlacementsSeenBy(ws, world_.sofia.child);
    EXPECT_EQ(listed.size(), 1u);
    if (!shown.ok() || listed.size() != 1) return std::string("<error>");
    EXPECT_EQ(listed[0].address, shown->address) << account;
    EXPECT_EQ(listed[0].address_hidden, shown->address_hidden) << account;
    EXPECT_EQ(shown->address_hidden, shown->address.empty()) << account;
    EXPECT_FALSE(shown->address_protected);
    return shown->address;
  };
  EXPECT_EQ(address_seen_by("siri"), "Storgatan 1, Vara");

  // Decided, but not yet in force: still shown.
  std::int64_t future = 0;
  {
    Workspace sofia = OpenAs("sofia");
    Result<Restriction> added =
        sofia.AddRestriction(world_.sofia.relation,
                             MakeRestriction(Date(2026, 12, 15), RestrictionKind::kSecretAddress));
    ASSERT_TRUE(added.ok()) << added.status().ToString();
    future = added->id;
  }
  EXPECT_EQ(address_seen_by("siri"), "Storgatan 1, Vara");

  // In force: hidden from the supervisor, shown to the responsible worker.
  std::int64_t in_force = 0;
  {
    Workspace sofia = OpenAs("sofia");
    Result<Restriction> added =
        sofia.AddRestriction(world_.sofia.relation,
                             MakeRestriction(Date(2026, 11, 20), RestrictionKind::kSecretAddress));
    ASSERT_TRUE(added.ok()) << added.status().ToString();
    in_force = added->id;
  }
  EXPECT_EQ(address_seen_by("siri"), "");
  EXPECT_EQ(address_seen_by("sofia"), "Storgatan 1, Vara");
  {
    Workspace anna = OpenAs("anna", kPurpose);
    Result<Placement> shown = anna.GetPlacement(world_.sofia.placement);
    ASSERT_TRUE(shown.ok()) << shown.status().ToString();
    EXPECT_EQ(shown->address, "");
    EXPECT_TRUE(shown->address_hidden);
  }

  // Lifted today: no longer in force, shown again.
  {
    Workspace sofia = OpenAs("sofia");
    ASSERT_TRUE(sofia.LiftRestriction(in_force, kToday, "risk assessed as low").ok());
  }
  EXPECT_EQ(address_seen_by("siri"), "Storgatan 1, Vara");
  EXPECT_NE(future, in_force);
}

// ---- Acting as another account ----

class ImpersonationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device random;
    dir_ = fs::temp_directory_path() / ("kinbridge-access-test-as-" + std::to_string(random()));
    ASSERT_TRUE(fs::create_directories(dir_)) << dir_;
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  static WorkspaceOptions Fixed() {
    WorkspaceOptions options;
    options.today = kToday;
    options.now_utc = kNow;
    return options;
  }
  fs::path dir_;
};

TEST_F(ImpersonationTest, ProductionWorkspaceRefusesAnotherAccount) {
  const std::string path = testing_support::TestWorkspace(dir_ / "real.kinbridge");
  std::string me;
  {
    CreateOptions create;
    create.municipality = Vara();
    create.mode = WorkspaceMode::kProduction;  // the administrator is the account running this
    Result<Workspace> ws = Workspace::Create(path, create, Fixed());
    ASSERT_TRUE(ws.ok()) << ws.status().ToString();
    me = ws->acting_worker().os_account;
    ASSERT_FALSE(me.empty());
    ASSERT_TRUE(
        ws->AddWorker(MakeWorker("Sofia Social", "sofia-kb-test", "north", {Role::kSocialWorker}))
            .ok());
  }
  // The process's own account, by default and by name.
  Result<Workspace> own = Workspace::Open(path, Fixed());
  ASSERT_TRUE(own.ok()) << own.status().ToString();
  EXPECT_EQ(own->acting_worker().os_account, me);
  WorkspaceOptions named = Fixed();
  named.account = me;
  EXPECT_TRUE(Workspace::Open(path, named).ok());

  // Another account, even a worker of the workspace: refused.
  WorkspaceOptions as = Fixed();
  as.account = "sofia-kb-test";
  Result<Workspace> refused = Workspace::Open(path, as);
  ASSERT_FALSE(refused.ok());
  EXPECT_TRUE(refused.status().IsPermissionDenied()) << refused.status().ToString();
  EXPECT_THAT(refused.status().message(), HasSubstr("sofia-kb-test"));
  EXPECT_THAT(refused.status().message(), HasSubstr("production"));
}

TEST_F(ImpersonationTest, ProductionWorkspaceCannotBeCreatedForAnotherAdministrator) {
  const std::string path = testing_support::TestWorkspace(dir_ / "real.kinbridge");
  CreateOptions create;
  create.municipality = Vara();
  create.mode = WorkspaceMode::kProduction;
  create.administrator_account = "kb-test-not-the-process-account";
  Result<Workspace> ws = Workspace::Create(path, create, Fixed());
  ASSERT_FALSE(ws.ok());
  EXPECT_TRUE(ws.status().IsPermissionDenied()) << ws.status().ToString();
  EXPECT_FALSE(fs::exists(path));
}

TEST_F(ImpersonationTest, DemoAndTestWorkspacesAcceptAnotherAccount) {
  for (WorkspaceMode mode : {WorkspaceMode::kDemo, WorkspaceMode::kTest}) {
    const std::string path = testing_support::TestWorkspace(
        dir_ / (std::string(WorkspaceModeName(mode)) + ".kinbridge"));
    CreateOptions create;
    create.municipality = Vara();
    create.mode = mode;
    create.administrator_account = "anna";
    WorkspaceOptions options = Fixed();
    options.account = "anna";
    {
      Result<Workspace> ws = Workspace::Create(path, create, options);
      ASSERT_TRUE(ws.ok()) << ws.status().ToString();
    }
    Result<Workspace> ws = Workspace::Open(path, options);
    ASSERT_TRUE(ws.ok()) << ws.status().ToString();
    EXPECT_EQ(ws->acting_worker().os_account, "anna");
    EXPECT_TRUE(ws->acting_worker().Has(Role::kAdministrator));
  }
}

TEST_F(AccessTest, UnknownAccountIsRefused) {
  Result<Workspace> ws = Workspace::Open(path_, As("mallory"));
  ASSERT_FALSE(ws.ok());
  EXPECT_TRUE(ws.status().IsPermissionDenied()) << ws.status().ToString();
  EXPECT_THAT(ws.status().message(), HasSubstr("mallory"));
}

// ---- Caseload hand-over ----

std::vector<CaseloadAssignment> HistoryOf(Workspace& ws, const std::string& child) {
  std::vector<CaseloadAssignment> history;
  Status listed = ws.ForEachAssignment(child, [&](const CaseloadAssignment& a) {
    history.push_back(a);
    return true;
  });
  EXPECT_TRUE(listed.ok()) << listed.ToString();
  return history;
}

TEST_F(AccessTest, HandOverMovesAccessToTheNewWorkerAndKeepsTheHistory) {
  constexpr const char* kHandOver = "2026-11-29T11:30:00Z";
  {
    Workspace siri = OpenAs("siri", "", kHandOver);
    Result<CaseloadAssignment> assigned =
        siri.AssignChild(world_.sofia.child, "sam", "sofia is on parental leave");
    ASSERT_TRUE(assigned.ok()) << assigned.status().ToString();
    EXPECT_EQ(assigned->child_case_reference, world_.sofia.child);
    EXPECT_EQ(assigned->worker_account, "sam");
    EXPECT_EQ(assigned->worker_name, "Sam Social");
    EXPECT_EQ(assigned->assigned_at, kHandOver);
    EXPECT_EQ(assigned->assigned_by, "siri");
    EXPECT_EQ(assigned->note, "sofia is on parental leave");
    EXPECT_FALSE(assigned->released_at.has_value());
  }
  {
    Workspace sofia = OpenAs("sofia");
    Result<Child> refused = sofia.GetChild(world_.sofia.child);
    ASSERT_FALSE(refused.ok());
    EXPECT_TRUE(refused.status().IsPermissionDenied()) << refused.status().ToString();
    EXPECT_THAT(ListedBy(sofia), ElementsAre(world_.sofia.bare));
    EXPECT_TRUE(sofia.ForEachPlacement(world_.sofia.child, [](const Placement&) { return true; })
                    .IsPermissionDenied());
  }
  {
    Workspace sam = OpenAs("sam");
    Result<Child> shown = sam.GetChild(world_.sofia.child);
    ASSERT_TRUE(shown.ok()) << shown.status().ToString();
    EXPECT_EQ(shown->name, "Lisa Berg");
    EXPECT_THAT(ListedBy(sam), ElementsAre(world_.sofia.child));
    EXPECT_TRUE(sam.EndPlacement(world_.sofia.placement, kToday, "returned home").ok());

    std::vector<CaseloadAssignment> history = HistoryOf(sam, world_.sofia.child);
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[0].worker_account, "sofia");
    EXPECT_EQ(history[0].assigned_at, kNow);
    EXPECT_EQ(history[0].assigned_by, "sofia");
    ASSERT_TRUE(history[0].released_at.has_value());
    EXPECT_EQ(*history[0].released_at, kHandOver);
    EXPECT_EQ(history[1].worker_account, "sam");
    EXPECT_EQ(history[1].worker_name, "Sam Social");
    EXPECT_EQ(history[1].assigned_at, kHandOver);
    EXPECT_EQ(history[1].assigned_by, "siri");
    EXPECT_EQ(history[1].note, "sofia is on parental leave");
    EXPECT_FALSE(history[1].released_at.has_value());
    EXPECT_LT(history[0].id, history[1].id);
  }
}

TEST_F(AccessTest, AssignChildReturnsTheStoredAssignmentWithItsId) {
  Workspace siri = OpenAs("siri");
  Result<CaseloadAssignment> assigned = siri.AssignChild(world_.sofia.child, "sam", "hand-over");
  ASSERT_TRUE(assigned.ok()) << assigned.status().ToString();
  std::vector<CaseloadAssignment> history = HistoryOf(siri, world_.sofia.child);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_NE(assigned->id, 0);
  EXPECT_EQ(assigned->id, history[1].id);
}

TEST_F(AccessTest, SupervisorCannotHandOverToAnotherUnit) {
  Workspace siri = OpenAs("siri");
  const std::string before = Snapshot(path_);
  const long long last = LastSequence(path_);
  Result<CaseloadAssignment> refused = siri.AssignChild(world_.sofia.child, "olle", "");
  ASSERT_FALSE(refused.ok());
  EXPECT_TRUE(refused.status().IsPermissionDenied()) << refused.status().ToString();
  EXPECT_THAT(refused.status().message(), HasSubstr("olle"));
  EXPECT_THAT(refused.status().message(), HasSubstr("supervisor"));
  EXPECT_EQ(Snapshot(path_), before);
  const std::vector<RawEntry> entries = EntriesAfter(path_, last);
  ASSERT_EQ(entries.size(), 1u) << "the refusal is audited";
  EXPECT_EQ(entries[0].action, "access.denied");
  EXPECT_EQ(entries[0].details, "caseload.assign");
}

TEST_F(AccessTest, OnlySocialWorkersAndSupervisorsCanBeResponsible) {
  Workspace anna = OpenAs("anna");
  for (const char* account : {"cecilia", "tove", "kim", "anna"}) {
    Result<CaseloadAssignment> refused = anna.AssignChild(world_.olle.child, account, "");
    ASSERT_FALSE(refused.ok()) << account;
    EXPECT_TRUE(refused.status().IsInvalidArgument()) << refused.status().ToString();
  }
  Result<CaseloadAssignment> unknown = anna.AssignChild(world_.olle.child, "nobody", "");
  ASSERT_FALSE(unknown.ok());
  EXPECT_TRUE(unknown.status().IsNotFound()) << unknown.status().ToString();
}

// ---- Registering into a caseload ----

TEST_F(AccessTest, SupervisorRegistersIntoTheirUnitsCaseloads) {
  NewChild child = MakeChild("Ella Ek", Date(2018, 5, 5));
  child.responsible_account = "sam";
  std::string ref;
  {
    Workspace siri = OpenAs("siri");
    Result<Child> added = siri.AddChild(child);
    ASSERT_TRUE(added.ok()) << added.status().ToString();
    ref = added->case_reference;
  }
  Workspace sam = OpenAs("sam");
  EXPECT_TRUE(sam.GetChild(ref).ok());
  std::vector<CaseloadAssignment> history = HistoryOf(sam, ref);
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].worker_account, "sam");
  EXPECT_EQ(history[0].assigned_by, "siri");
}

// Registering a child into someone else's caseload without the right to is a refusal like any
// other: PermissionDenied naming the role, audited, nothing registered.
TEST_F(AccessTest, RegisteringIntoAnotherCaseloadIsRefusedAndAudited) {
  const std::vector<std::pair<std::string, std::string>> attempts = {
      {"sofia", "sam"},  // a social worker registers only into their own caseload
      {"siri", "olle"},  // a supervisor only into their unit
  };
  for (const auto& [account, responsible] : attempts) {
    SCOPED_TRACE(account + " -> " + responsible);
    NewChild child = MakeChild("Ella Ek", Date(2018, 5, 5));
    child.responsible_account = responsible;
    Workspace ws = OpenAs(account);
    const std::string before = Snapshot(path_);
    const long long last = LastSequence(path_);
    Result<Child> refused = ws.AddChild(child);
    ASSERT_FALSE(refused.ok());
    EXPECT_TRUE(refused.status().IsPermissionDenied()) << refused.status().ToString();
    EXPECT_THAT(refused.status().message(), HasSubstr(RoleTitle(ws.acting_worker().roles.at(0))));
    EXPECT_EQ(Snapshot(path_), before);
    const std::vector<RawEntry> entries = EntriesAfter(path_, last);
    EXPECT_EQ(entries.size(), 1u) << "the refusal is audited";
    if (entries.size() != 1) continue;
    EXPECT_EQ(entries[0].action, "access.denied");
    EXPECT_EQ(entries[0].details, "child.add");
  }
}

// ---- Workers ----

TEST_F(AccessTest, LastAdministratorCannotBeRevoked) {
  {
    Workspace anna = OpenAs("anna");
    Result<Worker> refused = anna.RevokeRole("anna", Role::kAdministrator);
    ASSERT_FALSE(refused.ok());
    EXPECT_TRUE(refused.status().IsFailedPrecondition()) << refused.status().ToString();
    EXPECT_THAT(refused.status().message(), HasSubstr("last administrator"));
  }
  {
    Workspace anna = OpenAs("anna");
    EXPECT_TRUE(anna.acting_worker().Has(Role::kAdministrator));
    ASSERT_TRUE(anna.GrantRole("maja", Role::kAdministrator).ok());
    Result<Worker> revoked = anna.RevokeRole("anna", Role::kAdministrator);
    ASSERT_TRUE(revoked.ok()) << revoked.status().ToString();
    EXPECT_FALSE(revoked->Has(Role::kAdministrator));
  }
  // Roles take effect at the next Open: anna can no longer manage workers, maja can.
  Workspace anna = OpenAs("anna");
  Result<Worker> refused = anna.AddWorker(MakeWorker("Nils", "nils", "", {Role::kTeacher}));
  EXPECT_TRUE(refused.status().IsPermissionDenied()) << refused.status().ToString();
  Workspace maja = OpenAs("maja");
  Result<Worker> last = maja.RevokeRole("maja", Role::kAdministrator);
  EXPECT_TRUE(last.status().IsFailedPrecondition()) << last.status().ToString();
}

}  // namespace
}  // namespace kinbridge
