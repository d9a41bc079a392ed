// kinbridge: the command-line tool for social workers and centre staff. main() only wires the
// command groups together; each lives in commands/.
#include <cstring>
#include <exception>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "commands/commands.h"
#include "context.h"
#include "kinbridge/i18n.h"
#include "kinbridge/version.h"
#include "tr.h"

namespace {

// --lang must take effect before the help texts are built, so it is read ahead of parsing.
std::string_view LanguageArgument(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--") break;
    if (arg == "--lang" && i + 1 < argc) return argv[i + 1];
    if (arg.starts_with("--lang=")) return arg.substr(7);
  }
  return {};
}

// The command path the user typed lacks a final command ("kinbridge child"): a usage message
// naming the commands that can follow, or "" when a command was given.
std::string MissingCommand(CLI::App& app) {
  CLI::App* current = &app;
  std::string path = "kinbridge";
  while (true) {
    std::vector<CLI::App*> chosen = current->get_subcommands();
    if (chosen.empty()) break;
    current = chosen.front();
    path += " " + current->get_name();
  }
  std::vector<CLI::App*> possible = current->get_subcommands([](CLI::App*) { return true; });
  if (possible.empty()) return "";
  std::string names;
  for (CLI::App* sub : possible) {
    if (!names.empty()) names += ", ";
    names += sub->get_name();
  }
  return kinbridge::cli::TrFormat("a command is required after `{}` (one of: {}); see `{} --help`",
                                  path, names, path);
}

int Run(int argc, char** argv) {
  using namespace kinbridge::cli;
  kinbridge::InitLocalization(LanguageArgument(argc, argv));

  Context ctx;
  CLI::App app(_("kinbridge: children in care, their contact plans and support-centre "
                 "activities"),
               "kinbridge");
  app.set_version_flag("--version", std::string("kinbridge ") + KINBRIDGE_VERSION_STRING);
  app.set_help_all_flag("--help-all", _("Show help for every command"));
  app.fallthrough();
  app.add_option(
      "-w,--workspace", ctx.options.workspace,
      _("Workspace file, or PostgreSQL database (postgresql://... or key=value; default: "
        "$KINBRIDGE_WORKSPACE, else ./kinbridge.db)"));
  app.add_option("--format", ctx.options.format, _("Output: table (default), json or csv"))
      ->check(CLI::IsMember({"table", "json", "csv"}));
  app.add_option("--today", ctx.options.today,
                 _("Treat this date as today, YYYY-MM-DD (default: $KINBRIDGE_TODAY, else the "
                   "municipality's date)"));
  app.add_option("--lang", ctx.options.lang, _("Language of messages: sv, zh_CN or en"));
  app.add_option("--as", ctx.options.as,
                 _("Act as this worker's account (demo and test workspaces only; default: "
                   "$KINBRIDGE_AS, else your own account)"));
  app.add_option("--purpose", ctx.options.purpose,
                 _("Why you access the data; logged with every entry (administrators need one "
                   "to read case data)"));

  SetupInitCommand(app, ctx);
  SetupChildCommand(app, ctx);
  SetupRelationCommand(app, ctx);
  SetupRestrictionCommand(app, ctx);
  SetupPlacementCommand(app, ctx);
  SetupUserCommand(app, ctx);
  SetupAuditCommand(app, ctx);
  SetupMethodCommand(app, ctx);
  SetupPlanCommand(app, ctx);
  SetupContactCommand(app, ctx);
  SetupCentreCommand(app, ctx);
  SetupActivityCommand(app, ctx);
  SetupSessionCommand(app, ctx);
  SetupReportCommand(app, ctx);
  SetupTransferCommand(app, ctx);
  SetupDemoCommand(app, ctx);
  SetupTodayCommand(app, ctx);
  SetupImportCommand(app, ctx);
  SetupExportCommand(app, ctx);
  SetupMigrateCommand(app, ctx);
  SetupManualCommands(app, ctx);

  // The shell's completion function asks here; not a command a person types.
  if (argc > 1 && std::string_view(argv[1]) == "__complete") {
    std::vector<std::string> words(argv + 2, argv + argc);
    for (const std::string& candidate : CompletionCandidates(app, words)) {
      std::cout << candidate << '\n';
    }
    return kExitOk;
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }
  if (std::string missing = MissingCommand(app); !missing.empty()) {
    ctx.FailUsage(missing);
    return kExitUsage;
  }
  return ctx.exit_code();
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return Run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "kinbridge: internal error: " << e.what()
              << " (please report this with the command you ran)\n";
  } catch (...) {
    std::cerr << "kinbridge: internal error (please report this with the command you ran)\n";
  }
  return kinbridge::cli::kExitError;
}
