// End-to-end tests of `kinbridge contact` and `kinbridge plan review`: an approved plan's events,
// due and overdue lists, logging outcomes (and refusing bad ones), a restriction decided later,
// the review by the method, and the calendar file checked with an independent parser (Debian's
// python3-icalendar), through the real binary on temporary test-mode workspaces.
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "cli/plan_cli_fixture.h"

namespace kinbridge::cli::test {
namespace {

// Debian's interpreter, where python3-icalendar is installed (not whatever python3 is on PATH).
constexpr const char* kPython = "/usr/bin/python3";

// Prints one line per VEVENT: start and end in UTC, status, summary.
constexpr const char* kReadCalendar = R"(
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
assert cal.get('version') == '2.0', cal.get('version')
for e in cal.walk('VEVENT'):
    fmt = '%Y-%m-%dT%H:%M:%SZ'
    print(e.decoded('dtstart').strftime(fmt), e.decoded('dtend').strftime(fmt),
          str(e.get('status')), str(e.get('summary')), sep='|')
)";

class ContactCliTest : public PlanCliTest {
 protected:
  // An active plan for Elin: the method's proposal, the child's view, approval.
  std::int64_t ApprovedPlan() { return Active().value("id", std::int64_t{0}); }

  CliResult On(const std::string& today, std::vector<std::string> args,
               const std::string& account = "anna") {
    std::vector<std::string> all = {"--workspace", ws_, "--today", today};
    if (!account.empty()) all.insert(all.end(), {"--as", account});
    all.insert(all.end(), args.begin(), args.end());
    return RunCli(all);
  }

  Json JsonOn(const std::string& today, std::vector<std::string> args,
              const std::string& account = "anna") {
    args.insert(args.begin(), {"--format", "json"});
    CliResult r = On(today, args, account);
    EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
    return r.exit_code == kExitOk ? ParseJson(r.out) : Json();
  }

