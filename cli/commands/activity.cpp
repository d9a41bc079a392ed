// kinbridge activity add|list|show|edit|enrol|leave|members and group plan|add|list|show|edit|
// join|leave: activities at support centres and schools, their waiting lists and groups.
#include <memory>

#include "commands/commands.h"
#include "tr.h"
#include "views.h"

namespace kinbridge::cli {

namespace {

// Options that set a schedule, or change parts of one.
struct ScheduleOptions {
  std::optional<std::string> rrule, first_day, at, last_day;
  std::optional<int> minutes;
  bool open_ended = false;

  bool any() const { return rrule || first_day || at || last_day || minutes || open_ended; }
};

// `required`: a new schedule, which needs --rrule and --at; otherwise changes to one.
void AddScheduleOptions(CLI::App* cmd, ScheduleOptions& o, bool required) {
  CLI::Option* rrule =
      cmd->add_option("--rrule", o.rrule, _("Recurrence, e.g. FREQ=WEEKLY;BYDAY=TH"));
  CLI::Option* first =
      cmd->add_option("--first-day", o.first_day, _("First day, YYYY-MM-DD (default: today)"));
  CLI::Option* at = cmd->add_option("--at", o.at, _("Local time, HH:MM"));
  cmd->add_option("--minutes", o.minutes, _("Duration in minutes (default: 60)"));
  CLI::Option* last = cmd->add_option("--last-day", o.last_day,
                                      _("No sessions after this day, YYYY-MM-DD (default: none)"));
  if (required) {
    rrule->required();
    at->required();
    (void)first;
  } else {
    CLI::Option* open =
        cmd->add_flag("--open-ended", o.open_ended, _("Remove the last day: no end"));
    open->excludes(last);
  }
}

// Sets the parts of `schedule` that the options give; false after reporting a bad date.
bool ApplySchedule(Context& ctx, const ScheduleOptions& o, SessionSchedule& schedule) {
  if (o.rrule) schedule.rrule = *o.rrule;
  if (o.first_day) {
    auto date = ctx.ParseDate(*o.first_day, N_("first day"));
    if (!date) return false;
    schedule.first_day = *date;
  }
  if (o.at) schedule.start_time = *o.at;
  if (o.minutes) schedule.duration_minutes = *o.minutes;
  if (o.last_day) {
    auto date = ctx.ParseDate(*o.last_day, N_("last day"));
    if (!date) return false;
    schedule.last_day = *date;
  }
  if (o.open_ended) schedule.last_day.reset();
  return true;
}

// A new schedule from the options: first day today unless given, 60 minutes unless given.
std::optional<SessionSchedule> NewSchedule(Context& ctx, Workspace& ws, const ScheduleOptions& o) {
  SessionSchedule schedule;
  schedule.first_day = ws.Today();
  if (!ApplySchedule(ctx, o, schedule)) return std::nullopt;
  return schedule;
}

// `text` as a day, or today when empty; nullopt after reporting a bad date.
std::optional<Date> DayOrToday(Context& ctx, Workspace& ws, const std::string& text,
                               const char* what) {
  if (text.empty()) return ws.Today();
  return ctx.ParseDate(text, what);
}

// `fields` without the one named `key` (a count that a section of the record lists in full).
std::vector<Field> Without(std::vector<Field> fields, const std::string& key) {
  std::erase_if(fields, [&](const Field& f) { return f.key == key; });
  return fields;
}

// An activity with its groups and its enrolled and waiting children (activity show).
void PrintActivity(Context& ctx, Workspace& ws, const Activity& activity) {
  Record record{Without(ActivityFields(activity), "groups"), {}};
  Section groups{"groups", _("Groups"), GroupColumns(), {}};
  Status status = ws.ForEachGroup(activity.id, [&](const Group& g) {
    groups.rows.push_back(GroupRow(g));
    return true;
  });
  if (!status.ok()) return ctx.Fail(status);
  Section children{"children", _("Enrolled and waiting"), EnrolmentColumns(), {}};
  status = ws.ForEachEnrolment(activity.id, false, [&](const Enrolment& e) {
    children.rows.push_back(EnrolmentRow(e));
    return true;
  });
  if (!status.ok()) return ctx.Fail(status);
  record.sections = {std::move(groups), std::move(children)};
  PrintRecord(ctx.format(), ctx.out(), record);
}

// A group with its members (group show, group add).
void PrintGroup(Context& ctx, Workspace& ws, const Group& group, bool include_left) {
  Record record{Without(GroupFields(group), "members"), {}};
  Section members{"members", _("Members"), MemberColumns(), {}};
  Status status = ws.ForEachGroupMember(group.id, include_left, [&](const GroupMember& m) {
    members.rows.push_back(MemberRow(m));
    return true;
  });
  if (!status.ok()) return ctx.Fail(status);
  record.sections = {std::move(members)};
  PrintRecord(ctx.format(), ctx.out(), record);
}

void PrintMember(Context& ctx, const GroupMember& member) {
  RowWriter writer(ctx.format(), ctx.out(), MemberColumns());
  writer.Write(MemberRow(member));
  writer.Finish();
}

struct ActivityAddOptions {
  std::string site, name, kind, method, leader;
  int capacity = 0;
  ScheduleOptions schedule;
};

struct ActivityEditOptions {
  std::int64_t activity = 0;
  std::optional<std::string> name, leader;
  std::optional<int> capacity;
  bool no_leader = false;
  ScheduleOptions schedule;
};

struct EnrolCommandOptions {
  std::int64_t activity = 0;
  std::string child, on, note;
  bool no_waiting_list = false;
};

struct LeaveOptions {
  std::int64_t id = 0;
  std::string child, last_day, reason;
};

struct MembersOptions {
  std::int64_t id = 0;
  bool all = false;
};

void SetupActivity(CLI::App& app, Context& ctx) {
  CLI::App* group = app.add_subcommand(
      "activity", _("Activities at support centres and schools: enrolment and waiting lists"));

  auto add = std::make_shared<ActivityAddOptions>();
  CLI::App* cmd = group->add_subcommand(
      "add", _("Add an activity at a site; its sessions are scheduled for the next 90 days"));
  cmd->add_option("--site", add->site, _("Code of the support centre or school"))->required();
  cmd->add_option("--name", add->name, _("Name"))->required();
  cmd->add_option("--kind", add->kind,
                  _("leisure, homework-help, group-session, family-call or other"))
      ->required();
  cmd->add_option("--method", add->method, _("The method it follows, e.g. cn.huangshan.group"));
  AddScheduleOptions(cmd, add->schedule, true);
  cmd->add_option("--capacity", add->capacity, _("Children enrolled at once"))->required();
  cmd->add_option("--leader", add->leader, _("Account of the worker who leads it"));
  cmd->callback([&ctx, add] {
    Result<ActivityKind> kind = ParseActivityKind(add->kind);
    if (!kind.ok()) return ctx.Fail(kind.status());
    auto ws = ctx.OpenWorkspace();
    if (!ws) return;
    NewActivity in;
    in.site_code = add->site;
    in.name = add->name;
    in.kind = *kind;
    in.method_id = add->method;
    auto schedule = NewSchedule(ctx, *ws, add->schedule);
    if (!schedule) return;
    in.schedule = *schedule;
    in.capacity = add->capacity;
    in.leader_account = add->leader;
    Result<Activity> a = ws->AddActivity(in);
    if (!a.ok()) return ctx.Fail(a.status());
    ctx.Note(TrFormat("Added activity {} at {}: {}.", a->id, a->site_code, a->name));
    PrintRecord(ctx.format(), ctx.out(), Record{ActivityFields(*a), {}});
  });

  auto list = std::make_shared<ActivityQuery>();
  cmd = group->add_subcommand("list", _("List the activities you may see"));
  cmd->add_option("--site", list->site_code, _("Only this site's (code)"));
  cmd->callback([&ctx, list] {
    auto ws = ctx.OpenWorkspace();
    if (!ws) return;
    RowWriter writer(ctx.format(), ctx.out(), ActivityColumns());
    Status status = ws->ForEachActivity(*list, [&](const Activity& a) {
      writer.Write(ActivityRow(a));
      return true;
    });
    if (!status.ok()) return ctx.Fail(status);
    writer.Finish();
  });

  auto show = std::make_shared<std::int64_t>(0);
  cmd = group->add_subcommand(
      "show", _("Show an activity with its groups, enrolled children and waiting list"));
  cmd->add_option("activity", *show, _("Activity id"))->required();
  cmd->callback([&ctx, show] {
    auto ws = ctx.OpenWorkspace();
    if (!ws) return;
    Result<Activity> a = ws->GetActivity(*show);
    if (!a.ok()) return ctx.Fail(a.status());
    PrintActivity(ctx, *ws, *a);
  });

  auto edit = std::make_shared<ActivityEditOptions>();
  cmd = group->add_subcommand(
      "edit", _("Change an activity; a new schedule replaces the future open sessions"));
  cmd->add_option("activity", edit->activity, _("Activity id"))->required();
  cmd->add_option("--name", edit->name, _("New name"));
  cmd->add_option("--capacity", edit->capacity, _("Children enrolled at once"));
  CLI::Option* leader =
      cmd->add_option("--leader", edit->leader, _("Account of the worker who leads it"));
  cmd->add_flag("--no-leader", edit->no_leader, _("Remove the leader"))->excludes(leader);
  AddScheduleOptions(cmd, edit->schedule, false);
  cmd->callback([&ctx, edit] {
    if (!edit->name && !edit->capacity && !edit->leader && !edit->no_leader &&
        !edit->schedule.any()) {
      return ctx.FailUsage(
          _("nothing to change: give --name, --capacity, --leader, --no-leader or a schedule "
            "option"));
    }
    auto ws = ctx.OpenWorkspace();
    if (!ws) return;
    ActivityChanges changes;
    changes.name = edit->name;
    changes.capacity = edit->capacity;
    changes.leader_account = edit->leader;
    if (edit->no_leader) changes.leader_account = std::string();
    if (edit->schedule.any()) {
      Result<Activity> current = ws->GetActivity(edit->activity);
      if (!current.ok()) return ctx.Fail(current.status());
      SessionSchedule schedule = current->schedule;
      if (!ApplySchedule(ctx, edit->schedule, schedule)) return;
      changes.schedule = schedule;
    }
    Result<Activity> a = ws->EditActivity(edit->activity, changes);
    if (!a.ok()) return ctx.Fail(a.status());
    ctx.Note(TrFormat("Changed activity {}.", a->id));
    PrintRecord(ctx.format(), ctx.out(), Record{ActivityFields(*a), {}});
  });

  auto enrol = std::make_shared<EnrolCommandOptions>();
  cmd = group->add_subcommand(
      "enrol", _("Enrol a child; a full activity puts the child on its waiting list"));
  cmd->add_option("activity", enrol->activity, _("Activity id"))->required();
  cmd->add_option("child", enrol->child, _("Case reference or uuid"))->required();
  cmd->add_option("--on", enrol->on, _("First day, YYYY-MM-DD (default: today)"));
  cmd->add_flag("--no-waiting-list", enrol->no_waiting_list,
                _("Refuse instead of putting the child on the waiting list when it is full"));
  cmd->add_option("--note", enrol->note, _("Note"));
  cmd->callback([&ctx, enrol] {
    auto ws = ctx.OpenWorkspace();
    if (!ws) return;
    EnrolOptions options;
    if (!enrol->on.empty()) {
      auto on = ctx.ParseDate(enrol->on, N_("first day"));
      if (!on) return;
      options.on = *on;
    }
    options.waiting_list = !enrol->no_waiting_list;
    options.note = enrol->note;
    Result<Enrolment> e = ws->Enrol(enrol->activity, enrol->child, options);
    if (!e.ok()) return ctx.Fail(e.status());
    if (e->status == EnrolmentStatus::kWaiting) {
      ctx.Note(TrFormat("Activity {} is full: child {} is on the waiting list, place {}.",
                        e->activity_id, e->child_case_reference, e->waiting_position));
    } else {
      ctx.Note(TrFormat("Enrolled child {} in activity {} from {}.", e->child_case_reference,
                        e->activity_id,
                        e->enrolled_on ? LocalDate(e->enrolled_on->ToString()) : ""));
    }
    PrintRecord(ctx.format(), ctx.out(), Record{EnrolmentFields(*e), {}});
  });

  auto leave = std::make_shared<LeaveOptions>();
  cmd = group->add_subcommand(
      "leave", _("A child leaves an activity (and its group); the waiting list moves up"));
  cmd->add_option("activity", leave->id, _("Activity id"))->required();
  cmd->add_option("child", leave->child, _("Case reference or uuid"))->required();
  cmd->add_option("--last-day", leave->last_day, _("Last day, YYYY-MM-DD"))->required();
  cmd->add_option("--reason", leave->reason, _("Why the child leaves"));
  cmd->callback([&ctx, leave] {
    auto ws = ctx.OpenWorkspace();
    if (!ws) return;
    auto last = ctx.ParseDate(leave->last_day, N_("last day"));
    if (!last) return;
    Result<LeaveResult> r = ws->LeaveActivity(leave->id, leave->child, *last, leave->reason);
    if (!r.ok()) return ctx.Fail(r.status());
    ctx.Note(TrFormat("Child {} leaves activity {}; last day {}.", r->left.child_case_reference,
                      leave->id, LocalDate(last->ToString())));
    Section promoted{"promoted", _("Moved up from the waiting list"), EnrolmentColumns(), {}};
    for (const Enrolment& e : r->promoted) {
      ctx.Note(TrFormat("Child {} moved up from the waiting list: enrolled from {}.",
                        e.child_case_reference,
                        e.enrolled_on ? LocalDate(e.enrolled_on->ToString()) : std::string()));
      promoted.rows.push_back(EnrolmentRow(e));
    }
    PrintRecord(ctx.format(), ctx.out(), Record{EnrolmentFields(r->left), {std::move(promoted)}});
  });

  auto members = std::make_shared<MembersOptions>();
  cmd = group->add_subcommand("members", _("An activity's enrolled children and waiting list"));
  cmd->add_option("activity", members->id, _("Activity id"))->required();
  cmd->add_flag("--all", members->all, _("Also the children who left"));
  cmd->callback([&ctx, members] {
    auto ws = ctx.OpenWorkspace();
    if (!ws) return;
    RowWriter writer(ctx.format(), ctx.out(), EnrolmentColumns());
    Status status = ws->ForEachEnrolment(members->id, members->all, [&](const Enrolment& e) {
      writer.Write(EnrolmentRow(e));
      return true;
    });
    if (!status.ok()) return ctx.Fail(status);
    writer.Finish();
  });
}

std::string Join(const std::vector<std::string>& items, const char* separator) {
  std::string joined;
  for (const auto& item : items) {
    if (!joined.empty()) joined += separator;
    joined += item;
  }
  return joined;
}

// A method's group proposal as a record: the proposed groups, the children it placed in none,
// its findings.
Record ProposalRecord(const GroupProposal& p) {
  Record record{{{"activity", _("Activity"), p.activity_id},
                 {"method", _("Method"), p.method_id + "@" + p.method_version},
                 {"method_chain", _("Lineage"), ListValue(p.chain)}},
                {}};
  Section groups{"groups",
                 _("Proposed groups"),
                 {{"number", _("No."), true},
                  {"name", _("Group name")},
                  {"size", _("Size"), true},
                  {"members", _("Members")},
                  {"rrule", _("Recurrence")},
                  {"first_day", _("From")},
                  {"time", _("Time")},
                  {"minutes", _("Minutes"), true},
                  {"venue", _("Venue")},
                  {"leader", _("Leader")},
                  {"rationale", _("Why")}},
                 {}};
  std::int64_t number = 0;
  for (const ProposedGroup& g : p.groups) {
    groups.rows.push_back(
        {++number, g.name, static_cast<std::int64_t>(g.members.size()), ListValue(g.members),
         g.schedule.rrule.empty() ? Value(std::monostate{})
                                  : Value(RecurrenceLabel(g.schedule.rrule)),
         g.schedule.rrule.empty() ? Value(std::monostate{}) : DateValue(g.schedule.first_day),
         OptionalText(g.schedule.start_time),
         g.schedule.rrule.empty() ? Value(std::monostate{})
                                  : Value(std::int64_t{g.schedule.duration_minutes}),
         VenueValue(g.venue), OptionalText(g.leader_account), OptionalText(g.rationale)});
  }
  Section unplaced{"unplaced", _("Enrolled children in no group"), {{"child", _("Child")}}, {}};
  for (const std::string& child : p.unplaced) unplaced.rows.push_back({child});
  record.sections = {std::move(groups), std::move(unplaced), FindingsSection(p.findings)};
  return record;
}

struct PlanOptions {
  std::int64_t activity = 0;
  bool accept = false;
  std::vector<std::string> leaders;  // GROUP=ACCOUNT
};

// One --leader GROUP=ACCOUNT of `group plan`.
struct LeaderChoice {
  std::string text, group, account;
};

// Splits each --leader at its last '='; InvalidArgument naming one without a group or account.
Result<std::vector<LeaderChoice>> ParseLeaders(const std::vector<std::string>& texts) {
  std::vector<LeaderChoice> choices;
  for (const std::string& text : texts) {
    const auto equals = text.rfind('=');
    if (equals == std::string::npos || equals == 0 || equals + 1 == text.size()) {
      return Status::InvalidArgument(
          TrFormat("--leader '{}' is not GROUP=ACCOUNT (expected the group's number in the "
                   "proposal or its name, '=' and the leader's account, e.g. --leader 1=zhang)",
                   text));
    }
    choices.push_back({text, text.substr(0, equals), text.substr(equals + 1)});
  }
  return choices;
}

// Sets the leaders chosen on the proposed groups they name (by number from 1, or by name).
Status ApplyLeaders(const std::vector<LeaderChoice>& choices, GroupProposal& proposal) {
  for (const LeaderChoice& choice : choices) {
    ProposedGroup* target = nullptr;
    for (std::size_t i = 0; i < proposal.groups.size() && target == nullptr; ++i) {
      if (choice.group == proposal.groups[i].name || choice.group == std::to_string(i + 1)) {
        target = &proposal.groups[i];
      }
    }
    if (target == nullptr) {
      return Status::InvalidArgument(
          TrFormat("--leader '{}': the proposal has no group {} (its groups are numbered 1 to {})",
                   choice.text, choice.group, proposal.groups.size()));
    }
    target->leader_account = choice.account;
  }
  return Status::Ok();
}

struct GroupAddOptions {
  std::int64_t activity = 0;
  std::string name, leader, venue;
  std::vector<std::string> members;
  ScheduleOptions schedule;
};

struct GroupEditOptions {
  std::int64_t group = 0;
  std::optional<std::string> name, leader;
  ScheduleOptions schedule;
};

struct GroupShowOptions {
  std::int64_t group = 0;
  bool all = false;
};

struct JoinOptions {
  std::int64_t group = 0;
  std::string child, day;
};

void SetupGroup(CLI::App& app, Context& ctx) {
  CLI::App* group =
      app.add_subcommand("group", _("Groups of an activity: the method's proposal, members"));

  auto plan = std::make_shared<PlanOptions>();
  CLI::App* cmd = group->add_subcommand(
      "plan", _("Ask the activity's method to form groups of the enrolled children in no group"));
  cmd->add_option("activity", plan->activity, _("Activity id"))->required();
  CLI::Option* accept = cmd->add_flag("--accept", plan->accept, _("Store the proposed groups"));
  cmd->add_option("--leader", plan->leaders,
                  _("With --accept: who leads a proposed group, GROUP=ACCOUNT, GROUP being its "
                    "number in the proposal or its name (default: the activity's leader); repeat "
                    "for more"))
      ->needs(accept);
  cmd->callback([&ctx, plan] {
    Result<std::vector<LeaderChoice>> leaders = ParseLeaders(plan->leaders);
    if (!leaders.ok()) return ctx.Fail(leaders.status());
    auto ws = ctx.OpenWorkspace();
    if (!ws) return;
    Result<GroupProposal> p = ws->ProposeGroups(plan->activity);
    if (!p.ok()) return ctx.Fail(p.status());
    if (Status applied = ApplyLeaders(*leaders, *p); !applied.ok()) return ctx.Fail(applied);
    Record record = ProposalRecord(*p);
    std::optional<std::size_t> created_count;
    if (plan->accept) {
      Result<std::vector<Group>> created = ws->AcceptGroups(*p);
      if (!created.ok()) return ctx.Fail(created.status());
      Section section{"created", _("Created groups"), GroupColumns(), {}};
      for (const Group& g : *created) section.rows.push_back(GroupRow(g));
      record.sections.push_back(std::move(section));
      created_count = created->size();
    }
    ctx.Note(TrPlural("{} proposes {} group for activity {}.",
                      "{} proposes {} groups for activity {}.", p->groups.size(),
                      Join(p->chain, " → "), p->groups.size(), p->activity_id));
    if (created_count) {
      ctx.Note(TrPlural("Accepted the proposal: created {} group.",
                        "Accepted the proposal: created {} groups.", *created_count,
                        *created_count));
    }
    PrintRecord(ctx.format(), ctx.out(), record);
  });

  auto add = std::make_shared<GroupAddOptions>();
  cmd = group->add_subcommand("add", _("Add a group to an activity"));
  cmd->add_option("activity", add->activity, _("Activity id"))->required();
  cmd->add_option("--name", add->name, _("Name, unique in the activity"))->required();
  cmd->add_option("--leader", add->leader,
                  _("Account of the worker who leads it (default: the activity's leader)"));
  cmd->add_option("--venue", add->venue, _("Where the group meets"));
  cmd->add_option("--member", add->members,
                  _("Case reference of an enrolled child; repeat or separate with commas"))
      ->delimiter(',');
  {
    CLI::Option* rrule = cmd->add_option(
        "--rrule", add->schedule.rrule,
        _("The group's own recurrence, e.g. FREQ=WEEKLY;BYDAY=TH (default: the activity's)"));
    CLI::Option* first = cmd->add_option("--first-day", add->schedule.first_day,
                                         _("First day, YYYY-MM-DD (default: today)"));
    CLI::Option* at = cmd->add_option("--at", add->schedule.at, _("Local time, HH:MM"));
    CLI::Option* minutes =
        cmd->add_option("--minutes", add->schedule.minutes, _("Duration in minutes (default: 60)"));
    CLI::Option* last = cmd->add_option("--last-day", add->schedule.last_day,
                                        _("No sessions after this day, YYYY-MM-DD"));
    rrule->needs(at);
    for (CLI::Option* o : {first, at, minutes, last}) o->needs(rrule);
  }
  cmd->callback([&ctx, add] {
    auto ws = ctx.OpenWorkspace();
    if (!ws) return;
    NewGroup in;
    in.activity_id = add->activity;
    in.name = add->name;
    in.leader_account = add->leader;
    in.venue = add->venue;
    in.members = add->members;
    if (add->schedule.rrule) {
      auto schedule = NewSchedule(ctx, *ws, add->schedule);
      if (!schedule) return;
      in.schedule = *schedule;
    }
    Result<Group> g = ws->AddGroup(in);
    if (!g.ok()) return ctx.Fail(g.status());
    ctx.Note(TrFormat("Added group {} to activity {}: {}.", g->id, g->activity_id, g->name));
    PrintGroup(ctx, *ws, *g, false);
  });

  auto list = std::make_shared<std::int64_t>(0);
  cmd = group->add_subcommand("list", _("List groups (teachers: the groups they lead)"));
  cmd->add_option("--activity", *list, _("Only this activity's groups (id)"));
  cmd->callback([&ctx, list] {
    auto ws = ctx.OpenWorkspace();
    if (!ws) return;
    RowWriter writer(ctx.format(), ctx.out(), GroupColumns());
    Status status = ws->ForEachGroup(*list, [&](const Group& g) {
      writer.Write(GroupRow(g));
      return true;
    });
    if (!status.ok()) return ctx.Fail(status);
    writer.Finish();
  });

  auto show = std::make_shared<GroupShowOptions>();
  cmd = group->add_subcommand("show", _("Show a group with its members"));
  cmd->add_option("group", show->group, _("Group id"))->required();
  cmd->add_flag("--all", show->all, _("Also the children who left the group"));
  cmd->callback([&ctx, show] {
    auto ws = ctx.OpenWorkspace();
    if (!ws) return;
    Result<Group> g = ws->GetGroup(show->group);
    if (!g.ok()) return ctx.Fail(g.status());
    PrintGroup(ctx, *ws, *g, show->all);
  });

  auto edit = std::make_shared<GroupEditOptions>();
  cmd = group->add_subcommand(
      "edit", _("Change a group; a new schedule replaces its future open sessions"));
  cmd->add_option("group", edit->group, _("Group id"))->required();
  cmd->add_option("--name", edit->name, _("New name"));
  cmd->add_option("--leader", edit->leader, _("Account of the worker who leads it"));
  AddScheduleOptions(cmd, edit->schedule, false);
  cmd->callback([&ctx, edit] {
    if (!edit->name && !edit->leader && !edit->schedule.any()) {
      return ctx.FailUsage(_("nothing to change: give --name, --leader or a schedule option"));
    }
    auto ws = ctx.OpenWorkspace();
    if (!ws) return;
    GroupChanges changes;
    changes.name = edit->name;
    changes.leader_account = edit->leader;
    if (edit->schedule.any()) {
      Result<Group> current = ws->GetGroup(edit->group);
      if (!current.ok()) return ctx.Fail(current.status());
      SessionSchedule schedule = current->schedule;
      if (!ApplySchedule(ctx, edit->schedule, schedule)) return;
      changes.schedule = schedule;
    }
    Result<Group> g = ws->EditGroup(edit->group, changes);
    if (!g.ok()) return ctx.Fail(g.status());
    ctx.Note(TrFormat("Changed group {}.", g->id));
    PrintGroup(ctx, *ws, *g, false);
  });

  auto join = std::make_shared<JoinOptions>();
  cmd = group->add_subcommand("join", _("A child enrolled in the activity joins a group"));
  cmd->add_option("group", join->group, _("Group id"))->required();
  cmd->add_option("child", join->child, _("Case reference or uuid"))->required();
  cmd->add_option("--on", join->day, _("First day in the group, YYYY-MM-DD (default: today)"));
  cmd->callback([&ctx, join] {
    auto ws = ctx.OpenWorkspace();
    if (!ws) return;
    auto on = DayOrToday(ctx, *ws, join->day, N_("first day"));
    if (!on) return;
    Result<GroupMember> m = ws->JoinGroup(join->group, join->child, *on);
    if (!m.ok()) return ctx.Fail(m.status());
    ctx.Note(TrFormat("Child {} joins group {} from {}.", m->child_case_reference, m->group_id,
                      LocalDate(m->joined_on.ToString())));
    PrintMember(ctx, *m);
  });

  auto leave = std::make_shared<JoinOptions>();
  cmd = group->add_subcommand("leave", _("A child leaves a group (and stays in the activity)"));
  cmd->add_option("group", leave->group, _("Group id"))->required();
  cmd->add_option("child", leave->child, _("Case reference or uuid"))->required();
  cmd->add_option("--last-day", leave->day, _("Last day in the group, YYYY-MM-DD"))->required();
  cmd->callback([&ctx, leave] {
    auto ws = ctx.OpenWorkspace();
    if (!ws) return;
    auto last = ctx.ParseDate(leave->day, N_("last day"));
    if (!last) return;
    Result<GroupMember> m = ws->LeaveGroup(leave->group, leave->child, *last);
    if (!m.ok()) return ctx.Fail(m.status());
    ctx.Note(TrFormat("Child {} leaves group {}; last day {}.", m->child_case_reference,
                      m->group_id, LocalDate(last->ToString())));
    PrintMember(ctx, *m);
  });
}

}  // namespace

void SetupActivityCommand(CLI::App& app, Context& ctx) {
  SetupActivity(app, ctx);
  SetupGroup(app, ctx);
}

}  // namespace kinbridge::cli
