// kinbridge relation add|list: the child's family network.
#include <memory>

#include "commands/commands.h"
#include "tr.h"
#include "views.h"

namespace kinbridge::cli {

namespace {

struct AddOptions {
  std::string child, name, kind, description, birth_date, registered_child;
  bool caregiver = false;
  std::string in_contact = "yes";
};

void RunAdd(Context& ctx, const AddOptions& o) {
  auto ws = ctx.OpenWorkspace();
  if (!ws) return;
  NewRelation in;
  in.person_name = o.name;
  Result<RelationKind> kind = ParseRelationKind(o.kind);
  if (!kind.ok()) return ctx.Fail(kind.status());
  in.kind = *kind;
  in.description = o.description;
  if (!o.birth_date.empty()) {
    auto birth = ctx.ParseDate(o.birth_date, N_("birth date"));
    if (!birth) return;
    in.birth_date = *birth;
  }
  in.caregiver = o.caregiver;
  in.in_contact = o.in_contact == "yes";
  in.registered_child = o.registered_child;
  Result<Relation> relation = ws->AddRelation(o.child, in);
  if (!relation.ok()) return ctx.Fail(relation.status());
  ctx.Note(TrFormat("Added relation {}: {} ({}) of child {}.", relation->id, relation->person_name,
                    RelationKindLabel(relation->kind).text, relation->child_case_reference));
  if (ctx.format() != OutputFormat::kTable) {
    RowWriter writer(ctx.format(), ctx.out(), RelationColumns());
    writer.Write(RelationRow(*relation));
    writer.Finish();
  }
}

void RunList(Context& ctx, const std::string& child) {
  auto ws = ctx.OpenWorkspace();
  if (!ws) return;
  RowWriter writer(ctx.format(), ctx.out(), RelationColumns());
  Status status = ws->ForEachRelation(child, [&](const Relation& r) {
    writer.Write(RelationRow(r));
    return true;
  });
  if (!status.ok()) return ctx.Fail(status);
  writer.Finish();
}

}  // namespace

void SetupRelationCommand(CLI::App& app, Context& ctx) {
  CLI::App* group = app.add_subcommand("relation", _("The child's family network"));

  auto add = std::make_shared<AddOptions>();
  CLI::App* cmd = group->add_subcommand("add", _("Add a person to a child's family network"));
  cmd->add_option("--child", add->child, _("Case reference or uuid"))->required();
  cmd->add_option("--name", add->name, _("The person's name"))->required();
  cmd->add_option("--kind", add->kind, _("mother, father, sibling, grandparent or other"))
      ->required();
  cmd->add_option("--description", add->description,
                  _("More precisely, e.g. maternal grandmother"));
  cmd->add_option("--birth-date", add->birth_date, _("Birth date, YYYY-MM-DD"));
  cmd->add_flag("--caregiver", add->caregiver, _("Cares for the child day to day"));
  cmd->add_option("--in-contact", add->in_contact, _("yes (default) or no"))
      ->check(CLI::IsMember({"yes", "no"}));
  cmd->add_option("--registered-child", add->registered_child,
                  _("A sibling who is also a registered child: their case reference (keeps "
                    "siblings together in groups)"));
  cmd->callback([&ctx, add] { RunAdd(ctx, *add); });

  auto child = std::make_shared<std::string>();
  cmd = group->add_subcommand("list", _("List a child's family network"));
  cmd->add_option("--child", *child, _("Case reference or uuid"))->required();
  cmd->callback([&ctx, child] { RunList(ctx, *child); });
}

}  // namespace kinbridge::cli
