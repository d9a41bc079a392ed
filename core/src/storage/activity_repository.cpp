#include "storage/activity_repository.h"

#include <stdexcept>

#include "storage/row_values.h"

namespace kinbridge::detail {

namespace {

template <typename E>
E StoredEnum(Result<E> parsed, const std::string& what, const std::string& text) {
  if (!parsed.ok()) throw std::runtime_error("stored " + what + " is unknown: " + text);
  return *parsed;
}

// Enrolled and waiting are kept as stored; "enrolled" with a past left_on reads as "left".
EnrolmentStatus StoredStatus(const std::string& text) {
  if (text == "enrolled") return EnrolmentStatus::kEnrolled;
  if (text == "waiting") return EnrolmentStatus::kWaiting;
  if (text == "left") return EnrolmentStatus::kLeft;
  throw std::runtime_error("stored enrolment status is unknown: " + text);
}

// The worker currently responsible for the child, for hiding protected names.
constexpr const char* kResponsible =
    "COALESCE((SELECT ca.worker_id FROM caseload_assignment ca WHERE ca.child_id = c.id AND "
    "ca.released_at IS NULL ORDER BY ca.id DESC LIMIT 1), 0)";

constexpr const char* kSiteSelect =
    "SELECT id, uuid, kind, code, name, address, capacity, opening_hours, created_at FROM site ";

struct SiteRow {
  Site site;
  std::string kind;
  void Bind(soci::statement& st) {
    st.exchange(soci::into(site.id));
    st.exchange(soci::into(site.uuid));
    st.exchange(soci::into(kind));
    st.exchange(soci::into(site.code));
    st.exchange(soci::into(site.name));
    st.exchange(soci::into(site.address));
    st.exchange(soci::into(site.capacity));
    st.exchange(soci::into(site.opening_hours));
    st.exchange(soci::into(site.created_at));
  }
  Site Get() {
    site.kind = StoredEnum(ParseSiteKind(kind), "site kind", kind);
    return site;
  }
};

constexpr const char* kStaffSelect =
    "SELECT ss.id, s.code, w.os_account, w.name, w.roles, ss.from_day, ss.to_day FROM site_staff "
    "ss JOIN site s ON s.id = ss.site_id JOIN worker w ON w.id = ss.worker_id ";

struct StaffRow {
  StaffAssignment staff;
  std::string from, to;
  soci::indicator to_ind = soci::i_null;
  void Bind(soci::statement& st) {
    st.exchange(soci::into(staff.id));
    st.exchange(soci::into(staff.site_code));
    st.exchange(soci::into(staff.worker_account));
    st.exchange(soci::into(staff.worker_name));
    st.exchange(soci::into(staff.roles));
    st.exchange(soci::into(from));
    st.exchange(soci::into(to, to_ind));
  }
  StaffAssignment Get() {
    staff.from = StoredDate(from);
    staff.to = StoredDate(to, to_ind);
    return staff;
  }
};

// The activity with its counts on `today` (bound as :t1..:t3).
constexpr const char* kActivitySelect =
    "SELECT a.id, a.uuid, s.id, s.code, s.name, a.name, a.kind, a.method_id, a.rrule, "
    "a.first_day, a.start_time, a.duration_minutes, a.last_day, a.capacity, "
    "COALESCE(a.leader_id, 0), COALESCE(w.os_account, ''), COALESCE(w.name, ''), a.created_at, "
    "(SELECT count(*) FROM enrolment e WHERE e.activity_id = a.id AND e.status = 'enrolled' AND "
    " e.enrolled_on <= :t1 AND (e.left_on IS NULL OR e.left_on >= :t2)), "
    "(SELECT count(*) FROM enrolment e WHERE e.activity_id = a.id AND e.status = 'waiting'), "
    "(SELECT count(*) FROM activity_group g WHERE g.activity_id = a.id) "
    "FROM activity a JOIN site s ON s.id = a.site_id LEFT JOIN worker w ON w.id = a.leader_id ";

struct ActivityRow {
  StoredActivity stored;
  std::string kind, first_day, last_day;
  soci::indicator last_ind = soci::i_null;
  void Bind(soci::statement& st) {
    Activity& a = stored.activity;
    st.exchange(soci::into(a.id));
    st.exchange(soci::into(a.uuid));
    st.exchange(soci::into(stored.site_id));
    st.exchange(soci::into(a.site_code));
    st.exchange(soci::into(a.site_name));
    st.exchange(soci::into(a.name));
    st.exchange(soci::into(kind));
    st.exchange(soci::into(a.method_id));
    st.exchange(soci::into(a.schedule.rrule));
    st.exchange(soci::into(first_day));
    st.exchange(soci::into(a.schedule.start_time));
    st.exchange(soci::into(a.schedule.duration_minutes));
    st.exchange(soci::into(last_day, last_ind));
    st.exchange(soci::into(a.capacity));
    st.exchange(soci::into(stored.leader_id));
    st.exchange(soci::into(a.leader_account));
    st.exchange(soci::into(a.leader_name));
    st.exchange(soci::into(a.created_at));
    st.exchange(soci::into(a.enrolled));
    st.exchange(soci::into(a.waiting));
    st.exchange(soci::into(a.groups));
  }
  StoredActivity Get() {
    stored.activity.kind = StoredEnum(ParseActivityKind(kind), "activity kind", kind);
    stored.activity.schedule.first_day = StoredDate(first_day);
    stored.activity.schedule.last_day = StoredDate(last_day, last_ind);
    return stored;
  }
};

constexpr const char* kEnrolmentSelect =
    "SELECT e.id, e.activity_id, a.name, c.case_reference, c.name, c.birth_date, e.status, "
    "e.requested_on, e.enrolled_on, e.left_on, e.note, c.id, c.protected_identity, ";

struct EnrolmentRow {
  StoredEnrolment stored;
  std::string birth, status, requested, enrolled, left;
  soci::indicator enrolled_ind = soci::i_null, left_ind = soci::i_null;
  int protected_identity = 0;
  void Bind(soci::statement& st) {
    Enrolment& e = stored.enrolment;
    st.exchange(soci::into(e.id));
    st.exchange(soci::into(e.activity_id));
    st.exchange(soci::into(e.activity_name));
    st.exchange(soci::into(e.child_case_reference));
    st.exchange(soci::into(e.child_name));
    st.exchange(soci::into(birth));
    st.exchange(soci::into(status));
    st.exchange(soci::into(requested));
    st.exchange(soci::into(enrolled, enrolled_ind));
    st.exchange(soci::into(left, left_ind));
    st.exchange(soci::into(e.note));
    st.exchange(soci::into(stored.child_id));
    st.exchange(soci::into(protected_identity));
    st.exchange(soci::into(stored.responsible_worker_id));
  }
  StoredEnrolment Get(Date today) {
    Enrolment& e = stored.enrolment;
    e.age_years = StoredDate(birth).AgeOn(today);
    e.status = StoredStatus(status);
    e.requested_on = StoredDate(requested);
    e.enrolled_on = StoredDate(enrolled, enrolled_ind);
    e.left_on = StoredDate(left, left_ind);
    if (e.status == EnrolmentStatus::kEnrolled && e.left_on && *e.left_on < today) {
      e.status = EnrolmentStatus::kLeft;
    }
    e.waiting_position = 0;
    stored.protected_identity = protected_identity != 0;
    return stored;
  }
};

constexpr const char* kGroupSelect =
    "SELECT g.id, g.activity_id, a.name, s.code, s.id, g.name, "
    "COALESCE(g.leader_id, a.leader_id, 0), COALESCE(w.os_account, ''), COALESCE(w.name, ''), "
    "g.rrule, a.rrule, COALESCE(g.first_day, a.first_day), g.start_time, a.start_time, "
    "g.duration_minutes, a.duration_minutes, g.last_day, a.last_day, g.venue, g.created_at, "
    "(SELECT count(*) FROM group_member m WHERE m.group_id = g.id AND m.joined_on <= :t1 AND "
    " (m.left_on IS NULL OR m.left_on >= :t2)) "
    "FROM activity_group g JOIN activity a ON a.id = g.activity_id JOIN site s ON "
    "s.id = a.site_id LEFT JOIN worker w ON w.id = COALESCE(g.leader_id, a.leader_id) ";

struct GroupRow {
  StoredGroup stored;
  std::string own_rrule, activity_rrule, first_day, own_start, activity_start, own_last,
      activity_last;
  int own_minutes = 0, activity_minutes = 0;
  soci::indicator own_last_ind = soci::i_null, activity_last_ind = soci::i_null;
  void Bind(soci::statement& st) {
    Group& g = stored.group;
    st.exchange(soci::into(g.id));
    st.exchange(soci::into(g.activity_id));
    st.exchange(soci::into(g.activity_name));
    st.exchange(soci::into(g.site_code));
    st.exchange(soci::into(stored.site_id));
    st.exchange(soci::into(g.name));
    st.exchange(soci::into(stored.leader_id));
    st.exchange(soci::into(g.leader_account));
    st.exchange(soci::into(g.leader_name));
    st.exchange(soci::into(own_rrule));
    st.exchange(soci::into(activity_rrule));
    st.exchange(soci::into(first_day));
    st.exchange(soci::into(own_start));
    st.exchange(soci::into(activity_start));
    st.exchange(soci::into(own_minutes));
    st.exchange(soci::into(activity_minutes));
    st.exchange(soci::into(own_last, own_last_ind));
    st.exchange(soci::into(activity_last, activity_last_ind));
    st.exchange(soci::into(g.venue));
    st.exchange(soci::into(g.created_at));
    st.exchange(soci::into(g.members));
  }
  StoredGroup Get() {
    Group& g = stored.group;
    g.own_schedule = !own_rrule.empty();
    g.schedule.rrule = g.own_schedule ? own_rrule : activity_rrule;
    g.schedule.first_day = StoredDate(first_day);
    g.schedule.start_time = g.own_schedule ? own_start : activity_start;
    g.schedule.duration_minutes = g.own_schedule ? own_minutes : activity_minutes;
    g.schedule.last_day = g.own_schedule ? StoredDate(own_last, own_last_ind)
                                         : StoredDate(activity_last, activity_last_ind);
    return stored;
  }
};

constexpr const char* kMemberSelect =
    "SELECT m.group_id, c.case_reference, c.name, c.birth_date, m.joined_on, m.left_on, c.id, "
    "c.protected_identity, ";

struct MemberRow {
  StoredMember stored;
  std::string birth, joined, left;
  soci::indicator left_ind = soci::i_null;
  int protected_identity = 0;
  void Bind(soci::statement& st) {
    GroupMember& m = stored.member;
    st.exchange(soci::into(m.group_id));
    st.exchange(soci::into(m.child_case_reference));
    st.exchange(soci::into(m.child_name));
    st.exchange(soci::into(birth));
    st.exchange(soci::into(joined));
    st.exchange(soci::into(left, left_ind));
    st.exchange(soci::into(stored.child_id));
    st.exchange(soci::into(protected_identity));
    st.exchange(soci::into(stored.responsible_worker_id));
  }
  StoredMember Get(Date today) {
    stored.member.age_years = StoredDate(birth).AgeOn(today);
    stored.member.joined_on = StoredDate(joined);
    stored.member.left_on = StoredDate(left, left_ind);
    stored.protected_identity = protected_identity != 0;
    return stored;
  }
};

}  // namespace

// Sites.

long long ActivityRepository::InsertSite(const Site& site) {
  const std::string kind(SiteKindName(site.kind));
  long long id = 0;
  RunCached(db_,
            "INSERT INTO site (uuid, kind, code, name, address, capacity, opening_hours, "
            "created_at) VALUES (:uuid, :kind, :code, :name, :address, :capacity, :hours, "
            ":created) RETURNING id",
            soci::use(site.uuid), soci::use(kind), soci::use(site.code), soci::use(site.name),
            soci::use(site.address), soci::use(site.capacity), soci::use(site.opening_hours),
            soci::use(site.created_at), soci::into(id));
  return id;
}

void ActivityRepository::UpdateSite(const Site& site) {
  RunCached(db_,
            "UPDATE site SET name = :name, address = :address, capacity = :capacity, "
            "opening_hours = :hours WHERE id = :id",
            soci::use(site.name), soci::use(site.address), soci::use(site.capacity),
            soci::use(site.opening_hours), soci::use(site.id));
}

std::optional<Site> ActivityRepository::FindSite(std::string_view code) {
  const std::string value(code);
  SiteRow row;
  CachedStatement st(db_, std::string(kSiteSelect) + "WHERE code = :code");
  row.Bind(*st);
  st->exchange(soci::use(value));
  st->define_and_bind();
  st->execute();
  if (!st->fetch()) return std::nullopt;
  return row.Get();
}

std::optional<Site> ActivityRepository::FindSiteById(long long id) {
  SiteRow row;
  CachedStatement st(db_, std::string(kSiteSelect) + "WHERE id = :id");
  row.Bind(*st);
  st->exchange(soci::use(id));
  st->define_and_bind();
  st->execute();
  if (!st->fetch()) return std::nullopt;
  return row.Get();
}

void ActivityRepository::ForEachSite(std::optional<SiteKind> kind, const Visitor<Site>& visit) {
  const std::string wanted = kind ? std::string(SiteKindName(*kind)) : std::string();
  SiteRow row;
  CachedStatement st(
      db_, std::string(kSiteSelect) + "WHERE (:k1 = '' OR kind = :k2) ORDER BY kind, code");
  row.Bind(*st);
  st->exchange(soci::use(wanted));
  st->exchange(soci::use(wanted));
  st->define_and_bind();
  st->execute();
  while (st->fetch()) {
    if (!visit(row.Get())) break;
  }
}

// Staff.

bool ActivityRepository::WorksAt(long long worker_id, long long site_id, Date day) {
  const std::string d = day.ToString();
  int count = 0;
  RunCached(db_,
            "SELECT count(*) FROM site_staff WHERE worker_id = :w AND site_id = :s AND "
            "from_day <= :d1 AND (to_day IS NULL OR to_day >= :d2)",
            soci::use(worker_id), soci::use(site_id), soci::use(d), soci::use(d),
            soci::into(count));
  return count > 0;
}

std::vector<long long> ActivityRepository::SitesOf(long long worker_id, Date day) {
  const std::string d = day.ToString();
  std::vector<long long> sites;
  long long site = 0;
  CachedStatement st(db_,
                     "SELECT DISTINCT site_id FROM site_staff WHERE worker_id = :w AND "
                     "from_day <= :d1 AND (to_day IS NULL OR to_day >= :d2) "
                     "ORDER BY site_id",
                     soci::use(worker_id), soci::use(d), soci::use(d), soci::into(site));
  st->execute();
  while (st->fetch()) sites.push_back(site);
  return sites;
}

long long ActivityRepository::InsertStaff(long long site_id, long long worker_id, Date from,
                                          const std::string& at) {
  const std::string f = from.ToString();
  long long id = 0;
  RunCached(db_,
            "INSERT INTO site_staff (site_id, worker_id, from_day, created_at) VALUES "
            "(:s, :w, :f, :at) RETURNING id",
            soci::use(site_id), soci::use(worker_id), soci::use(f), soci::use(at), soci::into(id));
  return id;
}

std::optional<StaffAssignment> ActivityRepository::OpenStaff(long long site_id,
                                                             long long worker_id) {
  StaffRow row;
  CachedStatement st(db_, std::string(kStaffSelect) +
                              "WHERE ss.site_id = :s AND ss.worker_id = :w AND "
                              "ss.to_day IS NULL ORDER BY ss.id DESC");
  row.Bind(*st);
  st->exchange(soci::use(site_id));
  st->exchange(soci::use(worker_id));
  st->define_and_bind();
  st->execute();
  if (!st->fetch()) return std::nullopt;
  return row.Get();
}

void ActivityRepository::EndStaff(long long assignment_id, Date last_day) {
  const std::string d = last_day.ToString();
  RunCached(db_, "UPDATE site_staff SET to_day = :d WHERE id = :id", soci::use(d),
            soci::use(assignment_id));
}

std::optional<StaffAssignment> ActivityRepository::FindStaff(long long assignment_id) {
  StaffRow row;
  CachedStatement st(db_, std::string(kStaffSelect) + "WHERE ss.id = :id");
  row.Bind(*st);
  st->exchange(soci::use(assignment_id));
  st->define_and_bind();
  st->execute();
  if (!st->fetch()) return std::nullopt;
  return row.Get();
}

void ActivityRepository::ForEachStaff(long long site_id, const Visitor<StaffAssignment>& visit) {
  StaffRow row;
  CachedStatement st(
      db_, std::string(kStaffSelect) + "WHERE ss.site_id = :s ORDER BY ss.from_day, ss.id");
  row.Bind(*st);
  st->exchange(soci::use(site_id));
  st->define_and_bind();
  st->execute();
  while (st->fetch()) {
    if (!visit(row.Get())) break;
  }
}

// Training.

long long ActivityRepository::InsertTraining(const TrainingRecord& record, long long worker_id,
                                             long long recorded_by) {
  const std::string on = record.trained_on.ToString();
  long long id = 0;
  RunCached(db_,
            "INSERT INTO training_record (worker_id, method_id, trained_on, trained_by, "
            "hours, notes, recorded_by, created_at) VALUES (:w, :m, :on, :by, :hours, "
            ":notes, :rec, :at) RETURNING id",
            soci::use(worker_id), soci::use(record.method_id), soci::use(on),
            soci::use(record.trained_by), soci::use(record.hours), soci::use(record.notes),
            soci::use(recorded_by), soci::use(record.created_at), soci::into(id));
  return id;
}

void ActivityRepository::ForEachTraining(long long worker_id, const std::string& method_id,
                                         const Visitor<TrainingRecord>& visit) {
  TrainingRecord r;
  std::string on;
  CachedStatement st(
      db_,
      "SELECT t.id, w.os_account, w.name, t.method_id, t.trained_on, t.trained_by, "
      "t.hours, t.notes, rb.os_account, t.created_at FROM training_record t JOIN worker "
      "w ON w.id = t.worker_id JOIN worker rb ON rb.id = t.recorded_by WHERE (:w1 = 0 "
      "OR t.worker_id = :w2) AND (:m1 = '' OR t.method_id = :m2) ORDER BY w.os_account, "
      "t.trained_on, t.id",
      soci::use(worker_id), soci::use(worker_id), soci::use(method_id), soci::use(method_id),
      soci::into(r.id), soci::into(r.worker_account), soci::into(r.worker_name),
      soci::into(r.method_id), soci::into(on), soci::into(r.trained_by), soci::into(r.hours),
      soci::into(r.notes), soci::into(r.recorded_by), soci::into(r.created_at));
  st->execute();
  while (st->fetch()) {
    r.trained_on = StoredDate(on);
    if (!visit(r)) break;
  }
}

// Activities.

long long ActivityRepository::InsertActivity(const Activity& a, long long site_id,
                                             long long leader_id, const std::string& at) {
  const std::string kind(ActivityKindName(a.kind));
  const std::string first = a.schedule.first_day.ToString();
  NullableDate last(a.schedule.last_day);
  soci::indicator leader_ind = leader_id != 0 ? soci::i_ok : soci::i_null;
  long long id = 0;
  RunCached(db_,
            "INSERT INTO activity (uuid, site_id, name, kind, method_id, rrule, first_day, "
            "start_time, duration_minutes, last_day, capacity, leader_id, created_at, "
            "updated_at) VALUES (:uuid, :site, :name, :kind, :method, :rrule, :first, "
            ":start, :minutes, :last, :capacity, :leader, :c1, :c2) RETURNING id",
            soci::use(a.uuid), soci::use(site_id), soci::use(a.name), soci::use(kind),
            soci::use(a.method_id), soci::use(a.schedule.rrule), soci::use(first),
            soci::use(a.schedule.start_time), soci::use(a.schedule.duration_minutes),
            soci::use(last.text, last.ind), soci::use(a.capacity), soci::use(leader_id, leader_ind),
            soci::use(at), soci::use(at), soci::into(id));
  return id;
}

void ActivityRepository::UpdateActivity(const Activity& a, long long leader_id,
                                        const std::string& at) {
  const std::string first = a.schedule.first_day.ToString();
  NullableDate last(a.schedule.last_day);
  soci::indicator leader_ind = leader_id != 0 ? soci::i_ok : soci::i_null;
  RunCached(db_,
            "UPDATE activity SET name = :name, rrule = :rrule, first_day = :first, "
            "start_time = :start, duration_minutes = :minutes, last_day = :last, "
            "capacity = :capacity, leader_id = :leader, updated_at = :at WHERE id = :id",
            soci::use(a.name), soci::use(a.schedule.rrule), soci::use(first),
            soci::use(a.schedule.start_time), soci::use(a.schedule.duration_minutes),
            soci::use(last.text, last.ind), soci::use(a.capacity), soci::use(leader_id, leader_ind),
            soci::use(at), soci::use(a.id));
}

std::optional<StoredActivity> ActivityRepository::FindActivity(long long id, Date today) {
  const std::string t = today.ToString();
  ActivityRow row;
  CachedStatement st(db_, std::string(kActivitySelect) + "WHERE a.id = :id");
  row.Bind(*st);
  st->exchange(soci::use(t));
  st->exchange(soci::use(t));
  st->exchange(soci::use(id));
  st->define_and_bind();
  st->execute();
  if (!st->fetch()) return std::nullopt;
  return row.Get();
}

void ActivityRepository::ForEachActivity(long long site_id, const std::vector<long long>* site_ids,
                                         Date today, const Visitor<StoredActivity>& visit) {
  const std::string t = today.ToString();
  std::string where = "WHERE 1 = 1";
  if (site_id != 0) where += " AND a.site_id = " + std::to_string(site_id);
  if (site_ids != nullptr) {
    where += " AND a.site_id IN (0";
    for (long long s : *site_ids) where += ", " + std::to_string(s);
    where += ")";
  }
  ActivityRow row;
  soci::statement st = db_.session().prepare << kActivitySelect << where
                                             << " ORDER BY s.code, a.id";
  row.Bind(st);
  st.exchange(soci::use(t));
  st.exchange(soci::use(t));
  st.define_and_bind();
  st.execute();
  while (st.fetch()) {
    if (!visit(row.Get())) break;
  }
}

// Enrolments.

long long ActivityRepository::InsertEnrolment(long long activity_id, long long child_id,
                                              EnrolmentStatus status, Date requested_on,
                                              std::optional<Date> enrolled_on,
                                              const std::string& note, const std::string& at) {
  const std::string s(EnrolmentStatusName(status));
  const std::string requested = requested_on.ToString();
  NullableDate enrolled(enrolled_on);
  long long id = 0;
  RunCached(db_,
            "INSERT INTO enrolment (activity_id, child_id, status, requested_on, "
            "enrolled_on, note, created_at) VALUES (:a, :c, :s, :r, :e, :n, :at) "
            "RETURNING id",
            soci::use(activity_id), soci::use(child_id), soci::use(s), soci::use(requested),
            soci::use(enrolled.text, enrolled.ind), soci::use(note), soci::use(at), soci::into(id));
  return id;
}

std::optional<Enrolment> ActivityRepository::CurrentEnrolment(long long activity_id,
                                                              long long child_id) {
  EnrolmentRow row;
  CachedStatement st(db_,
                     std::string(kEnrolmentSelect) + kResponsible +
                         " FROM enrolment e JOIN activity a ON a.id = e.activity_id JOIN child c "
                         "ON c.id = e.child_id WHERE e.activity_id = :a AND e.child_id = :c AND "
                         "e.status IN ('enrolled', 'waiting') AND e.left_on IS NULL "
                         "ORDER BY e.id DESC");
  row.Bind(*st);
  st->exchange(soci::use(activity_id));
  st->exchange(soci::use(child_id));
  st->define_and_bind();
  st->execute();
  if (!st->fetch()) return std::nullopt;
  return row.Get(Date(1970, 1, 1)).enrolment;
}

void ActivityRepository::SetLeft(long long enrolment_id, Date last_day, const std::string& reason) {
  const std::string d = last_day.ToString();
  RunCached(db_,
            "UPDATE enrolment SET left_on = :d, left_reason = :r, status = CASE WHEN "
            "status = 'waiting' THEN 'left' ELSE status END WHERE id = :id",
            soci::use(d), soci::use(reason), soci::use(enrolment_id));
}

void ActivityRepository::SetEnrolled(long long enrolment_id, Date from) {
  const std::string d = from.ToString();
  RunCached(db_, "UPDATE enrolment SET status = 'enrolled', enrolled_on = :d WHERE id = :id",
            soci::use(d), soci::use(enrolment_id));
}

void ActivityRepository::ForEachEnrolment(long long activity_id, bool include_left, Date today,
                                          const Visitor<StoredEnrolment>& visit) {
  EnrolmentRow row;
  soci::statement st =
      db_.session().prepare
      << kEnrolmentSelect << kResponsible
      << " FROM enrolment e JOIN activity a ON a.id = e.activity_id JOIN child c ON "
         "c.id = e.child_id WHERE e.activity_id = :a ORDER BY CASE WHEN e.status = 'enrolled' "
         "THEN 0 WHEN e.status = 'waiting' THEN 1 ELSE 2 END, "
         "COALESCE(e.enrolled_on, e.requested_on), e.id";
  row.Bind(st);
  st.exchange(soci::use(activity_id));
  st.define_and_bind();
  st.execute();
  int position = 0;
  while (st.fetch()) {
    StoredEnrolment e = row.Get(today);
    if (e.enrolment.status == EnrolmentStatus::kWaiting) e.enrolment.waiting_position = ++position;
    if (!include_left && e.enrolment.status == EnrolmentStatus::kLeft) continue;
    if (!visit(e)) break;
  }
}

std::vector<long long> ActivityRepository::EnrolledChildIds(long long activity_id, Date day) {
  const std::string d = day.ToString();
  std::vector<long long> ids;
  long long id = 0;
  CachedStatement st(db_,
                     "SELECT child_id FROM enrolment WHERE activity_id = :a AND "
                     "status = 'enrolled' AND enrolled_on <= :d1 AND (left_on IS NULL "
                     "OR left_on >= :d2) ORDER BY enrolled_on, id",
                     soci::use(activity_id), soci::use(d), soci::use(d), soci::into(id));
  st->execute();
  while (st->fetch()) ids.push_back(id);
  return ids;
}

int ActivityRepository::CountEnrolled(long long activity_id, Date day) {
  // Places are taken from the day a child is enrolled (even a later start) until it leaves.
  const std::string d = day.ToString();
  int count = 0;
  RunCached(db_,
            "SELECT count(*) FROM enrolment WHERE activity_id = :a AND status = "
            "'enrolled' AND (left_on IS NULL OR left_on >= :d)",
            soci::use(activity_id), soci::use(d), soci::into(count));
  return count;
}

// Groups.

long long ActivityRepository::InsertGroup(const Group& g, long long leader_id, bool own_schedule,
                                          const std::string& at) {
  soci::indicator leader_ind = leader_id != 0 ? soci::i_ok : soci::i_null;
  const std::string rrule = own_schedule ? g.schedule.rrule : std::string();
  NullableDate first(own_schedule ? std::optional<Date>(g.schedule.first_day) : std::nullopt);
  const std::string start = own_schedule ? g.schedule.start_time : std::string();
  const int minutes = own_schedule ? g.schedule.duration_minutes : 0;
  NullableDate last(own_schedule ? g.schedule.last_day : std::nullopt);
  long long id = 0;
  RunCached(db_,
            "INSERT INTO activity_group (activity_id, name, leader_id, rrule, first_day, "
            "start_time, duration_minutes, last_day, venue, created_at) VALUES (:a, :n, "
            ":l, :r, :f, :s, :m, :last, :v, :at) RETURNING id",
            soci::use(g.activity_id), soci::use(g.name), soci::use(leader_id, leader_ind),
            soci::use(rrule), soci::use(first.text, first.ind), soci::use(start),
            soci::use(minutes), soci::use(last.text, last.ind), soci::use(g.venue), soci::use(at),
            soci::into(id));
  return id;
}

void ActivityRepository::UpdateGroup(const Group& g, long long leader_id, bool own_schedule) {
  soci::indicator leader_ind = leader_id != 0 ? soci::i_ok : soci::i_null;
  const std::string rrule = own_schedule ? g.schedule.rrule : std::string();
  NullableDate first(own_schedule ? std::optional<Date>(g.schedule.first_day) : std::nullopt);
  const std::string start = own_schedule ? g.schedule.start_time : std::string();
  const int minutes = own_schedule ? g.schedule.duration_minutes : 0;
  NullableDate last(own_schedule ? g.schedule.last_day : std::nullopt);
  RunCached(db_,
            "UPDATE activity_group SET name = :n, leader_id = :l, rrule = :r, first_day = "
            ":f, start_time = :s, duration_minutes = :m, last_day = :last WHERE id = :id",
            soci::use(g.name), soci::use(leader_id, leader_ind), soci::use(rrule),
            soci::use(first.text, first.ind), soci::use(start), soci::use(minutes),
            soci::use(last.text, last.ind), soci::use(g.id));
}

namespace {

std::optional<StoredGroup> FindGroupWhere(Database& db, const std::string& where, long long id,
                                          const std::string* name) {
  const std::string t = "9999-12-31";  // members counted: those whose membership is open
  GroupRow row;
  CachedStatement st(db, std::string(kGroupSelect) + where);
  row.Bind(*st);
  st->exchange(soci::use(t));
  st->exchange(soci::use(t));
  st->exchange(soci::use(id));
  if (name != nullptr) st->exchange(soci::use(*name));
  st->define_and_bind();
  st->execute();
  if (!st->fetch()) return std::nullopt;
  return row.Get();
}

}  // namespace

std::optional<StoredGroup> ActivityRepository::FindGroup(long long id) {
  return FindGroupWhere(db_, "WHERE g.id = :id", id, nullptr);
}

std::optional<StoredGroup> ActivityRepository::FindGroupByName(long long activity_id,
                                                               const std::string& name) {
  return FindGroupWhere(db_, "WHERE g.activity_id = :a AND g.name = :n", activity_id, &name);
}

void ActivityRepository::ForEachGroup(long long activity_id, long long leader_id,
                                      const Visitor<StoredGroup>& visit) {
  const std::string t = "9999-12-31";
  GroupRow row;
  CachedStatement st(db_,
                     std::string(kGroupSelect) +
                         "WHERE (:a1 = 0 OR g.activity_id = :a2) AND (:l1 = 0 OR "
                         "COALESCE(g.leader_id, a.leader_id, 0) = :l2) ORDER BY g.activity_id, "
                         "g.name, g.id");
  row.Bind(*st);
  st->exchange(soci::use(t));
  st->exchange(soci::use(t));
  st->exchange(soci::use(activity_id));
  st->exchange(soci::use(activity_id));
  st->exchange(soci::use(leader_id));
  st->exchange(soci::use(leader_id));
  st->define_and_bind();
  st->execute();
  while (st->fetch()) {
    if (!visit(row.Get())) break;
  }
}

void ActivityRepository::InsertMember(long long group_id, long long child_id, Date joined_on) {
  const std::string d = joined_on.ToString();
  RunCached(db_, "INSERT INTO group_member (group_id, child_id, joined_on) VALUES (:g, :c, :d)",
            soci::use(group_id), soci::use(child_id), soci::use(d));
}

std::optional<std::pair<long long, GroupMember>> ActivityRepository::CurrentMembership(
    long long activity_id, long long child_id, Date day) {
  const std::string d = day.ToString();
  MemberRow row;
  CachedStatement st(db_,
                     std::string(kMemberSelect) + kResponsible +
                         " FROM group_member m JOIN activity_group g ON g.id = m.group_id JOIN "
                         "child c ON c.id = m.child_id WHERE g.activity_id = :a AND m.child_id "
                         "= :c AND (m.left_on IS NULL OR m.left_on >= :d) ORDER BY m.id DESC");
  row.Bind(*st);
  st->exchange(soci::use(activity_id));
  st->exchange(soci::use(child_id));
  st->exchange(soci::use(d));
  st->define_and_bind();
  st->execute();
  if (!st->fetch()) return std::nullopt;
  StoredMember m = row.Get(day);
  return std::make_pair(m.member.group_id, m.member);
}

void ActivityRepository::EndMembership(long long group_id, long long child_id, Date last_day) {
  const std::string d = last_day.ToString();
  RunCached(db_,
            "UPDATE group_member SET left_on = :d WHERE group_id = :g AND child_id = :c "
            "AND (left_on IS NULL OR left_on > :d2)",
            soci::use(d), soci::use(group_id), soci::use(child_id), soci::use(d));
}

void ActivityRepository::ForEachMember(long long group_id, bool include_left, Date today,
                                       const Visitor<StoredMember>& visit) {
  const std::string t = today.ToString();
  MemberRow row;
  CachedStatement st(db_,
                     std::string(kMemberSelect) + kResponsible +
                         " FROM group_member m JOIN child c ON c.id = m.child_id WHERE "
                         "m.group_id = :g AND (:all = 1 OR m.left_on IS NULL OR m.left_on >= :t) "
                         "ORDER BY m.joined_on, c.case_reference");
  row.Bind(*st);
  const int all = include_left ? 1 : 0;
  st->exchange(soci::use(group_id));
  st->exchange(soci::use(all));
  st->exchange(soci::use(t));
  st->define_and_bind();
  st->execute();
  while (st->fetch()) {
    if (!visit(row.Get(today))) break;
  }
}

std::vector<std::pair<long long, long long>> ActivityRepository::SiblingLinks(
    const std::vector<long long>& child_ids) {
  std::vector<std::pair<long long, long long>> links;
  if (child_ids.empty()) return links;
  std::string in = "(";
  for (std::size_t i = 0; i < child_ids.size(); ++i) {
    in += (i > 0 ? ", " : "") + std::to_string(child_ids[i]);
  }
  in += ")";
  long long a = 0, b = 0;
  soci::statement st =
      (db_.session().prepare << "SELECT child_id, registered_child_id FROM relation WHERE kind = "
                                "'sibling' AND child_id IN "
                             << in << " AND registered_child_id IN " << in,
       soci::into(a), soci::into(b));
  st.execute();
  while (st.fetch()) links.emplace_back(a, b);
  return links;
}

std::vector<Participation> ActivityRepository::Participants(long long activity_id) {
  std::vector<Participation> result;
  Participation p;
  std::string from, to;
  soci::indicator to_ind = soci::i_null;
  CachedStatement st(
      db_,
      "SELECT child_id, 0, enrolled_on, left_on FROM enrolment WHERE activity_id = :a1 "
      "AND enrolled_on IS NOT NULL AND status <> 'waiting' "
      "UNION ALL SELECT m.child_id, m.group_id, m.joined_on, m.left_on FROM group_member "
      "m JOIN activity_group g ON g.id = m.group_id WHERE g.activity_id = :a2",
      soci::use(activity_id), soci::use(activity_id), soci::into(p.child_id),
      soci::into(p.group_id), soci::into(from), soci::into(to, to_ind));
  st->execute();
  while (st->fetch()) {
    p.from = StoredDate(from);
    p.to = StoredDate(to, to_ind);
    result.push_back(p);
  }
  return result;
}

std::vector<long long> ActivityRepository::ExpectedOn(long long activity_id, long long group_id,
                                                      Date day) {
  const std::string d = day.ToString();
  std::vector<long long> ids;
  long long id = 0;
  soci::statement st =
      group_id > 0
          ? (db_.session().prepare << "SELECT child_id FROM group_member WHERE group_id = :g AND "
                                      "joined_on <= :d1 AND (left_on IS NULL OR left_on >= :d2)",
             soci::use(group_id), soci::use(d), soci::use(d), soci::into(id))
          : (db_.session().prepare
                 << "SELECT child_id FROM enrolment WHERE activity_id = :a AND enrolled_on IS NOT "
                    "NULL AND status <> 'waiting' AND enrolled_on <= :d1 AND (left_on IS NULL OR "
                    "left_on >= :d2)",
             soci::use(activity_id), soci::use(d), soci::use(d), soci::into(id));
  st.execute();
  while (st.fetch()) ids.push_back(id);
  return ids;
}

}  // namespace kinbridge::detail
