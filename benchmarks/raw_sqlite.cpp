#include "raw_sqlite.h"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <sodium.h>

#include "storage/contact_repository.h"
#include "storage/session_repository.h"

namespace kinbridge::bench {

namespace {

void Exec(sqlite3* db, const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error != nullptr ? error : "unknown";
    sqlite3_free(error);
    throw std::runtime_error(message);
  }
}

}  // namespace

long RawInsertChildren(const std::string& path, long count) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) throw std::runtime_error("open failed");
  Exec(db, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;");
  Exec(db,
       "CREATE TABLE child (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, "
       "case_reference TEXT NOT NULL UNIQUE, name TEXT NOT NULL, birth_date TEXT NOT NULL, "
       "national_id TEXT, languages TEXT NOT NULL, school TEXT NOT NULL, status TEXT NOT NULL, "
       "created_at TEXT NOT NULL)");
  sqlite3_stmt* insert = nullptr;
  sqlite3_prepare_v2(db,
                     "INSERT INTO child (uuid, case_reference, name, birth_date, national_id, "
                     "languages, school, status, created_at) VALUES (?, ?, ?, ?, NULL, 'sv', "
                     "'Vara skola', 'open', '2026-11-29T10:00:00Z')",
                     -1, &insert, nullptr);
  for (long i = 0; i < count; ++i) {
    const std::string uuid = fmt::format("00000000-0000-4000-8000-{:012}", i);
    const std::string ref = fmt::format("VAR-2026-{:04}", i + 1);
    const std::string name = fmt::format("Child {}", i);
    Exec(db, "BEGIN IMMEDIATE");
    sqlite3_bind_text(insert, 1, uuid.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert, 2, ref.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert, 3, name.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert, 4, "2017-03-14", -1, SQLITE_STATIC);
    if (sqlite3_step(insert) != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db));
    sqlite3_reset(insert);
    Exec(db, "COMMIT");
  }
  sqlite3_finalize(insert);
  sqlite3_close(db);
  return count;
}

RawDueList::RawDueList(const std::string& path) {
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    const std::string message = fmt::format("opening {}: {}", path, sqlite3_errmsg(db_));
    sqlite3_close(db_);
    db_ = nullptr;
    throw std::runtime_error(message);
  }
  Exec(db_, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;");
}

RawDueList::~RawDueList() {
  for (auto& [sql, statement] : kept_) sqlite3_finalize(statement);
  sqlite3_close(db_);
}

sqlite3_stmt* RawDueList::Kept(const char* sql) {
  auto found = kept_.find(sql);
  if (found == kept_.end()) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db_, sql, -1, &statement, nullptr) != SQLITE_OK) {
      throw std::runtime_error(fmt::format("{}: {}", sql, sqlite3_errmsg(db_)));
    }
    found = kept_.emplace(sql, statement).first;
  }
  sqlite3_reset(found->second);
  sqlite3_clear_bindings(found->second);
  return found->second;
}

long RawDueList::Run(long long worker_id, const std::string& from, const std::string& to) {
  return Select(worker_id, from, to, nullptr);
}

