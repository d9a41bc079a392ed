// kinbridge migrate: move a workspace to another database, e.g. from a SQLite file to
// PostgreSQL when one office's workspace grows into a multi-user deployment.
#include <memory>

#include "commands/commands.h"
#include "tr.h"

namespace kinbridge::cli {

namespace {

struct MigrateOptions {
  std::string from, to;
};

void RunMigrate(Context& ctx, const MigrateOptions& o) {
  if (!o.from.empty()) ctx.options.workspace = o.from;
  auto ws = ctx.OpenWorkspace();
  if (!ws) return;
  Result<WorkspaceMigration> moved = ws->MigrateTo(o.to);
  if (!moved.ok()) return ctx.Fail(moved.status());
  RowWriter writer(ctx.format(), ctx.out(), {{"table", _("Table")}, {"rows", _("Rows"), true}});
  for (const auto& [table, rows] : moved->tables) writer.Write({table, rows});
  writer.Finish();
  // Each count takes its own plural form; the sentence puts them together.
  const auto rows = static_cast<unsigned long>(moved->rows);
  const auto entries = static_cast<unsigned long>(moved->audit_entries);
  ctx.Note(TrFormat(
      "Copied workspace {} to {}: {} in {}, the same counts in both; the audit trail of {} "
      "verifies in the new database (newest hash {}).",
      moved->from, moved->to, TrPlural("{} row", "{} rows", rows, rows),
      TrPlural("{} table", "{} tables", moved->tables.size(), moved->tables.size()),
      TrPlural("{} entry", "{} entries", entries, entries), moved->audit_head_hash.substr(0, 12)));
  ctx.Note(
      TrFormat("Workers now use --workspace {} (or KINBRIDGE_WORKSPACE); the old "
               "workspace is unchanged but for the audit entry of this move.",
               moved->to));
}

}  // namespace

void SetupMigrateCommand(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<MigrateOptions>();
  CLI::App* cmd = app.add_subcommand(
      "migrate",
      _("Copy the whole workspace, audit trail included, into a new database (administrators)"));
  cmd->add_option("--from", o->from,
                  _("The workspace to copy (default: --workspace, $KINBRIDGE_WORKSPACE)"));
  cmd->add_option("--to", o->to,
                  _("The new workspace: a postgresql:// URL or key=value string naming an empty "
                    "database or schema, or a new SQLite file"))
      ->required();
  cmd->callback([&ctx, o] { RunMigrate(ctx, *o); });
}

}  // namespace kinbridge::cli
