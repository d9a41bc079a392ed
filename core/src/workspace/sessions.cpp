// Sessions of activities: scheduling them from the activities' and groups' schedules, extra and
// cancelled sessions, attendance (a family-call session also logs the contacts it delivered),
// and the attendance report.
#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <utility>

#include "model/validation.h"
#include "schedule/recurrence.h"
#include "storage/activity_repository.h"
#include "storage/contact_repository.h"
#include "storage/session_repository.h"
#include "workspace/workspace_impl.h"

KINBRIDGE_NAMESPACE_BEGIN

using detail::ActivityRepository;
using detail::DatabaseError;
using detail::Operation;
using detail::SessionRepository;
using detail::WriteTransaction;

namespace {

// How far ahead sessions may be scheduled in one go: two years, as for contact events.
constexpr int kMaxScheduleDays = 731;
// The default period of the attendance report: the 90 days up to its last day.
constexpr int kDefaultReportDays = 90;

std::string SessionRecord(std::int64_t id) { return TrFormat("session {}", id); }

// "Homework help", or "Homework help, group 8–10 (1)".
std::string Label(const std::string& activity, const std::string& group) {
  if (group.empty()) return activity;
  return TrFormat("{}, group {}", activity, group);
}

std::string Label(const Session& s) { return Label(s.activity_name, s.group_name); }

double Rate(int present, int sessions) {
  return sessions > 0 ? static_cast<double>(present) / sessions : 0.0;
}

// The occurrences of `schedule` with a local day in [from, through] and within the schedule's
// own first and last day.
Result<std::vector<detail::Occurrence>> Occurrences(const SessionSchedule& schedule,
                                                    const std::string& time_zone, Date from,
                                                    Date through) {
  const Date first = std::max(from, schedule.first_day);
  Date last = through;
  if (schedule.last_day) last = std::min(last, *schedule.last_day);
  if (last < first) return std::vector<detail::Occurrence>{};
  detail::Recurrence recurrence{schedule.rrule, schedule.first_day,
                                detail::ParseClockTime(schedule.start_time),
                                schedule.duration_minutes, time_zone};
  return detail::Expand(recurrence, first, last);
}

// Refuses the first occurrence that overlaps in time (UTC) a session that is not cancelled of
// the same activity and group, or one led by `leader_id` (when not 0) anywhere else. With
// `replaced_from`, the open scheduled sessions of the same activity and group from that day on
// are left out: the caller replaces them.
Status CheckFree(detail::Database& db, long long activity_id, long long group_id,
                 long long leader_id, const std::string& label,
                 const std::vector<detail::Occurrence>& occurrences,
                 std::optional<Date> replaced_from) {
  if (occurrences.empty()) return Status::Ok();
  // A session lasts at most a day: one day either side covers every possible overlap.
  const std::vector<detail::SessionSlot> slots = SessionRepository(db).Slots(
      activity_id, group_id, leader_id, occurrences.front().local_day.AddDays(-1),
      occurrences.back().local_day.AddDays(1));
  for (const detail::Occurrence& o : occurrences) {
    for (const detail::SessionSlot& s : slots) {
      const bool same = s.activity_id == activity_id && s.group_id == group_id;
      if (same && replaced_from && s.status == SessionStatus::kScheduled && !s.extra &&
          *replaced_from <= s.local_day) {
        continue;
      }
      if (!(o.starts_utc < s.ends_utc && s.starts_utc < o.ends_utc)) continue;
      const std::string day = o.local_day.ToString();
      const std::string time = detail::ClockTimeText(o.local_start_minutes);
      if (same) {
        return Status::FailedPrecondition(
            TrFormat("a session of {} on {} at {} would overlap its session {} on {} at {}; "
                     "choose another time, or cancel that session first",
                     label, day, time, s.id, s.local_day.ToString(), s.local_start));
      }
      return Status::FailedPrecondition(
          TrFormat("a session of {} on {} at {} would overlap session {} of {} on {} at {}, "
                   "which the same leader ({}) leads; choose another time or another leader",
                   label, day, time, s.id, Label(s.activity_name, s.group_name),
                   s.local_day.ToString(), s.local_start, s.leader_account));
    }
  }
  return Status::Ok();
}

}  // namespace

// ---- Hooks shared with activities.cpp ----

Result<long long> Workspace::Impl::CreateSessions(long long activity_id, Date from, Date through) {
  ActivityRepository activities(*db);
  std::optional<detail::StoredActivity> activity = activities.FindActivity(activity_id, Today());
  if (!activity) return Status::NotFound(TrFormat("activity {} does not exist", activity_id));
  struct Source {
    long long group_id = 0, leader_id = 0;
    std::string name;
    SessionSchedule schedule;
  };
  std::vector<Source> sources;
  activities.ForEachGroup(activity_id, 0, [&](const detail::StoredGroup& g) {
    sources.push_back({g.group.id, g.leader_id, g.group.name, g.group.schedule});
    return true;
  });
  // An activity with groups meets in its groups; one without meets as a whole.
  if (sources.empty()) {
    sources.push_back({0, activity->leader_id, "", activity->activity.schedule});
  }
  SessionRepository sessions(*db);
  const std::string now = Now();
  long long created = 0;
  for (const Source& source : sources) {
    Result<std::vector<detail::Occurrence>> occurrences =
        Occurrences(source.schedule, municipality.time_zone, from, through);
    if (!occurrences.ok()) {
      return Status(
          occurrences.status().code(),
          TrFormat("scheduling the sessions of {}: {}", Label(activity->activity.name, source.name),
                   occurrences.status().message()));
    }
    for (const detail::Occurrence& o : *occurrences) {
      detail::SessionRow row;
      row.activity_id = activity_id;
      row.group_id = source.group_id;
      row.leader_id = source.leader_id;
      row.local_day = o.local_day;
      row.local_start = detail::ClockTimeText(o.local_start_minutes);
      row.starts_utc = o.starts_utc;
      row.ends_utc = o.ends_utc;
      row.created_at = now;
      if (sessions.InsertScheduled(row)) ++created;
    }
  }
  return created;
}

