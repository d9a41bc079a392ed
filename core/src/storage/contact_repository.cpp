#include "storage/contact_repository.h"

#include <nlohmann/json.hpp>

#include "storage/plan_repository.h"
#include "storage/row_values.h"

namespace kinbridge::detail {

namespace {

constexpr const char* kEventSelect =
    "SELECT e.id, e.plan_id, e.arrangement_id, c.case_reference, c.id, c.name, "
    "c.protected_identity, e.relation_id, r.person_name, r.kind, e.mode, e.supervision, e.venue, "
    "e.local_day, e.local_start, e.starts_utc, e.ends_utc, e.status, e.outcome, "
    "e.replacement_offered, e.attended, e.notes, e.child_reaction, lw.os_account, e.logged_at, "
    "e.cancel_reason, rw.os_account, rw.id "
    "FROM contact_event e JOIN child c ON c.id = e.child_id "
    "JOIN relation r ON r.id = e.relation_id "
    "LEFT JOIN worker lw ON lw.id = e.logged_by "
    "LEFT JOIN caseload_assignment ca ON ca.child_id = e.child_id AND ca.released_at IS NULL "
    "LEFT JOIN worker rw ON rw.id = ca.worker_id ";

struct EventRow {
  long long id = 0, plan_id = 0, arrangement_id = 0, child_id = 0, relation_id = 0,
            responsible_id = 0;
  int protected_identity = 0, replacement = 0;
  std::string ref, child_name, relation_name, relation_kind, mode, supervision, venue, day, start,
      starts, ends, status, outcome, attended, notes, reaction, logged_by, logged_at, cancel_reason,
      responsible;
  soci::indicator arrangement_ind = soci::i_null, outcome_ind = soci::i_null,
                  logged_by_ind = soci::i_null, logged_at_ind = soci::i_null,
                  responsible_ind = soci::i_null, responsible_id_ind = soci::i_null;

  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(plan_id));
    st.exchange(soci::into(arrangement_id, arrangement_ind));
    st.exchange(soci::into(ref));
    st.exchange(soci::into(child_id));
    st.exchange(soci::into(child_name));
    st.exchange(soci::into(protected_identity));
    st.exchange(soci::into(relation_id));
    st.exchange(soci::into(relation_name));
    st.exchange(soci::into(relation_kind));
    st.exchange(soci::into(mode));
    st.exchange(soci::into(supervision));
    st.exchange(soci::into(venue));
    st.exchange(soci::into(day));
    st.exchange(soci::into(start));
    st.exchange(soci::into(starts));
    st.exchange(soci::into(ends));
    st.exchange(soci::into(status));
    st.exchange(soci::into(outcome, outcome_ind));
    st.exchange(soci::into(replacement));
    st.exchange(soci::into(attended));
    st.exchange(soci::into(notes));
    st.exchange(soci::into(reaction));
    st.exchange(soci::into(logged_by, logged_by_ind));
    st.exchange(soci::into(logged_at, logged_at_ind));
    st.exchange(soci::into(cancel_reason));
    st.exchange(soci::into(responsible, responsible_ind));
    st.exchange(soci::into(responsible_id, responsible_id_ind));
  }

  StoredEvent ToEvent() const {
    StoredEvent stored;
    ContactEvent& e = stored.event;
    e.id = id;
    e.plan_id = plan_id;
    e.arrangement_id = arrangement_ind == soci::i_ok ? arrangement_id : 0;
    e.child_case_reference = ref;
    e.child_name = child_name;
    e.relation_id = relation_id;
    e.relation_name = relation_name;
    e.relation_kind = relation_kind;
    e.mode = mode;
    e.supervision = supervision;
    e.venue = venue;
    e.local_day = StoredDate(day);
    e.local_start = start;
    e.starts_utc = starts;
    e.ends_utc = ends;
    e.status = status == "logged"      ? EventStatus::kLogged
               : status == "cancelled" ? EventStatus::kCancelled
                                       : EventStatus::kScheduled;
    if (outcome_ind == soci::i_ok) {
      Result<ContactOutcome> parsed = ParseContactOutcome(outcome);
      if (!parsed.ok()) throw std::runtime_error("stored outcome is malformed: " + outcome);
      e.outcome = *parsed;
    }
    e.replacement_offered = replacement != 0;
    e.attended = attended;
    e.notes = notes;
    e.child_reaction = reaction;
    if (logged_by_ind == soci::i_ok) e.logged_by = logged_by;
    if (logged_at_ind == soci::i_ok) e.logged_at = logged_at;
    e.cancel_reason = cancel_reason;
    if (responsible_ind == soci::i_ok) e.responsible = responsible;
    stored.child_id = child_id;
    stored.responsible_worker_id = responsible_id_ind == soci::i_ok ? responsible_id : 0;
    stored.protected_identity = protected_identity != 0;
    return stored;
  }
};

