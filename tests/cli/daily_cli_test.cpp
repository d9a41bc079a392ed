// End-to-end tests of `kinbridge today`, `kinbridge import` and `kinbridge export`: the daily
// view of a social worker, a supervisor and centre staff on fixed days (one across the end of
// summer time in Europe/Stockholm), in English, Swedish and Chinese; CSV imports with bad rows,
// dry runs and quoted text; and export -> import round trips into a fresh workspace.
#include <fstream>

#include "cli/plan_cli_fixture.h"

namespace kinbridge::cli::test {
namespace {

constexpr const char* kSite = "familjecentralen";
using ::testing::Not;

std::set<std::string> Column(const Json& rows, const std::string& key) {
  std::set<std::string> values;
  for (const Json& row : rows) {
    const Json value = row.value(key, Json());
    values.insert(value.is_string() ? value.get<std::string>() : value.dump());
  }
  return values;
}

class DailyCliTest : public PlanCliTest {
 protected:
  void SetUp() override {
    PlanCliTest::SetUp();
    // maja supervises anna's unit.
    CliResult r = As("", {"user", "add", "--account", "maja", "--name", "Maja Berg", "--role",
                          "supervisor", "--unit", "Barn och unga"});
    ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  }

  CliResult On(const std::string& today, const std::string& account, std::vector<std::string> args,
               const std::map<std::string, std::string>& env = {}) {
    std::vector<std::string> all = {"--workspace", ws_, "--today", today};
    if (!account.empty()) all.insert(all.end(), {"--as", account});
    all.insert(all.end(), args.begin(), args.end());
    return RunCli(all, env);
  }

  Json TodayJson(const std::string& today, const std::string& account, bool week = true) {
    std::vector<std::string> args = {"--format", "json", "today"};
    if (week) args.push_back("--week");
    CliResult r = On(today, account, args);
    EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
    return r.exit_code == kExitOk ? ParseJson(r.out) : Json::object();
  }

  // An active plan for Elin, drawn up, viewed and approved on `day` (the child's view a day
  // before).
  std::int64_t ApproveOn(const std::string& day, const std::string& view_day) {
    CliResult r = On(day, "anna",
                     {"--format", "json", "plan", "propose", "--child", elin_, "--method", kVara,
                      "--purpose", "Keep Elin's bonds with her family"});
    EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
    const std::int64_t plan = PlanOf(ParseJson(r.out)).value("id", std::int64_t{0});
    r = On(day, "anna",
           {"plan", "view", std::to_string(plan), "--text", "I want to see Oskar more often.",
            "--date", view_day, "--how", "conversation"});
    EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
    r = On(day, "anna", {"plan", "approve", std::to_string(plan)});
    EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
    return plan;
  }

  // Lisa's homework help at the family centre, Mondays and Wednesdays at 15:00 from 2026-10-19.
  std::int64_t AddHomeworkHelp() {
    for (std::vector<std::string> args :
         {std::vector<std::string>{"centre", "add", "--code", kSite, "--name", "Familjecentralen"},
          std::vector<std::string>{"staff", "add", "--site", kSite, "--worker", "lisa", "--from",
                                   "2026-08-01"}}) {
      CliResult r = On("2026-10-01", "", args);
      EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
    }
    CliResult r = On("2026-10-01", "lisa",
                     {"--format", "json", "activity", "add", "--site", kSite, "--name", "Läxhjälp",
                      "--kind", "homework-help", "--rrule", "FREQ=WEEKLY;BYDAY=MO,WE",
                      "--first-day", "2026-10-19", "--at", "15:00", "--capacity", "10"});
    EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
    const Json activity = ParseJson(r.out);
    return activity.is_array() ? activity[0].value("id", std::int64_t{0})
                               : activity.value("id", std::int64_t{0});
  }

