// A method's aggregated outcomes: what a transfer package carries and what `report method`
// compares. Periods are calendar quarters; children are banded by their age at the end of each
// period; every cell of fewer than five children is left out, and one more where a single
// suppressed band could be recovered from the "all" cell (docs/transfer.md has the exact
// definitions). The rows come from storage/outcome_repository; nothing here names a child.
#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <tuple>

#include <nlohmann/json.hpp>

#include "storage/activity_repository.h"
#include "storage/outcome_repository.h"
#include "storage/transfer_repository.h"
#include "workspace/workspace_impl.h"

KINBRIDGE_NAMESPACE_BEGIN

using detail::Operation;
using detail::WriteTransaction;

namespace {

constexpr std::array<const char*, 5> kIndicators = {"contact_adherence", "attendance", "fidelity",
                                                    "plans", "children"};
constexpr std::array<const char*, 5> kBands = {"0-6", "7-13", "14-17", "18+", "all"};
constexpr std::size_t kAll = 4;  // the index of "all" in kBands
enum Indicator : std::size_t { kAdherence, kAttendance, kFidelity, kPlans, kChildren };

std::size_t IndexOf(const auto& names, const std::string& name) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (name == names[i]) return i;
  }
  return names.size();
}

std::size_t BandOf(Date birth, Date on) {
  const int age = birth.AgeOn(on);
  if (age <= 6) return 0;
  if (age <= 13) return 1;
  if (age <= 17) return 2;
  return 3;
}

Date QuarterStart(Date day) { return Date(day.year(), (day.month() - 1) / 3 * 3 + 1, 1); }

std::string QuarterLabel(int year, unsigned month) {
  return fmt::format("{}-Q{}", year, (month - 1) / 3 + 1);
}

struct Quarter {
  std::string label;
  Date first, last;  // within the window
};

// The quarters touching [from, to], each cut to the window.
std::vector<Quarter> Quarters(Date from, Date to) {
  std::vector<Quarter> quarters;
  for (Date start = QuarterStart(from); start <= to; start = start.AddMonths(3)) {
    const Date end = start.AddMonths(3).AddDays(-1);
    quarters.push_back(
        {QuarterLabel(start.year(), start.month()), std::max(start, from), std::min(end, to)});
  }
  return quarters;
}

// The index of the quarter of `year` and `month`, or quarters.size().
std::size_t QuarterIndex(const std::vector<Quarter>& quarters, int year, unsigned month) {
  const std::string label = QuarterLabel(year, month);
  for (std::size_t i = 0; i < quarters.size(); ++i) {
    if (quarters[i].label == label) return i;
  }
  return quarters.size();
}

// "YYYY-MM" (a stored day's month) as the index of its quarter, or quarters.size().
std::size_t QuarterOfMonth(const std::vector<Quarter>& quarters, const std::string& month) {
  return QuarterIndex(quarters, std::stoi(month.substr(0, 4)),
                      static_cast<unsigned>(std::stoi(month.substr(5, 2))));
}

struct Sum {
  double met = 0, total = 0;  // numerator and denominator (counts: met only)
  std::set<long long> children;
};

using SumKey = std::tuple<std::size_t, std::size_t, std::size_t>;  // indicator, quarter, band

void Add(std::map<SumKey, Sum>& sums, std::size_t indicator, std::size_t quarter, std::size_t band,
         long long child, double met, double total) {
  for (std::size_t b : {band, kAll}) {
    Sum& s = sums[{indicator, quarter, b}];
    s.met += met;
    s.total += total;
    s.children.insert(child);
  }
}

}  // namespace

