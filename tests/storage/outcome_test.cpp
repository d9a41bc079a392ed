// A method's aggregated outcomes on a hand-built fixture with known counts: quarters decided by
// the local day (an event just after midnight on 1 October, still September in UTC, is in Q4),
// age bands at the end of each quarter (a child turning 14 on 1 October), a band of four
// children left out and the secondary suppression that goes with it; the outcomes stored by an
// import and compared by ReportMethodOutcomes; who may read them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "kinbridge/transfer.h"
#include "kinbridge/workspace.h"
#include "ready_workspace.h"
#include "test_backend.h"
#include "workspace/workspace_impl.h"

namespace kinbridge {
namespace {

namespace fs = std::filesystem;

constexpr const char* kBuiltInPlugins = KINBRIDGE_BUILT_IN_PLUGINS_DIR;
constexpr const char* kVara = "se.vara.contact";
const Date kFrom(2026, 7, 1);
const Date kTo(2026, 11, 29);

WorkspaceOptions As(const std::string& account) {
  WorkspaceOptions options;
  options.today = kTo;
  options.now_utc = "2026-11-29T10:00:00Z";
  options.account = account;
  return options;
}

CreateOptions Creation(const std::string& code, const std::string& name, const std::string& country,
                       const std::string& zone) {
  CreateOptions create;
  create.municipality.code = code;
  create.municipality.name = name;
  create.municipality.country = country;
  create.municipality.locale = country == "SE" ? "sv_SE" : "zh_CN";
  create.municipality.time_zone = zone;
  create.mode = WorkspaceMode::kTest;
  create.administrator_account = "admin";
  create.administrator_name = "Admin";
  return create;
}

// (indicator, period, band) -> cell
using Cells = std::map<std::tuple<std::string, std::string, std::string>, TransferOutcomeCell>;

Cells ByKey(const std::vector<TransferOutcomeCell>& cells) {
  Cells out;
  for (const TransferOutcomeCell& c : cells) out[{c.indicator, c.period, c.age_band}] = c;
  return out;
}

// The workspace's database opened directly, to write a fixture no API call could: on SQLite the
// file, on a PostgreSQL run the test's schema.
std::unique_ptr<soci::session> RawSession(const std::string& location) {
  if (testing_support::IsPostgresqlWorkspace(location)) {
    return std::make_unique<soci::session>(*soci::factory_postgresql(), location);
  }
  return std::make_unique<soci::session>(*soci::factory_sqlite3(), "db=\"" + location + "\"");
}

class OutcomeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    unsetenv("LANGUAGE");
    std::random_device random;
    dir_ = fs::temp_directory_path() / ("kinbridge-outcome-" + std::to_string(random()));
    ASSERT_TRUE(fs::create_directories(dir_ / "methods"));
    vara_ = testing_support::TestWorkspace(dir_ / "vara.kinbridge");
    Result<Workspace> ws = testing_support::CreateReady(
        vara_, Creation("VAR", "Vara", "SE", "Europe/Stockholm"), As("admin"));
    ASSERT_TRUE(ws.ok()) << ws.status().ToString();
    for (const char* name : {"vara_contact.so", "huangshan_group.so"}) {
      const fs::path copy = dir_ / "methods" / name;
      fs::copy_file(fs::path(kBuiltInPlugins) / name, copy);
      ASSERT_TRUE(ws->InstallMethodPlugin(copy.string()).ok());
    }
    for (const auto& [account, role] :
         {std::pair{"karin", Role::kSupervisor}, std::pair{"erik", Role::kSocialWorker},
          std::pair{"mona", Role::kMethodDesigner}}) {
      NewWorker w;
      w.os_account = account;
      w.name = account;
      w.unit = "Barn och unga";
      w.roles = {role};
      ASSERT_TRUE(ws->AddWorker(w).ok());
    }
    // Five children of 4, six of 11, one turning 14 on 1 October 2026, four of 16.
    auto add = [&](Date birth, int count, std::vector<long long>& into) {
      for (int i = 0; i < count; ++i) {
        NewChild c;
        c.name = "Child " + std::to_string(all_.size() + 1);
        c.birth_date = birth;
        Result<Child> added = ws->AddChild(c);
        ASSERT_TRUE(added.ok()) << added.status().ToString();
        into.push_back(added->id);
        all_.push_back(added->id);
      }
    };
    add(Date(2022, 3, 3), 5, young_);
    add(Date(2015, 1, 1), 6, middle_);
    add(Date(2012, 10, 1), 1, turning_);
    add(Date(2010, 5, 5), 4, older_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Plans, contact events, a session with attendance and plan reviews, written directly.
  void BuildFixture() {
    std::unique_ptr<soci::session> session = RawSession(vara_);
    soci::session& db = *session;
    long long n = 0;
    auto plan = [&](long long child, const char* approved, const char* ended) {
      ++n;
      const std::string uuid = "plan-" + std::to_string(n);
      db << "INSERT INTO contact_plan (uuid, child_id, status, method_id, method_version, "
            "method_chain, approved_at, ended_on, created_at, updated_at) VALUES (:u, :c, "
            "'active', 'se.vara.contact', '1.0.0', 'se.vara.contact@1.0.0', "
         << (approved ? "'" + std::string(approved) + "'" : std::string("NULL")) << ", "
         << (ended ? "'" + std::string(ended) + "'" : std::string("NULL"))
         << ", '2026-06-01T00:00:00Z', '2026-06-01T00:00:00Z')",
          soci::use(uuid), soci::use(child);
      long long id = 0;
      db << "SELECT max(id) FROM contact_plan", soci::into(id);
      return id;
    };
    auto event = [&](long long plan_id, long long child, long long relation, const char* day,
                     const char* starts_utc, const char* status, const char* outcome) {
      // SOCI binds by reference: the values must outlive the statement.
      const std::string d = day, s = starts_utc, st = status;
      db << "INSERT INTO contact_event (plan_id, child_id, relation_id, mode, supervision, "
            "local_day, local_start, starts_utc, ends_utc, status, outcome, created_at) VALUES "
            "(:p, :c, :r, 'visit', 'unsupervised', :d, '10:00', :s, :s2, :st, "
         << (outcome ? "'" + std::string(outcome) + "'" : std::string("NULL"))
         << ", '2026-06-01T00:00:00Z')",
          soci::use(plan_id), soci::use(child), soci::use(relation), soci::use(d), soci::use(s),
          soci::use(s), soci::use(st);
    };
    for (long long child : all_) {
      const std::string uuid = "relation-" + std::to_string(child);
      db << "INSERT INTO relation (uuid, child_id, person_name, kind, caregiver, in_contact, "
            "created_at) VALUES (:u, :c, 'Mother', 'mother', 0, 1, '2026-06-01T00:00:00Z')",
          soci::use(uuid), soci::use(child);
      long long relation = 0;
      db << "SELECT max(id) FROM relation", soci::into(relation);
      const long long p = plan(child, "2026-06-15T09:00:00Z", nullptr);
      const bool young = std::find(young_.begin(), young_.end(), child) != young_.end();
      // Q3: two due (held; no-show, or held for the youngest), one cancelled by the core.
      event(p, child, relation, "2026-07-04", "2026-07-04T08:00:00Z", "logged", "held");
      event(p, child, relation, "2026-08-01", "2026-08-01T08:00:00Z", "cancelled", nullptr);
      event(p, child, relation, "2026-09-30", "2026-09-30T08:00:00Z", "logged",
            young ? "held-late" : "no-show");
      // Q4: 00:30 on 1 October in Vara is still 30 September in UTC; the local day decides.
      event(p, child, relation, "2026-10-01", "2026-09-30T22:30:00Z", "logged", "ended-early");
      event(p, child, relation, "2026-11-07", "2026-11-07T09:00:00Z", "scheduled", nullptr);
    }
    // Plans that do not count: ended before the period, never approved.
    plan(middle_[0], "2026-01-10T09:00:00Z", "2026-06-30");
    plan(middle_[1], nullptr, nullptr);

    // A session of an activity run with the method, on 6 August: seven children of 7-13 marked.
    db << "INSERT INTO site (uuid, kind, code, name, created_at) VALUES ('site-1', 'centre', "
          "'fc', 'Family centre', '2026-06-01T00:00:00Z')";
    db << "INSERT INTO activity (uuid, site_id, name, kind, method_id, rrule, first_day, "
          "start_time, duration_minutes, capacity, created_at, updated_at) VALUES ('act-1', 1, "
          "'Talks', 'leisure', 'se.vara.contact', 'FREQ=WEEKLY;BYDAY=TH', '2026-08-06', "
          "'15:00', 60, 20, '2026-06-01T00:00:00Z', '2026-06-01T00:00:00Z')";
    db << "INSERT INTO session (activity_id, local_day, local_start, starts_utc, ends_utc, "
          "status, created_at) VALUES (1, '2026-08-06', '15:00', '2026-08-06T13:00:00Z', "
          "'2026-08-06T14:00:00Z', 'held', '2026-06-01T00:00:00Z')";
    std::vector<long long> marked = middle_;
    marked.push_back(turning_[0]);
    for (std::size_t i = 0; i < marked.size(); ++i) {
      const std::string mark = i < 5 ? "present" : (i == 5 ? "absent" : "excused");
      db << "INSERT INTO attendance (session_id, child_id, mark, recorded_by, recorded_at) "
            "VALUES (1, :c, :m, 1, '2026-08-06T15:00:00Z')",
          soci::use(marked[i]), soci::use(mark);
    }
    // Reviews in Q4 of the six children of 11: two core components checked, one met.
    for (long long child : middle_) {
      long long plan_id = 0;
      db << "SELECT min(id) FROM contact_plan WHERE child_id = :c", soci::use(child),
          soci::into(plan_id);
      db << "INSERT INTO plan_review (plan_id, reviewed_on, period_from, period_to, method_id, "
            "method_version, adherence, fidelity, findings, next_review, reviewed_by, "
            "created_at) VALUES (:p, '2026-11-20', '2026-06-15', '2026-11-20', "
            "'se.vara.contact', '1.0.0', '[]', '[{\"component\":\"child-view\",\"met\":true},"
            "{\"component\":\"frequency\",\"met\":false}]', '[]', '2027-02-20', 1, "
            "'2026-11-20T10:00:00Z')",
          soci::use(plan_id);
    }
  }

  Result<MethodOutcomeReport> Report(const std::string& account, const std::string& method) {
    Result<Workspace> ws = Workspace::Open(vara_, As(account));
    if (!ws.ok()) return ws.status();
    return ws->ReportMethodOutcomes({method, kFrom, kTo});
  }

  // This workspace's own cells.
  Cells Own() {
    Result<MethodOutcomeReport> r = Report("karin", kVara);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    std::vector<TransferOutcomeCell> cells;
    if (r.ok()) {
      for (const OutcomeComparisonRow& row : r->rows) {
        if (row.cells[0]) cells.push_back(*row.cells[0]);
      }
    }
    return ByKey(cells);
  }

  fs::path dir_;
  std::string vara_;
  std::vector<long long> all_, young_, middle_, turning_, older_;
};

TEST_F(OutcomeTest, CountsByQuarterAndAgeBandWithSmallCellsLeftOut) {
  BuildFixture();
  const Cells cells = Own();
  auto at = [&](const char* indicator, const char* period, const char* band) {
    return cells.find({indicator, period, band});
  };
  auto has = [&](const char* indicator, const char* period, const char* band) {
    return at(indicator, period, band) != cells.end();
  };

  // Q3: 0-6 has 5 children, 7-13 seven (with the child still 13 on 30 September), 14-17 four:
  // that band is left out, and 0-6 (the smallest remaining) with it, so that "all" minus 7-13
  // cannot give it back.
  ASSERT_TRUE(has("contact_adherence", "2026-Q3", "all"));
  EXPECT_EQ(at("contact_adherence", "2026-Q3", "all")->second.n, 16);
  // Held: 16 on 4 July, 5 on 30 September; due: 32 (the event the core cancelled not counted).
  EXPECT_DOUBLE_EQ(at("contact_adherence", "2026-Q3", "all")->second.value, 21.0 / 32.0);
  ASSERT_TRUE(has("contact_adherence", "2026-Q3", "7-13"));
  EXPECT_EQ(at("contact_adherence", "2026-Q3", "7-13")->second.n, 7);
  EXPECT_DOUBLE_EQ(at("contact_adherence", "2026-Q3", "7-13")->second.value, 0.5);
  EXPECT_FALSE(has("contact_adherence", "2026-Q3", "14-17"));  // 4 children
  EXPECT_FALSE(has("contact_adherence", "2026-Q3", "0-6"));    // secondary suppression
  EXPECT_FALSE(has("plans", "2026-Q3", "14-17"));
  EXPECT_FALSE(has("plans", "2026-Q3", "0-6"));
  ASSERT_TRUE(has("plans", "2026-Q3", "all"));
  EXPECT_EQ(at("plans", "2026-Q3", "all")->second.value, 16);  // not the ended or draft plans
  ASSERT_TRUE(has("children", "2026-Q3", "7-13"));
  EXPECT_EQ(at("children", "2026-Q3", "7-13")->second.value, 7);

  // Q4: the child is 14 now, so 14-17 has five children and every band is shown.
  ASSERT_TRUE(has("contact_adherence", "2026-Q4", "14-17"));
  EXPECT_EQ(at("contact_adherence", "2026-Q4", "14-17")->second.n, 5);
  ASSERT_TRUE(has("contact_adherence", "2026-Q4", "7-13"));
  EXPECT_EQ(at("contact_adherence", "2026-Q4", "7-13")->second.n, 6);
  ASSERT_TRUE(has("contact_adherence", "2026-Q4", "0-6"));
  // The event at 00:30 on 1 October is in Q4 (held: ended early); 7 November is still open.
  EXPECT_DOUBLE_EQ(at("contact_adherence", "2026-Q4", "all")->second.value, 0.5);
  EXPECT_EQ(at("plans", "2026-Q4", "all")->second.value, 16);

  // Attendance on 6 August: 5 present, 1 absent, 1 excused: 5 / (7 - 1).
  ASSERT_TRUE(has("attendance", "2026-Q3", "7-13"));
  EXPECT_DOUBLE_EQ(at("attendance", "2026-Q3", "7-13")->second.value, 5.0 / 6.0);
  EXPECT_EQ(at("attendance", "2026-Q3", "7-13")->second.n, 7);
  EXPECT_EQ(at("attendance", "2026-Q3", "all")->second.n, 7);
  // Fidelity from the Q4 reviews: one core component of two met.
  ASSERT_TRUE(has("fidelity", "2026-Q4", "7-13"));
  EXPECT_DOUBLE_EQ(at("fidelity", "2026-Q4", "7-13")->second.value, 0.5);
  EXPECT_EQ(at("fidelity", "2026-Q4", "7-13")->second.n, 6);

  // No cell anywhere of fewer than five children.
  for (const auto& [key, cell] : cells) EXPECT_GE(cell.n, kOutcomeMinChildren);
}

TEST(OutcomeSuppressionTest, SecondarySuppressionTakesTheSmallestBandOrTheAllCell) {
  auto cell = [](const char* band, std::int64_t n) {
    return TransferOutcomeCell{"2026-Q1", band, "plans", static_cast<double>(n), n};
  };
  // One band suppressed: the smallest published one goes too (the younger on a tie).
  std::vector<TransferOutcomeCell> kept = SuppressSmallCells(
      {cell("0-6", 6), cell("7-13", 6), cell("14-17", 3), cell("18+", 9), cell("all", 24)});
  Cells c = ByKey(kept);
  EXPECT_EQ(c.size(), 3u);
  EXPECT_TRUE(c.count({"plans", "2026-Q1", "7-13"}));
  EXPECT_TRUE(c.count({"plans", "2026-Q1", "18+"}));
  EXPECT_TRUE(c.count({"plans", "2026-Q1", "all"}));
  // Two suppressed: nothing more to hide.
  kept = SuppressSmallCells({cell("0-6", 2), cell("7-13", 6), cell("14-17", 3), cell("all", 11)});
  EXPECT_EQ(kept.size(), 2u);
  // One suppressed and nothing else published: the "all" cell goes.
  kept = SuppressSmallCells({cell("7-13", 4), cell("all", 5)});
  EXPECT_TRUE(kept.empty());
  // Nothing small: everything stays.
  kept = SuppressSmallCells({cell("7-13", 5), cell("all", 5)});
  EXPECT_EQ(kept.size(), 2u);
}

TEST_F(OutcomeTest, OnlySupervisorsAdministratorsAndMethodDesignersReadThemAudited) {
  BuildFixture();
  Result<MethodOutcomeReport> refused = Report("erik", kVara);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), ErrorCode::kPermissionDenied);
  for (const char* account : {"karin", "mona", "admin"}) {
    Result<MethodOutcomeReport> r = Report(account, kVara);
    ASSERT_TRUE(r.ok()) << account << ": " << r.status().ToString();
    EXPECT_EQ(r->periods, (std::vector<std::string>{"2026-Q3", "2026-Q4"}));
  }
  Result<Workspace> admin = Workspace::Open(vara_, As("admin"));
  ASSERT_TRUE(admin.ok());
  int audited = 0;
  ASSERT_TRUE(admin
                  ->ForEachAuditEntry({},
                                      [&](const AuditEntry& e) {
                                        if (e.action == "report.method") ++audited;
                                        return true;
                                      })
                  .ok());
  EXPECT_EQ(audited, 3);
  Result<MethodOutcomeReport> bad = Report("karin", "se.vara.contact@1.0.0");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), ErrorCode::kInvalidArgument);
  Result<MethodOutcomeReport> unknown = Report("karin", "se.vara.kontakt");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), ErrorCode::kNotFound);
  EXPECT_THAT(unknown.status().message(), ::testing::HasSubstr("se.vara.kontakt"));
}

