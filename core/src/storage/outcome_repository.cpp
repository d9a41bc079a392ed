#include "storage/outcome_repository.h"

#include "storage/row_values.h"

namespace kinbridge::detail {

// Sums are cast so that both SQLite and PostgreSQL hand back a 64-bit integer (PostgreSQL's sum
// of integers is numeric). Months are the first seven characters of the stored local day.
void OutcomeRepository::ForEachContactMonth(const std::string& method_id, Date from, Date to,
                                            const Visitor<ContactMonth>& visit) {
  const std::string lo = from.ToString(), hi = to.ToString();
  ContactMonth row;
  std::string birth;
  // The events a plan review counts as planned: every event but those the core cancelled (the
  // plan ended, the arrangement was removed, a restriction forbids it); held as a review counts
  // it: held, held late or ended early.
  CachedStatement st(
      db_,
      "SELECT e.child_id, c.birth_date, substr(e.local_day, 1, 7), "
      "CAST(count(*) AS BIGINT), CAST(sum(CASE WHEN e.outcome IN ('held', 'held-late', "
      "'ended-early') THEN 1 ELSE 0 END) AS BIGINT) FROM contact_event e JOIN "
      "contact_plan p ON p.id = e.plan_id JOIN child c ON c.id = e.child_id WHERE "
      "p.method_id = :m AND e.status <> 'cancelled' AND e.local_day >= :lo AND "
      "e.local_day <= :hi GROUP BY e.child_id, c.birth_date, substr(e.local_day, 1, 7) "
      "ORDER BY e.child_id, substr(e.local_day, 1, 7)",
      soci::use(method_id), soci::use(lo), soci::use(hi), soci::into(row.child_id),
      soci::into(birth), soci::into(row.month), soci::into(row.due), soci::into(row.held));
  st->execute();
  while (st->fetch()) {
    row.birth_date = StoredDate(birth);
    if (!visit(row)) break;
  }
}

void OutcomeRepository::ForEachPlan(const std::string& method_id, Date from, Date to,
                                    const Visitor<PlanSpan>& visit) {
  const std::string lo = from.ToString(), hi = to.ToString();
  PlanSpan row;
  std::string birth, approved, ended;
  soci::indicator ended_ind = soci::i_null;
  CachedStatement st(
      db_,
      "SELECT p.id, p.child_id, c.birth_date, substr(p.approved_at, 1, 10), p.ended_on "
      "FROM contact_plan p JOIN child c ON c.id = p.child_id WHERE p.method_id = :m AND "
      "p.approved_at IS NOT NULL AND substr(p.approved_at, 1, 10) <= :hi AND "
      "(p.ended_on IS NULL OR p.ended_on >= :lo) ORDER BY p.id",
      soci::use(method_id), soci::use(hi), soci::use(lo), soci::into(row.plan_id),
      soci::into(row.child_id), soci::into(birth), soci::into(approved),
      soci::into(ended, ended_ind));
  st->execute();
  while (st->fetch()) {
    row.birth_date = StoredDate(birth);
    row.approved_on = StoredDate(approved);
    row.ended_on = StoredDate(ended, ended_ind);
    if (!visit(row)) break;
  }
}

void OutcomeRepository::ForEachMarkMonth(const std::string& method_id, Date from, Date to,
                                         const Visitor<MarkMonth>& visit) {
  const std::string lo = from.ToString(), hi = to.ToString();
  MarkMonth row;
  std::string birth;
  CachedStatement st(
      db_,
      "SELECT a.child_id, c.birth_date, substr(s.local_day, 1, 7), "
      "COALESCE(s.group_id, 0), CAST(sum(CASE WHEN a.mark = 'present' THEN 1 ELSE 0 END) "
      "AS BIGINT), CAST(sum(CASE WHEN a.mark = 'absent' THEN 1 ELSE 0 END) AS BIGINT), "
      "CAST(sum(CASE WHEN a.mark = 'excused' THEN 1 ELSE 0 END) AS BIGINT) FROM "
      "attendance a JOIN session s ON s.id = a.session_id JOIN activity act ON act.id = "
      "s.activity_id JOIN child c ON c.id = a.child_id WHERE act.method_id = :m AND "
      "s.status = 'held' AND s.local_day >= :lo AND s.local_day <= :hi GROUP BY "
      "a.child_id, c.birth_date, substr(s.local_day, 1, 7), COALESCE(s.group_id, 0) "
      "ORDER BY a.child_id, substr(s.local_day, 1, 7), COALESCE(s.group_id, 0)",
      soci::use(method_id), soci::use(lo), soci::use(hi), soci::into(row.child_id),
      soci::into(birth), soci::into(row.month), soci::into(row.group_id), soci::into(row.present),
      soci::into(row.absent), soci::into(row.excused));
  st->execute();
  while (st->fetch()) {
    row.birth_date = StoredDate(birth);
    if (!visit(row)) break;
  }
}

void OutcomeRepository::ForEachReview(const std::string& method_id, Date from, Date to,
                                      const Visitor<ReviewFidelity>& visit) {
  const std::string lo = from.ToString(), hi = to.ToString();
  ReviewFidelity row;
  std::string birth, on;
  CachedStatement st(
      db_,
      "SELECT p.child_id, c.birth_date, r.reviewed_on, r.fidelity FROM plan_review r "
      "JOIN contact_plan p ON p.id = r.plan_id JOIN child c ON c.id = p.child_id WHERE "
      "r.method_id = :m AND r.reviewed_on >= :lo AND r.reviewed_on <= :hi ORDER BY r.id",
      soci::use(method_id), soci::use(lo), soci::use(hi), soci::into(row.child_id),
      soci::into(birth), soci::into(on), soci::into(row.fidelity_json));
  st->execute();
  while (st->fetch()) {
    row.birth_date = StoredDate(birth);
    row.reviewed_on = StoredDate(on);
    if (!visit(row)) break;
  }
}

void OutcomeRepository::SaveImported(long long imported_method_id,
                                     const std::vector<StoredOutcomeCell>& cells) {
  if (cells.empty()) return;
  StoredOutcomeCell c;
  CachedStatement st(db_,
                     "INSERT INTO imported_outcome (imported_method_id, period, "
                     "age_band, indicator, value, n) VALUES (:i, :p, :b, :k, :v, :n)",
                     soci::use(imported_method_id), soci::use(c.period), soci::use(c.age_band),
                     soci::use(c.indicator), soci::use(c.value), soci::use(c.n));
  for (const StoredOutcomeCell& cell : cells) {
    c = cell;
    st->execute(true);
  }
}

std::vector<StoredOutcomeCell> OutcomeRepository::Imported(long long imported_method_id) {
  std::vector<StoredOutcomeCell> cells;
  StoredOutcomeCell c;
  CachedStatement st(db_,
                     "SELECT period, age_band, indicator, value, n FROM "
                     "imported_outcome WHERE imported_method_id = :i ORDER BY id",
                     soci::use(imported_method_id), soci::into(c.period), soci::into(c.age_band),
                     soci::into(c.indicator), soci::into(c.value), soci::into(c.n));
  st->execute();
  while (st->fetch()) cells.push_back(c);
  return cells;
}

}  // namespace kinbridge::detail
