// Activities at centres and schools: enrolment with a waiting list, groups formed by a method or
// by hand, and their members.
#include <algorithm>
#include <set>

#include "common/uuid.h"
#include "model/validation.h"
#include "schedule/recurrence.h"
#include "storage/activity_repository.h"
#include "storage/child_repository.h"
#include "storage/row_values.h"
#include "workspace/workspace_impl.h"

KINBRIDGE_NAMESPACE_BEGIN

using detail::ActivityRepository;
using detail::DatabaseError;
using detail::Operation;
using detail::StoredActivity;
using detail::StoredGroup;
using detail::WriteTransaction;

namespace {

// How far back an activity, a group or an enrolment may start (recording what already began).
constexpr int kMaxBackdateDays = 366;

std::string ActivityRecord(std::int64_t id) { return TrFormat("activity {}", id); }
std::string GroupRecord(std::int64_t id) { return TrFormat("group {}", id); }

// `name`, or when taken the same name with the next free number: "11–13 (1)" becomes
// "11–13 (2)", "Tuesday" becomes "Tuesday (2)".
std::string FreeGroupName(const std::string& name, const std::set<std::string>& taken) {
  if (taken.count(name) == 0) return name;
  std::string stem = name;
  int number = 1;
  if (const std::size_t open = name.rfind(" ("); open != std::string::npos && name.back() == ')') {
    const std::string digits = name.substr(open + 2, name.size() - open - 3);
    if (!digits.empty() && digits.size() < 6 &&
        std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      stem = name.substr(0, open);
      number = std::stoi(digits);
    }
  }
  std::string candidate;
  do {
    candidate = stem + " (" + std::to_string(++number) + ")";
  } while (taken.count(candidate) > 0);
  return candidate;
}

Status CheckSchedule(const SessionSchedule& s, const std::string& time_zone, Date today) {
  const int start = detail::ParseClockTime(s.start_time);
  if (start < 0) {
    return Status::InvalidArgument(
        TrFormat("start time '{}' is not a clock time (expected HH:MM, e.g. 15:30)", s.start_time));
  }
  if (s.first_day < today.AddDays(-kMaxBackdateDays)) {
    return Status::InvalidArgument(TrFormat("first day {} is more than {} days before today ({})",
                                            s.first_day.ToString(), kMaxBackdateDays,
                                            today.ToString()));
  }
  if (s.last_day && *s.last_day < s.first_day) {
    return Status::InvalidArgument(TrFormat("last day {} is before the first day {}",
                                            s.last_day->ToString(), s.first_day.ToString()));
  }
  return detail::CheckRecurrence(
      detail::Recurrence{s.rrule, s.first_day, start, s.duration_minutes, time_zone});
}

Status CheckCapacity(int capacity, int enrolled) {
  if (capacity < 1 || capacity > 10000) {
    return Status::InvalidArgument(
        TrFormat("capacity {} is out of range (expected 1 to 10000 children)", capacity));
  }
  if (capacity < enrolled) {
    return Status::FailedPrecondition(
        TrPlural("capacity {} is below the {} child enrolled (let the child leave first)",
                 "capacity {} is below the {} children enrolled (let children leave first)",
                 static_cast<unsigned long>(enrolled), capacity, enrolled));
  }
  return Status::Ok();
}

// Hides a protected child's name from anyone not responsible for the child.
template <typename T>
void HideProtected(T& name, const detail::ChildProtection& p, const Worker& actor) {
  if (p.protected_identity && p.responsible_worker_id != actor.id) name.clear();
}

}  // namespace

namespace {

// The activity, or NotFound naming it.
Result<StoredActivity> FindActivity(Workspace::Impl& w, std::int64_t id) {
  if (auto a = ActivityRepository(*w.db).FindActivity(id, w.Today())) return *a;
  return Status::NotFound(
      TrFormat("{} does not exist (see `kinbridge activity list`)", ActivityRecord(id)));
}

Result<StoredGroup> FindGroup(Workspace::Impl& w, std::int64_t id) {
  if (auto g = ActivityRepository(*w.db).FindGroup(id)) return *g;
  return Status::NotFound(
      TrFormat("{} does not exist (see `kinbridge group list`)", GroupRecord(id)));
}

// A leader for an activity at `site_id` following `method_id`: works at the site today and is
// accepted by the method. Returns the worker's id (0 for no leader).
Result<long long> CheckLeader(Workspace::Impl& w, const std::string& account, long long site_id,
                              const std::string& site_code, const std::string& method_id) {
  if (account.empty()) return 0LL;
  Result<Worker> worker = w.FindWorker(account);
  if (!worker.ok()) return worker.status();
  if (!ActivityRepository(*w.db).WorksAt(worker->id, site_id, w.Today())) {
    return Status::FailedPrecondition(
        TrFormat("leader {} does not work at {} (an administrator adds them with `kinbridge staff "
                 "add --site {} --worker {}`)",
                 account, site_code, site_code, account));
  }
  Result<std::vector<MethodFinding>> findings = w.CheckLeaderWithMethod(method_id, worker->id);
  if (!findings.ok()) return findings.status();
  for (const MethodFinding& f : *findings) {
    if (f.severity == "error") {
      return Status::FailedPrecondition(
          TrFormat("leader {} is not accepted by method {}: {} (record the training with "
                   "`kinbridge training add`)",
                   account, method_id, f.message));
    }
  }
  return worker->id;
}

Activity Shown(const StoredActivity& stored) { return stored.activity; }

}  // namespace