void Workspace::Impl::DropOpenSessions(long long activity_id, long long group_id, Date from) {
  SessionRepository(*db).DropOpen(activity_id, group_id, from);
}

void Workspace::Impl::SetSessionLeader(long long activity_id, long long group_id,
                                       long long leader_id, Date from) {
  SessionRepository(*db).SetLeader(activity_id, group_id, leader_id, from);
}

Status Workspace::Impl::CheckNoOverlap(long long activity_id, long long group_id,
                                       long long leader_id, const SessionSchedule& schedule,
                                       Date from, Date through) {
  Result<std::vector<detail::Occurrence>> occurrences =
      Occurrences(schedule, municipality.time_zone, from, through);
  if (!occurrences.ok()) return occurrences.status();
  // Named as well as the records allow: a group being added may not be stored yet.
  ActivityRepository activities(*db);
  std::string label = TrFormat("activity {}", activity_id);
  if (std::optional<detail::StoredActivity> a = activities.FindActivity(activity_id, Today())) {
    label = a->activity.name;
  }
  if (group_id > 0) {
    if (std::optional<detail::StoredGroup> g = activities.FindGroup(group_id)) {
      label = Label(label, g->group.name);
    }
  }
  return CheckFree(*db, activity_id, group_id, leader_id, label, *occurrences, from);
}

// ---- Sessions ----

Result<SessionScheduleResult> Workspace::ScheduleSessions(std::string_view site_code,
                                                          std::optional<Date> through) {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    const Date today = w.Today();
    const Date last = through.value_or(today.AddDays(kDefaultScheduleDays));
    if (last < today || today.AddDays(kMaxScheduleDays) < last) {
      return Status::InvalidArgument(
          TrFormat("scheduling sessions through {}: expected a day from today ({}) to {} days "
                   "ahead",
                   last.ToString(), today.ToString(), kMaxScheduleDays));
    }
    ActivityRepository activities(*w.db);
    const Worker& actor = w.actor.worker;
    long long site_id = 0;
    std::string entity_type = "sites", entity;
    if (!site_code.empty()) {
      std::optional<Site> site = activities.FindSite(site_code);
      if (!site) {
        return Status::NotFound(TrFormat(
            "centre or school '{}' does not exist (see `kinbridge centre list`)", site_code));
      }
      site_id = site->id;
      entity_type = "site";
      entity = site->code;
    }
    // Scheduling turns stored schedules into sessions and shows no case data: administrators
    // run it for every site (a nightly job), centre staff for the sites they work at.
    const bool all = actor.Has(Role::kAdministrator);
    std::vector<long long> sites;
    if (!all) {
      if (site_id != 0) {
        KINBRIDGE_RETURN_IF_ERROR(w.AllowAt(tx, Operation::kManageActivities,
                                            w.SiteScope(site_id, 0), "session.schedule", "site",
                                            entity));
      } else if (actor.Has(Role::kCentreStaff)) {
        sites = activities.SitesOf(actor.id, today);
      } else {
        KINBRIDGE_RETURN_IF_ERROR(
            w.Allow(tx, Operation::kManageActivities, "session.schedule", "sites", ""));
      }
    }
    std::vector<long long> ids;
    if (all || site_id != 0 || !sites.empty()) {
      activities.ForEachActivity(site_id, site_id == 0 && !all ? &sites : nullptr, today,
                                 [&](const detail::StoredActivity& a) {
                                   ids.push_back(a.activity.id);
                                   return true;
                                 });
    }
    SessionScheduleResult result;
    result.through = last;
    for (long long id : ids) {
      Result<long long> created = w.CreateSessions(id, today, last);
      if (!created.ok()) return created.status();
      result.created += *created;
    }
    w.Audit("session.schedule", entity_type, entity, {},
            fmt::format("through {}: {} sessions for {} activities", last.ToString(),
                        result.created, ids.size()));
    tx.Commit();
    return result;
  } catch (const std::exception& e) {
    return DatabaseError(e, _("scheduling sessions"));
  }
}

