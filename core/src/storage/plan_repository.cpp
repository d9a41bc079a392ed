#include "storage/plan_repository.h"

#include <nlohmann/json.hpp>

#include "storage/row_values.h"

namespace kinbridge::detail {

std::string FindingsJson(const std::vector<MethodFinding>& findings) {
  nlohmann::json array = nlohmann::json::array();
  for (const auto& f : findings) {
    array.push_back({{"severity", f.severity},
                     {"code", f.code},
                     {"component", f.component},
                     {"subject", f.subject},
                     {"message", f.message}});
  }
  return array.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<MethodFinding> FindingsFrom(const std::string& text) {
  std::vector<MethodFinding> findings;
  const nlohmann::json array = nlohmann::json::parse(text, nullptr, false);
  if (!array.is_array()) return findings;
  for (const auto& f : array) {
    findings.push_back({f.value("severity", ""), f.value("code", ""), f.value("component", ""),
                        f.value("subject", ""), f.value("message", "")});
  }
  return findings;
}

namespace {

PlanStatus StatusFrom(const std::string& text) {
  if (text == "active") return PlanStatus::kActive;
  if (text == "under-review") return PlanStatus::kUnderReview;
  if (text == "ended") return PlanStatus::kEnded;
  return PlanStatus::kDraft;
}

constexpr const char* kSelect =
    "SELECT p.id, p.uuid, c.case_reference, p.child_id, p.status, p.purpose, p.child_view_text, "
    "p.child_view_on, p.child_view_how, p.review_date, w.os_account, p.approved_at, p.method_id, "
    "p.method_version, p.method_chain, p.findings, p.ended_on, p.end_reason, p.version, "
    "p.created_at, p.updated_at FROM contact_plan p JOIN child c ON c.id = p.child_id "
    "LEFT JOIN worker w ON w.id = p.approved_by ";

struct PlanRow {
  long long id = 0, child_id = 0, version = 0;
  std::string uuid, ref, status, purpose, view_text, view_on, view_how, review, approved_by,
      approved_at, method_id, method_version, chain, findings, ended_on, end_reason, created,
      updated;
  soci::indicator view_text_ind = soci::i_null, view_on_ind = soci::i_null,
                  view_how_ind = soci::i_null, review_ind = soci::i_null, by_ind = soci::i_null,
                  at_ind = soci::i_null, ended_ind = soci::i_null;

  void Bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(uuid));
    st.exchange(soci::into(ref));
    st.exchange(soci::into(child_id));
    st.exchange(soci::into(status));
    st.exchange(soci::into(purpose));
    st.exchange(soci::into(view_text, view_text_ind));
    st.exchange(soci::into(view_on, view_on_ind));
    st.exchange(soci::into(view_how, view_how_ind));
    st.exchange(soci::into(review, review_ind));
    st.exchange(soci::into(approved_by, by_ind));
    st.exchange(soci::into(approved_at, at_ind));
    st.exchange(soci::into(method_id));
    st.exchange(soci::into(method_version));
    st.exchange(soci::into(chain));
    st.exchange(soci::into(findings));
    st.exchange(soci::into(ended_on, ended_ind));
    st.exchange(soci::into(end_reason));
    st.exchange(soci::into(version));
    st.exchange(soci::into(created));
    st.exchange(soci::into(updated));
  }

  ContactPlan ToPlan() const {
    ContactPlan p;
    p.id = id;
    p.uuid = uuid;
    p.child_case_reference = ref;
    p.status = StatusFrom(status);
    p.purpose = purpose;
    if (view_text_ind == soci::i_ok) {
      p.child_view = ChildView{view_text, StoredDate(view_on),
                               view_how_ind == soci::i_ok ? view_how : std::string()};
    }
    p.review_date = StoredDate(review, review_ind);
    if (by_ind == soci::i_ok) p.approved_by = approved_by;
    if (at_ind == soci::i_ok) p.approved_at = approved_at;
    p.method_id = method_id;
    p.method_version = method_version;
    p.method_chain = SplitList(chain);
    p.findings = FindingsFrom(findings);
    p.ended_on = StoredDate(ended_on, ended_ind);
    p.end_reason = end_reason;
    p.version = version;
    p.created_at = created;
    p.updated_at = updated;
    return p;
  }
};

}  // namespace

long long PlanRepository::Insert(long long child_id, const ContactPlan& p) {
  const std::string status(PlanStatusName(p.status));
  const std::string chain = JoinList(p.method_chain);
  const std::string findings = FindingsJson(p.findings);
  long long id = 0;
  RunCached(db_,
            "INSERT INTO contact_plan (uuid, child_id, status, purpose, method_id, "
            "method_version, method_chain, findings, version, created_at, updated_at) "
            "VALUES (:uuid, :child, :status, :purpose, :mid, :mv, :chain, :findings, 1, "
            ":created, :updated) RETURNING id",
            soci::use(p.uuid), soci::use(child_id), soci::use(status), soci::use(p.purpose),
            soci::use(p.method_id), soci::use(p.method_version), soci::use(chain),
            soci::use(findings), soci::use(p.created_at), soci::use(p.updated_at), soci::into(id));
  return id;
}