long RawDueList::Select(long long worker_id, const std::string& from, const std::string& to,
                        std::vector<long long>* children) {
  // What ContactRepository::ForEach appends for a due list (open_only, from and to set).
  std::string sql = std::string(detail::ContactEventSelect()) + "WHERE 1 = 1";
  if (worker_id != 0) sql += " AND (ca.worker_id = :w)";
  sql += " AND e.local_day >= :from AND e.local_day <= :to AND e.status = 'scheduled'";
  sql += " ORDER BY e.starts_utc, e.id";
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
    throw std::runtime_error(sqlite3_errmsg(db_));
  }
  int index = 1;
  if (worker_id != 0) sqlite3_bind_int64(statement, index++, worker_id);
  sqlite3_bind_text(statement, index++, from.c_str(), -1, SQLITE_STATIC);
  sqlite3_bind_text(statement, index++, to.c_str(), -1, SQLITE_STATIC);
  const int columns = sqlite3_column_count(statement);
  // The child's id, for the audit entry's subjects: the column `id` of table `child`.
  int child_column = -1;
  for (int i = 0; children != nullptr && i < columns && child_column < 0; ++i) {
    const char* table = sqlite3_column_table_name(statement, i);
    const char* origin = sqlite3_column_origin_name(statement, i);
    if (table != nullptr && origin != nullptr && std::string_view(table) == "child" &&
        std::string_view(origin) == "id") {
      child_column = i;
    }
  }
  if (children != nullptr && child_column < 0) {
    sqlite3_finalize(statement);
    throw std::runtime_error("the due list's query has no column child.id");
  }
  long rows = 0;
  int step = SQLITE_ROW;
  while ((step = sqlite3_step(statement)) == SQLITE_ROW) {
    // Every column as a caller would read it: integers, and text with its length.
    for (int i = 0; i < columns; ++i) {
      if (sqlite3_column_type(statement, i) == SQLITE_INTEGER) {
        static_cast<void>(sqlite3_column_int64(statement, i));
      } else {
        static_cast<void>(sqlite3_column_text(statement, i));
        static_cast<void>(sqlite3_column_bytes(statement, i));
      }
    }
    if (children != nullptr) children->push_back(sqlite3_column_int64(statement, child_column));
    ++rows;
  }
  sqlite3_finalize(statement);
  if (step != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db_));
  return rows;
}

namespace {

// Opens a workspace file with the settings of a workspace; throws std::runtime_error.
sqlite3* OpenWorkspaceFile(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    const std::string message = fmt::format("opening {}: {}", path, sqlite3_errmsg(db));
    sqlite3_close(db);
    throw std::runtime_error(message);
  }
  try {
    Exec(db, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;");
  } catch (...) {
    sqlite3_close(db);
    throw;
  }
  return db;
}

// A statement prepared for one run, finalized at the end of the scope.
class Query {
 public:
  Query(sqlite3* db, const std::string& sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement_, nullptr) != SQLITE_OK) {
      throw std::runtime_error(fmt::format("{}: {}", sql, sqlite3_errmsg(db)));
    }
  }
  ~Query() { sqlite3_finalize(statement_); }
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;

  // Binds a named parameter (":name", every occurrence) or a position.
  void Bind(const char* name, const std::string& value) {
    sqlite3_bind_text(statement_, Index(name), value.c_str(), static_cast<int>(value.size()),
                      SQLITE_STATIC);
  }
  void Bind(const char* name, long long value) {
    sqlite3_bind_int64(statement_, Index(name), value);
  }
  void Bind(int index, const std::string& value) {
    sqlite3_bind_text(statement_, index, value.c_str(), static_cast<int>(value.size()),
                      SQLITE_STATIC);
  }
  void Bind(int index, long long value) { sqlite3_bind_int64(statement_, index, value); }

  bool Next() {
    const int step = sqlite3_step(statement_);
    if (step == SQLITE_ROW) return true;
    if (step != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db_));
    return false;
  }
  long long Int(int column) const { return sqlite3_column_int64(statement_, column); }
  sqlite3_stmt* get() const { return statement_; }
  std::string Text(int column) const {
    const unsigned char* text = sqlite3_column_text(statement_, column);
    if (text == nullptr) return {};
    return std::string(reinterpret_cast<const char*>(text),
                       static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)));
  }

 private:
  int Index(const char* name) const {
    const int index = sqlite3_bind_parameter_index(statement_, name);
    if (index == 0) throw std::runtime_error(fmt::format("no parameter {}", name));
    return index;
  }
  sqlite3* db_;
  sqlite3_stmt* statement_ = nullptr;
};

// The held sessions of the site's period, by activity and group and in day order: the text
// SessionRepository::ForEachHeld builds for a site.
constexpr const char* kHeldSql =
    "SELECT s.activity_id, COALESCE(s.group_id, 0), s.local_day FROM session s "
    "JOIN activity act ON act.id = s.activity_id WHERE s.status = 'held' AND s.local_day >= "
    ":from AND s.local_day <= :to AND act.site_id = :site "
    "ORDER BY s.activity_id, COALESCE(s.group_id, 0), s.local_day";

