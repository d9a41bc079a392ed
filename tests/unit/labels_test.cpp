// Labels of enumerated values and days in the language's form, against catalogs written by the
// test itself: the forms must come from the translations (patterns and contexts), whatever the
// project's catalogs hold at the time.
#include "labels.h"

#include <gtest/gtest.h>
#include <libintl.h>
#include <unistd.h>

#include <algorithm>
#include <clocale>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "output/output.h"
#include "test_catalog.h"

namespace kinbridge::cli {
namespace {

namespace fs = std::filesystem;

using test_catalog::Context;
using test_catalog::WriteMo;

// Binds the "kinbridge" domain to a catalog of `messages` for the language "zh_CN" for the
// length of a test.
class CatalogTest : public ::testing::Test {
 protected:
  void Use(const std::map<std::string, std::string>& messages) {
    static int catalogs = 0;
    dir_ = fs::temp_directory_path() / ("kinbridge-labels-test-" + std::to_string(::getpid()) +
                                        "-" + std::to_string(++catalogs));
    WriteMo(dir_ / "zh_CN" / "LC_MESSAGES" / "kinbridge.mo", messages);
    std::setlocale(LC_ALL, "C.UTF-8");
    setenv("LANGUAGE", "zh_CN", 1);
    bindtextdomain("kinbridge", dir_.c_str());
    bind_textdomain_codeset("kinbridge", "UTF-8");
  }
  void TearDown() override {
    unsetenv("LANGUAGE");
    bindtextdomain("kinbridge", "/nonexistent");
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
  }