  static std::vector<std::string> Days(const Json& events) {
    std::vector<std::string> days;
    for (const Json& e : events) days.push_back(e.value("day", ""));
    return days;
  }
};

TEST_F(ContactCliTest, ApprovalSchedulesEventsAndDueListsShowThem) {
  ApprovedPlan();
  const Json all = JsonOf("anna", {"contact", "list", "--child", elin_});
  ASSERT_TRUE(all.is_array());
  ASSERT_FALSE(all.empty());
  for (const Json& e : all) {
    EXPECT_EQ(e["status"], "scheduled") << e.dump();
    EXPECT_GE(e.value("day", ""), "2026-11-29") << e.dump();
    EXPECT_LE(e.value("day", ""), "2027-02-27") << e.dump();  // 90 days
    EXPECT_EQ(e["child"], elin_);
    EXPECT_EQ(e["responsible"], "anna");
  }
  const Json today = JsonOf("anna", {"contact", "due"});
  const Json week = JsonOf("anna", {"contact", "due", "--week"});
  const Json window =
      JsonOf("anna", {"contact", "due", "--from", "2026-11-29", "--to", "2026-12-05"});
  EXPECT_EQ(week, window);
  for (const Json& e : week) {
    EXPECT_GE(e.value("day", ""), "2026-11-29");
    EXPECT_LE(e.value("day", ""), "2026-12-05");
  }
  for (const Json& e : today) EXPECT_EQ(e["day"], "2026-11-29");
  std::size_t in_week = 0;
  for (const Json& e : all) in_week += e.value("day", "") <= "2026-12-05" ? 1 : 0;
  EXPECT_EQ(week.size(), in_week);
  EXPECT_GT(in_week, 0u);

  // Idempotent from the command line too.
  const Json again = JsonOf("anna", {"contact", "schedule", "--child", elin_});
  EXPECT_EQ(again["created"], 0) << again.dump();
  const Json longer = JsonOf("anna", {"contact", "schedule", "--days", "120"});
  EXPECT_GT(longer.value("created", 0), 0) << longer.dump();
  EXPECT_EQ(longer["through"], "2027-03-29");
}

TEST_F(ContactCliTest, LoggingOutcomesAndTheOverdueList) {
  ApprovedPlan();
  const Json all = JsonOf("anna", {"contact", "list", "--child", elin_});
  ASSERT_GE(all.size(), 3u);
  const std::string first = std::to_string(all[0].value("id", std::int64_t{0}));
  const std::string second = std::to_string(all[1].value("id", std::int64_t{0}));
  const std::string later = "2026-12-31";
  const Json overdue = JsonOn(later, {"contact", "overdue"});
  for (const Json& e : overdue) EXPECT_LT(e.value("day", ""), later);
  const std::size_t overdue_before = overdue.size();
  ASSERT_GE(overdue_before, 2u);

  const Json logged =
      JsonOn(later, {"contact", "log", first, "--outcome", "held-late", "--attended", "Elin, Johan",
                     "--notes", "Ten minutes late because of the bus.", "--reaction", "Calm",
                     "--replacement-offered"});
  EXPECT_EQ(logged["outcome"], "held-late") << logged.dump();
  EXPECT_EQ(logged["status"], "logged");
  EXPECT_EQ(logged["attended"], "Elin, Johan");
  EXPECT_EQ(logged["replacement_offered"], true);
  EXPECT_EQ(logged["logged_by"], "anna");
  CliResult table = On(later, {"contact", "log", second, "--outcome", "cancelled-by-carer"});
  EXPECT_EQ(table.exit_code, kExitOk) << Describe(table);
  EXPECT_THAT(table.out, HasSubstr("cancelled by the carer"));
  EXPECT_EQ(JsonOn(later, {"contact", "overdue"}).size(), overdue_before - 2);
  const Json shown = JsonOn(later, {"contact", "show", first});
  EXPECT_EQ(shown["notes"], "Ten minutes late because of the bus.");
}

TEST_F(ContactCliTest, BadOutcomesAreRefusedWithTheValueAndWriteNothing) {
  ApprovedPlan();
  const Json all = JsonOf("anna", {"contact", "list", "--child", elin_});
  ASSERT_FALSE(all.empty());
  const std::string last = std::to_string(all.back().value("id", std::int64_t{0}));
  const std::string before = Dump();
  ExpectRefused(Anna({"contact", "log", last, "--outcome", "held"}), kExitInvalid,
                {"contact event " + last, all.back().value("day", ""), "future"});
  ExpectRefused(Anna({"contact", "log", "987654", "--outcome", "held"}), kExitNotFound, {"987654"});
  ExpectRefused(Anna({"contact", "log", last, "--outcome", "went-fine"}), kExitInvalid,
                {"'went-fine'", "no-show"});
  CliResult usage = Anna({"contact", "log", last});
  EXPECT_EQ(usage.exit_code, 2) << Describe(usage);
  CliResult window = Anna({"contact", "due", "--from", "2026-12-10", "--to", "2026-12-01"});
  EXPECT_EQ(window.exit_code, 2) << Describe(window);
  EXPECT_THAT(window.err, HasSubstr("2026-12-01"));
  CliResult bad_date = Anna({"contact", "due", "--from", "2026-02-31", "--to", "2026-03-01"});
  EXPECT_EQ(bad_date.exit_code, kExitInvalid) << Describe(bad_date);
  EXPECT_THAT(bad_date.err, HasSubstr("2026-02-31"));
  EXPECT_EQ(Dump(), before);
}

TEST_F(ContactCliTest, CaseloadsAreKeptApart) {
  ApprovedPlan();
  const Json olles = JsonOf("olle", {"contact", "due", "--week"});
  EXPECT_TRUE(olles.is_array() && olles.empty()) << olles.dump();
  ExpectRefused(As("olle", {"contact", "due", "--week", "--worker", "anna"}), kExitNotPermitted,
                {"anna"});
  ExpectRefused(As("olle", {"contact", "list", "--child", elin_}), kExitNotPermitted, {elin_});
  ExpectRefused(As("lisa", {"contact", "due"}), kExitNotPermitted, {"Lisa Ek"});
  // Anna may name herself.
  EXPECT_EQ(JsonOf("anna", {"contact", "due", "--week", "--worker", "anna"}),
            JsonOf("anna", {"contact", "due", "--week"}));
}

TEST_F(ContactCliTest, ARestrictionDecidedLaterCancelsForbiddenEventsAndOpensThePlan) {
  const std::int64_t plan = ApprovedPlan();
  CliResult r = Anna({"restriction", "add", "--relation", std::to_string(johan_), "--kind",
                      "no-contact", "--decision", "SN 2026/0999", "--reason",
                      "Threats during the last visit", "--from", "2026-11-29"});
  ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  EXPECT_THAT(r.out, HasSubstr("under review"));
  EXPECT_THAT(r.out, HasSubstr("Cancelled"));
  EXPECT_EQ(Show(plan)["status"], "under-review");
  for (const Json& e : JsonOf("anna", {"contact", "list", "--child", elin_})) {
    if (e.value("relation_id", std::int64_t{0}) == johan_) {
      EXPECT_EQ(e["status"], "cancelled") << e.dump();
    } else {
      EXPECT_EQ(e["status"], "scheduled") << e.dump();
    }
  }
  bool audited = false;
  for (const Json& entry : AuditOfElin()) audited |= entry.value("action", "") == "contact.cancel";
  EXPECT_TRUE(audited);
}

TEST_F(ContactCliTest, AReviewShowsAdherenceAndFidelityAndIsListed) {
  const std::int64_t plan = ApprovedPlan();
  const std::string later = "2027-01-15";
  for (const Json& e : JsonOf("anna", {"contact", "list", "--child", elin_, "--to", later})) {
    const bool sara = e.value("relation_id", std::int64_t{0}) == sara_;
    CliResult r = On(later, {"contact", "log", std::to_string(e.value("id", std::int64_t{0})),
                             "--outcome", sara ? "held" : "cancelled-by-parent"});
    ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  }
  const Json review = JsonOn(later, {"plan", "review", std::to_string(plan)});
  EXPECT_EQ(review["period_from"], "2026-11-29") << review.dump(2);
  EXPECT_EQ(review["period_to"], later);
  ASSERT_TRUE(review["adherence"].is_array());
  bool saw_sara = false;
  for (const Json& a : review["adherence"]) {
    const bool sara = a.value("relation_id", std::int64_t{0}) == sara_;
    saw_sara |= sara;
    EXPECT_EQ(a["held"], sara ? a["planned"] : Json(0)) << a.dump();
    EXPECT_EQ(a["percent"], sara ? 100 : 0) << a.dump();
  }
  EXPECT_TRUE(saw_sara);
  bool child_view = false;
  for (const Json& c : review["fidelity"]) {
    if (c["component"] == "child-view") child_view = c["met"] == true;
  }
  EXPECT_TRUE(child_view) << review.dump(2);
  EXPECT_EQ(review["next_review"], "2027-04-15");
  EXPECT_EQ(Show(plan)["review_date"], "2027-04-15");
  const Json listed = JsonOn(later, {"plan", "reviews", std::to_string(plan)});
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["next_review"], "2027-04-15");
  ExpectRefused(On(later, {"plan", "review", std::to_string(plan)}), kExitInvalid,
                {"already reviewed"});
}