Result<Activity> Workspace::AddActivity(const NewActivity& in) {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    Result<Site> site = w.FindSite(in.site_code);
    if (!site.ok()) return site.status();
    KINBRIDGE_RETURN_IF_ERROR(w.AllowAt(tx, Operation::kManageActivities, w.SiteScope(site->id, 0),
                                        "activity.add", "site", site->code));
    KINBRIDGE_RETURN_IF_ERROR(detail::CheckText(_("name"), in.name, true));
    const Date today = w.Today();
    KINBRIDGE_RETURN_IF_ERROR(CheckSchedule(in.schedule, w.municipality.time_zone, today));
    KINBRIDGE_RETURN_IF_ERROR(CheckCapacity(in.capacity, 0));
    std::string method_id;
    if (!in.method_id.empty()) {
      Result<std::vector<std::string>> chain = w.MethodChain(in.method_id);
      if (!chain.ok()) return chain.status();
      method_id = chain->front().substr(0, chain->front().find('@'));
    }
    Result<long long> leader = CheckLeader(w, in.leader_account, site->id, site->code, method_id);
    if (!leader.ok()) return leader.status();
    Activity a;
    a.uuid = detail::NewUuid();
    a.name = in.name;
    a.kind = in.kind;
    a.method_id = method_id;
    a.schedule = in.schedule;
    a.capacity = in.capacity;
    ActivityRepository repo(*w.db);
    a.id = repo.InsertActivity(a, site->id, *leader, w.Now());
    const Date through = today.AddDays(kDefaultScheduleDays);
    KINBRIDGE_RETURN_IF_ERROR(
        w.CheckNoOverlap(a.id, 0, *leader, a.schedule, a.schedule.first_day, through));
    Result<long long> created = w.CreateSessions(a.id, a.schedule.first_day, through);
    if (!created.ok()) return created.status();
    w.Audit("activity.add", "activity", std::to_string(a.id), {},
            fmt::format("{} at {}, {} sessions", ActivityKindName(a.kind), site->code, *created));
    std::optional<StoredActivity> stored = repo.FindActivity(a.id, today);
    tx.Commit();
    return Shown(*stored);
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("adding activity {}", in.name));
  }
}

Result<Activity> Workspace::EditActivity(std::int64_t activity_id, const ActivityChanges& changes) {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    Result<StoredActivity> found = FindActivity(w, activity_id);
    if (!found.ok()) return found.status();
    StoredActivity stored = *found;
    Activity& a = stored.activity;
    KINBRIDGE_RETURN_IF_ERROR(w.AllowAt(tx, Operation::kManageActivities,
                                        w.SiteScope(stored.site_id, 0), "activity.edit", "activity",
                                        std::to_string(activity_id)));
    const Date today = w.Today();
    ActivityRepository repo(*w.db);
    if (changes.name) {
      KINBRIDGE_RETURN_IF_ERROR(detail::CheckText(_("name"), *changes.name, true));
      a.name = *changes.name;
    }
    if (changes.capacity) {
      KINBRIDGE_RETURN_IF_ERROR(
          CheckCapacity(*changes.capacity, repo.CountEnrolled(activity_id, today)));
      a.capacity = *changes.capacity;
    }
    long long leader_id = stored.leader_id;
    if (changes.leader_account) {
      Result<long long> leader =
          CheckLeader(w, *changes.leader_account, stored.site_id, a.site_code, a.method_id);
      if (!leader.ok()) return leader.status();
      leader_id = *leader;
    }
    if (changes.schedule) {
      KINBRIDGE_RETURN_IF_ERROR(CheckSchedule(*changes.schedule, w.municipality.time_zone, today));
      a.schedule = *changes.schedule;
    }
    repo.UpdateActivity(a, leader_id, w.Now());
    // The sessions that follow the activity's schedule and leader: its own (no groups) and those
    // of groups without a schedule or leader of their own.
    std::vector<StoredGroup> groups;
    repo.ForEachGroup(activity_id, 0, [&](const StoredGroup& g) {
      groups.push_back(g);
      return true;
    });
    const Date through = today.AddDays(kDefaultScheduleDays);
    std::vector<std::string> changed;
    if (changes.schedule) {
      changed.push_back("schedule");
      w.DropOpenSessions(activity_id, 0, today);
      for (const StoredGroup& g : groups) {
        if (!g.group.own_schedule) w.DropOpenSessions(activity_id, g.group.id, today);
      }
    }
    if (changes.leader_account) {
      changed.push_back("leader");
      w.SetSessionLeader(activity_id, 0, leader_id, today);
      std::optional<StoredGroup> fresh;
      for (const StoredGroup& g : groups) {
        fresh = repo.FindGroup(g.group.id);
        if (fresh && fresh->leader_id == leader_id) {
          w.SetSessionLeader(activity_id, g.group.id, leader_id, today);
        }
      }
    }
    if (changes.schedule || changes.leader_account) {
      if (groups.empty()) {
        KINBRIDGE_RETURN_IF_ERROR(
            w.CheckNoOverlap(activity_id, 0, leader_id, a.schedule, today, through));
      } else {
        for (const StoredGroup& g : groups) {
          std::optional<StoredGroup> fresh = repo.FindGroup(g.group.id);
          KINBRIDGE_RETURN_IF_ERROR(w.CheckNoOverlap(activity_id, g.group.id, fresh->leader_id,
                                                     fresh->group.schedule, today, through));
        }
      }
    }
    Result<long long> created = w.CreateSessions(activity_id, today, through);
    if (!created.ok()) return created.status();
    if (changes.name) changed.push_back("name");
    if (changes.capacity) changed.push_back("capacity");
    w.Audit("activity.edit", "activity", std::to_string(activity_id), {},
            detail::JoinList(changed));
    std::optional<StoredActivity> result = repo.FindActivity(activity_id, today);
    tx.Commit();
    return Shown(*result);
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("changing {}", ActivityRecord(activity_id)));
  }
}