TEST_F(OutcomeTest, ImportStoresTheOutcomesAndTheReportComparesThem) {
  BuildFixture();
  const std::string file = (dir_ / "vara.kbx").string();
  std::vector<TransferOutcomeCell> sent;
  {
    Result<Workspace> admin = Workspace::Open(vara_, As("admin"));
    ASSERT_TRUE(admin.ok());
    TransferExportOptions options;
    options.method = kVara;
    options.output_file = file;
    options.with_outcomes = true;
    options.outcomes_from = kFrom;
    options.outcomes_to = kTo;
    Result<TransferExport> e = admin->ExportMethodPackage(options);
    ASSERT_TRUE(e.ok()) << e.status().ToString();
    Result<TransferPackage> p = ReadTransferPackage(file);
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    sent = p->outcomes;
  }
  const Cells own = Own();
  ASSERT_FALSE(sent.empty());
  EXPECT_EQ(ByKey(sent).size(), own.size());

  const std::string huangshan = testing_support::TestWorkspace(dir_ / "huangshan.kinbridge");
  {
    Result<Workspace> hs = Workspace::Create(
        huangshan, Creation("HSN", "Huangshan", "CN", "Asia/Shanghai"), As("admin"));
    ASSERT_TRUE(hs.ok()) << hs.status().ToString();
    Result<ImportedMethod> imported = hs->ImportMethodPackage(file, {});
    ASSERT_TRUE(imported.ok()) << imported.status().ToString();
    EXPECT_EQ(imported->outcome_cells, static_cast<std::int64_t>(sent.size()));
  }
  Result<Workspace> hs = Workspace::Open(huangshan, As("admin"));
  ASSERT_TRUE(hs.ok());
  std::vector<ImportedMethod> listed;
  ASSERT_TRUE(hs->ForEachImportedMethod([&](const ImportedMethod& m) {
                  listed.push_back(m);
                  return true;
                }).ok());
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].outcome_cells, static_cast<std::int64_t>(sent.size()));

  Result<MethodOutcomeReport> r = hs->ReportMethodOutcomes({kVara, kFrom, kTo});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->sources.size(), 2u);
  EXPECT_TRUE(r->sources[0].own);
  EXPECT_EQ(r->sources[0].municipality, "HSN Huangshan (CN)");
  EXPECT_EQ(r->sources[1].municipality, "VAR Vara (SE)");
  EXPECT_EQ(r->sources[1].method, "se.vara.contact@1.0.0");
  std::vector<TransferOutcomeCell> compared;
  for (const OutcomeComparisonRow& row : r->rows) {
    ASSERT_EQ(row.cells.size(), 2u);
    EXPECT_FALSE(row.cells[0].has_value());  // Huangshan has no children with the method
    ASSERT_TRUE(row.cells[1].has_value());
    compared.push_back(*row.cells[1]);
  }
  const Cells received = ByKey(compared);
  ASSERT_EQ(received.size(), own.size());
  for (const auto& [key, cell] : own) {
    ASSERT_TRUE(received.count(key));
    EXPECT_DOUBLE_EQ(received.at(key).value, cell.value);
    EXPECT_EQ(received.at(key).n, cell.n);
  }
  // Rows in a fixed order: contact adherence first, then by period and band.
  EXPECT_EQ(r->rows.front().indicator, "contact_adherence");
  EXPECT_EQ(r->rows.front().period, "2026-Q3");
  EXPECT_EQ(r->rows.back().indicator, "children");
}

}  // namespace
}  // namespace kinbridge
