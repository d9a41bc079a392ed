// kinbridge: the command-line tool for social workers and centre staff. main() only wires the
// command groups together; each lives in commands/.
#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <iostream>
#include <limits>
#include <memory>
#include <regex>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "commands/commands.h"
#include "context.h"
#include "kinbridge/i18n.h"
#include "kinbridge/text.h"
#include "kinbridge/version.h"
#include "tr.h"

namespace {

// The value of a global option, read ahead of parsing: --lang must take effect before the help
// texts are built, and --format before a command line that does not parse is reported.
std::string_view GlobalArgument(int argc, char** argv, std::string_view option) {
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--") break;
    if (arg == option && i + 1 < argc) return argv[i + 1];
    if (arg.starts_with(option) && arg.size() > option.size() && arg[option.size()] == '=') {
      return arg.substr(option.size() + 1);
    }
  }
  return {};
}

// The deepest command the user typed and its path ("kinbridge child add").
CLI::App* TypedCommand(CLI::App& app, std::string& path) {
  CLI::App* current = &app;
  path = "kinbridge";
  while (true) {
    std::vector<CLI::App*> chosen = current->get_subcommands();
    if (chosen.empty()) break;
    current = chosen.front();
    path += " " + current->get_name();
  }
  return current;
}

// The command path the user typed lacks a final command ("kinbridge child"): a usage message
// naming the commands that can follow, or "" when a command was given.
std::string MissingCommand(CLI::App& app) {
  std::string path;
  CLI::App* current = TypedCommand(app, path);
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

// CLI11 words its parse errors in English; they are said again in the user's language, naming
// the option and the value. The patterns follow CLI11's messages; one not recognised keeps its
// English words rather than lose them.
// CLI11 pads the option and command column by bytes; Chinese names and value types ("文本")
// take three bytes for two columns, so the descriptions would not line up. This pads by
// display width, otherwise as CLI11 does.
class WidthFormatter : public CLI::Formatter {
 public:
  std::string make_option(const CLI::Option* opt, bool is_positional) const override {
    return Line(make_option_name(opt, is_positional) + make_option_opts(opt),
                make_option_desc(opt));
  }
  std::string make_subcommand(const CLI::App* sub) const override {
    return Line(sub->get_display_name(true), sub->get_description());
  }

 private:
  std::string Line(const std::string& name, const std::string& description) const {
    const std::string indent(column_width_, ' ');
    std::string out = "  " + name;
    const std::size_t width = 2 + kinbridge::DisplayWidth(name);
    if (!description.empty()) {
      out += width >= column_width_ ? "\n" + indent : std::string(column_width_ - width, ' ');
      for (const char c : description) {
        out += c;
        if (c == '\n') out += indent;
      }
    } else if (width < column_width_) {
      out += std::string(column_width_ - width, ' ');
    }
    return out + "\n";
  }
};

// A whole number within the 64-bit range of the option's type; other text is left to CLI11's own
// conversion error.
CLI::Validator FitsCheck(bool is_unsigned) {
  return CLI::Validator(
      [is_unsigned](std::string& text) -> std::string {
        const char* first = text.data();
        const char* last = text.data() + text.size();
        std::errc ec;
        if (is_unsigned) {
          std::uint64_t value = 0;
          ec = std::from_chars(first, last, value).ec;
        } else {
          std::int64_t value = 0;
          ec = std::from_chars(first, last, value).ec;
        }
        if (ec != std::errc::result_out_of_range) return {};
        return is_unsigned ? "Value " + text + " not in range 0 to " +
                                 std::to_string(std::numeric_limits<std::uint64_t>::max())
                           : "Value " + text + " not in range " +
                                 std::to_string(std::numeric_limits<std::int64_t>::min()) + " to " +
                                 std::to_string(std::numeric_limits<std::int64_t>::max());
      },
      "");
}

// The words CLI11 writes into every help screen ("Usage", "Options", "REQUIRED", "TEXT"...), in
// the user's language. The formatter is one object shared by every command; groups, the help
// flag's text and value types belong to each command and option.
void LocalizeHelp(CLI::App& app) {
  using kinbridge::cli::C_;
  if (app.get_parent() == nullptr) {
    // Commands share their parent's formatter from when they are made: give every one this.
    auto formatter = std::make_shared<WidthFormatter>();
    std::vector<CLI::App*> all = {&app};
    for (std::size_t i = 0; i < all.size(); ++i) {
      all[i]->formatter(formatter);
      for (CLI::App* sub : all[i]->get_subcommands([](CLI::App*) { return true; })) {
        all.push_back(sub);
      }
    }
    formatter->label("Usage", C_("help", "Usage"));
    formatter->label("OPTIONS", C_("help", "OPTIONS"));
    formatter->label("SUBCOMMAND", C_("help", "SUBCOMMAND"));
    formatter->label("SUBCOMMANDS", C_("help", "SUBCOMMANDS"));
    formatter->label("Positionals", C_("help", "Positionals"));
    formatter->label("REQUIRED", C_("help", "REQUIRED"));
    formatter->label("Env", C_("help", "Env"));
    formatter->label("Needs", C_("help", "Needs"));
    formatter->label("Excludes", C_("help", "Excludes"));
  }
  if (CLI::Option* help = app.get_help_ptr(); help != nullptr) {
    help->description(C_("help", "Print this help message and exit"));
  }
  if (app.get_group() == "Subcommands") app.group(C_("help", "Subcommands"));
  for (CLI::Option* option : app.get_options()) {
    if (option->get_group() == "Options") option->group(C_("help", "Options"));
    // The value's type, before any ":" that a check adds ("TEXT:{table,json,csv}").
    const std::string type = option->get_type_name();
    const std::string base = type.substr(0, type.find(':'));
    const char* translated = base == "TEXT"    ? C_("value type", "TEXT")
                             : base == "INT"   ? C_("value type", "INT")
                             : base == "UINT"  ? C_("value type", "UINT")
                             : base == "FLOAT" ? C_("value type", "FLOAT")
                                               : nullptr;
    if (translated != nullptr) option->type_name(translated);
    // CLI11 clamps a number too large for its type to the largest one ("plan show
    // 99999999999999999999" would show plan 9223372036854775807): refuse it instead, in the words
    // UsageMessage translates for ranges.
    if (base == "INT" || base == "UINT") option->check(FitsCheck(base == "UINT"));
  }
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) LocalizeHelp(*sub);
}

