// kinbridge demo: a small, invented Vara workspace and what a social worker looks at first.
// The people and numbers are invented; the national ids are valid by their checksums only.
#include <algorithm>
#include <filesystem>
#include <memory>

#include "commands/commands.h"
#include "tr.h"
#include "views.h"

namespace kinbridge::cli {

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
  c.national_id = national_id;
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
      b.Relation(elin, Person("Sara Andersson", RelationKind::kMother, "mother"));
  b.Relation(elin, Person("Johan Nilsson", RelationKind::kFather, "father"));
  b.Relation(elin, Person("Oskar Andersson", RelationKind::kSibling,
                          "brother, in another foster family", Date(2014, 6, 2)));
  b.Relation(elin,
             Person("Birgitta Andersson", RelationKind::kGrandparent, "maternal grandmother"));
  NewRestriction supervised;
  supervised.kind = RestrictionKind::kSupervisedOnly;
  supervised.decision_reference = "SN 2026/0412";
  supervised.reason = "Visits only in the presence of a contact person (LVU 14 §)";
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
  b.EndPlacement(first_id, Date(2025, 8, 15), "Moved to his grandparents");
  NewPlacement kinship;
  kinship.type = PlacementType::kKinship;
  kinship.legal_basis = LegalBasis::kCompulsory;
  kinship.legal_code = "LVU 2 §";
  kinship.caregivers = "Grandparents Gun and Lars Lindqvist";
  kinship.start = Date(2025, 8, 15);
  kinship.address = "Skogsstigen 9, Kvänum";
  kinship.address_protected = true;
  b.Placement(noah, kinship);
  const std::int64_t father =
      b.Relation(noah, Person("Mikael Lindqvist", RelationKind::kFather, "father"));
  b.Relation(noah, Person("Gun Lindqvist", RelationKind::kGrandparent, "paternal grandmother",
                          std::nullopt, true));
  NewRestriction secret;
  secret.kind = RestrictionKind::kSecretAddress;
  secret.decision_reference = "SN 2026/0977";
  secret.reason = "The placement is kept secret from the father (LVU 14 § second paragraph)";
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
  b.Relation(maja, Person("Lena Berg", RelationKind::kMother, "mother"));
  return b.status();
}

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
// (the child's view first), approved and so scheduled, the contacts since then logged, and a
// review today. Returns the plan's id.
Result<std::int64_t> RunContactCycle(const std::string& path, const WorkspaceOptions& wo,
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
  Result<Workspace> now = As(path, wo, account);
  if (!now.ok()) return now.status();
  ContactQuery past;
  past.child = child;
  past.to = real_today;
  std::vector<ContactEvent> events;
  Status listed = now->ForEachContactEvent(past, [&](const ContactEvent& e) {
    events.push_back(e);
    return true;
  });
  if (!listed.ok()) return listed;
  // What happened: every contact held but the first video call, which the parent missed; the
  // last one is left for the worker to log (it shows as overdue).
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
  Result<PlanReview> review = now->ReviewPlan(plan->id);
  if (!review.ok()) return review.status();
  return plan->id;
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
    rows.Write(
        {e.id, e.local_day.ToString(), e.local_start, e.relation_name, e.mode, e.supervision,
         std::string(EventStatusName(e.status)),
         e.outcome ? Value(std::string(ContactOutcomeName(*e.outcome))) : Value(std::monostate{})});
    return true;
  });
  if (!status.ok()) return ctx.Fail(status);
  rows.Finish();
}