Result<Activity> Workspace::GetActivity(std::int64_t activity_id) const {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    Result<StoredActivity> found = FindActivity(w, activity_id);
    if (!found.ok()) return found.status();
    // A teacher sees the activities in which they lead a group (or the whole activity).
    const Worker& actor = w.actor.worker;
    if (actor.Has(Role::kTeacher) && actor.roles.size() == 1 && found->leader_id != actor.id) {
      bool leads = false;
      ActivityRepository(*w.db).ForEachGroup(activity_id, actor.id, [&](const StoredGroup&) {
        leads = true;
        return false;
      });
      detail::ChildScope scope;
      scope.leads = leads;
      KINBRIDGE_RETURN_IF_ERROR(w.AllowAt(tx, Operation::kReadActivities, scope, "activity.show",
                                          "activity", std::to_string(activity_id)));
    } else {
      KINBRIDGE_RETURN_IF_ERROR(w.Allow(tx, Operation::kReadSites, "activity.show", "activity",
                                        std::to_string(activity_id)));
    }
    return Shown(*found);
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("reading {}", ActivityRecord(activity_id)));
  }
}

Status Workspace::ForEachActivity(const ActivityQuery& query,
                                  const Visitor<Activity>& visit) const {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    KINBRIDGE_RETURN_IF_ERROR(
        w.Allow(tx, Operation::kReadSites, "activity.list", "site", query.site_code));
    long long site_id = 0;
    if (!query.site_code.empty()) {
      Result<Site> site = w.FindSite(query.site_code);
      if (!site.ok()) return site.status();
      site_id = site->id;
    }
    // Activities hold no personal data; teachers see only those they lead in.
    const Worker& actor = w.actor.worker;
    const bool only_led = actor.Has(Role::kTeacher) && actor.roles.size() == 1;
    std::set<long long> led;
    if (only_led) {
      ActivityRepository(*w.db).ForEachGroup(0, actor.id, [&](const StoredGroup& g) {
        led.insert(g.group.activity_id);
        return true;
      });
    }
    std::vector<Activity> activities;
    ActivityRepository(*w.db).ForEachActivity(
        site_id, nullptr, w.Today(), [&](const StoredActivity& a) {
          if (!only_led || a.leader_id == actor.id || led.count(a.activity.id) > 0) {
            activities.push_back(a.activity);
          }
          return true;
        });
    for (const Activity& a : activities) {
      if (!visit(a)) break;
    }
    return Status::Ok();
  } catch (const std::exception& e) {
    return DatabaseError(e, _("listing activities"));
  }
}

