// kinbridge demo: a small, invented Vara workspace and what a social worker looks at first; a
// Huangshan workspace beside it, and the method travelling between the two.
// The people and numbers are invented; the national ids are valid by their checksums only.
#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <tuple>
#include <vector>

#include "commands/commands.h"
#include "tr.h"
#include "views.h"

namespace kinbridge::cli {

// The built-in method plugins, as shipped with kinbridge.
Status InstallBuiltInMethods(Workspace& admin, std::vector<std::string>& installed) {
  namespace fs = std::filesystem;
  for (const std::string& dir : admin.PluginDirectories()) {
    for (const char* name : {"vara_contact.so", "huangshan_group.so"}) {
      const fs::path file = fs::path(dir) / name;
      std::error_code ec;
      if (!fs::exists(file, ec)) continue;
      if (std::find(installed.begin(), installed.end(), name) != installed.end()) continue;
      Result<PluginStatus> p = admin.InstallMethodPlugin(file.string());
      if (!p.ok()) return p.status();
      installed.emplace_back(name);
    }
  }
  if (installed.size() < 2) {
    return Status::NotFound(
        TrFormat("the built-in method plugins were not found in {} (build them, or set "
                 "KINBRIDGE_PLUGIN_PATH)",
                 admin.PluginDirectories().back()));
  }
  return Status::Ok();
}

namespace {

struct DemoOptions {
  bool quiet = false;
};

// Stops the demo at the first failure; a demo that half-works is worse than one that stops.
class DemoBuilder {
 public:
  explicit DemoBuilder(Workspace& ws) : ws_(ws) {}
  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }

  std::string Child(NewChild in) {
    if (!ok()) return {};
    Result<kinbridge::Child> c = ws_.AddChild(in);
    if (!c.ok()) return Fail(c.status()), std::string();
    return c->case_reference;
  }
  std::int64_t Relation(const std::string& child, NewRelation in) {
    if (!ok()) return 0;
    Result<kinbridge::Relation> r = ws_.AddRelation(child, in);
    if (!r.ok()) return Fail(r.status()), 0;
    return r->id;
  }
  void Restriction(std::int64_t relation, NewRestriction in) {
    if (!ok()) return;
    Result<kinbridge::Restriction> s = ws_.AddRestriction(relation, in);
    if (!s.ok()) Fail(s.status());
  }
  std::int64_t Placement(const std::string& child, NewPlacement in) {
    if (!ok()) return 0;
    Result<kinbridge::Placement> p = ws_.AddPlacement(child, in);
    if (!p.ok()) return Fail(p.status()), 0;
    return p->id;
  }
  void EndPlacement(std::int64_t id, Date end, const char* reason) {
    if (!ok()) return;
    Result<kinbridge::Placement> p = ws_.EndPlacement(id, end, reason);
    if (!p.ok()) Fail(p.status());
  }

