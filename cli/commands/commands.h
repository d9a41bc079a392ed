// One function per command group; main.cpp wires them into the application.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>

#include "context.h"

namespace kinbridge::cli {

void SetupInitCommand(CLI::App& app, Context& ctx);
void SetupChildCommand(CLI::App& app, Context& ctx);
void SetupRelationCommand(CLI::App& app, Context& ctx);
void SetupRestrictionCommand(CLI::App& app, Context& ctx);
void SetupPlacementCommand(CLI::App& app, Context& ctx);
void SetupUserCommand(CLI::App& app, Context& ctx);  // also `whoami`
void SetupAuditCommand(CLI::App& app, Context& ctx);
void SetupMethodCommand(CLI::App& app, Context& ctx);
void SetupPlanCommand(CLI::App& app, Context& ctx);
void SetupContactCommand(CLI::App& app, Context& ctx);
void SetupCentreCommand(CLI::App& app, Context& ctx);    // also school, staff, training
void SetupActivityCommand(CLI::App& app, Context& ctx);  // also group
void SetupSessionCommand(CLI::App& app, Context& ctx);   // also attendance
void SetupReportCommand(CLI::App& app, Context& ctx);
// `report child` and `report centre` (rows, or a page with charts), under `report`.
void SetupReportPages(CLI::App& report, Context& ctx);
void SetupTransferCommand(CLI::App& app, Context& ctx);
void SetupDemoCommand(CLI::App& app, Context& ctx);
void SetupManualCommands(CLI::App& app, Context& ctx);  // manpage, completion

// What may follow `words` on a kinbridge command line: commands and option names, or nothing
// where a value is expected (the shell then completes file names).
std::vector<std::string> CompletionCandidates(CLI::App& app, const std::vector<std::string>& words);

// `demo --size N`: a generated workspace instead of the story (demo_synthetic.cpp).
struct SyntheticDemoRequest {
  std::int64_t size = 0;  // children; 0: the story demo
  std::uint64_t seed = 1;
  std::string profile = "vara";
  bool quiet = false;
};
void RunSyntheticDemo(Context& ctx, const SyntheticDemoRequest& request);
// Installs the built-in method plugins (Vara's and Huangshan's) as an administrator would;
// `installed` collects their file names (demo.cpp).
Status InstallBuiltInMethods(Workspace& admin, std::vector<std::string>& installed);
void SetupTodayCommand(CLI::App& app, Context& ctx);
void SetupImportCommand(CLI::App& app, Context& ctx);
void SetupExportCommand(CLI::App& app, Context& ctx);
void SetupMigrateCommand(CLI::App& app, Context& ctx);

}  // namespace kinbridge::cli