Result<Enrolment> Workspace::Enrol(std::int64_t activity_id, std::string_view child_ref,
                                   const EnrolOptions& options) {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    Result<StoredActivity> found = FindActivity(w, activity_id);
    if (!found.ok()) return found.status();
    KINBRIDGE_RETURN_IF_ERROR(w.AllowAt(tx, Operation::kManageActivities,
                                        w.SiteScope(found->site_id, 0), "activity.enrol",
                                        "activity", std::to_string(activity_id)));
    Result<Child> child = w.FindOpenChild(child_ref, N_("enrol in an activity"));
    if (!child.ok()) return child.status();
    const Date today = w.Today();
    const Date on = options.on == Date() ? today : options.on;
    if (on < today.AddDays(-kMaxBackdateDays)) {
      return Status::InvalidArgument(TrFormat("enrolment day {} is more than {} days before today",
                                              on.ToString(), kMaxBackdateDays));
    }
    KINBRIDGE_RETURN_IF_ERROR(detail::CheckText(_("note"), options.note, false));
    ActivityRepository repo(*w.db);
    if (auto current = repo.CurrentEnrolment(activity_id, child->id)) {
      return Status::AlreadyExists(TrFormat(
          "child {} is already {} in {} ({})", child->case_reference,
          current->status == EnrolmentStatus::kWaiting ? _("on the waiting list") : _("enrolled"),
          ActivityRecord(activity_id), found->activity.name));
    }
    const int enrolled = repo.CountEnrolled(activity_id, on);
    const bool full = enrolled >= found->activity.capacity;
    if (full && !options.waiting_list) {
      return Status::FailedPrecondition(TrPlural(
          "{} ({}) is full: {} of {} place taken; child {} was not enrolled (allow the "
          "waiting list to queue the child)",
          "{} ({}) is full: {} of {} places taken; child {} was not enrolled (allow the "
          "waiting list to queue the child)",
          static_cast<unsigned long>(found->activity.capacity), ActivityRecord(activity_id),
          found->activity.name, enrolled, found->activity.capacity, child->case_reference));
    }
    const long long id = repo.InsertEnrolment(
        activity_id, child->id, full ? EnrolmentStatus::kWaiting : EnrolmentStatus::kEnrolled, on,
        full ? std::nullopt : std::optional<Date>(on), options.note, w.Now());
    w.Audit(full ? "activity.wait" : "activity.enrol", "activity", std::to_string(activity_id),
            {child->id}, on.ToString());
    Enrolment result;
    repo.ForEachEnrolment(activity_id, false, today, [&](const detail::StoredEnrolment& e) {
      if (e.enrolment.id != id) return true;
      result = e.enrolment;
      HideProtected(result.child_name, e, w.actor.worker);
      return false;
    });
    tx.Commit();
    return result;
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("enrolling child {}", child_ref));
  }
}

Result<LeaveResult> Workspace::LeaveActivity(std::int64_t activity_id, std::string_view child_ref,
                                             Date last_day, std::string_view reason) {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    Result<StoredActivity> found = FindActivity(w, activity_id);
    if (!found.ok()) return found.status();
    KINBRIDGE_RETURN_IF_ERROR(w.AllowAt(tx, Operation::kManageActivities,
                                        w.SiteScope(found->site_id, 0), "activity.leave",
                                        "activity", std::to_string(activity_id)));
    Result<Child> child = w.FindChild(child_ref);
    if (!child.ok()) return child.status();
    KINBRIDGE_RETURN_IF_ERROR(detail::CheckText(_("reason"), reason, false));
    ActivityRepository repo(*w.db);
    std::optional<Enrolment> current = repo.CurrentEnrolment(activity_id, child->id);
    if (!current) {
      return Status::NotFound(TrFormat(
          "child {} is neither enrolled nor waiting in {} (see `kinbridge activity members {}`)",
          child->case_reference, ActivityRecord(activity_id), activity_id));
    }
    // Leaving before the first day withdraws the enrolment: it ends the day before.
    if (current->enrolled_on && last_day < *current->enrolled_on) {
      last_day = current->enrolled_on->AddDays(-1);
    }
    const std::string why(reason);
    repo.SetLeft(current->id, last_day, why);
    if (auto membership = repo.CurrentMembership(activity_id, child->id, last_day)) {
      repo.EndMembership(membership->first, child->id, last_day);
    }
    std::vector<long long> touched{child->id};
    std::vector<long long> promoted_ids;
    if (current->status == EnrolmentStatus::kEnrolled) {
      // Freed places go to the waiting list in order, from the next day.
      const Date next = last_day.AddDays(1);
      int free = found->activity.capacity - repo.CountEnrolled(activity_id, next);
      repo.ForEachEnrolment(activity_id, false, w.Today(), [&](const detail::StoredEnrolment& e) {
        if (free <= 0) return false;
        if (e.enrolment.status != EnrolmentStatus::kWaiting) return true;
        promoted_ids.push_back(e.enrolment.id);
        touched.push_back(e.child_id);
        --free;
        return true;
      });
      for (long long id : promoted_ids) repo.SetEnrolled(id, next);
    }
    w.Audit("activity.leave", "activity", std::to_string(activity_id), touched,
            fmt::format("last day {}; {} promoted from the waiting list", last_day.ToString(),
                        promoted_ids.size()));
    LeaveResult result;
    repo.ForEachEnrolment(activity_id, true, w.Today(), [&](const detail::StoredEnrolment& e) {
      Enrolment shown = e.enrolment;
      HideProtected(shown.child_name, e, w.actor.worker);
      if (e.enrolment.id == current->id) result.left = shown;
      if (std::find(promoted_ids.begin(), promoted_ids.end(), e.enrolment.id) !=
          promoted_ids.end()) {
        result.promoted.push_back(shown);
      }
      return true;
    });
    tx.Commit();
    return result;
  } catch (const std::exception& e) {
    return DatabaseError(e,
                         TrFormat("child {} leaving {}", child_ref, ActivityRecord(activity_id)));
  }
}

