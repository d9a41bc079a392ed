// No personal data in a package: plant distinctive names, a national id, an address and notes in
// a workspace, export every method it has, and find none of them in the package, neither in its
// bytes nor in any decoded string of its payload. Also: the export log and the import.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "kinbridge/transfer.h"
#include "kinbridge/workspace.h"
#include "test_backend.h"
#include "transfer/package.h"
#include "transfer/payload.h"

namespace kinbridge {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

constexpr const char* kBuiltInPlugins = KINBRIDGE_BUILT_IN_PLUGINS_DIR;
constexpr const char* kProfiles = KINBRIDGE_PROFILES_DIR;

// Distinctive enough that a match can only be a leak.
const std::vector<std::string> kPlanted = {
    "Zyxwvuta Plomqvist",     // the child's name
    "20170314-2388",          // her personnummer
    "201703142388",           // the same without the hyphen
    "Hemligvägen 77",         // the placement's (protected) address
    "Mormor Qwertina",        // a relation's name
    "NOTE-xylophone-secret",  // a note on the relation
    "Fosterfamiljen Gnurk",   // the caregivers
};

WorkspaceOptions As(const std::string& account) {
  WorkspaceOptions options;
  options.today = Date(2026, 11, 29);
  options.now_utc = "2026-11-29T10:00:00Z";
  options.account = account;
  return options;
}

CreateOptions Creation(const std::string& code, const std::string& name, const std::string& country,
                       const std::string& zone) {
  CreateOptions create;
  create.municipality.code = code;
  create.municipality.name = name;
  create.municipality.country = country;
  create.municipality.locale = country == "SE" ? "sv_SE" : "zh_CN";
  create.municipality.time_zone = zone;
  create.mode = WorkspaceMode::kTest;
  create.administrator_account = "admin";
  create.administrator_name = "Admin Istratör";
  return create;
}

std::string Flatten(const detail::transfer::Payload& p) {
  std::ostringstream all;
  auto texts = [&](const std::vector<detail::transfer::Text>& ts) {
    for (const auto& t : ts) all << t.language << '\n' << t.text << '\n';
  };
  texts(p.origin);
  all << p.method_id << p.method_version << p.kind << p.source << p.base_id << p.base_range
      << p.profile_json << p.municipality_code << p.municipality_name << p.municipality_country
      << p.created_at << p.kinbridge_version << '\n';
  texts(p.title);
  texts(p.description);
  for (const auto& c : p.capabilities) all << c << '\n';
  for (const auto& x : p.parameters) {
    all << x.name << x.type << x.value << x.min << x.max << '\n';
    texts(x.description);
  }
  for (const auto& c : p.components) {
    all << c.id << c.fidelity << '\n';
    texts(c.title);
  }
  for (const auto& f : p.frame) {
    all << f.when << f.what << f.level << f.nature << f.component << '\n';
    texts(f.decided_by);
    texts(f.goal);
    texts(f.reason);
    texts(f.description);
  }
  for (const auto& c : p.chain) all << c << '\n';
  for (const auto& c : p.outcomes) all << c.period << c.age_band << c.indicator << '\n';
  return all.str();
}

std::string ReadAll(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class TransferWorkspaceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    unsetenv("LANGUAGE");
    std::random_device random;
    dir_ = fs::temp_directory_path() / ("kinbridge-transfer-ws-" + std::to_string(random()));
    ASSERT_TRUE(fs::create_directories(dir_ / "methods"));
    vara_ = testing_support::TestWorkspace(dir_ / "vara.kinbridge");
    {
      Result<Workspace> created =
          Workspace::Create(vara_, Creation("VAR", "Vara", "SE", "Europe/Stockholm"), As("admin"));
      ASSERT_TRUE(created.ok()) << created.status().ToString();
      ASSERT_TRUE(created->GrantRole("admin", Role::kSocialWorker).ok());
      for (const char* name : {"vara_contact.so", "huangshan_group.so"}) {
        const fs::path copy = dir_ / "methods" / name;
        fs::copy_file(fs::path(kBuiltInPlugins) / name, copy);
        Result<PluginStatus> installed = created->InstallMethodPlugin(copy.string());
        ASSERT_TRUE(installed.ok()) << installed.status().ToString();
      }
      NewWorker anna;
      anna.name = "Anna Karlsson";
      anna.os_account = "anna";
      anna.unit = "Barn och unga";
      anna.roles = {Role::kSocialWorker};
      ASSERT_TRUE(created->AddWorker(anna).ok());
    }
    Result<Workspace> opened = Workspace::Open(vara_, As("admin"));
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    ws_.emplace(std::move(opened).value());
  }
  void TearDown() override {
    ws_.reset();
    fs::remove_all(dir_);
  }
  std::string PathIn(const std::string& name) const { return (dir_ / name).string(); }

