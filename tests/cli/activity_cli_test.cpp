// End-to-end tests of `kinbridge centre|school|staff|training|activity|group|session|attendance|
// report`: Huangshan's support centre and school from scenario 3, through the real binary on
// temporary test-mode workspaces. The history (the group sessions since September) is built by
// running the set-up commands with `--today 2026-09-01`; the tests then run on 2026-11-29.
#include "cli/plan_cli_fixture.h"
#include "test_backend.h"

namespace kinbridge::cli::test {
namespace {

constexpr const char* kSetUpDay = "2026-09-01";  // a Tuesday
constexpr const char* kCentre = "guanai-centre";
constexpr const char* kSchool = "tunxi-school";

// Thursdays from 2026-09-03 to 2026-11-26: the group sessions before today (2026-11-29).
const std::vector<std::string>& PastThursdays() {
  static const std::vector<std::string> days = {
      "2026-09-03", "2026-09-10", "2026-09-17", "2026-09-24", "2026-10-01",
      "2026-10-08", "2026-10-15", "2026-10-22", "2026-10-29", "2026-11-05",
      "2026-11-12", "2026-11-19", "2026-11-26"};
  return days;
}

std::int64_t IdOf(const Json& json, const char* key = "id") {
  return json.is_object() ? json.value(key, std::int64_t{0}) : 0;
}

// The rows of a JSON list whose `key` equals `value`.
Json RowsWhere(const Json& rows, const std::string& key, const Json& value) {
  Json found = Json::array();
  for (const Json& row : rows) {
    if (row.value(key, Json()) == value) found.push_back(row);
  }
  return found;
}

class ActivityCliTest : public CliTestBase {
 protected:
  void SetUp() override {
    CliTestBase::SetUp();
    ws_ = WorkspaceIn("huangshan.db");
    InitHuangshan();
    InstallBuiltIns();
    AddSitesStaffAndTraining();
    AddChildren();
    AddGroupActivity();
  }

  // Runs kinbridge on the test's workspace as `account` ("" for the administrator), with
  // `today` ("" for the default, 2026-11-29).
  CliResult Run(const std::string& account, std::vector<std::string> args,
                const std::string& today = "") {
    std::vector<std::string> all = {"--workspace", ws_};
    if (!today.empty()) all.insert(all.end(), {"--today", today});
    if (!account.empty()) all.insert(all.end(), {"--as", account});
    all.insert(all.end(), args.begin(), args.end());
    return RunCli(all);
  }

  // A command that must succeed, its stdout parsed as JSON.
  Json JsonOf(const std::string& account, std::vector<std::string> args,
              const std::string& today = "") {
    args.insert(args.begin(), {"--format", "json"});
    CliResult r = Run(account, args, today);
    EXPECT_EQ(r.exit_code, kExitOk) << Describe(r);
    return r.exit_code == kExitOk ? ParseJson(r.out) : Json();
  }

  void Ok(const std::string& account, std::vector<std::string> args,
          const std::string& today = "") {
    CliResult r = Run(account, std::move(args), today);
    ASSERT_EQ(r.exit_code, kExitOk) << Describe(r);
  }

  // A test-mode Huangshan workspace: the OS account is its administrator; zhao is a social
  // worker, wang works at the support centre and the school, zhang, liu and sun are teachers.
  void InitHuangshan() {
    ASSERT_NO_FATAL_FAILURE(
        Ok("",
           {"init", "--code", "HSN", "--name", "黄山市", "--country", "CN", "--time-zone",
            "Asia/Shanghai", "--locale", "zh_CN", "--admin-name", "黄山市管理员", "--mode", "test"},
           kSetUpDay));
    for (const auto& [account, name, role, unit] :
         {std::tuple{"zhao", "赵磊", "social-worker", "留守儿童关爱中心"},
          std::tuple{"wang", "王芳", "centre-staff", "留守儿童关爱中心"},
          std::tuple{"zhang", "张伟", "teacher", "屯溪区小学"},
          std::tuple{"liu", "刘洋", "teacher", "屯溪区小学"},
          std::tuple{"sun", "孙丽", "teacher", "屯溪区小学"}}) {
      ASSERT_NO_FATAL_FAILURE(Ok(
          "", {"user", "add", "--account", account, "--name", name, "--role", role, "--unit", unit},
          kSetUpDay));
    }
  }

  void InstallBuiltIns() {
    fs::create_directories(PathIn("methods"));
    for (const char* name : {"vara_contact.so", "huangshan_group.so"}) {
      const fs::path to = fs::path(PathIn("methods")) / name;
      std::error_code ec;
      fs::copy_file(fs::path(kBuiltInPlugins) / name, to, fs::copy_options::overwrite_existing, ec);
      ASSERT_FALSE(ec) << "copying " << name << ": " << ec.message();
      ASSERT_NO_FATAL_FAILURE(Ok("", {"method", "install", to.string()}, kSetUpDay));
    }
  }

  void AddSitesStaffAndTraining() {
    ASSERT_NO_FATAL_FAILURE(Ok(
        "",
        {"centre", "add", "--code", kCentre, "--name", "屯溪区留守儿童关爱中心", "--address",
         "屯溪区新安路12号", "--capacity", "40", "--hours", "Mon-Fri 14:00-20:00, Sun 09:00-21:00"},
        kSetUpDay));
    ASSERT_NO_FATAL_FAILURE(
        Ok("", {"school", "add", "--code", kSchool, "--name", "黄山市屯溪区小学"}, kSetUpDay));
    for (const auto& [site, worker] :
         {std::pair{kCentre, "wang"}, std::pair{kSchool, "wang"}, std::pair{kSchool, "zhang"},
          std::pair{kSchool, "liu"}, std::pair{kSchool, "sun"}}) {
      ASSERT_NO_FATAL_FAILURE(
          Ok("", {"staff", "add", "--site", site, "--worker", worker, "--from", "2026-08-01"},
             kSetUpDay));
    }
    // Zhang Wei and Liu Yang were trained by Vara's method developer; Sun Li was not.
    for (const char* teacher : {"zhang", "liu"}) {
      ASSERT_NO_FATAL_FAILURE(
          Ok("",
             {"training", "add", "--worker", teacher, "--method", kHuangshan, "--on", "2026-03-15",
              "--by", "Vara method developer", "--hours", "16"},
             kSetUpDay));
    }
  }