// Who took part in the site's activities over days (ActivityRepository::Participants, for every
// activity of the site at once), with each child's case reference and name.
constexpr const char* kParticipantsSql =
    "SELECT e.child_id, e.activity_id, 0, e.enrolled_on, e.left_on, c.case_reference, c.name "
    "FROM enrolment e JOIN activity act ON act.id = e.activity_id JOIN child c ON c.id = "
    "e.child_id WHERE act.site_id = :site AND e.enrolled_on IS NOT NULL AND e.status <> "
    "'waiting' "
    "UNION ALL SELECT m.child_id, g.activity_id, m.group_id, m.joined_on, m.left_on, "
    "c.case_reference, c.name FROM group_member m JOIN activity_group g ON g.id = m.group_id "
    "JOIN activity act ON act.id = g.activity_id JOIN child c ON c.id = m.child_id "
    "WHERE act.site_id = :site";

// The sessions of the site's period by activity, group and status: the text
// SessionRepository::CountSessions builds for a site.
constexpr const char* kSessionCountSql =
    "SELECT s.activity_id, COALESCE(s.group_id, 0), s.status, COUNT(*) FROM session s "
    "JOIN activity act ON act.id = s.activity_id WHERE s.local_day >= :from AND "
    "s.local_day <= :to AND act.site_id = :site "
    "GROUP BY s.activity_id, COALESCE(s.group_id, 0), s.status";

// The site's activities with their capacity and the children enrolled on the last day.
constexpr const char* kActivityUseSql =
    "SELECT act.id, act.name, act.capacity, (SELECT count(*) FROM enrolment e WHERE "
    "e.activity_id = act.id AND e.status = 'enrolled' AND (e.left_on IS NULL OR e.left_on >= "
    ":to)) FROM activity act WHERE act.site_id = :site";

struct LineKey {
  long long child_id = 0, activity_id = 0, group_id = 0;
  bool operator==(const LineKey&) const = default;
};

struct LineKeyHash {
  std::size_t operator()(const LineKey& k) const {
    std::uint64_t h = static_cast<std::uint64_t>(k.child_id) * 0x9e3779b97f4a7c15ULL;
    h ^= static_cast<std::uint64_t>(k.activity_id) + 0x632be59bd9b4e019ULL + (h << 6) + (h >> 2);
    h ^= static_cast<std::uint64_t>(k.group_id) + 0x94d049bb133111ebULL + (h << 6) + (h >> 2);
    return static_cast<std::size_t>(h);
  }
};

struct Line {
  std::string case_reference, name;
  int expected = 0, recent_expected = 0;
  int present = 0, absent = 0, excused = 0;
  int recent_recorded = 0, recent_present = 0, recent_excused = 0;
  // Derived by the report's formulas.
  int not_recorded = 0;
  double rate = 0, recent_rate = 0, earlier_rate = 0;
  bool flagged = false;
};

// "YYYY-MM-DD" as the number YYYYMMDD, which orders days the same way.
int DayNumber(const std::string& day) {
  int n = 0;
  for (char ch : day) {
    if (ch != '-') n = n * 10 + (ch - '0');
  }
  return n;
}

// Days of sorted `days` within [lo, hi].
int CountDays(const std::vector<int>& days, int lo, int hi) {
  if (hi < lo) return 0;
  return static_cast<int>(std::upper_bound(days.begin(), days.end(), hi) -
                          std::lower_bound(days.begin(), days.end(), lo));
}

double Rate(int present, int base) { return base > 0 ? static_cast<double>(present) / base : 0.0; }

}  // namespace

RawAttendanceReport::RawAttendanceReport(const std::string& path) : db_(OpenWorkspaceFile(path)) {}

RawAttendanceReport::~RawAttendanceReport() { sqlite3_close(db_); }

