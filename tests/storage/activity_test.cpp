// Centres, schools, staff, training, activities, enrolment with a waiting list, and groups formed
// by the method.
#include <algorithm>
#include <set>

#include "activity_fixture.h"

namespace kinbridge::activity_testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

TEST_F(ActivityTest, SitesStaffAndTrainingAreRecordedAndListed) {
  std::vector<std::string> centres, schools;
  ASSERT_TRUE(ws_->ForEachSite(SiteKind::kCentre,
                               [&](const Site& s) {
                                 centres.push_back(s.code);
                                 return true;
                               })
                  .ok());
  ASSERT_TRUE(ws_->ForEachSite(SiteKind::kSchool,
                               [&](const Site& s) {
                                 schools.push_back(s.code);
                                 return true;
                               })
                  .ok());
  EXPECT_THAT(centres, ElementsAre("guanai", "tunxi"));
  EXPECT_THAT(schools, ElementsAre("yucai"));

  Result<Site> centre = ws_->GetSite("guanai");
  ASSERT_TRUE(centre.ok());
  EXPECT_EQ(centre->name, "留守儿童关爱中心");
  EXPECT_EQ(centre->capacity, 60);

  std::vector<std::string> staff;
  ASSERT_TRUE(ws_->ForEachStaff("guanai",
                                [&](const StaffAssignment& s) {
                                  staff.push_back(s.worker_account + ":" + s.roles);
                                  return true;
                                })
                  .ok());
  EXPECT_THAT(staff, ElementsAre("wang:centre-staff", "liu:teacher", "chen:teacher"));

  Result<StaffAssignment> ended = ws_->EndStaff("guanai", "chen", Date(2026, 11, 30));
  ASSERT_TRUE(ended.ok()) << ended.status().ToString();
  EXPECT_EQ(ended->to, Date(2026, 11, 30));

  std::vector<TrainingRecord> training;
  ASSERT_TRUE(ws_->ForEachTraining({"", kGroupMethod},
                                   [&](const TrainingRecord& t) {
                                     training.push_back(t);
                                     return true;
                                   })
                  .ok());
  ASSERT_EQ(training.size(), 1u);
  EXPECT_EQ(training[0].worker_account, "liu");
  EXPECT_EQ(training[0].trained_on, Date(2026, 6, 12));
  EXPECT_EQ(training[0].trained_by, "Vara method developer");
  EXPECT_EQ(training[0].recorded_by, "zhao");
}