  void PlantPersonalData() {
    NewChild child;
    child.name = kPlanted[0];
    child.birth_date = Date(2017, 3, 14);
    child.national_id = kPlanted[1];
    child.school = "Gnurkskolan";
    Result<Child> c = ws_->AddChild(child);
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    NewPlacement placement;
    placement.type = PlacementType::kFosterFamily;
    placement.caregivers = kPlanted[6];
    placement.start = Date(2025, 5, 12);
    placement.address = kPlanted[3] + ", Vara";
    placement.address_protected = true;
    ASSERT_TRUE(ws_->AddPlacement(c->case_reference, placement).ok());
    NewRelation relation;
    relation.person_name = kPlanted[4];
    relation.kind = RelationKind::kGrandparent;
    relation.description = kPlanted[5];
    ASSERT_TRUE(ws_->AddRelation(c->case_reference, relation).ok());
  }

  fs::path dir_;
  std::string vara_;
  std::optional<Workspace> ws_;
};

TEST_F(TransferWorkspaceTest, NoPersonalDataInAnyExportedPackage) {
  PlantPersonalData();
  std::ifstream profile(fs::path(kProfiles) / "huangshan_short_calls.json");
  std::stringstream text;
  text << profile.rdbuf();
  Result<MethodDescription> adapted = ws_->AdaptMethod(text.str());
  ASSERT_TRUE(adapted.ok()) << adapted.status().ToString();
  std::vector<std::string> methods;
  ASSERT_TRUE(ws_->ForEachMethod([&](const MethodDescription& m) {
                   methods.push_back(m.id);
                   return true;
                 })
                  .ok());
  ASSERT_EQ(methods.size(), 3u);
  for (const std::string& method : methods) {
    const std::string file = PathIn(method + ".kbx");
    Result<TransferExport> e = ws_->ExportMethodPackage({method, file, ""});
    ASSERT_TRUE(e.ok()) << e.status().ToString();
    const std::string bytes = ReadAll(file);
    Result<detail::transfer::OpenedPackage> opened =
        detail::transfer::OpenPackage(bytes, detail::transfer::Trust{});
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    Result<detail::transfer::Payload> payload = detail::transfer::LoadPayload(opened->payload);
    ASSERT_TRUE(payload.ok()) << payload.status().message();
    const std::string decoded = Flatten(*payload);
    EXPECT_THAT(decoded, HasSubstr(method));  // the flattening sees the content
    for (const std::string& planted : kPlanted) {
      EXPECT_EQ(bytes.find(planted), std::string::npos) << planted << " in " << method;
      EXPECT_EQ(decoded.find(planted), std::string::npos) << planted << " in " << method;
    }
    // Nor the workspace's local paths or the accounts of its workers.
    EXPECT_EQ(decoded.find(dir_.string()), std::string::npos) << method;
    EXPECT_EQ(decoded.find("Anna Karlsson"), std::string::npos) << method;
    if (method == adapted->id) {
      EXPECT_FALSE(payload->profile_json.empty());
      EXPECT_EQ(payload->source, "profile");
    }
  }
}