  // Left-behind children registered by zhao: three aged 8-10 and three aged 11-13.
  void AddChildren() {
    for (const auto& [name, born] :
         {std::pair{"李明", "2016-03-15"}, std::pair{"王小红", "2017-05-02"},
          std::pair{"张小军", "2016-11-20"}, std::pair{"陈静", "2014-04-10"},
          std::pair{"赵小龙", "2015-01-08"}, std::pair{"刘洋洋", "2013-09-09"}}) {
      Json child = JsonOf("zhao",
                          {"child", "add", "--name", name, "--birth-date", born, "--school",
                           "黄山市屯溪区小学", "--languages", "zh"},
                          kSetUpDay);
      ASSERT_TRUE(child.is_object()) << child.dump();
      children_.push_back(child.value("case_reference", ""));
    }
    li_ming_ = children_[0];
  }

  // The Thursday group session at the school, with every child enrolled.
  void AddGroupActivity() {
    Json a = JsonOf("wang", {"activity",    "add",          "--site",     kSchool,
                             "--name",      "周四小组活动", "--kind",     "group-session",
                             "--method",    kHuangshan,     "--rrule",    "FREQ=WEEKLY;BYDAY=TH",
                             "--first-day", "2026-09-03",   "--at",       "15:30",
                             "--minutes",   "90",           "--capacity", "16",
                             "--leader",    "zhang"},
                    kSetUpDay);
    activity_ = IdOf(a);
    ASSERT_GT(activity_, 0) << a.dump();
    for (const std::string& child : children_) {
      ASSERT_NO_FATAL_FAILURE(
          Ok("wang", {"activity", "enrol", std::to_string(activity_), child}, kSetUpDay));
    }
  }

  // Accepts the method's groups on the set-up day, zhang leading the younger children's group
  // and liu the older children's; returns the output.
  Json AcceptGroups() {
    Json r = JsonOf("wang",
                    {"group", "plan", std::to_string(activity_), "--accept", "--leader",
                     "8–10 (1)=zhang", "--leader", "2=liu"},
                    kSetUpDay);
    for (const Json& g : r.value("created", Json::array())) groups_.push_back(IdOf(g));
    EXPECT_EQ(groups_.size(), 2u) << r.dump(2);
    return r;
  }

  // The group Li Ming is in (after AcceptGroups).
  std::int64_t GroupOf(const std::string& child) {
    for (std::int64_t g : groups_) {
      Json shown = JsonOf("wang", {"group", "show", std::to_string(g)});
      if (!RowsWhere(shown.value("members", Json::array()), "child", child).empty()) return g;
    }
    ADD_FAILURE() << child << " is in no group";
    return 0;
  }

  // The group's session on `day`, or 0.
  std::int64_t SessionOn(std::int64_t group, const std::string& day) {
    Json sessions = JsonOf(
        "wang", {"session", "list", "--group", std::to_string(group), "--from", day, "--to", day});
    return sessions.is_array() && sessions.size() == 1 ? IdOf(sessions[0]) : 0;
  }

  // The database without the audit trail: equal dumps mean only the audit trail changed.
  std::string Dump() {
    if (testing_support::IsPostgresqlWorkspace(ws_))
      return testing_support::PostgresqlSnapshot(ws_);
    CliResult dump = RunProgram(kSqlite3, {ws_, ".dump"}, BaseEnvironment());
    EXPECT_EQ(dump.exit_code, 0) << Describe(dump);
    std::string kept;
    for (const std::string& line : Lines(dump.out)) {
      if (line.rfind("INSERT INTO audit_", 0) == 0 ||
          line.rfind("INSERT INTO workspace_setting VALUES('audit_head'", 0) == 0) {
        continue;
      }
      kept += line + "\n";
    }
    EXPECT_THAT(kept, HasSubstr("CREATE TABLE child")) << "the dump read nothing";
    return kept;
  }