// The command groups, in the order `kinbridge --help` lists them, with the top-level commands
// each one adds.
struct CommandGroup {
  std::array<std::string_view, 4> commands;  // unused places are empty
  void (*setup)(CLI::App&, kinbridge::cli::Context&);
};
constexpr CommandGroup kCommandGroups[] = {
    {{"init"}, kinbridge::cli::SetupInitCommand},
    {{"child"}, kinbridge::cli::SetupChildCommand},
    {{"relation"}, kinbridge::cli::SetupRelationCommand},
    {{"restriction"}, kinbridge::cli::SetupRestrictionCommand},
    {{"placement"}, kinbridge::cli::SetupPlacementCommand},
    {{"user", "whoami"}, kinbridge::cli::SetupUserCommand},
    {{"audit"}, kinbridge::cli::SetupAuditCommand},
    {{"method"}, kinbridge::cli::SetupMethodCommand},
    {{"plan"}, kinbridge::cli::SetupPlanCommand},
    {{"contact"}, kinbridge::cli::SetupContactCommand},
    {{"centre", "school", "staff", "training"}, kinbridge::cli::SetupCentreCommand},
    {{"activity", "group"}, kinbridge::cli::SetupActivityCommand},
    {{"session", "attendance"}, kinbridge::cli::SetupSessionCommand},
    {{"report"}, kinbridge::cli::SetupReportCommand},
    {{"transfer"}, kinbridge::cli::SetupTransferCommand},
    {{"demo"}, kinbridge::cli::SetupDemoCommand},
    {{"today"}, kinbridge::cli::SetupTodayCommand},
    {{"import"}, kinbridge::cli::SetupImportCommand},
    {{"export"}, kinbridge::cli::SetupExportCommand},
    {{"migrate"}, kinbridge::cli::SetupMigrateCommand},
    // `manpage` and `completion` describe every command: never set up alone.
    {{}, kinbridge::cli::SetupManualCommands},
};

