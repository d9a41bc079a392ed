#include "storage/session_repository.h"

#include <algorithm>
#include <stdexcept>

#include "storage/row_values.h"

namespace kinbridge::detail {

namespace {

constexpr const char* kSessionSelect =
    "SELECT s.id, s.activity_id, a.name, a.kind, COALESCE(s.group_id, 0), g.name, st.code, "
    "st.name, st.id, s.local_day, s.local_start, s.starts_utc, s.ends_utc, "
    "COALESCE(s.leader_id, 0), lw.os_account, s.status, s.extra, s.cancel_reason, hw.os_account, "
    "(SELECT COUNT(*) FROM attendance x WHERE x.session_id = s.id AND x.mark = 'present'), "
    "(SELECT COUNT(*) FROM attendance x WHERE x.session_id = s.id AND x.mark = 'absent'), "
    "(SELECT COUNT(*) FROM attendance x WHERE x.session_id = s.id AND x.mark = 'excused') "
    "FROM session s JOIN activity a ON a.id = s.activity_id JOIN site st ON st.id = a.site_id "
    "LEFT JOIN activity_group g ON g.id = s.group_id "
    "LEFT JOIN worker lw ON lw.id = s.leader_id "
    "LEFT JOIN worker hw ON hw.id = s.held_by ";

constexpr const char* kTotalsSql =
    "SELECT a.child_id, s.activity_id, COALESCE(s.group_id, 0), "
    "SUM(CASE WHEN a.mark = 'present' THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN a.mark = 'absent' THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN a.mark = 'excused' THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN s.local_day >= :recent1 THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN s.local_day >= :recent2 AND a.mark = 'present' THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN s.local_day >= :recent3 AND a.mark = 'excused' THEN 1 ELSE 0 END) "
    "FROM attendance a JOIN session s ON s.id = a.session_id "
    "WHERE s.status = 'held' AND s.local_day >= :from AND s.local_day <= :to";

SessionStatus StoredStatus(const std::string& text) {
  if (text == "scheduled") return SessionStatus::kScheduled;
  if (text == "held") return SessionStatus::kHeld;
  if (text == "cancelled") return SessionStatus::kCancelled;
  throw std::runtime_error("stored session status is malformed: " + text);
}

AttendanceMark StoredMark(const std::string& text) {
  Result<AttendanceMark> mark = ParseAttendanceMark(text);
  if (!mark.ok()) throw std::runtime_error("stored attendance mark is malformed: " + text);
  return *mark;
}

struct SessionRowBinding {
  long long id = 0, activity_id = 0, group_id = 0, site_id = 0, leader_id = 0;
  int extra = 0, present = 0, absent = 0, excused = 0;
  std::string activity_name, kind, group_name, site_code, site_name, day, start, starts, ends,
      leader, status, cancel_reason, held_by;
  soci::indicator group_ind = soci::i_null, leader_ind = soci::i_null, held_ind = soci::i_null;

  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(activity_id));
    st.exchange(soci::into(activity_name));
    st.exchange(soci::into(kind));
    st.exchange(soci::into(group_id));
    st.exchange(soci::into(group_name, group_ind));
    st.exchange(soci::into(site_code));
    st.exchange(soci::into(site_name));
    st.exchange(soci::into(site_id));
    st.exchange(soci::into(day));
    st.exchange(soci::into(start));
    st.exchange(soci::into(starts));
    st.exchange(soci::into(ends));
    st.exchange(soci::into(leader_id));
    st.exchange(soci::into(leader, leader_ind));
    st.exchange(soci::into(status));
    st.exchange(soci::into(extra));
    st.exchange(soci::into(cancel_reason));
    st.exchange(soci::into(held_by, held_ind));
    st.exchange(soci::into(present));
    st.exchange(soci::into(absent));
    st.exchange(soci::into(excused));
  }

