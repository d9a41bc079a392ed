// The activity test fixture: a Huangshan workspace (Asia/Shanghai) with the built-in method
// plugins, the support centre and a school, their staff, and left-behind children of several
// ages and two schools, two of them siblings.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <random>
#include <string>
#include <system_error>
#include <vector>

#include "kinbridge/workspace.h"
#include "plan_fixture.h"
#include "ready_workspace.h"
#include "test_backend.h"

namespace kinbridge::activity_testing {

namespace fs = std::filesystem;
using plan_testing::As;
using plan_testing::MakeChild;
using plan_testing::MakeWorker;
using plan_testing::Snapshot;
using plan_testing::StatusOf;

constexpr const char* kGroupMethod = "cn.huangshan.group";
inline const Date kToday = plan_testing::kToday;  // 2026-11-29, a Sunday

inline Municipality Huangshan() {
  Municipality m;
  m.code = "HSN";
  m.name = "Huangshan";
  m.country = "CN";
  m.locale = "zh_CN";
  m.time_zone = "Asia/Shanghai";
  return m;
}

inline SessionSchedule Weekly(const std::string& byday, const std::string& at, Date first) {
  SessionSchedule s;
  s.rrule = "FREQ=WEEKLY;BYDAY=" + byday;
  s.first_day = first;
  s.start_time = at;
  s.duration_minutes = 90;
  return s;
}

// Accounts: zhao administrator (and social worker: the children are in his caseload), wang
// centre staff at the centre, liu teacher at the school trained in the method, chen teacher at
// the school not trained, sun centre staff at another centre.
class ActivityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    unsetenv("LANGUAGE");
    std::random_device random;
    const std::string test = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    dir_ = fs::temp_directory_path() /
           ("kinbridge-activity-test-" + test + "-" + std::to_string(random()));
    ASSERT_TRUE(fs::create_directories(dir_ / "methods")) << dir_;
    path_ = testing_support::TestWorkspace(dir_ / "huangshan.kinbridge");
    CreateOptions create;
    create.municipality = Huangshan();
    create.mode = WorkspaceMode::kTest;
    create.administrator_account = "zhao";
    create.administrator_name = "赵磊";
    {
      Result<Workspace> created = testing_support::CreateReady(path_, create, As("zhao"));
      ASSERT_TRUE(created.ok()) << created.status().ToString();
      for (const char* name : {"vara_contact.so", "huangshan_group.so"}) {
        const fs::path copy = dir_ / "methods" / name;
        std::error_code ec;
        fs::copy_file(fs::path(plan_testing::kBuiltInPlugins) / name, copy, ec);
        ASSERT_FALSE(ec) << "copying " << name << ": " << ec.message();
        ASSERT_TRUE(created->InstallMethodPlugin(copy.string()).ok());
      }
      for (const NewWorker& worker : {MakeWorker("王芳", "wang", "关爱中心", Role::kCentreStaff),
                                      MakeWorker("刘洋", "liu", "育才小学", Role::kTeacher),
                                      MakeWorker("陈静", "chen", "育才小学", Role::kTeacher),
                                      MakeWorker("孙明", "sun", "屯溪中心", Role::kCentreStaff)}) {
        ASSERT_TRUE(created->AddWorker(worker).ok());
      }
    }
    ws_.emplace(OpenAs("zhao"));
    ASSERT_TRUE(ws_->AddSite(MakeSite(SiteKind::kCentre, "guanai", "留守儿童关爱中心")).ok());
    ASSERT_TRUE(ws_->AddSite(MakeSite(SiteKind::kSchool, "yucai", "育才小学")).ok());
    ASSERT_TRUE(ws_->AddSite(MakeSite(SiteKind::kCentre, "tunxi", "屯溪关爱中心")).ok());
    for (const auto& [site, account] :
         std::vector<std::pair<std::string, std::string>>{{"guanai", "wang"},
                                                          {"guanai", "liu"},
                                                          {"yucai", "liu"},
                                                          {"guanai", "chen"},
                                                          {"yucai", "chen"},
                                                          {"tunxi", "sun"}}) {
      Result<StaffAssignment> staff = ws_->AddStaff(site, account, Date(2026, 1, 1));
      ASSERT_TRUE(staff.ok()) << staff.status().ToString();
    }
    NewTraining training;
    training.worker_account = "liu";
    training.method_id = kGroupMethod;
    training.trained_on = Date(2026, 6, 12);
    training.trained_by = "Vara method developer";
    training.hours = 24;
    ASSERT_TRUE(ws_->RecordTraining(training).ok());