  // Writes `text` into the test's directory and returns the path.
  std::string Write(const std::string& name, const std::string& text) {
    const std::string path = PathIn(name);
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  // A fresh test-mode Vara workspace with anna, for round trips.
  std::string FreshWorkspace(const std::string& name) {
    const std::string path = WorkspaceIn(name);
    CliResult r =
        RunCli({"--workspace", path, "init", "--code", "VAR", "--name", "Vara", "--country", "SE",
                "--time-zone", "Europe/Stockholm", "--locale", "sv_SE", "--mode", "test"});
    EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
    r = RunCli({"--workspace", path, "user", "add", "--account", "anna", "--name", "Anna Karlsson",
                "--role", "social-worker", "--unit", "Barn och unga"});
    EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
    return path;
  }

  CliResult Import(const std::string& workspace, std::vector<std::string> args,
                   const std::map<std::string, std::string>& env = {}) {
    std::vector<std::string> all = {"--workspace", workspace, "--as", "anna", "import"};
    all.insert(all.end(), args.begin(), args.end());
    return RunCli(all, env);
  }

  std::string Export(const std::string& workspace, const std::string& kind,
                     const std::string& format = "csv") {
    CliResult r =
        RunCli({"--workspace", workspace, "--as", "anna", "--format", format, "export", kind});
    EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
    return r.out;
  }
};

// ---- today ------------------------------------------------------------------------------------

TEST_F(DailyCliTest, SocialWorkerSeesTheWeekOfTheirCaseload) {
  const std::int64_t plan = ApproveOn("2026-11-29", "2026-11-25");
  const std::string noah = AddChild("Noah Svensson", "2015-06-02");  // no plan yet
  const Json week = TodayJson("2026-11-29", "anna");
  EXPECT_EQ(week["today"], "2026-11-29");
  EXPECT_EQ(week["through"], "2026-12-05");
  ASSERT_TRUE(week["contacts_due"].is_array()) << week.dump(2);
  EXPECT_FALSE(week["contacts_due"].empty()) << week.dump(2);
  for (const Json& e : week["contacts_due"]) {
    EXPECT_GE(e.value("day", ""), "2026-11-29");
    EXPECT_LE(e.value("day", ""), "2026-12-05");
    EXPECT_EQ(e["child"], elin_);
    EXPECT_EQ(e["child_name"], "Elin Andersson");
  }
  // The week's contacts are exactly `contact due --week`.
  const Json due = JsonOf("anna", {"contact", "due", "--week"});
  EXPECT_EQ(Column(week["contacts_due"], "event"), Column(due, "id"));
  EXPECT_TRUE(week["contacts_overdue"].empty()) << week.dump(2);
  // Sara's supervised-only restriction is to be reconsidered by 2026-12-01, and the plan is
  // reviewed no later than that.
  ASSERT_EQ(week["restrictions_due"].size(), 1u) << week.dump(2);
  EXPECT_EQ(week["restrictions_due"][0]["review_date"], "2026-12-01");
  EXPECT_EQ(week["restrictions_due"][0]["person"], "Sara Andersson");
  ASSERT_EQ(week["plans_due"].size(), 1u) << week.dump(2);
  EXPECT_EQ(week["plans_due"][0]["plan"], plan);
  EXPECT_EQ(week["plans_due"][0]["review_date"], "2026-12-01");
  // Elin's view was recorded four days ago; Noah has no plan.
  ASSERT_EQ(week["child_views_missing"].size(), 1u) << week.dump(2);
  EXPECT_EQ(week["child_views_missing"][0]["child"], noah);
  EXPECT_EQ(week["child_views_missing"][0]["gap"], "no-plan");
  // A social worker has no sessions section.
  EXPECT_FALSE(week.contains("sessions")) << week.dump(2);

  // Today only: nothing is to be reviewed yet.
  const Json today = TodayJson("2026-11-29", "anna", false);
  EXPECT_EQ(today["through"], "2026-11-29");
  EXPECT_TRUE(today["plans_due"].empty());
  EXPECT_TRUE(today["restrictions_due"].empty());

  // Ten days later with nothing logged: the past contacts are overdue, the review is late, and
  // a view recorded before 2026-06-09 would be outdated with --view-months 6 (this one is not).
  const Json later = TodayJson("2026-12-09", "anna");
  EXPECT_FALSE(later["contacts_overdue"].empty());
  for (const Json& e : later["contacts_overdue"]) EXPECT_LT(e.value("day", ""), "2026-12-09");
  EXPECT_EQ(later["plans_due"].size(), 1u);
  CliResult r = On("2027-07-01", "anna", {"--format", "json", "today", "--view-months", "6"});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  const Json summer = ParseJson(r.out);
  EXPECT_EQ(Column(summer["child_views_missing"], "gap"),
            (std::set<std::string>{"no-plan", "outdated"}))
      << summer.dump(2);

  // Olle, of another unit, sees nothing of Elin or Noah.
  const Json olle = TodayJson("2026-11-29", "olle");
  for (const char* section : {"contacts_due", "contacts_overdue", "plans_due", "restrictions_due",
                              "child_views_missing"}) {
    EXPECT_TRUE(olle[section].empty()) << section << ": " << olle.dump(2);
  }
}

TEST_F(DailyCliTest, SupervisorSeesTheUnitAndTheReadsAreAudited) {
  ApproveOn("2026-11-29", "2026-11-25");
  const Json maja = TodayJson("2026-11-29", "maja");
  const Json anna = TodayJson("2026-11-29", "anna");
  EXPECT_EQ(maja["contacts_due"], anna["contacts_due"]);
  EXPECT_EQ(maja["plans_due"], anna["plans_due"]);
  EXPECT_EQ(maja["restrictions_due"], anna["restrictions_due"]);
  EXPECT_EQ(maja["worker"], "Maja Berg");
  // Her reads of Elin's case are in the audit trail under her account.
  bool read_by_maja = false;
  for (const Json& entry : AuditOfElin()) {
    read_by_maja = read_by_maja || entry.value("worker", "") == "maja";
  }
  EXPECT_TRUE(read_by_maja) << AuditOfElin().dump(2);
}

TEST_F(DailyCliTest, CentreStaffSeeSessionsAcrossTheEndOfSummerTime) {
  AddHomeworkHelp();
  // Thursday 2026-10-22; summer time ends on Sunday 2026-10-25 (03:00 CEST -> 02:00 CET).
  const Json lisa = TodayJson("2026-10-22", "lisa");
  EXPECT_FALSE(lisa.contains("contacts_due")) << "centre staff see no case data";
  EXPECT_EQ(Column(lisa["sessions"], "day"), (std::set<std::string>{"2026-10-26", "2026-10-28"}));
  for (const Json& s : lisa["sessions"]) {
    EXPECT_EQ(s["time"], "15:00");
    EXPECT_EQ(s["starts_utc"], s.value("day", "") + "T14:00:00Z") << s.dump();  // CET
  }
  // Monday and Wednesday before, in summer time, have no attendance yet.
  EXPECT_EQ(Column(lisa["sessions_unrecorded"], "day"),
            (std::set<std::string>{"2026-10-19", "2026-10-21"}));
  for (const Json& s : lisa["sessions_unrecorded"]) {
    EXPECT_EQ(s["starts_utc"], s.value("day", "") + "T13:00:00Z") << s.dump();  // CEST
  }
  // A cancelled session is neither due nor missing attendance.
  const std::int64_t cancelled = lisa["sessions_unrecorded"][0].value("session", std::int64_t{0});
  CliResult r = On("2026-10-22", "lisa",
                   {"session", "cancel", std::to_string(cancelled), "--reason", "Autumn break"});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  EXPECT_EQ(TodayJson("2026-10-22", "lisa")["sessions_unrecorded"].size(), 1u);
  // Today only, on a Monday.
  const Json monday = TodayJson("2026-10-26", "lisa", false);
  EXPECT_EQ(Column(monday["sessions"], "day"), (std::set<std::string>{"2026-10-26"}));
}

TEST_F(DailyCliTest, TodaySpeaksTheUsersLanguageInEveryFormat) {
  ApproveOn("2026-11-29", "2026-11-25");
  const std::vector<std::tuple<std::string, std::string, std::string>> languages = {
      {"en", "Child", "Review by"},
      {"sv", "Barn", "Ompröva senast"},
      {"zh_CN", "儿童", "复核期限"}};
  std::string json_en;
  for (const auto& [lang, child, review] : languages) {
    CliResult table = On("2026-11-29", "anna", {"--lang", lang, "today", "--week"});
    ASSERT_EQ(table.exit_code, kExitOk) << Describe(table);
    EXPECT_THAT(table.out, HasSubstr(child)) << lang;
    EXPECT_THAT(table.out, HasSubstr(review)) << lang;
    EXPECT_THAT(table.out, HasSubstr(elin_));
    EXPECT_THAT(table.out, HasSubstr("Elin Andersson"));
    // JSON keys and values do not depend on the language.
    CliResult json = On("2026-11-29", "anna", {"--lang", lang, "--format", "json", "today"});
    ASSERT_EQ(json.exit_code, kExitOk) << Describe(json);
    if (json_en.empty()) {
      json_en = json.out;
    } else {
      EXPECT_EQ(ParseJson(json.out), ParseJson(json_en)) << lang;
    }
    // CSV: one table, a section column first.
    CliResult csv =
        On("2026-11-29", "anna", {"--lang", lang, "--format", "csv", "today", "--week"});
    ASSERT_EQ(csv.exit_code, kExitOk) << Describe(csv);
    const std::vector<std::string> lines = Lines(csv.out);
    ASSERT_FALSE(lines.empty());
    EXPECT_THAT(lines[0], StartsWith("section,day,time,child,")) << csv.out;
    std::set<std::string> sections;
    for (std::size_t i = 1; i < lines.size(); ++i)
      sections.insert(lines[i].substr(0, lines[i].find(',')));
    EXPECT_THAT(sections, Contains("contacts_due"));
    EXPECT_THAT(sections, Contains("plans_due"));
    EXPECT_THAT(sections, Contains("restrictions_due"));
  }
  // A worker the view is not for gets a refusal in the user's language, not an exception.
  CliResult admin = On("2026-11-29", "", {"--lang", "sv", "today"});
  EXPECT_EQ(admin.exit_code, kExitNotPermitted) << Describe(admin);
  EXPECT_THAT(admin.err, StartsWith("kinbridge: fel: ")) << Describe(admin);
}

// ---- import -----------------------------------------------------------------------------------

constexpr const char* kChildrenCsv =
    "external_id,name,birth_date,national_id,languages,school,protected_identity\n"
    "old-17,Maja Holm,2016-02-10,,\"sv,en\",Vara skola,no\n"
    "old-18,李明,2016-03-15,,zh,,no\n";

constexpr const char* kRelationsCsv =
    "child,name,kind,description,caregiver,in-contact\n"
    "old-17,Per Holm,father,\"Lives in Skövde, works shifts\",no,yes\n"
    "old-18,李建国,father,\"在上海打工, 每周日晚上有空\",no,yes\n"
    "old-18,王秀英,grandparent,\"外婆, \"\"主要照顾者\"\"\",yes,yes\n";

constexpr const char* kPlacementsCsv =
    "child,type,basis,start,caregivers,address,protected_address\n"
    "old-17,foster-family,voluntary,2025-08-01,Familjehemmet Ek,\"Storgatan 1, Vara\",yes\n"
    "old-18,left-behind,voluntary,2024-09-01,祖父母,,no\n";

TEST_F(DailyCliTest, ImportsChildrenRelationsAndPlacementsByExternalId) {
  const std::string children = Write("children.csv", kChildrenCsv);
  const std::string relations = Write("relations.csv", kRelationsCsv);
  const std::string placements = Write("placements.csv", kPlacementsCsv);
  CliResult r =
      Import(ws_, {"--children", children, "--relations", relations, "--placements", placements},
             {{"TERM", "xterm-256color"}});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr("Imported 2 children, 3 relations, 2 placements; 0 rows rejected."));
  // stderr is a pipe here: no progress bar, whatever TERM says.
  EXPECT_EQ(r.err, "") << Describe(r);

