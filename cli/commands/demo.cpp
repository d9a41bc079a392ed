// kinbridge demo: a small, invented Vara workspace and what a social worker looks at first.
// The people and numbers are invented; the national ids are valid by their checksums only.
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

// Scenario 1: Elin in foster care, her network, and the supervised-contact decision on Sara.
// Scenario 2: Noah, whose placement address is kept secret from his father.
Status BuildVara(Workspace& ws, std::string& elin) {
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
  b.Relation(elin, Person("Birgitta Andersson", RelationKind::kGrandparent,
                          "maternal grandmother"));
  NewRestriction supervised;
  supervised.kind = RestrictionKind::kSupervisedOnly;
  supervised.decision_reference = "SN 2026/0412";
  supervised.reason = "Visits only in the presence of a contact person (LVU 14 §)";
  supervised.valid_from = Date(2026, 9, 1);
  supervised.review_date = Date(2026, 12, 1);
  b.Restriction(sara, supervised);

  const std::string noah =
      b.Child(AChild("Noah Lindqvist", Date(2019, 6, 22), "20190622-4579", "Vara förskola"));
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

  const std::string maja =
      b.Child(AChild("Maja Berg", Date(2014, 2, 8), "20140208-5193", "Nästegårdsskolan"));
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

void RunDemo(Context& ctx, const DemoOptions& o) {
  namespace fs = std::filesystem;
  const std::string path =
      ctx.options.workspace.empty() ? std::string("kinbridge-demo.db") : ctx.WorkspacePath();
  Result<WorkspaceOptions> wo = ctx.MakeWorkspaceOptions();
  if (!wo.ok()) return ctx.Fail(wo.status());
  std::error_code ec;
  if (fs::exists(path, ec)) {
    // Replace an earlier demo, never anything else.
    Result<Workspace> old = Workspace::Open(path, *wo);
    if (!old.ok() || old->mode() != WorkspaceMode::kDemo) {
      return ctx.Fail(Status::AlreadyExists(TrFormat(
          "{} exists and is not a demo workspace; the demo will not overwrite it (give "
          "--workspace another path)",
          path)));
    }
  }
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix, ec);

  CreateOptions create;
  create.municipality = {0, "", "VAR", "Vara", "SE", "sv_SE", "Europe/Stockholm"};
  create.mode = WorkspaceMode::kDemo;
  create.administrator_name = "Anna Karlsson";
  Result<Workspace> ws = Workspace::Create(path, create, *wo);
  if (!ws.ok()) return ctx.Fail(ws.status());
  std::string elin;
  if (Status built = BuildVara(*ws, elin); !built.ok()) return ctx.Fail(built);
  if (o.quiet) return;

  const bool table = ctx.format() == OutputFormat::kTable;
  auto heading = [&](const std::string& text) {
    if (table) ctx.out() << "\n== " << text << " ==\n";
  };
  ctx.Note(TrFormat("Demo workspace {}: Vara, {} (today is {}).", path, ws->municipality().code,
                    ws->Today().ToString()));
  heading(_("Children in care"));
  RowWriter children(ctx.format(), ctx.out(), ChildColumns());
  Status status = ws->ForEachChild({}, [&](const Child& c) {
    children.Write(ChildRow(c, ws->Today()));
    return true;
  });
  if (!status.ok()) return ctx.Fail(status);
  children.Finish();
  if (!table) return;  // scripts get the list only

  heading(TrFormat("Child {}", elin));
  Result<Child> child = ws->GetChild(elin);
  if (!child.ok()) return ctx.Fail(child.status());
  PrintChild(ctx, *ws, *child);

  heading(_("Contact restrictions in force"));
  RowWriter restrictions(ctx.format(), ctx.out(), RestrictionColumns(true));
  status = ws->ForEachRestriction({}, [&](const Restriction& s) {
    restrictions.Write(RestrictionRow(s, true, ws->Today()));
    return true;
  });
  if (!status.ok()) return ctx.Fail(status);
  restrictions.Finish();
  ctx.out() << '\n'
            << TrFormat("Try: kinbridge --workspace {} child show {}", path, elin) << '\n';
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
