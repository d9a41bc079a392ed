// kinbridge demo --size N: a generated workspace of N invented children (kinbridge/synthetic.h),
// for trying kinbridge at the scale of a municipality and for the benchmarks. The story demo
// (demo.cpp) is unchanged; this one tells no story, it reports what it made.
#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "commands/commands.h"
#include "kinbridge/synthetic.h"
#include "tr.h"
#include "views.h"

namespace kinbridge::cli {

void RunSyntheticDemo(Context& ctx, const SyntheticDemoRequest& request) {
  namespace fs = std::filesystem;
  if (request.size < 1) {
    return ctx.FailUsage(
        TrFormat("--size {} is not a number of children (expected 1 or more)", request.size));
  }
  SyntheticOptions options;
  options.children = request.size;
  options.seed = request.seed;
  if (request.profile == "huangshan") {
    options.profile = SyntheticProfile::kHuangshan;
  } else if (request.profile != "vara") {
    return ctx.FailUsage(
        TrFormat("--profile {} is not known (expected vara or huangshan)", request.profile));
  }
  const bool vara = options.profile == SyntheticProfile::kVara;
  const std::string path =
      ctx.options.workspace.empty()
          ? fmt::format("kinbridge-demo-{}-{}.db", vara ? "vara" : "huangshan", request.size)
          : ctx.WorkspacePath();
  Result<WorkspaceOptions> wo = ctx.MakeWorkspaceOptions();
  if (!wo.ok()) return ctx.Fail(wo.status());
  wo->account.clear();
  wo->purpose.clear();
  std::error_code ec;
  if (fs::exists(path, ec)) {
    // Replace an earlier demo, never anything else.
    Result<Workspace> old = Workspace::Open(path, *wo);
    if (!old.ok() || old->mode() != WorkspaceMode::kDemo) {
      return ctx.Fail(Status::AlreadyExists(
          TrFormat("{} exists and is not a demo workspace; the demo will not overwrite it (give "
                   "--workspace another path)",
                   path)));
    }
  }
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix, ec);

  CreateOptions create;
  create.municipality = vara ? Municipality{0, "", "VAR", "Vara", "SE", "sv_SE", "Europe/Stockholm"}
                             : Municipality{0, "", "HSN", "黄山市", "CN", "zh_CN", "Asia/Shanghai"};
  create.mode = WorkspaceMode::kDemo;
  Result<Workspace> admin = Workspace::Create(path, create, *wo);
  if (!admin.ok()) return ctx.Fail(admin.status());
  std::vector<std::string> installed;
  if (Status s = InstallBuiltInMethods(*admin, installed); !s.ok()) return ctx.Fail(s);
  Result<SyntheticSummary> made = GenerateWorkspace(*admin, options);
  if (!made.ok()) return ctx.Fail(made.status());
  ctx.Note(TrFormat(
      "Generated demo workspace {} (seed {}, today is {}); act as a social worker "
      "with --as {}.",
      path, options.seed, LocalDate(admin->Today().ToString()), SyntheticWorkerAccount(0)));
  if (request.quiet) return;
  const SyntheticSummary& s = *made;
  Record record{{{"workspace", _("Workspace"), path},
                 {"seed", _("Seed"), static_cast<std::int64_t>(options.seed)},
                 {"workers", _("Workers"), s.workers},
                 {"children", _("Children"), s.children},
                 {"relations", _("Relations"), s.relations},
                 {"restrictions", _("Restrictions"), s.restrictions},
                 {"placements", _("Placements"), s.placements},
                 {"plans", _("Active plans"), s.plans},
                 {"events_scheduled", _("Contact events scheduled"), s.events_scheduled},
                 {"events_logged", _("Contact events logged"), s.events_logged},
                 {"centres", _("Centres"), s.sites},
                 {"activities", _("Activities"), s.activities},
                 {"enrolments", _("Enrolments"), s.enrolments},
                 {"sessions_recorded", _("Sessions recorded"), s.sessions_recorded},
                 {"attendance_marks", _("Attendance marks"), s.attendance_marks}},
                {}};
  PrintRecord(ctx.format(), ctx.out(), record);
}

}  // namespace kinbridge::cli