Result<Session> Workspace::AddSession(const NewSession& s) {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    ActivityRepository activities(*w.db);
    const Date today = w.Today();
    std::optional<detail::StoredActivity> activity = activities.FindActivity(s.activity_id, today);
    if (!activity) {
      return Status::NotFound(
          TrFormat("activity {} does not exist (see `kinbridge activity list`)", s.activity_id));
    }
    const Activity& a = activity->activity;
    std::optional<detail::StoredGroup> group;
    if (s.group_id != 0) {
      group = activities.FindGroup(s.group_id);
      if (!group) {
        return Status::NotFound(
            TrFormat("group {} does not exist (see `kinbridge group list`)", s.group_id));
      }
    }
    const long long leader_id = group ? group->leader_id : activity->leader_id;
    KINBRIDGE_RETURN_IF_ERROR(w.AllowAt(tx, Operation::kManageActivities,
                                        w.SiteScope(activity->site_id, leader_id), "session.add",
                                        "activity", std::to_string(a.id)));
    if (group && group->group.activity_id != a.id) {
      return Status::InvalidArgument(TrFormat(
          "group {} ({}) belongs to activity {} ({}), not to activity {} ({})", group->group.id,
          group->group.name, group->group.activity_id, group->group.activity_name, a.id, a.name));
    }
    if (!group && a.groups > 0) {
      return Status::InvalidArgument(
          TrPlural("activity {} ({}) meets in {} group: an extra session is for one of them "
                   "(give the group)",
                   "activity {} ({}) meets in {} groups: an extra session is for one of them "
                   "(give the group)",
                   static_cast<unsigned long>(a.groups), a.id, a.name, a.groups));
    }
    if (s.day < today) {
      return Status::InvalidArgument(
          TrFormat("an extra session on {} would be in the past (today is {}); expected today or "
                   "a later day",
                   s.day.ToString(), today.ToString()));
    }
    const int start = detail::ParseClockTime(s.start_time);
    if (start < 0) {
      return Status::InvalidArgument(TrFormat(
          "start time '{}' is not a clock time (expected HH:MM, 00:00 to 23:59)", s.start_time));
    }
    if (s.duration_minutes < 1 || s.duration_minutes > 24 * 60) {
      return Status::InvalidArgument(
          TrPlural("duration of {} minute is out of range (expected 1 to 1440 minutes)",
                   "duration of {} minutes is out of range (expected 1 to 1440 minutes)",
                   static_cast<unsigned long>(s.duration_minutes), s.duration_minutes));
    }
    const std::string label = Label(a.name, group ? group->group.name : std::string());
    // A one-off occurrence, placed in time (and across a DST change) like a scheduled one.
    detail::Recurrence once{"FREQ=DAILY;COUNT=1", s.day, start, s.duration_minutes,
                            w.municipality.time_zone};
    Result<std::vector<detail::Occurrence>> occurrence = detail::Expand(once, s.day, s.day);
    if (!occurrence.ok()) return occurrence.status();
    if (occurrence->size() != 1) {
      return Status::Internal(TrFormat("an extra session of {} on {} could not be placed in time",
                                       label, s.day.ToString()));
    }
    KINBRIDGE_RETURN_IF_ERROR(CheckFree(*w.db, a.id, group ? group->group.id : 0, leader_id, label,
                                        *occurrence, std::nullopt));
    const detail::Occurrence& o = occurrence->front();
    detail::SessionRow row;
    row.activity_id = a.id;
    row.group_id = group ? group->group.id : 0;
    row.leader_id = leader_id;
    row.local_day = o.local_day;
    row.local_start = detail::ClockTimeText(o.local_start_minutes);
    row.starts_utc = o.starts_utc;
    row.ends_utc = o.ends_utc;
    row.created_at = w.Now();
    SessionRepository sessions(*w.db);
    const long long id = sessions.InsertExtra(row);
    w.Audit("session.add", "session", std::to_string(id), {},
            fmt::format("extra session of activity {}{} on {} at {} ({} minutes)", a.id,
                        group ? " group " + std::to_string(group->group.id) : std::string(),
                        row.local_day.ToString(), row.local_start, s.duration_minutes));
    std::optional<detail::StoredSession> added = sessions.Find(id);
    tx.Commit();
    return added->session;
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("adding a session to activity {}", s.activity_id));
  }
}

Result<Session> Workspace::CancelSession(std::int64_t session_id, std::string_view reason) {
  Impl& w = *impl_;
  const std::string record = SessionRecord(session_id);
  try {
    WriteTransaction tx(*w.db);
    SessionRepository sessions(*w.db);
    std::optional<detail::StoredSession> stored = sessions.Find(session_id);
    if (!stored) {
      return Status::NotFound(TrFormat("{} does not exist (see `kinbridge session list`)", record));
    }
    KINBRIDGE_RETURN_IF_ERROR(w.AllowAt(tx, Operation::kManageActivities,
                                        w.SiteScope(stored->site_id, stored->leader_id),
                                        "session.cancel", "session", std::to_string(session_id)));
    const Session& s = stored->session;
    if (s.status == SessionStatus::kHeld) {
      return Status::FailedPrecondition(
          TrFormat("{} of {} on {} was held: attendance is recorded; amend the attendance "
                   "instead of cancelling the session",
                   record, Label(s), s.local_day.ToString()));
    }
    if (s.status == SessionStatus::kCancelled) {
      return Status::FailedPrecondition(TrFormat("{} of {} on {} is already cancelled ({})", record,
                                                 Label(s), s.local_day.ToString(),
                                                 s.cancel_reason));
    }
    KINBRIDGE_RETURN_IF_ERROR(
        detail::CheckText(TrFormat("{}: reason for cancelling", record), reason, true));
    const std::string why(reason);
    sessions.Cancel(session_id, why);
    w.Audit("session.cancel", "session", std::to_string(session_id), {},
            fmt::format("{} {}: {}", s.local_day.ToString(), s.local_start, why));
    std::optional<detail::StoredSession> cancelled = sessions.Find(session_id);
    tx.Commit();
    return cancelled->session;
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("cancelling {}", record));
  }
}

Result<Session> Workspace::GetSession(std::int64_t session_id) const {
  Impl& w = *impl_;
  const std::string record = SessionRecord(session_id);
  try {
    WriteTransaction tx(*w.db);
    std::optional<detail::StoredSession> stored = SessionRepository(*w.db).Find(session_id);
    if (!stored) {
      return Status::NotFound(TrFormat("{} does not exist (see `kinbridge session list`)", record));
    }
    KINBRIDGE_RETURN_IF_ERROR(w.AllowAt(tx, Operation::kReadActivities,
                                        w.SiteScope(stored->site_id, stored->leader_id),
                                        "session.show", "session", std::to_string(session_id)));
    w.Audit("session.show", "session", std::to_string(session_id), {});
    tx.Commit();
    return stored->session;
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("reading {}", record));
  }
}