// The command word of the line ("contact" in `kinbridge -w x.db --as sw1 contact due`), or ""
// when an option other than the global ones comes first (--help, --version) or none is given.
std::string_view CommandWord(int argc, char** argv) {
  static constexpr std::string_view kWithValue[] = {"-w",     "--workspace", "--format", "--today",
                                                    "--lang", "--as",        "--purpose"};
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (!arg.starts_with("-")) return arg;
    if (arg.find('=') != std::string_view::npos) {
      const std::string_view name = arg.substr(0, arg.find('='));
      if (std::find(std::begin(kWithValue), std::end(kWithValue), name) == std::end(kWithValue)) {
        return {};
      }
      continue;
    }
    if (std::find(std::begin(kWithValue), std::end(kWithValue), arg) == std::end(kWithValue)) {
      return {};
    }
    ++i;  // the option's value
  }
  return {};
}

// Adds the commands to `app`: only the group of `command` when it names one, since building all
// of them is about a millisecond, a tenth of the CPU of a short command (docs/performance.md);
// every group for the help screens, the manual page and completion, and for a word that is no
// command (so that the error lists them all).
void SetupCommands(CLI::App& app, kinbridge::cli::Context& ctx, std::string_view command) {
  if (!command.empty()) {
    for (const CommandGroup& group : kCommandGroups) {
      if (std::find(group.commands.begin(), group.commands.end(), command) !=
          group.commands.end()) {
        group.setup(app, ctx);
        return;
      }
    }
  }
  for (const CommandGroup& group : kCommandGroups) group.setup(app, ctx);
}

