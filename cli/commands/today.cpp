// kinbridge today [--week]: the daily view. Tables and JSON show one section per part of the
// view; CSV is one table whose `section` column says which part a row belongs to, so that a
// spreadsheet can filter it.
#include <memory>

#include "commands/commands.h"
#include "kinbridge/daily.h"
#include "tr.h"
#include "views.h"

namespace kinbridge::cli {

namespace {

std::vector<Column> ContactColumns() {
  return {{"day", _("Day")},
          {"time", _("Time")},
          {"child", _("Child")},
          {"child_name", _("Name")},
          {"person", _("Person")},
          {"mode", _("Mode")},
          {"supervision", _("Supervision")},
          {"venue", _("Venue")},
          {"event", _("Event"), true},
          {"starts_utc", _("Starts (UTC)")}};
}

std::vector<Value> ContactRow(const ContactEvent& e) {
  return {DateValue(e.local_day),          e.local_start,       e.child_case_reference,
          OptionalText(e.child_name),      e.relation_name,     ContactModeLabel(e.mode),
          SupervisionLabel(e.supervision), VenueValue(e.venue), e.id,
          TimestampValue(e.starts_utc)};
}

std::vector<Column> PlanDueColumns() {
  return {{"review_date", _("Review by")}, {"child", _("Child")},   {"child_name", _("Name")},
          {"status", _("Status")},         {"method", _("Method")}, {"plan", _("Plan"), true}};
}

std::vector<Value> PlanDueRow(const PlanDue& p) {
  return {DateValue(p.review_date),
          p.child_case_reference,
          OptionalText(p.child_name),
          PlanStatusLabel(p.status),
          p.method_id,
          p.plan_id};
}

std::vector<Column> RestrictionDueColumns() {
  return {{"review_date", _("Review by")},
          {"child", _("Child")},
          {"person", _("Person")},
          {"kind", _("Restriction")},
          {"decision_reference", _("Decision")},
          {"restriction", _("Id"), true}};
}

std::vector<Value> RestrictionDueRow(const Restriction& s) {
  return {DateValue(s.review_date),     s.child_case_reference, s.relation_person_name,
          RestrictionKindLabel(s.kind), s.decision_reference,   s.id};
}

// Why a child is listed without a child's view: no plan, a plan without one, or an old one.
Label ViewGap(const ChildViewMissing& m) {
  if (m.plan_id == 0) return ViewGapLabel("no-plan");
  return ViewGapLabel(m.last_recorded_on ? "outdated" : "not-recorded");
}

std::vector<Column> ViewMissingColumns() {
  return {{"child", _("Child")},
          {"child_name", _("Name")},
          {"plan", _("Plan"), true},
          {"last_view", _("Child's view recorded")},
          {"gap", _("Missing")}};
}

std::vector<Value> ViewMissingRow(const ChildViewMissing& m) {
  return {m.child_case_reference, OptionalText(m.child_name),
          m.plan_id != 0 ? Value(m.plan_id) : Value(std::monostate{}),
          DateValue(m.last_recorded_on), ViewGap(m)};
}

std::vector<Column> DailySessionColumns() {
  return {{"day", _("Day")},
          {"time", _("Time")},
          {"activity", _("Activity name")},
          {"group", _("Group name")},
          {"site", _("Site")},
          {"leader", _("Leader")},
          {"status", _("Status")},
          {"session", _("Session"), true},
          {"starts_utc", _("Starts (UTC)")}};
}

std::vector<Value> DailySessionRow(const Session& s) {
  return {DateValue(s.local_day),       s.local_start, s.activity_name,
          OptionalText(s.group_name),   s.site_code,   OptionalText(s.leader_account),
          SessionStatusLabel(s.status), s.id,          TimestampValue(s.starts_utc)};
}

template <typename T, typename RowOf>
Section MakeSection(std::string key, std::string title, std::vector<Column> columns,
                    const std::vector<T>& items, RowOf row_of) {
  Section section{std::move(key), std::move(title), std::move(columns), {}};
  for (const T& item : items) section.rows.push_back(row_of(item));
  return section;
}

std::vector<Section> Sections(const DailyView& v, bool week) {
  std::vector<Section> sections;
  if (v.case_sections) {
    sections.push_back(MakeSection("contacts_due",
                                   week ? _("Contacts due this week") : _("Contacts due today"),
                                   ContactColumns(), v.contacts_due, ContactRow));
    sections.push_back(MakeSection("contacts_overdue", _("Past contacts without an outcome"),
                                   ContactColumns(), v.contacts_overdue, ContactRow));
    sections.push_back(MakeSection("plans_due", _("Plans due for review"), PlanDueColumns(),
                                   v.plans_due, PlanDueRow));
    sections.push_back(MakeSection("restrictions_due", _("Restrictions due for reconsideration"),
                                   RestrictionDueColumns(), v.restrictions_due, RestrictionDueRow));
    sections.push_back(MakeSection("child_views_missing",
                                   _("Children without a recent child's view"),
                                   ViewMissingColumns(), v.child_views_missing, ViewMissingRow));
  }
  if (v.session_sections) {
    sections.push_back(MakeSection("sessions", week ? _("Sessions this week") : _("Sessions today"),
                                   DailySessionColumns(), v.sessions, DailySessionRow));
    sections.push_back(MakeSection("sessions_unrecorded", _("Past sessions without attendance"),
                                   DailySessionColumns(), v.sessions_unrecorded, DailySessionRow));
  }
  return sections;
}

// CSV: every row of every section in one table. The row's own columns are mapped onto shared
// ones by key (day, time, child, ...); what a section lacks stays empty.
void PrintCsv(Context& ctx, const std::vector<Section>& sections) {
  std::vector<Column> columns = {{"section", "section"}};
  for (const Section& s : sections) {
    for (const Column& c : s.columns) {
      bool known = false;
      for (const Column& have : columns) known = known || have.key == c.key;
      if (!known) columns.push_back(c);
    }
  }
  RowWriter writer(OutputFormat::kCsv, ctx.out(), columns);
  for (const Section& s : sections) {
    for (const std::vector<Value>& row : s.rows) {
      std::vector<Value> out(columns.size());
      out[0] = s.key;
      for (std::size_t i = 0; i < s.columns.size() && i < row.size(); ++i) {
        for (std::size_t j = 1; j < columns.size(); ++j) {
          if (columns[j].key == s.columns[i].key) out[j] = row[i];
        }
      }
      writer.Write(std::move(out));
    }
  }
  writer.Finish();
}

struct TodayOptions {
  bool week = false;
  int view_months = 6;
};

void RunToday(Context& ctx, const TodayOptions& o) {
  auto ws = ctx.OpenWorkspace();
  if (!ws) return;
  DailyQuery query;
  query.week = o.week;
  query.child_view_months = o.view_months;
  Result<DailyView> view = BuildDailyView(*ws, query);
  if (!view.ok()) return ctx.Fail(view.status());
  const std::vector<Section> sections = Sections(*view, o.week);
  if (ctx.format() == OutputFormat::kCsv) return PrintCsv(ctx, sections);
  Record record;
  record.fields = {{"today", _("Today"), DateValue(view->today)},
                   {"through", _("Through"), DateValue(view->through)},
                   {"worker", _("Worker"), ws->acting_worker().name}};
  record.sections = sections;
  PrintRecord(ctx.format(), ctx.out(), record);
}

}  // namespace

void SetupTodayCommand(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<TodayOptions>();
  CLI::App* today = app.add_subcommand(
      "today", _("What to attend to today: contacts due and overdue, reviews, restrictions, "
                 "children without a child's view, sessions"));
  today->add_flag("--week", options->week, _("Today and the next six days"));
  today
      ->add_option("--view-months", options->view_months,
                   _("A child's view older than this many months counts as missing (default 6)"))
      ->check(CLI::Range(0, 120).description("0..120"));
  today->callback([&ctx, options] { RunToday(ctx, *options); });
}

}  // namespace kinbridge::cli
