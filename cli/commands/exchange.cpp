// kinbridge import and kinbridge export: children, relations and placements as CSV (and JSON
// for export), in the columns of kinbridge/exchange.h, so that what export writes imports again.
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>

#include "commands/commands.h"
#include "tr.h"
#include "views.h"

namespace kinbridge::cli {

namespace {

// ---- import ---------------------------------------------------------------------------------

// A progress bar on stderr, redrawn in place; only on a terminal that can redraw (not when
// stderr is a pipe or a file, nor with TERM=dumb), and without colour when NO_COLOR is set.
class ProgressBar {
 public:
  ProgressBar() {
    const char* term = std::getenv("TERM");
    const char* no_color = std::getenv("NO_COLOR");
    enabled_ = ::isatty(STDERR_FILENO) == 1 && !(term != nullptr && std::string(term) == "dumb");
    color_ = no_color == nullptr || *no_color == '\0';
  }

  void Show(std::size_t done, std::size_t total) {
    if (!enabled_ || total == 0) return;
    constexpr std::size_t kWidth = 30;
    const std::size_t filled = done * kWidth / total;
    // Redraw at most once a percent: a terminal is slower than the import.
    const std::size_t percent = done * 100 / total;
    if (drawn_ && percent == percent_ && done != total) return;
    percent_ = percent;
    drawn_ = true;
    std::string bar(filled, '#');
    bar += std::string(kWidth - filled, '.');
    if (color_) bar = "\x1b[32m" + bar.substr(0, filled) + "\x1b[0m" + bar.substr(filled);
    std::cerr << '\r' << bar << ' ' << done << '/' << total << std::flush;
  }

  // Ends the bar's line so that what follows starts on a line of its own.
  void Finish() {
    if (enabled_ && drawn_) std::cerr << '\n';
  }

