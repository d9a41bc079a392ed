// End-to-end: a Swedish-speaking social worker and a Chinese-speaking centre worker run the demo
// and their daily views, and tables speak their language in every cell. No enumerated code the
// SDK or the core knows appears as a table cell where the language labels it otherwise; JSON and
// CSV keep the codes; days in tables are in the language's form. What each language calls a code
// and a day comes from the same catalogs the program reads (through cli/labels.cpp and
// LocalDate), so the test holds for whatever the translators chose.
#include <regex>

#include "cli/plan_cli_fixture.h"
#include "kinbridge/i18n.h"
#include "kinbridge/recurrence.h"
#include "labels.h"
#include "output/output.h"

namespace kinbridge::cli::test {
namespace {

// Every code of every vocabulary shown in tables, with its label in the current language.
std::vector<Label> AllLabels() {
  std::vector<Label> all;
  for (auto v : {RelationKind::kMother, RelationKind::kFather, RelationKind::kSibling,
                 RelationKind::kGrandparent, RelationKind::kOther}) {
    all.push_back(RelationKindLabel(v));
  }
  for (auto v : {RestrictionKind::kSupervisedOnly, RestrictionKind::kNoContact,
                 RestrictionKind::kSecretAddress}) {
    all.push_back(RestrictionKindLabel(v));
  }
  for (auto v : {PlacementType::kFosterFamily, PlacementType::kKinship, PlacementType::kResidential,
                 PlacementType::kLeftBehindWithRelatives, PlacementType::kOwnHomeWithSupport}) {
    all.push_back(PlacementTypeLabel(v));
  }
  for (auto v : {LegalBasis::kVoluntary, LegalBasis::kCompulsory}) {
    all.push_back(LegalBasisLabel(v));
  }
  for (auto v : {NationalIdScheme::kSePersonnummer, NationalIdScheme::kSeSamordningsnummer,
                 NationalIdScheme::kCnResidentId}) {
    all.push_back(NationalIdSchemeLabel(v));
  }
  for (auto v : {ChildStatus::kOpen, ChildStatus::kClosed}) all.push_back(ChildStatusLabel(v));
  for (auto v :
       {PlanStatus::kDraft, PlanStatus::kActive, PlanStatus::kUnderReview, PlanStatus::kEnded}) {
    all.push_back(PlanStatusLabel(v));
  }
  for (auto v : {EventStatus::kScheduled, EventStatus::kLogged, EventStatus::kCancelled}) {
    all.push_back(EventStatusLabel(v));
  }
  for (auto v : {ContactOutcome::kHeld, ContactOutcome::kHeldLate, ContactOutcome::kEndedEarly,
                 ContactOutcome::kCancelledByParent, ContactOutcome::kCancelledByChild,
                 ContactOutcome::kCancelledByCarer, ContactOutcome::kCancelledByService,
                 ContactOutcome::kNoShow}) {
    all.push_back(ContactOutcomeLabel(v));
  }
  for (auto v : {SiteKind::kCentre, SiteKind::kSchool}) all.push_back(SiteKindLabel(v));
  for (auto v : {ActivityKind::kLeisure, ActivityKind::kHomeworkHelp, ActivityKind::kGroupSession,
                 ActivityKind::kFamilyCall, ActivityKind::kOther}) {
    all.push_back(ActivityKindLabel(v));
  }
  for (auto v : {EnrolmentStatus::kEnrolled, EnrolmentStatus::kWaiting, EnrolmentStatus::kLeft}) {
    all.push_back(EnrolmentStatusLabel(v));
  }
  for (auto v : {SessionStatus::kScheduled, SessionStatus::kHeld, SessionStatus::kCancelled}) {
    all.push_back(SessionStatusLabel(v));
  }
  for (auto v : {AttendanceMark::kPresent, AttendanceMark::kAbsent, AttendanceMark::kExcused}) {
    all.push_back(AttendanceMarkLabel(v));
  }
  for (auto v : {Role::kSocialWorker, Role::kSupervisor, Role::kCentreStaff, Role::kTeacher,
                 Role::kMethodDesigner, Role::kAdministrator}) {
    all.push_back(RoleLabel(v));
  }
  for (auto v : {WorkspaceMode::kProduction, WorkspaceMode::kDemo, WorkspaceMode::kTest}) {
    all.push_back(WorkspaceModeLabel(v));
  }
  // The vocabularies the core and the methods keep as text (kinbridge/plan.h, methods.h,
  // transfer.h, plugin/method_info.h), and the ones the CLI computes.
  for (const char* c : {"visit", "phone", "video", "letter", "message"}) {
    all.push_back(ContactModeLabel(c));
  }
  for (const char* c : {"supervised", "monitored", "unsupervised"}) {
    all.push_back(SupervisionLabel(c));
  }
  for (const char* c : {"conversation", "in-writing", "representative", "observation"}) {
    all.push_back(ChildViewHowLabel(c));
  }
  for (const char* c : {"error", "warning", "info"}) all.push_back(SeverityLabel(c));
  for (const char* c : {"essential", "necessary", "acceptable", "proscribed"}) {
    all.push_back(FidelityLabel(c));
  }
  for (const char* c : {"integer", "number", "boolean", "text"}) {
    all.push_back(ParameterTypeLabel(c));
  }
  for (const char* c : {"contact", "group", "assessment", "prevention"}) {
    all.push_back(MethodKindLabel(c));
  }
  for (const char* c : {"pre-implementation", "implementation", "scale-up", "maintenance"}) {
    all.push_back(FrameWhenLabel(c));
  }
  for (const char* c : {"content", "context", "training", "implementation"}) {
    all.push_back(FrameWhatLabel(c));
  }
  for (const char* c : {"individual", "group", "organisation", "network", "population"}) {
    all.push_back(FrameLevelLabel(c));
  }
  for (const char* c : {"tailoring", "adding", "removing", "shortening", "substituting",
                        "reordering", "integrating", "format", "setting", "personnel"}) {
    all.push_back(FrameNatureLabel(c));
  }
  for (const char* c : {"improve fit", "increase reach"}) all.push_back(FrameGoalLabel(c));
  for (const char* c : {"contact_adherence", "attendance", "fidelity", "plans", "children"}) {
    all.push_back(OutcomeIndicatorLabel(c));
  }
  all.push_back(AgeBandLabel("all"));
  for (const char* c : {"pending", "in-force", "expired", "lifted"}) {
    all.push_back(RestrictionStatusLabel(c));
  }
  for (const char* c : {"no-plan", "not-recorded", "outdated"}) all.push_back(ViewGapLabel(c));
  all.push_back(AttendanceTrendLabel("falling"));
  for (const char* c : {"loaded", "failed-to-open", "incompatible", "refused"}) {
    all.push_back(PluginOutcomeLabel(c));
  }
  return all;
}

// What a table shows as separate texts: a line split where two or more spaces part its columns
// (a record's "label:  value" too), and the words of "[warning]" markers.
std::vector<std::string> Cells(const std::string& out) {
  static const std::regex gap("  +");
  static const std::regex marker("\\[([^\\]]+)\\]");
  std::vector<std::string> cells;
  for (const std::string& line : Lines(out)) {
    for (std::sregex_token_iterator it(line.begin(), line.end(), gap, -1), end; it != end; ++it) {
      std::string cell = *it;
      cell.erase(0, cell.find_first_not_of(' '));
      cell.erase(cell.find_last_not_of(' ') + 1);
      if (!cell.empty()) cells.push_back(cell);
    }
    for (std::sregex_iterator it(line.begin(), line.end(), marker), end; it != end; ++it) {
      cells.push_back((*it)[1]);
    }
  }
  return cells;
}

class LabelsCliTest : public CliTestBase, public ::testing::WithParamInterface<std::string> {
 protected:
  void SetUp() override {
    CliTestBase::SetUp();
    // The labels and day forms of this language, from the catalogs the program is given.
    setenv("KINBRIDGE_LOCALEDIR", KINBRIDGE_TEST_LOCALEDIR, 1);
    InitLocalization(GetParam());
    vara_ = PathIn("demo.db");
    huangshan_ = PathIn("demo-huangshan.db");
    CliResult r = Run(vara_, "", {"demo"});
    ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
    demo_out_ = r.out;
  }