RawReportTotals RawAttendanceReport::Run(long long site_id, const std::string& from,
                                         const std::string& to, const std::string& recent_from,
                                         double threshold) {
  const int first = DayNumber(from), last = DayNumber(to), recent = DayNumber(recent_from);
  // Held days by activity and group, ascending.
  std::map<std::pair<long long, long long>, std::vector<int>> held;
  {
    Query days(db_, kHeldSql);
    days.Bind(":from", from);
    days.Bind(":to", to);
    days.Bind(":site", site_id);
    while (days.Next()) held[{days.Int(0), days.Int(1)}].push_back(DayNumber(days.Text(2)));
  }
  // Each participation counts the held days it covers. A child's participations in one group do
  // not overlap (one group of an activity at a time), so no day counts twice.
  std::unordered_map<LineKey, Line, LineKeyHash> lines;
  {
    Query participants(db_, kParticipantsSql);
    participants.Bind(":site", site_id);
    while (participants.Next()) {
      const LineKey key{participants.Int(0), participants.Int(1), participants.Int(2)};
      const auto days = held.find({key.activity_id, key.group_id});
      if (days == held.end()) continue;
      const int lo = std::max(first, DayNumber(participants.Text(3)));
      const std::string left_on = participants.Text(4);
      const int hi = left_on.empty() ? last : std::min(last, DayNumber(left_on));
      const int expected = CountDays(days->second, lo, hi);
      if (expected == 0) continue;
      Line& line = lines[key];
      line.case_reference = participants.Text(5);
      line.name = participants.Text(6);
      line.expected += expected;
      line.recent_expected += CountDays(days->second, std::max(lo, recent), hi);
    }
  }
  {
    // What SessionRepository::ForEachTotals runs for a site.
    Query totals(db_, std::string(detail::AttendanceTotalsSql()) +
                          " AND s.activity_id IN (SELECT act.id FROM activity act WHERE "
                          "act.site_id = :site) GROUP BY a.child_id, s.activity_id, "
                          "COALESCE(s.group_id, 0)");
    totals.Bind(1, recent_from);
    totals.Bind(2, recent_from);
    totals.Bind(3, recent_from);
    totals.Bind(4, from);
    totals.Bind(5, to);
    totals.Bind(6, site_id);
    while (totals.Next()) {
      Line& line = lines[{totals.Int(0), totals.Int(1), totals.Int(2)}];
      line.present = static_cast<int>(totals.Int(3));
      line.absent = static_cast<int>(totals.Int(4));
      line.excused = static_cast<int>(totals.Int(5));
      line.recent_recorded = static_cast<int>(totals.Int(6));
      line.recent_present = static_cast<int>(totals.Int(7));
      line.recent_excused = static_cast<int>(totals.Int(8));
    }
  }
  struct Counts {
    int scheduled = 0, held = 0, cancelled = 0;
  };
  std::map<std::pair<long long, long long>, Counts> counts;  // activity, group
  {
    Query sessions(db_, kSessionCountSql);
    sessions.Bind(":from", from);
    sessions.Bind(":to", to);
    sessions.Bind(":site", site_id);
    while (sessions.Next()) {
      Counts& c = counts[{sessions.Int(0), sessions.Int(1)}];
      const std::string status = sessions.Text(2);
      const int n = static_cast<int>(sessions.Int(3));
      if (status == "scheduled") c.scheduled += n;
      if (status == "held") c.held += n;
      if (status == "cancelled") c.cancelled += n;
    }
  }

  // Per child, by the report's formulas; sums per group and activity.
  RawReportTotals result;
  struct Sum {
    int present = 0, base = 0;
  };
  std::map<std::pair<long long, long long>, Sum> group_sums;
  std::map<long long, int> activity_present;
  std::vector<const Line*> shown;
  shown.reserve(lines.size());
  for (auto& [key, line] : lines) {
    const int recorded = line.present + line.absent + line.excused;
    line.expected = std::max(line.expected, recorded);
    line.not_recorded = line.expected - recorded;
    line.rate = Rate(line.present, line.expected - line.excused);
    line.recent_expected = std::max(line.recent_expected, line.recent_recorded);
    line.recent_rate = Rate(line.recent_present, line.recent_expected - line.recent_excused);
    const int earlier_base =
        (line.expected - line.recent_expected) - (line.excused - line.recent_excused);
    line.earlier_rate = Rate(line.present - line.recent_present, earlier_base);
    line.flagged = line.recent_expected - line.recent_excused > 0 && earlier_base > 0 &&
                   line.recent_rate < threshold && line.recent_rate < line.earlier_rate;
    Sum& sum = group_sums[{key.activity_id, key.group_id}];
    sum.present += line.present;
    sum.base += line.expected - line.excused;
    activity_present[key.activity_id] += line.present;
    shown.push_back(&line);
    result.expected += line.expected;
    result.present += line.present;
    result.absent += line.absent;
    result.excused += line.excused;
    result.not_recorded += line.not_recorded;
    if (line.flagged) ++result.flagged;
  }
  std::sort(shown.begin(), shown.end(),
            [](const Line* a, const Line* b) { return a->case_reference < b->case_reference; });
  result.lines = static_cast<long>(shown.size());

  // Group rates and sessions; activity use.
  for (const auto& [key, c] : counts) {
    if (key.second == 0) continue;
    const Sum& sum = group_sums[key];
    result.checksum += Rate(sum.present, sum.base) + c.scheduled + c.held + c.cancelled;
    ++result.groups;
  }
  {
    Query use(db_, kActivityUseSql);
    use.Bind(":to", to);
    use.Bind(":site", site_id);
    while (use.Next()) {
      const long long id = use.Int(0);
      const std::string name = use.Text(1);
      const long long capacity = use.Int(2), enrolled = use.Int(3);
      int sessions_held = 0;
      for (const auto& [key, c] : counts) {
        if (key.first == id) sessions_held += c.held;
      }
      result.checksum += (capacity > 0 ? static_cast<double>(enrolled) / capacity : 0.0) +
                         Rate(activity_present[id], sessions_held) +
                         static_cast<double>(name.size());
      ++result.activities;
    }
  }
  return result;
}

