// kinbridge placement add|end|list: where a child lives, on what legal basis.
#include <memory>

#include "commands/commands.h"
#include "tr.h"
#include "views.h"

namespace kinbridge::cli {

namespace {

struct AddOptions {
  std::string child, type, basis, legal_code, caregivers, start, address;
  bool address_protected = false;
};

void PrintOne(Context& ctx, const Placement& p) {
  if (ctx.format() == OutputFormat::kTable) return;
  RowWriter writer(ctx.format(), ctx.out(), PlacementColumns());
  writer.Write(PlacementRow(p));
  writer.Finish();
}

void RunAdd(Context& ctx, const AddOptions& o) {
  auto ws = ctx.OpenWorkspace();
  if (!ws) return;
  NewPlacement in;
  Result<PlacementType> type = ParsePlacementType(o.type);
  if (!type.ok()) return ctx.Fail(type.status());
  in.type = *type;
  Result<LegalBasis> basis = ParseLegalBasis(o.basis);
  if (!basis.ok()) return ctx.Fail(basis.status());
  in.legal_basis = *basis;
  in.legal_code = o.legal_code;
  in.caregivers = o.caregivers;
  auto start = ctx.ParseDate(o.start, N_("start"));
  if (!start) return;
  in.start = *start;
  in.address = o.address;
  in.address_protected = o.address_protected;
  Result<Placement> p = ws->AddPlacement(o.child, in);
  if (!p.ok()) return ctx.Fail(p.status());
  ctx.Note(TrFormat("Added placement {} ({}) for child {} from {}.", p->id,
                    PlacementTypeLabel(p->type).text, p->child_case_reference,
                    LocalDate(p->start.ToString())));
  PrintOne(ctx, *p);
}

struct EndOptions {
  std::int64_t id = 0;
  std::string date, reason;
};

void RunEnd(Context& ctx, const EndOptions& o) {
  auto ws = ctx.OpenWorkspace();
  if (!ws) return;
  auto end = ctx.ParseDate(o.date, N_("end date"));
  if (!end) return;
  Result<Placement> p = ws->EndPlacement(o.id, *end, o.reason);
  if (!p.ok()) return ctx.Fail(p.status());
  ctx.Note(TrFormat("Ended placement {} of child {} on {}.", p->id, p->child_case_reference,
                    LocalDate(end->ToString())));
  PrintOne(ctx, *p);
}

void RunList(Context& ctx, const std::string& child) {
  auto ws = ctx.OpenWorkspace();
  if (!ws) return;
  RowWriter writer(ctx.format(), ctx.out(), PlacementColumns());
  Status status = ws->ForEachPlacement(child, [&](const Placement& p) {
    writer.Write(PlacementRow(p));
    return true;
  });
  if (!status.ok()) return ctx.Fail(status);
  writer.Finish();
}

}  // namespace

void SetupPlacementCommand(CLI::App& app, Context& ctx) {
  CLI::App* group = app.add_subcommand("placement", _("Placements: where a child lives"));

  auto add = std::make_shared<AddOptions>();
  CLI::App* cmd = group->add_subcommand("add", _("Record a placement"));
  cmd->add_option("--child", add->child, _("Case reference or uuid"))->required();
  cmd->add_option("--type", add->type,
                  _("foster-family, kinship, residential, left-behind or own-home"))
      ->required();
  cmd->add_option("--basis", add->basis, _("voluntary or compulsory"))->required();
  cmd->add_option("--law", add->legal_code, _("Legal provision, e.g. \"LVU 2 §\""));
  cmd->add_option("--caregivers", add->caregivers, _("Who the child lives with"));
  cmd->add_option("--start", add->start, _("Start date, YYYY-MM-DD"))->required();
  cmd->add_option("--address", add->address, _("Address of the placement"));
  cmd->add_flag("--protected-address", add->address_protected,
                _("Show the address only to those who need it"));
  cmd->callback([&ctx, add] { RunAdd(ctx, *add); });

  auto end = std::make_shared<EndOptions>();
  cmd = group->add_subcommand("end", _("End a placement"));
  cmd->add_option("placement", end->id, _("Placement id"))->required();
  cmd->add_option("--date", end->date, _("The day the child moved out, YYYY-MM-DD"))->required();
  cmd->add_option("--reason", end->reason, _("Reason for the change"))->required();
  cmd->callback([&ctx, end] { RunEnd(ctx, *end); });

  auto child = std::make_shared<std::string>();
  cmd = group->add_subcommand("list", _("List a child's placements"));
  cmd->add_option("--child", *child, _("Case reference or uuid"))->required();
  cmd->callback([&ctx, child] { RunList(ctx, *child); });
}

}  // namespace kinbridge::cli