bool PlanRepository::Update(const ContactPlan& p, long long approved_by) {
  const std::string status(PlanStatusName(p.status));
  const std::string findings = FindingsJson(p.findings);
  std::string view_text, view_how;
  soci::indicator view_ind = soci::i_null;
  if (p.child_view) {
    view_text = p.child_view->text;
    view_how = p.child_view->how;
    view_ind = soci::i_ok;
  }
  NullableDate view_on(p.child_view ? std::optional<Date>(p.child_view->recorded_on)
                                    : std::nullopt);
  NullableDate review(p.review_date);
  NullableDate ended(p.ended_on);
  soci::indicator by_ind = approved_by != 0 ? soci::i_ok : soci::i_null;
  soci::indicator at_ind = p.approved_at.empty() ? soci::i_null : soci::i_ok;
  CachedStatement st(
      db_,
      "UPDATE contact_plan SET status = :status, purpose = :purpose, child_view_text = "
      ":vt, child_view_on = :vo, child_view_how = :vh, review_date = :review, "
      "approved_by = COALESCE(:by, approved_by), approved_at = :at, findings = :findings, "
      "ended_on = :ended, "
      "end_reason = :reason, version = version + 1, updated_at = :updated "
      "WHERE id = :id AND version = :version",
      soci::use(status), soci::use(p.purpose), soci::use(view_text, view_ind),
      soci::use(view_on.text, view_on.ind), soci::use(view_how, view_ind),
      soci::use(review.text, review.ind), soci::use(approved_by, by_ind),
      soci::use(p.approved_at, at_ind), soci::use(findings), soci::use(ended.text, ended.ind),
      soci::use(p.end_reason), soci::use(p.updated_at), soci::use(p.id), soci::use(p.version));
  st->execute(true);
  return st->get_affected_rows() == 1;
}

long long PlanRepository::InsertArrangement(long long plan_id, const NewArrangement& a) {
  const std::string first_day = a.first_day.ToString();
  long long id = 0;
  RunCached(db_,
            "INSERT INTO plan_arrangement (plan_id, relation_id, mode, rrule, first_day, "
            "start_time, duration_minutes, supervision, venue, transport, conditions) "
            "VALUES (:p, :r, :mode, :rrule, :first, :time, :minutes, :sup, :venue, "
            ":transport, :conditions) RETURNING id",
            soci::use(plan_id), soci::use(a.relation_id), soci::use(a.mode), soci::use(a.rrule),
            soci::use(first_day), soci::use(a.start_time), soci::use(a.duration_minutes),
            soci::use(a.supervision), soci::use(a.venue), soci::use(a.transport),
            soci::use(a.conditions), soci::into(id));
  return id;
}

void PlanRepository::SetStatus(long long plan_id, PlanStatus status, const std::string& at) {
  const std::string name(PlanStatusName(status));
  RunCached(db_,
            "UPDATE contact_plan SET status = :s, version = version + 1, updated_at = :at "
            "WHERE id = :id",
            soci::use(name), soci::use(at), soci::use(plan_id));
}

void PlanRepository::DeleteArrangement(long long arrangement_id) {
  RunCached(db_, "DELETE FROM plan_arrangement WHERE id = :id", soci::use(arrangement_id));
}

void PlanRepository::LoadArrangements(ContactPlan& plan) {
  PlanArrangement a;
  std::string first_day;
  CachedStatement st(
      db_,
      "SELECT a.id, a.relation_id, r.person_name, r.kind, a.mode, a.rrule, a.first_day, "
      "a.start_time, a.duration_minutes, a.supervision, a.venue, a.transport, "
      "a.conditions FROM plan_arrangement a JOIN relation r ON r.id = a.relation_id "
      "WHERE a.plan_id = :p ORDER BY a.id",
      soci::use(plan.id), soci::into(a.id), soci::into(a.relation_id), soci::into(a.relation_name),
      soci::into(a.relation_kind), soci::into(a.mode), soci::into(a.rrule), soci::into(first_day),
      soci::into(a.start_time), soci::into(a.duration_minutes), soci::into(a.supervision),
      soci::into(a.venue), soci::into(a.transport), soci::into(a.conditions));
  st->execute();
  while (st->fetch()) {
    a.first_day = StoredDate(first_day);
    plan.arrangements.push_back(a);
  }
}

std::optional<ContactPlan> PlanRepository::Find(long long plan_id, long long* child_id) {
  ContactPlan plan;
  {
    PlanRow row;
    CachedStatement st(db_, std::string(kSelect) + "WHERE p.id = :id");
    row.Bind(*st);
    st->exchange(soci::use(plan_id));
    st->define_and_bind();
    st->execute();
    if (!st->fetch()) return std::nullopt;
    plan = row.ToPlan();
    if (child_id != nullptr) *child_id = row.child_id;
  }  // returned before the arrangements are read
  LoadArrangements(plan);
  return plan;
}

std::vector<ContactPlan> PlanRepository::OfChild(long long child_id) {
  std::vector<ContactPlan> plans;
  {
    PlanRow row;
    CachedStatement st(db_, std::string(kSelect) + "WHERE p.child_id = :c ORDER BY p.id");
    row.Bind(*st);
    st->exchange(soci::use(child_id));
    st->define_and_bind();
    st->execute();
    while (st->fetch()) plans.push_back(row.ToPlan());
  }
  for (ContactPlan& plan : plans) LoadArrangements(plan);
  return plans;
}

}  // namespace kinbridge::detail