  std::string ws_;
  std::vector<std::string> children_;
  std::string li_ming_;
  std::int64_t activity_ = 0;
  std::vector<std::int64_t> groups_;
};

TEST_F(ActivityCliTest, CentresSchoolsStaffAndTraining) {
  const Json centres = JsonOf("wang", {"centre", "list"});
  ASSERT_EQ(centres.size(), 1u) << centres.dump(2);
  EXPECT_EQ(centres[0]["code"], kCentre);
  EXPECT_EQ(centres[0]["kind"], "centre");
  EXPECT_EQ(centres[0]["capacity"], 40);
  EXPECT_EQ(centres[0]["opening_hours"], "Mon-Fri 14:00-20:00, Sun 09:00-21:00");
  const Json schools = JsonOf("wang", {"school", "list"});
  ASSERT_EQ(schools.size(), 1u) << schools.dump(2);
  EXPECT_EQ(schools[0]["code"], kSchool);
  EXPECT_EQ(schools[0]["kind"], "school");
  EXPECT_EQ(schools[0]["capacity"], nullptr);

  // The school with its staff and its activity.
  const Json school = JsonOf("", {"school", "show", kSchool});
  EXPECT_EQ(school["name"], "黄山市屯溪区小学");
  std::set<std::string> staff;
  for (const Json& s : school["staff"]) {
    staff.insert(s.value("worker", ""));
    EXPECT_EQ(s["from"], "2026-08-01") << s.dump();
    EXPECT_EQ(s["last_day"], nullptr) << s.dump();
  }
  EXPECT_EQ(staff, (std::set<std::string>{"wang", "zhang", "liu", "sun"}));
  ASSERT_EQ(school["activities"].size(), 1u) << school.dump(2);
  EXPECT_EQ(school["activities"][0]["id"], activity_);
  EXPECT_EQ(school["activities"][0]["enrolled"], 6);
  // `centre show` is for centres only.
  ExpectRefused(Run("", {"centre", "show", kSchool}), kExitNotFound, {kSchool, "school show"});
  ExpectRefused(Run("", {"centre", "show", "no-such-centre"}), kExitNotFound, {"no-such-centre"});
  CliResult table = Run("", {"centre", "show", kCentre});
  ASSERT_EQ(table.exit_code, kExitOk) << Describe(table);
  EXPECT_THAT(table.out, HasSubstr("屯溪区新安路12号"));
  EXPECT_THAT(table.out, HasSubstr("王芳"));

  const Json edited = JsonOf("", {"centre", "edit", kCentre, "--capacity", "45"});
  EXPECT_EQ(edited["capacity"], 45);
  EXPECT_EQ(edited["name"], "屯溪区留守儿童关爱中心");
  CliResult nothing = Run("", {"centre", "edit", kCentre});
  EXPECT_EQ(nothing.exit_code, 2) << Describe(nothing);
  ExpectRefused(Run("wang", {"centre", "add", "--code", "another", "--name", "Another"}),
                kExitNotPermitted, {});
  CliResult duplicate = Run("", {"school", "add", "--code", kCentre, "--name", "Same code"});
  EXPECT_EQ(duplicate.exit_code, kExitInvalid) << Describe(duplicate);
  EXPECT_THAT(duplicate.err, HasSubstr(kCentre));

  // Staff: sun stops working at the school.
  const Json ended = JsonOf(
      "", {"staff", "end", "--site", kSchool, "--worker", "sun", "--last-day", "2026-11-30"});
  ASSERT_EQ(ended.size(), 1u);
  EXPECT_EQ(ended[0]["last_day"], "2026-11-30");
  const Json list = JsonOf("", {"staff", "list", "--site", kSchool});
  ASSERT_EQ(RowsWhere(list, "worker", "sun").size(), 1u) << list.dump(2);
  EXPECT_EQ(RowsWhere(list, "worker", "sun")[0]["last_day"], "2026-11-30");
  EXPECT_EQ(RowsWhere(list, "worker", "zhang")[0]["name"], "张伟");
  EXPECT_EQ(RowsWhere(list, "worker", "zhang")[0]["roles"], "teacher");
  ExpectRefused(Run("", {"staff", "add", "--site", kSchool, "--worker", "nobody"}), kExitNotFound,
                {"nobody"});
  ExpectRefused(Run("", {"staff", "add", "--site", "nowhere", "--worker", "zhang"}), kExitNotFound,
                {"nowhere"});

  // Training.
  const Json training = JsonOf("wang", {"training", "list", "--method", kHuangshan});
  ASSERT_EQ(training.size(), 2u) << training.dump(2);
  const Json zhangs = RowsWhere(training, "worker", "zhang");
  ASSERT_EQ(zhangs.size(), 1u);
  EXPECT_EQ(zhangs[0]["trained_on"], "2026-03-15");
  EXPECT_EQ(zhangs[0]["trained_by"], "Vara method developer");
  EXPECT_EQ(zhangs[0]["hours"], 16);
  EXPECT_TRUE(JsonOf("wang", {"training", "list", "--worker", "sun"}).empty());
  ExpectRefused(Run("wang", {"training", "add", "--worker", "sun", "--method", kHuangshan, "--on",
                             "2026-11-20", "--by", "Zhang Wei"}),
                kExitNotPermitted, {});
  CliResult future = Run("", {"training", "add", "--worker", "sun", "--method", kHuangshan, "--on",
                              "2026-12-01", "--by", "Zhang Wei"});
  EXPECT_EQ(future.exit_code, kExitInvalid) << Describe(future);
  EXPECT_THAT(future.err, HasSubstr("2026-12-01"));
  CliResult added = Run("", {"training", "add", "--worker", "sun", "--method", kHuangshan, "--on",
                             "2026-11-20", "--by", "Zhang Wei", "--hours", "8"});
  EXPECT_EQ(added.exit_code, kExitOk) << Describe(added);
  EXPECT_THAT(added.out, HasSubstr("孙丽"));
  EXPECT_THAT(added.out, HasSubstr("2026-11-20"));
  EXPECT_EQ(JsonOf("wang", {"training", "list", "--worker", "sun"}).size(), 1u);
}

TEST_F(ActivityCliTest, AFullActivityHasAWaitingListThatMovesUpWhenAChildLeaves) {
  const Json a =
      JsonOf("wang", {"activity", "add", "--site", kCentre, "--name", "课业辅导", "--kind",
                      "homework-help", "--rrule", "FREQ=WEEKLY;BYDAY=MO,WE", "--first-day",
                      "2026-11-30", "--at", "16:00", "--capacity", "2", "--leader", "wang"});
  const std::string id = std::to_string(IdOf(a));
  EXPECT_EQ(a["kind"], "homework-help");
  EXPECT_EQ(a["capacity"], 2);
  EXPECT_EQ(a["minutes"], 60);
  EXPECT_EQ(a["method"], nullptr);

  for (int i = 0; i < 2; ++i) {
    const Json e = JsonOf("wang", {"activity", "enrol", id, children_[i]});
    EXPECT_EQ(e["status"], "enrolled") << e.dump();
    EXPECT_EQ(e["enrolled_on"], "2026-11-29");
    EXPECT_EQ(e["waiting_position"], nullptr);
  }
  CliResult third = Run("wang", {"activity", "enrol", id, children_[2], "--note", "奶奶来接"});
  ASSERT_EQ(third.exit_code, kExitOk) << Describe(third);
  EXPECT_THAT(third.out, HasSubstr("waiting list, place 1"));
  EXPECT_THAT(third.out, HasSubstr(children_[2]));
  const Json fourth = JsonOf("wang", {"activity", "enrol", id, children_[3]});
  EXPECT_EQ(fourth["status"], "waiting");
  EXPECT_EQ(fourth["waiting_position"], 2);
  EXPECT_EQ(fourth["enrolled_on"], nullptr);

  // Refused instead of waiting: nothing is written.
  const std::string before = Dump();
  ExpectRefused(Run("wang", {"activity", "enrol", id, children_[4], "--no-waiting-list"}),
                kExitInvalid, {children_[4]});
  ExpectRefused(Run("wang", {"activity", "enrol", id, children_[0]}), kExitInvalid, {children_[0]});
  ExpectRefused(Run("wang", {"activity", "enrol", "98765", children_[4]}), kExitNotFound,
                {"98765"});
  EXPECT_EQ(Dump(), before);

  const Json shown = JsonOf("wang", {"activity", "show", id});
  EXPECT_EQ(shown["enrolled"], 2);
  EXPECT_EQ(shown["waiting"], 2);
  ASSERT_EQ(shown["children"].size(), 4u) << shown.dump(2);
  EXPECT_EQ(shown["children"][2]["child"], children_[2]);
  EXPECT_EQ(shown["children"][2]["waiting_position"], 1);
  EXPECT_EQ(shown["children"][2]["note"], "奶奶来接");

  // Li Ming leaves after today: the first on the waiting list takes his place tomorrow.
  CliResult left = Run("wang", {"activity", "leave", id, children_[0], "--last-day", "2026-11-29",
                                "--reason", "Moved to his parents in Shanghai"});
  ASSERT_EQ(left.exit_code, kExitOk) << Describe(left);
  EXPECT_THAT(left.out, HasSubstr(children_[2] + " moved up from the waiting list"));
  EXPECT_THAT(left.out, HasSubstr("2026-11-30"));
  const Json today = JsonOf("wang", {"activity", "members", id});
  ASSERT_EQ(today.size(), 4u) << today.dump(2);
  EXPECT_EQ(RowsWhere(today, "child", children_[0])[0]["left_on"], "2026-11-29");
  EXPECT_EQ(RowsWhere(today, "child", children_[2])[0]["status"], "enrolled");
  EXPECT_EQ(RowsWhere(today, "child", children_[2])[0]["enrolled_on"], "2026-11-30");
  EXPECT_EQ(RowsWhere(today, "child", children_[3])[0]["waiting_position"], 1);
  const std::string tomorrow = "2026-11-30";
  const Json members = JsonOf("wang", {"activity", "members", id}, tomorrow);
  ASSERT_EQ(members.size(), 3u) << members.dump(2);
  EXPECT_TRUE(RowsWhere(members, "child", children_[0]).empty());
  const Json all = JsonOf("wang", {"activity", "members", id, "--all"}, tomorrow);
  ASSERT_EQ(RowsWhere(all, "child", children_[0]).size(), 1u) << all.dump(2);
  EXPECT_EQ(RowsWhere(all, "child", children_[0])[0]["status"], "left");

  // Bad values name themselves.
  CliResult kind =
      Run("wang", {"activity", "add", "--site", kCentre, "--name", "x", "--kind", "football",
                   "--rrule", "FREQ=WEEKLY", "--at", "16:00", "--capacity", "5"});
  EXPECT_EQ(kind.exit_code, kExitInvalid) << Describe(kind);
  EXPECT_THAT(kind.err, HasSubstr("football"));
  CliResult capacity =
      Run("wang", {"activity", "add", "--site", kCentre, "--name", "x", "--kind", "leisure",
                   "--rrule", "FREQ=WEEKLY", "--at", "16:00", "--capacity", "0"});
  EXPECT_EQ(capacity.exit_code, kExitInvalid) << Describe(capacity);
  CliResult usage = Run("wang", {"activity", "add", "--site", kCentre, "--name", "x", "--kind",
                                 "leisure", "--rrule", "FREQ=WEEKLY", "--capacity", "5"});
  EXPECT_EQ(usage.exit_code, 2) << Describe(usage);
}

TEST_F(ActivityCliTest, TheMethodFormsGroupsByAgeBandAndRefusesAnUntrainedLeader) {
  const std::string activity = std::to_string(activity_);
  const Json proposal = JsonOf("wang", {"group", "plan", activity}, kSetUpDay);
  EXPECT_EQ(proposal["activity"], activity_);
  EXPECT_THAT(proposal.value("method", ""), StartsWith(std::string(kHuangshan) + "@"));
  ASSERT_EQ(proposal["groups"].size(), 2u) << proposal.dump(2);
  EXPECT_EQ(proposal["groups"][0]["number"], 1);
  EXPECT_EQ(proposal["groups"][0]["name"], "8–10 (1)");
  EXPECT_EQ(proposal["groups"][1]["name"], "11–13 (1)");
  for (int i = 0; i < 3; ++i) {
    EXPECT_THAT(proposal["groups"][0].value("members", ""), HasSubstr(children_[i]));
    EXPECT_THAT(proposal["groups"][1].value("members", ""), HasSubstr(children_[i + 3]));
  }
  for (const Json& g : proposal["groups"]) {
    EXPECT_EQ(g["size"], 3);
    EXPECT_EQ(g["rrule"], "FREQ=WEEKLY;BYDAY=TH") << g.dump();
    EXPECT_EQ(g["time"], "15:30");
    EXPECT_EQ(g["minutes"], 90);
    EXPECT_EQ(g["venue"], "school");
    EXPECT_FALSE(g.value("rationale", "").empty());
  }
  EXPECT_TRUE(proposal["unplaced"].empty());
  CliResult table = Run("wang", {"group", "plan", activity}, kSetUpDay);
  ASSERT_EQ(table.exit_code, kExitOk) << Describe(table);
  EXPECT_THAT(table.out, HasSubstr("proposes 2 groups"));
  EXPECT_THAT(table.out, HasSubstr("8–10 (1)"));

  // Refusals write nothing: one leader for both groups at the same time, an untrained leader
  // wherever a leader is named, a group the proposal does not have.
  const std::string before = Dump();
  ExpectRefused(Run("wang", {"group", "plan", activity, "--accept"}, kSetUpDay), kExitInvalid,
                {"zhang", "overlap"});
  ExpectRefused(
      Run("wang",
          {"group", "plan", activity, "--accept", "--leader", "1=zhang", "--leader", "2=sun"},
          kSetUpDay),
      kExitInvalid, {"trained"});
  ExpectRefused(
      Run("wang", {"group", "plan", activity, "--accept", "--leader", "3=liu"}, kSetUpDay),
      kExitInvalid, {"3=liu", "1 to 2"});
  ExpectRefused(Run("wang", {"group", "plan", activity, "--accept", "--leader", "liu"}, kSetUpDay),
                kExitInvalid, {"'liu'", "GROUP=ACCOUNT"});
  CliResult usage = Run("wang", {"group", "plan", activity, "--leader", "1=liu"}, kSetUpDay);
  EXPECT_EQ(usage.exit_code, 2) << Describe(usage);
  ExpectRefused(
      Run("wang", {"activity", "add", "--site", kSchool, "--name", "x", "--kind", "group-session",
                   "--method", kHuangshan, "--rrule", "FREQ=WEEKLY;BYDAY=TU", "--at", "15:30",
                   "--capacity", "8", "--leader", "sun"}),
      kExitInvalid, {"trained"});
  ExpectRefused(Run("wang", {"activity", "edit", activity, "--leader", "sun"}), kExitInvalid,
                {"trained"});
  EXPECT_EQ(Dump(), before);
  EXPECT_TRUE(JsonOf("wang", {"group", "list", "--activity", activity}).empty());

  const Json accepted = AcceptGroups();
  ASSERT_EQ(accepted["created"].size(), 2u);
  EXPECT_EQ(accepted["groups"][0]["leader"], "zhang");
  EXPECT_EQ(accepted["groups"][1]["leader"], "liu");
  EXPECT_EQ(accepted["created"][0]["name"], "8–10 (1)");
  EXPECT_EQ(accepted["created"][0]["leader"], "zhang");
  EXPECT_EQ(accepted["created"][1]["leader"], "liu");
  for (const Json& g : accepted["created"]) EXPECT_EQ(g["members"], 3) << g.dump();
  const Json groups = JsonOf("wang", {"group", "list", "--activity", activity});
  EXPECT_EQ(groups.size(), 2u);
  const Json shown = JsonOf("wang", {"group", "show", std::to_string(GroupOf(li_ming_))});
  EXPECT_EQ(shown["name"], "8–10 (1)");
  EXPECT_EQ(shown["leader_name"], "张伟");
  ASSERT_EQ(shown["members"].size(), 3u);
  EXPECT_EQ(RowsWhere(shown["members"], "child", li_ming_)[0]["age"], 10);
  // Nobody is left to place.
  ExpectRefused(Run("wang", {"group", "plan", activity}), kExitInvalid,
                {"no enrolled child outside a group"});

  // An untrained leader of an existing group is refused too; once trained, accepted.
  const std::string older = std::to_string(groups_[1]);
  const std::string stored = Dump();
  ExpectRefused(Run("wang", {"group", "edit", older, "--leader", "sun"}), kExitInvalid,
                {"trained"});
  EXPECT_EQ(Dump(), stored);
  Ok("", {"training", "add", "--worker", "sun", "--method", kHuangshan, "--on", "2026-11-20",
          "--by", "Zhang Wei"});
  const Json renamed = JsonOf("wang", {"group", "edit", older, "--leader", "sun", "--name", "A"});
  EXPECT_EQ(renamed["leader"], "sun");
  EXPECT_EQ(renamed["name"], "A");
}

TEST_F(ActivityCliTest, AttendanceIsRecordedForAWholeSessionAndRefusedWhenWrong) {
  AcceptGroups();
  const std::int64_t li_group = GroupOf(li_ming_);
  const std::int64_t other_group = groups_[0] == li_group ? groups_[1] : groups_[0];
  const std::int64_t session = SessionOn(li_group, "2026-11-26");
  ASSERT_GT(session, 0);
  const std::string s = std::to_string(session);

  // Sessions were scheduled for 90 days from the set-up day; extend them.
  const Json scheduled = JsonOf("wang", {"session", "schedule", "--site", kSchool});
  EXPECT_EQ(scheduled["through"], "2027-02-27");
  EXPECT_GT(scheduled.value("created", 0), 0) << scheduled.dump();
  EXPECT_EQ(JsonOf("wang", {"session", "schedule", "--site", kSchool})["created"], 0);

  const Json week = JsonOf("wang", {"session", "list", "--group", std::to_string(li_group),
                                    "--from", "2026-11-20", "--to", "2026-12-06"});
  ASSERT_EQ(week.size(), 2u) << week.dump(2);
  EXPECT_EQ(week[0]["day"], "2026-11-26");
  EXPECT_EQ(week[0]["time"], "15:30");
  EXPECT_EQ(week[0]["starts_utc"], "2026-11-26T07:30:00Z");  // Asia/Shanghai is UTC+8
  EXPECT_EQ(week[0]["status"], "scheduled");
  EXPECT_EQ(week[0]["leader"], "zhang");
  EXPECT_EQ(week[0]["kind"], "group-session");
  EXPECT_EQ(week[1]["day"], "2026-12-03");
  const std::string future = std::to_string(IdOf(week[1]));

  // Refusals write nothing: a non-member, a future session, bad marks and notes.
  const std::string other_child = children_[3];
  const std::string before = Dump();
  ExpectRefused(
      Run("zhang", {"attendance", "record", s, "--others", "present", "--absent", other_child}),
      kExitInvalid, {other_child});
  ExpectRefused(Run("zhang", {"attendance", "record", future, "--others", "present"}), kExitInvalid,
                {"2026-12-03"});
  ExpectRefused(Run("zhang", {"attendance", "record", s, "--others", "maybe"}), kExitInvalid,
                {"maybe"});
  ExpectRefused(
      Run("zhang", {"attendance", "record", s, "--others", "present", "--note", "came late"}),
      kExitInvalid, {"came late", "CHILD=TEXT"});
  ExpectRefused(Run("zhang", {"attendance", "record", s, "--present", li_ming_, "--absent",
                              li_ming_, "--others", "present"}),
                kExitInvalid, {li_ming_, "present", "absent"});
  ExpectRefused(Run("zhang", {"attendance", "record", s, "--present", li_ming_}), kExitInvalid,
                {});  // the others have no mark
  ExpectRefused(Run("zhang", {"attendance", "record", "98765", "--others", "present"}),
                kExitNotFound, {"98765"});
  EXPECT_EQ(Dump(), before);

  CliResult recorded = Run("zhang", {"attendance", "record", s, "--others", "present", "--absent",
                                     li_ming_, "--note", li_ming_ + "=发烧，奶奶打电话请假"});
  ASSERT_EQ(recorded.exit_code, kExitOk) << Describe(recorded);
  EXPECT_THAT(recorded.out, HasSubstr("2 present, 1 absent, 0 excused"));
  const Json marks = JsonOf("wang", {"attendance", "list", s});
  ASSERT_EQ(marks.size(), 3u) << marks.dump(2);
  EXPECT_EQ(RowsWhere(marks, "child", li_ming_)[0]["mark"], "absent");
  EXPECT_EQ(RowsWhere(marks, "child", li_ming_)[0]["note"], "发烧，奶奶打电话请假");
  EXPECT_EQ(RowsWhere(marks, "mark", "present").size(), 2u);
  for (const Json& m : marks) EXPECT_EQ(m["recorded_by"], "zhang");
  const Json shown = JsonOf("wang", {"session", "show", s});
  EXPECT_EQ(shown["status"], "held");
  EXPECT_EQ(shown["present"], 2);
  EXPECT_EQ(shown["absent"], 1);
  EXPECT_EQ(shown["held_by"], "zhang");
  EXPECT_EQ(shown["attendance"].size(), 3u);

  // Recorded once; changed only with --amend.
  ExpectRefused(Run("zhang", {"attendance", "record", s, "--others", "present"}), kExitInvalid,
                {"--amend"});
  const Json amended = JsonOf("zhang", {"attendance", "record", s, "--others", "present",
                                        "--excused", li_ming_, "--amend"});
  EXPECT_EQ(amended["present"], 2);
  EXPECT_EQ(amended["excused"], 1);
  EXPECT_EQ(amended["absent"], 0);
  EXPECT_EQ(amended["recorded"], 3);

  // A cancelled session takes no attendance.
  const std::string other = std::to_string(SessionOn(other_group, "2026-11-26"));
  const Json cancelled = JsonOf("wang", {"session", "cancel", other, "--reason", "School trip"});
  EXPECT_EQ(cancelled["status"], "cancelled");
  EXPECT_EQ(cancelled["cancel_reason"], "School trip");
  ExpectRefused(Run("liu", {"attendance", "record", other, "--others", "present"}), kExitInvalid,
                {other});
}

TEST_F(ActivityCliTest, TeachersSeeOnlyTheSessionsOfTheirGroups) {
  AcceptGroups();
  // A homework club at the centre, led by centre staff.
  const Json homework =
      JsonOf("wang",
             {"activity", "add", "--site", kCentre, "--name", "课业辅导", "--kind", "homework-help",
              "--rrule", "FREQ=WEEKLY;BYDAY=WE", "--first-day", "2026-09-02", "--at", "16:00",
              "--capacity", "10", "--leader", "wang"},
             kSetUpDay);
  const std::int64_t homework_id = IdOf(homework);
  Ok("wang", {"activity", "enrol", std::to_string(homework_id), li_ming_}, kSetUpDay);

  const std::vector<std::string> window = {"--from", "2026-11-23", "--to", "2026-11-29"};
  auto list = [&](const std::string& account, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"session", "list"};
    args.insert(args.end(), window.begin(), window.end());
    args.insert(args.end(), extra.begin(), extra.end());
    return JsonOf(account, args);
  };
  const Json all = list("wang");
  ASSERT_EQ(all.size(), 3u) << all.dump(2);  // the two groups on Thursday, homework on Wednesday
  std::set<std::int64_t> activities;
  for (const Json& s : all) activities.insert(s.value("activity_id", std::int64_t{0}));
  EXPECT_EQ(activities, (std::set<std::int64_t>{activity_, homework_id}));