  const Json list = JsonOf("anna", {"child", "list"});
  std::map<std::string, std::string> by_name;
  for (const Json& c : list) by_name[c.value("name", "")] = c.value("case_reference", "");
  ASSERT_TRUE(by_name.contains("李明")) << list.dump(2);
  const Json network = JsonOf("anna", {"relation", "list", "--child", by_name["李明"]});
  ASSERT_EQ(network.size(), 2u) << network.dump(2);
  EXPECT_EQ(network[0]["description"], "在上海打工, 每周日晚上有空");
  EXPECT_EQ(network[1]["description"], "外婆, \"主要照顾者\"");
  EXPECT_EQ(network[1]["caregiver"], true);
  const Json holm = JsonOf("anna", {"placement", "list", "--child", by_name["Maja Holm"]});
  ASSERT_EQ(holm.size(), 1u);
  EXPECT_EQ(holm[0]["address"], "Storgatan 1, Vara");
  // Every record made is audited like `child add`, `relation add` and `placement add`.
  const Json audit = JsonOf("", {"audit", "log", "--child", by_name["李明"]});
  EXPECT_EQ(Column(audit, "action").count("child.add"), 1u) << audit.dump(2);
  EXPECT_EQ(Column(audit, "action").count("relation.add"), 1u);
  EXPECT_EQ(Column(audit, "action").count("import"), 1u);
}

TEST_F(DailyCliTest, ABadRowMeansNothingIsWrittenAndEveryBadRowIsNamed) {
  const std::string before = Dump();
  const std::string children =
      Write("children.csv",
            "\xEF\xBB\xBFname,birth-date,national-id\r\n"  // a BOM, CLI option names, CRLF
            "Ella Lund,2016-04-01,\r\n"
            "Bo Lund,2016-13-01,\r\n"
            "Liv Lund,2017-03-14,20170314-2385\r\n"
            "\"Eva, Lund\",2018-01-01,\r\n");
  CliResult r = Import(ws_, {"--children", children});
  EXPECT_EQ(r.exit_code, kExitInvalid) << Describe(r);
  EXPECT_THAT(r.err, HasSubstr("2 of 4 rows rejected; nothing was imported"));
  EXPECT_THAT(r.out, HasSubstr("2016-13-01"));
  EXPECT_THAT(r.out, HasSubstr("20170314-2385"));
  CliResult json = RunCli(
      {"--workspace", ws_, "--as", "anna", "--format", "json", "import", "--children", children});
  EXPECT_EQ(json.exit_code, kExitInvalid);
  const Json report = ParseJson(json.out);
  EXPECT_EQ(report["written"], false);
  EXPECT_EQ(report["rows"], 4);
  ASSERT_EQ(report["rejected_rows"].size(), 2u) << report.dump(2);
  EXPECT_EQ(report["rejected_rows"][0]["line"], 3);
  EXPECT_EQ(report["rejected_rows"][0]["column"], "birth_date");
  EXPECT_EQ(report["rejected_rows"][0]["value"], "2016-13-01");
  EXPECT_EQ(report["rejected_rows"][1]["line"], 4);
  EXPECT_THAT(report["rejected_rows"][1].value("reason", ""), HasSubstr("20170314-2385"));
  EXPECT_EQ(Dump(), before) << "a rejected import wrote something";

  // --dry-run with a good file writes nothing either, but says what would be made.
  const std::string good = Write("good.csv", "name,birth_date\nElla Lund,2016-04-01\n");
  r = Import(ws_, {"--children", good, "--dry-run"});
  EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr("VAR-2026-0002"));
  EXPECT_THAT(r.out, HasSubstr("Dry run"));
  EXPECT_EQ(Dump(), before) << "a dry run wrote something";