  StoredSession ToSession() const {
    StoredSession stored;
    Session& s = stored.session;
    s.id = id;
    s.activity_id = activity_id;
    s.activity_name = activity_name;
    Result<ActivityKind> parsed = ParseActivityKind(kind);
    if (!parsed.ok()) throw std::runtime_error("stored activity kind is malformed: " + kind);
    s.kind = *parsed;
    s.group_id = group_id;
    if (group_ind == soci::i_ok) s.group_name = group_name;
    s.site_code = site_code;
    s.local_day = StoredDate(day);
    s.local_start = start;
    s.starts_utc = starts;
    s.ends_utc = ends;
    if (leader_ind == soci::i_ok) s.leader_account = leader;
    s.status = StoredStatus(status);
    s.extra = extra != 0;
    s.cancel_reason = cancel_reason;
    if (held_ind == soci::i_ok) s.held_by = held_by;
    s.present = present;
    s.absent = absent;
    s.excused = excused;
    stored.site_id = site_id;
    stored.site_name = site_name;
    stored.leader_id = leader_id;
    return stored;
  }
};

// " AND <group condition>" for DropOpen and SetLeader.
std::string GroupCondition(long long group_id) {
  if (group_id > 0) return " AND group_id = :g";
  if (group_id == 0) return " AND group_id IS NULL";
  return "";
}

// The filter's narrowing of a query over `session s` (joined with `activity act` when by site).
std::string ReportConditions(const AttendanceFilter& f) {
  std::string sql;
  if (f.site_id != 0) sql += " AND act.site_id = :site";
  if (f.activity_id != 0) sql += " AND s.activity_id = :activity";
  if (f.group_id != 0) sql += " AND s.group_id = :group";
  if (!f.activity_ids.empty()) {
    // Integers, written into the statement.
    std::string list;
    for (long long id : f.activity_ids) {
      if (!list.empty()) list += ',';
      list += std::to_string(id);
    }
    sql += " AND s.activity_id IN (" + list + ")";
  }
  return sql;
}

void BindReportConditions(soci::statement& st, const AttendanceFilter& f) {
  if (f.site_id != 0) st.exchange(soci::use(f.site_id));
  if (f.activity_id != 0) st.exchange(soci::use(f.activity_id));
  if (f.group_id != 0) st.exchange(soci::use(f.group_id));
}

const char* SiteJoin(const AttendanceFilter& f) {
  return f.site_id != 0 ? " JOIN activity act ON act.id = s.activity_id" : "";
}

}  // namespace

const char* AttendanceTotalsSql() { return kTotalsSql; }

struct SessionRepository::Prepared {
  std::optional<soci::statement> insert;
  SessionRow row;
  std::string day;
  soci::indicator group_ind = soci::i_null, leader_ind = soci::i_null;

  std::optional<soci::statement> attendance;
  long long session_id = 0, child_id = 0, worker_id = 0;
  std::string mark, note, at;
};

SessionRepository::SessionRepository(Database& db)
    : db_(db), prepared_(std::make_unique<Prepared>()) {}
SessionRepository::~SessionRepository() = default;

bool SessionRepository::InsertScheduled(const SessionRow& row) {
  Prepared& p = *prepared_;
  if (!p.insert) {
    p.insert.emplace(db_.session());
    soci::statement& st = *p.insert;
    st.alloc();
    // No conflict target: the only uniqueness on session is the partial index of scheduled
    // occurrences (activity, group, day).
    st.prepare(
        "INSERT INTO session (activity_id, group_id, local_day, local_start, starts_utc, "
        "ends_utc, leader_id, created_at) VALUES (:a, :g, :day, :start, :starts, :ends, :l, "
        ":created) ON CONFLICT DO NOTHING");
    st.exchange(soci::use(p.row.activity_id));
    st.exchange(soci::use(p.row.group_id, p.group_ind));
    st.exchange(soci::use(p.day));
    st.exchange(soci::use(p.row.local_start));
    st.exchange(soci::use(p.row.starts_utc));
    st.exchange(soci::use(p.row.ends_utc));
    st.exchange(soci::use(p.row.leader_id, p.leader_ind));
    st.exchange(soci::use(p.row.created_at));
    st.define_and_bind();
  }
  p.row = row;
  p.day = row.local_day.ToString();
  p.group_ind = row.group_id > 0 ? soci::i_ok : soci::i_null;
  p.leader_ind = row.leader_id > 0 ? soci::i_ok : soci::i_null;
  p.insert->execute(true);
  return p.insert->get_affected_rows() == 1;
}

