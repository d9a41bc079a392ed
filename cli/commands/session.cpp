// kinbridge session schedule|list|show|add|cancel and attendance record|list: the sessions of
// activities and who attended them.
#include <map>
#include <memory>

#include "commands/commands.h"
#include "tr.h"
#include "views.h"

namespace kinbridge::cli {

namespace {

struct ScheduleCommandOptions {
  std::string site, through;
  int days = 0;
};

struct ListOptions {
  std::string site, from, to;
  std::int64_t activity = 0, group = 0;
  bool today = false, week = false, mine = false;
};

// Fills the query's window from --from/--to, --today or --week; false after reporting an error.
bool ParseWindow(Context& ctx, Workspace& ws, const ListOptions& o, SessionQuery& query) {
  if (o.today) {
    query.from = query.to = ws.Today();
    return true;
  }
  if (o.week) {
    query.from = ws.Today();
    query.to = ws.Today().AddDays(6);
    return true;
  }
  return ctx.ParseDateWindow(o.from, o.to, query.from, query.to);
}

struct AddOptions {
  std::int64_t activity = 0, group = 0;
  std::string on, at;
  int minutes = 60;
};

struct CancelOptions {
  std::int64_t session = 0;
  std::string reason;
};

// A session with its attendance (session show, attendance record).
Record SessionRecord(Context& ctx, Workspace& ws, const Session& session) {
  Record record{SessionFields(session), {}};
  Section attendance{"attendance", _("Attendance"), AttendanceColumns(), {}};
  Status status = ws.ForEachAttendance(session.id, [&](const AttendanceRecord& r) {
    attendance.rows.push_back(AttendanceRow(r));
    return true;
  });
  if (!status.ok()) ctx.Fail(status);
  record.sections = {std::move(attendance)};
  return record;
}

void SetupSession(CLI::App& app, Context& ctx) {
  CLI::App* group = app.add_subcommand("session", _("Sessions of activities and groups"));

  auto schedule = std::make_shared<ScheduleCommandOptions>();
  CLI::App* cmd = group->add_subcommand(
      "schedule", _("Create the sessions of activities up to a day (idempotent)"));
  cmd->add_option("--site", schedule->site, _("Only this site's activities (code)"));
  CLI::Option* through = cmd->add_option("--through", schedule->through,
                                         _("Last day, YYYY-MM-DD (default: in 90 days)"));
  cmd->add_option("--days", schedule->days, _("Days ahead from today"))->excludes(through);
  cmd->callback([&ctx, schedule] {
    auto ws = ctx.OpenWorkspace();
    if (!ws) return;
    std::optional<Date> last;
    if (!schedule->through.empty()) {
      auto date = ctx.ParseDate(schedule->through, N_("through"));
      if (!date) return;
      last = *date;
    } else if (schedule->days != 0) {
      last = ws->Today().AddDays(schedule->days);
    }
    Result<SessionScheduleResult> r = ws->ScheduleSessions(schedule->site, last);
    if (!r.ok()) return ctx.Fail(r.status());
    ctx.Note(TrPlural(
        "Scheduled {} new session through {}.", "Scheduled {} new sessions through {}.",
        static_cast<unsigned long>(r->created), r->created, LocalDate(r->through.ToString())));
    PrintRecord(ctx.format(), ctx.out(),
                {{{"through", _("Through"), DateValue(r->through)},
                  {"created", _("New sessions"), r->created}},
                 {}});
  });

  auto list = std::make_shared<ListOptions>();
  cmd = group->add_subcommand(
      "list", _("List sessions in time order (teachers: the sessions of the groups they lead)"));
  cmd->add_option("--site", list->site, _("Only this site's (code)"));
  cmd->add_option("--activity", list->activity, _("Only this activity's (id)"));
  cmd->add_option("--group", list->group, _("Only this group's (id)"));
  CLI::Option* today = cmd->add_flag("--today", list->today, _("Today"));
  CLI::Option* week = cmd->add_flag("--week", list->week, _("Today and the next six days"));
  CLI::Option* from = cmd->add_option("--from", list->from, _("First day, YYYY-MM-DD"));
  CLI::Option* to = cmd->add_option("--to", list->to, _("Last day, YYYY-MM-DD"));
  today->excludes(week)->excludes(from)->excludes(to);
  week->excludes(from)->excludes(to);
  cmd->add_flag("--mine", list->mine, _("Only the sessions you lead"));
  cmd->callback([&ctx, list] {
    auto ws = ctx.OpenWorkspace();
    if (!ws) return;
    SessionQuery q;
    q.site_code = list->site;
    q.activity_id = list->activity;
    q.group_id = list->group;
    q.mine = list->mine;
    if (!ParseWindow(ctx, *ws, *list, q)) return;
    RowWriter writer(ctx.format(), ctx.out(), SessionColumns());
    Status status = ws->ForEachSession(q, [&](const Session& s) {
      writer.Write(SessionRow(s));
      return true;
    });
    if (!status.ok()) return ctx.Fail(status);
    writer.Finish();
  });

  auto show = std::make_shared<std::int64_t>(0);
  cmd = group->add_subcommand("show", _("Show a session with its attendance"));
  cmd->add_option("session", *show, _("Session id"))->required();
  cmd->callback([&ctx, show] {
    auto ws = ctx.OpenWorkspace();
    if (!ws) return;
    Result<Session> s = ws->GetSession(*show);
    if (!s.ok()) return ctx.Fail(s.status());
    Record record = SessionRecord(ctx, *ws, *s);
    if (ctx.exit_code() != kExitOk) return;
    PrintRecord(ctx.format(), ctx.out(), record);
  });

  auto add = std::make_shared<AddOptions>();
  cmd = group->add_subcommand(
      "add", _("Add an extra session outside the schedule (a make-up session, an outing)"));
  cmd->add_option("--activity", add->activity, _("Activity id"))->required();
  cmd->add_option("--group", add->group, _("Group id (required when the activity has groups)"));
  cmd->add_option("--on", add->on, _("Day, YYYY-MM-DD"))->required();
  cmd->add_option("--at", add->at, _("Local time, HH:MM"))->required();
  cmd->add_option("--minutes", add->minutes, _("Duration in minutes (default: 60)"));
  cmd->callback([&ctx, add] {
    auto ws = ctx.OpenWorkspace();
    if (!ws) return;
    auto day = ctx.ParseDate(add->on, N_("day"));
    if (!day) return;
    NewSession in;
    in.activity_id = add->activity;
    in.group_id = add->group;
    in.day = *day;
    in.start_time = add->at;
    in.duration_minutes = add->minutes;
    Result<Session> s = ws->AddSession(in);
    if (!s.ok()) return ctx.Fail(s.status());
    ctx.Note(TrFormat("Added session {} of activity {} on {} at {}.", s->id, s->activity_id,
                      LocalDate(s->local_day.ToString()), s->local_start));
    PrintRecord(ctx.format(), ctx.out(), Record{SessionFields(*s), {}});
  });

  auto cancel = std::make_shared<CancelOptions>();
  cmd = group->add_subcommand("cancel", _("Cancel a session"));
  cmd->add_option("session", cancel->session, _("Session id"))->required();
  cmd->add_option("--reason", cancel->reason, _("Why it is cancelled"))->required();
  cmd->callback([&ctx, cancel] {
    auto ws = ctx.OpenWorkspace();
    if (!ws) return;
    Result<Session> s = ws->CancelSession(cancel->session, cancel->reason);
    if (!s.ok()) return ctx.Fail(s.status());
    ctx.Note(TrFormat("Cancelled session {} on {}.", s->id, LocalDate(s->local_day.ToString())));
    PrintRecord(ctx.format(), ctx.out(), Record{SessionFields(*s), {}});
  });
}

struct RecordOptions {
  std::int64_t session = 0;
  std::vector<std::string> present, absent, excused, notes;
  std::string others;
  bool amend = false;
};

// The attendance sheet the options give; InvalidArgument naming a bad mark, a bad --note or a
// child given twice.
Result<AttendanceSheet> MakeSheet(const RecordOptions& o) {
  AttendanceSheet sheet;
  sheet.amend = o.amend;
  if (!o.others.empty()) {
    Result<AttendanceMark> mark = ParseAttendanceMark(o.others);
    if (!mark.ok()) return mark.status();
    sheet.everyone_else = *mark;
  }
  std::map<std::string, std::string> notes;
  for (const std::string& note : o.notes) {
    const auto equals = note.find('=');
    if (equals == std::string::npos || equals == 0) {
      return Status::InvalidArgument(
          TrFormat("--note '{}' is not CHILD=TEXT (expected a case reference, '=' and the note, "
                   "e.g. --note HSN-2026-0001='came late')",
                   note));
    }
    const std::string child = note.substr(0, equals);
    if (!notes.emplace(child, note.substr(equals + 1)).second) {
      return Status::InvalidArgument(TrFormat("--note gives child {} twice", child));
    }
  }
  std::map<std::string, AttendanceMark> marked;
  for (const auto& [children, mark] : {std::pair{&o.present, AttendanceMark::kPresent},
                                       std::pair{&o.absent, AttendanceMark::kAbsent},
                                       std::pair{&o.excused, AttendanceMark::kExcused}}) {
    for (const std::string& child : *children) {
      if (child.empty()) continue;
      auto [it, inserted] = marked.emplace(child, mark);
      if (!inserted) {
        return Status::InvalidArgument(TrFormat("child {} is marked both {} and {}", child,
                                                AttendanceMarkLabel(it->second).text,
                                                AttendanceMarkLabel(mark).text));
      }
      AttendanceEntry entry;
      entry.child = child;
      entry.mark = mark;
      if (auto n = notes.find(child); n != notes.end()) {
        entry.note = n->second;
        notes.erase(n);
      }
      sheet.entries.push_back(std::move(entry));
    }
  }
  // A note for a child not marked by name: the child gets the mark of everyone else.
  for (const auto& [child, text] : notes) {
    if (!sheet.everyone_else) {
      return Status::InvalidArgument(
          TrFormat("--note for child {}, who is not marked; give the child in --present, "
                   "--absent or --excused, or give --others",
                   child));
    }
    sheet.entries.push_back({child, *sheet.everyone_else, text});
  }
  return sheet;
}

void SetupAttendance(CLI::App& app, Context& ctx) {
  CLI::App* group = app.add_subcommand("attendance", _("Who attended a session"));

  auto rec = std::make_shared<RecordOptions>();
  CLI::App* cmd = group->add_subcommand(
      "record", _("Record the attendance of a whole session; the session becomes held"));
  cmd->add_option("session", rec->session, _("Session id"))->required();
  cmd->add_option("--present", rec->present, _("Children present: case references, commas"))
      ->delimiter(',');
  cmd->add_option("--absent", rec->absent, _("Children absent: case references, commas"))
      ->delimiter(',');
  cmd->add_option("--excused", rec->excused,
                  _("Children excused (absence agreed beforehand): case references, commas"))
      ->delimiter(',');
  cmd->add_option("--others", rec->others,
                  _("present, absent or excused: the mark of every expected child not named"));
  cmd->add_option("--note", rec->notes, _("A note about one child: CHILD=TEXT; repeat for more"));
  cmd->add_flag("--amend", rec->amend, _("Replace attendance recorded earlier"));
  cmd->callback([&ctx, rec] {
    Result<AttendanceSheet> sheet = MakeSheet(*rec);
    if (!sheet.ok()) return ctx.Fail(sheet.status());
    auto ws = ctx.OpenWorkspace();
    if (!ws) return;
    Result<AttendanceResult> r = ws->RecordAttendance(rec->session, *sheet);
    if (!r.ok()) return ctx.Fail(r.status());
    const Session& s = r->session;
    Record record = SessionRecord(ctx, *ws, s);
    if (ctx.exit_code() != kExitOk) return;
    std::vector<std::string> events;
    for (std::int64_t id : r->contact_events_logged) events.push_back(std::to_string(id));
    record.fields.push_back({"recorded", _("Marks recorded"), std::int64_t{r->recorded}});
    record.fields.push_back(
        {"contact_events_logged", _("Contact events logged as held"), ListValue(events)});
    ctx.Note(TrFormat(
        "Recorded attendance of session {} ({}, {}): {} present, {} absent, {} "
        "excused.",
        s.id, s.activity_name, LocalDate(s.local_day.ToString()), s.present, s.absent, s.excused));
    if (!events.empty()) {
      std::string ids;
      for (const std::string& id : events) ids += (ids.empty() ? "" : ", ") + id;
      ctx.Note(TrPlural("Logged {} contact event as held: {}.",
                        "Logged {} contact events as held: {}.", events.size(), events.size(),
                        ids));
    }
    PrintRecord(ctx.format(), ctx.out(), record);
  });

  auto list = std::make_shared<std::int64_t>(0);
  cmd = group->add_subcommand("list", _("A session's attendance"));
  cmd->add_option("session", *list, _("Session id"))->required();
  cmd->callback([&ctx, list] {
    auto ws = ctx.OpenWorkspace();
    if (!ws) return;
    RowWriter writer(ctx.format(), ctx.out(), AttendanceColumns());
    Status status = ws->ForEachAttendance(*list, [&](const AttendanceRecord& r) {
      writer.Write(AttendanceRow(r));
      return true;
    });
    if (!status.ok()) return ctx.Fail(status);
    writer.Finish();
  });
}

}  // namespace

void SetupSessionCommand(CLI::App& app, Context& ctx) {
  SetupSession(app, ctx);
  SetupAttendance(app, ctx);
}

}  // namespace kinbridge::cli