  // --skip-invalid imports the two good rows, each whole.
  r = Import(ws_, {"--children", children, "--skip-invalid"});
  EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
  std::set<std::string> names = Column(JsonOf("anna", {"child", "list"}), "name");
  EXPECT_EQ(names, (std::set<std::string>{"Elin Andersson", "Ella Lund", "Eva, Lund"}));
}

TEST_F(DailyCliTest, MalformedFilesAreRefusedWithTheLineAndWhatToDo) {
  const std::string before = Dump();
  const std::vector<std::pair<std::string, std::vector<std::string>>> cases = {
      {"name,birth_date,shoe_size\nA,2016-01-01,32\n", {"shoe_size", "line 1"}},
      {"name\nA\n", {"birth_date", "missing"}},
      {"name,birth_date\n\"A,2016-01-01\n", {"line 2", "quoted field"}},
      {"name,birth_date\n\"A\"x,2016-01-01\n", {"line 2", "closing quote"}},
      {"", {"empty"}},
      {std::string("name,birth_date\n\xff\xfe,2016-01-01\n"), {"UTF-8"}}};
  for (const auto& [text, fragments] : cases) {
    const std::string file = Write("bad.csv", text);
    CliResult r = Import(ws_, {"--children", file});
    ExpectRefused(r, kExitInvalid, fragments);
    EXPECT_THAT(r.err, Not(HasSubstr("what()"))) << Describe(r);
  }
  // A relation naming a child that does not exist, or one this worker may not change.
  const std::string olles =
      JsonOf("olle", {"child", "add", "--name", "Tove Ek", "--birth-date", "2015-01-01"})
          .value("case_reference", "");
  const std::string relations =
      Write("relations.csv", "child,name,kind,description\nVAR-2026-0999,Anna Ek,mother,\n" +
                                 olles + ",Per Ek,father,\n" + elin_ + ",Gun Andersson,aunt,\n" +
                                 // A line break inside quotes is read (the row spans lines 5-6),
                                 // and refused by the model: a description is one line.
                                 elin_ + ",\"Gun Andersson\",other,\"Aunt,\nlives in Vara\"\n" +
                                 elin_ + ",Per Andersson,uncle,\n");
  const std::string with_olle = Dump();
  CliResult r = RunCli(
      {"--workspace", ws_, "--as", "anna", "--format", "json", "import", "--relations", relations});
  EXPECT_EQ(r.exit_code, kExitInvalid) << Describe(r);
  const Json report = ParseJson(r.out);
  ASSERT_EQ(report["rejected_rows"].size(), 5u) << report.dump(2);
  EXPECT_THAT(report["rejected_rows"][0].value("reason", ""), HasSubstr("VAR-2026-0999"));
  EXPECT_THAT(report["rejected_rows"][1].value("reason", ""), HasSubstr("not permitted"));
  EXPECT_EQ(report["rejected_rows"][2]["column"], "kind");
  EXPECT_EQ(report["rejected_rows"][3]["line"], 5);
  EXPECT_THAT(report["rejected_rows"][3].value("reason", ""), HasSubstr("one line"));
  EXPECT_EQ(report["rejected_rows"][4]["line"], 7);
  EXPECT_EQ(report["rejected_rows"][4]["value"], "uncle");
  EXPECT_EQ(Dump(), with_olle);
  EXPECT_NE(with_olle, before) << "olle's child is in the dump";
  // The refusal is audited like any other.
  const Json audit = JsonOf("", {"audit", "log"});
  EXPECT_THAT(Column(audit, "action"), Contains("access.denied"));
  EXPECT_THAT(Column(audit, "action"), Contains("import.rejected"));
}

// ---- export ---------------------------------------------------------------------------------

TEST_F(DailyCliTest, ExportImportsIntoAFreshWorkspaceUnchanged) {
  // Elin (with her network and placement) and the imported children with quoted text.
  CliResult r =
      Import(ws_, {"--children", Write("c.csv", kChildrenCsv), "--relations",
                   Write("r.csv", kRelationsCsv), "--placements", Write("p.csv", kPlacementsCsv)});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  r = Anna({"placement", "end", "1", "--date", "2026-06-30", "--reason", "Moved to kinship care"});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  r = Anna({"placement", "add", "--child", elin_, "--type", "kinship", "--basis", "compulsory",
            "--start", "2026-07-01", "--caregivers", "=Mormor Birgitta"});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);