long long SessionRepository::InsertExtra(const SessionRow& row) {
  const std::string day = row.local_day.ToString();
  soci::indicator group_ind = row.group_id > 0 ? soci::i_ok : soci::i_null;
  soci::indicator leader_ind = row.leader_id > 0 ? soci::i_ok : soci::i_null;
  long long id = 0;
  RunCached(db_,
            "INSERT INTO session (activity_id, group_id, local_day, local_start, "
            "starts_utc, ends_utc, leader_id, extra, created_at) VALUES (:a, :g, :day, "
            ":start, :starts, :ends, :l, 1, :created) RETURNING id",
            soci::use(row.activity_id), soci::use(row.group_id, group_ind), soci::use(day),
            soci::use(row.local_start), soci::use(row.starts_utc), soci::use(row.ends_utc),
            soci::use(row.leader_id, leader_ind), soci::use(row.created_at), soci::into(id));
  return id;
}

std::optional<StoredSession> SessionRepository::Find(long long session_id) {
  SessionRowBinding row;
  CachedStatement st(db_, std::string(kSessionSelect) + "WHERE s.id = :id");
  row.Bind(*st);
  st->exchange(soci::use(session_id));
  st->define_and_bind();
  st->execute();
  if (!st->fetch()) return std::nullopt;
  return row.ToSession();
}

void SessionRepository::ForEach(const SessionFilter& f, const Visitor<StoredSession>& visit) {
  std::string sql = std::string(kSessionSelect) + "WHERE 1 = 1";
  const std::string from = f.from ? f.from->ToString() : std::string();
  const std::string to = f.to ? f.to->ToString() : std::string();
  if (f.activity_id != 0) sql += " AND s.activity_id = :a";
  if (f.group_id > 0) sql += " AND s.group_id = :g";
  if (f.site_id != 0) sql += " AND a.site_id = :site";
  if (f.leader_id > 0) sql += " AND s.leader_id = :l";
  if (f.from) sql += " AND s.local_day >= :from";
  if (f.to) sql += " AND s.local_day <= :to";
  sql += " ORDER BY s.starts_utc, s.id";
  SessionRowBinding row;
  CachedStatement st(db_, sql);
  row.Bind(*st);
  if (f.activity_id != 0) st->exchange(soci::use(f.activity_id));
  if (f.group_id > 0) st->exchange(soci::use(f.group_id));
  if (f.site_id != 0) st->exchange(soci::use(f.site_id));
  if (f.leader_id > 0) st->exchange(soci::use(f.leader_id));
  if (f.from) st->exchange(soci::use(from));
  if (f.to) st->exchange(soci::use(to));
  st->define_and_bind();
  st->execute();
  while (st->fetch()) {
    if (!visit(row.ToSession())) break;
  }
}

void SessionRepository::Cancel(long long session_id, const std::string& reason) {
  RunCached(db_, "UPDATE session SET status = 'cancelled', cancel_reason = :r WHERE id = :id",
            soci::use(reason), soci::use(session_id));
}

void SessionRepository::MarkHeld(long long session_id, long long worker_id, const std::string& at) {
  RunCached(db_,
            "UPDATE session SET status = 'held', held_by = :w, held_at = :at "
            "WHERE id = :id",
            soci::use(worker_id), soci::use(at), soci::use(session_id));
}

long long SessionRepository::DropOpen(long long activity_id, long long group_id, Date from) {
  const std::string day = from.ToString();
  const std::string sql =
      "DELETE FROM session WHERE activity_id = :a AND status = 'scheduled' AND extra = 0 "
      "AND local_day >= :from" +
      GroupCondition(group_id) +
      " AND NOT EXISTS (SELECT 1 FROM attendance x WHERE x.session_id = session.id)";
  CachedStatement st(db_, sql);
  st->exchange(soci::use(activity_id));
  st->exchange(soci::use(day));
  if (group_id > 0) st->exchange(soci::use(group_id));
  st->define_and_bind();
  st->execute(true);
  return st->get_affected_rows();
}