TEST_F(ContactCliTest, TheCalendarFileParsesWithAnIndependentParserAndMatchesTheEvents) {
  ApprovedPlan();
  // Through the change to summer time on 28 March 2027.
  CliResult scheduled = Anna({"contact", "schedule", "--child", elin_, "--through", "2027-04-30"});
  ASSERT_EQ(scheduled.exit_code, kExitOk) << Describe(scheduled);
  const std::string file = PathIn("elin.ics");
  CliResult written = Anna({"contact", "ical", "--child", elin_, "-o", file});
  ASSERT_EQ(written.exit_code, kExitOk) << Describe(written);
  CliResult parsed = RunProgram(kPython, {"-c", kReadCalendar, file}, BaseEnvironment());
  ASSERT_EQ(parsed.exit_code, 0) << Describe(parsed);

  std::multiset<std::string> expected, actual;
  for (const Json& e : JsonOf("anna", {"contact", "list", "--child", elin_})) {
    expected.insert(e.value("starts_utc", "") + "|" + e.value("ends_utc", "") + "|CONFIRMED");
  }
  bool summer = false, winter = false;
  for (const std::string& line : Lines(parsed.out)) {
    const auto third = line.find('|', line.find('|') + 1);
    const auto fourth = line.find('|', third + 1);
    actual.insert(line.substr(0, fourth));
    EXPECT_THAT(line.substr(fourth + 1), HasSubstr(" with ")) << line;
    // Visits at 10:00 local: 09:00Z in March before the change, 08:00Z in April.
    const std::string month = line.substr(0, 8), day = line.substr(8, 2), at = line.substr(10, 10);
    if (month == "2027-04-" && at == "T08:00:00Z") summer = true;
    if (month == "2027-03-" && day < "28" && at == "T09:00:00Z") winter = true;
  }
  EXPECT_EQ(actual, expected);
  EXPECT_TRUE(summer && winter) << parsed.out;
  std::ifstream in(file);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text.find("20170314"), std::string::npos) << "no national id or birth date";

  // A worker's calendar names the child by case reference; a missing directory is refused.
  CliResult worker = Anna({"contact", "ical", "--worker", "anna", "-o", PathIn("anna.ics")});
  ASSERT_EQ(worker.exit_code, kExitOk) << Describe(worker);
  ExpectRefused(Anna({"contact", "ical", "--child", elin_, "-o", PathIn("nowhere/elin.ics")}),
                kExitInvalid, {"nowhere"});
  CliResult neither = Anna({"contact", "ical", "-o", file});
  EXPECT_EQ(neither.exit_code, 2) << Describe(neither);
}