  CliResult Run(const std::string& ws, const std::string& as, std::vector<std::string> args) {
    std::vector<std::string> all = {"--workspace", ws, "--lang", GetParam()};
    if (!as.empty()) all.insert(all.end(), {"--as", as});
    all.insert(all.end(), args.begin(), args.end());
    return RunCli(all);
  }

  // Runs a table command and checks every cell: no code that the language labels otherwise, no
  // ISO day that the language writes otherwise.
  // `identifiers`: names a method gives its own parts (core components such as "group-session"),
  // shown beside their titles like a method's id; they may spell like a code.
  std::string Table(const std::string& ws, const std::string& as, std::vector<std::string> args,
                    const std::set<std::string>& identifiers = {}) {
    CliResult r = Run(ws, as, args);
    EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
    ExpectSpokenCells(r.out, testing::PrintToString(args), identifiers);
    return r.out;
  }

  void ExpectSpokenCells(const std::string& out, const std::string& what,
                         const std::set<std::string>& identifiers = {}) {
    static const std::regex iso_day("\\d{4}-\\d{2}-\\d{2}");
    static const std::regex quarter("\\d{4}-Q[1-4]");
    // A cell that is some vocabulary's code is a leak unless it is also what the language calls
    // something ("group" is a FRAME level's label, and "group work" a method kind's).
    std::set<std::string> codes, texts;
    for (const Label& label : AllLabels()) {
      codes.insert(label.code);
      texts.insert(label.text);
    }
    std::set<std::string> leaking;
    for (const std::string& code : codes) {
      if (texts.count(code) == 0 && identifiers.count(code) == 0) leaking.insert(code);
    }
    for (const std::string& cell : Cells(out)) {
      EXPECT_EQ(leaking.count(cell), 0u) << what << ": the code '" << cell << "' is a cell in\n"
                                         << out;
      // A schedule is said in words (DescribeRecurrence), never as its iCalendar rule.
      EXPECT_EQ(cell.find("FREQ="), std::string::npos)
          << what << ": the recurrence rule '" << cell << "' is a cell in\n"
          << out;
      if (std::regex_match(cell, quarter)) {
        EXPECT_EQ(QuarterLabel(cell).text, cell)
            << what << ": the quarter " << cell << " is not in the language's form in\n"
            << out;
      }
      if (std::regex_match(cell, iso_day)) {
        EXPECT_EQ(LocalDate(cell), cell) << what << ": the day " << cell << " is not in the "
                                         << "language's form in\n"
                                         << out;
      }
    }
  }