 private:
  void Fail(const Status& status) { status_ = status; }
  Workspace& ws_;
  Status status_;
};

NewRelation Person(const char* name, RelationKind kind, const char* description,
                   std::optional<Date> birth = std::nullopt, bool caregiver = false) {
  NewRelation r;
  r.person_name = name;
  r.kind = kind;
  r.description = description;
  r.birth_date = birth;
  r.caregiver = caregiver;
  return r;
}

NewChild AChild(const char* name, Date birth, const char* national_id, const char* school) {
  NewChild c;
  c.name = name;
  c.birth_date = birth;
  if (national_id != nullptr) c.national_id = national_id;
  c.languages = {"sv"};
  c.school = school;
  return c;
}

// Opens the demo workspace acting as `account` (demo workspaces accept any of their workers).
Result<Workspace> As(const std::string& path, WorkspaceOptions options, const char* account) {
  options.account = account;
  return Workspace::Open(path, options);
}

// The unit's workers: two social workers, their supervisor, and centre staff.
Status AddWorkers(Workspace& admin) {
  struct Person {
    const char* account;
    const char* name;
    Role role;
  };
  for (const Person& p : {Person{"anna", "Anna Karlsson", Role::kSocialWorker},
                          Person{"erik", "Erik Svensson", Role::kSocialWorker},
                          Person{"karin", "Karin Holm", Role::kSupervisor},
                          Person{"lisa", "Lisa Ek", Role::kCentreStaff}}) {
    NewWorker w;
    w.os_account = p.account;
    w.name = p.name;
    w.unit = p.role == Role::kCentreStaff ? "Familjecentralen" : "Barn och unga";
    w.roles = {p.role};
    Result<Worker> added = admin.AddWorker(w);
    if (!added.ok()) return added.status();
  }
  return Status::Ok();
}

// Scenario 1: Elin in foster care, her network, and the supervised-contact decision on Sara.
// Scenario 2: Noah, whose placement address is kept secret from his father.
// Both are in Anna's caseload.
Status BuildAnnasCaseload(Workspace& ws, std::string& elin, std::string& noah) {
  DemoBuilder b(ws);
  elin = b.Child(AChild("Elin Andersson", Date(2017, 3, 14), "20170314-2388", "Vara skola"));
  NewPlacement foster;
  foster.type = PlacementType::kFosterFamily;
  foster.legal_basis = LegalBasis::kCompulsory;
  foster.legal_code = "LVU 2 §";
  foster.caregivers = "Familjehemmet Berg";
  foster.start = Date(2025, 5, 12);
  foster.address = "Prästgårdsvägen 4, Vara";
  b.Placement(elin, foster);
  const std::int64_t sara =
      b.Relation(elin, Person("Sara Andersson", RelationKind::kMother, "mamma"));
  b.Relation(elin, Person("Johan Nilsson", RelationKind::kFather, "pappa"));
  b.Relation(elin, Person("Oskar Andersson", RelationKind::kSibling, "bror, i ett annat familjehem",
                          Date(2014, 6, 2)));
  b.Relation(elin, Person("Birgitta Andersson", RelationKind::kGrandparent, "mormor"));
  NewRestriction supervised;
  supervised.kind = RestrictionKind::kSupervisedOnly;
  supervised.decision_reference = "SN 2026/0412";
  supervised.reason = "Umgänge endast i närvaro av kontaktperson (LVU 14 §)";
  supervised.valid_from = Date(2026, 9, 1);
  supervised.review_date = Date(2026, 12, 1);
  b.Restriction(sara, supervised);

  noah = b.Child(AChild("Noah Lindqvist", Date(2019, 6, 22), "20190622-4579", "Vara förskola"));
  NewPlacement first;
  first.type = PlacementType::kFosterFamily;
  first.legal_basis = LegalBasis::kVoluntary;
  first.legal_code = "SoL 6 kap. 1 §";
  first.caregivers = "Familjehemmet Ek";
  first.start = Date(2024, 2, 1);
  const std::int64_t first_id = b.Placement(noah, first);
  b.EndPlacement(first_id, Date(2025, 8, 15), "Flyttade till farföräldrarna");
  NewPlacement kinship;
  kinship.type = PlacementType::kKinship;
  kinship.legal_basis = LegalBasis::kCompulsory;
  kinship.legal_code = "LVU 2 §";
  kinship.caregivers = "Farföräldrarna Gun och Lars Lindqvist";
  kinship.start = Date(2025, 8, 15);
  kinship.address = "Skogsstigen 9, Kvänum";
  kinship.address_protected = true;
  b.Placement(noah, kinship);
  const std::int64_t father =
      b.Relation(noah, Person("Mikael Lindqvist", RelationKind::kFather, "pappa"));
  b.Relation(noah,
             Person("Gun Lindqvist", RelationKind::kGrandparent, "farmor", std::nullopt, true));
  NewRestriction secret;
  secret.kind = RestrictionKind::kSecretAddress;
  secret.decision_reference = "SN 2026/0977";
  secret.reason = "Vistelseorten hålls hemlig för pappan (LVU 14 § andra stycket)";
  secret.valid_from = Date(2026, 10, 1);
  secret.review_date = Date(2026, 12, 31);
  b.Restriction(father, secret);
  return b.status();
}

// Maja is in Erik's caseload.
Status BuildEriksCaseload(Workspace& ws, std::string& maja) {
  DemoBuilder b(ws);
  maja = b.Child(AChild("Maja Berg", Date(2014, 2, 8), "20140208-5193", "Nästegårdsskolan"));
  NewPlacement residential;
  residential.type = PlacementType::kResidential;
  residential.legal_basis = LegalBasis::kVoluntary;
  residential.legal_code = "SoL 6 kap. 1 §";
  residential.caregivers = "HVB Solrosen";
  residential.start = Date(2026, 1, 20);
  b.Placement(maja, residential);
  b.Relation(maja, Person("Lena Berg", RelationKind::kMother, "mamma"));
  return b.status();
}

// Scenario 3: Huangshan's support centre. Li Ming, 10, lives with his grandparents; his parents
// work in Shanghai and Guangzhou.
Status BuildHuangshan(const std::string& path, const WorkspaceOptions& wo, std::string& li_ming) {
  CreateOptions create;
  create.municipality = {0, "", "HSN", "黄山市", "CN", "zh_CN", "Asia/Shanghai"};
  create.mode = WorkspaceMode::kDemo;
  create.administrator_name = "黄山市管理员";
  {
    Result<Workspace> admin = Workspace::Create(path, create, wo);
    if (!admin.ok()) return admin.status();
    NewWorker zhao;
    zhao.os_account = "zhao";
    zhao.name = "赵磊";
    zhao.unit = "留守儿童关爱中心";
    zhao.roles = {Role::kSocialWorker};
    Result<Worker> added = admin->AddWorker(zhao);
    if (!added.ok()) return added.status();
    std::vector<std::string> installed;
    if (Status s = InstallBuiltInMethods(*admin, installed); !s.ok()) return s;
  }
  Result<Workspace> ws = As(path, wo, "zhao");
  if (!ws.ok()) return ws.status();
  DemoBuilder b(*ws);
  NewChild child = AChild("李明", Date(2016, 3, 15), "341003201603150016", "黄山市屯溪区小学");
  child.languages = {"zh"};
  li_ming = b.Child(child);
  NewPlacement home;
  home.type = PlacementType::kLeftBehindWithRelatives;
  home.legal_basis = LegalBasis::kVoluntary;
  home.caregivers = "祖父母 李建国、王秀英";
  home.start = Date(2022, 2, 1);
  b.Placement(li_ming, home);
  b.Relation(li_ming, Person("李华", RelationKind::kMother, "母亲，在上海打工"));
  b.Relation(li_ming, Person("李强", RelationKind::kFather, "父亲，在广州打工"));
  b.Relation(li_ming,
             Person("王秀英", RelationKind::kGrandparent, "祖母，日常照护", std::nullopt, true));
  b.Relation(li_ming,
             Person("李建国", RelationKind::kGrandparent, "祖父，日常照护", std::nullopt, true));
  return b.status();
}

// Scenario 1 continued, and scenario 3's plan: a plan drawn up with the method three weeks ago
// (the child's view first), approved and so scheduled. Returns the plan's id.
Result<std::int64_t> ApproveWeeksAgo(const std::string& path, const WorkspaceOptions& wo,
                                     const char* account, const std::string& child,
                                     const char* method, const char* purpose,
                                     const ChildView& view) {
  WorkspaceOptions earlier = wo;
  Result<Workspace> then = As(path, earlier, account);
  if (!then.ok()) return then.status();
  const Date real_today = then->Today();
  earlier.today = real_today.AddDays(-21);
  then = As(path, earlier, account);
  if (!then.ok()) return then.status();
  Result<ContactPlan> plan = then->ProposePlan(child, method, purpose);
  if (!plan.ok()) return plan.status();
  ChildView dated = view;
  dated.recorded_on = real_today.AddDays(-22);
  if (Result<ContactPlan> viewed = then->RecordChildView(plan->id, dated); !viewed.ok()) {
    return viewed.status();
  }
  if (Result<ContactPlan> approved = then->ApprovePlan(plan->id); !approved.ok()) {
    return approved.status();
  }
  return plan->id;
}

// The contacts since approval logged by the worker (those a family-call session has not logged
// already) and the plan reviewed today: every contact held but the first video call, which the
// parent missed; the last one before today is left for the worker to log (it shows as overdue).
Status LogAndReview(const std::string& path, const WorkspaceOptions& wo, const char* account,
                    const std::string& child, std::int64_t plan_id) {
  Result<Workspace> now = As(path, wo, account);
  if (!now.ok()) return now.status();
  ContactQuery past;
  past.child = child;
  past.to = now->Today().AddDays(-1);
  past.open_only = true;
  std::vector<ContactEvent> events;
  Status listed = now->ForEachContactEvent(past, [&](const ContactEvent& e) {
    events.push_back(e);
    return true;
  });
  if (!listed.ok()) return listed;
  bool first_call = true;
  for (std::size_t i = 0; i + 1 < events.size(); ++i) {
    ContactReport report;
    const bool missed = events[i].mode == "video" && first_call;
    if (events[i].mode == "video") first_call = false;
    report.outcome = missed ? ContactOutcome::kNoShow : ContactOutcome::kHeld;
    report.replacement_offered = missed;
    report.attended = missed ? "" : events[i].relation_name;
    report.child_reaction = missed ? "" : "glad";
    if (Result<ContactEvent> logged = now->LogContact(events[i].id, report); !logged.ok()) {
      return logged.status();
    }
  }
  Result<PlanReview> review = now->ReviewPlan(plan_id);
  return review.ok() ? Status::Ok() : review.status();
}

// What the Huangshan centre story leaves for the demo to show.
struct CentreStory {
  std::int64_t groups_activity = 0, family_calls = 0;
  // The plans of the other children at the family calls: (case reference, plan id).
  std::vector<std::pair<std::string, std::int64_t>> family_plans;
  std::string refused_leader;  // why the untrained teacher may not lead the groups
  std::vector<std::int64_t> contact_events_logged;
};

// Who is absent from a group session: Li Ming (`drifting`) misses more and more in the last
// eight weeks; the others now and then, never twice in nine sessions.
bool AbsentFromGroup(std::size_t child, bool drifting, std::size_t k, std::size_t n) {
  if (drifting) {
    if (k + 4 >= n) return k + 3 != n;        // three of the last four
    if (k + 8 >= n) return (n - k) % 2 == 0;  // two of the four before
    return false;
  }
  return (child * 4 + k) % 9 == 0;
}

// Scenario 3: the support centre and the school. Administrators set up the sites, staff and
// training; Wang Fang (centre staff) created the Thursday group sessions at the school three months
// ago, with groups formed by the method, and the Sunday family-call sessions at the centre when
// Li Ming's plan was approved; attendance was taken at every session since.
Status BuildHuangshanCentre(const std::string& path, const WorkspaceOptions& wo,
                            const std::string& li_ming, CentreStory& story) {
  const std::string centre = "guanai", school = "tunxi-school";
  Date today;
  {
    Result<Workspace> admin = Workspace::Open(path, wo);
    if (!admin.ok()) return admin.status();
    today = admin->Today();
    for (const auto& [account, name, role] :
         std::vector<std::tuple<const char*, const char*, Role>>{
             {"wang", "王芳", Role::kCentreStaff},
             {"zhang", "张伟", Role::kTeacher},
             {"chen", "陈静", Role::kTeacher}}) {
      NewWorker w;
      w.os_account = account;
      w.name = name;
      w.unit = role == Role::kCentreStaff ? "留守儿童关爱中心" : "屯溪区小学";
      w.roles = {role};
      if (Result<Worker> added = admin->AddWorker(w); !added.ok()) return added.status();
    }
    NewSite site;
    site.kind = SiteKind::kCentre;
    site.code = centre;
    site.name = "屯溪区留守儿童关爱中心";
    site.address = "黄山市屯溪区新安北路";
    site.capacity = 40;
    site.opening_hours = "周一至周五 14:00–20:00，周日 09:00–21:00";
    if (Result<Site> added = admin->AddSite(site); !added.ok()) return added.status();
    site.kind = SiteKind::kSchool;
    site.code = school;
    site.name = "黄山市屯溪区小学";
    site.address = "黄山市屯溪区延安路";
    site.capacity = 900;
    site.opening_hours = "周一至周五 07:30–17:00";
    if (Result<Site> added = admin->AddSite(site); !added.ok()) return added.status();
    for (const auto& [where, account] : std::vector<std::pair<std::string, const char*>>{
             {centre, "wang"}, {school, "wang"}, {school, "zhang"}, {school, "chen"}}) {
      Result<StaffAssignment> staff = admin->AddStaff(where, account, today.AddDays(-365));
      if (!staff.ok()) return staff.status();
    }
    // Zhang Wei trained by a trainer from Vara; Wang Fang later by Zhang Wei.
    NewTraining training;
    training.worker_account = "zhang";
    training.method_id = "cn.huangshan.group";
    training.trained_on = today.AddDays(-259);
    training.trained_by = "Vara kommun, metodutvecklare";
    training.hours = 24;
    if (Result<TrainingRecord> t = admin->RecordTraining(training); !t.ok()) return t.status();
    training.worker_account = "wang";
    training.trained_on = today.AddDays(-120);
    training.trained_by = "张伟";
    training.hours = 16;
    if (Result<TrainingRecord> t = admin->RecordTraining(training); !t.ok()) return t.status();
  }
  // More left-behind children at the school, registered by Zhao Lei; Li Fang is Li Ming's sister,
  // living with the same grandparents.
  std::vector<std::string> children{li_ming};
  {
    Result<Workspace> zhao = As(path, wo, "zhao");
    if (!zhao.ok()) return zhao.status();
    DemoBuilder b(*zhao);
    const std::vector<std::pair<const char*, Date>> others{
        {"李芳", Date(2014, 6, 2)},    {"王小红", Date(2017, 1, 9)}, {"陈浩", Date(2016, 9, 30)},
        {"刘洋洋", Date(2015, 11, 3)}, {"黄丽", Date(2013, 4, 21)},  {"周涛", Date(2014, 8, 14)},
        {"吴佳", Date(2016, 2, 27)},   {"徐磊", Date(2013, 12, 1)},  {"孙悦", Date(2015, 5, 18)}};
    for (const auto& [name, birth] : others) {
      NewChild child = AChild(name, birth, nullptr, "黄山市屯溪区小学");
      child.languages = {"zh"};
      children.push_back(b.Child(child));
    }
    // Her record names him (one link is enough to keep them together in a group; his contact plan
    // already exists and is left as it is).
    NewRelation brother = Person("李明", RelationKind::kSibling, "弟弟，同校");
    brother.registered_child = li_ming;
    b.Relation(children[1], brother);
    // Their parents, working away; Li Fang's are Li Ming's.
    const std::vector<std::pair<const char*, const char*>> parents{
        {"李华", "李强"}, {"张梅", "王军"}, {"刘燕", "陈刚"}, {"赵丽", "刘波"}};
    for (std::size_t i = 0; i < parents.size(); ++i) {
      b.Relation(children[i + 1],
                 Person(parents[i].first, RelationKind::kMother, "母亲，外出务工"));
      b.Relation(children[i + 1],
                 Person(parents[i].second, RelationKind::kFather, "父亲，外出务工"));
    }
    if (!b.ok()) return b.status();
  }
  // Three weeks ago, with Li Ming's: the plans of the four other children who come to the
  // family calls (the calls log their contacts as held).
  for (std::size_t i = 1; i <= 4; ++i) {
    Result<std::int64_t> plan = ApproveWeeksAgo(path, wo, "zhao", children[i], "cn.huangshan.group",
                                                "保持与在外务工的父母的联系",
                                                {"我想和爸爸妈妈多说话。", Date(), "conversation"});
    if (!plan.ok()) return plan.status();
    story.family_plans.emplace_back(children[i], *plan);
  }
  // Three months ago: the Thursday group sessions, groups formed by the method.
  {
    WorkspaceOptions then = wo;
    then.today = today.AddDays(-88);
    Result<Workspace> wang = As(path, then, "wang");
    if (!wang.ok()) return wang.status();
    NewActivity groups;
    groups.site_code = school;
    groups.name = "周四小组活动";
    groups.kind = ActivityKind::kGroupSession;
    groups.method_id = "cn.huangshan.group";
    groups.schedule.rrule = "FREQ=WEEKLY;BYDAY=TH";
    groups.schedule.first_day = *then.today;
    groups.schedule.start_time = "15:30";
    groups.schedule.duration_minutes = 90;
    groups.capacity = 16;
    groups.leader_account = "chen";
    Result<Activity> refused = wang->AddActivity(groups);
    if (refused.ok()) return Status::Internal("the untrained teacher was accepted as a leader");
    story.refused_leader = refused.status().message();
    groups.leader_account.clear();
    Result<Activity> activity = wang->AddActivity(groups);
    if (!activity.ok()) return activity.status();
    story.groups_activity = activity->id;
    for (const std::string& child : children) {
      EnrolOptions enrol;
      enrol.on = *then.today;
      if (Result<Enrolment> e = wang->Enrol(activity->id, child, enrol); !e.ok()) return e.status();
    }
    Result<GroupProposal> proposal = wang->ProposeGroups(activity->id);
    if (!proposal.ok()) return proposal.status();
    // Staff accept the proposal, naming a trained leader for each group.
    for (ProposedGroup& g : proposal->groups) {
      const bool with_li_ming =
          std::find(g.members.begin(), g.members.end(), li_ming) != g.members.end();
      g.leader_account = with_li_ming ? "zhang" : "wang";
    }
    if (Result<std::vector<Group>> accepted = wang->AcceptGroups(*proposal); !accepted.ok()) {
      return accepted.status();
    }
  }
  // Three weeks ago, with Li Ming's plan: the Sunday family calls at the centre.
  {
    WorkspaceOptions then = wo;
    then.today = today.AddDays(-21);
    Result<Workspace> wang = As(path, then, "wang");
    if (!wang.ok()) return wang.status();
    NewActivity calls;
    calls.site_code = centre;
    calls.name = "周日亲情视频通话";
    calls.kind = ActivityKind::kFamilyCall;
    calls.method_id = "cn.huangshan.group";
    calls.schedule.rrule = "FREQ=WEEKLY;BYDAY=SU";
    calls.schedule.first_day = *then.today;
    calls.schedule.start_time = "19:00";
    calls.schedule.duration_minutes = 60;
    calls.capacity = 20;
    calls.leader_account = "wang";
    Result<Activity> activity = wang->AddActivity(calls);
    if (!activity.ok()) return activity.status();
    story.family_calls = activity->id;
    for (std::size_t i = 0; i < 5; ++i) {
      EnrolOptions enrol;
      enrol.on = *then.today;
      Result<Enrolment> e = wang->Enrol(activity->id, children[i], enrol);
      if (!e.ok()) return e.status();
    }
  }
  // Today: the sessions up to yesterday, with their attendance; the National Day holiday's
  // session was cancelled.
  Result<Workspace> wang = As(path, wo, "wang");
  if (!wang.ok()) return wang.status();
  if (Result<SessionScheduleResult> s = wang->ScheduleSessions(); !s.ok()) return s.status();
  for (std::int64_t activity : {story.groups_activity, story.family_calls}) {
    SessionQuery query;
    query.activity_id = activity;
    query.to = today.AddDays(-1);
    std::vector<Session> sessions;
    Status listed = wang->ForEachSession(query, [&](const Session& s) {
      sessions.push_back(s);
      return true;
    });
    if (!listed.ok()) return listed;
    std::map<std::int64_t, std::size_t> count, index;
    for (const Session& s : sessions) ++count[s.group_id];
    for (const Session& s : sessions) {
      const std::size_t k = index[s.group_id]++;
      if (activity == story.groups_activity && today.AddDays(-62) <= s.local_day &&
          s.local_day <= today.AddDays(-56)) {
        Result<Session> cancelled = wang->CancelSession(s.id, "国庆节放假");
        if (!cancelled.ok()) return cancelled.status();
        continue;
      }
      AttendanceSheet sheet;
      sheet.everyone_else = AttendanceMark::kPresent;
      std::vector<std::string> expected;
      if (s.group_id != 0) {
        Status members = wang->ForEachGroupMember(s.group_id, true, [&](const GroupMember& m) {
          expected.push_back(m.child_case_reference);
          return true;
        });
        if (!members.ok()) return members;
      }
      for (const std::string& child : expected) {
        const std::size_t i = static_cast<std::size_t>(
            std::find(children.begin(), children.end(), child) - children.begin());
        if (AbsentFromGroup(i, child == li_ming, k, count[s.group_id])) {
          sheet.entries.push_back({child, AttendanceMark::kAbsent, ""});
        }
      }
      Result<AttendanceResult> taken = wang->RecordAttendance(s.id, sheet);
      if (!taken.ok()) return taken.status();
      story.contact_events_logged.insert(story.contact_events_logged.end(),
                                         taken->contact_events_logged.begin(),
                                         taken->contact_events_logged.end());
    }
  }
  return Status::Ok();
}

// Sofia Lund's caseload in Vara's foster-care unit: eleven more children in foster families,
// each with a plan made with Vara's method three weeks ago and the contacts since logged, so
// that the method's outcomes have cells of five children or more, and one band (0-6) too small
// to show.
Status BuildSofiasCaseload(const std::string& path, const WorkspaceOptions& wo) {
  {
    Result<Workspace> admin = Workspace::Open(path, wo);
    if (!admin.ok()) return admin.status();
    NewWorker sofia;
    sofia.os_account = "sofia";
    sofia.name = "Sofia Lund";
    sofia.unit = "Familjehemsenheten";
    sofia.roles = {Role::kSocialWorker};
    if (Result<Worker> added = admin->AddWorker(sofia); !added.ok()) return added.status();
  }
  struct Case {
    const char* name;
    Date birth;
    const char* mother;
    const char* father;
  };
  const std::vector<Case> cases{
      {"Alva Nyström", Date(2015, 4, 11), "Linda Nyström", "Per Nyström"},
      {"Hugo Sjöberg", Date(2013, 9, 2), "Maria Sjöberg", "Anders Sjöberg"},
      {"Wilma Ek", Date(2016, 12, 24), "Jenny Ek", "Tobias Ek"},
      {"Liam Holmgren", Date(2018, 2, 14), "Sanna Holmgren", "Fredrik Holmgren"},
      {"Ebba Lundqvist", Date(2014, 7, 7), "Emma Lundqvist", "Johan Lundqvist"},
      {"Nils Berglund", Date(2011, 3, 3), "Karin Berglund", "Magnus Berglund"},
      {"Saga Wikström", Date(2010, 10, 10), "Helena Wikström", "Stefan Wikström"},
      {"Elias Forsberg", Date(2012, 5, 20), "Sofie Forsberg", "Daniel Forsberg"},
      {"Alice Sandberg", Date(2009, 12, 31), "Malin Sandberg", "Jonas Sandberg"},
      {"Oliver Dahl", Date(2011, 8, 8), "Camilla Dahl", "Marcus Dahl"},
      {"Tyra Lindgren", Date(2021, 6, 6), "Elin Lindgren", "Robert Lindgren"}};
  std::vector<std::string> refs;
  {
    Result<Workspace> sofia = As(path, wo, "sofia");
    if (!sofia.ok()) return sofia.status();
    DemoBuilder b(*sofia);
    for (const Case& c : cases) {
      const std::string ref = b.Child(AChild(c.name, c.birth, nullptr, "Vara"));
      NewPlacement foster;
      foster.type = PlacementType::kFosterFamily;
      foster.legal_basis = LegalBasis::kVoluntary;
      foster.legal_code = "SoL 6 kap. 1 §";
      foster.caregivers = "Familjehem i Vara";
      foster.start = Date(2025, 9, 1);
      b.Placement(ref, foster);
      b.Relation(ref, Person(c.mother, RelationKind::kMother, "mamma"));
      b.Relation(ref, Person(c.father, RelationKind::kFather, "pappa"));
      refs.push_back(ref);
    }
    if (!b.ok()) return b.status();
  }
  for (const std::string& ref : refs) {
    Result<std::int64_t> plan = ApproveWeeksAgo(
        path, wo, "sofia", ref, "se.vara.contact", "Keep the child's bonds with the parents",
        {"Jag vill träffa mamma och pappa.", Date(), "conversation"});
    if (!plan.ok()) return plan.status();
    if (Status s = LogAndReview(path, wo, "sofia", ref, *plan); !s.ok()) return s;
  }
  return Status::Ok();
}

// Scenario 5: the method travels both ways. What the demo did, for it to show.
struct TransferStory {
  std::string to_huangshan, to_vara;    // the package files
  std::string vara_key, huangshan_key;  // public keys
  TransferPackage sent;                 // as Huangshan inspected it
  ImportedMethod in_huangshan, in_vara;
  std::vector<std::string> huangshan_lineage;  // of cn.huangshan.group, from the original
};

// A key file beside the workspace: a new key pair, or the one an earlier demo left (a key file is
// never overwritten). Returns the public key, or "" when it is known only after signing.
Result<std::string> DemoKey(const std::string& file) {
  std::error_code ec;
  if (std::filesystem::exists(file, ec)) return std::string();
  Result<std::string> made = GenerateTransferKey(file);
  // Two demos on PostgreSQL started in the same folder share its key files: the other one made
  // this key between the check and now, and it is as good as ours.
  if (!made.ok() && made.status().code() == ErrorCode::kAlreadyExists) return std::string();
  return made;
}

// Vara exports its method with outcomes, signed; Huangshan inspects the package, trusting only
// Vara's key, and imports it; Huangshan exports its adaptation back with its own outcomes,
// signed; Vara imports it. Administrators do both; the files lie beside the workspaces.
Status RunTransfer(const std::string& path, const std::string& huangshan_path,
                   const WorkspaceOptions& wo, TransferStory& t) {
  namespace fs = std::filesystem;
  // Packages and keys go beside the workspace file, or in the current folder when the workspace
  // is in PostgreSQL.
  auto beside = [&](const std::string& suffix) {
    if (IsPostgresqlLocation(path)) return "kinbridge-demo" + suffix;
    return (fs::path(path).parent_path() / (fs::path(path).stem().string() + suffix)).string();
  };
  t.to_huangshan = beside("-se.vara.contact.kbx");
  t.to_vara = beside("-cn.huangshan.group.kbx");
  // Exports one method with outcomes, signed; returns the signer's public key.
  auto send = [&](const std::string& from, const char* method, const std::string& key_file,
                  const std::string& file) -> Result<std::string> {
    Result<std::string> key = DemoKey(key_file);
    if (!key.ok()) return key.status();
    Result<Workspace> admin = Workspace::Open(from, wo);
    if (!admin.ok()) return admin.status();
    TransferExportOptions options;
    options.method = method;
    options.output_file = file;
    options.key_file = key_file;
    options.with_outcomes = true;
    if (Result<TransferExport> e = admin->ExportMethodPackage(options); !e.ok()) return e.status();
    if (!key->empty()) return *key;
    Result<TransferPackage> written = ReadTransferPackage(file);
    if (!written.ok()) return written.status();
    return written->signer_public_key;
  };
  Result<std::string> vara_key = send(path, "se.vara.contact", beside("-vara.key"), t.to_huangshan);
  if (!vara_key.ok()) return vara_key.status();
  t.vara_key = *vara_key;
  const TransferTrust trust_vara{{t.vara_key}, true};
  Result<TransferPackage> sent = ReadTransferPackage(t.to_huangshan, trust_vara);
  if (!sent.ok()) return sent.status();
  t.sent = std::move(*sent);
  {
    Result<Workspace> admin = Workspace::Open(huangshan_path, wo);
    if (!admin.ok()) return admin.status();
    Result<ImportedMethod> imported = admin->ImportMethodPackage(t.to_huangshan, trust_vara);
    if (!imported.ok()) return imported.status();
    t.in_huangshan = std::move(*imported);
    Result<MethodDescription> adaptation = admin->DescribeMethod("cn.huangshan.group");
    if (!adaptation.ok()) return adaptation.status();
    t.huangshan_lineage.assign(adaptation->chain.rbegin(), adaptation->chain.rend());
  }
  Result<std::string> huangshan_key =
      send(huangshan_path, "cn.huangshan.group", beside("-huangshan.key"), t.to_vara);
  if (!huangshan_key.ok()) return huangshan_key.status();
  t.huangshan_key = *huangshan_key;
  Result<Workspace> admin = Workspace::Open(path, wo);
  if (!admin.ok()) return admin.status();
  Result<ImportedMethod> imported =
      admin->ImportMethodPackage(t.to_vara, TransferTrust{{t.huangshan_key}, true});
  if (!imported.ok()) return imported.status();
  t.in_vara = std::move(*imported);
  return Status::Ok();
}

std::string Arrow(const std::vector<std::string>& steps) {
  std::string joined;
  for (const std::string& step : steps) joined += (joined.empty() ? "" : " → ") + step;
  return joined;
}

// Scenario 5 as the administrators and a supervisor see it.
void PrintTransfer(Context& ctx, const std::string& path, const WorkspaceOptions& wo,
                   const TransferStory& t) {
  ctx.out() << "\n== " << _("Method transfer: Vara → Huangshan → Vara") << " ==\n";
  ctx.out() << TrFormat(
                   "Vara exported {}@{} with {} aggregated outcome cells to {}, signed with "
                   "public key {}.",
                   t.sent.method.id, t.sent.method.version, t.sent.outcomes.size(), t.to_huangshan,
                   t.vara_key)
            << '\n'
            << TrFormat(
                   "Huangshan inspected it, trusting only Vara's key: from {} {} ({}), "
                   "lineage {}; no names, ids, addresses or notes, only these outcomes:",
                   t.sent.municipality_code, t.sent.municipality_name, t.sent.municipality_country,
                   Arrow(t.sent.method.chain))
            << '\n';
  RowWriter outcomes(ctx.format(), ctx.out(),
                     {{"period", _("Period")},
                      {"age_band", _("Age band")},
                      {"indicator", _("Indicator")},
                      {"value", _("Value"), true},
                      {"n", _("Children"), true}});
  for (const TransferOutcomeCell& c : t.sent.outcomes) {
    outcomes.Write({QuarterLabel(c.period), AgeBandLabel(c.age_band),
                    OutcomeIndicatorLabel(c.indicator), OutcomeValueText(c), c.n});
  }
  outcomes.Finish();
  ctx.out() << TrFormat("Huangshan imported {} from {}. Lineage of cn.huangshan.group there: {}.",
                        t.in_huangshan.method, t.in_huangshan.from_municipality,
                        Arrow(t.huangshan_lineage))
            << '\n'
            << TrFormat(
                   "Huangshan exported its adaptation back with its own outcomes ({}); Vara "
                   "imported it, trusting Huangshan's key {}.",
                   t.to_vara, t.huangshan_key)
            << '\n'
            << TrPlural(
                   "In Vara, method lineage se.vara.contact now shows: adapted in {} as {} "
                   "({} outcome cell), with these changes:",
                   "In Vara, method lineage se.vara.contact now shows: adapted in {} as {} "
                   "({} outcome cells), with these changes:",
                   static_cast<unsigned long>(t.in_vara.outcome_cells), t.in_vara.from_municipality,
                   t.in_vara.method, t.in_vara.outcome_cells)
            << '\n';
  Result<Workspace> karin = As(path, wo, "karin");
  if (!karin.ok()) return ctx.Fail(karin.status());
  {
    const ComponentTitles titles = MethodComponentTitles(*karin, "se.vara.contact");
    RowWriter frame(ctx.format(), ctx.out(), FrameColumns());
    for (const FrameChange& f : t.in_vara.frame) frame.Write(FrameRow(f, titles));
    frame.Finish();
  }
  ctx.out() << "\n== "
            << TrFormat(
                   "Outcomes of se.vara.contact in Vara beside Huangshan's adaptation, as "
                   "supervisor {}",
                   karin->acting_worker().name)
            << " ==\n";
  MethodOutcomeQuery query;
  query.method = "se.vara.contact";
  Result<MethodOutcomeReport> report = karin->ReportMethodOutcomes(query);
  if (!report.ok()) return ctx.Fail(report.status());
  PrintMethodOutcomeReport(ctx, *report);
  ctx.out() << TrFormat(
                   "Vara's youngest band (0-6) has one child and is left out; so is the "
                   "next smallest band, or it could be recovered from the row for all ages.")
            << '\n';
}

void PrintEvents(Context& ctx, Workspace& ws, const std::string& child, Date from, Date to) {
  ContactQuery query;
  query.child = child;
  query.from = from;
  query.to = to;
  RowWriter rows(ctx.format(), ctx.out(),
                 {{"id", _("Event"), true},
                  {"day", _("Day")},
                  {"time", _("Time")},
                  {"person", _("Person")},
                  {"mode", _("Mode")},
                  {"supervision", _("Supervision")},
                  {"status", _("Status")},
                  {"outcome", _("Outcome")}});
  Status status = ws.ForEachContactEvent(query, [&](const ContactEvent& e) {
    rows.Write({e.id, DateValue(e.local_day), e.local_start, e.relation_name,
                ContactModeLabel(e.mode), SupervisionLabel(e.supervision),
                EventStatusLabel(e.status),
                e.outcome ? Value(ContactOutcomeLabel(*e.outcome)) : Value(std::monostate{})});
    return true;
  });
  if (!status.ok()) return ctx.Fail(status);
  rows.Finish();
}

void PrintReviews(Context& ctx, Workspace& ws, std::int64_t plan) {
  Status status = ws.ForEachPlanReview(plan, [&](const PlanReview& r) {
    ctx.out() << '\n'
              << TrFormat("Review of {} to {} by {}; next review by {}:",
                          LocalDate(r.period_from.ToString()), LocalDate(r.period_to.ToString()),
                          r.method_id, LocalDate(r.next_review.ToString()))
              << '\n';
    PrintRecord(ctx.format(), ctx.out(), ReviewRecord(r, MethodComponentTitles(ws, r.method_id)));
    return true;
  });
  if (!status.ok()) ctx.Fail(status);
}

std::size_t CountOverdue(Workspace& ws) {
  ContactQuery overdue;
  overdue.open_only = true;
  overdue.to = ws.Today().AddDays(-1);
  std::size_t count = 0;
  Status status = ws.ForEachContactEvent(overdue, [&](const ContactEvent&) {
    ++count;
    return true;
  });
  return status.ok() ? count : 0;
}

void PrintProposal(Context& ctx, Workspace& ws, const std::string& child,
                   const std::string& method) {
  Result<ContactPlanProposal> p = ws.ProposeContactPlan(child, method);
  if (!p.ok()) return ctx.Fail(p.status());
  std::string chain;
  for (const auto& step : p->chain) chain += (chain.empty() ? "" : " → ") + step;
  ctx.out() << TrPlural("{} proposes for child {} (review after {} month):",
                        "{} proposes for child {} (review after {} months):",
                        static_cast<unsigned long>(p->review_after_months), chain, child,
                        p->review_after_months)
            << '\n';
  RowWriter rows(ctx.format(), ctx.out(),
                 {{"person", _("Person")},
                  {"mode", _("Mode")},
                  {"rrule", _("Recurrence")},
                  {"start_time", _("Time")},
                  {"minutes", _("Minutes"), true},
                  {"supervision", _("Supervision")},
                  {"venue", _("Venue")}});
  for (const auto& a : p->arrangements) {
    rows.Write({a.relation_name, ContactModeLabel(a.mode), RecurrenceLabel(a.rrule), a.start_time,
                std::int64_t{a.duration_minutes}, SupervisionLabel(a.supervision),
                VenueValue(a.venue)});
  }
  rows.Finish();
  for (const auto& f : p->findings) {
    ctx.out() << "  [" << TerminalSafe(SeverityLabel(f.severity).text) << "] "
              << TerminalSafe(f.message) << '\n';
  }
}

// Scenario 3 as centre staff see it: the sites, who is trained, the groups the method formed, the
// family calls, and the attendance report with the child whose attendance is falling.
void PrintCentre(Context& ctx, const std::string& path, const WorkspaceOptions& wo,
                 const CentreStory& story) {
  Result<Workspace> wang = As(path, wo, "wang");
  if (!wang.ok()) return ctx.Fail(wang.status());
  ctx.out() << "\n== "
            << TrFormat("Huangshan: the support centre and the school, as centre staff {}",
                        wang->acting_worker().name)
            << " ==\n";
  RowWriter sites(ctx.format(), ctx.out(), SiteColumns());
  Status status = wang->ForEachSite(std::nullopt, [&](const Site& s) {
    sites.Write(SiteRow(s));
    return true;
  });
  if (!status.ok()) return ctx.Fail(status);
  sites.Finish();
  RowWriter training(ctx.format(), ctx.out(), TrainingColumns());
  status = wang->ForEachTraining({}, [&](const TrainingRecord& t) {
    training.Write(TrainingRow(t));
    return true;
  });
  if (!status.ok()) return ctx.Fail(status);
  training.Finish();
  ctx.out() << TrFormat("An untrained teacher as leader of the group sessions: {}",
                        story.refused_leader)
            << "\n\n";
  RowWriter groups(ctx.format(), ctx.out(), GroupColumns());
  status = wang->ForEachGroup(story.groups_activity, [&](const Group& g) {
    groups.Write(GroupRow(g));
    return true;
  });
  if (!status.ok()) return ctx.Fail(status);
  groups.Finish();
  ctx.out() << TrPlural("Family-call sessions at the centre logged {} contact event as held.",
                        "Family-call sessions at the centre logged {} contact events as held.",
                        story.contact_events_logged.size(), story.contact_events_logged.size())
            << '\n';

  ctx.out() << "\n== " << _("Attendance report of the school's group sessions") << " ==\n";
  AttendanceReportQuery query;
  query.activity_id = story.groups_activity;
  Result<AttendanceReport> report = wang->ReportAttendance(query);
  if (!report.ok()) return ctx.Fail(report.status());
  ctx.out() << AttendanceSummary(*report) << '\n';
  PrintRecord(ctx.format(), ctx.out(), AttendanceReportRecord(*report, query.recent_days));
}

void RunDemo(Context& ctx, const DemoOptions& o) {
  namespace fs = std::filesystem;
  const std::string path =
      ctx.options.workspace.empty() ? std::string("kinbridge-demo.db") : ctx.WorkspacePath();
  Result<WorkspaceOptions> wo = ctx.MakeWorkspaceOptions();
  if (!wo.ok()) return ctx.Fail(wo.status());
  wo->account.clear();
  wo->purpose.clear();
  std::error_code ec;
  const bool on_postgresql = IsPostgresqlLocation(path);
  if (on_postgresql) {
    // A PostgreSQL location names a schema: an earlier demo's tables are dropped, anything
    // else is refused.
    if (Status s = RemoveDemoWorkspace(path); !s.ok()) return ctx.Fail(s);
  } else if (fs::exists(path, ec)) {
    // Replace an earlier demo, never anything else.
    Result<Workspace> old = Workspace::Open(path, *wo);
    const bool is_demo = old.ok()
                             ? old->mode() == WorkspaceMode::kDemo
                             : old.status().IsPermissionDenied() && As(path, *wo, "anna").ok() &&
                                   As(path, *wo, "anna")->mode() == WorkspaceMode::kDemo;
    if (!is_demo) {
      return ctx.Fail(Status::AlreadyExists(
          TrFormat("{} exists and is not a demo workspace; the demo will not overwrite it (give "
                   "--workspace another path)",
                   path)));
    }
  }
  if (!on_postgresql) {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix, ec);
  }

