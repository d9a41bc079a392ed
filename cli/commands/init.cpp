// kinbridge init: a new workspace for a municipality.
#include <memory>

#include "commands/commands.h"
#include "labels.h"
#include "tr.h"

namespace kinbridge::cli {

namespace {

struct InitOptions {
  std::string database;  // Default: the global --workspace
  std::string code, name, country, time_zone, locale;
  std::string admin_name;
  std::string mode = "production";
};

void RunInit(Context& ctx, const InitOptions& o) {
  if (!o.database.empty()) ctx.options.workspace = o.database;
  CreateOptions create;
  create.municipality.code = o.code;
  create.municipality.name = o.name;
  create.municipality.country = o.country;
  create.municipality.time_zone = o.time_zone;
  create.municipality.locale = o.locale;
  create.administrator_name = o.admin_name;
  create.mode = o.mode == "demo"   ? WorkspaceMode::kDemo
                : o.mode == "test" ? WorkspaceMode::kTest
                                   : WorkspaceMode::kProduction;
  Result<WorkspaceOptions> wo = ctx.MakeWorkspaceOptions();
  if (!wo.ok()) return ctx.Fail(wo.status());
  Result<Workspace> ws = Workspace::Create(ctx.WorkspacePath(), create, *wo);
  if (!ws.ok()) return ctx.Fail(ws.status());
  std::string admin;
  Status listed = ws->ForEachWorker([&](const Worker& w) {
    admin = w.os_account;
    return false;
  });
  if (!listed.ok()) return ctx.Fail(listed);
  const Municipality& m = ws->municipality();
  if (ctx.format() == OutputFormat::kTable) {
    ctx.Note(TrFormat("Created workspace {} for {} ({}), schema version {}.", ws->path(), m.name,
                      m.code, ws->schema_version()));
    ctx.Note(TrFormat("Administrator: {}. Register a child with `kinbridge child add`.", admin));
    return;
  }
  PrintRecord(ctx.format(), ctx.out(),
              Record{{{"workspace", _("Workspace"), ws->path()},
                      {"municipality_code", _("Municipality code"), m.code},
                      {"municipality_name", _("Municipality"), m.name},
                      {"country", _("Country"), m.country},
                      {"time_zone", _("Time zone"), m.time_zone},
                      {"locale", _("Locale"), m.locale},
                      {"mode", _("Mode"), WorkspaceModeLabel(ws->mode())},
                      {"schema_version", _("Schema version"), std::int64_t{ws->schema_version()}},
                      {"administrator", _("Administrator"), admin}},
                     {}});
}

}  // namespace

void SetupInitCommand(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<InitOptions>();
  CLI::App* cmd = app.add_subcommand(
      "init", _("Create a workspace for a municipality; you become its first administrator"));
  cmd->add_option("--database", o->database,
                  _("Where to create it: a new SQLite file, or an existing, empty PostgreSQL "
                    "database or schema as postgresql://... or key=value (default: --workspace)"));
  cmd->add_option("--code", o->code, _("Municipality code, prefix of case references (VAR)"))
      ->required();
  cmd->add_option("--name", o->name, _("Municipality name (Vara)"))->required();
  cmd->add_option("--country", o->country, _("ISO 3166 country code (SE, CN)"))->required();
  cmd->add_option("--time-zone", o->time_zone, _("IANA time zone (Europe/Stockholm)"))->required();
  cmd->add_option("--locale", o->locale, _("Locale of the municipality (sv_SE, zh_CN)"))
      ->required();
  cmd->add_option("--admin-name", o->admin_name,
                  _("Your name as administrator (default: your account name)"));
  cmd->add_option("--mode", o->mode, _("production, or demo/test for invented data"))
      ->check(CLI::IsMember({"production", "demo", "test"}));
  cmd->callback([&ctx, o] { RunInit(ctx, *o); });
}

}  // namespace kinbridge::cli