void SessionRepository::SetLeader(long long activity_id, long long group_id, long long leader_id,
                                  Date from) {
  const std::string day = from.ToString();
  soci::indicator leader_ind = leader_id > 0 ? soci::i_ok : soci::i_null;
  const std::string sql =
      "UPDATE session SET leader_id = :l WHERE activity_id = :a AND status = 'scheduled' "
      "AND local_day >= :from" +
      GroupCondition(group_id);
  CachedStatement st(db_, sql);
  st->exchange(soci::use(leader_id, leader_ind));
  st->exchange(soci::use(activity_id));
  st->exchange(soci::use(day));
  if (group_id > 0) st->exchange(soci::use(group_id));
  st->define_and_bind();
  st->execute(true);
}

std::vector<SessionSlot> SessionRepository::Slots(long long activity_id, long long group_id,
                                                  long long leader_id, Date from, Date to) {
  std::vector<SessionSlot> slots;
  SessionSlot slot;
  std::string day, status, group_name, leader;
  int extra = 0;
  soci::indicator group_ind = soci::i_null, leader_ind = soci::i_null;
  const std::string first = from.ToString(), last = to.ToString();
  std::string sql =
      "SELECT s.id, s.activity_id, COALESCE(s.group_id, 0), COALESCE(s.leader_id, 0), a.name, "
      "g.name, w.os_account, s.local_day, s.local_start, s.starts_utc, s.ends_utc, s.status, "
      "s.extra FROM session s JOIN activity a ON a.id = s.activity_id "
      "LEFT JOIN activity_group g ON g.id = s.group_id LEFT JOIN worker w ON w.id = s.leader_id "
      "WHERE s.status <> 'cancelled' AND s.id IN ("
      // Two lookups on their own indexes: the group's (or activity's) sessions and the leader's.
      "SELECT id FROM session WHERE activity_id = :a AND COALESCE(group_id, 0) = :g AND "
      "local_day >= :from1 AND local_day <= :to1";
  if (leader_id > 0) {
    sql +=
        " UNION SELECT id FROM session WHERE leader_id = :l AND local_day >= :from2 AND "
        "local_day <= :to2";
  }
  sql += ") ORDER BY s.starts_utc, s.id";
  CachedStatement st(db_, sql);
  st->exchange(soci::into(slot.id));
  st->exchange(soci::into(slot.activity_id));
  st->exchange(soci::into(slot.group_id));
  st->exchange(soci::into(slot.leader_id));
  st->exchange(soci::into(slot.activity_name));
  st->exchange(soci::into(group_name, group_ind));
  st->exchange(soci::into(leader, leader_ind));
  st->exchange(soci::into(day));
  st->exchange(soci::into(slot.local_start));
  st->exchange(soci::into(slot.starts_utc));
  st->exchange(soci::into(slot.ends_utc));
  st->exchange(soci::into(status));
  st->exchange(soci::into(extra));
  st->exchange(soci::use(activity_id));
  st->exchange(soci::use(group_id));
  st->exchange(soci::use(first));
  st->exchange(soci::use(last));
  if (leader_id > 0) {
    st->exchange(soci::use(leader_id));
    st->exchange(soci::use(first));
    st->exchange(soci::use(last));
  }
  st->define_and_bind();
  st->execute();
  while (st->fetch()) {
    SessionSlot found = slot;
    found.group_name = group_ind == soci::i_ok ? group_name : std::string();
    found.leader_account = leader_ind == soci::i_ok ? leader : std::string();
    found.local_day = StoredDate(day);
    found.status = StoredStatus(status);
    found.extra = extra != 0;
    slots.push_back(std::move(found));
  }
  return slots;
}

void SessionRepository::DeleteAttendance(long long session_id) {
  RunCached(db_, "DELETE FROM attendance WHERE session_id = :s", soci::use(session_id));
}

void SessionRepository::InsertAttendance(long long session_id, long long child_id,
                                         AttendanceMark mark, const std::string& note,
                                         long long worker_id, const std::string& at) {
  Prepared& p = *prepared_;
  if (!p.attendance) {
    p.attendance.emplace(db_.session());
    soci::statement& st = *p.attendance;
    st.alloc();
    st.prepare(
        "INSERT INTO attendance (session_id, child_id, mark, note, recorded_by, recorded_at) "
        "VALUES (:s, :c, :m, :n, :w, :at)");
    st.exchange(soci::use(p.session_id));
    st.exchange(soci::use(p.child_id));
    st.exchange(soci::use(p.mark));
    st.exchange(soci::use(p.note));
    st.exchange(soci::use(p.worker_id));
    st.exchange(soci::use(p.at));
    st.define_and_bind();
  }
  p.session_id = session_id;
  p.child_id = child_id;
  p.mark = std::string(AttendanceMarkName(mark));
  p.note = note;
  p.worker_id = worker_id;
  p.at = at;
  p.attendance->execute(true);
}