Status Workspace::ForEachSession(const SessionQuery& query, const Visitor<Session>& visit) const {
  Impl& w = *impl_;
  try {
    WriteTransaction tx(*w.db);
    ActivityRepository activities(*w.db);
    const Worker& actor = w.actor.worker;
    detail::SessionFilter filter;
    filter.activity_id = query.activity_id;
    filter.group_id = query.group_id;
    filter.from = query.from;
    filter.to = query.to;
    if (query.mine) filter.leader_id = actor.id;
    std::string entity_type = "sessions", entity;
    if (!query.site_code.empty()) {
      std::optional<Site> site = activities.FindSite(query.site_code);
      if (!site) {
        return Status::NotFound(TrFormat(
            "centre or school '{}' does not exist (see `kinbridge centre list`)", query.site_code));
      }
      filter.site_id = site->id;
      entity_type = "site";
      entity = site->code;
    } else if (query.group_id != 0) {
      entity_type = "group";
      entity = std::to_string(query.group_id);
    } else if (query.activity_id != 0) {
      entity_type = "activity";
      entity = std::to_string(query.activity_id);
    }
    // Each session is shown to whoever may read it (the list is filtered, not refused):
    // centre staff the sessions of the sites they work at, teachers those they lead,
    // administrators (with a stated purpose) all.
    const bool admin = actor.Has(Role::kAdministrator) &&
                       detail::Authorize(w.actor, Operation::kReadActivities, {}, "").ok();
    if (!admin && !actor.Has(Role::kCentreStaff) && !actor.Has(Role::kTeacher)) {
      KINBRIDGE_RETURN_IF_ERROR(
          w.Allow(tx, Operation::kReadActivities, "session.list", entity_type, entity));
    }
    std::set<long long> sites;
    if (!admin && actor.Has(Role::kCentreStaff)) {
      for (long long id : activities.SitesOf(actor.id, w.Today())) sites.insert(id);
    }
    std::vector<Session> shown;
    SessionRepository(*w.db).ForEach(filter, [&](const detail::StoredSession& stored) {
      detail::ChildScope scope;
      scope.works_at_site = sites.count(stored.site_id) > 0;
      scope.leads = stored.leader_id != 0 && stored.leader_id == actor.id;
      if (admin || detail::Authorize(w.actor, Operation::kReadActivities, scope, "").ok()) {
        shown.push_back(stored.session);
      }
      return true;
    });
    w.Audit("session.list", entity_type, entity, {}, fmt::format("{} sessions", shown.size()));
    tx.Commit();
    for (const Session& session : shown) {
      if (!visit(session)) break;
    }
    return Status::Ok();
  } catch (const std::exception& e) {
    return DatabaseError(e, _("listing sessions"));
  }
}

// ---- Attendance ----

Result<AttendanceResult> Workspace::RecordAttendance(std::int64_t session_id,
                                                     const AttendanceSheet& sheet) {
  Impl& w = *impl_;
  const std::string record = SessionRecord(session_id);
  try {
    WriteTransaction tx(*w.db);
    SessionRepository sessions(*w.db);
    std::optional<detail::StoredSession> stored = sessions.Find(session_id);
    if (!stored) {
      return Status::NotFound(TrFormat("{} does not exist (see `kinbridge session list`)", record));
    }
    KINBRIDGE_RETURN_IF_ERROR(
        w.AllowAt(tx, Operation::kRecordAttendance, w.SiteScope(stored->site_id, stored->leader_id),
                  "attendance.record", "session", std::to_string(session_id)));
    const Session& s = stored->session;
    const std::string day = s.local_day.ToString();
    const Date today = w.Today();
    if (s.status == SessionStatus::kCancelled) {
      return Status::FailedPrecondition(
          TrFormat("{} of {} on {} was cancelled ({}): it did not take place, so there is no "
                   "attendance to record",
                   record, Label(s), day, s.cancel_reason));
    }
    if (today < s.local_day) {
      return Status::InvalidArgument(
          TrFormat("{} of {} is on {}, in the future (today is {}); record attendance on or "
                   "after the day",
                   record, Label(s), day, today.ToString()));
    }
    if (s.status == SessionStatus::kHeld && !sheet.amend) {
      return Status::FailedPrecondition(
          TrFormat("the attendance of {} on {} is already recorded by {}; give --amend to "
                   "replace it",
                   record, day, s.held_by));
    }
    // Who is expected: the group's members that day, or (a session of the whole activity) the
    // children enrolled that day.
    ActivityRepository activities(*w.db);
    std::set<long long> expected;
    for (long long id : activities.ExpectedOn(s.activity_id, s.group_id, s.local_day)) {
      expected.insert(id);
    }
    std::map<long long, const AttendanceEntry*> entries;
    for (const AttendanceEntry& entry : sheet.entries) {
      Result<Child> child = w.FindChild(entry.child);
      if (!child.ok()) return child.status();
      if (expected.count(child->id) == 0) {
        return Status::InvalidArgument(
            TrFormat("child {} is not expected at {} ({} on {}): not a participant that day",
                     child->case_reference, record, Label(s), day));
      }
      if (!entries.emplace(child->id, &entry).second) {
        return Status::InvalidArgument(
            TrFormat("child {} has two entries on the attendance sheet of {}; expected one mark "
                     "per child",
                     child->case_reference, record));
      }
      KINBRIDGE_RETURN_IF_ERROR(detail::CheckText(
          TrFormat("{}: note on child {}", record, child->case_reference), entry.note, false));
    }
    if (!sheet.everyone_else) {
      // The children's labels are needed only to name those without a mark.
      std::map<long long, detail::ChildLabel> labels;
      for (detail::ChildLabel& label :
           sessions.Children(std::vector<long long>(expected.begin(), expected.end()))) {
        labels.emplace(label.id, std::move(label));
      }
      std::vector<std::string> missing;
      for (long long id : expected) {
        if (entries.count(id) == 0) missing.push_back(labels[id].case_reference);
      }
      std::sort(missing.begin(), missing.end());
      if (!missing.empty()) {
        return Status::InvalidArgument(
            TrFormat("the attendance sheet of {} has no mark for {} (expected a mark for every "
                     "participant, or one for everyone else)",
                     record, fmt::format("{}", fmt::join(missing, ", "))));
      }
    }
    const std::string now = w.Now();
    const long long worker_id = w.actor.worker.id;
    if (s.status == SessionStatus::kHeld) sessions.DeleteAttendance(session_id);
    std::vector<long long> present;
    int counts[3] = {0, 0, 0};
    for (long long id : expected) {
      const auto entry = entries.find(id);
      const AttendanceMark mark =
          entry != entries.end() ? entry->second->mark : *sheet.everyone_else;
      const std::string note = entry != entries.end() ? entry->second->note : std::string();
      sessions.InsertAttendance(session_id, id, mark, note, worker_id, now);
      ++counts[static_cast<int>(mark)];
      if (mark == AttendanceMark::kPresent) present.push_back(id);
    }
    sessions.MarkHeld(session_id, worker_id, now);
    w.Audit("attendance.record", "session", std::to_string(session_id),
            std::vector<long long>(expected.begin(), expected.end()),
            fmt::format("{} present, {} absent, {} excused{}", counts[0], counts[1], counts[2],
                        s.status == SessionStatus::kHeld ? " (amended)" : ""));
    AttendanceResult result;
    result.recorded = static_cast<int>(expected.size());
    // A family call at the centre is the contact itself: each present child's video and phone
    // contacts of the day that are still open are logged as held. Absent and excused children's
    // contacts stay open for their social worker.
    if (s.kind == ActivityKind::kFamilyCall) {
      detail::ContactRepository contacts(*w.db);
      ContactReport report;
      report.outcome = ContactOutcome::kHeld;
      report.attended = TrFormat("family call session at {}", stored->site_name);
      for (long long child_id : present) {
        detail::EventFilter events;
        events.child_id = child_id;
        events.from = s.local_day;
        events.to = s.local_day;
        events.open_only = true;
        std::vector<std::int64_t> calls;
        contacts.ForEach(events, [&](const detail::StoredEvent& e) {
          if (e.event.mode == "video" || e.event.mode == "phone") calls.push_back(e.event.id);
          return true;
        });
        for (std::int64_t event_id : calls) {
          contacts.Log(event_id, report, worker_id, now);
          w.Audit("contact.log", "contact-event", std::to_string(event_id), {child_id},
                  fmt::format("held (family call, session {})", session_id));
          result.contact_events_logged.push_back(event_id);
        }
      }
    }
    // The session as Find would now read it, without reading it again.
    result.session = s;
    result.session.status = SessionStatus::kHeld;
    result.session.held_by = w.actor.worker.os_account;
    result.session.present = counts[static_cast<int>(AttendanceMark::kPresent)];
    result.session.absent = counts[static_cast<int>(AttendanceMark::kAbsent)];
    result.session.excused = counts[static_cast<int>(AttendanceMark::kExcused)];
    tx.Commit();
    return result;
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("recording the attendance of {}", record));
  }
}