  const Json zhangs = list("zhang");
  ASSERT_EQ(zhangs.size(), 1u) << zhangs.dump(2);
  EXPECT_EQ(zhangs[0]["leader"], "zhang");
  EXPECT_EQ(zhangs[0]["group"], "8–10 (1)");
  EXPECT_EQ(list("zhang", {"--mine"}), zhangs);
  const Json lius = list("liu");
  ASSERT_EQ(lius.size(), 1u) << lius.dump(2);
  EXPECT_EQ(lius[0]["group"], "11–13 (1)");
  EXPECT_TRUE(list("sun").empty());
  EXPECT_EQ(JsonOf("zhang", {"group", "list"}).size(), 1u);
  const Json activity_list = JsonOf("zhang", {"activity", "list"});
  ASSERT_EQ(activity_list.size(), 1u) << activity_list.dump(2);
  EXPECT_EQ(activity_list[0]["id"], activity_);

  // Another's session: refused, and nothing written.
  const Json wednesday = RowsWhere(all, "activity_id", homework_id);
  ASSERT_EQ(wednesday.size(), 1u);
  const std::string before = Dump();
  ExpectRefused(Run("zhang", {"attendance", "record", std::to_string(IdOf(wednesday[0])),
                              "--others", "present"}),
                kExitNotPermitted, {});
  ExpectRefused(
      Run("zhang", {"attendance", "record", std::to_string(IdOf(lius[0])), "--others", "present"}),
      kExitNotPermitted, {});
  EXPECT_EQ(Dump(), before);
  // Their own: recorded.
  const Json own = JsonOf(
      "zhang", {"attendance", "record", std::to_string(IdOf(zhangs[0])), "--others", "present"});
  EXPECT_EQ(own["present"], 3);
  EXPECT_EQ(own["status"], "held");
}

TEST_F(ActivityCliTest, TheAttendanceReportFlagsAChildWhoseAttendanceFalls) {
  AcceptGroups();
  const std::int64_t li_group = GroupOf(li_ming_);
  const std::int64_t other_group = groups_[0] == li_group ? groups_[1] : groups_[0];
  // Li Ming comes until early October, then stops coming; everyone else always comes.
  for (const std::string& day : PastThursdays()) {
    const std::int64_t his = SessionOn(li_group, day);
    const std::int64_t theirs = SessionOn(other_group, day);
    ASSERT_GT(his, 0) << day;
    ASSERT_GT(theirs, 0) << day;
    std::vector<std::string> args = {"attendance", "record", std::to_string(his), "--others",
                                     "present"};
    if (day >= "2026-10-15") args.insert(args.end(), {"--absent", li_ming_});
    ASSERT_NO_FATAL_FAILURE(Ok("zhang", args));
    ASSERT_NO_FATAL_FAILURE(
        Ok("liu", {"attendance", "record", std::to_string(theirs), "--others", "present"}));
  }

  const std::string activity = std::to_string(activity_);
  const Json report = JsonOf("wang", {"report", "attendance", "--activity", activity});
  ASSERT_TRUE(report.is_object()) << report.dump(2);
  EXPECT_EQ(report["to"], "2026-11-29");
  EXPECT_EQ(report["threshold_percent"], 70);
  EXPECT_EQ(report["flagged"], 1);
  ASSERT_EQ(report["children"].size(), 6u) << report.dump(2);
  for (const Json& c : report["children"]) {
    EXPECT_EQ(c["expected"], 13) << c.dump();
    if (c["child"] == li_ming_) {
      EXPECT_EQ(c["present"], 6) << c.dump();
      EXPECT_EQ(c["absent"], 7);
      EXPECT_EQ(c["rate_percent"], 46);  // 6 of 13
      EXPECT_EQ(c["recent_percent"], 0);
      EXPECT_EQ(c["flag"], "falling");
      EXPECT_EQ(c["group"], "8–10 (1)");
    } else {
      EXPECT_EQ(c["present"], 13) << c.dump();
      EXPECT_EQ(c["rate_percent"], 100);
      EXPECT_EQ(c["flag"], nullptr);
    }
  }
  ASSERT_EQ(report["groups"].size(), 2u);
  for (const Json& g : report["groups"]) {
    EXPECT_EQ(g["leader_trained"], true) << g.dump();
    EXPECT_EQ(g["members"], 3);
    EXPECT_EQ(g["sessions_held"], 13);
    EXPECT_EQ(g["sessions_cancelled"], 0);
  }
  ASSERT_EQ(report["activities"].size(), 1u);
  const Json& use = report["activities"][0];
  EXPECT_EQ(use["capacity"], 16);
  EXPECT_EQ(use["enrolled"], 6);
  EXPECT_EQ(use["use_percent"], 38);  // 6 of 16

  // One child; a lower threshold flags nobody.
  const Json his = JsonOf("zhao", {"report", "attendance", "--child", li_ming_});
  ASSERT_EQ(his["children"].size(), 1u) << his.dump(2);
  EXPECT_EQ(his["children"][0]["flag"], "falling");
  const Json lenient =
      JsonOf("wang", {"report", "attendance", "--activity", activity, "--threshold", "0%"});
  EXPECT_EQ(lenient["flagged"], 0);

  // For people: the flag on Li Ming's line only.
  CliResult table = Run("wang", {"report", "attendance", "--activity", activity});
  ASSERT_EQ(table.exit_code, kExitOk) << Describe(table);
  EXPECT_THAT(table.out, HasSubstr("1 of 6 children flagged"));
  bool flagged_line = false;
  for (const std::string& line : Lines(table.out)) {
    if (line.find(li_ming_) != std::string::npos) {
      flagged_line = line.find("falling") != std::string::npos;
    } else if (line.find("children flagged") == std::string::npos) {
      EXPECT_EQ(line.find("falling"), std::string::npos) << line;
    }
  }
  EXPECT_TRUE(flagged_line) << table.out;

  // For spreadsheets.
  CliResult csv = Run("wang", {"--format", "csv", "report", "attendance", "--activity", activity});
  ASSERT_EQ(csv.exit_code, kExitOk) << Describe(csv);
  const std::vector<std::string> lines = Lines(csv.out);
  ASSERT_FALSE(lines.empty());
  EXPECT_THAT(lines[0], StartsWith("from,to,recent_from"));
  EXPECT_THAT(csv.out, HasSubstr("\nchild,name,activity_id,"));
  EXPECT_THAT(csv.out, HasSubstr(",falling\n"));
  CliResult sessions_csv =
      Run("wang", {"--format", "csv", "session", "list", "--group", std::to_string(li_group),
                   "--from", "2026-11-26", "--to", "2026-11-26"});
  ASSERT_EQ(sessions_csv.exit_code, kExitOk) << Describe(sessions_csv);
  ASSERT_EQ(Lines(sessions_csv.out).size(), 2u) << sessions_csv.out;
  EXPECT_THAT(Lines(sessions_csv.out)[0], StartsWith("id,day,time,activity_id"));
  EXPECT_THAT(Lines(sessions_csv.out)[1], HasSubstr(",2026-11-26,15:30,"));
  EXPECT_THAT(Lines(sessions_csv.out)[1], HasSubstr(",held,2,1,0,"));

  // Bad values.
  for (const char* bad : {"1.5", "seventy", "0.7.1", "150%"}) {
    ExpectRefused(Run("wang", {"report", "attendance", "--threshold", bad}), kExitInvalid, {bad});
  }
  // A decimal comma, as Swedish is written, is a decimal point.
  CliResult comma = Run("wang", {"--format", "json", "report", "attendance", "--threshold", "0,9"});
  ASSERT_EQ(comma.exit_code, kExitOk) << Describe(comma);
  EXPECT_EQ(ParseJson(comma.out)["threshold_percent"], 90);
  CliResult both = Run("wang", {"report", "attendance", "--site", kSchool, "--child", li_ming_});
  EXPECT_EQ(both.exit_code, 2) << Describe(both);
}

TEST_F(ActivityCliTest, AFamilyCallSessionLogsThePresentChildsCallsAsHeld) {
  // Li Ming's contact plan with Huangshan's method: video calls with his parents every Sunday.
  Ok("zhao",
     {"placement", "add", "--child", li_ming_, "--type", "left-behind", "--basis", "voluntary",
      "--caregivers", "祖父母 李建国、王秀英", "--start", "2022-02-01"},
     kSetUpDay);
  for (const auto& [name, kind] : {std::pair{"李华", "mother"}, std::pair{"李强", "father"}}) {
    Ok("zhao", {"relation", "add", "--child", li_ming_, "--name", name, "--kind", kind}, kSetUpDay);
  }
  const Json plan =
      JsonOf("zhao", {"plan", "propose", "--child", li_ming_, "--method", kHuangshan}, kSetUpDay);
  const std::string plan_id = std::to_string(IdOf(plan));
  Ok("zhao", {"plan", "view", plan_id, "--text", "我想每个星期都和爸爸妈妈视频。"}, kSetUpDay);
  Ok("zhao", {"plan", "approve", plan_id}, kSetUpDay);

  // The Sunday family-call session at the centre.
  const Json calls =
      JsonOf("wang",
             {"activity", "add", "--site", kCentre, "--name", "周日亲情通话", "--kind",
              "family-call", "--rrule", "FREQ=WEEKLY;BYDAY=SU", "--first-day", "2026-09-06", "--at",
              "19:00", "--capacity", "20", "--leader", "wang"},
             kSetUpDay);
  const std::string activity = std::to_string(IdOf(calls));
  Ok("wang", {"activity", "enrol", activity, li_ming_}, kSetUpDay);
  Ok("wang", {"activity", "enrol", activity, children_[1]}, kSetUpDay);
  const Json sunday = JsonOf("wang", {"session", "list", "--activity", activity, "--from",
                                      "2026-11-22", "--to", "2026-11-22"});
  ASSERT_EQ(sunday.size(), 1u) << sunday.dump(2);
  EXPECT_EQ(sunday[0]["kind"], "family-call");
  EXPECT_EQ(sunday[0]["starts_utc"], "2026-11-22T11:00:00Z");
  const std::string session = std::to_string(IdOf(sunday[0]));

  const Json recorded = JsonOf(
      "wang", {"attendance", "record", session, "--present", li_ming_, "--absent", children_[1]});
  EXPECT_EQ(recorded["present"], 1);
  EXPECT_EQ(recorded["absent"], 1);
  const std::string logged = recorded.value("contact_events_logged", "");
  ASSERT_FALSE(logged.empty()) << recorded.dump(2);

  // Every call of Li Ming's that Sunday is now held, and those are the events named.
  const Json events = JsonOf("zhao", {"contact", "list", "--child", li_ming_, "--from",
                                      "2026-11-22", "--to", "2026-11-22"});
  std::set<std::string> held, named;
  int videos = 0;
  for (const Json& e : events) {
    videos += e["mode"] == "video" ? 1 : 0;
    EXPECT_EQ(e["outcome"], "held") << e.dump();
    held.insert(std::to_string(IdOf(e)));
    const Json shown = JsonOf("zhao", {"contact", "show", std::to_string(IdOf(e))});
    EXPECT_EQ(shown["logged_by"], "wang") << shown.dump();
  }
  EXPECT_EQ(videos, 2) << events.dump(2);  // mother and father
  std::istringstream ids(logged);
  for (std::string id; std::getline(ids, id, ',');) named.insert(id);
  EXPECT_EQ(named, held);
  // The calls of the week before, with no attendance recorded, are still open.
  for (const Json& e : JsonOf("zhao", {"contact", "list", "--child", li_ming_, "--from",
                                       "2026-11-15", "--to", "2026-11-15"})) {
    EXPECT_EQ(e["status"], "scheduled") << e.dump();
  }
}

TEST_F(ActivityCliTest, GroupsByHandExtraSessionsAndANewSchedule) {
  const Json a = JsonOf("wang", {"activity", "add", "--site", kCentre, "--name", "周末活动",
                                 "--kind", "leisure", "--rrule", "FREQ=WEEKLY;BYDAY=SA", "--at",
                                 "10:00", "--capacity", "10", "--leader", "wang"});
  const std::string id = std::to_string(IdOf(a));
  EXPECT_EQ(a["first_day"], "2026-11-29");  // today by default
  for (int i = 1; i <= 2; ++i) Ok("wang", {"activity", "enrol", id, children_[i]});

  // A new time moves the future sessions.
  const Json edited = JsonOf("wang", {"activity", "edit", id, "--at", "09:30", "--capacity", "12"});
  EXPECT_EQ(edited["time"], "09:30");
  EXPECT_EQ(edited["capacity"], 12);
  EXPECT_EQ(edited["rrule"], "FREQ=WEEKLY;BYDAY=SA");
  const Json saturdays = JsonOf("wang", {"session", "list", "--activity", id, "--week"});
  ASSERT_EQ(saturdays.size(), 1u) << saturdays.dump(2);
  EXPECT_EQ(saturdays[0]["day"], "2026-12-05");
  EXPECT_EQ(saturdays[0]["time"], "09:30");
  CliResult nothing = Run("wang", {"activity", "edit", id});
  EXPECT_EQ(nothing.exit_code, 2) << Describe(nothing);

  // A group by hand, with its own schedule; members join and leave.
  const Json group = JsonOf(
      "wang", {"group", "add", id, "--name", "画画", "--rrule", "FREQ=WEEKLY;BYDAY=SA", "--at",
               "14:00", "--minutes", "45", "--venue", "活动室", "--member", children_[1]});
  const std::string g = std::to_string(IdOf(group));
  EXPECT_EQ(group["own_schedule"], true);
  EXPECT_EQ(group["time"], "14:00");
  EXPECT_EQ(group["leader"], "wang");
  ASSERT_EQ(group["members"].size(), 1u);
  EXPECT_EQ(group["members"][0]["child"], children_[1]);
  CliResult usage = Run("wang", {"group", "add", id, "--name", "x", "--rrule", "FREQ=WEEKLY"});
  EXPECT_EQ(usage.exit_code, 2) << Describe(usage);  // --rrule needs --at
  const Json joined = JsonOf("wang", {"group", "join", g, children_[2], "--on", "2026-12-01"});
  ASSERT_EQ(joined.size(), 1u);
  EXPECT_EQ(joined[0]["joined_on"], "2026-12-01");
  const Json left = JsonOf("wang", {"group", "leave", g, children_[1], "--last-day", "2026-12-10"});
  EXPECT_EQ(left[0]["left_on"], "2026-12-10");
  ExpectRefused(Run("wang", {"group", "join", g, children_[4]}), kExitInvalid, {children_[4]});
  ExpectRefused(Run("wang", {"group", "show", "98765"}), kExitNotFound, {"98765"});

  // Extra sessions: for a group when the activity has groups.
  ExpectRefused(
      Run("wang", {"session", "add", "--activity", id, "--on", "2026-12-02", "--at", "16:00"}),
      kExitInvalid, {});
  const Json extra = JsonOf("wang", {"session", "add", "--activity", id, "--group", g, "--on",
                                     "2026-12-02", "--at", "16:00", "--minutes", "120"});
  EXPECT_EQ(extra["extra"], true);
  EXPECT_EQ(extra["day"], "2026-12-02");
  EXPECT_EQ(extra["ends_utc"], "2026-12-02T10:00:00Z");
  const Json cancelled =
      JsonOf("wang", {"session", "cancel", std::to_string(IdOf(extra)), "--reason", "下雪"});
  EXPECT_EQ(cancelled["status"], "cancelled");
  const Json listed = JsonOf(
      "wang", {"session", "list", "--group", g, "--from", "2026-12-02", "--to", "2026-12-02"});
  ASSERT_EQ(listed.size(), 1u) << listed.dump(2);
  EXPECT_EQ(listed[0]["status"], "cancelled");
}

}  // namespace
}  // namespace kinbridge::cli::test