std::string Dump(const nlohmann::json& json) {
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

const char* ContactEventSelect() { return kEventSelect; }

struct ContactRepository::Prepared {
  std::optional<soci::statement> statement;
  SchedulableArrangement a;
  std::string day, start, starts, ends, created;
};

ContactRepository::ContactRepository(Database& db) : db_(db) {}
ContactRepository::~ContactRepository() = default;

std::vector<SchedulableArrangement> ContactRepository::ActiveArrangements(long long child_id) {
  std::vector<SchedulableArrangement> result;
  SchedulableArrangement a;
  std::string first_day, closed_on;
  soci::indicator closed_ind = soci::i_null;
  std::string sql =
      "SELECT a.id, a.plan_id, p.child_id, a.relation_id, a.mode, a.rrule, a.start_time, "
      "a.supervision, a.venue, a.first_day, a.duration_minutes, c.closed_on "
      "FROM plan_arrangement a JOIN contact_plan p ON p.id = a.plan_id "
      "JOIN child c ON c.id = p.child_id WHERE p.status = 'active'";
  if (child_id != 0) sql += " AND p.child_id = :c";
  sql += " ORDER BY a.id";
  CachedStatement st(db_, sql);
  st->exchange(soci::into(a.arrangement_id));
  st->exchange(soci::into(a.plan_id));
  st->exchange(soci::into(a.child_id));
  st->exchange(soci::into(a.relation_id));
  st->exchange(soci::into(a.mode));
  st->exchange(soci::into(a.rrule));
  st->exchange(soci::into(a.start_time));
  st->exchange(soci::into(a.supervision));
  st->exchange(soci::into(a.venue));
  st->exchange(soci::into(first_day));
  st->exchange(soci::into(a.duration_minutes));
  st->exchange(soci::into(closed_on, closed_ind));
  if (child_id != 0) st->exchange(soci::use(child_id));
  st->define_and_bind();
  st->execute();
  while (st->fetch()) {
    a.first_day = StoredDate(first_day);
    a.child_closed_on = StoredDate(closed_on, closed_ind);
    result.push_back(a);
  }
  return result;
}

bool ContactRepository::InsertEvent(const SchedulableArrangement& a, const Date& local_day,
                                    const std::string& local_start, const std::string& starts_utc,
                                    const std::string& ends_utc, const std::string& created_at) {
  if (!insert_) {
    insert_ = std::make_unique<Prepared>();
    Prepared& p = *insert_;
    p.statement.emplace(db_.session());
    soci::statement& st = *p.statement;
    st.alloc();
    st.prepare(
        "INSERT INTO contact_event (plan_id, arrangement_id, child_id, relation_id, mode, "
        "supervision, venue, local_day, local_start, starts_utc, ends_utc, created_at) "
        "VALUES (:p, :a, :c, :r, :mode, :sup, :venue, :day, :start, :starts, :ends, :created) "
        "ON CONFLICT (arrangement_id, local_day) DO NOTHING");
    st.exchange(soci::use(p.a.plan_id));
    st.exchange(soci::use(p.a.arrangement_id));
    st.exchange(soci::use(p.a.child_id));
    st.exchange(soci::use(p.a.relation_id));
    st.exchange(soci::use(p.a.mode));
    st.exchange(soci::use(p.a.supervision));
    st.exchange(soci::use(p.a.venue));
    st.exchange(soci::use(p.day));
    st.exchange(soci::use(p.start));
    st.exchange(soci::use(p.starts));
    st.exchange(soci::use(p.ends));
    st.exchange(soci::use(p.created));
    st.define_and_bind();
  }
  Prepared& p = *insert_;
  p.a = a;
  p.day = local_day.ToString();
  p.start = local_start;
  p.starts = starts_utc;
  p.ends = ends_utc;
  p.created = created_at;
  p.statement->execute(true);
  return p.statement->get_affected_rows() == 1;
}

std::optional<StoredEvent> ContactRepository::Find(long long event_id) {
  EventRow row;
  CachedStatement st(db_, std::string(kEventSelect) + "WHERE e.id = :id");
  row.Bind(*st);
  st->exchange(soci::use(event_id));
  st->define_and_bind();
  st->execute();
  if (!st->fetch()) return std::nullopt;
  return row.ToEvent();
}

void ContactRepository::ForEach(const EventFilter& f, const Visitor<StoredEvent>& visit) {
  std::string sql = std::string(kEventSelect) + "WHERE 1 = 1";
  const std::string from = f.from ? f.from->ToString() : std::string();
  const std::string to = f.to ? f.to->ToString() : std::string();
  if (f.child_id != 0) {
    sql += " AND e.child_id = :child";
  } else if (!f.visibility.all) {
    sql += " AND (ca.worker_id = :w";
    if (!f.visibility.unit.empty()) sql += " OR rw.unit = :u";
    sql += ")";
  }
  if (f.plan_id != 0) sql += " AND e.plan_id = :plan";
  if (f.from) sql += " AND e.local_day >= :from";
  if (f.to) sql += " AND e.local_day <= :to";
  if (f.open_only) sql += " AND e.status = 'scheduled'";
  sql += " ORDER BY e.starts_utc, e.id";
  EventRow row;
  CachedStatement st(db_, sql);
  row.Bind(*st);
  if (f.child_id != 0) {
    st->exchange(soci::use(f.child_id));
  } else if (!f.visibility.all) {
    st->exchange(soci::use(f.visibility.worker_id));
    if (!f.visibility.unit.empty()) st->exchange(soci::use(f.visibility.unit));
  }
  if (f.plan_id != 0) st->exchange(soci::use(f.plan_id));
  if (f.from) st->exchange(soci::use(from));
  if (f.to) st->exchange(soci::use(to));
  st->define_and_bind();
  st->execute();
  while (st->fetch()) {
    if (!visit(row.ToEvent())) break;
  }
}

void ContactRepository::Log(long long event_id, const ContactReport& r, long long worker_id,
                            const std::string& at) {
  const std::string outcome(ContactOutcomeName(r.outcome));
  const int replacement = r.replacement_offered ? 1 : 0;
  RunCached(db_,
            "UPDATE contact_event SET status = 'logged', outcome = :o, "
            "replacement_offered = :rep, attended = :att, notes = :notes, "
            "child_reaction = :reaction, logged_by = :w, logged_at = :at WHERE id = :id",
            soci::use(outcome), soci::use(replacement), soci::use(r.attended), soci::use(r.notes),
            soci::use(r.child_reaction), soci::use(worker_id), soci::use(at), soci::use(event_id));
}

long long ContactRepository::CancelOpen(const CancelFilter& f, const std::string& reason) {
  std::string sql =
      "UPDATE contact_event SET status = 'cancelled', cancel_reason = :reason "
      "WHERE status = 'scheduled' AND local_day >= :from";
  const std::string from = f.from.ToString();
  const std::string to = f.to ? f.to->ToString() : std::string();
  if (f.to) sql += " AND local_day <= :to";
  if (f.plan_id != 0) sql += " AND plan_id = :plan";
  if (f.arrangement_id != 0) sql += " AND arrangement_id = :arrangement";
  if (f.relation_id != 0) sql += " AND relation_id = :relation";
  if (f.only_unsupervised) sql += " AND supervision <> 'supervised'";
  CachedStatement st(db_, sql);
  st->exchange(soci::use(reason));
  st->exchange(soci::use(from));
  if (f.to) st->exchange(soci::use(to));
  if (f.plan_id != 0) st->exchange(soci::use(f.plan_id));
  if (f.arrangement_id != 0) st->exchange(soci::use(f.arrangement_id));
  if (f.relation_id != 0) st->exchange(soci::use(f.relation_id));
  st->define_and_bind();
  st->execute(true);
  return st->get_affected_rows();
}

long long ContactRepository::InsertReview(const PlanReview& r, long long worker_id) {
  nlohmann::json adherence = nlohmann::json::array();
  for (const ReviewAdherence& a : r.adherence) {
    adherence.push_back({{"relation_id", a.relation_id},
                         {"relation_name", a.relation_name},
                         {"mode", a.mode},
                         {"planned", a.planned},
                         {"held", a.held},
                         {"cancelled", a.cancelled},
                         {"no_show", a.no_show},
                         {"open", a.open},
                         {"ratio", a.ratio}});
  }
  nlohmann::json fidelity = nlohmann::json::array();
  for (const ReviewComponent& c : r.fidelity) {
    fidelity.push_back({{"component", c.component}, {"met", c.met}, {"note", c.note}});
  }
  const std::string adherence_text = Dump(adherence), fidelity_text = Dump(fidelity),
                    findings_text = FindingsJson(r.findings), on = r.reviewed_on.ToString(),
                    from = r.period_from.ToString(), to = r.period_to.ToString(),
                    next = r.next_review.ToString();
  const int revise = r.revise ? 1 : 0;
  long long id = 0;
  RunCached(db_,
            "INSERT INTO plan_review (plan_id, reviewed_on, period_from, period_to, "
            "method_id, method_version, adherence, fidelity, findings, next_review, revise, "
            "reviewed_by, created_at) VALUES (:plan, :on, :from, :to, :mid, :mv, :adh, "
            ":fid, :fin, :next, :revise, :by, :at) RETURNING id",
            soci::use(r.plan_id), soci::use(on), soci::use(from), soci::use(to),
            soci::use(r.method_id), soci::use(r.method_version), soci::use(adherence_text),
            soci::use(fidelity_text), soci::use(findings_text), soci::use(next), soci::use(revise),
            soci::use(worker_id), soci::use(r.created_at), soci::into(id));
  return id;
}

std::vector<PlanReview> ContactRepository::ReviewsOf(long long plan_id) {
  std::vector<PlanReview> reviews;
  PlanReview r;
  std::string on, from, to, next, adherence, fidelity, findings;
  int revise = 0;
  CachedStatement st(
      db_,
      "SELECT v.id, v.plan_id, v.reviewed_on, v.period_from, v.period_to, v.method_id, "
      "v.method_version, v.adherence, v.fidelity, v.findings, v.next_review, v.revise, "
      "w.os_account, v.created_at FROM plan_review v JOIN worker w ON w.id = "
      "v.reviewed_by WHERE v.plan_id = :plan ORDER BY v.id",
      soci::use(plan_id), soci::into(r.id), soci::into(r.plan_id), soci::into(on), soci::into(from),
      soci::into(to), soci::into(r.method_id), soci::into(r.method_version), soci::into(adherence),
      soci::into(fidelity), soci::into(findings), soci::into(next), soci::into(revise),
      soci::into(r.reviewed_by), soci::into(r.created_at));
  st->execute();
  while (st->fetch()) {
    PlanReview review = r;
    review.reviewed_on = StoredDate(on);
    review.period_from = StoredDate(from);
    review.period_to = StoredDate(to);
    review.next_review = StoredDate(next);
    review.revise = revise != 0;
    for (const auto& a : nlohmann::json::parse(adherence, nullptr, false)) {
      if (!a.is_object()) continue;
      review.adherence.push_back(
          {a.value("relation_id", std::int64_t{0}), a.value("relation_name", ""),
           a.value("mode", ""), a.value("planned", 0), a.value("held", 0), a.value("cancelled", 0),
           a.value("no_show", 0), a.value("open", 0), a.value("ratio", 0.0)});
    }
    for (const auto& c : nlohmann::json::parse(fidelity, nullptr, false)) {
      if (!c.is_object()) continue;
      review.fidelity.push_back(
          {c.value("component", ""), c.value("met", false), c.value("note", "")});
    }
    review.findings = FindingsFrom(findings);
    reviews.push_back(std::move(review));
  }
  return reviews;
}

}  // namespace kinbridge::detail
