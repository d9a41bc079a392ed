// kinbridge report attendance: attendance per child (flagging falling attendance), group
// fidelity and the use of activities' places. kinbridge report method: a method's aggregated
// outcomes here beside those that came with transfer packages.
#include <algorithm>
#include <charconv>
#include <memory>

#include "commands/commands.h"
#include "tr.h"
#include "views.h"

namespace kinbridge::cli {

namespace {

struct AttendanceOptions {
  std::string site, child, from, to, threshold = "0.7";
  std::int64_t activity = 0, group = 0;
  int recent_days = 28;
};

// "0.7", "0,7" or "70%" as a rate in 0..1; InvalidArgument naming the text otherwise.
Result<double> ParseThreshold(const std::string& text) {
  // A decimal comma ("0,7"), as Swedish is written, reads as a decimal point.
  std::string written = text;
  std::replace(written.begin(), written.end(), ',', '.');
  std::string_view number = written;
  const bool percent = !number.empty() && number.back() == '%';
  if (percent) number.remove_suffix(1);
  double value = -1;
  const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
  if (number.empty() || ec != std::errc() || end != number.data() + number.size()) value = -1;
  if (percent) value /= 100.0;
  if (!(value >= 0.0 && value <= 1.0)) {
    return Status::InvalidArgument(TrFormat(
        "threshold {} is not an attendance rate (expected a number from 0 to 1 such as 0.7, or "
        "a percentage such as 70%)",
        text));
  }
  return value;
}

struct MethodReportOptions {
  std::string method, from, to;
};

void RunMethodReport(Context& ctx, const MethodReportOptions& o) {
  MethodOutcomeQuery q;
  q.method = o.method;
  if (!ctx.ParseDateWindow(o.from, o.to, q.from, q.to)) return;
  auto ws = ctx.OpenWorkspace();
  if (!ws) return;
  Result<MethodOutcomeReport> r = ws->ReportMethodOutcomes(q);
  if (!r.ok()) return ctx.Fail(r.status());
  PrintMethodOutcomeReport(ctx, *r);
}

}  // namespace

void SetupReportCommand(CLI::App& app, Context& ctx) {
  CLI::App* group = app.add_subcommand("report", _("Reports"));

  auto o = std::make_shared<AttendanceOptions>();
  CLI::App* cmd = group->add_subcommand(
      "attendance", _("Attendance per child (flagging falling attendance), group fidelity and the "
                      "use of activities' places"));
  CLI::Option* site = cmd->add_option("--site", o->site, _("One site (code)"));
  CLI::Option* activity = cmd->add_option("--activity", o->activity, _("One activity (id)"));
  CLI::Option* grp = cmd->add_option("--group", o->group, _("One group (id)"));
  CLI::Option* child = cmd->add_option("--child", o->child, _("One child: case reference"));
  site->excludes(activity)->excludes(grp)->excludes(child);
  activity->excludes(grp)->excludes(child);
  grp->excludes(child);
  cmd->add_option("--from", o->from, _("First day, YYYY-MM-DD (default: the 90 days up to --to)"));
  cmd->add_option("--to", o->to, _("Last day, YYYY-MM-DD (default: today)"));
  cmd->add_option("--threshold", o->threshold,
                  _("Flag a child whose recent attendance is below this rate and falling: 0.7 "
                    "or 70% (default: 0.7)"));
  cmd->add_option("--recent-days", o->recent_days,
                  _("The recent period: the last days of the report (default: 28)"));
  cmd->callback([&ctx, o] {
    Result<double> threshold = ParseThreshold(o->threshold);
    if (!threshold.ok()) return ctx.Fail(threshold.status());
    if (o->recent_days < 1) {
      return ctx.Fail(Status::InvalidArgument(TrFormat(
          "--recent-days {} is not a number of days (expected 1 or more)", o->recent_days)));
    }
    AttendanceReportQuery q;
    q.site_code = o->site;
    q.activity_id = o->activity;
    q.group_id = o->group;
    q.child = o->child;
    q.threshold = *threshold;
    q.recent_days = o->recent_days;
    if (!ctx.ParseDateWindow(o->from, o->to, q.from, q.to)) return;
    auto ws = ctx.OpenWorkspace();
    if (!ws) return;
    Result<AttendanceReport> r = ws->ReportAttendance(q);
    if (!r.ok()) return ctx.Fail(r.status());
    ctx.Note(AttendanceSummary(*r));
    PrintRecord(ctx.format(), ctx.out(), AttendanceReportRecord(*r, o->recent_days));
  });

  auto m = std::make_shared<MethodReportOptions>();
  cmd = group->add_subcommand(
      "method", _("A method's outcomes here beside those of its imported packages (supervisors, "
                  "administrators, method designers)"));
  cmd->add_option("method", m->method, _("Method id"))->required();
  cmd->add_option("--from", m->from,
                  _("First day, YYYY-MM-DD (default: the last four complete quarters and the "
                    "current one)"));
  cmd->add_option("--to", m->to, _("Last day, YYYY-MM-DD (default: today)"));
  cmd->callback([&ctx, m] { RunMethodReport(ctx, *m); });
  SetupReportPages(*group, ctx);
}

}  // namespace kinbridge::cli