 private:
  bool enabled_ = false;
  bool color_ = true;
  bool drawn_ = false;
  std::size_t percent_ = 0;
};

struct ImportOptions {
  std::vector<std::string> children, relations, placements;
  bool dry_run = false;
  bool skip_invalid = false;
};

// Reads a whole file; InvalidArgument naming it when it cannot be read.
Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::NotFound(TrFormat("cannot read {}: no such file, or it may not be read", path));
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Status::IoError(TrFormat("cannot read {}", path));
  return text.str();
}

std::size_t Counts(const ImportResult& r, RecordKind kind) {
  std::size_t n = 0;
  for (const ImportedRecord& rec : r.imported) n += rec.kind == kind ? 1 : 0;
  return n;
}

void RunImport(Context& ctx, const ImportOptions& o) {
  ImportRequest request;
  request.dry_run = o.dry_run;
  request.skip_invalid = o.skip_invalid;
  for (const auto& [kind, paths] : {std::pair{RecordKind::kChildren, &o.children},
                                    std::pair{RecordKind::kRelations, &o.relations},
                                    std::pair{RecordKind::kPlacements, &o.placements}}) {
    for (const std::string& path : *paths) {
      Result<std::string> text = ReadFile(path);
      if (!text.ok()) return ctx.Fail(text.status());
      request.files.push_back(ImportFile{kind, path, std::move(*text)});
    }
  }
  if (request.files.empty()) {
    return ctx.FailUsage(
        _("name a file to import: --children FILE, --relations FILE or --placements FILE"));
  }
  auto ws = ctx.OpenWorkspace();
  if (!ws) return;
  ProgressBar bar;
  request.progress = [&bar](std::size_t done, std::size_t total) { bar.Show(done, total); };
  Result<ImportResult> result = ws->Import(request);
  bar.Finish();
  if (!result.ok()) return ctx.Fail(result.status());

  Record record;
  record.fields = {{"dry_run", _("Dry run"), result->dry_run},
                   {"written", _("Written"), result->written},
                   {"rows", _("Rows"), static_cast<std::int64_t>(result->rows)},
                   {"imported", _("Accepted"), static_cast<std::int64_t>(result->imported.size())},
                   {"rejected", _("Rejected"), static_cast<std::int64_t>(result->rejected.size())}};
  Section children{"children",
                   _("Children"),
                   {{"file", _("File")},
                    {"line", _("Line"), true},
                    {"external_id", _("External id")},
                    {"case_reference", _("Case reference")}},
                   {}};
  for (const ImportedRecord& rec : result->imported) {
    if (rec.kind != RecordKind::kChildren) continue;
    children.rows.push_back({rec.file, static_cast<std::int64_t>(rec.line),
                             OptionalText(rec.external_id), rec.case_reference});
  }
  Section rejected{"rejected_rows",
                   _("Rejected rows"),
                   {{"file", _("File")},
                    {"line", _("Line"), true},
                    {"column", _("Column")},
                    {"value", _("Value")},
                    {"reason", _("Reason")}},
                   {}};
  for (const RejectedRow& row : result->rejected) {
    rejected.rows.push_back({row.file, static_cast<std::int64_t>(row.line),
                             OptionalText(row.column), OptionalText(row.value), row.reason});
  }
  record.sections = {std::move(children), std::move(rejected)};
  PrintRecord(ctx.format(), ctx.out(), record);

  const std::size_t children_made = Counts(*result, RecordKind::kChildren);
  const std::size_t relations_made = Counts(*result, RecordKind::kRelations);
  const std::size_t placements_made = Counts(*result, RecordKind::kPlacements);
  const std::string counts =
      TrFormat("{}, {}, {}", TrPlural("{} child", "{} children", children_made, children_made),
               TrPlural("{} relation", "{} relations", relations_made, relations_made),
               TrPlural("{} placement", "{} placements", placements_made, placements_made));
  const std::size_t rejected_rows = result->rejected.size();
  if (rejected_rows != 0 && !o.skip_invalid) {
    return ctx.Fail(Status::InvalidArgument(
        TrPlural("{} of {} row rejected; nothing was imported (correct the rows listed, or import "
                 "the others with --skip-invalid)",
                 "{} of {} rows rejected; nothing was imported (correct the rows listed, or "
                 "import the others with --skip-invalid)",
                 static_cast<unsigned long>(result->rows), rejected_rows, result->rows)));
  }
  if (result->dry_run) {
    ctx.Note(TrPlural("Dry run: {} would be imported, {} row rejected; nothing was written.",
                      "Dry run: {} would be imported, {} rows rejected; nothing was written.",
                      rejected_rows, counts, rejected_rows));
  } else {
    ctx.Note(TrPlural("Imported {}; {} row rejected.", "Imported {}; {} rows rejected.",
                      rejected_rows, counts, rejected_rows));
  }
}

// ---- export ---------------------------------------------------------------------------------

std::vector<Column> ExportColumns(RecordKind kind) {
  std::vector<Column> columns;
  for (const std::string& key : ExchangeColumns(kind)) columns.push_back({key, key});
  return columns;
}

Value Flag(bool flag) { return std::string(flag ? "yes" : "no"); }

std::vector<Value> ExportRow(const Child& c) {
  std::string languages;
  for (const std::string& l : c.languages) languages += (languages.empty() ? "" : ",") + l;
  if (c.identity_hidden) {
    // As `child list` shows it: only the case reference identifies the child.
    return {c.case_reference, {}, {}, {}, {}, {}, {}, Flag(true), {}};
  }
  return {c.case_reference,
          c.name,
          c.birth_date.ToString(),
          c.national_id ? Value(c.national_id->Display()) : Value(),
          c.national_id ? Value(std::string(NationalIdSchemeName(c.national_id->scheme))) : Value(),
          OptionalText(languages),
          OptionalText(c.school),
          Flag(c.protected_identity),
          Value()};
}

std::vector<Value> ExportRow(const Relation& r) {
  return {r.child_case_reference,
          r.person_name,
          std::string(RelationKindName(r.kind)),
          OptionalText(r.description),
          DateValue(r.birth_date),
          Flag(r.caregiver),
          Flag(r.in_contact),
          OptionalText(r.registered_child_case_reference)};
}

std::vector<Value> ExportRow(const Placement& p) {
  return {p.child_case_reference,
          std::string(PlacementTypeName(p.type)),
          std::string(LegalBasisName(p.legal_basis)),
          OptionalText(p.legal_code),
          OptionalText(p.caregivers),
          p.start.ToString(),
          DateValue(p.end),
          OptionalText(p.end_reason),
          OptionalText(p.address),
          Flag(p.address_protected)};
}

struct ExportOptions {
  std::string kind;
  std::string output;
  std::string status = "open";
};

void RunExport(Context& ctx, const ExportOptions& o) {
  Result<RecordKind> kind = ParseRecordKind(o.kind);
  if (!kind.ok()) return ctx.Fail(kind.status());
  auto ws = ctx.OpenWorkspace();
  if (!ws) return;
  // Export writes files to import: CSV unless JSON is asked for (a table does not import).
  const OutputFormat format =
      ctx.format() == OutputFormat::kJson ? OutputFormat::kJson : OutputFormat::kCsv;
  std::ostringstream text;
  RowWriter writer(format, text, ExportColumns(*kind));
  ChildQuery query;
  if (o.status == "all") {
    query.status.reset();
  } else {
    query.status = o.status == "closed" ? ChildStatus::kClosed : ChildStatus::kOpen;
  }
  std::vector<Child> children;
  Status status = ws->ForEachChild(query, [&](const Child& c) {
    children.push_back(c);
    return true;
  });
  if (!status.ok()) return ctx.Fail(status);
  for (const Child& c : children) {
    if (*kind == RecordKind::kChildren) {
      writer.Write(ExportRow(c));
    } else if (*kind == RecordKind::kRelations) {
      status = ws->ForEachRelation(c.case_reference, [&](const Relation& r) {
        writer.Write(ExportRow(r));
        return true;
      });
    } else {
      status = ws->ForEachPlacement(c.case_reference, [&](const Placement& p) {
        writer.Write(ExportRow(p));
        return true;
      });
    }
    if (!status.ok()) return ctx.Fail(status);
  }
  writer.Finish();
  if (o.output.empty() || o.output == "-") {
    ctx.out() << text.str();
    return;
  }
  status = WriteFileAtomically(o.output, text.str());
  if (!status.ok()) return ctx.Fail(status);
  // Standard output is free: with --format json or csv it says what was written, for scripts.
  if (ctx.format() == OutputFormat::kTable) {
    const std::size_t n = writer.rows();
    const std::string what =
        *kind == RecordKind::kChildren    ? TrPlural("{} child", "{} children", n, n)
        : *kind == RecordKind::kRelations ? TrPlural("{} relation", "{} relations", n, n)
                                          : TrPlural("{} placement", "{} placements", n, n);
    std::cerr << TerminalSafe(TrFormat("Wrote {} to {}.", what, o.output)) << '\n';
    return;
  }
  PrintRecord(ctx.format(), ctx.out(),
              Record{{{"file", _("File"), o.output},
                      {"kind", _("Kind"), std::string(RecordKindName(*kind))},
                      {"rows", _("Rows"), static_cast<std::int64_t>(writer.rows())}},
                     {}});
}

}  // namespace

