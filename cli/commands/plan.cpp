// kinbridge plan propose|list|show|view|arrangement|approve|end: contact plans.
#include <memory>

#include "commands/commands.h"
#include "tr.h"
#include "views.h"

namespace kinbridge::cli {

namespace {

std::vector<Column> ArrangementColumns() {
  return {{"id", _("Id"), true},
          {"relation_id", _("Relation"), true},
          {"person", _("Person")},
          {"mode", _("Mode")},
          {"rrule", _("Recurrence")},
          {"first_day", _("From")},
          {"start_time", _("Time")},
          {"minutes", _("Minutes"), true},
          {"supervision", _("Supervision")},
          {"venue", _("Venue")}};
}

Record PlanRecord(const ContactPlan& p, const ComponentTitles& titles) {
  Record record{
      {{"id", _("Plan"), p.id},
       {"child", _("Child"), p.child_case_reference},
       {"status", _("Status"), PlanStatusLabel(p.status)},
       {"purpose", _("Purpose"), p.purpose},
       {"method_id", _("Method"), p.method_id},
       {"method_version", _("Version"), p.method_version},
       {"method_chain", _("Lineage"), ListValue(p.method_chain)},
       {"child_view_text", _("The child's view"),
        p.child_view ? Value(p.child_view->text) : Value(std::monostate{})},
       {"child_view_on", _("View recorded on"),
        p.child_view ? DateValue(p.child_view->recorded_on) : Value(std::monostate{})},
       {"child_view_how", _("View obtained by"),
        p.child_view ? Value(ChildViewHowLabel(p.child_view->how)) : Value(std::monostate{})},
       {"review_date", _("Review by"), DateValue(p.review_date)},
       {"approved_by", _("Approved by"), p.approved_by},
       {"approved_at", _("Approved at"), TimestampValue(p.approved_at)},
       {"ended_on", _("Ended on"), DateValue(p.ended_on)},
       {"end_reason", _("Reason for ending"), OptionalText(p.end_reason)},
       {"version", _("Version of the plan"), p.version}},
      {}};
  Section arrangements{"arrangements", _("Arrangements"), ArrangementColumns(), {}};
  for (const auto& a : p.arrangements) {
    arrangements.rows.push_back({a.id, a.relation_id, a.relation_name, ContactModeLabel(a.mode),
                                 RecurrenceLabel(a.rrule), DateValue(a.first_day), a.start_time,
                                 std::int64_t{a.duration_minutes}, SupervisionLabel(a.supervision),
                                 VenueValue(a.venue)});
  }
  record.sections = {std::move(arrangements), FindingsSection(p.findings, titles)};
  return record;
}

void Print(Context& ctx, Workspace& ws, const Result<ContactPlan>& plan, const std::string& note) {
  if (!plan.ok()) return ctx.Fail(plan.status());
  ctx.Note(note);
  // The components the method's notes concern, by their titles.
  const ComponentTitles titles =
      plan->findings.empty()
          ? ComponentTitles{}
          : MethodComponentTitles(ws, plan->method_id + "@" + plan->method_version);
  PrintRecord(ctx.format(), ctx.out(), PlanRecord(*plan, titles));
}

struct ProposeOptions {
  std::string child, method, purpose;
};

struct ViewOptions {
  std::int64_t plan = 0;
  std::string text, date, how = "conversation";
};

struct ArrangementOptions {
  std::int64_t plan = 0, relation = 0;
  std::string mode, rrule, first_day, time = "10:00", supervision = "unsupervised", venue,
                                      transport, conditions;
  int minutes = 60;
};

struct EndOptions {
  std::int64_t plan = 0;
  std::string date, reason;
};

}  // namespace

void SetupPlanCommand(CLI::App& app, Context& ctx) {
  CLI::App* group = app.add_subcommand("plan", _("Contact plans: propose, agree, approve, end"));

  auto propose = std::make_shared<ProposeOptions>();
  CLI::App* cmd =
      group->add_subcommand("propose", _("Draw up a draft plan from a method's proposal"));
  cmd->add_option("--child", propose->child, _("Case reference or uuid"))->required();
  cmd->add_option("--method", propose->method, _("Method id, e.g. se.vara.contact"))->required();
  cmd->add_option("--purpose", propose->purpose, _("What the contact is for"));
  cmd->callback([&ctx, propose] {
    auto ws = ctx.OpenWorkspace();
    if (!ws) return;
    Result<ContactPlan> plan = ws->ProposePlan(propose->child, propose->method, propose->purpose);
    Print(ctx, *ws, plan,
          plan.ok()
              ? TrFormat("Drew up contact plan {} (draft) with {}.", plan->id, plan->method_id)
              : "");
  });

  auto child = std::make_shared<std::string>();
  cmd = group->add_subcommand("list", _("List a child's contact plans"));
  cmd->add_option("--child", *child, _("Case reference or uuid"))->required();
  cmd->callback([&ctx, child] {
    auto ws = ctx.OpenWorkspace();
    if (!ws) return;
    RowWriter writer(ctx.format(), ctx.out(),
                     {{"id", _("Plan"), true},
                      {"status", _("Status")},
                      {"method", _("Method")},
                      {"arrangements", _("Arrangements"), true},
                      {"review_date", _("Review by")},
                      {"child_view", _("Child's view")}});
    Status status = ws->ForEachPlan(*child, [&](const ContactPlan& p) {
      writer.Write({p.id, PlanStatusLabel(p.status), p.method_id + "@" + p.method_version,
                    static_cast<std::int64_t>(p.arrangements.size()), DateValue(p.review_date),
                    p.child_view.has_value()});
      return true;
    });
    if (!status.ok()) return ctx.Fail(status);
    writer.Finish();
  });

  auto show = std::make_shared<std::int64_t>(0);
  cmd = group->add_subcommand("show", _("Show a contact plan"));
  cmd->add_option("plan", *show, _("Plan id"))->required();
  cmd->callback([&ctx, show] {
    auto ws = ctx.OpenWorkspace();
    if (!ws) return;
    Print(ctx, *ws, ws->GetPlan(*show), "");
  });

  auto view = std::make_shared<ViewOptions>();
  cmd = group->add_subcommand("view", _("Record the child's view of the plan"));
  cmd->add_option("plan", view->plan, _("Plan id"))->required();
  cmd->add_option("--text", view->text, _("What the child said"))->required();
  cmd->add_option("--date", view->date, _("When, YYYY-MM-DD (default: today)"));
  cmd->add_option("--how", view->how, _("conversation, in-writing, representative or observation"));
  cmd->callback([&ctx, view] {
    auto ws = ctx.OpenWorkspace();
    if (!ws) return;
    ChildView v{view->text, ws->Today(), view->how};
    if (!view->date.empty()) {
      auto date = ctx.ParseDate(view->date, N_("date"));
      if (!date) return;
      v.recorded_on = *date;
    }
    Result<ContactPlan> plan = ws->RecordChildView(view->plan, v);
    Print(ctx, *ws, plan, TrFormat("Recorded the child's view in contact plan {}.", view->plan));
  });

  CLI::App* arrangement = group->add_subcommand("arrangement", _("Change a plan's arrangements"));
  auto add = std::make_shared<ArrangementOptions>();
  cmd = arrangement->add_subcommand("add", _("Add an arrangement to a draft plan"));
  cmd->add_option("plan", add->plan, _("Plan id"))->required();
  cmd->add_option("--relation", add->relation, _("Relation id"))->required();
  cmd->add_option("--mode", add->mode, _("visit, phone, video, letter or message"))->required();
  cmd->add_option("--rrule", add->rrule, _("Recurrence, e.g. FREQ=WEEKLY;INTERVAL=2;BYDAY=SA"))
      ->required();
  cmd->add_option("--first-day", add->first_day, _("First day, YYYY-MM-DD (default: today)"));
  cmd->add_option("--time", add->time, _("Local time, HH:MM"));
  cmd->add_option("--minutes", add->minutes, _("Duration in minutes"));
  cmd->add_option("--supervision", add->supervision, _("supervised, monitored or unsupervised"));
  cmd->add_option("--venue", add->venue, _("Where"));
  cmd->add_option("--transport", add->transport, _("How the child gets there"));
  cmd->add_option("--conditions", add->conditions, _("Conditions for the contact"));
  cmd->callback([&ctx, add] {
    auto ws = ctx.OpenWorkspace();
    if (!ws) return;
    NewArrangement a;
    a.relation_id = add->relation;
    a.mode = add->mode;
    a.rrule = add->rrule;
    a.first_day = ws->Today();
    if (!add->first_day.empty()) {
      auto date = ctx.ParseDate(add->first_day, N_("first day"));
      if (!date) return;
      a.first_day = *date;
    }
    a.start_time = add->time;
    a.duration_minutes = add->minutes;
    a.supervision = add->supervision;
    a.venue = add->venue;
    a.transport = add->transport;
    a.conditions = add->conditions;
    Print(ctx, *ws, ws->AddArrangement(add->plan, a),
          TrFormat("Added an arrangement to contact plan {}.", add->plan));
  });
  auto remove = std::make_shared<std::pair<std::int64_t, std::int64_t>>(0, 0);
  cmd = arrangement->add_subcommand("remove", _("Remove an arrangement from a draft plan"));
  cmd->add_option("plan", remove->first, _("Plan id"))->required();
  cmd->add_option("arrangement", remove->second, _("Arrangement id"))->required();
  cmd->callback([&ctx, remove] {
    auto ws = ctx.OpenWorkspace();
    if (!ws) return;
    Print(ctx, *ws, ws->RemoveArrangement(remove->first, remove->second),
          TrFormat("Removed arrangement {} from contact plan {}.", remove->second, remove->first));
  });

  auto approve = std::make_shared<std::int64_t>(0);
  cmd =
      group->add_subcommand("approve", _("Approve a plan: the method validates it; errors block"));
  cmd->add_option("plan", *approve, _("Plan id"))->required();
  cmd->callback([&ctx, approve] {
    auto ws = ctx.OpenWorkspace();
    if (!ws) return;
    Result<ContactPlan> plan = ws->ApprovePlan(*approve);
    Print(ctx, *ws, plan,
          plan.ok() ? TrFormat("Approved contact plan {}; review by {}.", plan->id,
                               plan->review_date ? LocalDate(plan->review_date->ToString()) : "")
                    : "");
  });

  auto review = std::make_shared<std::pair<std::int64_t, bool>>(0, false);
  cmd = group->add_subcommand(
      "review", _("Review a plan with its method: adherence, fidelity, next review date"));
  cmd->add_option("plan", review->first, _("Plan id"))->required();
  cmd->add_flag("--revise", review->second,
                _("Put the plan under review so that it can be changed and approved again"));
  cmd->callback([&ctx, review] {
    auto ws = ctx.OpenWorkspace();
    if (!ws) return;
    Result<PlanReview> r = ws->ReviewPlan(review->first, review->second);
    if (!r.ok()) return ctx.Fail(r.status());
    ctx.Note(TrFormat("Reviewed contact plan {} ({} to {}); next review by {}.", r->plan_id,
                      LocalDate(r->period_from.ToString()), LocalDate(r->period_to.ToString()),
                      LocalDate(r->next_review.ToString())));
    PrintRecord(
        ctx.format(), ctx.out(),
        ReviewRecord(*r, MethodComponentTitles(*ws, r->method_id + "@" + r->method_version)));
  });

  auto reviews = std::make_shared<std::int64_t>(0);
  cmd = group->add_subcommand("reviews", _("List a plan's reviews"));
  cmd->add_option("plan", *reviews, _("Plan id"))->required();
  cmd->callback([&ctx, reviews] {
    auto ws = ctx.OpenWorkspace();
    if (!ws) return;
    RowWriter writer(ctx.format(), ctx.out(),
                     {{"id", _("Review"), true},
                      {"reviewed_on", _("Reviewed on"), false},
                      {"period_from", _("Period from")},
                      {"period_to", _("Period to")},
                      {"planned", _("Planned"), true},
                      {"held", _("Held"), true},
                      {"components_met", _("Components met")},
                      {"next_review", _("Next review")},
                      {"reviewed_by", _("Reviewed by")}});
    Status status = ws->ForEachPlanReview(*reviews, [&](const PlanReview& r) {
      std::int64_t planned = 0, held = 0, met = 0;
      for (const auto& a : r.adherence) {
        planned += a.planned;
        held += a.held;
      }
      for (const auto& c : r.fidelity) met += c.met ? 1 : 0;
      writer.Write({r.id, DateValue(r.reviewed_on), DateValue(r.period_from),
                    DateValue(r.period_to), planned, held,
                    fmt::format("{}/{}", met, r.fidelity.size()), DateValue(r.next_review),
                    r.reviewed_by});
      return true;
    });
    if (!status.ok()) return ctx.Fail(status);
    writer.Finish();
  });

  auto end = std::make_shared<EndOptions>();
  cmd = group->add_subcommand("end", _("End a contact plan"));
  cmd->add_option("plan", end->plan, _("Plan id"))->required();
  cmd->add_option("--reason", end->reason, _("Why the plan ends"))->required();
  cmd->add_option("--date", end->date, _("End date, YYYY-MM-DD (default: today)"));
  cmd->callback([&ctx, end] {
    auto ws = ctx.OpenWorkspace();
    if (!ws) return;
    Date on = ws->Today();
    if (!end->date.empty()) {
      auto date = ctx.ParseDate(end->date, N_("end date"));
      if (!date) return;
      on = *date;
    }
    Print(ctx, *ws, ws->EndPlan(end->plan, on, end->reason),
          TrFormat("Ended contact plan {}.", end->plan));
  });
}

}  // namespace kinbridge::cli