  CreateOptions create;
  create.municipality = {0, "", "VAR", "Vara", "SE", "sv_SE", "Europe/Stockholm"};
  create.mode = WorkspaceMode::kDemo;
  create.administrator_name = "Administratör Vara";
  std::string elin, noah, maja;
  {
    Result<Workspace> admin = Workspace::Create(path, create, *wo);
    if (!admin.ok()) return ctx.Fail(admin.status());
    if (Status s = AddWorkers(*admin); !s.ok()) return ctx.Fail(s);
    std::vector<std::string> installed;
    if (Status s = InstallBuiltInMethods(*admin, installed); !s.ok()) return ctx.Fail(s);
  }
  Result<Workspace> anna = As(path, *wo, "anna");
  if (!anna.ok()) return ctx.Fail(anna.status());
  if (Status s = BuildAnnasCaseload(*anna, elin, noah); !s.ok()) return ctx.Fail(s);
  {
    Result<Workspace> erik = As(path, *wo, "erik");
    if (!erik.ok()) return ctx.Fail(erik.status());
    if (Status s = BuildEriksCaseload(*erik, maja); !s.ok()) return ctx.Fail(s);
  }
  // Huangshan's workspace lives in its own file beside Vara's, or on PostgreSQL in its own
  // schema beside Vara's in the same database.
  Result<std::string> sibling = SiblingWorkspaceLocation(path, "huangshan");
  if (!sibling.ok()) return ctx.Fail(sibling.status());
  const std::string huangshan_path = *sibling;
  if (on_postgresql) {
    if (Status s = RemoveDemoWorkspace(huangshan_path); !s.ok()) return ctx.Fail(s);
  } else if (fs::exists(huangshan_path, ec)) {
    Result<Workspace> old = As(huangshan_path, *wo, "zhao");
    if (!old.ok() || old->mode() != WorkspaceMode::kDemo) {
      return ctx.Fail(Status::AlreadyExists(
          TrFormat("{} exists and is not a demo workspace; the demo will not overwrite it",
                   huangshan_path)));
    }
  }
  if (!on_postgresql) {
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(huangshan_path + suffix, ec);
  }
  std::string li_ming;
  if (Status s = BuildHuangshan(huangshan_path, *wo, li_ming); !s.ok()) return ctx.Fail(s);
  Result<std::int64_t> elin_plan =
      ApproveWeeksAgo(path, *wo, "anna", elin, "se.vara.contact",
                      "Bevara Elins band till mamma, pappa, bror och mormor",
                      {"Jag vill träffa mamma och Oskar oftare, men inte hemma hos mamma.", Date(),
                       "conversation"});
  if (!elin_plan.ok()) return ctx.Fail(elin_plan.status());
  if (Status s = LogAndReview(path, *wo, "anna", elin, *elin_plan); !s.ok()) return ctx.Fail(s);
  Result<std::int64_t> li_ming_plan = ApproveWeeksAgo(
      huangshan_path, *wo, "zhao", li_ming, "cn.huangshan.group", "保持李明与在外务工的父母的联系",
      {"我想每个星期都和爸爸妈妈视频。", Date(), "conversation"});
  if (!li_ming_plan.ok()) return ctx.Fail(li_ming_plan.status());
  CentreStory centre;
  if (Status s = BuildHuangshanCentre(huangshan_path, *wo, li_ming, centre); !s.ok()) {
    return ctx.Fail(s);
  }
  if (Status s = LogAndReview(huangshan_path, *wo, "zhao", li_ming, *li_ming_plan); !s.ok()) {
    return ctx.Fail(s);
  }
  for (const auto& [child, plan] : centre.family_plans) {
    if (Status s = LogAndReview(huangshan_path, *wo, "zhao", child, plan); !s.ok()) {
      return ctx.Fail(s);
    }
  }
  if (Status s = BuildSofiasCaseload(path, *wo); !s.ok()) return ctx.Fail(s);
  TransferStory transfer;
  if (Status s = RunTransfer(path, huangshan_path, *wo, transfer); !s.ok()) return ctx.Fail(s);
  // Elin's calendar, for her foster family to import: beside the workspace file, or in the
  // current folder when the workspace is in PostgreSQL.
  const std::string calendar_path =
      on_postgresql
          ? std::string("kinbridge-demo-elin.ics")
          : (fs::path(path).parent_path() / (fs::path(path).stem().string() + "-elin.ics"))
                .string();
  {
    Result<Workspace> anna_now = As(path, *wo, "anna");
    if (!anna_now.ok()) return ctx.Fail(anna_now.status());
    ContactQuery elins;
    elins.child = elin;
    elins.from = anna_now->Today();
    Result<std::string> calendar = anna_now->ContactCalendar(elins);
    if (!calendar.ok()) return ctx.Fail(calendar.status());
    if (Status s = WriteFileAtomically(calendar_path, *calendar); !s.ok()) return ctx.Fail(s);
  }
  if (o.quiet) return;

