// kinbridge contact schedule|list|due|overdue|show|log|ical: contact events.
#include <memory>

#include "commands/commands.h"
#include "tr.h"
#include "views.h"

namespace kinbridge::cli {

namespace {

// Who the list is for: --child, --worker or --all; default the acting worker's caseload.
struct ScopeOptions {
  std::string child, worker;
  bool all = false;
};

void AddScopeOptions(CLI::App* cmd, ScopeOptions& o, bool with_child) {
  CLI::Option* worker =
      cmd->add_option("--worker", o.worker, _("A worker's caseload (account; default: yours)"));
  CLI::Option* all = cmd->add_flag(
      "--all", o.all, _("Every child you may read: your unit (supervisors), the municipality"));
  worker->excludes(all);
  if (with_child) {
    CLI::Option* child =
        cmd->add_option("--child", o.child, _("One child: case reference or uuid"));
    child->excludes(worker)->excludes(all);
  }
}

ContactQuery MakeQuery(const ScopeOptions& o) {
  ContactQuery q;
  q.child = o.child;
  if (!o.worker.empty()) {
    q.scope = ContactQuery::Scope::kWorker;
    q.worker = o.worker;
  } else if (o.all) {
    q.scope = ContactQuery::Scope::kVisible;
  }
  return q;
}

void ListEvents(Context& ctx, Workspace& ws, const ContactQuery& query) {
  RowWriter writer(ctx.format(), ctx.out(), EventColumns());
  Status status = ws.ForEachContactEvent(query, [&](const ContactEvent& e) {
    writer.Write(EventRow(e));
    return true;
  });
  if (!status.ok()) return ctx.Fail(status);
  writer.Finish();
}

struct WindowOptions : ScopeOptions {
  bool today = false, week = false, open = false;
  std::string from, to, output;
  int days = 0;
};

// Fills query.from/to from --from/--to; false after reporting a bad date.
bool ParseWindow(Context& ctx, const WindowOptions& o, ContactQuery& query) {
  return ctx.ParseDateWindow(o.from, o.to, query.from, query.to);
}

struct LogOptions {
  std::int64_t event = 0;
  std::string outcome, attended, notes, reaction;
  bool replacement = false, amend = false;
};

}  // namespace

void SetupContactCommand(CLI::App& app, Context& ctx) {
  CLI::App* group =
      app.add_subcommand("contact", _("Contact events: schedule, due lists, outcomes, calendars"));

  auto schedule = std::make_shared<WindowOptions>();
  CLI::App* cmd = group->add_subcommand(
      "schedule", _("Create the events of active plans up to a day (idempotent)"));
  cmd->add_option("--child", schedule->child, _("One child: case reference or uuid"));
  CLI::Option* through =
      cmd->add_option("--through", schedule->to, _("Last day, YYYY-MM-DD (default: in 90 days)"));
  cmd->add_option("--days", schedule->days, _("Days ahead from today"))->excludes(through);
  cmd->callback([&ctx, schedule] {
    auto ws = ctx.OpenWorkspace();
    if (!ws) return;
    std::optional<Date> last;
    if (!schedule->to.empty()) {
      auto date = ctx.ParseDate(schedule->to, N_("through"));
      if (!date) return;
      last = *date;
    } else if (schedule->days != 0) {
      last = ws->Today().AddDays(schedule->days);
    }
    Result<ScheduleResult> r = ws->ScheduleContacts(schedule->child, last);
    if (!r.ok()) return ctx.Fail(r.status());
    // Each count takes its own plural form; the sentence puts them together.
    ctx.Note(TrFormat("Scheduled {} for {} through {} ({} withheld by restrictions).",
                      TrPlural("{} new event", "{} new events",
                               static_cast<unsigned long>(r->created), r->created),
                      TrPlural("{} active plan", "{} active plans",
                               static_cast<unsigned long>(r->plans), r->plans),
                      LocalDate(r->through.ToString()), r->withheld));
    PrintRecord(ctx.format(), ctx.out(),
                {{{"through", _("Through"), DateValue(r->through)},
                  {"plans", _("Active plans"), r->plans},
                  {"created", _("New events"), r->created},
                  {"withheld", _("Withheld by restrictions"), r->withheld}},
                 {}});
  });

  auto list = std::make_shared<WindowOptions>();
  cmd = group->add_subcommand("list", _("List contact events with their outcomes"));
  AddScopeOptions(cmd, *list, true);
  cmd->add_option("--from", list->from, _("First day, YYYY-MM-DD"));
  cmd->add_option("--to", list->to, _("Last day, YYYY-MM-DD"));
  cmd->add_flag("--open", list->open, _("Only events still waiting for an outcome"));
  cmd->callback([&ctx, list] {
    auto ws = ctx.OpenWorkspace();
    if (!ws) return;
    ContactQuery q = MakeQuery(*list);
    q.open_only = list->open;
    if (!ParseWindow(ctx, *list, q)) return;
    ListEvents(ctx, *ws, q);
  });

  auto due = std::make_shared<WindowOptions>();
  cmd = group->add_subcommand(
      "due", _("Contacts due today, this week or in a window, waiting for an outcome"));
  AddScopeOptions(cmd, *due, false);
  CLI::Option* today = cmd->add_flag("--today", due->today, _("Today (the default)"));
  CLI::Option* week = cmd->add_flag("--week", due->week, _("Today and the next six days"));
  CLI::Option* from = cmd->add_option("--from", due->from, _("First day, YYYY-MM-DD"));
  CLI::Option* to = cmd->add_option("--to", due->to, _("Last day, YYYY-MM-DD"));
  today->excludes(week)->excludes(from)->excludes(to);
  week->excludes(from)->excludes(to);
  from->needs(to);
  to->needs(from);
  cmd->callback([&ctx, due] {
    auto ws = ctx.OpenWorkspace();
    if (!ws) return;
    ContactQuery q = MakeQuery(*due);
    q.open_only = true;
    if (!ParseWindow(ctx, *due, q)) return;
    if (!q.from) {
      q.from = ws->Today();
      q.to = due->week ? ws->Today().AddDays(6) : ws->Today();
    }
    ListEvents(ctx, *ws, q);
  });

  auto overdue = std::make_shared<WindowOptions>();
  cmd = group->add_subcommand("overdue", _("Past contacts with no outcome logged"));
  AddScopeOptions(cmd, *overdue, false);
  cmd->callback([&ctx, overdue] {
    auto ws = ctx.OpenWorkspace();
    if (!ws) return;
    ContactQuery q = MakeQuery(*overdue);
    q.open_only = true;
    q.to = ws->Today().AddDays(-1);
    ListEvents(ctx, *ws, q);
  });

  auto show = std::make_shared<std::int64_t>(0);
  cmd = group->add_subcommand("show", _("Show one contact event"));
  cmd->add_option("event", *show, _("Event id"))->required();
  cmd->callback([&ctx, show] {
    auto ws = ctx.OpenWorkspace();
    if (!ws) return;
    Result<ContactEvent> e = ws->GetContactEvent(*show);
    if (!e.ok()) return ctx.Fail(e.status());
    PrintRecord(ctx.format(), ctx.out(), EventRecord(*e));
  });

  auto log = std::make_shared<LogOptions>();
  cmd = group->add_subcommand("log", _("Record what happened at a contact"));
  cmd->add_option("event", log->event, _("Event id"))->required();
  cmd->add_option("--outcome", log->outcome,
                  _("held, held-late, ended-early, cancelled-by-parent, cancelled-by-child, "
                    "cancelled-by-carer, cancelled-by-service or no-show"))
      ->required();
  cmd->add_flag("--replacement-offered", log->replacement, _("A replacement contact was offered"));
  cmd->add_option("--attended", log->attended, _("Who attended"));
  cmd->add_option("--notes", log->notes, _("Notes"));
  cmd->add_option("--reaction", log->reaction, _("The child's reaction"));
  cmd->add_flag("--amend", log->amend, _("Replace an outcome logged earlier"));
  cmd->callback([&ctx, log] {
    Result<ContactOutcome> outcome = ParseContactOutcome(log->outcome);
    if (!outcome.ok()) return ctx.Fail(outcome.status());
    auto ws = ctx.OpenWorkspace();
    if (!ws) return;
    ContactReport report;
    report.outcome = *outcome;
    report.replacement_offered = log->replacement;
    report.attended = log->attended;
    report.notes = log->notes;
    report.child_reaction = log->reaction;
    report.amend = log->amend;
    Result<ContactEvent> e = ws->LogContact(log->event, report);
    if (!e.ok()) return ctx.Fail(e.status());
    ctx.Note(
        TrFormat("Logged contact event {}: {}.", e->id, ContactOutcomeLabel(*e->outcome).text));
    PrintRecord(ctx.format(), ctx.out(), EventRecord(*e));
  });

  auto ical = std::make_shared<WindowOptions>();
  cmd = group->add_subcommand(
      "ical", _("Write a child's or a worker's contacts as an iCalendar file (.ics)"));
  CLI::Option* child = cmd->add_option("--child", ical->child, _("Case reference or uuid"));
  CLI::Option* worker =
      cmd->add_option("--worker", ical->worker, _("A worker's caseload (account)"));
  child->excludes(worker);
  cmd->add_option("-o,--output", ical->output, _("The file to write"))->required();
  cmd->add_option("--from", ical->from, _("First day, YYYY-MM-DD (default: today)"));
  cmd->add_option("--to", ical->to, _("Last day, YYYY-MM-DD (default: all scheduled)"));
  cmd->callback([&ctx, ical] {
    if (ical->child.empty() && ical->worker.empty()) {
      return ctx.FailUsage(_("give --child REF or --worker ACCOUNT"));
    }
    auto ws = ctx.OpenWorkspace();
    if (!ws) return;
    ContactQuery q = MakeQuery(*ical);
    if (!ParseWindow(ctx, *ical, q)) return;
    if (!q.from) q.from = ws->Today();
    Result<std::string> calendar = ws->ContactCalendar(q);
    if (!calendar.ok()) return ctx.Fail(calendar.status());
    if (Status written = WriteFileAtomically(ical->output, *calendar); !written.ok()) {
      return ctx.Fail(written);
    }
    ctx.Note(TrFormat("Wrote {}.", ical->output));
    if (ctx.format() != OutputFormat::kTable) {
      // The calendar's events, counted as a calendar program reads them.
      std::int64_t events = 0;
      for (std::size_t at = calendar->find("BEGIN:VEVENT"); at != std::string::npos;
           at = calendar->find("BEGIN:VEVENT", at + 1)) {
        ++events;
      }
      PrintRecord(ctx.format(), ctx.out(),
                  Record{{{"file", _("File"), ical->output},
                          {"from", _("From"), q.from->ToString()},
                          {"to", _("To"), q.to ? Value(q.to->ToString()) : Value()},
                          {"events", _("Events"), events}},
                         {}});
    }
  });
}

}  // namespace kinbridge::cli
