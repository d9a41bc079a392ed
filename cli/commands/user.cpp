// kinbridge user add|list|grant|revoke|assign|history, and kinbridge whoami.
#include <memory>

#include "commands/commands.h"
#include "tr.h"
#include "views.h"

namespace kinbridge::cli {

namespace {

std::vector<Column> WorkerColumns() {
  return {{"account", _("Account")},
          {"name", _("Name")},
          {"unit", _("Unit")},
          {"roles", _("Roles")},
          {"active", _("Active")}};
}

std::vector<Value> WorkerRow(const Worker& w) {
  return {w.os_account, w.name, w.unit, RolesLabel(w.roles), w.active};
}

void PrintWorker(Context& ctx, const Worker& w) {
  if (ctx.format() == OutputFormat::kTable) return;
  RowWriter writer(ctx.format(), ctx.out(), WorkerColumns());
  writer.Write(WorkerRow(w));
  writer.Finish();
}

bool ParseRoles(Context& ctx, const std::vector<std::string>& names, std::vector<Role>& roles) {
  for (const std::string& name : names) {
    Result<Role> role = ParseRole(name);
    if (!role.ok()) {
      ctx.Fail(role.status());
      return false;
    }
    roles.push_back(*role);
  }
  return true;
}

struct AddOptions {
  std::string account, name, unit;
  std::vector<std::string> roles;
};

void RunAdd(Context& ctx, const AddOptions& o) {
  auto ws = ctx.OpenWorkspace();
  if (!ws) return;
  NewWorker in;
  in.os_account = o.account;
  in.name = o.name;
  in.unit = o.unit;
  if (!ParseRoles(ctx, o.roles, in.roles)) return;
  Result<Worker> worker = ws->AddWorker(in);
  if (!worker.ok()) return ctx.Fail(worker.status());
  ctx.Note(TrFormat("Added worker {} ({}).", worker->os_account, worker->name));
  PrintWorker(ctx, *worker);
}

void RunList(Context& ctx) {
  auto ws = ctx.OpenWorkspace();
  if (!ws) return;
  RowWriter writer(ctx.format(), ctx.out(), WorkerColumns());
  Status status = ws->ForEachWorker([&](const Worker& w) {
    writer.Write(WorkerRow(w));
    return true;
  });
  if (!status.ok()) return ctx.Fail(status);
  writer.Finish();
}

struct RoleOptions {
  std::string account, role;
};

void RunRole(Context& ctx, const RoleOptions& o, bool grant) {
  auto ws = ctx.OpenWorkspace();
  if (!ws) return;
  Result<Role> role = ParseRole(o.role);
  if (!role.ok()) return ctx.Fail(role.status());
  Result<Worker> worker =
      grant ? ws->GrantRole(o.account, *role) : ws->RevokeRole(o.account, *role);
  if (!worker.ok()) return ctx.Fail(worker.status());
  ctx.Note(grant ? TrFormat("Granted {} to {}.", RoleLabel(*role).text, worker->os_account)
                 : TrFormat("Revoked {} from {}.", RoleLabel(*role).text, worker->os_account));
  PrintWorker(ctx, *worker);
}

struct AssignOptions {
  std::string child, worker, note;
};

std::vector<Column> AssignmentColumns() {
  return {{"child", _("Child")},        {"account", _("Account")},
          {"name", _("Worker")},        {"assigned_at", _("Responsible from")},
          {"released_at", _("Until")},  {"assigned_by", _("Assigned by")},
          {"note", _("Hand-over note")}};
}

std::vector<Value> AssignmentRow(const CaseloadAssignment& a) {
  return {a.child_case_reference,
          a.worker_account,
          a.worker_name,
          TimestampValue(a.assigned_at),
          a.released_at ? TimestampValue(*a.released_at) : Value(std::monostate{}),
          a.assigned_by,
          a.note};
}

void RunAssign(Context& ctx, const AssignOptions& o) {
  auto ws = ctx.OpenWorkspace();
  if (!ws) return;
  Result<CaseloadAssignment> a = ws->AssignChild(o.child, o.worker, o.note);
  if (!a.ok()) return ctx.Fail(a.status());
  ctx.Note(
      TrFormat("{} is now responsible for child {}.", a->worker_account, a->child_case_reference));
  if (ctx.format() != OutputFormat::kTable) {
    RowWriter writer(ctx.format(), ctx.out(), AssignmentColumns());
    writer.Write(AssignmentRow(*a));
    writer.Finish();
  }
}

void RunHistory(Context& ctx, const std::string& child) {
  auto ws = ctx.OpenWorkspace();
  if (!ws) return;
  RowWriter writer(ctx.format(), ctx.out(), AssignmentColumns());
  Status status = ws->ForEachAssignment(child, [&](const CaseloadAssignment& a) {
    writer.Write(AssignmentRow(a));
    return true;
  });
  if (!status.ok()) return ctx.Fail(status);
  writer.Finish();
}

void RunWhoami(Context& ctx) {
  auto ws = ctx.OpenWorkspace();
  if (!ws) return;
  const Worker& w = ws->acting_worker();
  PrintRecord(ctx.format(), ctx.out(),
              Record{{{"account", _("Account"), w.os_account},
                      {"name", _("Name"), w.name},
                      {"unit", _("Unit"), w.unit},
                      {"roles", _("Roles"), RolesLabel(w.roles)},
                      {"municipality", _("Municipality"), ws->municipality().name},
                      {"workspace", _("Workspace"), ws->path()},
                      {"mode", _("Mode"), WorkspaceModeLabel(ws->mode())},
                      {"purpose", _("Purpose"), ws->purpose()}},
                     {}});
}

}  // namespace

void SetupUserCommand(CLI::App& app, Context& ctx) {
  CLI::App* group =
      app.add_subcommand("user", _("Workers, their roles and caseloads (administrators)"));
  group->require_subcommand(1);

  auto add = std::make_shared<AddOptions>();
  CLI::App* cmd = group->add_subcommand("add", _("Add a worker for an operating-system account"));
  cmd->add_option("--account", add->account, _("The worker's login name"))->required();
  cmd->add_option("--name", add->name, _("The worker's name"))->required();
  cmd->add_option("--role", add->roles,
                  _("social-worker, supervisor, centre-staff, teacher, method-designer or "
                    "administrator; repeat for several"))
      ->required();
  cmd->add_option("--unit", add->unit, _("The worker's unit or team"));
  cmd->callback([&ctx, add] { RunAdd(ctx, *add); });

  cmd = group->add_subcommand("list", _("List workers"));
  cmd->callback([&ctx] { RunList(ctx); });

  auto grant = std::make_shared<RoleOptions>();
  cmd = group->add_subcommand("grant", _("Give a worker a role"));
  cmd->add_option("account", grant->account, _("The worker's account"))->required();
  cmd->add_option("--role", grant->role, _("The role"))->required();
  cmd->callback([&ctx, grant] { RunRole(ctx, *grant, true); });

  auto revoke = std::make_shared<RoleOptions>();
  cmd = group->add_subcommand("revoke", _("Take a role from a worker"));
  cmd->add_option("account", revoke->account, _("The worker's account"))->required();
  cmd->add_option("--role", revoke->role, _("The role"))->required();
  cmd->callback([&ctx, revoke] { RunRole(ctx, *revoke, false); });

  auto assign = std::make_shared<AssignOptions>();
  cmd = group->add_subcommand(
      "assign", _("Make a worker responsible for a child (hand-over from the previous one)"));
  cmd->add_option("--child", assign->child, _("Case reference or uuid"))->required();
  cmd->add_option("--worker", assign->worker, _("The new responsible worker's account"))
      ->required();
  cmd->add_option("--note", assign->note, _("Hand-over note"));
  cmd->callback([&ctx, assign] { RunAssign(ctx, *assign); });

  auto child = std::make_shared<std::string>();
  cmd = group->add_subcommand("history", _("Who has been responsible for a child"));
  cmd->add_option("--child", *child, _("Case reference or uuid"))->required();
  cmd->callback([&ctx, child] { RunHistory(ctx, *child); });

  cmd = app.add_subcommand("whoami", _("Show who you act as in this workspace"));
  cmd->callback([&ctx] { RunWhoami(ctx); });
}

}  // namespace kinbridge::cli
