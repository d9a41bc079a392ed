// kinbridge method list|info|install|verify|lineage|adapt|propose: working methods as plugins.
#include <fstream>
#include <memory>
#include <set>
#include <sstream>

#include "commands/commands.h"
#include "tr.h"
#include "views.h"

namespace kinbridge::cli {

namespace {

std::vector<Column> MethodColumns() {
  return {{"id", _("Method")},         {"version", _("Version")},
          {"title", _("Title")},       {"origin", _("Origin")},
          {"kind", _("Kind")},         {"capabilities", _("Capabilities")},
          {"based_on", _("Based on")}, {"source", _("Source")}};
}

std::vector<Value> MethodRow(const MethodDescription& m) {
  const std::string base = m.chain.size() > 1 ? m.chain[1] : std::string();
  return {m.id,
          m.version,
          m.title,
          m.origin,
          MethodKindLabel(m.kind),
          CapabilitiesLabel(m.capabilities),
          base,
          MethodSourceLabel(m.source)};
}

std::vector<Column> PluginColumns() {
  return {{"file", _("File")},           {"name", _("Plugin")},
          {"version", _("Version")},     {"outcome", _("Status")},
          {"installed", _("Installed")}, {"hash_matches", _("Hash matches")},
          {"methods", _("Methods")},     {"message", _("Problem")}};
}

std::vector<Value> PluginRow(const PluginStatus& p) {
  return {p.file,
          p.name,
          p.version,
          PluginOutcomeLabel(p.outcome),
          p.installed,
          p.installed && !p.sha256.empty() && p.sha256 == p.installed_sha256,
          ListValue(p.methods),
          p.message};
}

Record MethodRecord(const MethodDescription& m) {
  Record record{{{"id", _("Method"), m.id},
                 {"version", _("Version"), m.version},
                 {"title", _("Title"), m.title},
                 {"description", _("Description"), m.description},
                 {"origin", _("Origin"), m.origin},
                 {"kind", _("Kind"), MethodKindLabel(m.kind)},
                 {"capabilities", _("Capabilities"), CapabilitiesLabel(m.capabilities)},
                 {"chain", _("Lineage"), ListValue(m.chain)},
                 {"source", _("Source"), MethodSourceLabel(m.source)},
                 {"plugin", _("Plugin"), m.plugin_name + " " + m.plugin_version},
                 {"plugin_file", _("Plugin file"), m.plugin_file}},
                {}};
  record.sections = MethodSections(m);
  return record;
}

void RunList(Context& ctx) {
  auto ws = ctx.OpenWorkspace();
  if (!ws) return;
  RowWriter writer(ctx.format(), ctx.out(), MethodColumns());
  Status status = ws->ForEachMethod([&](const MethodDescription& m) {
    writer.Write(MethodRow(m));
    return true;
  });
  if (!status.ok()) return ctx.Fail(status);
  writer.Finish();
  if (ctx.format() != OutputFormat::kTable) return;
  // Plugins that did not load stay listed, with the reason.
  std::vector<PluginStatus> failed;
  status = ws->ForEachPlugin([&](const PluginStatus& p) {
    if (p.outcome != "loaded") failed.push_back(p);
    return true;
  });
  if (!status.ok()) return ctx.Fail(status);
  if (failed.empty()) return;
  ctx.out() << '\n' << _("Plugins and profiles not loaded:") << '\n';
  for (const PluginStatus& p : failed) {
    const std::string what = p.file.empty() ? p.name + "@" + p.version : p.file;
    // The outcome's code stays here, as an error code beside the explanation in the language.
    ctx.out() << "  " << TerminalSafe(what) << " (" << p.outcome << "): " << TerminalSafe(p.message)
              << '\n';
  }
}

void RunInfo(Context& ctx, const std::string& id) {
  auto ws = ctx.OpenWorkspace();
  if (!ws) return;
  Result<MethodDescription> m = ws->DescribeMethod(id);
  if (!m.ok()) return ctx.Fail(m.status());
  PrintRecord(ctx.format(), ctx.out(), MethodRecord(*m));
}

void RunInstall(Context& ctx, const std::string& file) {
  auto ws = ctx.OpenWorkspace();
  if (!ws) return;
  Result<PluginStatus> p = ws->InstallMethodPlugin(file);
  if (!p.ok()) return ctx.Fail(p.status());
  ctx.Note(TrFormat("Installed plugin {} {} ({}), SHA-256 {}.", p->name, p->version, p->file,
                    p->sha256));
  if (!p->methods.empty()) {
    ctx.Note(TrFormat("Methods: {}.", std::get<std::string>(ListValue(p->methods))));
  }
  if (p->outcome != "loaded") ctx.Note(TrFormat("Note: {}", p->message));
  if (ctx.format() != OutputFormat::kTable) {
    RowWriter writer(ctx.format(), ctx.out(), PluginColumns());
    writer.Write(PluginRow(*p));
    writer.Finish();
  }
}

void RunVerify(Context& ctx) {
  auto ws = ctx.OpenWorkspace();
  if (!ws) return;
  RowWriter writer(ctx.format(), ctx.out(), PluginColumns());
  bool all_good = true;
  Status status = ws->ForEachPlugin([&](const PluginStatus& p) {
    if (p.installed && p.outcome != "loaded") all_good = false;
    writer.Write(PluginRow(p));
    return true;
  });
  if (!status.ok()) return ctx.Fail(status);
  writer.Finish();
  if (!all_good) ctx.SetExitCode(kExitInvalid);
}

// The methods of `ids` (or any, when empty) that arrived here in transfer packages.
std::vector<ImportedMethod> Arrivals(Context& ctx, Workspace& ws,
                                     const std::set<std::string>& ids) {
  std::vector<ImportedMethod> arrived;
  Status status = ws.ForEachImportedMethod([&](const ImportedMethod& m) {
    if (ids.count(m.method.substr(0, m.method.find('@'))) > 0) arrived.push_back(m);
    return true;
  });
  if (!status.ok()) ctx.Fail(status);
  return arrived;
}

void PrintArrivals(Context& ctx, const std::vector<ImportedMethod>& arrived) {
  for (const ImportedMethod& a : arrived) {
    std::string chain;
    for (auto it = a.chain.rbegin(); it != a.chain.rend(); ++it) {
      chain += (chain.empty() ? "" : " → ") + *it;
    }
    ctx.out() << TrFormat(
                     "Arrived in a transfer package from {} on {} ({}), imported by {}; "
                     "package SHA-256 {}.",
                     TerminalSafe(a.from_municipality), LocalDate(a.imported_at.substr(0, 10)),
                     TerminalSafe(chain), a.imported_by, a.package_sha256.substr(0, 16))
              << '\n';
    if (!a.frame.empty()) {
      RowWriter frame(ctx.format(), ctx.out(), FrameColumns());
      for (const auto& f : a.frame) frame.Write(FrameRow(f));
      frame.Finish();
    }
  }
}

// The methods that arrived in transfer packages as adaptations of one of `ids` made elsewhere
// (their lineage passes through it, their own id is another).
void PrintAdaptedElsewhere(Context& ctx, Workspace& ws, const std::set<std::string>& ids) {
  Status status = ws.ForEachImportedMethod([&](const ImportedMethod& m) {
    const std::string own = m.method.substr(0, m.method.find('@'));
    if (ids.count(own) > 0) return true;
    std::string base;
    for (const std::string& step : m.chain) {
      if (ids.count(step.substr(0, step.find('@'))) > 0) base = step;
    }
    if (base.empty()) return true;
    ctx.out() << TrFormat(
                     "Adapted in {} as {} (from {}); arrived in a transfer package on {}, "
                     "package SHA-256 {}.",
                     TerminalSafe(m.from_municipality), m.method, base,
                     LocalDate(m.imported_at.substr(0, 10)), m.package_sha256.substr(0, 16))
              << '\n';
    if (!m.frame.empty()) {
      // The components an adaptation changes are its base's, which is installed here.
      const ComponentTitles titles = MethodComponentTitles(ws, base);
      RowWriter frame(ctx.format(), ctx.out(), FrameColumns());
      for (const auto& f : m.frame) frame.Write(FrameRow(f, titles));
      frame.Finish();
    }
    return true;
  });
  if (!status.ok()) ctx.Fail(status);
}

void RunLineage(Context& ctx, const std::string& id) {
  auto ws = ctx.OpenWorkspace();
  if (!ws) return;
  Result<MethodDescription> m = ws->DescribeMethod(id);
  if (!m.ok()) {
    // A method known here only from a transfer package (its plugin not installed yet).
    std::vector<ImportedMethod> arrived = Arrivals(ctx, *ws, {id.substr(0, id.find('@'))});
    if (arrived.empty() || ctx.format() != OutputFormat::kTable) return ctx.Fail(m.status());
    PrintArrivals(ctx, arrived);
    PrintAdaptedElsewhere(ctx, *ws, {id.substr(0, id.find('@'))});
    ctx.Note(
        TrFormat("{} is not installed here; install its plugin with `kinbridge method "
                 "install` to use it.",
                 id));
    return;
  }
  // From the original to this method: each step with what was changed and why.
  std::vector<MethodDescription> steps;
  for (auto it = m->chain.rbegin(); it != m->chain.rend(); ++it) {
    if (*it == m->id + "@" + m->version) {
      steps.push_back(*m);
      continue;
    }
    // The exact version in the chain, not the newest of that id.
    Result<MethodDescription> step = ws->DescribeMethod(*it);
    if (!step.ok()) return ctx.Fail(step.status());
    steps.push_back(*step);
  }
  if (ctx.format() == OutputFormat::kTable) {
    ComponentTitles titles;  // an adaptation's records may name components of any step before
    for (std::size_t i = 0; i < steps.size(); ++i) {
      const MethodDescription& s = steps[i];
      titles.merge(TitlesOf(s));
      ctx.out() << std::string(i * 2, ' ') << (i == 0 ? "" : "└─ ") << s.id << "@" << s.version
                << "  " << TerminalSafe(s.title) << "  (" << TerminalSafe(s.origin) << ", "
                << MethodSourceLabel(s.source).text << ")\n";
      if (!s.frame.empty()) {
        RowWriter frame(ctx.format(), ctx.out(), FrameColumns());
        for (const auto& f : s.frame) frame.Write(FrameRow(f, titles));
        frame.Finish();
        ctx.out() << '\n';
      }
    }
    std::set<std::string> ids;
    for (const MethodDescription& step : steps) ids.insert(step.id);
    PrintArrivals(ctx, Arrivals(ctx, *ws, ids));
    PrintAdaptedElsewhere(ctx, *ws, ids);
    return;
  }
  RowWriter writer(ctx.format(), ctx.out(),
                   {{"step", _("Step"), true},
                    {"id", _("Method")},
                    {"version", _("Version")},
                    {"origin", _("Origin")},
                    {"source", _("Source")},
                    {"based_on", _("Based on")},
                    {"changes", _("Changes")}});
  for (std::size_t i = 0; i < steps.size(); ++i) {
    std::string changes;
    for (const auto& f : steps[i].frame) {
      changes += (changes.empty() ? "" : "; ") + f.what + "/" + f.nature + ": " + f.reason;
    }
    writer.Write({static_cast<std::int64_t>(i), steps[i].id, steps[i].version, steps[i].origin,
                  MethodSourceLabel(steps[i].source), steps[i].base_id, changes});
  }
  writer.Finish();
}

void RunAdapt(Context& ctx, const std::string& file) {
  auto ws = ctx.OpenWorkspace();
  if (!ws) return;
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return ctx.Fail(Status::NotFound(
        TrFormat("profile file {} cannot be read (expected a JSON profile)", file)));
  }
  std::stringstream text;
  text << in.rdbuf();
  Result<MethodDescription> m = ws->AdaptMethod(text.str());
  if (!m.ok()) return ctx.Fail(m.status());
  ctx.Note(TrFormat("Adapted {} as {}@{}.", m->base_id, m->id, m->version));
  if (ctx.format() != OutputFormat::kTable) PrintRecord(ctx.format(), ctx.out(), MethodRecord(*m));
}

struct ProposeOptions {
  std::string child, method;
};

void RunPropose(Context& ctx, const ProposeOptions& o) {
  auto ws = ctx.OpenWorkspace();
  if (!ws) return;
  Result<ContactPlanProposal> p = ws->ProposeContactPlan(o.child, o.method);
  if (!p.ok()) return ctx.Fail(p.status());
  Record record{
      {{"child", _("Child"), p->child_case_reference},
       {"method", _("Method"), p->method_id},
       {"method_version", _("Version"), p->method_version},
       {"chain", _("Lineage"), ListValue(p->chain)},
       {"review_after_months", _("Review after (months)"), std::int64_t{p->review_after_months}}},
      {}};
  Section arrangements{"arrangements",
                       _("Proposed arrangements"),
                       {{"relation_id", _("Relation"), true},
                        {"person", _("Person")},
                        {"kind", _("Relation kind")},
                        {"mode", _("Mode")},
                        {"rrule", _("Recurrence")},
                        {"start_time", _("Time")},
                        {"minutes", _("Minutes"), true},
                        {"supervision", _("Supervision")},
                        {"venue", _("Venue")},
                        {"rationale", _("Why")}},
                       {}};
  for (const auto& a : p->arrangements) {
    arrangements.rows.push_back({a.relation_id, a.relation_name, RelationKindLabel(a.relation_kind),
                                 ContactModeLabel(a.mode), RecurrenceLabel(a.rrule), a.start_time,
                                 std::int64_t{a.duration_minutes}, SupervisionLabel(a.supervision),
                                 VenueValue(a.venue), a.rationale});
  }
  Section findings{"findings",
                   _("Notes from the method"),
                   {{"severity", _("Severity")},
                    {"code", _("Code")},
                    {"subject", _("About")},
                    {"message", _("Message")}},
                   {}};
  for (const auto& f : p->findings) {
    findings.rows.push_back({SeverityLabel(f.severity), f.code, f.subject, f.message});
  }
  record.sections = {std::move(arrangements), std::move(findings)};
  PrintRecord(ctx.format(), ctx.out(), record);
}

void RunPath(Context& ctx, const std::vector<std::string>& dirs, bool set) {
  auto ws = ctx.OpenWorkspace();
  if (!ws) return;
  if (set) {
    Status status = ws->SetPluginDirectories(dirs);
    if (!status.ok()) return ctx.Fail(status);
  }
  RowWriter writer(ctx.format(), ctx.out(), {{"directory", _("Plugin directory")}});
  for (const std::string& dir : ws->PluginDirectories()) writer.Write({dir});
  writer.Finish();
}

}  // namespace