  const bool table = ctx.format() == OutputFormat::kTable;
  auto heading = [&](const std::string& text) {
    if (table) ctx.out() << "\n== " << text << " ==\n";
  };
  ctx.Note(TrFormat("Demo workspace {}: Vara, {} (today is {}).", anna->path(),
                    anna->municipality().code, LocalDate(anna->Today().ToString())));

  Result<Workspace> karin = As(path, *wo, "karin");
  if (!karin.ok()) return ctx.Fail(karin.status());
  heading(TrFormat("Children of the unit {}, as supervisor {}", karin->acting_worker().unit,
                   karin->acting_worker().name));
  RowWriter children(ctx.format(), ctx.out(), ChildColumns());
  Status status = karin->ForEachChild({}, [&](const Child& c) {
    children.Write(ChildRow(c, karin->Today()));
    return true;
  });
  if (!status.ok()) return ctx.Fail(status);
  children.Finish();
  if (!table) return;  // scripts get the list only

  heading(TrFormat("Child {}, as social worker {}", elin, anna->acting_worker().name));
  Result<Child> child = anna->GetChild(elin);
  if (!child.ok()) return ctx.Fail(child.status());
  PrintChild(ctx, *anna, *child);

  heading(TrFormat("Placements of child {}, as supervisor {}", noah, karin->acting_worker().name));
  RowWriter placements(ctx.format(), ctx.out(), PlacementColumns());
  status = karin->ForEachPlacement(noah, [&](const Placement& p) {
    placements.Write(PlacementRow(p));
    return true;
  });
  if (!status.ok()) return ctx.Fail(status);
  placements.Finish();