std::vector<TransferOutcomeCell> SuppressSmallCells(std::vector<TransferOutcomeCell> cells) {
  // Cells of one indicator and period, by band.
  std::map<std::pair<std::string, std::string>, std::array<const TransferOutcomeCell*, 5>> by;
  for (const TransferOutcomeCell& c : cells) {
    const std::size_t band = IndexOf(kBands, c.age_band);
    if (band < kBands.size()) by[{c.indicator, c.period}][band] = &c;
  }
  std::set<const TransferOutcomeCell*> dropped;
  for (const auto& [key, bands] : by) {
    int suppressed = 0;
    for (std::size_t b = 0; b < bands.size(); ++b) {
      if (bands[b] != nullptr && bands[b]->n < kOutcomeMinChildren) {
        dropped.insert(bands[b]);
        if (b != kAll) ++suppressed;
      }
    }
    const TransferOutcomeCell* all = bands[kAll];
    if (suppressed != 1 || all == nullptr || dropped.count(all) > 0) continue;
    // One band left out: the "all" cell minus the others would give it back. Leave out the
    // smallest published band too (the younger on a tie), or the "all" cell when none is left.
    const TransferOutcomeCell* smallest = nullptr;
    for (std::size_t b = 0; b < kAll; ++b) {
      const TransferOutcomeCell* c = bands[b];
      if (c != nullptr && dropped.count(c) == 0 && (smallest == nullptr || c->n < smallest->n)) {
        smallest = c;
      }
    }
    dropped.insert(smallest != nullptr ? smallest : all);
  }
  std::vector<TransferOutcomeCell> kept;
  for (const TransferOutcomeCell& c : cells) {
    if (dropped.count(&c) == 0) kept.push_back(c);
  }
  return kept;
}

std::pair<Date, Date> OutcomeWindow(std::optional<Date> from, std::optional<Date> to, Date today) {
  const Date last = to.value_or(today);
  return {from.value_or(QuarterStart(last).AddMonths(-12)), last};
}

Result<std::vector<TransferOutcomeCell>> Workspace::Impl::ComputeOutcomes(
    const std::string& method_id, Date from, Date to) {
  if (to < from) {
    return Status::InvalidArgument(
        TrFormat("outcomes from {} to {} end before they start (expected the first day on or "
                 "before the last)",
                 from.ToString(), to.ToString()));
  }
  const std::vector<Quarter> quarters = Quarters(from, to);
  std::map<SumKey, Sum> sums;
  detail::OutcomeRepository rows(*db);
  auto band_in = [&](std::size_t q, Date birth) { return BandOf(birth, quarters[q].last); };

  rows.ForEachContactMonth(method_id, from, to, [&](const detail::ContactMonth& r) {
    const std::size_t q = QuarterOfMonth(quarters, r.month);
    if (q < quarters.size() && r.due > 0) {
      const std::size_t band = band_in(q, r.birth_date);
      Add(sums, kAdherence, q, band, r.child_id, static_cast<double>(r.held),
          static_cast<double>(r.due));
      Add(sums, kChildren, q, band, r.child_id, 0, 0);
    }
    return true;
  });
  rows.ForEachPlan(method_id, from, to, [&](const detail::PlanSpan& p) {
    for (std::size_t q = 0; q < quarters.size(); ++q) {
      if (p.approved_on > quarters[q].last) continue;
      if (p.ended_on && *p.ended_on < quarters[q].first) continue;
      const std::size_t band = band_in(q, p.birth_date);
      Add(sums, kPlans, q, band, p.child_id, 1, 0);
      Add(sums, kChildren, q, band, p.child_id, 0, 0);
    }
    return true;
  });
  // Group fidelity: whether the group met the method's requirements, asked once per group.
  detail::ActivityRepository activities(*db);
  std::map<long long, bool> group_met;
  const std::pair<int, int> size = GroupSizeBounds(method_id);
  auto met = [&](long long group_id) {
    auto known = group_met.find(group_id);
    if (known != group_met.end()) return known->second;
    bool ok = false;
    if (std::optional<detail::StoredGroup> g = activities.FindGroup(group_id)) {
      const int members = g->group.members;
      const bool sized = (size.first == 0 || members >= size.first) &&
                         (size.second == 0 || members <= size.second);
      bool leader = false;
      if (g->leader_id != 0) {
        Result<std::vector<MethodFinding>> findings =
            CheckLeaderWithMethod(method_id, g->leader_id);
        leader = findings.ok() &&
                 std::none_of(findings->begin(), findings->end(),
                              [](const MethodFinding& f) { return f.severity == "error"; });
      }
      ok = sized && leader;
    }
    return group_met.emplace(group_id, ok).first->second;
  };
  rows.ForEachMarkMonth(method_id, from, to, [&](const detail::MarkMonth& r) {
    const std::size_t q = QuarterOfMonth(quarters, r.month);
    if (q >= quarters.size()) return true;
    const std::size_t band = band_in(q, r.birth_date);
    const long long marks = r.present + r.absent + r.excused;
    // Attendance as the attendance report has it: present / (expected - excused), every
    // expected participant of a held session having a mark.
    Add(sums, kAttendance, q, band, r.child_id, static_cast<double>(r.present),
        static_cast<double>(marks - r.excused));
    Add(sums, kChildren, q, band, r.child_id, 0, 0);
    if (r.group_id != 0) {
      Add(sums, kFidelity, q, band, r.child_id, met(r.group_id) ? static_cast<double>(marks) : 0,
          static_cast<double>(marks));
    }
    return true;
  });
  rows.ForEachReview(method_id, from, to, [&](const detail::ReviewFidelity& r) {
    const std::size_t q = QuarterIndex(quarters, r.reviewed_on.year(), r.reviewed_on.month());
    if (q >= quarters.size()) return true;
    double checked = 0, kept = 0;
    for (const auto& c : nlohmann::json::parse(r.fidelity_json, nullptr, false)) {
      if (!c.is_object()) continue;
      checked += 1;
      if (c.value("met", false)) kept += 1;
    }
    if (checked > 0) Add(sums, kFidelity, q, band_in(q, r.birth_date), r.child_id, kept, checked);
    return true;
  });

  std::vector<TransferOutcomeCell> cells;
  for (const auto& [key, sum] : sums) {
    const auto& [indicator, q, band] = key;
    TransferOutcomeCell c;
    c.indicator = kIndicators[indicator];
    c.period = quarters[q].label;
    c.age_band = kBands[band];
    c.n = static_cast<std::int64_t>(sum.children.size());
    if (indicator == kPlans) {
      c.value = sum.met;
    } else if (indicator == kChildren) {
      c.value = static_cast<double>(c.n);
    } else if (sum.total > 0) {
      c.value = sum.met / sum.total;
    } else {
      continue;  // nothing expected (every mark excused): no share to give
    }
    cells.push_back(std::move(c));
  }
  return SuppressSmallCells(std::move(cells));
}