TEST_F(ActivityTest, BadSiteStaffAndTrainingInputIsRefusedAndNothingWritten) {
  const std::string before = Snapshot(path_);
  Result<Site> duplicate = ws_->AddSite(MakeSite(SiteKind::kSchool, "guanai", "另一个"));
  EXPECT_EQ(duplicate.status().code(), ErrorCode::kAlreadyExists);
  EXPECT_THAT(duplicate.status().message(), HasSubstr("guanai"));
  Result<Site> bad_code = ws_->AddSite(MakeSite(SiteKind::kCentre, "关爱 中心", "x"));
  EXPECT_EQ(bad_code.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_THAT(bad_code.status().message(), HasSubstr("关爱 中心"));
  EXPECT_EQ(ws_->AddStaff("guanai", "wang", kToday).status().code(), ErrorCode::kAlreadyExists);
  EXPECT_EQ(ws_->AddStaff("nowhere", "wang", kToday).status().code(), ErrorCode::kNotFound);

  NewTraining training;
  training.worker_account = "chen";
  training.method_id = kGroupMethod;
  training.trained_on = kToday.AddDays(1);
  training.trained_by = "Vara method developer";
  Result<TrainingRecord> future = ws_->RecordTraining(training);
  EXPECT_EQ(future.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_THAT(future.status().message(), HasSubstr("2026-11-30"));
  training.trained_on = kToday;
  training.method_id = "cn.nowhere.method";
  Result<TrainingRecord> unknown = ws_->RecordTraining(training);
  EXPECT_EQ(unknown.status().code(), ErrorCode::kNotFound);
  EXPECT_THAT(unknown.status().message(), HasSubstr("cn.nowhere.method"));
  EXPECT_EQ(Snapshot(path_), before);
}

TEST_F(ActivityTest, OnlyAdministratorsManageSitesAndOnlyTheSitesStaffRunActivities) {
  Workspace wang = OpenAs("wang");
  EXPECT_EQ(wang.AddSite(MakeSite(SiteKind::kCentre, "new", "新中心")).status().code(),
            ErrorCode::kPermissionDenied);
  Workspace sun = OpenAs("sun");
  Result<Activity> elsewhere = sun.AddActivity(GroupActivity(10));
  EXPECT_EQ(elsewhere.status().code(), ErrorCode::kPermissionDenied);
  EXPECT_THAT(elsewhere.status().message(), HasSubstr("run activities"));
  Workspace liu = OpenAs("liu");
  EXPECT_EQ(liu.AddActivity(GroupActivity(10)).status().code(), ErrorCode::kPermissionDenied);
  Result<Activity> added = wang.AddActivity(GroupActivity(10));
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_EQ(added->site_code, "guanai");
  EXPECT_EQ(added->method_id, kGroupMethod);
  // Centre staff elsewhere cannot enrol children in it, nor read who takes part.
  EXPECT_EQ(sun.Enrol(added->id, li_ming_, {}).status().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(sun.ForEachEnrolment(added->id, false, [](const Enrolment&) { return true; }).code(),
            ErrorCode::kPermissionDenied);
}

TEST_F(ActivityTest, AFullActivityPutsChildrenOnTheWaitingListAndALeaverPromotesTheFirst) {
  Workspace wang = OpenAs("wang");
  Activity a = AddActivityWith(wang, GroupActivity(2), {li_ming_, wang_lei_});
  EXPECT_EQ(a.capacity, 2);

  EnrolOptions options;
  Result<Enrolment> third = wang.Enrol(a.id, zhang_wei_, options);
  ASSERT_TRUE(third.ok()) << third.status().ToString();
  EXPECT_EQ(third->status, EnrolmentStatus::kWaiting);
  EXPECT_EQ(third->waiting_position, 1);
  EXPECT_FALSE(third->enrolled_on.has_value());
  Result<Enrolment> fourth = wang.Enrol(a.id, zhou_jie_, options);
  ASSERT_TRUE(fourth.ok());
  EXPECT_EQ(fourth->waiting_position, 2);

  // Refused instead of queued: nothing written.
  const std::string before = Snapshot(path_);
  options.waiting_list = false;
  Result<Enrolment> refused = wang.Enrol(a.id, wu_fang_, options);
  EXPECT_EQ(refused.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_THAT(refused.status().message(), HasSubstr("2 of 2"));
  EXPECT_THAT(refused.status().message(), HasSubstr(wu_fang_));
  Result<Enrolment> twice = wang.Enrol(a.id, li_ming_, {});
  EXPECT_EQ(twice.status().code(), ErrorCode::kAlreadyExists);
  EXPECT_EQ(Snapshot(path_), before);

  Result<LeaveResult> left = wang.LeaveActivity(a.id, wang_lei_, kToday, "moved to Hefei");
  ASSERT_TRUE(left.ok()) << left.status().ToString();
  EXPECT_EQ(left->left.child_case_reference, wang_lei_);
  ASSERT_EQ(left->promoted.size(), 1u);
  EXPECT_EQ(left->promoted[0].child_case_reference, zhang_wei_);
  EXPECT_EQ(left->promoted[0].enrolled_on, kToday.AddDays(1));

  std::vector<std::string> listed;
  ASSERT_TRUE(wang.ForEachEnrolment(a.id, false,
                                    [&](const Enrolment& e) {
                                      listed.push_back(e.child_case_reference + ":" +
                                                       std::string(EnrolmentStatusName(e.status)) +
                                                       ":" + std::to_string(e.waiting_position));
                                      return true;
                                    })
                  .ok());
  // wang_lei_ leaves after today, so is still enrolled today.
  EXPECT_THAT(listed, ElementsAre(li_ming_ + ":enrolled:0", wang_lei_ + ":enrolled:0",
                                  zhang_wei_ + ":enrolled:0", zhou_jie_ + ":waiting:1"));
  Result<Activity> after = wang.GetActivity(a.id);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->waiting, 1);
}

TEST_F(ActivityTest, ALeaderMustWorkAtTheSiteAndBeTrainedInTheMethod) {
  Workspace wang = OpenAs("wang");
  const std::string before = Snapshot(path_);
  Result<Activity> untrained = wang.AddActivity(GroupActivity(10, "chen"));
  EXPECT_EQ(untrained.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_THAT(untrained.status().message(), HasSubstr("chen"));
  EXPECT_THAT(untrained.status().message(), HasSubstr("not trained"));
  Result<Activity> elsewhere = wang.AddActivity(GroupActivity(10, "sun"));
  EXPECT_EQ(elsewhere.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_THAT(elsewhere.status().message(), HasSubstr("does not work at guanai"));
  EXPECT_EQ(Snapshot(path_), before);

  Result<Activity> trained = wang.AddActivity(GroupActivity(10, "liu"));
  ASSERT_TRUE(trained.ok()) << trained.status().ToString();
  EXPECT_EQ(trained->leader_account, "liu");
  EXPECT_EQ(trained->leader_name, "刘洋");

  // A homework club without a method takes any leader working there.
  NewActivity homework = GroupActivity(20, "chen");
  homework.name = "作业辅导";
  homework.kind = ActivityKind::kHomeworkHelp;
  homework.method_id.clear();
  homework.schedule = Weekly("MO,TU,WE", "16:30", Date(2026, 11, 30));
  Result<Activity> club = wang.AddActivity(homework);
  ASSERT_TRUE(club.ok()) << club.status().ToString();
  EXPECT_EQ(club->leader_account, "chen");
}

TEST_F(ActivityTest, BadActivityInputNamesTheValue) {
  Workspace wang = OpenAs("wang");
  NewActivity a = GroupActivity(0);
  Result<Activity> capacity = wang.AddActivity(a);
  EXPECT_EQ(capacity.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_THAT(capacity.status().message(), HasSubstr("capacity 0"));
  a = GroupActivity(10);
  a.schedule.start_time = "25:00";
  EXPECT_THAT(wang.AddActivity(a).status().message(), HasSubstr("25:00"));
  a = GroupActivity(10);
  a.schedule.rrule = "FREQ=SOMETIMES";
  EXPECT_EQ(wang.AddActivity(a).status().code(), ErrorCode::kInvalidArgument);
  a = GroupActivity(10);
  a.method_id = "cn.nowhere.method";
  EXPECT_EQ(wang.AddActivity(a).status().code(), ErrorCode::kNotFound);
  a = GroupActivity(10);
  a.site_code = "nowhere";
  EXPECT_THAT(wang.AddActivity(a).status().message(), HasSubstr("nowhere"));
}

TEST_F(ActivityTest, TheMethodFormsGroupsByAgeBandWithSiblingsTogether) {
  Workspace wang = OpenAs("wang");
  Activity a = AddActivityWith(wang, GroupActivity(20, "liu"),
                               {li_ming_, li_hong_, wang_lei_, zhang_wei_, zhou_jie_, wu_fang_});
  Result<GroupProposal> proposal = wang.ProposeGroups(a.id);
  ASSERT_TRUE(proposal.ok()) << proposal.status().ToString();
  EXPECT_EQ(proposal->method_id, kGroupMethod);
  ASSERT_FALSE(proposal->groups.empty());
  std::set<std::string> placed;
  const ProposedGroup* with_li_ming = nullptr;
  for (const ProposedGroup& g : proposal->groups) {
    EXPECT_FALSE(g.name.empty());
    EXPECT_EQ(g.schedule.rrule, "FREQ=WEEKLY;BYDAY=TH");
    EXPECT_EQ(g.schedule.start_time, "15:30");
    EXPECT_EQ(g.schedule.first_day, Date(2026, 12, 3));
    EXPECT_FALSE(g.rationale.empty());
    for (const std::string& m : g.members) {
      EXPECT_TRUE(placed.insert(m).second) << m << " placed twice";
      if (m == li_ming_) with_li_ming = &g;
    }
  }
  EXPECT_EQ(placed.size(), 6u);
  EXPECT_TRUE(proposal->unplaced.empty());
  ASSERT_NE(with_li_ming, nullptr);
  // Siblings stay together although Li Hong (12) is in another age band than Li Ming (10).
  EXPECT_THAT(with_li_ming->members, ::testing::Contains(li_hong_));
  bool sibling_note = false;
  for (const MethodFinding& f : proposal->findings) {
    if (f.code == "siblings-across-bands") {
      sibling_note = true;
      EXPECT_THAT(f.message, HasSubstr(li_ming_));
      EXPECT_THAT(f.message, ::testing::Not(HasSubstr("李明")));
    }
  }
  EXPECT_TRUE(sibling_note);

  // As proposed, liu would lead both groups at the same time: refused, nothing written.
  ASSERT_EQ(proposal->groups.size(), 2u);
  const std::string before = Snapshot(path_);
  Result<std::vector<Group>> clash = wang.AcceptGroups(*proposal);
  EXPECT_EQ(clash.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_THAT(clash.status().message(), HasSubstr("liu"));
  EXPECT_EQ(Snapshot(path_), before);
  // An untrained leader for the second group is refused too; once trained, accepted.
  proposal->groups[1].leader_account = "chen";
  EXPECT_THAT(wang.AcceptGroups(*proposal).status().message(), HasSubstr("not trained"));
  TrainInGroupMethod("chen");

  Result<std::vector<Group>> groups = wang.AcceptGroups(*proposal);
  ASSERT_TRUE(groups.ok()) << groups.status().ToString();
  ASSERT_EQ(groups->size(), 2u);
  EXPECT_EQ((*groups)[0].leader_account, "liu");
  EXPECT_EQ((*groups)[1].leader_account, "chen");
  EXPECT_EQ((*groups)[0].members + (*groups)[1].members, 6);
  // Everyone is in a group now: nothing left to propose.
  EXPECT_EQ(wang.ProposeGroups(a.id).status().code(), ErrorCode::kFailedPrecondition);
}

// The method numbers each proposal's groups from 1; a name the activity already has is proposed
// with the next free number, so that accepting what was shown does not clash.
TEST_F(ActivityTest, AProposedNameTheActivityHasGetsTheNextFreeNumber) {
  Workspace wang = OpenAs("wang");
  Activity a = AddActivityWith(wang, GroupActivity(20, "liu"),
                               {li_ming_, li_hong_, wang_lei_, zhang_wei_, zhou_jie_, wu_fang_});
  Result<GroupProposal> first = wang.ProposeGroups(a.id);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_EQ(first->groups.size(), 2u);
  const std::string taken = first->groups[0].name;
  ASSERT_EQ(taken.substr(taken.size() - 4), " (1)");
  NewGroup existing;
  existing.activity_id = a.id;
  existing.name = taken;
  ASSERT_TRUE(wang.AddGroup(existing).ok());

  Result<GroupProposal> again = wang.ProposeGroups(a.id);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  ASSERT_EQ(again->groups.size(), 2u);
  EXPECT_EQ(again->groups[0].name, taken.substr(0, taken.size() - 4) + " (2)");
  // The method's rationale speaks of the group by the name it will have.
  EXPECT_THAT(again->groups[0].rationale, HasSubstr(again->groups[0].name));
  EXPECT_THAT(again->groups[0].rationale, ::testing::Not(HasSubstr(taken)));
  EXPECT_EQ(again->groups[1].name, first->groups[1].name);
  // Accepted as shown (one group, led by a trained teacher: liu leads the existing one).
  TrainInGroupMethod("chen");
  again->groups.resize(1);
  again->groups[0].leader_account = "chen";
  Result<std::vector<Group>> groups = wang.AcceptGroups(*again);
  ASSERT_TRUE(groups.ok()) << groups.status().ToString();
  EXPECT_EQ((*groups)[0].name, again->groups[0].name);
}

TEST_F(ActivityTest, TeachersSeeOnlyTheGroupsTheyLead) {
  Workspace wang = OpenAs("wang");
  Activity a = AddActivityWith(wang, GroupActivity(20), {li_ming_, wang_lei_, zhou_jie_});
  NewGroup mine;
  mine.activity_id = a.id;
  mine.name = "8–10 (1)";
  mine.leader_account = "liu";
  mine.members = {li_ming_, wang_lei_};
  Result<Group> liu_group = wang.AddGroup(mine);
  ASSERT_TRUE(liu_group.ok()) << liu_group.status().ToString();
  NewGroup other;
  other.activity_id = a.id;
  other.name = "8–10 (2)";
  other.schedule = Weekly("TU", "15:30", Date(2026, 12, 1));
  other.members = {zhou_jie_};
  Result<Group> wang_group = wang.AddGroup(other);
  ASSERT_TRUE(wang_group.ok()) << wang_group.status().ToString();
  EXPECT_TRUE(wang_group->own_schedule);

  Workspace liu = OpenAs("liu");
  std::vector<std::string> seen;
  ASSERT_TRUE(liu.ForEachGroup(0,
                               [&](const Group& g) {
                                 seen.push_back(g.name);
                                 return true;
                               })
                  .ok());
  EXPECT_THAT(seen, ElementsAre("8–10 (1)"));
  std::vector<std::string> members;
  ASSERT_TRUE(liu.ForEachGroupMember(liu_group->id, false,
                                     [&](const GroupMember& m) {
                                       members.push_back(m.child_case_reference);
                                       return true;
                                     })
                  .ok());
  EXPECT_THAT(members, UnorderedElementsAre(li_ming_, wang_lei_));
  EXPECT_EQ(
      liu.ForEachGroupMember(wang_group->id, false, [](const GroupMember&) { return true; }).code(),
      ErrorCode::kPermissionDenied);
  EXPECT_EQ(liu.GetGroup(wang_group->id).status().code(), ErrorCode::kPermissionDenied);
}

TEST_F(ActivityTest, GroupMembershipRequiresEnrolmentAndOneGroupAtATime) {
  Workspace wang = OpenAs("wang");
  Activity a = AddActivityWith(wang, GroupActivity(20), {li_ming_, wang_lei_});
  NewGroup first;
  first.activity_id = a.id;
  first.name = "A";
  first.members = {li_ming_};
  Result<Group> group_a = wang.AddGroup(first);
  ASSERT_TRUE(group_a.ok()) << group_a.status().ToString();
  NewGroup second = first;
  second.name = "B";
  second.members = {};
  second.schedule = Weekly("FR", "15:30", Date(2026, 12, 4));
  Result<Group> group_b = wang.AddGroup(second);
  ASSERT_TRUE(group_b.ok()) << group_b.status().ToString();

  const std::string before = Snapshot(path_);
  Result<GroupMember> not_enrolled = wang.JoinGroup(group_b->id, zhou_jie_, kToday);
  EXPECT_EQ(not_enrolled.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_THAT(not_enrolled.status().message(), HasSubstr(zhou_jie_));
  Result<GroupMember> twice = wang.JoinGroup(group_b->id, li_ming_, kToday);
  EXPECT_EQ(twice.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_THAT(twice.status().message(), HasSubstr("already in group A"));
  NewGroup same_name = first;
  same_name.members = {};
  EXPECT_EQ(wang.AddGroup(same_name).status().code(), ErrorCode::kAlreadyExists);
  EXPECT_EQ(Snapshot(path_), before);

  // Moving: leave A after its first session, join B the next day.
  Result<GroupMember> left_a = wang.LeaveGroup(group_a->id, li_ming_, Date(2026, 12, 3));
  ASSERT_TRUE(left_a.ok()) << left_a.status().ToString();
  EXPECT_EQ(left_a->left_on, Date(2026, 12, 3));
  Result<GroupMember> moved = wang.JoinGroup(group_b->id, li_ming_, Date(2026, 12, 4));
  ASSERT_TRUE(moved.ok()) << moved.status().ToString();
  EXPECT_EQ(moved->joined_on, Date(2026, 12, 4));
  // Leaving the activity ends the group membership too.
  ASSERT_TRUE(wang.LeaveActivity(a.id, li_ming_, Date(2026, 12, 31), "").ok());
  std::vector<std::string> left;
  ASSERT_TRUE(wang.ForEachGroupMember(group_b->id, true,
                                      [&](const GroupMember& m) {
                                        left.push_back(m.child_case_reference + ":" +
                                                       (m.left_on ? m.left_on->ToString() : "-"));
                                        return true;
                                      })
                  .ok());
  EXPECT_THAT(left, ElementsAre(li_ming_ + ":2026-12-31"));
}

TEST_F(ActivityTest, ASiblingLinkNamesAnotherRegisteredChild) {
  NewRelation not_sibling = plan_testing::MakeRelation("李红", RelationKind::kMother);
  not_sibling.registered_child = li_hong_;
  Result<Relation> refused = ws_->AddRelation(wang_lei_, not_sibling);
  EXPECT_EQ(refused.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_THAT(refused.status().message(), HasSubstr(li_hong_));
  NewRelation unknown = plan_testing::MakeRelation("某人", RelationKind::kSibling);
  unknown.registered_child = "HSN-2026-9999";
  EXPECT_EQ(ws_->AddRelation(wang_lei_, unknown).status().code(), ErrorCode::kNotFound);
  std::vector<std::string> linked;
  ASSERT_TRUE(ws_->ForEachRelation(li_ming_,
                                   [&](const Relation& r) {
                                     linked.push_back(r.registered_child_case_reference);
                                     return true;
                                   })
                  .ok());
  EXPECT_THAT(linked, ElementsAre(li_hong_));
}

}  // namespace
}  // namespace kinbridge::activity_testing