void SessionRepository::ForEachAttendance(long long session_id,
                                          const Visitor<StoredAttendance>& visit) {
  StoredAttendance row;
  std::string day, mark, unit;
  int protected_identity = 0;
  long long responsible = 0;
  soci::indicator responsible_ind = soci::i_null, unit_ind = soci::i_null;
  CachedStatement st(
      db_,
      "SELECT a.session_id, s.local_day, c.id, c.case_reference, c.name, "
      "c.protected_identity, ca.worker_id, rw.unit, a.mark, a.note, w.os_account, "
      "a.recorded_at FROM attendance a JOIN session s ON s.id = a.session_id "
      "JOIN child c ON c.id = a.child_id JOIN worker w ON w.id = a.recorded_by "
      "LEFT JOIN caseload_assignment ca ON ca.child_id = c.id AND ca.released_at IS NULL "
      "LEFT JOIN worker rw ON rw.id = ca.worker_id "
      "WHERE a.session_id = :s ORDER BY c.case_reference",
      soci::use(session_id), soci::into(row.record.session_id), soci::into(day),
      soci::into(row.child.id), soci::into(row.child.case_reference), soci::into(row.child.name),
      soci::into(protected_identity), soci::into(responsible, responsible_ind),
      soci::into(unit, unit_ind), soci::into(mark), soci::into(row.record.note),
      soci::into(row.record.recorded_by), soci::into(row.record.recorded_at));
  st->execute();
  while (st->fetch()) {
    StoredAttendance found = row;
    found.record.local_day = StoredDate(day);
    found.record.child_case_reference = row.child.case_reference;
    found.record.child_name = row.child.name;
    found.record.mark = StoredMark(mark);
    found.child.protected_identity = protected_identity != 0;
    found.child.responsible_worker_id = responsible_ind == soci::i_ok ? responsible : 0;
    found.child.responsible_unit = unit_ind == soci::i_ok ? unit : std::string();
    if (!visit(found)) break;
  }
}

std::vector<ChildLabel> SessionRepository::Children(const std::vector<long long>& ids) {
  std::vector<ChildLabel> children;
  constexpr std::size_t kChunk = 500;
  for (std::size_t first = 0; first < ids.size(); first += kChunk) {
    // The ids are integers: written into the statement, one query per chunk.
    std::string list;
    for (std::size_t i = first; i < std::min(ids.size(), first + kChunk); ++i) {
      if (!list.empty()) list += ',';
      list += std::to_string(ids[i]);
    }
    ChildLabel label;
    int protected_identity = 0;
    long long responsible = 0;
    std::string unit;
    soci::indicator responsible_ind = soci::i_null, unit_ind = soci::i_null;
    // The ids are written into the text: not worth keeping prepared.
    soci::statement st =
        (db_.session().prepare
             << "SELECT c.id, c.case_reference, c.name, c.protected_identity, ca.worker_id, "
                "rw.unit FROM child c LEFT JOIN caseload_assignment ca ON ca.child_id = c.id "
                "AND ca.released_at IS NULL LEFT JOIN worker rw ON rw.id = ca.worker_id "
                "WHERE c.id IN (" +
                    list + ")",
         soci::into(label.id), soci::into(label.case_reference), soci::into(label.name),
         soci::into(protected_identity), soci::into(responsible, responsible_ind),
         soci::into(unit, unit_ind));
    st.execute();
    while (st.fetch()) {
      ChildLabel found = label;
      found.protected_identity = protected_identity != 0;
      found.responsible_worker_id = responsible_ind == soci::i_ok ? responsible : 0;
      found.responsible_unit = unit_ind == soci::i_ok ? unit : std::string();
      children.push_back(std::move(found));
    }
  }
  return children;
}