// Children with plans made with a method three weeks ago, every contact since logged as held
// (with a planted note), so that the method has outcomes to aggregate.
void PlanAndLog(const std::string& path, const std::vector<std::string>& children,
                const std::string& note) {
  WorkspaceOptions then = As("admin");
  then.today = then.today->AddDays(-21);
  {
    Result<Workspace> ws = Workspace::Open(path, then);
    ASSERT_TRUE(ws.ok()) << ws.status().ToString();
    for (const std::string& child : children) {
      Result<ContactPlan> plan = ws->ProposePlan(child, "se.vara.contact", "Keep in touch");
      ASSERT_TRUE(plan.ok()) << plan.status().ToString();
      ChildView view;
      view.text = note;
      view.recorded_on = *then.today;
      view.how = "conversation";
      ASSERT_TRUE(ws->RecordChildView(plan->id, view).ok());
      Result<ContactPlan> approved = ws->ApprovePlan(plan->id);
      ASSERT_TRUE(approved.ok()) << approved.status().ToString();
    }
  }
  Result<Workspace> ws = Workspace::Open(path, As("admin"));
  ASSERT_TRUE(ws.ok());
  ContactQuery past;
  past.to = ws->Today().AddDays(-1);
  past.open_only = true;
  std::vector<std::int64_t> events;
  ASSERT_TRUE(ws->ForEachContactEvent(past, [&](const ContactEvent& e) {
                  events.push_back(e.id);
                  return true;
                }).ok());
  ASSERT_FALSE(events.empty());
  for (std::int64_t id : events) {
    ContactReport report;
    report.notes = note;
    report.child_reaction = note;
    Result<ContactEvent> logged = ws->LogContact(id, report);
    ASSERT_TRUE(logged.ok()) << logged.status().ToString();
  }
}

TEST_F(TransferWorkspaceTest, NoPersonalDataInAPackageWithOutcomes) {
  PlantPersonalData();
  // Five more children of the planted child's age band, and one of 16, alone in hers.
  std::vector<std::string> children;
  ASSERT_TRUE(ws_->ForEachChild({},
                                [&](const Child& c) {
                                  children.push_back(c.case_reference);
                                  return true;
                                })
                  .ok());
  ASSERT_EQ(children.size(), 1u);
  for (int i = 0; i < 6; ++i) {
    NewChild child;
    child.name = "Qwertyson Barnsdotter " + std::to_string(i);
    child.birth_date = i < 5 ? Date(2016, 4, 1 + i) : Date(2010, 2, 2);
    Result<Child> c = ws_->AddChild(child);
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    NewRelation mother;
    mother.person_name = "Mamma Qwertyson " + std::to_string(i);
    mother.kind = RelationKind::kMother;
    ASSERT_TRUE(ws_->AddRelation(c->case_reference, mother).ok());
    children.push_back(c->case_reference);
  }
  ws_.reset();
  PlanAndLog(vara_, children, kPlanted[5]);
  Result<Workspace> ws = Workspace::Open(vara_, As("admin"));
  ASSERT_TRUE(ws.ok());
  const std::string file = PathIn("outcomes.kbx");
  TransferExportOptions options;
  options.method = "se.vara.contact";
  options.output_file = file;
  options.with_outcomes = true;
  Result<TransferExport> e = ws->ExportMethodPackage(options);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  const std::string bytes = ReadAll(file);
  Result<detail::transfer::OpenedPackage> opened =
      detail::transfer::OpenPackage(bytes, detail::transfer::Trust{});
  ASSERT_TRUE(opened.ok()) << opened.status().message();
  Result<detail::transfer::Payload> payload = detail::transfer::LoadPayload(opened->payload);
  ASSERT_TRUE(payload.ok()) << payload.status().message();
  ASSERT_FALSE(payload->outcomes.empty());
  const std::string decoded = Flatten(*payload);
  std::vector<std::string> planted = kPlanted;
  for (const std::string& child : children) planted.push_back(child);  // case references
  planted.push_back("Qwertyson");
  for (const std::string& p : planted) {
    EXPECT_EQ(bytes.find(p), std::string::npos) << p;
    EXPECT_EQ(decoded.find(p), std::string::npos) << p;
  }
  // The seven children: 7-13 has six, 14-17 one; the lone band and, so that it cannot be
  // recovered from "all", the other band too, are left out.
  bool all_seven = false;
  for (const auto& c : payload->outcomes) {
    EXPECT_GE(c.n, kOutcomeMinChildren) << c.indicator << " " << c.period << " " << c.age_band;
    EXPECT_NE(c.age_band, "14-17");
    EXPECT_NE(c.age_band, "7-13");
    if (c.indicator == "children" && c.age_band == "all" && c.n == 7) all_seven = true;
  }
  EXPECT_TRUE(all_seven);
}