Status Workspace::ForEachEnrolment(std::int64_t activity_id, bool include_left,
                                   const Visitor<Enrolment>& visit) const {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    Result<StoredActivity> found = FindActivity(w, activity_id);
    if (!found.ok()) return found.status();
    KINBRIDGE_RETURN_IF_ERROR(
        w.AllowAt(tx, Operation::kReadActivities, w.SiteScope(found->site_id, found->leader_id),
                  "activity.members", "activity", std::to_string(activity_id)));
    std::vector<Enrolment> shown;
    std::vector<long long> children;
    ActivityRepository(*w.db).ForEachEnrolment(activity_id, include_left, w.Today(),
                                               [&](const detail::StoredEnrolment& e) {
                                                 Enrolment copy = e.enrolment;
                                                 HideProtected(copy.child_name, e, w.actor.worker);
                                                 shown.push_back(std::move(copy));
                                                 children.push_back(e.child_id);
                                                 return true;
                                               });
    w.Audit("activity.members", "activity", std::to_string(activity_id), children);
    tx.Commit();
    for (const Enrolment& e : shown) {
      if (!visit(e)) break;
    }
    return Status::Ok();
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("listing the children of {}", ActivityRecord(activity_id)));
  }
}

Result<GroupProposal> Workspace::ProposeGroups(std::int64_t activity_id) const {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    Result<StoredActivity> found = FindActivity(w, activity_id);
    if (!found.ok()) return found.status();
    KINBRIDGE_RETURN_IF_ERROR(w.AllowAt(tx, Operation::kManageActivities,
                                        w.SiteScope(found->site_id, 0), "group.propose", "activity",
                                        std::to_string(activity_id)));
    const Activity& a = found->activity;
    if (a.method_id.empty()) {
      return Status::FailedPrecondition(
          TrFormat("{} ({}) follows no method, so no method can form its groups (add groups with "
                   "`kinbridge group add`)",
                   ActivityRecord(activity_id), a.name));
    }
    const Date today = w.Today();
    ActivityRepository repo(*w.db);
    detail::ChildRepository children_repo(*w.db);
    std::vector<Child> children;
    std::vector<long long> ids;
    for (long long id : repo.EnrolledChildIds(activity_id, today)) {
      if (repo.CurrentMembership(activity_id, id, today)) continue;
      if (std::optional<Child> child = children_repo.FindById(id)) {
        children.push_back(*child);
        ids.push_back(id);
      }
    }
    if (children.empty()) {
      return Status::FailedPrecondition(
          TrFormat("{} ({}) has no enrolled child outside a group to form groups of",
                   ActivityRecord(activity_id), a.name));
    }
    Result<GroupProposal> proposal = w.FormGroupsWithMethod(a.method_id, children);
    if (!proposal.ok()) return proposal;
    proposal->activity_id = activity_id;
    // A method numbers the groups of each proposal from 1 ("11–13 (1)"): a name the activity
    // already has gets the next free number, so that the proposal can be accepted as shown.
    std::set<std::string> taken;
    ActivityRepository(*w.db).ForEachGroup(activity_id, 0, [&](const StoredGroup& g) {
      taken.insert(g.group.name);
      return true;
    });
    for (ProposedGroup& g : proposal->groups) {
      g.schedule.first_day = std::max(today, a.schedule.first_day);
      g.schedule.last_day = a.schedule.last_day;
      const std::string named = FreeGroupName(g.name, taken);
      // The method's rationale names the group by the label it gave.
      for (std::size_t at = g.rationale.find(g.name);
           !g.name.empty() && named != g.name && at != std::string::npos;
           at = g.rationale.find(g.name, at + named.size())) {
        g.rationale.replace(at, g.name.size(), named);
      }
      g.name = named;
      taken.insert(g.name);
    }
    w.Audit("group.propose", "activity", std::to_string(activity_id), ids,
            detail::JoinList(proposal->chain));
    tx.Commit();
    return proposal;
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("forming groups for {}", ActivityRecord(activity_id)));
  }
}