std::vector<long long> SessionRepository::ActivitiesOfChild(long long child_id) {
  std::vector<long long> ids;
  long long id = 0;
  CachedStatement st(db_,
                     "SELECT DISTINCT activity_id FROM enrolment "
                     "WHERE child_id = :c ORDER BY activity_id",
                     soci::use(child_id), soci::into(id));
  st->execute();
  while (st->fetch()) ids.push_back(id);
  return ids;
}

void SessionRepository::CountSessions(const AttendanceFilter& f,
                                      const Visitor<SessionCount>& visit) {
  const std::string from = f.from.ToString(), to = f.to.ToString();
  const std::string sql = std::string(
                              "SELECT s.activity_id, COALESCE(s.group_id, 0), s.status, COUNT(*) "
                              "FROM session s") +
                          SiteJoin(f) + " WHERE s.local_day >= :from AND s.local_day <= :to" +
                          ReportConditions(f) +
                          " GROUP BY s.activity_id, COALESCE(s.group_id, 0), s.status";
  SessionCount row;
  std::string status;
  soci::statement st = db_.session().prepare << sql;
  st.exchange(soci::into(row.activity_id));
  st.exchange(soci::into(row.group_id));
  st.exchange(soci::into(status));
  st.exchange(soci::into(row.count));
  st.exchange(soci::use(from));
  st.exchange(soci::use(to));
  BindReportConditions(st, f);
  st.define_and_bind();
  st.execute();
  while (st.fetch()) {
    row.status = StoredStatus(status);
    if (!visit(row)) break;
  }
}

void SessionRepository::ForEachHeld(const AttendanceFilter& f, const Visitor<HeldSession>& visit) {
  const std::string from = f.from.ToString(), to = f.to.ToString();
  const std::string sql =
      std::string("SELECT s.activity_id, COALESCE(s.group_id, 0), s.local_day FROM session s") +
      SiteJoin(f) + " WHERE s.status = 'held' AND s.local_day >= :from AND s.local_day <= :to" +
      ReportConditions(f) + " ORDER BY s.activity_id, COALESCE(s.group_id, 0), s.local_day";
  HeldSession row;
  std::string day;
  soci::statement st = db_.session().prepare << sql;
  st.exchange(soci::into(row.activity_id));
  st.exchange(soci::into(row.group_id));
  st.exchange(soci::into(day));
  st.exchange(soci::use(from));
  st.exchange(soci::use(to));
  BindReportConditions(st, f);
  st.define_and_bind();
  st.execute();
  while (st.fetch()) {
    row.local_day = StoredDate(day);
    if (!visit(row)) break;
  }
}

void SessionRepository::ForEachTotals(const AttendanceFilter& f,
                                      const Visitor<AttendanceTotals>& visit) {
  const std::string recent = f.recent_from.ToString(), from = f.from.ToString(),
                    to = f.to.ToString();
  std::string sql = kTotalsSql;
  if (f.site_id != 0) {
    sql += " AND s.activity_id IN (SELECT act.id FROM activity act WHERE act.site_id = :site)";
    AttendanceFilter rest = f;
    rest.site_id = 0;
    sql += ReportConditions(rest);
  } else {
    sql += ReportConditions(f);
  }
  if (f.child_id != 0) sql += " AND a.child_id = :child";
  sql += " GROUP BY a.child_id, s.activity_id, COALESCE(s.group_id, 0)";
  AttendanceTotals row;
  soci::statement st = db_.session().prepare << sql;
  st.exchange(soci::into(row.child_id));
  st.exchange(soci::into(row.activity_id));
  st.exchange(soci::into(row.group_id));
  st.exchange(soci::into(row.present));
  st.exchange(soci::into(row.absent));
  st.exchange(soci::into(row.excused));
  st.exchange(soci::into(row.recent_recorded));
  st.exchange(soci::into(row.recent_present));
  st.exchange(soci::into(row.recent_excused));
  st.exchange(soci::use(recent));
  st.exchange(soci::use(recent));
  st.exchange(soci::use(recent));
  st.exchange(soci::use(from));
  st.exchange(soci::use(to));
  BindReportConditions(st, f);
  if (f.child_id != 0) st.exchange(soci::use(f.child_id));
  st.define_and_bind();
  st.execute();
  while (st.fetch()) {
    if (!visit(row)) break;
  }
}

}  // namespace kinbridge::detail
