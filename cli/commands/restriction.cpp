// kinbridge restriction add|list|lift: decisions that limit contact with a relation.
#include <memory>

#include "commands/commands.h"
#include "tr.h"
#include "views.h"

namespace kinbridge::cli {

namespace {

struct AddOptions {
  std::int64_t relation = 0;
  std::string kind, decision, reason, from, to, review;
};

void PrintOne(Context& ctx, const Restriction& s, Date today) {
  if (ctx.format() == OutputFormat::kTable) return;
  RowWriter writer(ctx.format(), ctx.out(), RestrictionColumns(true));
  writer.Write(RestrictionRow(s, true, today));
  writer.Finish();
}

void RunAdd(Context& ctx, const AddOptions& o) {
  auto ws = ctx.OpenWorkspace();
  if (!ws) return;
  NewRestriction in;
  Result<RestrictionKind> kind = ParseRestrictionKind(o.kind);
  if (!kind.ok()) return ctx.Fail(kind.status());
  in.kind = *kind;
  in.decision_reference = o.decision;
  in.reason = o.reason;
  auto from = ctx.ParseDate(o.from, N_("valid from"));
  if (!from) return;
  in.valid_from = *from;
  if (!o.to.empty()) {
    auto to = ctx.ParseDate(o.to, N_("valid to"));
    if (!to) return;
    in.valid_to = *to;
  }
  if (!o.review.empty()) {
    auto review = ctx.ParseDate(o.review, N_("review date"));
    if (!review) return;
    in.review_date = *review;
  }
  Result<Restriction> s = ws->AddRestriction(o.relation, in);
  if (!s.ok()) return ctx.Fail(s.status());
  ctx.Note(TrFormat("Added restriction {} ({}) on {} for child {}; review by {}.", s->id,
                    RestrictionKindLabel(s->kind).text, s->relation_person_name,
                    s->child_case_reference, LocalDate(s->review_date.ToString())));
  for (std::int64_t plan : s->plans_put_under_review) {
    ctx.Note(
        TrFormat("Contact plan {} is now under review: change it and approve it again.", plan));
  }
  if (s->events_cancelled > 0) {
    ctx.Note(TrFormat("Cancelled {} scheduled contact events that the restriction forbids.",
                      s->events_cancelled));
  }
  PrintOne(ctx, *s, ws->Today());
}

struct ListOptions {
  std::string child;
  bool all = false;
};

void RunList(Context& ctx, const ListOptions& o) {
  auto ws = ctx.OpenWorkspace();
  if (!ws) return;
  RestrictionQuery query;
  if (!o.child.empty()) query.child = o.child;
  query.include_ended = o.all;
  const Date today = ws->Today();
  RowWriter writer(ctx.format(), ctx.out(), RestrictionColumns(true));
  Status status = ws->ForEachRestriction(query, [&](const Restriction& s) {
    writer.Write(RestrictionRow(s, true, today));
    return true;
  });
  if (!status.ok()) return ctx.Fail(status);
  writer.Finish();
}

struct LiftOptions {
  std::int64_t id = 0;
  std::string date, reason;
};

void RunLift(Context& ctx, const LiftOptions& o) {
  auto ws = ctx.OpenWorkspace();
  if (!ws) return;
  Date on = ws->Today();
  if (!o.date.empty()) {
    auto parsed = ctx.ParseDate(o.date, N_("lifting date"));
    if (!parsed) return;
    on = *parsed;
  }
  Result<Restriction> s = ws->LiftRestriction(o.id, on, o.reason);
  if (!s.ok()) return ctx.Fail(s.status());
  ctx.Note(TrFormat("Lifted restriction {} on {} (child {}).", s->id, LocalDate(on.ToString()),
                    s->child_case_reference));
  PrintOne(ctx, *s, ws->Today());
}

}  // namespace

void SetupRestrictionCommand(CLI::App& app, Context& ctx) {
  CLI::App* group =
      app.add_subcommand("restriction", _("Contact restrictions on a child's relations"));

  auto add = std::make_shared<AddOptions>();
  CLI::App* cmd = group->add_subcommand("add", _("Record a decision restricting contact"));
  cmd->add_option("--relation", add->relation, _("Relation id (see `relation list`)"))->required();
  cmd->add_option("--kind", add->kind, _("supervised-only, no-contact or secret-address"))
      ->required();
  cmd->add_option("--decision", add->decision, _("Reference of the decision"))->required();
  cmd->add_option("--reason", add->reason, _("Reason for the restriction"))->required();
  cmd->add_option("--from", add->from, _("Valid from, YYYY-MM-DD"))->required();
  cmd->add_option("--to", add->to, _("Valid to, YYYY-MM-DD (default: until lifted)"));
  cmd->add_option("--review", add->review,
                  _("Reconsider by, YYYY-MM-DD (default and, in Sweden, at most: 3 months)"));
  cmd->callback([&ctx, add] { RunAdd(ctx, *add); });

  auto list = std::make_shared<ListOptions>();
  cmd = group->add_subcommand("list", _("List restrictions in force"));
  cmd->add_option("--child", list->child, _("Only this child's (case reference or uuid)"));
  cmd->add_flag("--all", list->all, _("Lifted and expired restrictions too"));
  cmd->callback([&ctx, list] { RunList(ctx, *list); });

  auto lift = std::make_shared<LiftOptions>();
  cmd = group->add_subcommand("lift", _("Lift a restriction; it stays in the history"));
  cmd->add_option("restriction", lift->id, _("Restriction id"))->required();
  cmd->add_option("--reason", lift->reason, _("Why it is lifted (e.g. the new decision)"))
      ->required();
  cmd->add_option("--date", lift->date, _("Lifting date, YYYY-MM-DD (default: today)"));
  cmd->callback([&ctx, lift] { RunLift(ctx, *lift); });
}

}  // namespace kinbridge::cli