namespace {

// Adds one group inside the caller's transaction, with its members and sessions; audits it.
Result<long long> InsertGroup(Workspace::Impl& w, const StoredActivity& activity,
                              const NewGroup& in) {
  const Activity& a = activity.activity;
  KINBRIDGE_RETURN_IF_ERROR(detail::CheckText(_("group name"), in.name, true));
  KINBRIDGE_RETURN_IF_ERROR(detail::CheckText(_("venue"), in.venue, false));
  ActivityRepository repo(*w.db);
  if (repo.FindGroupByName(a.id, in.name)) {
    return Status::AlreadyExists(
        TrFormat("{} already has a group named {}", ActivityRecord(a.id), in.name));
  }
  const Date today = w.Today();
  const bool own_schedule = !in.schedule.rrule.empty();
  if (own_schedule) {
    KINBRIDGE_RETURN_IF_ERROR(CheckSchedule(in.schedule, w.municipality.time_zone, today));
  }
  long long leader_id = activity.leader_id;
  if (!in.leader_account.empty()) {
    Result<long long> leader =
        CheckLeader(w, in.leader_account, activity.site_id, a.site_code, a.method_id);
    if (!leader.ok()) return leader.status();
    leader_id = *leader;
  } else if (leader_id != 0 && !a.method_id.empty()) {
    // The activity's leader leads this group too; the method must accept them for groups.
    Result<std::vector<MethodFinding>> findings = w.CheckLeaderWithMethod(a.method_id, leader_id);
    if (!findings.ok()) return findings.status();
    for (const MethodFinding& f : *findings) {
      if (f.severity == "error") {
        return Status::FailedPrecondition(
            TrFormat("the activity's leader {} is not accepted by method {} for group {}: {}",
                     a.leader_account, a.method_id, in.name, f.message));
      }
    }
  }
  Group g;
  g.activity_id = a.id;
  g.name = in.name;
  g.venue = in.venue;
  g.schedule = own_schedule ? in.schedule : a.schedule;
  const long long own_leader = in.leader_account.empty() ? 0 : leader_id;
  g.id = repo.InsertGroup(g, own_leader, own_schedule, w.Now());
  // Members join from the group's first day (or their enrolment, if later).
  std::vector<long long> members;
  for (const std::string& ref : in.members) {
    Result<Child> child = w.FindChild(ref);
    if (!child.ok()) return child.status();
    std::optional<Enrolment> enrolment = repo.CurrentEnrolment(a.id, child->id);
    if (!enrolment || enrolment->status != EnrolmentStatus::kEnrolled) {
      return Status::FailedPrecondition(
          TrFormat("child {} is not enrolled in {} ({}); enrol the child before adding them to "
                   "group {}",
                   child->case_reference, ActivityRecord(a.id), a.name, in.name));
    }
    const Date joined = std::max(g.schedule.first_day, *enrolment->enrolled_on);
    if (auto other = repo.CurrentMembership(a.id, child->id, joined)) {
      std::optional<StoredGroup> other_group = repo.FindGroup(other->first);
      return Status::FailedPrecondition(
          TrFormat("child {} is already in group {} of {}; a child is in one group of an "
                   "activity at a time",
                   child->case_reference, other_group ? other_group->group.name : "?",
                   ActivityRecord(a.id)));
    }
    repo.InsertMember(g.id, child->id, joined);
    members.push_back(child->id);
  }
  // The group's sessions replace the whole activity's from its first day.
  const Date through = today.AddDays(kDefaultScheduleDays);
  w.DropOpenSessions(a.id, 0, g.schedule.first_day);
  KINBRIDGE_RETURN_IF_ERROR(
      w.CheckNoOverlap(a.id, g.id, leader_id, g.schedule, g.schedule.first_day, through));
  Result<long long> created = w.CreateSessions(a.id, g.schedule.first_day, through);
  if (!created.ok()) return created.status();
  w.Audit("group.add", "group", std::to_string(g.id), members,
          fmt::format("{} in activity {}: {} members, {} sessions", g.name, a.id, members.size(),
                      *created));
  return g.id;
}

}  // namespace

Result<std::vector<Group>> Workspace::AcceptGroups(const GroupProposal& proposal) {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    Result<StoredActivity> found = FindActivity(w, proposal.activity_id);
    if (!found.ok()) return found.status();
    KINBRIDGE_RETURN_IF_ERROR(w.AllowAt(tx, Operation::kManageActivities,
                                        w.SiteScope(found->site_id, 0), "group.accept", "activity",
                                        std::to_string(proposal.activity_id)));
    if (proposal.groups.empty()) {
      return Status::InvalidArgument(TrFormat("the proposal for {} has no groups to accept",
                                              ActivityRecord(found->activity.id)));
    }
    std::vector<long long> ids;
    for (const ProposedGroup& p : proposal.groups) {
      NewGroup g;
      g.activity_id = proposal.activity_id;
      g.name = p.name;
      g.leader_account = p.leader_account;
      g.schedule = p.schedule;
      g.venue = p.venue;
      g.members = p.members;
      Result<long long> id = InsertGroup(w, *found, g);
      if (!id.ok()) return id.status();
      ids.push_back(*id);
    }
    std::vector<Group> groups;
    for (long long id : ids) groups.push_back(ActivityRepository(*w.db).FindGroup(id)->group);
    tx.Commit();
    return groups;
  } catch (const std::exception& e) {
    return DatabaseError(e,
                         TrFormat("accepting groups for {}", ActivityRecord(proposal.activity_id)));
  }
}

Result<Group> Workspace::AddGroup(const NewGroup& in) {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    Result<StoredActivity> found = FindActivity(w, in.activity_id);
    if (!found.ok()) return found.status();
    KINBRIDGE_RETURN_IF_ERROR(w.AllowAt(tx, Operation::kManageActivities,
                                        w.SiteScope(found->site_id, 0), "group.add", "activity",
                                        std::to_string(in.activity_id)));
    Result<long long> id = InsertGroup(w, *found, in);
    if (!id.ok()) return id.status();
    Group g = ActivityRepository(*w.db).FindGroup(*id)->group;
    tx.Commit();
    return g;
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("adding group {}", in.name));
  }
}