  heading(_("Access control"));
  Result<Child> refused = anna->GetChild(maja);
  ctx.out() << TrFormat("{} asks for child {}: {}", anna->acting_worker().name, maja,
                        refused.ok() ? std::string(_("shown")) : refused.status().message())
            << '\n';
  Result<Workspace> lisa = As(path, *wo, "lisa");
  if (!lisa.ok()) return ctx.Fail(lisa.status());
  refused = lisa->GetChild(elin);
  ctx.out() << TrFormat("{} asks for child {}: {}", lisa->acting_worker().name, elin,
                        refused.ok() ? std::string(_("shown")) : refused.status().message())
            << '\n';

  heading(_("Audit trail"));
  Result<Workspace> admin = Workspace::Open(path, *wo);
  if (!admin.ok()) return ctx.Fail(admin.status());
  Result<AuditVerification> verified = admin->VerifyAudit();
  if (!verified.ok()) return ctx.Fail(verified.status());
  AuditQuery about_elin;
  about_elin.child = elin;
  RowWriter entries(ctx.format(), ctx.out(),
                    {{"sequence", _("No."), true},
                     {"worker", _("Worker")},
                     {"action", _("Action")},
                     {"entity", _("Record")}});
  status = admin->ForEachAuditEntry(about_elin, [&](const AuditEntry& e) {
    entries.Write({e.sequence, e.worker_account, AuditActionLabel(e.action),
                   AuditRecordLabel(e.entity_type, e.entity)});
    return true;
  });
  if (!status.ok()) return ctx.Fail(status);
  entries.Finish();
  ctx.out() << (verified->intact
                    ? TrPlural("audit verify: intact, {} entry.",
                               "audit verify: intact, {} entries.",
                               static_cast<unsigned long>(verified->entries), verified->entries)
                    : TrFormat("audit verify: damaged at entry {}: {}",
                               verified->first_bad.value_or(0), verified->problem))
            << '\n';