  std::string vara_, huangshan_, demo_out_;
};

TEST_P(LabelsCliTest, TheDemoSpeaksTheLanguageInEveryCell) {
  ExpectSpokenCells(demo_out_, "demo");
  // The demo shows Sara's restriction and Elin's placement by their labels and days.
  EXPECT_THAT(demo_out_, HasSubstr(RestrictionKindLabel(RestrictionKind::kSupervisedOnly).text));
  EXPECT_THAT(demo_out_, HasSubstr(RestrictionStatusLabel("in-force").text));
  EXPECT_THAT(demo_out_, HasSubstr(LocalDate("2026-12-01")));
}

TEST_P(LabelsCliTest, DailyViewsAndListsSpeakTheLanguage) {
  Table(vara_, "anna", {"today", "--week"});
  Table(vara_, "anna", {"contact", "list", "--child", "VAR-2026-0001"});
  Table(vara_, "anna", {"plan", "list", "--child", "VAR-2026-0001"});
  Table(vara_, "karin", {"restriction", "list", "--all"});
  Table(vara_, "karin", {"user", "list"});
  CliResult info = Run(vara_, "anna", {"--format", "json", "method", "info", kHuangshan});
  ASSERT_EQ(info.exit_code, kExitOk) << Describe(info);
  std::set<std::string> components;
  for (const Json& c : ParseJson(info.out).value("components", Json::array())) {
    components.insert(c.value("id", ""));
  }
  EXPECT_THAT(components, Contains("group-session"));
  Table(vara_, "anna", {"method", "info", kHuangshan}, components);
  Table(vara_, "anna", {"method", "lineage", "se.vara.contact"});
  Table(vara_, "karin", {"report", "method", "se.vara.contact"});
  Table(huangshan_, "wang", {"today", "--week"});
  Table(huangshan_, "wang", {"activity", "list"});
  Table(huangshan_, "zhao", {"child", "list"});
}

TEST_P(LabelsCliTest, ShowTablesLabelWhatJsonAndCsvKeepAsCodes) {
  const std::string table = Table(vara_, "anna", {"child", "show", "VAR-2026-0001"});
  CliResult r = Run(vara_, "anna", {"--format", "json", "child", "show", "VAR-2026-0001"});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  const Json child = ParseJson(r.out);
  // JSON: the codes and ISO days; the table: their labels and the language's days.
  const std::string birth = child.value("birth_date", "");
  ASSERT_TRUE(std::regex_match(birth, std::regex("\\d{4}-\\d{2}-\\d{2}"))) << r.out;
  EXPECT_THAT(table, HasSubstr(LocalDate(birth)));
  ASSERT_TRUE(child.contains("placements") && !child["placements"].empty()) << r.out;
  for (const Json& p : child["placements"]) {
    const std::string type = p.value("type", "");
    Result<PlacementType> parsed = ParsePlacementType(type);
    ASSERT_TRUE(parsed.ok()) << "not a placement type code: " << type;
    EXPECT_THAT(table, HasSubstr(PlacementTypeLabel(*parsed).text));
    EXPECT_TRUE(std::regex_match(p.value("start", ""), std::regex("\\d{4}-\\d{2}-\\d{2}")));
  }
  ASSERT_TRUE(child.contains("relations") && !child["relations"].empty()) << r.out;
  for (const Json& rel : child["relations"]) {
    Result<RelationKind> kind = ParseRelationKind(rel.value("kind", ""));
    ASSERT_TRUE(kind.ok()) << rel.dump();
    EXPECT_THAT(table, HasSubstr(RelationKindLabel(*kind).text));
  }

  // CSV of the daily view: codes in the mode and supervision columns, ISO days.
  r = Run(vara_, "anna", {"--format", "csv", "today", "--week"});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  const std::vector<std::string> lines = Lines(r.out);
  ASSERT_GE(lines.size(), 2u) << r.out;
  EXPECT_THAT(lines[0], StartsWith("section,day,time,child,child_name,person,mode,supervision,"));
  bool contact_row = false;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    if (!lines[i].starts_with("contacts_due,")) continue;
    contact_row = true;
    EXPECT_TRUE(std::regex_search(
        lines[i], std::regex("^contacts_due,\\d{4}-\\d{2}-\\d{2},.*,(visit|phone|video|letter|"
                             "message),(supervised|monitored|unsupervised),")))
        << lines[i];
  }
  EXPECT_TRUE(contact_row) << r.out;

