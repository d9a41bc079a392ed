// One function per command group; main.cpp wires them into the application.
#pragma once

#include <CLI/CLI.hpp>

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
void SetupTransferCommand(CLI::App& app, Context& ctx);
void SetupDemoCommand(CLI::App& app, Context& ctx);
void SetupMigrateCommand(CLI::App& app, Context& ctx);

}  // namespace kinbridge::cli