Status Workspace::ForEachAttendance(std::int64_t session_id,
                                    const Visitor<AttendanceRecord>& visit) const {
  Impl& w = *impl_;
  const std::string record = SessionRecord(session_id);
  try {
    WriteTransaction tx(*w.db);
    SessionRepository sessions(*w.db);
    std::optional<detail::StoredSession> stored = sessions.Find(session_id);
    if (!stored) {
      return Status::NotFound(TrFormat("{} does not exist (see `kinbridge session list`)", record));
    }
    KINBRIDGE_RETURN_IF_ERROR(w.AllowAt(tx, Operation::kReadActivities,
                                        w.SiteScope(stored->site_id, stored->leader_id),
                                        "attendance.list", "session", std::to_string(session_id)));
    std::vector<AttendanceRecord> shown;
    std::vector<long long> children;
    const long long actor_id = w.actor.worker.id;
    sessions.ForEachAttendance(session_id, [&](const detail::StoredAttendance& a) {
      AttendanceRecord r = a.record;
      // A protected identity is shown only to the worker responsible for the child.
      if (a.child.protected_identity && a.child.responsible_worker_id != actor_id) {
        r.child_name.clear();
      }
      shown.push_back(std::move(r));
      children.push_back(a.child.id);
      return true;
    });
    w.Audit("attendance.list", "session", std::to_string(session_id), children,
            fmt::format("{} marks", shown.size()));
    tx.Commit();
    for (const AttendanceRecord& r : shown) {
      if (!visit(r)) break;
    }
    return Status::Ok();
  } catch (const std::exception& e) {
    return DatabaseError(e, TrFormat("reading the attendance of {}", record));
  }
}

// ---- The attendance report ----
//
// One definition of attendance, used by every line of the report:
//   expected  the held sessions of the period at which the child was a participant (a member of
//             the group that day; for a session of the whole activity, enrolled that day);
//   rate      present / (expected - excused), 0 when nothing is left to divide by.
// The period's last `recent_days` days (from recent_from) are its recent part, the days before
// it the earlier part. A child is flagged when attendance is falling: the recent part has
// sessions that count (expected - excused > 0), so does the earlier part, and the recent rate
// is both below the threshold and below the earlier rate.
// Sessions are counted in SQL (per activity and group; attendance marks per child, activity and
// group); the participants of each activity are matched to the held days in memory.

namespace {

using GroupKey = std::pair<long long, long long>;             // activity, group (0: none)
using LineKey = std::tuple<long long, long long, long long>;  // child, activity, group

struct Counts {
  int scheduled = 0, held = 0, cancelled = 0;
};

// What the report covers, after the scope and permission are settled.
struct Selection {
  std::set<long long> activities;        // wholly: every child line, group and the activity's use
  std::set<long long> groups;            // on their own: their child lines and fidelity
  std::set<long long> child_activities;  // child lines only (of `child_id`, or `case_children`)
  long long child_id = 0;
  bool case_children = false;  // only the children the acting worker may read as case workers
  detail::AttendanceFilter filter;

  bool Wants(long long activity_id, long long group_id, long long child) const {
    if (child_id != 0 && child != child_id) return false;
    return activities.count(activity_id) > 0 || groups.count(group_id) > 0 ||
           child_activities.count(activity_id) > 0;
  }
};

// Days of sorted `days` within [lo, hi].
int CountDays(const std::vector<Date>& days, Date lo, Date hi) {
  if (hi < lo) return 0;
  auto first = std::lower_bound(days.begin(), days.end(), lo);
  auto last = std::upper_bound(days.begin(), days.end(), hi);
  return static_cast<int>(last - first);
}

// Sorted intervals with those that overlap or touch merged, so that no day counts twice.
std::vector<detail::Participation> Merged(std::vector<detail::Participation> spans) {
  std::sort(spans.begin(), spans.end(),
            [](const auto& a, const auto& b) { return a.from < b.from; });
  std::vector<detail::Participation> merged;
  for (const detail::Participation& p : spans) {
    if (!merged.empty()) {
      detail::Participation& last = merged.back();
      if (!last.to || p.from <= last.to->AddDays(1)) {
        if (last.to && (!p.to || *last.to < *p.to)) last.to = p.to;
        continue;
      }
    }
    merged.push_back(p);
  }
  return merged;
}

}  // namespace