  heading(_("Working methods: Vara's method and Huangshan's adaptation"));
  RowWriter methods(ctx.format(), ctx.out(),
                    {{"id", _("Method")},
                     {"version", _("Version")},
                     {"title", _("Title")},
                     {"origin", _("Origin")},
                     {"based_on", _("Based on")}});
  status = anna->ForEachMethod([&](const MethodDescription& m) {
    methods.Write({m.id, m.version, m.title, m.origin, m.chain.size() > 1 ? m.chain[1] : ""});
    return true;
  });
  if (!status.ok()) return ctx.Fail(status);
  methods.Finish();
  Result<MethodDescription> adaptation = anna->DescribeMethod("cn.huangshan.group");
  if (!adaptation.ok()) return ctx.Fail(adaptation.status());
  ctx.out() << '\n' << TrFormat("Lineage of {}: ", adaptation->id);
  for (auto it = adaptation->chain.rbegin(); it != adaptation->chain.rend(); ++it) {
    ctx.out() << (it == adaptation->chain.rbegin() ? "" : " → ") << *it;
  }
  ctx.out() << '\n';
  RowWriter frame(ctx.format(), ctx.out(),
                  {{"what", _("What")},
                   {"level", _("Level")},
                   {"nature", _("Nature")},
                   {"fidelity_consistent", _("Fidelity-consistent")},
                   {"reason", _("Reason")}});
  for (const FrameChange& f : adaptation->frame) {
    frame.Write({FrameWhatLabel(f.what), FrameLevelLabel(f.level), FrameNatureLabel(f.nature),
                 f.fidelity_consistent, f.reason});
  }
  frame.Finish();