    // Children: ages on 2026-11-29 in brackets.
    li_ming_ = AddChild("李明", Date(2016, 4, 2), "育才小学");     // 10
    li_hong_ = AddChild("李红", Date(2014, 1, 20), "育才小学");    // 12, Li Ming's sister
    wang_lei_ = AddChild("王磊", Date(2017, 8, 8), "育才小学");    // 9
    zhang_wei_ = AddChild("张伟", Date(2015, 10, 1), "育才小学");  // 11
    zhou_jie_ = AddChild("周杰", Date(2016, 12, 24), "屯溪小学");  // 9
    wu_fang_ = AddChild("吴芳", Date(2013, 3, 3), "屯溪小学");     // 13
    NewRelation sister = plan_testing::MakeRelation("李红", RelationKind::kSibling);
    sister.registered_child = li_hong_;
    ASSERT_TRUE(ws_->AddRelation(li_ming_, sister).ok());
  }

  void TearDown() override {
    ws_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  static NewSite MakeSite(SiteKind kind, std::string code, std::string name) {
    NewSite site;
    site.kind = kind;
    site.code = std::move(code);
    site.name = std::move(name);
    site.address = "黄山市屯溪区";
    site.capacity = 60;
    site.opening_hours = "Mon-Fri 14:00-20:00, Sun 09:00-21:00";
    return site;
  }

  std::string AddChild(std::string name, Date birth, std::string school) {
    NewChild child = MakeChild(std::move(name), birth);
    child.school = std::move(school);
    Result<Child> added = ws_->AddChild(child);
    EXPECT_TRUE(added.ok()) << added.status().ToString();
    return added.ok() ? added->case_reference : std::string();
  }

  // Records that `account` was trained in Huangshan's group method (by 刘洋, 2026-11-20).
  void TrainInGroupMethod(const std::string& account) {
    NewTraining training;
    training.worker_account = account;
    training.method_id = kGroupMethod;
    training.trained_on = Date(2026, 11, 20);
    training.trained_by = "刘洋";
    Result<TrainingRecord> trained = ws_->RecordTraining(training);
    ASSERT_TRUE(trained.ok()) << trained.status().ToString();
  }

  Workspace OpenAs(const std::string& account) {
    Result<Workspace> opened = Workspace::Open(path_, As(account));
    EXPECT_TRUE(opened.ok()) << opened.status().ToString();
    return std::move(opened).value();
  }

  // A weekly group-session activity at the centre following the method, run by wang.
  static NewActivity GroupActivity(int capacity, std::string leader = "") {
    NewActivity a;
    a.site_code = "guanai";
    a.name = "周四小组活动";
    a.kind = ActivityKind::kGroupSession;
    a.method_id = kGroupMethod;
    a.schedule = Weekly("TH", "15:30", Date(2026, 12, 3));
    a.capacity = capacity;
    a.leader_account = std::move(leader);
    return a;
  }

  // Adds the activity as wang (centre staff), enrolling `children` from `on`.
  Activity AddActivityWith(Workspace& staff, const NewActivity& in,
                           const std::vector<std::string>& children, Date on = kToday) {
    Result<Activity> added = staff.AddActivity(in);
    EXPECT_TRUE(added.ok()) << added.status().ToString();
    if (!added.ok()) return {};
    for (const std::string& child : children) {
      EnrolOptions options;
      options.on = on;
      Result<Enrolment> enrolled = staff.Enrol(added->id, child, options);
      EXPECT_TRUE(enrolled.ok()) << enrolled.status().ToString();
    }
    return *added;
  }

  fs::path dir_;
  std::string path_;
  std::optional<Workspace> ws_;
  std::string li_ming_, li_hong_, wang_lei_, zhang_wei_, zhou_jie_, wu_fang_;
};

}  // namespace kinbridge::activity_testing
