#include "storage/caseload_repository.h"

namespace kinbridge::detail {

namespace {

// New assignments, column by column, as Assign and AssignNew write them.
struct AssignmentRows {
  std::vector<long long> id, child_id, worker_id, assigned_by;
  std::vector<std::string> assigned_at, note;
  std::vector<soci::indicator> by_ind;

  void Add(long long assignment, long long child, long long worker, const std::string& at,
           long long by, const std::string& why) {
    id.push_back(assignment);
    child_id.push_back(child);
    worker_id.push_back(worker);
    assigned_at.push_back(at);
    assigned_by.push_back(by);
    by_ind.push_back(by != 0 ? soci::i_ok : soci::i_null);
    note.push_back(why);
  }

  NewRows Columns(bool with_id) {
    NewRows rows("caseload_assignment");
    if (with_id) rows.Add("id", id);
    return rows.Add("child_id", child_id)
        .Add("worker_id", worker_id)
        .Add("assigned_at", assigned_at)
        .Add("assigned_by", assigned_by, &by_ind)
        .Add("note", note);
  }
};

}  // namespace

long long CaseloadRepository::Assign(long long child_id, long long worker_id, const std::string& at,
                                     long long assigned_by, const std::string& note) {
  RunCached(db_,
            "UPDATE caseload_assignment SET released_at = :at "
            "WHERE child_id = :c AND released_at IS NULL",
            soci::use(at), soci::use(child_id));
  AssignmentRows rows;
  rows.Add(0, child_id, worker_id, at, assigned_by, note);
  return db_.InsertRow(rows.Columns(false));
}

void CaseloadRepository::AssignNew(const std::vector<long long>& child_ids,
                                   const std::vector<long long>& worker_ids, const std::string& at,
                                   long long assigned_by, const std::string& note) {
  const std::vector<long long> ids = db_.ReserveIds("caseload_assignment", child_ids.size());
  AssignmentRows rows;
  for (std::size_t i = 0; i < child_ids.size(); ++i) {
    rows.Add(ids[i], child_ids[i], worker_ids.at(i), at, assigned_by, note);
  }
  db_.InsertRows(rows.Columns(true));
}

ChildScope CaseloadRepository::ScopeOf(long long child_id, const Worker& worker) {
  ChildScope scope;
  int responsible = 0;
  RunCached(db_,
            "SELECT count(*) FROM caseload_assignment WHERE child_id = :c "
            "AND worker_id = :w AND released_at IS NULL",
            soci::use(child_id), soci::use(worker.id), soci::into(responsible));
  scope.responsible = responsible > 0;
  if (!worker.unit.empty()) {
    int in_unit = 0;
    RunCached(db_,
              "SELECT count(*) FROM caseload_assignment a JOIN worker w ON "
              "w.id = a.worker_id WHERE a.child_id = :c AND a.released_at IS NULL "
              "AND w.unit = :u",
              soci::use(child_id), soci::use(worker.unit), soci::into(in_unit));
    scope.in_unit = in_unit > 0;
  }
  return scope;
}

void CaseloadRepository::ForEachOfChild(long long child_id,
                                        const Visitor<CaseloadAssignment>& visit) {
  long long id = 0;
  std::string ref, account, name, assigned_at, released_at, by, note;
  soci::indicator released_ind = soci::i_null, by_ind = soci::i_null;
  CachedStatement st(
      db_,
      "SELECT a.id, c.case_reference, w.os_account, w.name, a.assigned_at, "
      "a.released_at, b.os_account, a.note FROM caseload_assignment a "
      "JOIN child c ON c.id = a.child_id JOIN worker w ON w.id = a.worker_id "
      "LEFT JOIN worker b ON b.id = a.assigned_by WHERE a.child_id = :c ORDER BY a.id",
      soci::use(child_id), soci::into(id), soci::into(ref), soci::into(account), soci::into(name),
      soci::into(assigned_at), soci::into(released_at, released_ind), soci::into(by, by_ind),
      soci::into(note));
  st->execute();
  while (st->fetch()) {
    CaseloadAssignment a;
    a.id = id;
    a.child_case_reference = ref;
    a.worker_account = account;
    a.worker_name = name;
    a.assigned_at = assigned_at;
    if (released_ind == soci::i_ok) a.released_at = released_at;
    a.assigned_by = by_ind == soci::i_ok ? by : std::string();
    a.note = note;
    if (!visit(a)) break;
  }
}

}  // namespace kinbridge::detail