namespace {

bool IsOutcomeIndicator(const std::string& name) {
  return IndexOf(kIndicators, name) < kIndicators.size();
}
bool IsOutcomeAgeBand(const std::string& name) { return IndexOf(kBands, name) < kBands.size(); }

// "2026-Q3".
bool IsQuarter(const std::string& period) {
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  return period.size() == 7 && std::all_of(period.begin(), period.begin() + 4, digit) &&
         period[4] == '-' && period[5] == 'Q' && period[6] >= '1' && period[6] <= '4';
}

std::string MethodIdOf(const std::string& versioned) {
  return versioned.substr(0, versioned.find('@'));
}

}  // namespace

Status CheckOutcomeCells(const std::vector<TransferOutcomeCell>& cells) {
  std::set<std::tuple<std::string, std::string, std::string>> seen;
  for (const TransferOutcomeCell& c : cells) {
    if (!IsOutcomeIndicator(c.indicator) || !IsOutcomeAgeBand(c.age_band) || !IsQuarter(c.period)) {
      return Status::InvalidArgument(TrFormat(
          "the package has an outcome cell '{}' '{}' '{}' this kinbridge does not know (expected "
          "an indicator such as contact_adherence, an age band such as 7-13 and a period such as "
          "2026-Q3)",
          c.indicator, c.age_band, c.period));
    }
    if (c.n < kOutcomeMinChildren) {
      return Status::InvalidArgument(
          TrPlural("the package has an outcome cell of {} child ({} {} {}); a package may "
                   "not describe fewer than {} children, so it is refused",
                   "the package has an outcome cell of {} children ({} {} {}); a package may "
                   "not describe fewer than {} children, so it is refused",
                   static_cast<unsigned long>(c.n), c.n, c.indicator, c.period, c.age_band,
                   kOutcomeMinChildren));
    }
    if (!seen.insert({c.indicator, c.period, c.age_band}).second) {
      return Status::InvalidArgument(TrFormat("the package has the outcome cell {} {} {} twice",
                                              c.indicator, c.period, c.age_band));
    }
  }
  return Status::Ok();
}