void SetupImportCommand(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<ImportOptions>();
  CLI::App* cmd = app.add_subcommand(
      "import",
      _("Import children, relations and placements from CSV files in one transaction: all rows "
        "or none"));
  cmd->add_option("--children", options->children, _("CSV file of children (may be repeated)"));
  cmd->add_option("--relations", options->relations,
                  _("CSV file of relations in the family network (may be repeated)"));
  cmd->add_option("--placements", options->placements,
                  _("CSV file of placements (may be repeated)"));
  cmd->add_flag("--dry-run", options->dry_run, _("Check every row and report, but write nothing"));
  cmd->add_flag("--skip-invalid", options->skip_invalid,
                _("Import the valid rows and leave out the rejected ones"));
  cmd->callback([&ctx, options] { RunImport(ctx, *options); });
}

void SetupExportCommand(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<ExportOptions>();
  CLI::App* cmd = app.add_subcommand(
      "export", _("Export the children you may read, their relations or placements as CSV (or "
                  "JSON with --format json), in the columns import reads"));
  cmd->add_option("kind", options->kind, _("children, relations or placements"))->required();
  cmd->add_option("-o,--output", options->output,
                  _("Write to this file (whole or not at all; default: standard output)"));
  cmd->add_option("--status", options->status, _("Children: open (default), closed or all"))
      ->check(CLI::IsMember({"open", "closed", "all"}));
  cmd->callback([&ctx, options] { RunExport(ctx, *options); });
}

}  // namespace kinbridge::cli