Result<Group> Workspace::EditGroup(std::int64_t group_id, const GroupChanges& changes) {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    Result<StoredGroup> found = FindGroup(w, group_id);
    if (!found.ok()) return found.status();
    KINBRIDGE_RETURN_IF_ERROR(w.AllowAt(tx, Operation::kManageActivities,
                                        w.SiteScope(found->site_id, 0), "group.edit", "group",
                                        std::to_string(group_id)));
    Result<StoredActivity> activity = FindActivity(w, found->group.activity_id);
    if (!activity.ok()) return activity.status();
    ActivityRepository repo(*w.db);
    const Date today = w.Today();
    Group g = found->group;
    bool own_schedule = g.own_schedule;
    long long own_leader = 0;
    // The stored leader of the group itself (not inherited).
    if (!g.leader_account.empty() && found->leader_id != activity->leader_id) {
      own_leader = found->leader_id;
    }
    long long leader_id = found->leader_id;
    std::vector<std::string> changed;
    if (changes.name && *changes.name != g.name) {
      KINBRIDGE_RETURN_IF_ERROR(detail::CheckText(_("group name"), *changes.name, true));
      if (repo.FindGroupByName(g.activity_id, *changes.name)) {
        return Status::AlreadyExists(TrFormat("{} already has a group named {}",
                                              ActivityRecord(g.activity_id), *changes.name));
      }
      g.name = *changes.name;
      changed.push_back("name");
    }
    if (changes.leader_account) {
      Result<long long> leader = CheckLeader(w, *changes.leader_account, found->site_id,
                                             g.site_code, activity->activity.method_id);
      if (!leader.ok()) return leader.status();
      own_leader = *leader;
      leader_id = *leader != 0 ? *leader : activity->leader_id;
      changed.push_back("leader");
    }
    if (changes.schedule) {
      KINBRIDGE_RETURN_IF_ERROR(CheckSchedule(*changes.schedule, w.municipality.time_zone, today));
      g.schedule = *changes.schedule;
      own_schedule = true;
      changed.push_back("schedule");
    }
    repo.UpdateGroup(g, own_leader, own_schedule);
    const Date through = today.AddDays(kDefaultScheduleDays);
    if (changes.schedule) w.DropOpenSessions(g.activity_id, group_id, today);
    if (changes.leader_account) w.SetSessionLeader(g.activity_id, group_id, leader_id, today);
    if (changes.schedule || changes.leader_account) {
      KINBRIDGE_RETURN_IF_ERROR(
          w.CheckNoOverlap(g.activity_id, group_id, leader_id, g.schedule, today, through));
    }
    Result<long long> created = w.CreateSessions(g.activity_id, today, through);
    if (!created.ok()) return created.status();
    w.Audit("group.edit", "group", std::to_string(group_id), {}, detail::JoinList(changed));
    Group result = repo.FindGroup(group_id)->group;
    tx.Commit();
    return result;
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("changing {}", GroupRecord(group_id)));
  }
}

Result<Group> Workspace::GetGroup(std::int64_t group_id) const {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    Result<StoredGroup> found = FindGroup(w, group_id);
    if (!found.ok()) return found.status();
    KINBRIDGE_RETURN_IF_ERROR(w.AllowAt(tx, Operation::kReadActivities,
                                        w.SiteScope(found->site_id, found->leader_id), "group.show",
                                        "group", std::to_string(group_id)));
    w.Audit("group.show", "group", std::to_string(group_id), {});
    tx.Commit();
    return found->group;
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("reading {}", GroupRecord(group_id)));
  }
}

Status Workspace::ForEachGroup(std::int64_t activity_id, const Visitor<Group>& visit) const {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    KINBRIDGE_RETURN_IF_ERROR(
        w.Allow(tx, Operation::kReadSites, "group.list", "activity", std::to_string(activity_id)));
    if (activity_id != 0) {
      Result<StoredActivity> found = FindActivity(w, activity_id);
      if (!found.ok()) return found.status();
    }
    // Groups hold no personal data beyond counts; teachers see only the groups they lead.
    const Worker& actor = w.actor.worker;
    const bool only_led = actor.Has(Role::kTeacher) && actor.roles.size() == 1;
    std::vector<Group> groups;
    ActivityRepository(*w.db).ForEachGroup(activity_id, only_led ? actor.id : 0,
                                           [&](const StoredGroup& g) {
                                             groups.push_back(g.group);
                                             return true;
                                           });
    for (const Group& g : groups) {
      if (!visit(g)) break;
    }
    return Status::Ok();
  } catch (const std::exception& e) {
    return DatabaseError(e, _("listing groups"));
  }
}