Result<MethodOutcomeReport> Workspace::ReportMethodOutcomes(const MethodOutcomeQuery& q) const {
  Impl& w = *impl_;
  if (q.method.empty() || q.method.find('@') != std::string::npos) {
    return Status::InvalidArgument(TrFormat(
        "'{}' is not a method id (expected an id without a version, such as se.vara.contact)",
        q.method));
  }
  // The method's own lineage, when it is installed here.
  std::set<std::string> own_chain{q.method};
  Result<MethodDescription> described = DescribeMethod(q.method);
  if (described.ok()) {
    for (const std::string& step : described->chain) own_chain.insert(MethodIdOf(step));
  }
  try {
    WriteTransaction tx(*w.db);
    KINBRIDGE_RETURN_IF_ERROR(
        w.Allow(tx, Operation::kReadOutcomes, "report.method", "method", q.method));
    MethodOutcomeReport report;
    report.method = q.method;
    std::tie(report.from, report.to) = OutcomeWindow(q.from, q.to, w.Today());
    Result<std::vector<TransferOutcomeCell>> own =
        w.ComputeOutcomes(q.method, report.from, report.to);
    if (!own.ok()) return own.status();
    std::set<std::string> periods;
    for (const Quarter& quarter : Quarters(report.from, report.to)) {
      report.periods.push_back(quarter.label);
      periods.insert(quarter.label);
    }
    std::vector<std::vector<TransferOutcomeCell>> columns{std::move(*own)};
    report.sources.push_back(
        {true,
         w.municipality.code + " " + w.municipality.name + " (" + w.municipality.country + ")",
         q.method,
         {},
         {}});
    detail::OutcomeRepository outcomes(*w.db);
    for (const detail::StoredImport& i : detail::TransferRepository(*w.db).Imports()) {
      bool related = own_chain.count(i.method_id) > 0;
      for (const auto& step : nlohmann::json::parse(i.chain_json, nullptr, false)) {
        if (step.is_string() && MethodIdOf(step.get<std::string>()) == q.method) related = true;
      }
      if (!related) continue;
      std::vector<TransferOutcomeCell> cells;
      for (const detail::StoredOutcomeCell& c : outcomes.Imported(i.id)) {
        if (periods.count(c.period) > 0) {
          cells.push_back({c.period, c.age_band, c.indicator, c.value, c.n});
        }
      }
      report.sources.push_back({false,
                                i.from_code + " " + i.from_name + " (" + i.from_country + ")",
                                i.method_id + "@" + i.version, i.imported_at, i.package_sha256});
      columns.push_back(std::move(cells));
    }
    // A method known here neither as installed nor from a package nor by its plans: a typo.
    if (!described.ok() && columns.size() == 1 && columns[0].empty()) return described.status();
    // Rows: every indicator, period and band any source has, in a fixed order.
    std::map<std::tuple<std::size_t, std::string, std::size_t>, OutcomeComparisonRow> rows;
    for (std::size_t s = 0; s < columns.size(); ++s) {
      for (const TransferOutcomeCell& c : columns[s]) {
        OutcomeComparisonRow& row =
            rows[{IndexOf(kIndicators, c.indicator), c.period, IndexOf(kBands, c.age_band)}];
        row.indicator = c.indicator;
        row.period = c.period;
        row.age_band = c.age_band;
        row.cells.resize(columns.size());
        row.cells[s] = c;
      }
    }
    for (auto& [key, row] : rows) report.rows.push_back(std::move(row));
    w.Audit("report.method", "method", q.method, {},
            fmt::format("{} to {}: {} sources, {} rows", report.from.ToString(),
                        report.to.ToString(), report.sources.size(), report.rows.size()));
    tx.Commit();
    return report;
  } catch (const std::exception& e) {
    return detail::DatabaseError(e, TrFormat("reporting the outcomes of method {}", q.method));
  }
}

KINBRIDGE_NAMESPACE_END
