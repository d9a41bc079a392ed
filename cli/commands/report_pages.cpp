// `kinbridge report child` and `report centre`: month by month, a child's contacts with their
// family (and attendance), a centre's attendance — as rows, or with --html as one self-contained
// page with charts (inline SVG and CSS, no scripts, nothing fetched) to open in any browser.
#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "commands/commands.h"
#include "kinbridge/version.h"
#include "tr.h"
#include "views.h"

namespace kinbridge::cli {
namespace {

struct Month {
  Date first, last;   // clipped to the report's window
  std::string code;   // "2026-11", for JSON and CSV
  std::string label;  // in the language's form, for tables and pages: "2026年11月"
};

// The calendar months that meet [from, to], each clipped to it.
std::vector<Month> MonthsOf(Date from, Date to) {
  std::vector<Month> months;
  Date first = from;
  while (first <= to) {
    const Date month_start(first.year(), first.month(), 1);
    const Date next = month_start.AddMonths(1);
    const Date last = std::min(next.AddDays(-1), to);
    const std::string code = fmt::format("{:04}-{:02}", first.year(), first.month());
    months.push_back({first, last, code, LocalMonth(code)});
    first = next;
  }
  return months;
}

// A rate and what it was computed from; no rate when nothing was due.
struct Rate {
  int numerator = 0, denominator = 0;
  std::optional<double> value() const {
    if (denominator <= 0) return std::nullopt;
    return static_cast<double>(numerator) / denominator;
  }
};

Value PercentValue(const Rate& r) {
  std::optional<double> v = r.value();
  return v ? Value(Percent(*v)) : Value(std::monostate{});
}

// Contacts of one month. Due: the events of days up to today that the core did not cancel
// (a plan ended, a restriction forbade them); adherence = took place / due, where "not logged"
// counts as not taking place — the same reading as a plan review.
struct ContactMonth {
  int planned = 0, took_place = 0, cancelled = 0, no_show = 0, not_logged = 0, upcoming = 0;
  Rate adherence;
};

struct AttendanceMonth {
  int sessions_held = 0, sessions_cancelled = 0;
  int expected = 0, present = 0, absent = 0, excused = 0;
  Rate rate;  // present / (expected - excused)
};

Status ChildContacts(Workspace& ws, const std::string& child, const std::vector<Month>& months,
                     std::vector<ContactMonth>& out) {
  out.assign(months.size(), {});
  ContactQuery q;
  q.child = child;
  q.from = months.front().first;
  q.to = months.back().last;
  const Date today = ws.Today();
  return ws.ForEachContactEvent(q, [&](const ContactEvent& e) {
    for (std::size_t i = 0; i < months.size(); ++i) {
      if (e.local_day < months[i].first || e.local_day > months[i].last) continue;
      ContactMonth& m = out[i];
      if (e.status == EventStatus::kCancelled) break;
      ++m.planned;
      if (e.status == EventStatus::kScheduled) {
        if (e.local_day > today) {
          ++m.upcoming;
          break;
        }
        ++m.not_logged;
      } else if (e.outcome && ContactTookPlace(*e.outcome)) {
        ++m.took_place;
        ++m.adherence.numerator;
      } else if (e.outcome && *e.outcome == ContactOutcome::kNoShow) {
        ++m.no_show;
      } else {
        ++m.cancelled;
      }
      ++m.adherence.denominator;
      break;
    }
    return true;
  });
}

// Attendance per month from the attendance report (the one definition of a rate), for a child
// or a site; `per_activity` collects each activity's months for the centre page.
Status AttendanceMonths(Workspace& ws, const AttendanceReportQuery& base,
                        const std::vector<Month>& months, std::vector<AttendanceMonth>& out,
                        std::map<std::string, std::vector<Rate>>* per_activity) {
  out.assign(months.size(), {});
  for (std::size_t i = 0; i < months.size(); ++i) {
    AttendanceReportQuery q = base;
    q.from = months[i].first;
    q.to = months[i].last;
    Result<AttendanceReport> r = ws.ReportAttendance(q);
    if (!r.ok()) return r.status();
    AttendanceMonth& m = out[i];
    for (const ChildAttendance& c : r->children) {
      m.expected += c.expected;
      m.present += c.present;
      m.absent += c.absent;
      m.excused += c.excused;
      if (per_activity != nullptr) {
        std::vector<Rate>& rates = (*per_activity)[c.activity_name];
        rates.resize(months.size());
        rates[i].numerator += c.present;
        rates[i].denominator += c.expected - c.excused;
      }
    }
    for (const GroupFidelity& g : r->groups) m.sessions_cancelled += g.sessions_cancelled;
    for (const ActivityUse& a : r->activities) m.sessions_held += a.sessions_held;
    m.rate = {m.present, m.expected - m.excused};
  }
  return Status::Ok();
}

// ---- HTML ----------------------------------------------------------------------------------

std::string Html(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

struct Bar {
  std::string label;
  std::optional<double> value;  // 0..1; none: nothing was due that month
  std::string caption;          // e.g. "5/6"
};

// A bar chart of rates, 0–100 %, with an optional threshold line. Bars without a value show a
// dash, so "nothing due" is not mistaken for 0 %.
std::string BarChart(const std::vector<Bar>& bars, const std::string& description,
                     std::optional<double> threshold) {
  constexpr int kLeft = 44, kTop = 16, kPlot = 200, kStep = 56, kBarWidth = 36;
  const int width = kLeft + kStep * static_cast<int>(bars.size()) + 16;
  const int height = kTop + kPlot + 48;
  std::string svg = fmt::format(
      "<svg class=\"chart\" role=\"img\" aria-label=\"{}\" width=\"{}\" height=\"{}\" "
      "viewBox=\"0 0 {} {}\" xmlns=\"http://www.w3.org/2000/svg\">\n",
      Html(description), width, height, width, height);
  for (int pct : {0, 25, 50, 75, 100}) {
    const int y = kTop + kPlot - kPlot * pct / 100;
    svg += fmt::format(
        "<line class=\"grid\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/><text class=\"axis\" "
        "x=\"{}\" y=\"{}\" text-anchor=\"end\">{} %</text>\n",
        kLeft, y, width - 8, y, kLeft - 6, y + 4, pct);
  }
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const Bar& b = bars[i];
    const int x = kLeft + kStep * static_cast<int>(i) + (kStep - kBarWidth) / 2;
    const int centre = x + kBarWidth / 2;
    if (b.value) {
      const int h = static_cast<int>(*b.value * kPlot + 0.5);
      const bool low = threshold && *b.value < *threshold;
      svg += fmt::format(
          "<rect class=\"bar{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"><title>{}: {} % "
          "({})</title></rect>\n",
          low ? " low" : "", x, kTop + kPlot - h, kBarWidth, std::max(h, 1), Html(b.label),
          Percent(*b.value), Html(b.caption));
      svg +=
          fmt::format("<text class=\"value\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n",
                      centre, kTop + kPlot - h - 4, Percent(*b.value));
    } else {
      svg += fmt::format("<text class=\"none\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">–</text>\n",
                         centre, kTop + kPlot - 4);
    }
    svg += fmt::format("<text class=\"month\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n",
                       centre, kTop + kPlot + 16, Html(b.label));
    svg += fmt::format("<text class=\"count\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n",
                       centre, kTop + kPlot + 32, Html(b.caption));
  }
  if (threshold) {
    const int y = kTop + kPlot - static_cast<int>(*threshold * kPlot + 0.5);
    svg += fmt::format("<line class=\"threshold\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>\n",
                       kLeft, y, width - 8, y);
  }
  svg += "</svg>\n";
  return svg;
}

std::string HtmlTable(const std::vector<std::string>& headers,
                      const std::vector<std::vector<std::string>>& rows) {
  std::string t = "<table>\n<thead><tr>";
  for (const std::string& h : headers) t += "<th>" + Html(h) + "</th>";
  t += "</tr></thead>\n<tbody>\n";
  for (const auto& row : rows) {
    t += "<tr>";
    for (const std::string& cell : row) t += "<td>" + Html(cell) + "</td>";
    t += "</tr>\n";
  }
  t += "</tbody>\n</table>\n";
  return t;
}

std::string Cell(const Rate& r) {
  std::optional<double> v = r.value();
  return v ? fmt::format("{} %", Percent(*v)) : std::string("–");
}

std::string Page(const std::string& title, const std::string& subtitle, const std::string& body,
                 const Workspace& ws) {
  // The page names the child: it is case data and must be kept like the case file.
  return fmt::format(
      R"(<!DOCTYPE html>
<html lang="{}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="kinbridge {}">
<title>{}</title>
<style>
body {{ font-family: "Noto Sans", "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif; margin: 2em auto; max-width: 60em; color: #1d2733; }}
h1 {{ font-size: 1.6em; margin-bottom: 0.2em; }}
.subtitle {{ color: #4a5a6a; margin-top: 0; }}
section {{ margin: 2em 0; }}
table {{ border-collapse: collapse; margin-top: 1em; }}
th, td {{ border: 1px solid #c8d0d8; padding: 0.25em 0.6em; text-align: right; }}
th:first-child, td:first-child {{ text-align: left; }}
thead th {{ background: #eef2f6; }}
.chart .bar {{ fill: #2f6fa8; }}
.chart .bar.low {{ fill: #c2571a; }}
.chart .grid {{ stroke: #dde3e9; stroke-width: 1; }}
.chart .threshold {{ stroke: #c2571a; stroke-width: 1.5; stroke-dasharray: 5 4; }}
.chart text {{ font-size: 11px; fill: #33414f; }}
.chart .value {{ font-weight: bold; }}
.chart .none {{ fill: #8a97a4; font-size: 14px; }}
.legend {{ color: #4a5a6a; font-size: 0.9em; }}
footer {{ border-top: 1px solid #c8d0d8; margin-top: 3em; padding-top: 0.5em; color: #4a5a6a; font-size: 0.85em; }}
</style>
</head>
<body>
<header>
<h1>{}</h1>
<p class="subtitle">{}</p>
</header>
{}<footer>{}</footer>
</body>
</html>
)",
      Html(_("en")), KINBRIDGE_VERSION_STRING, Html(title), Html(title), Html(subtitle), body,
      Html(TrFormat("Made by kinbridge on {} by {}. Contains personal data: keep it where the "
                    "case records are kept.",
                    LocalDate(ws.Today().ToString()), ws.acting_worker().name)));
}

// ---- Commands ------------------------------------------------------------------------------

struct PageOptions {
  std::string subject;  // child reference or site code
  std::string from, to;
  std::string html;  // output file; "" prints rows
};

// The window: --from/--to, by default the twelve months up to today (from the 1st).
bool Window(Context& ctx, Workspace& ws, const PageOptions& o, Date& from, Date& to) {
  std::optional<Date> f, t;
  if (!ctx.ParseDateWindow(o.from, o.to, f, t)) return false;
  to = t.value_or(ws.Today());
  if (f) {
    from = *f;
  } else {
    const Date first(to.year(), to.month(), 1);
    from = first.AddMonths(-11);
  }
  return true;
}

void WritePage(Context& ctx, const std::string& path, const std::string& page) {
  if (Status s = WriteFileAtomically(path, page); !s.ok()) return ctx.Fail(s);
  ctx.Note(TrFormat("Wrote {}", path));
  if (ctx.format() != OutputFormat::kTable) {
    PrintRecord(ctx.format(), ctx.out(), Record{{{"file", _("File"), path}}, {}});
  }
}

void RunChildReport(Context& ctx, const PageOptions& o) {
  auto ws = ctx.OpenWorkspace();
  if (!ws) return;
  Result<Child> child = ws->GetChild(o.subject);
  if (!child.ok()) return ctx.Fail(child.status());
  Date from, to;
  if (!Window(ctx, *ws, o, from, to)) return;
  const std::vector<Month> months = MonthsOf(from, to);
  std::vector<ContactMonth> contacts;
  if (Status s = ChildContacts(*ws, child->case_reference, months, contacts); !s.ok()) {
    return ctx.Fail(s);
  }
  AttendanceReportQuery aq;
  aq.child = child->case_reference;
  std::vector<AttendanceMonth> attendance;
  if (Status s = AttendanceMonths(*ws, aq, months, attendance, nullptr); !s.ok()) {
    return ctx.Fail(s);
  }

  if (o.html.empty()) {
    RowWriter rows(ctx.format(), ctx.out(),
                   {{"month", _("Month")},
                    {"contacts_planned", _("Planned"), true},
                    {"contacts_took_place", _("Took place"), true},
                    {"contacts_cancelled", _("Cancelled"), true},
                    {"contacts_no_show", _("No-show"), true},
                    {"contacts_not_logged", _("Not logged"), true},
                    {"contacts_upcoming", _("Upcoming"), true},
                    {"adherence_percent", _("Adherence %"), true},
                    {"sessions_expected", _("Sessions"), true},
                    {"sessions_present", _("Present"), true},
                    {"attendance_percent", _("Attendance %"), true}});
    for (std::size_t i = 0; i < months.size(); ++i) {
      const ContactMonth& c = contacts[i];
      const AttendanceMonth& a = attendance[i];
      rows.Write({Label{months[i].code, months[i].label}, std::int64_t{c.planned},
                  std::int64_t{c.took_place}, std::int64_t{c.cancelled}, std::int64_t{c.no_show},
                  std::int64_t{c.not_logged}, std::int64_t{c.upcoming}, PercentValue(c.adherence),
                  std::int64_t{a.expected}, std::int64_t{a.present}, PercentValue(a.rate)});
    }
    rows.Finish();
    return;
  }

  std::vector<Bar> contact_bars, attendance_bars;
  std::vector<std::vector<std::string>> contact_rows, attendance_rows;
  bool any_sessions = false;
  for (std::size_t i = 0; i < months.size(); ++i) {
    const ContactMonth& c = contacts[i];
    const AttendanceMonth& a = attendance[i];
    contact_bars.push_back({months[i].label, c.adherence.value(),
                            fmt::format("{}/{}", c.took_place, c.adherence.denominator)});
    contact_rows.push_back({months[i].label, std::to_string(c.planned),
                            std::to_string(c.took_place), std::to_string(c.cancelled),
                            std::to_string(c.no_show), std::to_string(c.not_logged),
                            std::to_string(c.upcoming), Cell(c.adherence)});
    attendance_bars.push_back(
        {months[i].label, a.rate.value(), fmt::format("{}/{}", a.present, a.expected - a.excused)});
    attendance_rows.push_back({months[i].label, std::to_string(a.expected),
                               std::to_string(a.present), std::to_string(a.absent),
                               std::to_string(a.excused), Cell(a.rate)});
    any_sessions = any_sessions || a.expected > 0;
  }
  std::string body = "<section>\n<h2>" + Html(_("Contact with the family, month by month")) +
                     "</h2>\n<p class=\"legend\">" +
                     Html(_("Share of the planned contacts due so far that took place (held, "
                            "held late or ended early); a dash: nothing was due.")) +
                     "</p>\n" +
                     BarChart(contact_bars, _("Contact adherence per month"), std::nullopt) +
                     HtmlTable({_("Month"), _("Planned"), _("Took place"), _("Cancelled"),
                                _("No-show"), _("Not logged"), _("Upcoming"), _("Adherence")},
                               contact_rows) +
                     "</section>\n";
  if (any_sessions) {
    body += "<section>\n<h2>" + Html(_("Attendance at activities, month by month")) +
            "</h2>\n<p class=\"legend\">" +
            Html(_("Present / (sessions held while a participant − excused).")) + "</p>\n" +
            BarChart(attendance_bars, _("Attendance per month"), 0.7) +
            HtmlTable({_("Month"), _("Sessions"), _("Present"), _("Absent"), _("Excused"),
                       _("Attendance")},
                      attendance_rows) +
            "</section>\n";
  }
  const std::string title = fmt::format("{} ({})", child->name, child->case_reference);
  const std::string subtitle = TrFormat("Contacts and attendance from {} to {}",
                                        LocalDate(from.ToString()), LocalDate(to.ToString()));
  WritePage(ctx, o.html, Page(title, subtitle, body, *ws));
}

void RunCentreReport(Context& ctx, const PageOptions& o) {
  auto ws = ctx.OpenWorkspace();
  if (!ws) return;
  Result<Site> site = ws->GetSite(o.subject);
  if (!site.ok()) return ctx.Fail(site.status());
  Date from, to;
  if (!Window(ctx, *ws, o, from, to)) return;
  const std::vector<Month> months = MonthsOf(from, to);
  AttendanceReportQuery aq;
  aq.site_code = site->code;
  std::vector<AttendanceMonth> attendance;
  std::map<std::string, std::vector<Rate>> per_activity;
  if (Status s = AttendanceMonths(*ws, aq, months, attendance, &per_activity); !s.ok()) {
    return ctx.Fail(s);
  }

  if (o.html.empty()) {
    RowWriter rows(ctx.format(), ctx.out(),
                   {{"month", _("Month")},
                    {"sessions_held", _("Held"), true},
                    {"sessions_cancelled", _("Cancelled"), true},
                    {"expected", _("Expected"), true},
                    {"present", _("Present"), true},
                    {"absent", _("Absent"), true},
                    {"excused", _("Excused"), true},
                    {"attendance_percent", _("Attendance %"), true}});
    for (std::size_t i = 0; i < months.size(); ++i) {
      const AttendanceMonth& a = attendance[i];
      rows.Write({Label{months[i].code, months[i].label}, std::int64_t{a.sessions_held},
                  std::int64_t{a.sessions_cancelled}, std::int64_t{a.expected},
                  std::int64_t{a.present}, std::int64_t{a.absent}, std::int64_t{a.excused},
                  PercentValue(a.rate)});
    }
    rows.Finish();
    return;
  }

  std::vector<Bar> bars;
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0; i < months.size(); ++i) {
    const AttendanceMonth& a = attendance[i];
    bars.push_back(
        {months[i].label, a.rate.value(), fmt::format("{}/{}", a.present, a.expected - a.excused)});
    rows.push_back({months[i].label, std::to_string(a.sessions_held),
                    std::to_string(a.sessions_cancelled), std::to_string(a.expected),
                    std::to_string(a.present), std::to_string(a.absent), std::to_string(a.excused),
                    Cell(a.rate)});
  }
  std::string body = "<section>\n<h2>" + Html(_("Attendance per month")) +
                     "</h2>\n<p class=\"legend\">" +
                     Html(_("Present / (sessions held while a participant − excused); the dashed "
                            "line is 70 %.")) +
                     "</p>\n" + BarChart(bars, _("Attendance per month"), 0.7) +
                     HtmlTable({_("Month"), _("Held"), _("Cancelled"), _("Expected"), _("Present"),
                                _("Absent"), _("Excused"), _("Attendance")},
                               rows) +
                     "</section>\n";
  if (!per_activity.empty()) {
    std::vector<std::string> headers = {_("Activity")};
    for (const Month& m : months) headers.push_back(m.label);
    std::vector<std::vector<std::string>> activity_rows;
    for (auto& [name, rates] : per_activity) {
      rates.resize(months.size());
      std::vector<std::string> row = {name};
      for (const Rate& r : rates) row.push_back(Cell(r));
      activity_rows.push_back(std::move(row));
    }
    body += "<section>\n<h2>" + Html(_("Attendance per activity")) + "</h2>\n" +
            HtmlTable(headers, activity_rows) + "</section>\n";
  }
  const std::string title = fmt::format("{} ({})", site->name, site->code);
  const std::string subtitle =
      TrFormat("Attendance from {} to {}", LocalDate(from.ToString()), LocalDate(to.ToString()));
  WritePage(ctx, o.html, Page(title, subtitle, body, *ws));
}

}  // namespace

void SetupReportPages(CLI::App& report, Context& ctx) {
  auto child = std::make_shared<PageOptions>();
  CLI::App* c = report.add_subcommand(
      "child", _("A child's contacts with the family and attendance, month by month"));
  c->add_option("child", child->subject, _("Case reference"))->required();
  c->add_option("--from", child->from,
                _("First day, YYYY-MM-DD (default: the first of the month 11 months before --to)"));
  c->add_option("--to", child->to, _("Last day, YYYY-MM-DD (default: today)"));
  c->add_option("--html", child->html, _("Write a page with charts to this file instead"));
  c->callback([&ctx, child] { RunChildReport(ctx, *child); });

  auto centre = std::make_shared<PageOptions>();
  CLI::App* s = report.add_subcommand(
      "centre", _("A centre's or school's attendance, month by month and per activity"));
  s->add_option("site", centre->subject, _("Site code"))->required();
  s->add_option("--from", centre->from,
                _("First day, YYYY-MM-DD (default: the first of the month 11 months before --to)"));
  s->add_option("--to", centre->to, _("Last day, YYYY-MM-DD (default: today)"));
  s->add_option("--html", centre->html, _("Write a page with charts to this file instead"));
  s->callback([&ctx, centre] { RunCentreReport(ctx, *centre); });
}

}  // namespace kinbridge::cli