void SetupMethodCommand(CLI::App& app, Context& ctx) {
  CLI::App* group = app.add_subcommand("method", _("Working methods: plugins and adaptations"));

  CLI::App* cmd = group->add_subcommand("list", _("List the methods available here"));
  cmd->callback([&ctx] { RunList(ctx); });

  auto info = std::make_shared<std::string>();
  cmd = group->add_subcommand("info", _("Describe a method: parameters, core components"));
  cmd->add_option("method", *info, _("Method id, e.g. se.vara.contact"))->required();
  cmd->callback([&ctx, info] { RunInfo(ctx, *info); });

  auto install = std::make_shared<std::string>();
  cmd = group->add_subcommand("install",
                              _("Install or re-approve a method plugin file (administrators)"));
  cmd->add_option("file", *install, _("The plugin file (*.so)"))->required();
  cmd->callback([&ctx, install] { RunInstall(ctx, *install); });

  cmd = group->add_subcommand("verify",
                              _("Check every plugin: does it load, is its file the one approved"));
  cmd->callback([&ctx] { RunVerify(ctx); });

  auto lineage = std::make_shared<std::string>();
  cmd = group->add_subcommand("lineage",
                              _("Where a method comes from and how it was adapted (FRAME)"));
  cmd->add_option("method", *lineage, _("Method id"))->required();
  cmd->callback([&ctx, lineage] { RunLineage(ctx, *lineage); });

  auto adapt = std::make_shared<std::string>();
  cmd = group->add_subcommand("adapt", _("Adapt a method with a profile file (JSON), no code"));
  cmd->add_option("profile", *adapt, _("The profile file"))->required();
  cmd->callback([&ctx, adapt] { RunAdapt(ctx, *adapt); });

  auto dirs = std::make_shared<std::vector<std::string>>();
  auto set = std::make_shared<bool>(false);
  cmd = group->add_subcommand("path", _("Show, or with --set change, where plugins are found"));
  cmd->add_flag("--set", *set, _("Set the workspace's own plugin directories (administrators)"));
  cmd->add_option("directories", *dirs, _("Directories, with --set"));
  cmd->callback([&ctx, dirs, set] { RunPath(ctx, *dirs, *set); });

  auto propose = std::make_shared<ProposeOptions>();
  cmd = group->add_subcommand("propose",
                              _("Ask a method for a contact plan for a child (nothing is saved)"));
  cmd->add_option("--child", propose->child, _("Case reference or uuid"))->required();
  cmd->add_option("--method", propose->method, _("Method id"))->required();
  cmd->callback([&ctx, propose] { RunPropose(ctx, *propose); });
}

}  // namespace kinbridge::cli