void PrintReviews(Context& ctx, Workspace& ws, std::int64_t plan) {
  Status status = ws.ForEachPlanReview(plan, [&](const PlanReview& r) {
    ctx.out() << '\n'
              << TrFormat("Review of {} to {} by {}; next review by {}:", r.period_from.ToString(),
                          r.period_to.ToString(), r.method_id, r.next_review.ToString())
              << '\n';
    PrintRecord(ctx.format(), ctx.out(), ReviewRecord(r));
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
  ctx.out() << TrFormat("{} proposes for child {} (review after {} months):", chain, child,
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
    rows.Write({a.relation_name, a.mode, a.rrule, a.start_time, std::int64_t{a.duration_minutes},
                a.supervision, a.venue});
  }
  rows.Finish();
  for (const auto& f : p->findings) {
    ctx.out() << "  [" << f.severity << "] " << TerminalSafe(f.message) << '\n';
  }
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
  if (fs::exists(path, ec)) {
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
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix, ec);

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
  // Huangshan's workspace lives in its own file beside Vara's.
  const std::string huangshan_path =
      (fs::path(path).parent_path() / (fs::path(path).stem().string() + "-huangshan.db")).string();
  if (fs::exists(huangshan_path, ec)) {
    Result<Workspace> old = As(huangshan_path, *wo, "zhao");
    if (!old.ok() || old->mode() != WorkspaceMode::kDemo) {
      return ctx.Fail(Status::AlreadyExists(
          TrFormat("{} exists and is not a demo workspace; the demo will not overwrite it",
                   huangshan_path)));
    }
  }
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(huangshan_path + suffix, ec);
  std::string li_ming;
  if (Status s = BuildHuangshan(huangshan_path, *wo, li_ming); !s.ok()) return ctx.Fail(s);
  Result<std::int64_t> elin_plan =
      RunContactCycle(path, *wo, "anna", elin, "se.vara.contact",
                      "Keep Elin's bonds with her mother, father, brother and grandmother",
                      {"Jag vill träffa mamma och Oskar oftare, men inte hemma hos mamma.", Date(),
                       "conversation"});
  if (!elin_plan.ok()) return ctx.Fail(elin_plan.status());
  Result<std::int64_t> li_ming_plan = RunContactCycle(
      huangshan_path, *wo, "zhao", li_ming, "cn.huangshan.group", "保持李明与在外务工的父母的联系",
      {"我想每个星期都和爸爸妈妈视频。", Date(), "conversation"});
  if (!li_ming_plan.ok()) return ctx.Fail(li_ming_plan.status());
  // Elin's calendar, for her foster family to import.
  const std::string calendar_path =
      (fs::path(path).parent_path() / (fs::path(path).stem().string() + "-elin.ics")).string();
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
  ctx.Note(TrFormat("Demo workspace {}: Vara, {} (today is {}).", path, anna->municipality().code,
                    anna->Today().ToString()));

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
    entries.Write({e.sequence, e.worker_account, e.action, e.entity_type + " " + e.entity});
    return true;
  });
  if (!status.ok()) return ctx.Fail(status);
  entries.Finish();
  ctx.out() << (verified->intact ? TrFormat("audit verify: intact, {} entries.", verified->entries)
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
    frame.Write({f.what, f.level, f.nature, f.fidelity_consistent, f.reason});
  }
  frame.Finish();

  heading(TrFormat("Contact plan proposals, as {}", anna->acting_worker().name));
  PrintProposal(ctx, *anna, elin, "se.vara.contact");
  heading(
      TrFormat("Huangshan ({}): child {}, as social worker {}", huangshan_path, li_ming, "赵磊"));
  Result<Workspace> zhao = As(huangshan_path, *wo, "zhao");
  if (!zhao.ok()) return ctx.Fail(zhao.status());
  PrintProposal(ctx, *zhao, li_ming, "cn.huangshan.group");
  if (ctx.exit_code() != kExitOk) return;

  heading(TrFormat("Contact plan {} for child {}: approved three weeks ago, reviewed today",
                   *elin_plan, elin));
  PrintEvents(ctx, *anna, elin, anna->Today().AddDays(-21), anna->Today().AddDays(7));
  PrintReviews(ctx, *anna, *elin_plan);
  ctx.out() << TrFormat("Overdue for {}: {} contact(s) without an outcome.",
                        anna->acting_worker().name, CountOverdue(*anna))
            << '\n'
            << TrFormat("Elin's calendar: {}", calendar_path) << '\n';
  heading(TrFormat("Huangshan: contact plan {} for child {}, video calls with the parents",
                   *li_ming_plan, li_ming));
  PrintEvents(ctx, *zhao, li_ming, zhao->Today().AddDays(-21), zhao->Today().AddDays(7));
  PrintReviews(ctx, *zhao, *li_ming_plan);
  if (ctx.exit_code() != kExitOk) return;

  ctx.out() << '\n'
            << TrFormat("Try: kinbridge --workspace {} --as anna child show {}", path, elin) << '\n'
            << TrFormat("     kinbridge --workspace {} method lineage cn.huangshan.group",
                        huangshan_path)
            << '\n';
}

}  // namespace

void SetupDemoCommand(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<DemoOptions>();
  CLI::App* cmd = app.add_subcommand(
      "demo", _("Build an invented Vara workspace (default kinbridge-demo.db) and show it"));
  cmd->add_flag("--quiet", o->quiet, _("Build the workspace without printing it"));
  cmd->callback([&ctx, o] { RunDemo(ctx, *o); });
}

}  // namespace kinbridge::cli