Result<GroupMember> Workspace::JoinGroup(std::int64_t group_id, std::string_view child_ref,
                                         Date on) {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    Result<StoredGroup> found = FindGroup(w, group_id);
    if (!found.ok()) return found.status();
    KINBRIDGE_RETURN_IF_ERROR(w.AllowAt(tx, Operation::kManageActivities,
                                        w.SiteScope(found->site_id, 0), "group.join", "group",
                                        std::to_string(group_id)));
    Result<Child> child = w.FindOpenChild(child_ref, N_("join a group"));
    if (!child.ok()) return child.status();
    const Group& g = found->group;
    ActivityRepository repo(*w.db);
    std::optional<Enrolment> enrolment = repo.CurrentEnrolment(g.activity_id, child->id);
    if (!enrolment || enrolment->status != EnrolmentStatus::kEnrolled) {
      return Status::FailedPrecondition(TrFormat(
          "child {} is not enrolled in {} ({}); enrol the child first (`kinbridge activity enrol "
          "{} {}`)",
          child->case_reference, ActivityRecord(g.activity_id), g.activity_name, g.activity_id,
          child->case_reference));
    }
    if (on < *enrolment->enrolled_on) {
      return Status::InvalidArgument(TrFormat("day {} is before child {} was enrolled ({})",
                                              on.ToString(), child->case_reference,
                                              enrolment->enrolled_on->ToString()));
    }
    if (auto other = repo.CurrentMembership(g.activity_id, child->id, on)) {
      std::optional<StoredGroup> other_group = repo.FindGroup(other->first);
      return Status::FailedPrecondition(TrFormat(
          "child {} is already in group {} of {}; leave it first (a child is in one group of an "
          "activity at a time)",
          child->case_reference, other_group ? other_group->group.name : "?",
          ActivityRecord(g.activity_id)));
    }
    repo.InsertMember(group_id, child->id, on);
    w.Audit("group.join", "group", std::to_string(group_id), {child->id}, on.ToString());
    GroupMember member;
    repo.ForEachMember(group_id, false, w.Today(), [&](const detail::StoredMember& m) {
      if (m.child_id != child->id) return true;
      member = m.member;
      HideProtected(member.child_name, m, w.actor.worker);
      return false;
    });
    tx.Commit();
    return member;
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("adding child {} to {}", child_ref, GroupRecord(group_id)));
  }
}

Result<GroupMember> Workspace::LeaveGroup(std::int64_t group_id, std::string_view child_ref,
                                          Date last_day) {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    Result<StoredGroup> found = FindGroup(w, group_id);
    if (!found.ok()) return found.status();
    KINBRIDGE_RETURN_IF_ERROR(w.AllowAt(tx, Operation::kManageActivities,
                                        w.SiteScope(found->site_id, 0), "group.leave", "group",
                                        std::to_string(group_id)));
    Result<Child> child = w.FindChild(child_ref);
    if (!child.ok()) return child.status();
    ActivityRepository repo(*w.db);
    auto membership =
        repo.CurrentMembership(found->group.activity_id, child->id, std::min(last_day, w.Today()));
    if (!membership || membership->first != group_id) {
      return Status::NotFound(
          TrFormat("child {} is not a member of {} on {} (see `kinbridge group show {}`)",
                   child->case_reference, GroupRecord(group_id), last_day.ToString(), group_id));
    }
    // Leaving before the first day withdraws the membership: it ends the day before.
    if (last_day < membership->second.joined_on) {
      last_day = membership->second.joined_on.AddDays(-1);
    }
    repo.EndMembership(group_id, child->id, last_day);
    w.Audit("group.leave", "group", std::to_string(group_id), {child->id},
            "last day " + last_day.ToString());
    GroupMember member = membership->second;
    member.left_on = last_day;
    if (child->protected_identity && w.ScopeOf(child->id).responsible == false) {
      member.child_name.clear();
    }
    tx.Commit();
    return member;
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("child {} leaving {}", child_ref, GroupRecord(group_id)));
  }
}

Status Workspace::ForEachGroupMember(std::int64_t group_id, bool include_left,
                                     const Visitor<GroupMember>& visit) const {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    Result<StoredGroup> found = FindGroup(w, group_id);
    if (!found.ok()) return found.status();
    KINBRIDGE_RETURN_IF_ERROR(w.AllowAt(tx, Operation::kReadActivities,
                                        w.SiteScope(found->site_id, found->leader_id),
                                        "group.members", "group", std::to_string(group_id)));
    std::vector<GroupMember> members;
    std::vector<long long> children;
    ActivityRepository(*w.db).ForEachMember(group_id, include_left, w.Today(),
                                            [&](const detail::StoredMember& m) {
                                              GroupMember copy = m.member;
                                              HideProtected(copy.child_name, m, w.actor.worker);
                                              members.push_back(std::move(copy));
                                              children.push_back(m.child_id);
                                              return true;
                                            });
    w.Audit("group.members", "group", std::to_string(group_id), children);
    tx.Commit();
    for (const GroupMember& m : members) {
      if (!visit(m)) break;
    }
    return Status::Ok();
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("listing the members of {}", GroupRecord(group_id)));
  }
}

KINBRIDGE_NAMESPACE_END