 private:
  fs::path dir_;
};

const std::map<std::string, std::string> kChinese = {
    {"{0}-{1}-{2}", "{0}年{1}月{2}日"},
    {"{0}-{1}", "{0}年{1}月"},
    {"{0} {1} UTC", "{0} {1}（UTC）"},
    {"{0}-Q{1}", "{0}年第{1}季度"},
    {Context("relation kind", "other"), "其他亲属"},
    {Context("activity kind", "other"), "其他活动"},
    {Context("placement type", "foster family"), "寄养家庭"},
    {Context("role", "teacher"), "教师"},
    {Context("role", "centre staff"), "中心工作人员"},
    {Context("list separator", ", "), "、"},
};

TEST_F(CatalogTest, DaysMonthsAndMomentsTakeTheTranslatedForm) {
  Use(kChinese);
  EXPECT_EQ(LocalDate("2026-11-30"), "2026年11月30日");
  EXPECT_EQ(LocalDate("2026-01-05"), "2026年01月05日");
  EXPECT_EQ(LocalMonth("2026-11"), "2026年11月");
  EXPECT_EQ(LocalTimestamp("2026-11-29T10:05:00Z"), "2026年11月29日 10:05（UTC）");
  EXPECT_EQ(LocalDate("not a day"), "not a day");
  EXPECT_EQ(QuarterLabel("2026-Q3"), (Label{"2026-Q3", "2026年第3季度"}));
  EXPECT_EQ(QuarterLabel("2026-Q5"), (Label{"2026-Q5", "2026-Q5"}));
}

TEST_F(CatalogTest, ChineseDatesAlignByDisplayWidthAndStayIsoInJsonAndCsv) {
  Use(kChinese);
  const std::vector<Column> columns = {{"start", "开始"}, {"type", "类型"}};
  const std::vector<std::vector<Value>> rows = {
      {DateCell{"2026-11-30"}, PlacementTypeLabel(PlacementType::kFosterFamily)},
      {Value(), PlacementTypeLabel(PlacementType::kKinship)},
  };
  std::ostringstream table, csv;
  RowWriter t(OutputFormat::kTable, table, columns);
  RowWriter c(OutputFormat::kCsv, csv, columns);
  for (const auto& row : rows) {
    t.Write(row);
    c.Write(row);
  }
  t.Finish();
  c.Finish();
  // 2026年11月30日 is 14 columns wide; the kinship label is untranslated here, so English.
  EXPECT_EQ(table.str(),
            "开始            类型\n"
            "--------------  ------------\n"
            "2026年11月30日  寄养家庭\n"
            "                kinship care\n");
  EXPECT_EQ(csv.str(),
            "start,type\n"
            "2026-11-30,foster-family\n"
            ",kinship\n");
}

TEST_F(CatalogTest, ContextsKeepTheSameEnglishWordApart) {
  Use(kChinese);
  const Label relation = RelationKindLabel(RelationKind::kOther);
  const Label activity = ActivityKindLabel(ActivityKind::kOther);
  EXPECT_EQ(relation, (Label{"other", "其他亲属"}));
  EXPECT_EQ(activity, (Label{"other", "其他活动"}));
  EXPECT_EQ(RelationKindLabel("other"), relation);
}

TEST_F(CatalogTest, RolesAreJoinedWithTheLanguagesSeparator) {
  Use(kChinese);
  EXPECT_EQ(RolesLabel(std::vector<Role>{Role::kCentreStaff, Role::kTeacher}),
            (Label{"centre-staff,teacher", "中心工作人员、教师"}));
  EXPECT_EQ(RolesLabel("teacher,janitor"), (Label{"teacher,janitor", "教师、janitor"}));
  EXPECT_EQ(RolesLabel(""), (Label{"", ""}));
}

TEST_F(CatalogTest, ABrokenDatePatternFallsBackToIso) {
  Use({{"{0}-{1}-{2}", "{0}年{3}月"}, {"{0}-{1}", "{"}, {"{0} {1} UTC", "{0} {1} {2}"}});
  EXPECT_EQ(LocalDate("2026-11-30"), "2026-11-30");
  EXPECT_EQ(LocalMonth("2026-11"), "2026-11");
  EXPECT_EQ(LocalTimestamp("2026-11-29T10:05:00Z"), "2026-11-29T10:05:00Z");
}

// Every value of every enumeration has the SDK's code and an English label of its own: a label
// is a word for people, never the code again (which would make a missing label invisible).
TEST(LabelsTest, EveryEnumeratedValueHasItsCodeAndAWordedLabel) {
  std::vector<std::pair<Label, std::string_view>> all;
  for (auto v : {RelationKind::kMother, RelationKind::kFather, RelationKind::kSibling,
                 RelationKind::kGrandparent, RelationKind::kOther}) {
    all.emplace_back(RelationKindLabel(v), RelationKindName(v));
  }
  for (auto v : {RestrictionKind::kSupervisedOnly, RestrictionKind::kNoContact,
                 RestrictionKind::kSecretAddress}) {
    all.emplace_back(RestrictionKindLabel(v), RestrictionKindName(v));
  }
  for (auto v : {PlacementType::kFosterFamily, PlacementType::kKinship, PlacementType::kResidential,
                 PlacementType::kLeftBehindWithRelatives, PlacementType::kOwnHomeWithSupport}) {
    all.emplace_back(PlacementTypeLabel(v), PlacementTypeName(v));
  }
  for (auto v : {LegalBasis::kVoluntary, LegalBasis::kCompulsory}) {
    all.emplace_back(LegalBasisLabel(v), LegalBasisName(v));
  }
  for (auto v : {NationalIdScheme::kSePersonnummer, NationalIdScheme::kSeSamordningsnummer,
                 NationalIdScheme::kCnResidentId}) {
    all.emplace_back(NationalIdSchemeLabel(v), NationalIdSchemeName(v));
  }
  for (auto v : {ChildStatus::kOpen, ChildStatus::kClosed}) {
    all.emplace_back(ChildStatusLabel(v), ChildStatusName(v));
  }
  for (auto v :
       {PlanStatus::kDraft, PlanStatus::kActive, PlanStatus::kUnderReview, PlanStatus::kEnded}) {
    all.emplace_back(PlanStatusLabel(v), PlanStatusName(v));
  }
  for (auto v : {EventStatus::kScheduled, EventStatus::kLogged, EventStatus::kCancelled}) {
    all.emplace_back(EventStatusLabel(v), EventStatusName(v));
  }
  for (auto v : {ContactOutcome::kHeld, ContactOutcome::kHeldLate, ContactOutcome::kEndedEarly,
                 ContactOutcome::kCancelledByParent, ContactOutcome::kCancelledByChild,
                 ContactOutcome::kCancelledByCarer, ContactOutcome::kCancelledByService,
                 ContactOutcome::kNoShow}) {
    all.emplace_back(ContactOutcomeLabel(v), ContactOutcomeName(v));
  }
  for (auto v : {SiteKind::kCentre, SiteKind::kSchool}) {
    all.emplace_back(SiteKindLabel(v), SiteKindName(v));
  }
  for (auto v : {ActivityKind::kLeisure, ActivityKind::kHomeworkHelp, ActivityKind::kGroupSession,
                 ActivityKind::kFamilyCall, ActivityKind::kOther}) {
    all.emplace_back(ActivityKindLabel(v), ActivityKindName(v));
  }
  for (auto v : {EnrolmentStatus::kEnrolled, EnrolmentStatus::kWaiting, EnrolmentStatus::kLeft}) {
    all.emplace_back(EnrolmentStatusLabel(v), EnrolmentStatusName(v));
  }
  for (auto v : {SessionStatus::kScheduled, SessionStatus::kHeld, SessionStatus::kCancelled}) {
    all.emplace_back(SessionStatusLabel(v), SessionStatusName(v));
  }
  for (auto v : {AttendanceMark::kPresent, AttendanceMark::kAbsent, AttendanceMark::kExcused}) {
    all.emplace_back(AttendanceMarkLabel(v), AttendanceMarkName(v));
  }
  for (auto v : {Role::kSocialWorker, Role::kSupervisor, Role::kCentreStaff, Role::kTeacher,
                 Role::kMethodDesigner, Role::kAdministrator}) {
    all.emplace_back(RoleLabel(v), RoleName(v));
  }
  for (auto v : {WorkspaceMode::kProduction, WorkspaceMode::kDemo, WorkspaceMode::kTest}) {
    all.emplace_back(WorkspaceModeLabel(v), WorkspaceModeName(v));
  }
  for (const auto& [label, code] : all) {
    EXPECT_EQ(label.code, code);
    EXPECT_FALSE(label.text.empty()) << code;
    // A code with a hyphen is not English prose; its label must say it in words.
    if (code.find('-') != std::string_view::npos) {
      EXPECT_NE(label.text, code) << code;
    }
  }
}

TEST(LabelsTest, TextVocabulariesLabelTheirCodesAndPassOthersThrough) {
  EXPECT_EQ(ContactModeLabel("phone"), (Label{"phone", "phone call"}));
  EXPECT_EQ(ChildViewHowLabel("in-writing"), (Label{"in-writing", "in writing"}));
  EXPECT_EQ(RestrictionStatusLabel("in-force"), (Label{"in-force", "in force"}));
  EXPECT_EQ(ViewGapLabel("no-plan"), (Label{"no-plan", "no plan"}));
  EXPECT_EQ(OutcomeIndicatorLabel("contact_adherence").code, "contact_adherence");
  EXPECT_NE(OutcomeIndicatorLabel("contact_adherence").text, "contact_adherence");
  EXPECT_EQ(AgeBandLabel("7-13"), (Label{"7-13", "7-13"}));
  EXPECT_EQ(QuarterLabel("2026-Q4"), (Label{"2026-Q4", "2026-Q4"}));
  EXPECT_EQ(QuarterLabel("2026-4"), (Label{"2026-4", "2026-4"}));
  EXPECT_EQ(PluginOutcomeLabel("base-out-of-range").code, "base-out-of-range");
  EXPECT_NE(PluginOutcomeLabel("base-out-of-range").text, "base-out-of-range");
  // A newer method's code is shown as it is rather than hidden.
  EXPECT_EQ(ContactModeLabel("carrier-pigeon"), (Label{"carrier-pigeon", "carrier-pigeon"}));
  EXPECT_EQ(FrameNatureLabel(""), (Label{"", ""}));
  // A schedule: the rule as the code, its words as the label; a rule without words is its own.
  EXPECT_EQ(RecurrenceLabel("FREQ=WEEKLY;INTERVAL=2;BYDAY=SA"),
            (Label{"FREQ=WEEKLY;INTERVAL=2;BYDAY=SA", "every other Saturday"}));
  EXPECT_EQ(RecurrenceLabel("FREQ=MONTHLY;BYDAY=MO;BYSETPOS=2"),
            (Label{"FREQ=MONTHLY;BYDAY=MO;BYSETPOS=2", "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=2"}));
  EXPECT_EQ(RecurrenceLabel(""), (Label{"", ""}));
  EXPECT_EQ(CapabilitiesLabel({"contact-planning", "follow-up"}),
            (Label{"contact-planning,follow-up", "contact planning, follow-up"}));
}

}  // namespace
}  // namespace kinbridge::cli