TEST_F(TransferWorkspaceTest, AnImportWithACellUnderFiveChildrenIsRefused) {
  detail::transfer::Payload p;
  p.method_id = "se.vara.contact";
  p.method_version = "1.0.0";
  p.chain = {"se.vara.contact@1.0.0"};
  p.municipality_code = "ELS";
  p.municipality_name = "Elsewhere";
  p.municipality_country = "SE";
  p.outcomes = {{"2026-Q3", "7-13", "plans", 4, 4}};
  const std::string file = PathIn("small.kbx");
  {
    std::ofstream out(file, std::ios::binary);
    out << detail::transfer::BuildPackage(detail::transfer::SavePayload(p));
  }
  Result<ImportedMethod> refused = ws_->ImportMethodPackage(file, {});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_THAT(refused.status().message(), HasSubstr("4 children"));
  int imported = 0;
  ASSERT_TRUE(ws_->ForEachImportedMethod([&](const ImportedMethod&) {
                   ++imported;
                   return true;
                 })
                  .ok());
  EXPECT_EQ(imported, 0);
}

TEST_F(TransferWorkspaceTest, ExportIsLoggedAndImportRegistersTheOrigin) {
  Result<std::string> pk = GenerateTransferKey(PathIn("vara.key"));
  ASSERT_TRUE(pk.ok());
  const std::string file = PathIn("huangshan.kbx");
  Result<TransferExport> e =
      ws_->ExportMethodPackage({"cn.huangshan.group", file, PathIn("vara.key")});
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_TRUE(e->is_signed);
  EXPECT_EQ(e->method, "cn.huangshan.group@1.0.0");
  std::vector<TransferExport> log;
  ASSERT_TRUE(ws_->ForEachTransferExport([&](const TransferExport& x) {
                   log.push_back(x);
                   return true;
                 })
                  .ok());
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].package_sha256, e->package_sha256);
  EXPECT_EQ(log[0].exported_by, "admin");
  bool audited = false;
  ASSERT_TRUE(ws_->ForEachAuditEntry({},
                                     [&](const AuditEntry& entry) {
                                       if (entry.action == "transfer.export") audited = true;
                                       return true;
                                     })
                  .ok());
  EXPECT_TRUE(audited);

  // Only administrators export.
  {
    Result<Workspace> anna = Workspace::Open(vara_, As("anna"));
    ASSERT_TRUE(anna.ok());
    Result<TransferExport> refused =
        anna->ExportMethodPackage({"cn.huangshan.group", PathIn("anna.kbx"), ""});
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.status().code(), ErrorCode::kPermissionDenied);
    EXPECT_FALSE(fs::exists(PathIn("anna.kbx")));
  }

  const std::string huangshan = testing_support::TestWorkspace(dir_ / "huangshan.kinbridge");
  Result<Workspace> hs = Workspace::Create(
      huangshan, Creation("HSH", "Huangshan", "CN", "Asia/Shanghai"), As("admin"));
  ASSERT_TRUE(hs.ok()) << hs.status().ToString();
  Result<ImportedMethod> imported = hs->ImportMethodPackage(file, TransferTrust{{*pk}, true});
  ASSERT_TRUE(imported.ok()) << imported.status().ToString();
  EXPECT_EQ(imported->method, "cn.huangshan.group@1.0.0");
  EXPECT_EQ(imported->from_municipality, "VAR Vara (SE)");
  EXPECT_EQ(imported->chain,
            (std::vector<std::string>{"cn.huangshan.group@1.0.0", "se.vara.contact@1.0.0"}));
  EXPECT_EQ(imported->signer_public_key, *pk);
  Result<ImportedMethod> twice = hs->ImportMethodPackage(file, TransferTrust{});
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.status().code(), ErrorCode::kAlreadyExists);
  std::vector<ImportedMethod> listed;
  ASSERT_TRUE(hs->ForEachImportedMethod([&](const ImportedMethod& m) {
                  listed.push_back(m);
                  return true;
                }).ok());
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_FALSE(listed[0].frame.empty());
  EXPECT_EQ(listed[0].chain, imported->chain);
}

}  // namespace
}  // namespace kinbridge
