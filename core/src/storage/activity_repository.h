// Stored sites, staff, training, activities, enrolments, groups and group members.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kinbridge/activity.h"
#include "kinbridge/workspace.h"
#include "storage/database.h"

namespace kinbridge::detail {

// An activity as stored, with the ids the core works with.
struct StoredActivity {
  Activity activity;  // enrolled, waiting and groups counted
  long long site_id = 0;
  long long leader_id = 0;  // 0: none
};

// A group as stored; its schedule and leader are the effective ones (its own or the activity's).
struct StoredGroup {
  Group group;
  long long site_id = 0;
  long long leader_id = 0;  // 0: none
};

// An enrolment or group membership with what hiding a protected child's name needs.
struct ChildProtection {
  long long child_id = 0;
  bool protected_identity = false;
  long long responsible_worker_id = 0;
};
struct StoredEnrolment : ChildProtection {
  Enrolment enrolment;
};
struct StoredMember : ChildProtection {
  GroupMember member;
};

// A child taking part in an activity (or a group) over days.
struct Participation {
  long long child_id = 0;
  long long group_id = 0;  // 0: enrolled in the activity (no group)
  Date from;
  std::optional<Date> to;  // last day
  bool Covers(Date day) const { return from <= day && (!to || day <= *to); }
};

// Methods throw on database errors; callers turn them into a Status (DatabaseError).
class ActivityRepository {
 public:
  explicit ActivityRepository(Database& db) : db_(db) {}

  // Sites.
  long long InsertSite(const Site& site);
  void UpdateSite(const Site& site);
  std::optional<Site> FindSite(std::string_view code);
  std::optional<Site> FindSiteById(long long id);
  void ForEachSite(std::optional<SiteKind> kind, const Visitor<Site>& visit);

  // Staff: whether the worker works at the site on `day`.
  bool WorksAt(long long worker_id, long long site_id, Date day);
  // The sites the worker works at on `day`.
  std::vector<long long> SitesOf(long long worker_id, Date day);
  long long InsertStaff(long long site_id, long long worker_id, Date from, const std::string& at);
  // The open assignment of the worker at the site, if any.
  std::optional<StaffAssignment> OpenStaff(long long site_id, long long worker_id);
  void EndStaff(long long assignment_id, Date last_day);
  std::optional<StaffAssignment> FindStaff(long long assignment_id);
  void ForEachStaff(long long site_id, const Visitor<StaffAssignment>& visit);

  // Training.
  long long InsertTraining(const TrainingRecord& record, long long worker_id,
                           long long recorded_by);
  void ForEachTraining(long long worker_id, const std::string& method_id,
                       const Visitor<TrainingRecord>& visit);

  // Activities.
  long long InsertActivity(const Activity& activity, long long site_id, long long leader_id,
                           const std::string& at);
  void UpdateActivity(const Activity& activity, long long leader_id, const std::string& at);
  std::optional<StoredActivity> FindActivity(long long id, Date today);
  // Of one site (site_id != 0), of several (site_ids), or all (both empty).
  void ForEachActivity(long long site_id, const std::vector<long long>* site_ids, Date today,
                       const Visitor<StoredActivity>& visit);

  // Enrolments.
  long long InsertEnrolment(long long activity_id, long long child_id, EnrolmentStatus status,
                            Date requested_on, std::optional<Date> enrolled_on,
                            const std::string& note, const std::string& at);
  // The child's current (enrolled or waiting) enrolment in the activity.
  std::optional<Enrolment> CurrentEnrolment(long long activity_id, long long child_id);
  void SetLeft(long long enrolment_id, Date last_day, const std::string& reason);
  void SetEnrolled(long long enrolment_id, Date from);
  // Enrolled (and, include_waiting, waiting) children; enrolled first by day, then waiting in
  // waiting-list order, then (include_left) those who left.
  void ForEachEnrolment(long long activity_id, bool include_left, Date today,
                        const Visitor<StoredEnrolment>& visit);
  std::vector<long long> EnrolledChildIds(long long activity_id, Date day);
  int CountEnrolled(long long activity_id, Date day);

  // Groups.
  long long InsertGroup(const Group& group, long long leader_id, bool own_schedule,
                        const std::string& at);
  void UpdateGroup(const Group& group, long long leader_id, bool own_schedule);
  std::optional<StoredGroup> FindGroup(long long id);
  std::optional<StoredGroup> FindGroupByName(long long activity_id, const std::string& name);
  // Groups of one activity (activity_id != 0) or all; `leader_id` != 0: only those it leads.
  void ForEachGroup(long long activity_id, long long leader_id, const Visitor<StoredGroup>& visit);
  void InsertMember(long long group_id, long long child_id, Date joined_on);
  // The child's group membership in the activity covering `day` or later (open, or ending on
  // or after `day`).
  std::optional<std::pair<long long, GroupMember>> CurrentMembership(long long activity_id,
                                                                     long long child_id, Date day);
  void EndMembership(long long group_id, long long child_id, Date last_day);
  void ForEachMember(long long group_id, bool include_left, Date today,
                     const Visitor<StoredMember>& visit);

  // Pairs of children among `child_ids` linked as siblings (a sibling relation naming the other
  // child's record).
  std::vector<std::pair<long long, long long>> SiblingLinks(
      const std::vector<long long>& child_ids);

  // Who takes part in an activity over time: every enrolment as a participant (group_id 0: for
  // sessions of the whole activity) and every group membership (for that group's sessions).
  std::vector<Participation> Participants(long long activity_id);
  // The children expected at one session: the group's members on `day` (group_id > 0), or the
  // children enrolled in the activity on `day` (group_id 0).
  std::vector<long long> ExpectedOn(long long activity_id, long long group_id, Date day);

 private:
  Database& db_;
};

}  // namespace kinbridge::detail
