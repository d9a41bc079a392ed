// kinbridge child add|list|show|edit|close
#include <memory>
#include <sstream>

#include "commands/commands.h"
#include "tr.h"
#include "views.h"

namespace kinbridge::cli {

namespace {

std::vector<std::string> SplitLanguages(const std::string& text) {
  std::vector<std::string> items;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    const auto first = item.find_first_not_of(' ');
    const auto last = item.find_last_not_of(' ');
    if (first != std::string::npos) items.push_back(item.substr(first, last - first + 1));
  }
  return items;
}

// Sets `scheme` from `text` (empty: none); reports an unknown name and returns false.
bool ParseScheme(Context& ctx, const std::string& text, std::optional<NationalIdScheme>& scheme) {
  scheme.reset();
  if (text.empty()) return true;
  Result<NationalIdScheme> parsed = ParseNationalIdScheme(text);
  if (!parsed.ok()) {
    ctx.Fail(parsed.status());
    return false;
  }
  scheme = *parsed;
  return true;
}

}  // namespace

namespace {

// The case as `child show` prints it: the child's fields and its three sections.
void PrintCase(Context& ctx, Workspace& ws, const ChildCase& c) {
  const Date today = ws.Today();
  Record record{ChildFields(c.child, today), {}};
  Section relations{"relations", _("Family network"), RelationColumns(), {}};
  for (const Relation& r : c.relations) relations.rows.push_back(RelationRow(r));
  Section restrictions{"restrictions", _("Contact restrictions"), RestrictionColumns(false), {}};
  for (const Restriction& s : c.restrictions) {
    restrictions.rows.push_back(RestrictionRow(s, false, today));
  }
  Section placements{"placements", _("Placements"), PlacementColumns(), {}};
  for (const Placement& p : c.placements) placements.rows.push_back(PlacementRow(p));
  record.sections = {std::move(relations), std::move(restrictions), std::move(placements)};
  PrintRecord(ctx.format(), ctx.out(), record);
}

}  // namespace

void PrintChild(Context& ctx, Workspace& ws, const Child& child) {
  // One read of the whole case: one transaction and one audit entry.
  Result<ChildCase> c = ws.GetCase(child.case_reference);
  if (!c.ok()) return ctx.Fail(c.status());
  PrintCase(ctx, ws, *c);
}

namespace {

void PrintChildFields(Context& ctx, Workspace& ws, const Child& child) {
  if (ctx.format() != OutputFormat::kTable) {
    PrintRecord(ctx.format(), ctx.out(), Record{ChildFields(child, ws.Today()), {}});
  }
}

struct AddOptions {
  std::string name, birth_date, national_id, scheme, languages, school, responsible;
  bool protected_identity = false;
};

void RunAdd(Context& ctx, const AddOptions& o) {
  auto ws = ctx.OpenWorkspace();
  if (!ws) return;
  NewChild in;
  in.name = o.name;
  auto birth = ctx.ParseDate(o.birth_date, N_("birth date"));
  if (!birth) return;
  in.birth_date = *birth;
  if (!o.national_id.empty()) in.national_id = o.national_id;
  if (!ParseScheme(ctx, o.scheme, in.national_id_scheme)) return;
  in.languages = SplitLanguages(o.languages);
  in.school = o.school;
  in.protected_identity = o.protected_identity;
  in.responsible_account = o.responsible;
  Result<Child> child = ws->AddChild(in);
  if (!child.ok()) return ctx.Fail(child.status());
  ctx.Note(TrFormat("Registered child {}: {}.", child->case_reference, child->name));
  PrintChildFields(ctx, *ws, *child);
}

struct ListOptions {
  std::string status = "open";
  std::string search;
};

void RunList(Context& ctx, const ListOptions& o) {
  auto ws = ctx.OpenWorkspace();
  if (!ws) return;
  ChildQuery query;
  if (o.status == "all") {
    query.status.reset();
  } else {
    query.status = o.status == "closed" ? ChildStatus::kClosed : ChildStatus::kOpen;
  }
  query.name_contains = o.search;
  const Date today = ws->Today();
  RowWriter writer(ctx.format(), ctx.out(), ChildColumns());
  Status status = ws->ForEachChild(query, [&](const Child& c) {
    writer.Write(ChildRow(c, today));
    return true;
  });
  if (!status.ok()) return ctx.Fail(status);
  writer.Finish();
}

void RunShow(Context& ctx, const std::string& ref) {
  auto ws = ctx.OpenWorkspace();
  if (!ws) return;
  Result<ChildCase> c = ws->GetCase(ref);
  if (!c.ok()) return ctx.Fail(c.status());
  PrintCase(ctx, *ws, *c);
}

struct EditOptions {
  std::string ref;
  std::optional<std::string> name, birth_date, national_id, scheme, languages, school;
  std::optional<std::string> protected_identity;
  std::optional<std::int64_t> expected_version;
};

void RunEdit(Context& ctx, const EditOptions& o) {
  auto ws = ctx.OpenWorkspace();
  if (!ws) return;
  ChildChanges changes;
  changes.name = o.name;
  if (o.birth_date) {
    auto birth = ctx.ParseDate(*o.birth_date, N_("birth date"));
    if (!birth) return;
    changes.birth_date = *birth;
  }
  changes.national_id = o.national_id;
  if (o.scheme) {
    if (!ParseScheme(ctx, *o.scheme, changes.national_id_scheme)) return;
  }
  if (o.languages) changes.languages = SplitLanguages(*o.languages);
  changes.school = o.school;
  if (o.protected_identity) changes.protected_identity = *o.protected_identity == "yes";
  changes.expected_version = o.expected_version;
  Result<Child> child = ws->EditChild(o.ref, changes);
  if (!child.ok()) return ctx.Fail(child.status());
  ctx.Note(TrFormat("Changed child {} (version {}).", child->case_reference, child->version));
  PrintChildFields(ctx, *ws, *child);
}

struct CloseOptions {
  std::string ref, date, reason;
};

void RunClose(Context& ctx, const CloseOptions& o) {
  auto ws = ctx.OpenWorkspace();
  if (!ws) return;
  Date on = ws->Today();
  if (!o.date.empty()) {
    auto parsed = ctx.ParseDate(o.date, N_("closing date"));
    if (!parsed) return;
    on = *parsed;
  }
  Result<Child> child = ws->CloseChild(o.ref, on, o.reason);
  if (!child.ok()) return ctx.Fail(child.status());
  ctx.Note(TrFormat("Closed child {} on {}.", child->case_reference, LocalDate(on.ToString())));
  PrintChildFields(ctx, *ws, *child);
}

}  // namespace

