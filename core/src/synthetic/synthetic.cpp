// The synthetic-workspace generator: invented cases drawn from a seeded generator whose every
// step is specified here (SplitMix64 and plain modulo; the standard library's distributions
// differ between implementations), so the same seed gives the same rows everywhere.
#include "kinbridge/synthetic.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "common/i18n.h"
#include "kinbridge/workspace.h"

KINBRIDGE_NAMESPACE_BEGIN

namespace {

// SplitMix64 (Steele, Lea, Flood 2014): small, fast, and fully specified.
class Random {
 public:
  explicit Random(std::uint64_t state) : state_(state) {}
  std::uint64_t Next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // 0 .. n-1 (n > 0); the modulo bias is irrelevant for invented data.
  long Below(long n) { return static_cast<long>(Next() % static_cast<std::uint64_t>(n)); }
  bool Percent(int p) { return Below(100) < p; }
  template <typename T, std::size_t N>
  const T& Pick(const std::array<T, N>& items) {
    return items[static_cast<std::size_t>(Below(static_cast<long>(N)))];
  }

 private:
  std::uint64_t state_;
};

// One generator per case, so that a case depends only on the seed and its number.
Random ForCase(std::uint64_t seed, std::int64_t number) {
  Random mix(seed ^ (static_cast<std::uint64_t>(number) * 0xd1b54a32d192ed03ULL));
  return Random(mix.Next());
}

// Invented Swedish-sounding names: common given names with surnames built from place-name parts.
constexpr std::array<const char*, 24> kSvGiven = {
    "Elsa",  "Alva",   "Maja",  "Ella", "Wilma", "Saga", "Ebba", "Agnes",
    "Freja", "Stella", "Nova",  "Iris", "Noah",  "Hugo", "Liam", "William",
    "Lucas", "Oliver", "Elias", "Adam", "Leo",   "Nils", "Ivar", "Vide"};
constexpr std::array<const char*, 16> kSvSurnameStart = {
    "Lind", "Berg", "Ek",   "Sjö", "Al",   "Björk", "Häll", "Ros",
    "Stor", "Väst", "Gran", "Mo",  "Lövå", "Åker",  "Fur",  "Hag"};
constexpr std::array<const char*, 12> kSvSurnameEnd = {
    "vik", "dal", "mark", "ström", "qvist", "lund", "hammar", "bo", "ås", "näs", "sjö", "by"};
constexpr std::array<const char*, 10> kSvSchool = {
    "Vara skola",   "Kvänumskolan",     "Larvs skola",   "Torsgårdsskolan",    "Levene skola",
    "Vedums skola", "Nästegårdsskolan", "Tråvads skola", "Stora Levene skola", "Österängsskolan"};
constexpr std::array<const char*, 5> kSvSecondLanguage = {"ar", "so", "fa", "ti", "pl"};
constexpr std::array<const char*, 6> kSvViews = {
    "Jag vill träffa mamma oftare.",       "Jag vill ringa pappa på helgerna.",
    "Det är bra som det är nu.",           "Jag vill träffa min bror mer.",
    "Jag vill inte träffa pappa just nu.", "Jag vill hälsa på mormor på loven."};

// Invented Chinese names: frequent surnames with given names from common characters.
constexpr std::array<const char*, 20> kZhSurname = {"王", "李", "张", "刘", "陈", "杨", "黄",
                                                    "赵", "吴", "周", "徐", "孙", "胡", "朱",
                                                    "高", "林", "何", "郭", "马", "罗"};
constexpr std::array<const char*, 24> kZhGiven = {"明", "芳", "浩", "丽", "涛", "佳", "磊", "悦",
                                                  "欣", "宇", "婷", "杰", "雪", "晨", "阳", "静",
                                                  "博", "琳", "鑫", "然", "思", "睿", "彤", "航"};
constexpr std::array<const char*, 7> kZhDistrict = {"屯溪", "黄山", "徽州", "歙县",
                                                    "休宁", "黟县", "祁门"};
constexpr std::array<const char*, 5> kZhViews = {"我想每周和妈妈视频。", "我想爸爸过年回家。",
                                                 "我喜欢和爷爷奶奶住。", "我想多和同学一起玩。",
                                                 "我想和爸爸妈妈多打电话。"};

bool Vara(const SyntheticOptions& o) { return o.profile == SyntheticProfile::kVara; }

std::string SvSurname(Random& r) {
  return std::string(r.Pick(kSvSurnameStart)) + r.Pick(kSvSurnameEnd);
}

std::string ZhGiven(Random& r) {
  std::string given = r.Pick(kZhGiven);
  if (r.Percent(70)) given += r.Pick(kZhGiven);
  return given;
}

// An age from 0 to 17, weighted towards school age as caseloads are.
Date BirthDate(Random& r, Date on) {
  const long age = r.Percent(75) ? 6 + r.Below(10) : r.Below(18);
  return on.AddDays(-(age * 365 + r.Below(365)) - 1);
}

NewRelation Person(std::string name, RelationKind kind, std::string description, bool caregiver,
                   bool in_contact) {
  NewRelation r;
  r.person_name = std::move(name);
  r.kind = kind;
  r.description = std::move(description);
  r.caregiver = caregiver;
  r.in_contact = in_contact;
  return r;
}

NewCase VaraCase(Random& r, Date on) {
  NewCase c;
  const std::string surname = SvSurname(r);
  c.child.name = std::string(r.Pick(kSvGiven)) + " " + surname;
  c.child.birth_date = BirthDate(r, on);
  c.child.languages = {"sv"};
  if (r.Percent(15)) c.child.languages.emplace_back(r.Pick(kSvSecondLanguage));
  c.child.school = c.child.birth_date.AgeOn(on) >= 6 ? r.Pick(kSvSchool) : "";
  c.child.protected_identity = r.Percent(1);
  const std::string mother_surname = r.Percent(60) ? surname : SvSurname(r);
  c.relations.push_back(Person(std::string(r.Pick(kSvGiven)) + " " + mother_surname,
                               RelationKind::kMother, "mamma", false, r.Percent(90)));
  c.relations.push_back(Person(std::string(r.Pick(kSvGiven)) + " " + surname, RelationKind::kFather,
                               "pappa", false, r.Percent(70)));
  for (long i = r.Below(3); i > 0; --i) {
    c.relations.push_back(Person(std::string(r.Pick(kSvGiven)) + " " + surname,
                                 RelationKind::kSibling, "syskon", false, true));
  }
  if (r.Percent(50)) {
    c.relations.push_back(Person(std::string(r.Pick(kSvGiven)) + " " + mother_surname,
                                 RelationKind::kGrandparent, "mormor", false, true));
  }
  NewPlacement p;
  const long kind = r.Below(100);
  p.type = kind < 50   ? PlacementType::kFosterFamily
           : kind < 75 ? PlacementType::kKinship
           : kind < 90 ? PlacementType::kResidential
                       : PlacementType::kOwnHomeWithSupport;
  const bool compulsory = p.type != PlacementType::kOwnHomeWithSupport && r.Percent(40);
  p.legal_basis = compulsory ? LegalBasis::kCompulsory : LegalBasis::kVoluntary;
  p.legal_code = compulsory ? (r.Percent(50) ? "LVU 2 §" : "LVU 3 §") : "SoL 4 kap. 1 §";
  p.caregivers = p.type == PlacementType::kResidential
                     ? "HVB " + std::string(r.Pick(kSvSurnameStart)) + "gården"
                 : p.type == PlacementType::kOwnHomeWithSupport ? "mamma"
                                                                : "Familjehem " + SvSurname(r);
  // Placed since birth at the earliest, within the last three years mostly.
  const long since = std::min(on.days() - c.child.birth_date.days() - 1, 30 + r.Below(3 * 365));
  p.start = on.AddDays(-since);
  p.address = fmt::format("{}vägen {}, Vara", r.Pick(kSvSurnameStart), 1 + r.Below(60));
  p.address_protected = r.Percent(3);
  c.placements.push_back(p);
  // LVU 14 §: about one case in twenty restricts the father's contact.
  if (compulsory && r.Percent(12)) {
    NewCaseRestriction s;
    s.relation = 1;
    s.restriction.kind =
        r.Percent(20) ? RestrictionKind::kNoContact : RestrictionKind::kSupervisedOnly;
    s.restriction.decision_reference = fmt::format("SN-{}-{:04}", on.year(), 1 + r.Below(9999));
    s.restriction.reason = "Beslut enligt LVU 14 §";
    s.restriction.valid_from = on.AddDays(-r.Below(60));
    c.restrictions.push_back(s);
  }
  return c;
}

NewCase HuangshanCase(Random& r, Date on) {
  NewCase c;
  const std::string surname = r.Pick(kZhSurname);
  c.child.name = surname + ZhGiven(r);
  c.child.birth_date = BirthDate(r, on);
  c.child.languages = {"zh"};
  const std::string district = r.Pick(kZhDistrict);
  c.child.school = c.child.birth_date.AgeOn(on) >= 6
                       ? fmt::format("黄山市{}区第{}小学", district, 1 + r.Below(9))
                       : "";
  const std::string mother_surname = r.Pick(kZhSurname);
  const bool left_behind = r.Percent(85);
  c.relations.push_back(
      Person(mother_surname + ZhGiven(r), RelationKind::kMother,
             left_behind ? fmt::format("母亲，在{}打工", r.Percent(50) ? "上海" : "杭州") : "母亲",
             !left_behind, true));
  c.relations.push_back(
      Person(surname + ZhGiven(r), RelationKind::kFather,
             left_behind ? fmt::format("父亲，在{}打工", r.Percent(50) ? "广州" : "深圳") : "父亲",
             false, r.Percent(90)));
  c.relations.push_back(
      Person(surname + ZhGiven(r), RelationKind::kGrandparent, "爷爷", left_behind, true));
  if (r.Percent(60)) {
    c.relations.push_back(
        Person(surname + ZhGiven(r), RelationKind::kGrandparent, "奶奶", left_behind, true));
  }
  if (r.Percent(40)) {
    c.relations.push_back(
        Person(surname + ZhGiven(r), RelationKind::kSibling, "兄弟姐妹", false, true));
  }
  NewPlacement p;
  p.type = left_behind     ? PlacementType::kLeftBehindWithRelatives
           : r.Percent(60) ? PlacementType::kKinship
                           : PlacementType::kOwnHomeWithSupport;
  p.legal_basis = LegalBasis::kVoluntary;
  p.caregivers = left_behind ? "祖父母" : "亲属";
  const long since = std::min(on.days() - c.child.birth_date.days() - 1, 30 + r.Below(5 * 365));
  p.start = on.AddDays(-since);
  p.address = fmt::format("黄山市{}区{}村{}号", district, r.Pick(kZhGiven), 1 + r.Below(200));
  c.placements.push_back(p);
  return c;
}

// A plan needs someone the child is in contact with and may see.
bool HasContactToPlan(const NewCase& c) {
  for (std::size_t i = 0; i < c.relations.size(); ++i) {
    if (!c.relations[i].in_contact) continue;
    const bool forbidden =
        std::any_of(c.restrictions.begin(), c.restrictions.end(), [&](const NewCaseRestriction& s) {
          return s.relation == i && s.restriction.kind == RestrictionKind::kNoContact;
        });
    if (!forbidden) return true;
  }
  return false;
}

std::string NowOn(Date day) { return day.ToString() + "T08:00:00Z"; }

Result<Workspace> OpenAs(const Workspace& admin, const std::string& account, Date today) {
  WorkspaceOptions options;
  options.today = today;
  options.now_utc = NowOn(today);
  options.account = account;
  return Workspace::Open(admin.path(), options);
}

// Stops at the first failure, naming what was being made.
Status Named(const Status& status, const std::string& what) {
  return Status(status.code(), fmt::format("{}: {}", what, status.message()));
}

}  // namespace