struct RawAttendanceWriter::Statements {
  sqlite3_stmt* begin = nullptr;
  sqlite3_stmt* commit = nullptr;
  sqlite3_stmt* insert = nullptr;
  sqlite3_stmt* held = nullptr;
  ~Statements() {
    for (sqlite3_stmt* s : {begin, commit, insert, held}) sqlite3_finalize(s);
  }
};

RawAttendanceWriter::RawAttendanceWriter(const std::string& path, long long worker_id,
                                         std::string now_utc)
    : db_(OpenWorkspaceFile(path)),
      statements_(std::make_unique<Statements>()),
      worker_id_(worker_id),
      now_utc_(std::move(now_utc)) {
  const std::pair<sqlite3_stmt**, const char*> prepared[] = {
      {&statements_->begin, "BEGIN IMMEDIATE"},
      {&statements_->commit, "COMMIT"},
      {&statements_->insert,
       "INSERT INTO attendance (session_id, child_id, mark, note, recorded_by, recorded_at) "
       "VALUES (?1, ?2, ?3, '', ?4, ?5)"},
      {&statements_->held,
       "UPDATE session SET status = 'held', held_by = ?1, held_at = ?2 WHERE id = ?3"}};
  for (const auto& [statement, sql] : prepared) {
    if (sqlite3_prepare_v2(db_, sql, -1, statement, nullptr) != SQLITE_OK) {
      const std::string message = fmt::format("{}: {}", sql, sqlite3_errmsg(db_));
      statements_.reset();
      sqlite3_close(db_);
      throw std::runtime_error(message);
    }
  }
}

RawAttendanceWriter::~RawAttendanceWriter() {
  statements_.reset();
  sqlite3_close(db_);
}

void RawAttendanceWriter::Record(long long session_id, const std::vector<long long>& children,
                                 long long absent_child) {
  Statements& s = *statements_;
  auto step = [&](sqlite3_stmt* statement) {
    const int result = sqlite3_step(statement);
    sqlite3_reset(statement);
    if (result != SQLITE_DONE) {
      const std::string message = sqlite3_errmsg(db_);
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
      throw std::runtime_error(
          fmt::format("recording the attendance of session {}: {}", session_id, message));
    }
  };
  step(s.begin);
  sqlite3_bind_int64(s.insert, 1, session_id);
  sqlite3_bind_int64(s.insert, 4, worker_id_);
  sqlite3_bind_text(s.insert, 5, now_utc_.c_str(), static_cast<int>(now_utc_.size()),
                    SQLITE_STATIC);
  for (long long child : children) {
    sqlite3_bind_int64(s.insert, 2, child);
    sqlite3_bind_text(s.insert, 3, child == absent_child ? "absent" : "present", -1, SQLITE_STATIC);
    step(s.insert);
  }
  sqlite3_bind_int64(s.held, 1, worker_id_);
  sqlite3_bind_text(s.held, 2, now_utc_.c_str(), static_cast<int>(now_utc_.size()), SQLITE_STATIC);
  sqlite3_bind_int64(s.held, 3, session_id);
  step(s.held);
  step(s.commit);
}