std::string UsageMessage(CLI::App& app, const CLI::ParseError& e) {
  using kinbridge::cli::TrFormat;
  std::string path;
  CLI::App* typed = TypedCommand(app, path);
  const std::string what = e.what();
  std::smatch m;
  std::string message;
  if (dynamic_cast<const CLI::RequiredError*>(&e) != nullptr) {
    if (std::string missing = MissingCommand(app); !missing.empty()) return missing;
    static const std::regex kRequired("^(\\S+) is required$");
    static const std::regex kOneOf("^Exactly 1 option from \\[(.*)\\].*$");
    if (std::regex_match(what, m, kRequired)) {
      // CLI11 names the first required option missing; the user learns of all of them at once.
      std::string missing;
      std::size_t count = 0;
      for (const CLI::Option* option : typed->get_options()) {
        if (!option->get_required() || option->count() > 0) continue;
        const std::string name = option->get_name(false, true);
        missing += (missing.empty() ? "" : ", ") + (name.empty() ? option->get_name() : name);
        ++count;
      }
      message =
          count > 1 ? TrFormat("{} are required", missing) : TrFormat("{} is required", m.str(1));
    } else if (std::regex_match(what, m, kOneOf)) {
      message = TrFormat("give exactly one of {}", m.str(1));
    }
  } else if (dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr) {
    static const std::regex kExtras("^The following arguments? (?:was|were) not expected: (.*)$");
    if (std::regex_match(what, m, kExtras)) {
      // CLI11 lists the unexpected words last first ("4 --limit" for `--limit 4`).
      std::vector<std::string> words;
      std::istringstream in(m.str(1));
      for (std::string word; in >> word;) words.insert(words.begin(), word);
      std::string given;
      for (const std::string& word : words) given += (given.empty() ? "" : " ") + word;
      message = TrFormat("{} is not an option or argument of `{}`", given, path);
    }
  } else if (dynamic_cast<const CLI::ConversionError*>(&e) != nullptr) {
    static const std::regex kConvert("^Could not convert: (\\S+) = (.*)$");
    if (std::regex_match(what, m, kConvert)) {
      message = TrFormat(
          "{} {} is not a whole number that kinbridge can use (expected digits, "
          "such as 30)",
          m.str(1), m.str(2));
    }
  } else if (dynamic_cast<const CLI::ValidationError*>(&e) != nullptr) {
    static const std::regex kMember("^(\\S+): (.*) not in \\{(.*)\\}$");
    static const std::regex kRange("^(\\S+): Value (.*) not in range (\\S+) to (\\S+)$");
    if (std::regex_match(what, m, kMember)) {
      message = TrFormat("{} {} is not known (expected one of: {})", m.str(1), m.str(2),
                         std::regex_replace(m.str(3), std::regex(","), ", "));
    } else if (std::regex_match(what, m, kRange)) {
      message = TrFormat("{} {} is out of range (expected {} to {})", m.str(1), m.str(2), m.str(3),
                         m.str(4));
    }
  } else if (dynamic_cast<const CLI::ExcludesError*>(&e) != nullptr) {
    static const std::regex kExcludes("^(\\S+) excludes (\\S+)$");
    if (std::regex_match(what, m, kExcludes)) {
      message = TrFormat("{} and {} cannot be given together", m.str(1), m.str(2));
    }
  } else if (dynamic_cast<const CLI::RequiresError*>(&e) != nullptr) {
    static const std::regex kRequires("^(\\S+) requires (\\S+)$");
    if (std::regex_match(what, m, kRequires)) {
      message = TrFormat("{} needs {} as well", m.str(1), m.str(2));
    }
  } else if (dynamic_cast<const CLI::ArgumentMismatch*>(&e) != nullptr) {
    static const std::regex kMissingValue("^(\\S+): \\d+ required \\S+ missing$");
    static const std::regex kTooMany("^(\\S+): At Most (\\d+) required but received (\\d+)$");
    if (std::regex_match(what, m, kMissingValue)) {
      message = TrFormat("{} needs a value", m.str(1));
    } else if (std::regex_match(what, m, kTooMany)) {
      message =
          TrFormat("{} is given {} times (expected at most {})", m.str(1), m.str(3), m.str(2));
    }
  }
  if (message.empty()) message = what;
  return TrFormat("{}; see `{} --help`", message, path);
}

int Run(int argc, char** argv) {
  using namespace kinbridge::cli;
  kinbridge::InitLocalization(GlobalArgument(argc, argv, "--lang"));

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

  SetupCommands(app, ctx, CommandWord(argc, argv));
  LocalizeHelp(app);

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
    // Options are stored only once the whole line parsed; a valid --format still applies.
    if (std::string_view format = GlobalArgument(argc, argv, "--format");
        ParseOutputFormat(format)) {
      ctx.options.format = std::string(format);
    }
    ctx.FailUsage(UsageMessage(app, e));
    return kExitUsage;
  }
  if (std::string missing = MissingCommand(app); !missing.empty()) {
    ctx.FailUsage(missing);
    return kExitUsage;
  }
  return ctx.exit_code();
}

// An exception that escaped a command is a bug: the user learns that nothing is known to be
// wrong with their input and what to do; its own words (English, a library's) only with
// KINBRIDGE_DEBUG, as with database errors.
void ReportInternalError(const char* detail) {
  using namespace kinbridge::cli;
  std::cerr << "kinbridge: " << _("error") << ": "
            << _("an internal error stopped the command (please report it with the command you "
                 "ran; KINBRIDGE_DEBUG=1 shows the details)");
  const char* debug = std::getenv("KINBRIDGE_DEBUG");
  if (detail != nullptr && debug != nullptr && *debug != '\0' && std::string_view(debug) != "0") {
    std::cerr << " [" << TerminalSafe(detail) << "]";
  }
  std::cerr << '\n';
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return Run(argc, argv);
  } catch (const std::exception& e) {
    ReportInternalError(e.what());
  } catch (...) {
    ReportInternalError(nullptr);
  }
  return kinbridge::cli::kExitError;
}