// libical is loaded only when a schedule or calendar needs it: without a usable one, everything
// else works and the calendar is refused naming the file, the loader's reason and the package.
TEST_F(ContactCliTest, WithoutLibicalTheCalendarIsRefusedClearlyAndTheRestWorks) {
  ApprovedPlan();
  ASSERT_EQ(Anna({"contact", "schedule", "--child", elin_}).exit_code, kExitOk);
  // A file by libical's name that the loader finds first and cannot load.
  const std::string broken = PathIn("broken-libs");
  std::filesystem::create_directories(broken);
  std::ofstream(broken + "/libical.so.3") << "not a shared library\n";
  const std::map<std::string, std::string> env = {{"LD_LIBRARY_PATH", broken}};

  CliResult listed = RunCli({"--workspace", ws_, "--as", "anna", "child", "list"}, env);
  EXPECT_EQ(listed.exit_code, kExitOk) << Describe(listed);
  EXPECT_THAT(listed.out, HasSubstr(elin_));
  CliResult due = RunCli({"--workspace", ws_, "--as", "anna", "contact", "list"}, env);
  EXPECT_EQ(due.exit_code, kExitOk) << Describe(due);

  const std::string file = PathIn("elin.ics");
  CliResult refused = RunCli(
      {"--workspace", ws_, "--as", "anna", "contact", "ical", "--child", elin_, "-o", file}, env);
  EXPECT_EQ(refused.exit_code, kExitError) << Describe(refused);
  EXPECT_THAT(refused.err,
              AllOf(HasSubstr("libical.so.3"), HasSubstr(broken), HasSubstr("libical3")));
  EXPECT_FALSE(std::filesystem::exists(file));
}

}  // namespace
}  // namespace kinbridge::cli::test