  heading(TrFormat("Contact plan proposals, as {}", anna->acting_worker().name));
  PrintProposal(ctx, *anna, elin, "se.vara.contact");
  Result<Workspace> zhao = As(huangshan_path, *wo, "zhao");
  if (!zhao.ok()) return ctx.Fail(zhao.status());
  // As the workspaces name themselves: a PostgreSQL location without its password, quoted for
  // the shell.
  auto shown = [](const Workspace& ws) {
    return IsPostgresqlLocation(ws.path()) ? "'" + ws.path() + "'" : ws.path();
  };
  const std::string huangshan_shown = shown(*zhao);
  heading(
      TrFormat("Huangshan ({}): child {}, as social worker {}", huangshan_shown, li_ming, "赵磊"));
  PrintProposal(ctx, *zhao, li_ming, "cn.huangshan.group");
  if (ctx.exit_code() != kExitOk) return;

  heading(TrFormat("Contact plan {} for child {}: approved three weeks ago, reviewed today",
                   *elin_plan, elin));
  PrintEvents(ctx, *anna, elin, anna->Today().AddDays(-21), anna->Today().AddDays(7));
  PrintReviews(ctx, *anna, *elin_plan);
  const auto overdue = CountOverdue(*anna);
  ctx.out() << TrPlural("Overdue for {}: {} contact without an outcome.",
                        "Overdue for {}: {} contacts without an outcome.",
                        static_cast<unsigned long>(overdue), anna->acting_worker().name, overdue)
            << '\n'
            << TrFormat("Elin's calendar: {}", calendar_path) << '\n';
  heading(TrFormat("Huangshan: contact plan {} for child {}, video calls with the parents",
                   *li_ming_plan, li_ming));
  PrintEvents(ctx, *zhao, li_ming, zhao->Today().AddDays(-21), zhao->Today().AddDays(7));
  PrintReviews(ctx, *zhao, *li_ming_plan);
  if (ctx.exit_code() != kExitOk) return;
  PrintCentre(ctx, huangshan_path, *wo, centre);
  if (ctx.exit_code() != kExitOk) return;
  PrintTransfer(ctx, path, *wo, transfer);
  if (ctx.exit_code() != kExitOk) return;