namespace {

// OutcomeRepository::ForEachContactMonth.
constexpr const char* kContactMonthsSql =
    "SELECT e.child_id, c.birth_date, substr(e.local_day, 1, 7), "
    "CAST(count(*) AS BIGINT), CAST(sum(CASE WHEN e.outcome IN ('held', 'held-late', "
    "'ended-early') THEN 1 ELSE 0 END) AS BIGINT) FROM contact_event e JOIN "
    "contact_plan p ON p.id = e.plan_id JOIN child c ON c.id = e.child_id WHERE "
    "p.method_id = :m AND e.status <> 'cancelled' AND e.local_day >= :lo AND "
    "e.local_day <= :hi GROUP BY e.child_id, c.birth_date, substr(e.local_day, 1, 7) "
    "ORDER BY e.child_id, substr(e.local_day, 1, 7)";

// OutcomeRepository::ForEachPlan.
constexpr const char* kPlansSql =
    "SELECT p.id, p.child_id, c.birth_date, substr(p.approved_at, 1, 10), p.ended_on "
    "FROM contact_plan p JOIN child c ON c.id = p.child_id WHERE p.method_id = :m AND "
    "p.approved_at IS NOT NULL AND substr(p.approved_at, 1, 10) <= :hi AND "
    "(p.ended_on IS NULL OR p.ended_on >= :lo) ORDER BY p.id";

// OutcomeRepository::ForEachMarkMonth.
constexpr const char* kMarkMonthsSql =
    "SELECT a.child_id, c.birth_date, substr(s.local_day, 1, 7), "
    "COALESCE(s.group_id, 0), CAST(sum(CASE WHEN a.mark = 'present' THEN 1 ELSE 0 END) "
    "AS BIGINT), CAST(sum(CASE WHEN a.mark = 'absent' THEN 1 ELSE 0 END) AS BIGINT), "
    "CAST(sum(CASE WHEN a.mark = 'excused' THEN 1 ELSE 0 END) AS BIGINT) FROM "
    "attendance a JOIN session s ON s.id = a.session_id JOIN activity act ON act.id = "
    "s.activity_id JOIN child c ON c.id = a.child_id WHERE act.method_id = :m AND "
    "s.status = 'held' AND s.local_day >= :lo AND s.local_day <= :hi GROUP BY "
    "a.child_id, c.birth_date, substr(s.local_day, 1, 7), COALESCE(s.group_id, 0) "
    "ORDER BY a.child_id, substr(s.local_day, 1, 7), COALESCE(s.group_id, 0)";

// OutcomeRepository::ForEachReview.
constexpr const char* kReviewsSql =
    "SELECT p.child_id, c.birth_date, r.reviewed_on, r.fidelity FROM plan_review r "
    "JOIN contact_plan p ON p.id = r.plan_id JOIN child c ON c.id = p.child_id WHERE "
    "r.method_id = :m AND r.reviewed_on >= :lo AND r.reviewed_on <= :hi ORDER BY r.id";

// Reads every column of the current row as the repository does (integers as integers, the rest
// as text with its length); returns a checksum of the integers and lengths.
long long ReadRow(sqlite3_stmt* statement) {
  long long sum = 0;
  const int columns = sqlite3_column_count(statement);
  for (int i = 0; i < columns; ++i) {
    if (sqlite3_column_type(statement, i) == SQLITE_INTEGER) {
      sum += sqlite3_column_int64(statement, i);
    } else {
      static_cast<void>(sqlite3_column_text(statement, i));
      sum += sqlite3_column_bytes(statement, i);
    }
  }
  return sum;
}

}  // namespace

RawOutcomeQueries::RawOutcomeQueries(const std::string& path) : db_(OpenWorkspaceFile(path)) {}

RawOutcomeQueries::~RawOutcomeQueries() { sqlite3_close(db_); }