void SetupChildCommand(CLI::App& app, Context& ctx) {
  CLI::App* group = app.add_subcommand("child", _("Register, list, show, edit and close children"));

  auto add = std::make_shared<AddOptions>();
  CLI::App* cmd = group->add_subcommand("add", _("Register a child; prints the case reference"));
  cmd->add_option("--name", add->name, _("Full name as the family writes it"))->required();
  cmd->add_option("--birth-date", add->birth_date, _("Birth date, YYYY-MM-DD"))->required();
  cmd->add_option("--national-id", add->national_id,
                  _("Personnummer, samordningsnummer or Chinese resident id"));
  cmd->add_option("--id-scheme", add->scheme,
                  _("se-personnummer, se-samordningsnummer or cn-resident-id (default: inferred)"));
  cmd->add_option("--languages", add->languages, _("Languages, comma-separated codes (sv,ar)"));
  cmd->add_option("--school", add->school, _("School the child attends"));
  cmd->add_flag("--protected-identity", add->protected_identity,
                _("The child has protected personal data"));
  cmd->add_option("--responsible", add->responsible,
                  _("Account of the responsible social worker (default: you; supervisors may "
                    "name someone in their unit)"));
  cmd->callback([&ctx, add] { RunAdd(ctx, *add); });

  auto list = std::make_shared<ListOptions>();
  cmd = group->add_subcommand("list", _("List children"));
  cmd->add_option("--status", list->status, _("open (default), closed or all"))
      ->check(CLI::IsMember({"open", "closed", "all"}));
  cmd->add_option("--search", list->search, _("Only children whose name contains this text"));
  cmd->callback([&ctx, list] { RunList(ctx, *list); });

  auto ref = std::make_shared<std::string>();
  cmd = group->add_subcommand("show", _("Show a child with family network, restrictions and "
                                        "placements"));
  cmd->add_option("child", *ref, _("Case reference or uuid"))->required();
  cmd->callback([&ctx, ref] { RunShow(ctx, *ref); });

  auto edit = std::make_shared<EditOptions>();
  cmd = group->add_subcommand("edit", _("Change a child's details"));
  cmd->add_option("child", edit->ref, _("Case reference or uuid"))->required();
  cmd->add_option("--name", edit->name, _("New name"));
  cmd->add_option("--birth-date", edit->birth_date, _("New birth date, YYYY-MM-DD"));
  cmd->add_option("--national-id", edit->national_id, _("New national id; empty to remove"));
  cmd->add_option("--id-scheme", edit->scheme, _("Scheme of the national id"));
  cmd->add_option("--languages", edit->languages, _("Languages, comma-separated codes"));
  cmd->add_option("--school", edit->school, _("School"));
  cmd->add_option("--protected-identity", edit->protected_identity, _("yes or no"))
      ->check(CLI::IsMember({"yes", "no"}));
  cmd->add_option("--expected-version", edit->expected_version,
                  _("Refuse the edit if the child's version is no longer this"));
  cmd->callback([&ctx, edit] { RunEdit(ctx, *edit); });

  auto close = std::make_shared<CloseOptions>();
  cmd = group->add_subcommand("close", _("Close a child's case; the case reference is kept"));
  cmd->add_option("child", close->ref, _("Case reference or uuid"))->required();
  cmd->add_option("--reason", close->reason, _("Why the case is closed"))->required();
  cmd->add_option("--date", close->date, _("Closing date, YYYY-MM-DD (default: today)"));
  cmd->callback([&ctx, close] { RunClose(ctx, *close); });
}

}  // namespace kinbridge::cli