  ctx.out() << '\n'
            << TrFormat("Try: kinbridge --workspace {} --as anna child show {}", shown(*anna), elin)
            << '\n'
            << TrFormat("     kinbridge --workspace {} method lineage cn.huangshan.group",
                        huangshan_shown)
            << '\n'
            << TrFormat("     kinbridge --workspace {} --as wang report attendance --site {}",
                        huangshan_shown, "tunxi-school")
            << '\n'
            << TrFormat("     kinbridge --workspace {} --as karin report method se.vara.contact",
                        shown(*anna))
            << '\n'
            << TrFormat("     kinbridge transfer inspect {}", transfer.to_vara) << '\n';
}

}  // namespace

void SetupDemoCommand(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<DemoOptions>();
  CLI::App* cmd = app.add_subcommand(
      "demo", _("Build an invented Vara workspace (default kinbridge-demo.db) and show it"));
  cmd->add_flag("--quiet", o->quiet, _("Build the workspace without printing it"));
  auto generated = std::make_shared<SyntheticDemoRequest>();
  cmd->add_option("--size", generated->size,
                  _("Generate a workspace of this many invented children instead (no story)"));
  cmd->add_option("--seed", generated->seed, _("With --size: the seed of the invented data"));
  cmd->add_option("--profile", generated->profile, _("With --size: vara or huangshan"));
  cmd->callback([&ctx, o, generated] {
    if (generated->size != 0) {
      generated->quiet = o->quiet;
      return RunSyntheticDemo(ctx, *generated);
    }
    RunDemo(ctx, *o);
  });
}

}  // namespace kinbridge::cli