  // JSON of a list across children: restriction kinds and statuses as codes.
  r = Run(vara_, "karin", {"--format", "json", "restriction", "list", "--all"});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  for (const Json& s : ParseJson(r.out)) {
    EXPECT_TRUE(ParseRestrictionKind(s.value("kind", "")).ok()) << s.dump();
    EXPECT_THAT((std::set<std::string>{"pending", "in-force", "expired", "lifted"}),
                Contains(s.value("status", "")));
  }
}

// Every schedule the JSON of a command holds ("rrule" of the object, or of each object of an
// array or of the array under `section`), checked to be a rule.
std::vector<std::string> RulesIn(const Json& json, const std::string& section = "") {
  const Json& items = section.empty() ? json : json.at(section);
  std::vector<std::string> rules;
  for (const Json& item : items.is_array() ? items : Json::array({items})) {
    const std::string rule = item.value("rrule", "");
    EXPECT_TRUE(rule.starts_with("FREQ=")) << item.dump();
    rules.push_back(rule);
  }
  EXPECT_FALSE(rules.empty()) << json.dump(2);
  return rules;
}

TEST_P(LabelsCliTest, SchedulesAreWordsInTablesAndRulesInJsonAndCsv) {
  struct Command {
    std::string ws, as;
    std::vector<std::string> args;
    std::string section;  // where the JSON keeps its schedules; empty: the top level
  };
  const std::vector<Command> commands = {
      {vara_, "anna", {"plan", "show", "1"}, "arrangements"},
      {vara_,
       "anna",
       {"method", "propose", "--child", "VAR-2026-0001", "--method", "se.vara.contact"},
       "arrangements"},
      {huangshan_, "wang", {"activity", "list"}, ""},
      {huangshan_, "wang", {"activity", "show", "2"}, ""},
      {huangshan_, "zhang", {"group", "list"}, ""},
  };
  for (const Command& c : commands) {
    std::vector<std::string> json_args = {"--format", "json"};
    json_args.insert(json_args.end(), c.args.begin(), c.args.end());
    CliResult json = Run(c.ws, c.as, json_args);
    ASSERT_EQ(json.exit_code, kExitOk) << Describe(json);
    const std::vector<std::string> rules = RulesIn(ParseJson(json.out), c.section);

    const std::vector<std::string> cells = Cells(Table(c.ws, c.as, c.args));
    std::vector<std::string> csv_args = {"--format", "csv"};
    csv_args.insert(csv_args.end(), c.args.begin(), c.args.end());
    CliResult csv = Run(c.ws, c.as, csv_args);
    ASSERT_EQ(csv.exit_code, kExitOk) << Describe(csv);
    for (const std::string& rule : rules) {
      // The demo's schedules all have words; the table shows them, the CSV keeps the rule.
      const std::string words = DescribeRecurrence(rule);
      EXPECT_NE(words, rule);
      EXPECT_THAT(cells, Contains(words)) << testing::PrintToString(c.args);
      EXPECT_THAT(csv.out, HasSubstr(rule)) << testing::PrintToString(c.args);
    }
  }
}

std::string LanguageName(const ::testing::TestParamInfo<std::string>& language) {
  return language.param == "sv" ? "Swedish" : "Chinese";
}

// Help screens: the parser's own words (usage, option groups, "required", value types, the help
// flag) are in the language too, on the top level and deep in the tree.
TEST_P(LabelsCliTest, HelpScreensHaveNoEnglishFrame) {
  for (const std::vector<std::string>& args : {std::vector<std::string>{"--help"},
                                               {"child", "add", "--help"},
                                               {"plan", "--help"},
                                               {"report", "method", "--help"},
                                               {"contact", "log", "--help"}}) {
    CliResult r = RunCli([&] {
      std::vector<std::string> all = {"--lang", GetParam()};
      all.insert(all.end(), args.begin(), args.end());
      return all;
    }());
    EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
    for (const char* english :
         {"Usage:", "Options:", "Subcommands:", "Positionals:", " REQUIRED", "[OPTIONS]",
          "[SUBCOMMAND]", "Print this help message", " INT", "Needs:", "Excludes:"}) {
      EXPECT_THAT(r.out, ::testing::Not(::testing::HasSubstr(english)))
          << testing::PrintToString(args) << "\n"
          << r.out;
    }
    // Swedish says "TEXT" too.
    if (GetParam() == "zh_CN") {
      EXPECT_THAT(r.out, ::testing::Not(::testing::HasSubstr(" TEXT")));
    }
  }
  // English keeps CLI11's words.
  CliResult en = RunCli({"--lang", "en", "child", "add", "--help"});
  EXPECT_THAT(en.out, ::testing::HasSubstr("Usage:"));
  EXPECT_THAT(en.out, ::testing::HasSubstr("--name TEXT REQUIRED"));
}

INSTANTIATE_TEST_SUITE_P(Languages, LabelsCliTest, ::testing::Values("sv", "zh_CN"), LanguageName);

}  // namespace
}  // namespace kinbridge::cli::test