RawOutcomeTotals RawOutcomeQueries::Run(const std::string& method_id, const std::string& from,
                                        const std::string& to) {
  RawOutcomeTotals totals;
  // Like the export, the four queries read one snapshot.
  Exec(db_, "BEGIN");
  try {
    const std::pair<const char*, long*> queries[] = {{kContactMonthsSql, &totals.contact_months},
                                                     {kPlansSql, &totals.plans},
                                                     {kMarkMonthsSql, &totals.mark_months},
                                                     {kReviewsSql, &totals.reviews}};
    for (const auto& [sql, rows] : queries) {
      Query query(db_, sql);
      query.Bind(":m", method_id);
      query.Bind(":lo", from);
      query.Bind(":hi", to);
      while (query.Next()) {
        totals.checksum += ReadRow(query.get());
        if (sql == kContactMonthsSql) totals.events += query.Int(3);
        ++*rows;
      }
    }
  } catch (...) {
    Exec(db_, "ROLLBACK");
    throw;
  }
  Exec(db_, "COMMIT");
  return totals;
}

long RawDueList::RunAudited(long long worker_id, const std::string& from, const std::string& to) {
  Exec(db_, "BEGIN IMMEDIATE");
  try {
    std::vector<long long> children;
    const long rows = Select(worker_id, from, to, &children);
    std::sort(children.begin(), children.end());
    children.erase(std::unique(children.begin(), children.end()), children.end());

    // Steps a kept statement to its end; throws on an error.
    const auto run = [this](sqlite3_stmt* statement) {
      int step = SQLITE_ROW;
      while ((step = sqlite3_step(statement)) == SQLITE_ROW) {
      }
      if (step != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db_));
    };
    long long last = 0;
    std::string previous(64, '0');
    sqlite3_stmt* newest =
        Kept("SELECT sequence, hash FROM audit_entry ORDER BY sequence DESC LIMIT 1");
    if (sqlite3_step(newest) == SQLITE_ROW) {
      last = sqlite3_column_int64(newest, 0);
      previous.assign(reinterpret_cast<const char*>(sqlite3_column_text(newest, 1)),
                      static_cast<std::size_t>(sqlite3_column_bytes(newest, 1)));
    }
    sqlite3_reset(newest);
    sqlite3_stmt* stored_head =
        Kept("SELECT value FROM workspace_setting WHERE name = 'audit_head'");
    run(stored_head);
    sqlite3_reset(stored_head);
    const long long sequence = last + 1;
    std::string fields = fmt::format(
        "[{},\"2026-11-29T09:00:00Z\",0,\"floor\",\"contact.due\","
        "\"child\",\"\",[{}],\"\",\"\",\"{}\"]",
        sequence, fmt::join(children, ","), previous);
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(fields.data()),
                       fields.size());
    std::string hash(digest.size() * 2, '0');
    sodium_bin2hex(hash.data(), hash.size() + 1, digest.data(), digest.size());
    sqlite3_stmt* entry = Kept(
        "INSERT INTO audit_entry (sequence, at, worker_id, account, action, entity_type, entity, "
        "purpose, details, previous_hash, hash) VALUES (?, '2026-11-29T09:00:00Z', NULL, "
        "'floor', 'contact.due', 'child', '', '', '', ?, ?)");
    sqlite3_bind_int64(entry, 1, sequence);
    sqlite3_bind_text(entry, 2, previous.data(), static_cast<int>(previous.size()), SQLITE_STATIC);
    sqlite3_bind_text(entry, 3, hash.data(), static_cast<int>(hash.size()), SQLITE_STATIC);
    run(entry);
    sqlite3_stmt* subject = Kept("INSERT INTO audit_subject (sequence, child_id) VALUES (?, ?)");
    for (long long child : children) {
      sqlite3_reset(subject);
      sqlite3_bind_int64(subject, 1, sequence);
      sqlite3_bind_int64(subject, 2, child);
      run(subject);
    }
    sqlite3_stmt* head = Kept(
        "INSERT INTO workspace_setting (name, value) VALUES ('audit_head', ?) "
        "ON CONFLICT (name) DO UPDATE SET value = excluded.value");
    const std::string value = fmt::format("{}:{}", sequence, hash);
    sqlite3_bind_text(head, 1, value.data(), static_cast<int>(value.size()), SQLITE_STATIC);
    run(head);
    // Reset, so that no kept statement holds the write transaction open at the commit.
    for (auto& [sql, statement] : kept_) sqlite3_reset(statement);
    Exec(db_, "COMMIT");
    return rows;
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

}  // namespace kinbridge::bench