std::string SyntheticWorkerAccount(std::int64_t index) { return fmt::format("sw{:04}", index); }
std::string SyntheticSupervisorAccount(std::int64_t index) {
  return fmt::format("sup{:03}", index);
}

std::vector<NewCase> GenerateCases(const SyntheticOptions& options, Date registered_on,
                                   std::int64_t first, std::int64_t count) {
  std::vector<NewCase> cases;
  cases.reserve(static_cast<std::size_t>(std::max<std::int64_t>(count, 0)));
  for (std::int64_t n = first; n < first + count; ++n) {
    Random r = ForCase(options.seed, n);
    cases.push_back(Vara(options) ? VaraCase(r, registered_on) : HuangshanCase(r, registered_on));
  }
  return cases;
}

Result<SyntheticSummary> GenerateWorkspace(Workspace& admin, const SyntheticOptions& o) {
  if (admin.mode() == WorkspaceMode::kProduction) {
    return Status::FailedPrecondition(
        TrFormat("{} holds real cases; invented data goes only into a demo or test workspace",
                 admin.path()));
  }
  if (o.children < 0 || o.caseload < 1 || o.workers_per_unit < 1 || o.plans_percent < 0 ||
      o.plans_percent > 100 || o.history_days < 0 || o.children_per_centre < 1 ||
      o.enrolled_per_centre < 1) {
    return Status::InvalidArgument(
        TrFormat("synthetic workspace: children {}, caseload {}, workers per unit {}, plans {}%, "
                 "history {} days, {} children per centre, {} enrolled per centre (expected "
                 "counts of at least 1, 0 children and 0 days allowed, plans 0-100%)",
                 o.children, o.caseload, o.workers_per_unit, o.plans_percent, o.history_days,
                 o.children_per_centre, o.enrolled_per_centre));
  }
  const bool vara = Vara(o);
  const std::string method = vara ? "se.vara.contact" : "cn.huangshan.group";
  if (Result<MethodDescription> m = admin.DescribeMethod(method); !m.ok()) {
    return Named(m.status(), TrFormat("synthetic workspace: the method {} is needed", method));
  }
  const Date today = admin.Today();
  const Date registered_on = today.AddDays(-o.history_days);
  SyntheticSummary summary;

  // Workers: units of social workers, each with a supervisor.
  const std::int64_t workers =
      std::max<std::int64_t>(1, (o.children + o.caseload - 1) / o.caseload);
  const std::int64_t units = (workers + o.workers_per_unit - 1) / o.workers_per_unit;
  for (std::int64_t u = 0; u < units; ++u) {
    Random r = ForCase(o.seed ^ 0x5eed5eedULL, -1 - u);
    NewWorker w;
    w.unit = vara ? fmt::format("Barn och unga {}", u + 1) : fmt::format("儿童关爱{}组", u + 1);
    w.os_account = SyntheticSupervisorAccount(u);
    w.name = vara ? std::string(r.Pick(kSvGiven)) + " " + SvSurname(r)
                  : std::string(r.Pick(kZhSurname)) + ZhGiven(r);
    w.roles = {Role::kSupervisor};
    if (Result<Worker> added = admin.AddWorker(w); !added.ok()) return added.status();
    ++summary.workers;
    for (std::int64_t k = u * o.workers_per_unit;
         k < std::min(workers, (u + 1) * o.workers_per_unit); ++k) {
      w.os_account = SyntheticWorkerAccount(k);
      w.name = vara ? std::string(r.Pick(kSvGiven)) + " " + SvSurname(r)
                    : std::string(r.Pick(kZhSurname)) + ZhGiven(r);
      w.roles = {Role::kSocialWorker};
      if (Result<Worker> added = admin.AddWorker(w); !added.ok()) return added.status();
      ++summary.workers;
    }
  }

  // Cases: each supervisor registers the caseloads of the unit, one transaction per caseload,
  // with plans approved on the day of registration.
  std::vector<std::string> references;
  references.reserve(static_cast<std::size_t>(o.children));
  for (std::int64_t u = 0; u < units && o.children > 0; ++u) {
    Result<Workspace> supervisor = OpenAs(admin, SyntheticSupervisorAccount(u), registered_on);
    if (!supervisor.ok()) return supervisor.status();
    for (std::int64_t k = u * o.workers_per_unit;
         k < std::min(workers, (u + 1) * o.workers_per_unit); ++k) {
      const std::int64_t first = k * o.caseload;
      const std::int64_t count = std::min<std::int64_t>(o.caseload, o.children - first);
      if (count <= 0) break;
      std::vector<NewCase> cases = GenerateCases(o, registered_on, first, count);
      for (std::int64_t i = 0; i < count; ++i) {
        NewCase& c = cases[static_cast<std::size_t>(i)];
        c.child.responsible_account = SyntheticWorkerAccount(k);
        Random r = ForCase(o.seed ^ 0x91a2ULL, first + i);
        if (!r.Percent(o.plans_percent) || !HasContactToPlan(c)) continue;
        NewCasePlan plan;
        plan.method_id = method;
        plan.purpose = vara ? "Behålla barnets band till familjen" : "保持孩子与家人的联系";
        plan.child_view.text = vara ? r.Pick(kSvViews) : r.Pick(kZhViews);
        plan.child_view.recorded_on = registered_on.AddDays(-r.Below(14));
        plan.child_view.how = r.Percent(80) ? "conversation" : "in-writing";
        c.plan = plan;
      }
      Result<CaseRegistration> registered = supervisor->RegisterCases(cases);
      if (!registered.ok()) {
        return Named(registered.status(), TrFormat("synthetic workspace: the caseload of {}",
                                                   SyntheticWorkerAccount(k)));
      }
      summary.children += static_cast<std::int64_t>(registered->case_references.size());
      summary.relations += registered->relations;
      summary.restrictions += registered->restrictions;
      summary.placements += registered->placements;
      summary.plans += registered->plans;
      summary.events_scheduled += registered->events_scheduled;
      references.insert(references.end(), registered->case_references.begin(),
                        registered->case_references.end());
    }
  }

  // What happened at the children's contacts since: outcomes logged by their workers, one
  // batch (one transaction) per caseload. Each child's outcomes come from its own generator, in
  // the time order of its events, so that they do not depend on how the batches are cut.
  const std::int64_t logged = o.logged_children < 0
                                  ? summary.children
                                  : std::min<std::int64_t>(o.logged_children, summary.children);
  for (std::int64_t k = 0; k * o.caseload < logged && o.history_days > 0; ++k) {
    Result<Workspace> worker = OpenAs(admin, SyntheticWorkerAccount(k), today);
    if (!worker.ok()) return worker.status();
    ContactQuery query;
    query.scope = ContactQuery::Scope::kMine;
    query.to = today.AddDays(-1);
    query.open_only = true;
    std::map<std::string, std::vector<std::int64_t>> events;  // by case reference
    Status listed = worker->ForEachContactEvent(query, [&](const ContactEvent& e) {
      events[e.child_case_reference].push_back(e.id);
      return true;
    });
    if (!listed.ok()) return listed;
    std::vector<ContactLog> logs;
    for (std::int64_t n = k * o.caseload; n < std::min(logged, (k + 1) * o.caseload); ++n) {
      Random r = ForCase(o.seed ^ 0x10660ULL, n);
      for (std::int64_t id : events[references[static_cast<std::size_t>(n)]]) {
        ContactLog log;
        log.event_id = id;
        const long roll = r.Below(100);
        log.report.outcome = roll < 75   ? ContactOutcome::kHeld
                             : roll < 82 ? ContactOutcome::kHeldLate
                             : roll < 90 ? ContactOutcome::kCancelledByParent
                             : roll < 95 ? ContactOutcome::kCancelledByCarer
                                         : ContactOutcome::kNoShow;
        log.report.replacement_offered = !ContactTookPlace(log.report.outcome);
        logs.push_back(std::move(log));
      }
    }
    Result<ContactLogResult> done = worker->LogContacts(logs);
    if (!done.ok()) {
      return Named(done.status(),
                   TrFormat("synthetic workspace: the outcomes of the caseload of {}",
                            SyntheticWorkerAccount(k)));
    }
    summary.events_logged += done->logged;
  }

  // Support centres: one per children_per_centre children, each with a member of staff, a
  // weekly activity since the day of registration and its attendance up to yesterday.
  const std::int64_t centres =
      summary.children == 0 ? 0
                            : std::max<std::int64_t>(1, summary.children / o.children_per_centre);
  for (std::int64_t s = 0; s < centres; ++s) {
    const std::string code = fmt::format("centre-{:03}", s + 1);
    const std::string staff = fmt::format("staff{:03}", s + 1);
    Random r = ForCase(o.seed ^ 0xce47eULL, s);
    NewWorker w;
    w.os_account = staff;
    w.name = vara ? std::string(r.Pick(kSvGiven)) + " " + SvSurname(r)
                  : std::string(r.Pick(kZhSurname)) + ZhGiven(r);
    w.unit = vara ? "Familjecentralen" : "留守儿童关爱中心";
    w.roles = {Role::kCentreStaff};
    if (Result<Worker> added = admin.AddWorker(w); !added.ok()) return added.status();
    ++summary.workers;
    NewSite site;
    site.kind = SiteKind::kCentre;
    site.code = code;
    site.name = vara ? fmt::format("Familjecentralen {}", s + 1)
                     : fmt::format("{}区留守儿童关爱中心{}", r.Pick(kZhDistrict), s + 1);
    site.capacity = o.enrolled_per_centre;
    site.opening_hours = vara ? "Mån-fre 14:00-19:00" : "周一至周五 14:00–20:00";
    if (Result<Site> added = admin.AddSite(site); !added.ok()) return added.status();
    if (Result<StaffAssignment> a = admin.AddStaff(code, staff, registered_on.AddDays(-30));
        !a.ok()) {
      return a.status();
    }
    ++summary.sites;
    Result<Workspace> then = OpenAs(admin, staff, registered_on);
    if (!then.ok()) return then.status();
    NewActivity activity;
    activity.site_code = code;
    activity.name = vara ? "Läxhjälp" : "课后作业辅导";
    activity.kind = ActivityKind::kHomeworkHelp;
    activity.schedule.rrule = "FREQ=WEEKLY;BYDAY=WE";
    activity.schedule.first_day = registered_on;
    activity.schedule.start_time = "15:30";
    activity.schedule.duration_minutes = 90;
    activity.capacity = o.enrolled_per_centre;
    activity.leader_account = staff;
    Result<Activity> added = then->AddActivity(activity);
    if (!added.ok()) return added.status();
    ++summary.activities;
    const std::int64_t from = s * o.children_per_centre;
    std::vector<std::string> enrolled;
    for (std::int64_t n = from;
         n < std::min<std::int64_t>(summary.children, from + o.enrolled_per_centre); ++n) {
      EnrolOptions enrol;
      enrol.on = registered_on;
      enrol.waiting_list = false;
      const std::string& child = references[static_cast<std::size_t>(n)];
      if (Result<Enrolment> e = then->Enrol(added->id, child, enrol); !e.ok()) return e.status();
      enrolled.push_back(child);
      ++summary.enrolments;
    }
    Result<Workspace> now = OpenAs(admin, staff, today);
    if (!now.ok()) return now.status();
    SessionQuery query;
    query.activity_id = added->id;
    query.to = today.AddDays(-1);
    std::vector<std::int64_t> sessions;
    Status listed = now->ForEachSession(query, [&](const Session& session) {
      sessions.push_back(session.id);
      return true;
    });
    if (!listed.ok()) return listed;
    for (std::int64_t id : sessions) {
      AttendanceSheet sheet;
      sheet.everyone_else = AttendanceMark::kPresent;
      for (const std::string& child : enrolled) {
        if (r.Percent(12)) sheet.entries.push_back({child, AttendanceMark::kAbsent, ""});
      }
      if (Result<AttendanceResult> a = now->RecordAttendance(id, sheet); !a.ok()) {
        return a.status();
      }
      ++summary.sessions_recorded;
      summary.attendance_marks += static_cast<std::int64_t>(enrolled.size());
    }
  }
  return summary;
}

KINBRIDGE_NAMESPACE_END