Result<AttendanceReport> Workspace::ReportAttendance(const AttendanceReportQuery& q) const {
  Impl& w = *impl_;
  const Date today = w.Today();
  AttendanceReport report;
  report.to = q.to.value_or(today);
  report.from = q.from.value_or(report.to.AddDays(-(kDefaultReportDays - 1)));
  report.threshold = q.threshold;
  if (!(q.threshold >= 0.0 && q.threshold <= 1.0)) {
    return Status::InvalidArgument(TrFormat(
        "attendance threshold {} is out of range (expected 0 to 1, such as 0.7)", q.threshold));
  }
  if (q.recent_days < 1) {
    return Status::InvalidArgument(
        TrPlural("a recent period of {} day is too short (expected at least 1 day)",
                 "a recent period of {} days is too short (expected at least 1 day)",
                 static_cast<unsigned long>(q.recent_days), q.recent_days));
  }
  if (report.to < report.from) {
    return Status::InvalidArgument(
        TrFormat("an attendance report from {} to {} ends before it starts (expected the first "
                 "day on or before the last)",
                 report.from.ToString(), report.to.ToString()));
  }
  const int scopes = (q.site_code.empty() ? 0 : 1) + (q.activity_id != 0 ? 1 : 0) +
                     (q.group_id != 0 ? 1 : 0) + (q.child.empty() ? 0 : 1);
  if (scopes > 1) {
    return Status::InvalidArgument(
        _("an attendance report covers one centre or school, activity, group or child (or "
          "everything you may see): give only one of them"));
  }
  report.recent_from = std::max(report.from, report.to.AddDays(-(q.recent_days - 1)));
  try {
    WriteTransaction tx(*w.db);
    ActivityRepository activities(*w.db);
    SessionRepository sessions(*w.db);
    const Worker& actor = w.actor.worker;
    const char* action = "report.attendance";
    Selection sel;
    sel.filter.from = report.from;
    sel.filter.to = report.to;
    sel.filter.recent_from = report.recent_from;
    std::string entity_type = "activities", entity;
    bool every_activity = false;
    auto add_activities = [&](long long site_id, const std::vector<long long>* sites,
                              std::set<long long>& into) {
      activities.ForEachActivity(site_id, sites, today, [&](const detail::StoredActivity& a) {
        into.insert(a.activity.id);
        return true;
      });
    };
    if (!q.child.empty()) {
      Result<Child> child = w.FindChild(q.child);
      if (!child.ok()) return child.status();
      // Those who may read the child see all of the child's activities; centre staff see the
      // child's activities at the sites they work at.
      std::set<long long> at_own_sites;
      const bool reads_child =
          detail::Authorize(w.actor, Operation::kReadActivities, w.ScopeOf(child->id), "").ok();
      if (!reads_child && actor.Has(Role::kCentreStaff)) {
        const std::vector<long long> sites = activities.SitesOf(actor.id, today);
        if (!sites.empty()) add_activities(0, &sites, at_own_sites);
      }
      sel.child_id = child->id;
      sel.filter.child_id = child->id;
      for (long long id : sessions.ActivitiesOfChild(child->id)) {
        if (reads_child || at_own_sites.count(id) > 0) sel.child_activities.insert(id);
      }
      if (!reads_child && sel.child_activities.empty()) {
        KINBRIDGE_RETURN_IF_ERROR(w.Allow(tx, Operation::kReadActivities, *child, action));
      }
      entity_type = "child";
      entity = child->case_reference;
    } else if (q.group_id != 0) {
      std::optional<detail::StoredGroup> group = activities.FindGroup(q.group_id);
      if (!group) {
        return Status::NotFound(
            TrFormat("group {} does not exist (see `kinbridge group list`)", q.group_id));
      }
      entity_type = "group";
      entity = std::to_string(q.group_id);
      KINBRIDGE_RETURN_IF_ERROR(w.AllowAt(tx, Operation::kReadActivities,
                                          w.SiteScope(group->site_id, group->leader_id), action,
                                          entity_type, entity));
      sel.groups.insert(q.group_id);
      sel.filter.activity_id = group->group.activity_id;
      sel.filter.group_id = q.group_id;
    } else if (q.activity_id != 0) {
      std::optional<detail::StoredActivity> activity =
          activities.FindActivity(q.activity_id, today);
      if (!activity) {
        return Status::NotFound(
            TrFormat("activity {} does not exist (see `kinbridge activity list`)", q.activity_id));
      }
      entity_type = "activity";
      entity = std::to_string(q.activity_id);
      KINBRIDGE_RETURN_IF_ERROR(w.AllowAt(tx, Operation::kReadActivities,
                                          w.SiteScope(activity->site_id, activity->leader_id),
                                          action, entity_type, entity));
      sel.activities.insert(q.activity_id);
      sel.filter.activity_id = q.activity_id;
    } else if (!q.site_code.empty()) {
      std::optional<Site> site = activities.FindSite(q.site_code);
      if (!site) {
        return Status::NotFound(TrFormat(
            "centre or school '{}' does not exist (see `kinbridge centre list`)", q.site_code));
      }
      entity_type = "site";
      entity = site->code;
      KINBRIDGE_RETURN_IF_ERROR(w.AllowAt(tx, Operation::kReadActivities, w.SiteScope(site->id, 0),
                                          action, entity_type, entity));
      add_activities(site->id, nullptr, sel.activities);
      sel.filter.site_id = site->id;
    } else {
      // Everything the acting worker may read.
      const bool admin = actor.Has(Role::kAdministrator) &&
                         detail::Authorize(w.actor, Operation::kReadActivities, {}, "").ok();
      const bool case_worker = actor.Has(Role::kSocialWorker) || actor.Has(Role::kSupervisor);
      every_activity = admin || case_worker;
      if (admin) {
        add_activities(0, nullptr, sel.activities);
      } else {
        if (!actor.Has(Role::kCentreStaff) && !actor.Has(Role::kTeacher) && !case_worker) {
          KINBRIDGE_RETURN_IF_ERROR(
              w.Allow(tx, Operation::kReadActivities, action, entity_type, entity));
        }
        if (actor.Has(Role::kCentreStaff)) {
          const std::vector<long long> sites = activities.SitesOf(actor.id, today);
          if (!sites.empty()) add_activities(0, &sites, sel.activities);
        }
        if (actor.Has(Role::kTeacher)) {
          activities.ForEachGroup(0, actor.id, [&](const detail::StoredGroup& g) {
            if (sel.activities.count(g.group.activity_id) == 0) sel.groups.insert(g.group.id);
            return true;
          });
        }
        if (case_worker) {
          // The children they may read, in every activity.
          sel.case_children = true;
          add_activities(0, nullptr, sel.child_activities);
        }
      }
    }

    // The activities involved.
    std::set<long long> involved(sel.activities.begin(), sel.activities.end());
    involved.insert(sel.child_activities.begin(), sel.child_activities.end());
    std::map<long long, detail::StoredGroup> groups;
    for (long long id : sel.groups) {
      if (std::optional<detail::StoredGroup> g = activities.FindGroup(id)) {
        involved.insert(g->group.activity_id);
        groups.emplace(id, std::move(*g));
      }
    }
    std::map<long long, detail::StoredActivity> found;
    for (long long id : involved) {
      if (std::optional<detail::StoredActivity> a = activities.FindActivity(id, today)) {
        found.emplace(id, std::move(*a));
      }
    }
    // Narrow the queries to them, unless one site, activity or group already does or everything
    // is covered anyway.
    if (!every_activity && sel.filter.site_id == 0 && sel.filter.activity_id == 0) {
      sel.filter.activity_ids.assign(involved.begin(), involved.end());
    }

    // Sessions by activity and group, held days, and marks per child, in three queries.
    std::map<GroupKey, Counts> counts;
    std::map<GroupKey, std::vector<Date>> held;
    std::map<LineKey, detail::AttendanceTotals> totals;
    if (!involved.empty()) {
      sessions.CountSessions(sel.filter, [&](const detail::SessionCount& c) {
        Counts& line = counts[{c.activity_id, c.group_id}];
        if (c.status == SessionStatus::kScheduled) line.scheduled += c.count;
        if (c.status == SessionStatus::kHeld) line.held += c.count;
        if (c.status == SessionStatus::kCancelled) line.cancelled += c.count;
        return true;
      });
      sessions.ForEachHeld(sel.filter, [&](const detail::HeldSession& h) {
        held[{h.activity_id, h.group_id}].push_back(h.local_day);
        return true;
      });
      sessions.ForEachTotals(sel.filter, [&](const detail::AttendanceTotals& t) {
        if (sel.Wants(t.activity_id, t.group_id, t.child_id)) {
          totals[{t.child_id, t.activity_id, t.group_id}] = t;
        }
        return true;
      });
    }

    // Who was expected when.
    struct Line {
      int expected = 0, recent_expected = 0;
    };
    std::map<LineKey, Line> lines;
    for (const auto& [activity_id, stored] : found) {
      std::map<std::pair<long long, long long>, std::vector<detail::Participation>> spans;
      for (const detail::Participation& p : activities.Participants(activity_id)) {
        if (sel.Wants(activity_id, p.group_id, p.child_id)) {
          spans[{p.child_id, p.group_id}].push_back(p);
        }
      }
      for (const auto& [key, list] : spans) {
        const auto days = held.find({activity_id, key.second});
        Line line;
        if (days != held.end()) {
          for (const detail::Participation& p : Merged(list)) {
            const Date lo = std::max(p.from, report.from);
            const Date hi = p.to ? std::min(*p.to, report.to) : report.to;
            line.expected += CountDays(days->second, lo, hi);
            line.recent_expected += CountDays(days->second, std::max(lo, report.recent_from), hi);
          }
        }
        if (line.expected > 0) lines[{key.first, activity_id, key.second}] = line;
      }
    }
    for (const auto& [key, t] : totals) lines.try_emplace(key);  // marked, though not expected

    std::vector<long long> child_ids;
    for (const auto& [key, line] : lines) child_ids.push_back(std::get<0>(key));
    std::sort(child_ids.begin(), child_ids.end());
    child_ids.erase(std::unique(child_ids.begin(), child_ids.end()), child_ids.end());
    std::map<long long, detail::ChildLabel> labels;
    for (detail::ChildLabel& label : sessions.Children(child_ids)) {
      labels.emplace(label.id, std::move(label));
    }
    std::map<long long, std::string> group_names;
    for (const auto& [activity_id, stored] : found) {
      activities.ForEachGroup(activity_id, 0, [&](const detail::StoredGroup& g) {
        group_names[g.group.id] = g.group.name;
        if (sel.activities.count(activity_id) > 0) groups.emplace(g.group.id, g);
        return true;
      });
    }

    // Per child; the sums per group and activity include every child, shown or not.
    struct Sum {
      int present = 0, base = 0;
    };
    std::map<GroupKey, Sum> group_sums;
    std::map<long long, int> activity_present;
    std::set<long long> reported_children;
    for (const auto& [key, line] : lines) {
      const auto& [child_id, activity_id, group_id] = key;
      ChildAttendance c;
      c.activity_id = activity_id;
      const auto activity = found.find(activity_id);
      if (activity != found.end()) c.activity_name = activity->second.activity.name;
      if (group_id != 0) c.group_name = group_names[group_id];
      detail::AttendanceTotals t;
      if (const auto marks = totals.find(key); marks != totals.end()) t = marks->second;
      const int recorded = t.present + t.absent + t.excused;
      // Marks recorded while the child was a participant, even if the participation was changed
      // later, count as expected.
      c.expected = std::max(line.expected, recorded);
      c.present = t.present;
      c.absent = t.absent;
      c.excused = t.excused;
      c.not_recorded = c.expected - recorded;
      c.rate = Rate(c.present, c.expected - c.excused);
      c.recent_expected = std::max(line.recent_expected, t.recent_recorded);
      c.recent_present = t.recent_present;
      c.recent_rate = Rate(c.recent_present, c.recent_expected - t.recent_excused);
      const int earlier_base = (c.expected - c.recent_expected) - (c.excused - t.recent_excused);
      c.earlier_rate = Rate(c.present - c.recent_present, earlier_base);
      c.flagged = c.recent_expected - t.recent_excused > 0 && earlier_base > 0 &&
                  c.recent_rate < q.threshold && c.recent_rate < c.earlier_rate;
      Sum& sum = group_sums[{activity_id, group_id}];
      sum.present += c.present;
      sum.base += c.expected - c.excused;
      activity_present[activity_id] += c.present;

      const auto label = labels.find(child_id);
      if (label == labels.end()) continue;
      const detail::ChildLabel& l = label->second;
      // Lines included only as the children of a case worker's caseload need that permission.
      const bool as_case_worker = sel.case_children && sel.activities.count(activity_id) == 0 &&
                                  sel.groups.count(group_id) == 0;
      if (as_case_worker) {
        detail::ChildScope scope;
        scope.responsible = l.responsible_worker_id == actor.id;
        scope.in_unit = !actor.unit.empty() && l.responsible_unit == actor.unit;
        if (!detail::Authorize(w.actor, Operation::kReadActivities, scope, "").ok()) continue;
      }
      c.child_case_reference = l.case_reference;
      // A protected identity is shown only to the worker responsible for the child.
      if (!l.protected_identity || l.responsible_worker_id == actor.id) c.child_name = l.name;
      report.children.push_back(std::move(c));
      reported_children.insert(child_id);
    }
    std::sort(report.children.begin(), report.children.end(),
              [](const ChildAttendance& a, const ChildAttendance& b) {
                return std::tie(a.child_case_reference, a.activity_name, a.group_name) <
                       std::tie(b.child_case_reference, b.activity_name, b.group_name);
              });

    // Group fidelity.
    std::map<std::pair<std::string, long long>, Result<std::vector<MethodFinding>>> leader_checks;
    std::map<std::string, std::pair<int, int>> bounds;
    for (const auto& [group_id, g] : groups) {
      const auto activity = found.find(g.group.activity_id);
      if (activity == found.end()) continue;
      const std::string& method = activity->second.activity.method_id;
      GroupFidelity f;
      f.group_id = group_id;
      f.activity_name = activity->second.activity.name;
      f.group_name = g.group.name;
      f.leader_account = g.group.leader_account;
      if (g.leader_id == 0) {
        f.findings.push_back(
            {"warning", "no-leader", "trained-leader", g.group.name,
             TrFormat("group {} has no leader", Label(f.activity_name, f.group_name))});
      } else {
        auto check = leader_checks.find({method, g.leader_id});
        if (check == leader_checks.end()) {
          check = leader_checks
                      .emplace(std::make_pair(method, g.leader_id),
                               w.CheckLeaderWithMethod(method, g.leader_id))
                      .first;
        }
        if (check->second.ok()) {
          f.findings = *check->second;
          f.leader_trained =
              std::none_of(f.findings.begin(), f.findings.end(),
                           [](const MethodFinding& m) { return m.severity == "error"; });
        } else {
          f.findings.push_back({"warning", "leader-not-checked", "trained-leader",
                                g.group.leader_account, check->second.status().message()});
        }
      }
      auto bound = bounds.find(method);
      if (bound == bounds.end()) bound = bounds.emplace(method, w.GroupSizeBounds(method)).first;
      f.members = g.group.members;
      f.size_min = bound->second.first;
      f.size_max = bound->second.second;
      f.size_within_bounds = (f.size_min == 0 || f.members >= f.size_min) &&
                             (f.size_max == 0 || f.members <= f.size_max);
      const Counts& c = counts[{g.group.activity_id, group_id}];
      f.sessions_planned = c.scheduled + c.held;
      f.sessions_held = c.held;
      f.sessions_cancelled = c.cancelled;
      const Sum& sum = group_sums[{g.group.activity_id, group_id}];
      f.rate = Rate(sum.present, sum.base);
      report.groups.push_back(std::move(f));
    }
    std::sort(report.groups.begin(), report.groups.end(),
              [](const GroupFidelity& a, const GroupFidelity& b) {
                return std::tie(a.activity_name, a.group_name, a.group_id) <
                       std::tie(b.activity_name, b.group_name, b.group_id);
              });

    // Capacity use.
    for (long long id : sel.activities) {
      const auto activity = found.find(id);
      if (activity == found.end()) continue;
      const Activity& a = activity->second.activity;
      ActivityUse u;
      u.activity_id = id;
      u.activity_name = a.name;
      u.site_code = a.site_code;
      u.capacity = a.capacity;
      u.enrolled = activities.CountEnrolled(id, report.to);
      u.waiting = a.waiting;
      u.use = u.capacity > 0 ? static_cast<double>(u.enrolled) / u.capacity : 0.0;
      for (const auto& [key, c] : counts) {
        if (key.first == id) u.sessions_held += c.held;
      }
      u.average_present =
          u.sessions_held > 0 ? static_cast<double>(activity_present[id]) / u.sessions_held : 0.0;
      report.activities.push_back(std::move(u));
    }
    std::sort(report.activities.begin(), report.activities.end(),
              [](const ActivityUse& a, const ActivityUse& b) {
                return std::tie(a.site_code, a.activity_name, a.activity_id) <
                       std::tie(b.site_code, b.activity_name, b.activity_id);
              });

    w.Audit(action, entity_type, entity, {reported_children.begin(), reported_children.end()},
            fmt::format("{} to {}: {} child lines, {} groups, {} activities",
                        report.from.ToString(), report.to.ToString(), report.children.size(),
                        report.groups.size(), report.activities.size()));
    tx.Commit();
    return report;
  } catch (const std::exception& e) {
    return DatabaseError(e, _("reporting attendance"));
  }
}

KINBRIDGE_NAMESPACE_END
