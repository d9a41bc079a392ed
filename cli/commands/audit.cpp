// kinbridge audit log|verify: following up who accessed which child's data.
#include <memory>

#include "commands/commands.h"
#include "tr.h"
#include "views.h"

namespace kinbridge::cli {

namespace {

struct LogOptions {
  std::string child, worker, from, to;
};

void RunLog(Context& ctx, const LogOptions& o) {
  auto ws = ctx.OpenWorkspace();
  if (!ws) return;
  AuditQuery query;
  if (!o.child.empty()) query.child = o.child;
  if (!o.worker.empty()) query.worker_account = o.worker;
  if (!o.from.empty()) {
    auto from = ctx.ParseDate(o.from, "from");
    if (!from) return;
    query.from = *from;
  }
  if (!o.to.empty()) {
    auto to = ctx.ParseDate(o.to, "to");
    if (!to) return;
    query.to = *to;
  }
  RowWriter writer(ctx.format(), ctx.out(),
                   {{"sequence", _("No."), true},
                    {"at", _("Time (UTC)")},
                    {"worker", _("Worker")},
                    {"action", _("Action")},
                    {"entity", _("Record")},
                    {"children", _("Children")},
                    {"purpose", _("Purpose")},
                    {"details", _("Details")},
                    {"hash", _("Hash")}});
  Status status = ws->ForEachAuditEntry(query, [&](const AuditEntry& e) {
    writer.Write({e.sequence, TimestampValue(e.at), e.worker_account, AuditActionLabel(e.action),
                  AuditRecordLabel(e.entity_type, e.entity), ListValue(e.children), e.purpose,
                  e.details, ctx.format() == OutputFormat::kTable ? e.hash.substr(0, 12) : e.hash});
    return true;
  });
  if (!status.ok()) return ctx.Fail(status);
  writer.Finish();
}

void RunVerify(Context& ctx) {
  auto ws = ctx.OpenWorkspace();
  if (!ws) return;
  Result<AuditVerification> v = ws->VerifyAudit();
  if (!v.ok()) return ctx.Fail(v.status());
  if (ctx.format() == OutputFormat::kTable) {
    if (v->intact) {
      ctx.out() << TrPlural("The audit trail is intact: {} entry; the newest hash is {}.",
                            "The audit trail is intact: {} entries; the newest hash is {}.",
                            static_cast<unsigned long>(v->entries), v->entries, v->head_hash)
                << '\n';
    } else {
      ctx.out() << TrFormat("The audit trail is damaged at entry {}: {}", v->first_bad.value_or(0),
                            v->problem)
                << '\n';
    }
  } else {
    PrintRecord(ctx.format(), ctx.out(),
                Record{{{"intact", _("Intact"), v->intact},
                        {"entries", _("Entries"), v->entries},
                        {"first_bad", _("First bad entry"),
                         v->first_bad ? Value(*v->first_bad) : Value(std::monostate{})},
                        {"problem", _("Problem"), v->problem},
                        {"head_hash", _("Newest hash"), v->head_hash}},
                       {}});
  }
  if (!v->intact) ctx.SetExitCode(kExitAuditDamaged);
}

}  // namespace

void SetupAuditCommand(CLI::App& app, Context& ctx) {
  CLI::App* group = app.add_subcommand("audit", _("The audit trail of every access"));
  group->require_subcommand(1);

  auto log = std::make_shared<LogOptions>();
  CLI::App* cmd = group->add_subcommand("log", _("Show audit entries, oldest first"));
  cmd->add_option("--child", log->child, _("Only entries about this child"));
  cmd->add_option("--worker", log->worker, _("Only entries by this worker's account"));
  cmd->add_option("--from", log->from, _("From this day, YYYY-MM-DD (UTC)"));
  cmd->add_option("--to", log->to, _("To this day, YYYY-MM-DD (UTC)"));
  cmd->callback([&ctx, log] { RunLog(ctx, *log); });

  cmd = group->add_subcommand(
      "verify", _("Check the hash chain; names the first edited, deleted or reordered entry"));
  cmd->callback([&ctx] { RunVerify(ctx); });
}

}  // namespace kinbridge::cli
