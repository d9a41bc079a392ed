// kinbridge centre|school add|list|show|edit, staff add|end|list, training add|list: support
// centres and schools, who works there, and workers' training in methods.
#include <memory>

#include "commands/commands.h"
#include "tr.h"
#include "views.h"

namespace kinbridge::cli {

namespace {

// The texts that differ between `centre` and `school`; one implementation serves both.
struct SiteTexts {
  SiteKind kind;
  const char* command;  // "centre", "school"
  const char* group_help;
  const char* add_help;
  const char* list_help;
  const char* show_help;
  const char* edit_help;
  const char* added;    // "Added support centre {}: {}."
  const char* changed;  // "Changed support centre {}."
  const char* other;    // "{} is a school, not a support centre; see `kinbridge school show {}`"
};

const SiteTexts kCentreTexts{
    SiteKind::kCentre,
    "centre",
    N_("Support centres: add, list, show, edit"),
    N_("Add a support centre (administrators)"),
    N_("List support centres"),
    N_("Show a support centre with its staff and activities"),
    N_("Change a support centre's details (administrators)"),
    N_("Added support centre {}: {}."),
    N_("Changed support centre {}."),
    N_("{} is a school, not a support centre; see `kinbridge school show {}`"),
};

const SiteTexts kSchoolTexts{
    SiteKind::kSchool,
    "school",
    N_("Schools: add, list, show, edit"),
    N_("Add a school (administrators)"),
    N_("List schools"),
    N_("Show a school with its staff and activities"),
    N_("Change a school's details (administrators)"),
    N_("Added school {}: {}."),
    N_("Changed school {}."),
    N_("{} is a support centre, not a school; see `kinbridge centre show {}`"),
};

// The site with `code`, refused when it is of the other kind.
Result<Site> GetSiteOfKind(Workspace& ws, const SiteTexts& texts, const std::string& code) {
  Result<Site> site = ws.GetSite(code);
  if (!site.ok()) return site;
  if (site->kind != texts.kind) {
    return Status::NotFound(TrFormat(texts.other, site->code, site->code));
  }
  return site;
}

struct SiteAddOptions {
  std::string code, name, address, hours;
  int capacity = 0;
};

struct SiteEditOptions {
  std::string code;
  std::optional<std::string> name, address, hours;
  std::optional<int> capacity;
};

void PrintSite(Context& ctx, Workspace& ws, const Site& site) {
  Record record{SiteFields(site), {}};
  Section staff{"staff", _("Staff"), StaffColumns(), {}};
  Status status = ws.ForEachStaff(site.code, [&](const StaffAssignment& a) {
    staff.rows.push_back(StaffRow(a));
    return true;
  });
  if (!status.ok()) return ctx.Fail(status);
  Section activities{"activities", _("Activities"), ActivityColumns(), {}};
  ActivityQuery query;
  query.site_code = site.code;
  status = ws.ForEachActivity(query, [&](const Activity& a) {
    activities.rows.push_back(ActivityRow(a));
    return true;
  });
  if (!status.ok()) return ctx.Fail(status);
  record.sections = {std::move(staff), std::move(activities)};
  PrintRecord(ctx.format(), ctx.out(), record);
}

void SetupSiteCommand(CLI::App& app, Context& ctx, const SiteTexts& texts) {
  CLI::App* group = app.add_subcommand(texts.command, _(texts.group_help));

  auto add = std::make_shared<SiteAddOptions>();
  CLI::App* cmd = group->add_subcommand("add", _(texts.add_help));
  cmd->add_option("--code", add->code,
                  _("Short code, unique in the workspace: letters, digits, '-' and '_'"))
      ->required();
  cmd->add_option("--name", add->name, _("Name"))->required();
  cmd->add_option("--address", add->address, _("Address"));
  cmd->add_option("--capacity", add->capacity, _("Children it can take at once"));
  cmd->add_option("--hours", add->hours, _("Opening hours, as text (Mon-Fri 14:00-20:00)"));
  cmd->callback([&ctx, &texts, add] {
    auto ws = ctx.OpenWorkspace();
    if (!ws) return;
    NewSite in;
    in.kind = texts.kind;
    in.code = add->code;
    in.name = add->name;
    in.address = add->address;
    in.capacity = add->capacity;
    in.opening_hours = add->hours;
    Result<Site> site = ws->AddSite(in);
    if (!site.ok()) return ctx.Fail(site.status());
    ctx.Note(TrFormat(texts.added, site->code, site->name));
    PrintRecord(ctx.format(), ctx.out(), Record{SiteFields(*site), {}});
  });

  cmd = group->add_subcommand("list", _(texts.list_help));
  cmd->callback([&ctx, &texts] {
    auto ws = ctx.OpenWorkspace();
    if (!ws) return;
    RowWriter writer(ctx.format(), ctx.out(), SiteColumns());
    Status status = ws->ForEachSite(texts.kind, [&](const Site& s) {
      writer.Write(SiteRow(s));
      return true;
    });
    if (!status.ok()) return ctx.Fail(status);
    writer.Finish();
  });

  auto show = std::make_shared<std::string>();
  cmd = group->add_subcommand("show", _(texts.show_help));
  cmd->add_option("code", *show, _("Code"))->required();
  cmd->callback([&ctx, &texts, show] {
    auto ws = ctx.OpenWorkspace();
    if (!ws) return;
    Result<Site> site = GetSiteOfKind(*ws, texts, *show);
    if (!site.ok()) return ctx.Fail(site.status());
    PrintSite(ctx, *ws, *site);
  });

  auto edit = std::make_shared<SiteEditOptions>();
  cmd = group->add_subcommand("edit", _(texts.edit_help));
  cmd->add_option("code", edit->code, _("Code"))->required();
  cmd->add_option("--name", edit->name, _("New name"));
  cmd->add_option("--address", edit->address, _("New address"));
  cmd->add_option("--capacity", edit->capacity, _("Children it can take at once"));
  cmd->add_option("--hours", edit->hours, _("Opening hours, as text"));
  cmd->callback([&ctx, &texts, edit] {
    if (!edit->name && !edit->address && !edit->capacity && !edit->hours) {
      return ctx.FailUsage(_("nothing to change: give --name, --address, --capacity or --hours"));
    }
    auto ws = ctx.OpenWorkspace();
    if (!ws) return;
    if (Result<Site> site = GetSiteOfKind(*ws, texts, edit->code); !site.ok()) {
      return ctx.Fail(site.status());
    }
    SiteChanges changes;
    changes.name = edit->name;
    changes.address = edit->address;
    changes.opening_hours = edit->hours;
    changes.capacity = edit->capacity;
    Result<Site> site = ws->EditSite(edit->code, changes);
    if (!site.ok()) return ctx.Fail(site.status());
    ctx.Note(TrFormat(texts.changed, site->code));
    PrintRecord(ctx.format(), ctx.out(), Record{SiteFields(*site), {}});
  });
}

struct StaffOptions {
  std::string site, worker, day;
};

// The day of `text`, or today when it is empty; nullopt after reporting a bad date.
std::optional<Date> DayOrToday(Context& ctx, Workspace& ws, const std::string& text,
                               const char* what) {
  if (text.empty()) return ws.Today();
  return ctx.ParseDate(text, what);
}

void SetupStaffCommand(CLI::App& app, Context& ctx) {
  CLI::App* group =
      app.add_subcommand("staff", _("Who works at a support centre or school (administrators)"));

  auto add = std::make_shared<StaffOptions>();
  CLI::App* cmd = group->add_subcommand("add", _("A worker starts working at a site"));
  cmd->add_option("--site", add->site, _("Code of the support centre or school"))->required();
  cmd->add_option("--worker", add->worker, _("The worker's account"))->required();
  cmd->add_option("--from", add->day, _("First day, YYYY-MM-DD (default: today)"));
  cmd->callback([&ctx, add] {
    auto ws = ctx.OpenWorkspace();
    if (!ws) return;
    auto from = DayOrToday(ctx, *ws, add->day, N_("first day"));
    if (!from) return;
    Result<StaffAssignment> a = ws->AddStaff(add->site, add->worker, *from);
    if (!a.ok()) return ctx.Fail(a.status());
    ctx.Note(TrFormat("{} ({}) works at {} from {}.", a->worker_name, a->worker_account,
                      a->site_code, LocalDate(a->from.ToString())));
    RowWriter writer(ctx.format(), ctx.out(), StaffColumns());
    writer.Write(StaffRow(*a));
    writer.Finish();
  });

  auto end = std::make_shared<StaffOptions>();
  cmd = group->add_subcommand("end", _("A worker stops working at a site"));
  cmd->add_option("--site", end->site, _("Code of the support centre or school"))->required();
  cmd->add_option("--worker", end->worker, _("The worker's account"))->required();
  cmd->add_option("--last-day", end->day, _("Last day at the site, YYYY-MM-DD"))->required();
  cmd->callback([&ctx, end] {
    auto ws = ctx.OpenWorkspace();
    if (!ws) return;
    auto last = ctx.ParseDate(end->day, N_("last day"));
    if (!last) return;
    Result<StaffAssignment> a = ws->EndStaff(end->site, end->worker, *last);
    if (!a.ok()) return ctx.Fail(a.status());
    ctx.Note(TrFormat("{} ({}) works at {} until {}.", a->worker_name, a->worker_account,
                      a->site_code, LocalDate(last->ToString())));
    RowWriter writer(ctx.format(), ctx.out(), StaffColumns());
    writer.Write(StaffRow(*a));
    writer.Finish();
  });

  auto list = std::make_shared<std::string>();
  cmd = group->add_subcommand("list", _("Who works and worked at a site"));
  cmd->add_option("--site", *list, _("Code of the support centre or school"))->required();
  cmd->callback([&ctx, list] {
    auto ws = ctx.OpenWorkspace();
    if (!ws) return;
    RowWriter writer(ctx.format(), ctx.out(), StaffColumns());
    Status status = ws->ForEachStaff(*list, [&](const StaffAssignment& a) {
      writer.Write(StaffRow(a));
      return true;
    });
    if (!status.ok()) return ctx.Fail(status);
    writer.Finish();
  });
}

struct TrainingOptions {
  std::string worker, method, on, by, notes;
  int hours = 0;
};

void SetupTrainingCommand(CLI::App& app, Context& ctx) {
  CLI::App* group = app.add_subcommand("training", _("Workers' training in methods"));

  auto add = std::make_shared<TrainingOptions>();
  CLI::App* cmd = group->add_subcommand(
      "add", _("Record that a worker completed training in a method (administrators, "
               "supervisors)"));
  cmd->add_option("--worker", add->worker, _("The worker's account"))->required();
  cmd->add_option("--method", add->method, _("Method id, e.g. cn.huangshan.group"))->required();
  cmd->add_option("--on", add->on, _("Day the training was completed, YYYY-MM-DD"))->required();
  cmd->add_option("--by", add->by, _("Who gave the training"))->required();
  cmd->add_option("--hours", add->hours, _("Length of the training in hours"));
  cmd->add_option("--notes", add->notes, _("Notes"));
  cmd->callback([&ctx, add] {
    auto ws = ctx.OpenWorkspace();
    if (!ws) return;
    auto on = ctx.ParseDate(add->on, N_("training day"));
    if (!on) return;
    NewTraining in;
    in.worker_account = add->worker;
    in.method_id = add->method;
    in.trained_on = *on;
    in.trained_by = add->by;
    in.hours = add->hours;
    in.notes = add->notes;
    Result<TrainingRecord> t = ws->RecordTraining(in);
    if (!t.ok()) return ctx.Fail(t.status());
    ctx.Note(TrFormat("Recorded {}'s training in {} on {}.", t->worker_name, t->method_id,
                      LocalDate(t->trained_on.ToString())));
    RowWriter writer(ctx.format(), ctx.out(), TrainingColumns());
    writer.Write(TrainingRow(*t));
    writer.Finish();
  });

  auto list = std::make_shared<TrainingQuery>();
  cmd = group->add_subcommand("list", _("List training records"));
  cmd->add_option("--worker", list->worker_account, _("Only this worker (account)"));
  cmd->add_option("--method", list->method_id, _("Only this method (id)"));
  cmd->callback([&ctx, list] {
    auto ws = ctx.OpenWorkspace();
    if (!ws) return;
    RowWriter writer(ctx.format(), ctx.out(), TrainingColumns());
    Status status = ws->ForEachTraining(*list, [&](const TrainingRecord& t) {
      writer.Write(TrainingRow(t));
      return true;
    });
    if (!status.ok()) return ctx.Fail(status);
    writer.Finish();
  });
}

}  // namespace

void SetupCentreCommand(CLI::App& app, Context& ctx) {
  SetupSiteCommand(app, ctx, kCentreTexts);
  SetupSiteCommand(app, ctx, kSchoolTexts);
  SetupStaffCommand(app, ctx);
  SetupTrainingCommand(app, ctx);
}

}  // namespace kinbridge::cli