  std::map<std::string, std::string> exported;
  for (const char* kind : {"children", "relations", "placements"}) {
    exported[kind] = Export(ws_, kind);
  }
  EXPECT_THAT(exported["placements"], HasSubstr("'=Mormor Birgitta"));  // formula guard

  const std::string fresh = FreshWorkspace("fresh.db");
  r = Import(fresh, {"--children", Write("ec.csv", exported["children"]), "--relations",
                     Write("er.csv", exported["relations"]), "--placements",
                     Write("ep.csv", exported["placements"])});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  // The fresh workspace numbers the children in the same order, so every export is equal.
  for (const char* kind : {"children", "relations", "placements"}) {
    EXPECT_EQ(Export(fresh, kind), exported[kind]) << kind;
  }
  // JSON export: an array of objects with the same keys.
  const Json children = ParseJson(Export(fresh, "children", "json"));
  ASSERT_EQ(children.size(), 3u);
  EXPECT_EQ(children[2]["name"], "李明");
  EXPECT_EQ(children[1]["languages"], "sv,en");

  // -o writes the file whole; a missing directory is refused and nothing is written.
  r = RunCli({"--workspace", fresh, "--as", "anna", "export", "children", "-o", PathIn("out.csv")});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  std::ifstream in(PathIn("out.csv"));
  std::stringstream written;
  written << in.rdbuf();
  EXPECT_EQ(written.str(), exported["children"]);
  r = RunCli({"--workspace", fresh, "--as", "anna", "export", "children", "-o",
              PathIn("no/such/dir/out.csv")});
  ExpectRefused(r, kExitInvalid, {"no/such/dir"});
  // Olle, of another unit, exports none of anna's children: only the header.
  r = RunCli({"--workspace", fresh, "user", "add", "--account", "olle", "--name", "Olle Lind",
              "--role", "social-worker", "--unit", "Vuxen"});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  EXPECT_EQ(Export(fresh, "children").substr(0, 12), "external_id,");
  r = RunCli({"--workspace", fresh, "--as", "olle", "export", "relations"});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  EXPECT_EQ(Lines(r.out).size(), 1u) << r.out;
}

}  // namespace
}  // namespace kinbridge::cli::test
