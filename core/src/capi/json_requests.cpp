// Requests in: the JSON objects C callers pass, read into the Workspace API's request structs.
// Field names are those of the records out (json_records.cpp), so that what comes out can go
// back in; defaults are those of the kinbridge command.
#include <string>
#include <utility>
#include <vector>

#include "capi/json_input.h"
#include "capi/json_records.h"
#include "common/i18n.h"

namespace kinbridge::capi {

namespace {

using nlohmann::json;
constexpr bool kRequired = FieldReader::kRequired;

// The value, or the reader's first problem.
template <typename T>
Result<T> Done(const FieldReader& r, T value) {
  Status status = r.Finish();
  if (!status.ok()) return status;
  return value;
}

// Refuses two fields that exclude each other when both are given (`a_given`, `b_given`).
void Exclusive(FieldReader& r, const char* a, bool a_given, const char* b, bool b_given) {
  if (r.ok() && a_given && b_given) {
    r.Fail(Status::InvalidArgument(TrFormat(
        "fields '{}' and '{}' exclude each other (give one of them)", r.Name(a), r.Name(b))));
  }
}

void ReadSchedule(FieldReader& r, SessionSchedule& s, Date today) {
  s.first_day = today;
  r.Text("rrule", s.rrule, kRequired)
      .Day("first_day", s.first_day)
      .Text("time", s.start_time, kRequired)
      .Int("minutes", s.duration_minutes)
      .Day("last_day", s.last_day);
}

void ReadScheduleEdit(FieldReader& r, ScheduleEdit& e) {
  r.Text("rrule", e.rrule)
      .Text("time", e.start_time)
      .Day("first_day", e.first_day)
      .Int("minutes", e.duration_minutes);
  if (r.IsNull("last_day")) {
    e.open_ended = true;
  } else {
    r.Day("last_day", e.last_day);
  }
}

// The array field `key` of objects, each read by `read(reader_for_item, index)`.
template <typename ReadItem>
void ReadObjects(FieldReader& r, const char* key, bool required, ReadItem&& read) {
  const json* items = r.Raw(key);
  if (!r.ok()) return;
  if (items == nullptr) {
    if (required) r.Missing(key, N_("an array"));
    return;
  }
  if (!items->is_array()) {
    r.WrongType(key, *items, N_("an array"));
    return;
  }
  for (std::size_t i = 0; i < items->size() && r.ok(); ++i) {
    const std::string name = r.Name(key) + "[" + std::to_string(i) + "]";
    const json& item = (*items)[i];
    if (!item.is_object()) {
      r.Fail(Status::InvalidArgument(
          TrFormat("field '{}' is {} (expected {})", name, JsonTypeName(item), _("an object"))));
      return;
    }
    FieldReader inner(item, name + ".");
    read(inner);
    r.Fail(inner.Finish());
  }
}

}  // namespace

Result<CreateOptions> ReadCreateOptions(const json& in) {
  FieldReader r(in);
  CreateOptions c;
  std::string mode = "production";
  r.Text("municipality_code", c.municipality.code, kRequired)
      .Text("municipality_name", c.municipality.name, kRequired)
      .Text("country", c.municipality.country, kRequired)
      .Text("locale", c.municipality.locale, kRequired)
      .Text("time_zone", c.municipality.time_zone, kRequired)
      .Choice("mode", mode, {"production", "demo", "test"})
      .Text("administrator", c.administrator_account)
      .Text("administrator_name", c.administrator_name);
  c.mode = mode == "demo"   ? WorkspaceMode::kDemo
           : mode == "test" ? WorkspaceMode::kTest
                            : WorkspaceMode::kProduction;
  return Done(r, std::move(c));
}

Result<WorkspaceOptions> ReadWorkspaceOptions(const json& in) {
  FieldReader r(in);
  WorkspaceOptions o;
  r.Day("today", o.today)
      .Text("now", o.now_utc)
      .Text("account", o.account)
      .Text("purpose", o.purpose)
      .Int("busy_timeout_ms", o.busy_timeout_ms);
  return Done(r, std::move(o));
}

Result<NewWorker> ReadNewWorker(const json& in) {
  FieldReader r(in);
  NewWorker w;
  std::vector<std::string> roles;
  r.Text("account", w.os_account, kRequired)
      .Text("name", w.name, kRequired)
      .Text("unit", w.unit)
      .TextList("roles", roles);
  for (std::size_t i = 0; i < roles.size() && r.ok(); ++i) {
    Result<Role> role = ParseRole(roles[i]);
    if (!role.ok()) {
      const std::string name = "roles[" + std::to_string(i) + "]";
      r.Fail(r.FieldProblem(name.c_str(), role.status()));
    } else {
      w.roles.push_back(*role);
    }
  }
  return Done(r, std::move(w));
}

Result<NewChild> ReadNewChild(const json& in) {
  FieldReader r(in);
  NewChild c;
  r.Text("name", c.name, kRequired)
      .Day("birth_date", c.birth_date, kRequired)
      .Text("national_id", c.national_id)
      .Enum("national_id_scheme", c.national_id_scheme, &ParseNationalIdScheme)
      .TextList("languages", c.languages)
      .Text("school", c.school)
      .Bool("protected_identity", c.protected_identity)
      .Text("responsible_account", c.responsible_account);
  return Done(r, std::move(c));
}

Result<ChildChanges> ReadChildChanges(const json& in) {
  FieldReader r(in);
  ChildChanges c;
  r.Text("name", c.name)
      .Day("birth_date", c.birth_date)
      .Text("national_id", c.national_id)
      .Enum("national_id_scheme", c.national_id_scheme, &ParseNationalIdScheme)
      .TextList("languages", c.languages)
      .Text("school", c.school)
      .Bool("protected_identity", c.protected_identity);
  if (r.Has("expected_version")) {
    std::int64_t version = 0;
    r.Int64("expected_version", version);
    c.expected_version = version;
  }
  return Done(r, std::move(c));
}

Result<ChildQuery> ReadChildQuery(const json& in) {
  FieldReader r(in);
  ChildQuery q;
  std::string status = "open";
  r.Choice("status", status, {"open", "closed", "all"}).Text("search", q.name_contains);
  if (status == "closed") q.status = ChildStatus::kClosed;
  if (status == "all") q.status.reset();
  return Done(r, std::move(q));
}

Result<NewRelation> ReadNewRelation(const json& in) {
  FieldReader r(in);
  NewRelation n;
  r.Text("person_name", n.person_name, kRequired)
      .Enum("kind", n.kind, &ParseRelationKind, kRequired)
      .Text("description", n.description)
      .Day("birth_date", n.birth_date)
      .Bool("caregiver", n.caregiver)
      .Bool("in_contact", n.in_contact)
      .Text("registered_child", n.registered_child);
  return Done(r, std::move(n));
}

Result<NewRestriction> ReadNewRestriction(const json& in) {
  FieldReader r(in);
  NewRestriction n;
  r.Enum("kind", n.kind, &ParseRestrictionKind, kRequired)
      .Text("decision_reference", n.decision_reference, kRequired)
      .Text("reason", n.reason, kRequired)
      .Day("valid_from", n.valid_from, kRequired)
      .Day("valid_to", n.valid_to)
      .Day("review_date", n.review_date);
  return Done(r, std::move(n));
}

Result<RestrictionQuery> ReadRestrictionQuery(const json& in) {
  FieldReader r(in);
  RestrictionQuery q;
  r.Text("child", q.child).Bool("all", q.include_ended);
  return Done(r, std::move(q));
}

Result<NewPlacement> ReadNewPlacement(const json& in) {
  FieldReader r(in);
  NewPlacement n;
  r.Enum("type", n.type, &ParsePlacementType, kRequired)
      .Enum("legal_basis", n.legal_basis, &ParseLegalBasis, kRequired)
      .Text("legal_code", n.legal_code)
      .Text("caregivers", n.caregivers)
      .Day("start", n.start, kRequired)
      .Text("address", n.address)
      .Bool("address_protected", n.address_protected);
  return Done(r, std::move(n));
}

Result<Ending> ReadEnding(const json& in, const char* day_key, std::optional<Date> today,
                          bool reason_required) {
  FieldReader r(in);
  Ending e;
  e.day = today.value_or(Date());
  r.Day(day_key, e.day, !today.has_value()).Text("reason", e.reason, reason_required);
  return Done(r, std::move(e));
}

Result<ChildView> ReadChildView(const json& in, Date today) {
  FieldReader r(in);
  ChildView v{{}, today, "conversation"};
  r.Text("text", v.text, kRequired).Day("recorded_on", v.recorded_on).Text("how", v.how);
  return Done(r, std::move(v));
}

Result<NewArrangement> ReadNewArrangement(const json& in, Date today) {
  FieldReader r(in);
  NewArrangement a;
  a.first_day = today;
  a.start_time = "10:00";
  a.supervision = "unsupervised";
  r.Int64("relation_id", a.relation_id, kRequired)
      .Text("mode", a.mode, kRequired)
      .Text("rrule", a.rrule, kRequired)
      .Day("first_day", a.first_day)
      .Text("start_time", a.start_time)
      .Int("minutes", a.duration_minutes)
      .Text("supervision", a.supervision)
      .Text("venue", a.venue)
      .Text("transport", a.transport)
      .Text("conditions", a.conditions);
  return Done(r, std::move(a));
}

Result<ContactReport> ReadContactReport(const json& in) {
  FieldReader r(in);
  ContactReport c;
  r.Enum("outcome", c.outcome, &ParseContactOutcome, kRequired)
      .Bool("replacement_offered", c.replacement_offered)
      .Text("attended", c.attended)
      .Text("notes", c.notes)
      .Text("child_reaction", c.child_reaction)
      .Bool("amend", c.amend);
  return Done(r, std::move(c));
}

Result<ContactQuery> ReadContactQuery(const json& in, ContactList list, Date today) {
  FieldReader r(in);
  ContactQuery q;
  bool all = false, week = false;
  r.Text("child", q.child).Text("worker", q.worker).Bool("all", all);
  Exclusive(r, "child", !q.child.empty(), "worker", !q.worker.empty());
  Exclusive(r, "child", !q.child.empty(), "all", all);
  Exclusive(r, "worker", !q.worker.empty(), "all", all);
  if (list != ContactList::kOverdue) r.Day("from", q.from).Day("to", q.to);
  if (list == ContactList::kList) r.Bool("open", q.open_only);
  if (list == ContactList::kDue) r.Bool("week", week);
  if (!q.worker.empty()) {
    q.scope = ContactQuery::Scope::kWorker;
  } else if (all) {
    q.scope = ContactQuery::Scope::kVisible;
  }
  switch (list) {
    case ContactList::kList: break;
    case ContactList::kDue:
      q.open_only = true;
      if (!q.from) q.from = today;
      if (!q.to) q.to = week ? q.from->AddDays(6) : *q.from;
      break;
    case ContactList::kOverdue:
      q.open_only = true;
      q.to = today.AddDays(-1);
      break;
    case ContactList::kCalendar:
      if (!q.from) q.from = today;
      break;
  }
  return Done(r, std::move(q));
}

Result<ScheduleRequest> ReadScheduleRequest(const json& in, const char* scope_key, Date today) {
  FieldReader r(in);
  ScheduleRequest s;
  std::optional<int> days;
  r.Text(scope_key, s.scope).Day("through", s.through).Int("days", days);
  Exclusive(r, "through", s.through.has_value(), "days", days.has_value());
  if (days) s.through = today.AddDays(*days);
  return Done(r, std::move(s));
}

Result<AuditQuery> ReadAuditQuery(const json& in) {
  FieldReader r(in);
  AuditQuery q;
  r.Text("child", q.child).Text("worker", q.worker_account).Day("from", q.from).Day("to", q.to);
  return Done(r, std::move(q));
}

Result<NewSite> ReadNewSite(const json& in) {
  FieldReader r(in);
  NewSite s;
  r.Enum("kind", s.kind, &ParseSiteKind)
      .Text("code", s.code, kRequired)
      .Text("name", s.name, kRequired)
      .Text("address", s.address)
      .Int("capacity", s.capacity)
      .Text("opening_hours", s.opening_hours);
  return Done(r, std::move(s));
}

Result<SiteChanges> ReadSiteChanges(const json& in) {
  FieldReader r(in);
  SiteChanges c;
  r.Text("name", c.name)
      .Text("address", c.address)
      .Int("capacity", c.capacity)
      .Text("opening_hours", c.opening_hours);
  return Done(r, std::move(c));
}

Result<std::optional<SiteKind>> ReadSiteQuery(const json& in) {
  FieldReader r(in);
  std::optional<SiteKind> kind;
  r.Enum("kind", kind, &ParseSiteKind);
  return Done(r, kind);
}

Result<StaffRequest> ReadStaffRequest(const json& in, const char* day_key,
                                      std::optional<Date> today) {
  FieldReader r(in);
  StaffRequest s;
  s.day = today.value_or(Date());
  r.Text("site", s.site, kRequired)
      .Text("worker", s.worker, kRequired)
      .Day(day_key, s.day, !today.has_value());
  return Done(r, std::move(s));
}

Result<NewTraining> ReadNewTraining(const json& in) {
  FieldReader r(in);
  NewTraining t;
  r.Text("worker", t.worker_account, kRequired)
      .Text("method", t.method_id, kRequired)
      .Day("trained_on", t.trained_on, kRequired)
      .Text("trained_by", t.trained_by, kRequired)
      .Int("hours", t.hours)
      .Text("notes", t.notes);
  return Done(r, std::move(t));
}

Result<TrainingQuery> ReadTrainingQuery(const json& in) {
  FieldReader r(in);
  TrainingQuery q;
  r.Text("worker", q.worker_account).Text("method", q.method_id);
  return Done(r, std::move(q));
}

void ScheduleEdit::ApplyTo(SessionSchedule& schedule) const {
  if (rrule) schedule.rrule = *rrule;
  if (first_day) schedule.first_day = *first_day;
  if (start_time) schedule.start_time = *start_time;
  if (duration_minutes) schedule.duration_minutes = *duration_minutes;
  if (last_day) schedule.last_day = *last_day;
  if (open_ended) schedule.last_day.reset();
}

Result<NewActivity> ReadNewActivity(const json& in, Date today) {
  FieldReader r(in);
  NewActivity a;
  r.Text("site", a.site_code, kRequired)
      .Text("name", a.name, kRequired)
      .Enum("kind", a.kind, &ParseActivityKind)
      .Text("method", a.method_id);
  ReadSchedule(r, a.schedule, today);
  r.Int("capacity", a.capacity, kRequired).Text("leader", a.leader_account);
  return Done(r, std::move(a));
}

Result<ActivityEdit> ReadActivityEdit(const json& in) {
  FieldReader r(in);
  ActivityEdit e;
  r.Text("name", e.changes.name)
      .Int("capacity", e.changes.capacity)
      .Text("leader", e.changes.leader_account);
  ReadScheduleEdit(r, e.schedule);
  return Done(r, std::move(e));
}

Result<ActivityQuery> ReadActivityQuery(const json& in) {
  FieldReader r(in);
  ActivityQuery q;
  r.Text("site", q.site_code);
  return Done(r, std::move(q));
}

Result<EnrolOptions> ReadEnrolOptions(const json& in, Date today) {
  FieldReader r(in);
  EnrolOptions o;
  o.on = today;
  r.Day("on", o.on).Bool("waiting_list", o.waiting_list).Text("note", o.note);
  return Done(r, std::move(o));
}

Result<GroupProposal> ReadGroupProposal(const json& in, Date today) {
  FieldReader r(in);
  GroupProposal p;
  r.Int64("activity", p.activity_id, kRequired)
      .Ignore("method")
      .Ignore("method_chain")
      .Ignore("unplaced")
      .Ignore("findings");
  ReadObjects(r, "groups", kRequired, [&](FieldReader& g) {
    ProposedGroup group;
    g.Ignore("number")
        .Ignore("size")
        .Text("name", group.name, kRequired)
        .TextList("members", group.members)
        .Text("leader", group.leader_account)
        .Text("venue", group.venue)
        .Text("rationale", group.rationale);
    if (g.Has("rrule")) {
      ReadSchedule(g, group.schedule, today);
    } else {
      g.Ignore("first_day").Ignore("time").Ignore("minutes").Ignore("last_day");
    }
    p.groups.push_back(std::move(group));
  });
  return Done(r, std::move(p));
}

Result<NewGroup> ReadNewGroup(const json& in, Date today) {
  FieldReader r(in);
  NewGroup g;
  r.Int64("activity_id", g.activity_id, kRequired)
      .Text("name", g.name, kRequired)
      .Text("leader", g.leader_account)
      .Text("venue", g.venue)
      .TextList("members", g.members);
  if (r.Has("rrule")) ReadSchedule(r, g.schedule, today);
  return Done(r, std::move(g));
}

Result<GroupEdit> ReadGroupEdit(const json& in) {
  FieldReader r(in);
  GroupEdit e;
  r.Text("name", e.changes.name).Text("leader", e.changes.leader_account);
  ReadScheduleEdit(r, e.schedule);
  return Done(r, std::move(e));
}

Result<Date> ReadDay(const json& in, const char* day_key, std::optional<Date> today) {
  FieldReader r(in);
  Date day = today.value_or(Date());
  r.Day(day_key, day, !today.has_value());
  return Done(r, day);
}

Result<SessionQuery> ReadSessionQuery(const json& in) {
  FieldReader r(in);
  SessionQuery q;
  r.Text("site", q.site_code)
      .Int64("activity_id", q.activity_id)
      .Int64("group_id", q.group_id)
      .Day("from", q.from)
      .Day("to", q.to)
      .Bool("mine", q.mine);
  return Done(r, std::move(q));
}

Result<NewSession> ReadNewSession(const json& in) {
  FieldReader r(in);
  NewSession s;
  r.Int64("activity_id", s.activity_id, kRequired)
      .Int64("group_id", s.group_id)
      .Day("day", s.day, kRequired)
      .Text("time", s.start_time, kRequired)
      .Int("minutes", s.duration_minutes);
  return Done(r, std::move(s));
}

Result<AttendanceSheet> ReadAttendanceSheet(const json& in) {
  FieldReader r(in);
  AttendanceSheet sheet;
  ReadObjects(r, "entries", false, [&](FieldReader& e) {
    AttendanceEntry entry;
    e.Text("child", entry.child, kRequired)
        .Enum("mark", entry.mark, &ParseAttendanceMark, kRequired)
        .Text("note", entry.note);
    sheet.entries.push_back(std::move(entry));
  });
  r.Enum("everyone_else", sheet.everyone_else, &ParseAttendanceMark).Bool("amend", sheet.amend);
  return Done(r, std::move(sheet));
}

Result<AttendanceReportQuery> ReadAttendanceReportQuery(const json& in) {
  FieldReader r(in);
  AttendanceReportQuery q;
  r.Text("site", q.site_code)
      .Int64("activity_id", q.activity_id)
      .Int64("group_id", q.group_id)
      .Text("child", q.child)
      .Day("from", q.from)
      .Day("to", q.to)
      .Number("threshold", q.threshold)
      .Int("recent_days", q.recent_days);
  return Done(r, std::move(q));
}

}  // namespace kinbridge::capi
