// kinbridge transfer keygen|sign|verify|inspect|export|import|list: methods travelling between
// municipalities as packages (see docs/transfer.md).
#include <memory>

#include "commands/commands.h"
#include "kinbridge/transfer.h"
#include "tr.h"
#include "views.h"

namespace kinbridge::cli {

namespace {

struct TrustOptions {
  std::vector<std::string> trusted_keys;
  bool require_signed = false;
  TransferTrust ToTrust() const { return {trusted_keys, require_signed}; }
};

void AddTrustOptions(CLI::App* cmd, TrustOptions& trust) {
  cmd->add_option("--trusted-key", trust.trusted_keys,
                  _("A public key (hex or base64) whose signature is accepted; implies "
                    "--require-signed"));
  cmd->add_flag("--require-signed", trust.require_signed, _("Refuse an unsigned package"));
}

Record PackageRecord(const TransferPackage& p) {
  const MethodDescription& m = p.method;
  Record record{
      {{"format_version", _("Format version"), std::int64_t{p.format_version}},
       {"package_sha256", _("Package SHA-256"), p.package_sha256},
       {"payload_sha256", _("Payload SHA-256"), p.payload_sha256},
       {"signed", _("Signed"), p.is_signed},
       {"signer_public_key", _("Signer's public key"), p.signer_public_key},
       {"from_code", _("From municipality"), p.municipality_code},
       {"from_name", _("Municipality name"), p.municipality_name},
       {"from_country", _("Country"), p.municipality_country},
       {"created_at", _("Created at"), TimestampValue(p.created_at)},
       {"kinbridge_version", _("Made by kinbridge"), p.kinbridge_version},
       {"id", _("Method"), m.id},
       {"version", _("Version"), m.version},
       {"title", _("Title"), m.title},
       {"title_language", _("Language"), p.title_language},
       {"description", _("Description"), m.description},
       {"origin", _("Origin"), m.origin},
       {"kind", _("Kind"), MethodKindLabel(m.kind)},
       {"source", _("Source"), MethodSourceLabel(m.source)},
       {"capabilities", _("Capabilities"), CapabilitiesLabel(m.capabilities)},
       {"base", _("Based on"), m.base_id.empty() ? std::string() : m.base_id + " " + m.base_range},
       {"chain", _("Lineage"), ListValue(m.chain)},
       {"profile", _("Profile"), p.profile_json}},
      {}};
  std::vector<Section> sections = MethodSections(m);
  Section outcomes{"outcomes",
                   _("Outcomes"),
                   {{"period", _("Period")},
                    {"age_band", _("Age band")},
                    {"indicator", _("Indicator")},
                    {"value", _("Value")},
                    {"n", _("Children"), true}},
                   {}};
  for (const auto& c : p.outcomes) {
    outcomes.rows.push_back({QuarterLabel(c.period), AgeBandLabel(c.age_band),
                             OutcomeIndicatorLabel(c.indicator), OutcomeValueText(c), c.n});
  }
  sections.push_back(std::move(outcomes));
  record.sections = std::move(sections);
  return record;
}

void RunKeygen(Context& ctx, const std::string& file) {
  Result<std::string> key = GenerateTransferKey(file);
  if (!key.ok()) return ctx.Fail(key.status());
  ctx.Note(TrFormat("Wrote a secret key to {} (keep it private; readable only by you).", file));
  Record record{{{"key_file", _("Key file"), file}, {"public_key", _("Public key"), *key}}, {}};
  PrintRecord(ctx.format(), ctx.out(), record);
}

void RunSign(Context& ctx, const std::string& file, const std::string& key_file) {
  Result<std::string> key = SignTransferPackage(file, key_file);
  if (!key.ok()) return ctx.Fail(key.status());
  ctx.Note(TrFormat("Signed {} with public key {}.", file, *key));
  if (ctx.format() != OutputFormat::kTable) {
    PrintRecord(
        ctx.format(), ctx.out(),
        Record{{{"file", _("File"), file}, {"signer_public_key", _("Signer's public key"), *key}},
               {}});
  }
}

void RunVerify(Context& ctx, const std::string& file, const TrustOptions& trust) {
  Result<TransferPackage> p = ReadTransferPackage(file, trust.ToTrust());
  if (!p.ok()) return ctx.Fail(p.status());
  Record record{{{"file", _("File"), file},
                 {"method", _("Method"), p->method.id + "@" + p->method.version},
                 {"signed", _("Signed"), p->is_signed},
                 {"signer_public_key", _("Signer's public key"), p->signer_public_key},
                 {"package_sha256", _("Package SHA-256"), p->package_sha256}},
                {}};
  PrintRecord(ctx.format(), ctx.out(), record);
}

void RunInspect(Context& ctx, const std::string& file, const TrustOptions& trust) {
  Result<TransferPackage> p = ReadTransferPackage(file, trust.ToTrust());
  if (!p.ok()) return ctx.Fail(p.status());
  PrintRecord(ctx.format(), ctx.out(), PackageRecord(*p));
}

struct ExportOptions {
  std::string method, output, key, from, to;
  bool with_outcomes = false;
};

void RunExport(Context& ctx, const ExportOptions& options) {
  TransferExportOptions export_options;
  export_options.method = options.method;
  export_options.output_file = options.output;
  export_options.key_file = options.key;
  export_options.with_outcomes = options.with_outcomes;
  if (!ctx.ParseDateWindow(options.from, options.to, export_options.outcomes_from,
                           export_options.outcomes_to)) {
    return;
  }
  auto ws = ctx.OpenWorkspace();
  if (!ws) return;
  Result<TransferExport> e = ws->ExportMethodPackage(export_options);
  if (!e.ok()) return ctx.Fail(e.status());
  ctx.Note(TrFormat("Exported {} to {} ({}), SHA-256 {}.", e->method, e->file,
                    e->is_signed ? _("signed") : _("unsigned"), e->package_sha256));
  if (ctx.format() != OutputFormat::kTable) {
    Record record{{{"id", _("Id"), e->id},
                   {"method", _("Method"), e->method},
                   {"file", _("File"), e->file},
                   {"package_sha256", _("Package SHA-256"), e->package_sha256},
                   {"signed", _("Signed"), e->is_signed},
                   {"exported_by", _("Exported by"), e->exported_by},
                   {"exported_at", _("Exported at"), TimestampValue(e->exported_at)}},
                  {}};
    PrintRecord(ctx.format(), ctx.out(), record);
  }
}

std::vector<Column> ImportedColumns() {
  return {{"id", _("Id"), true},
          {"method", _("Method")},
          {"title", _("Title")},
          {"from", _("From")},
          {"chain", _("Lineage")},
          {"outcome_cells", _("Outcome cells"), true},
          {"signer_public_key", _("Signer's public key")},
          {"package_sha256", _("Package SHA-256")},
          {"imported_by", _("Imported by")},
          {"imported_at", _("Imported at")}};
}

std::vector<Value> ImportedRow(const ImportedMethod& m) {
  return {m.id,
          m.method,
          m.title,
          m.from_municipality,
          ListValue(m.chain),
          m.outcome_cells,
          m.signer_public_key,
          m.package_sha256,
          m.imported_by,
          TimestampValue(m.imported_at)};
}

void RunImport(Context& ctx, const std::string& file, const TrustOptions& trust) {
  auto ws = ctx.OpenWorkspace();
  if (!ws) return;
  Result<ImportedMethod> m = ws->ImportMethodPackage(file, trust.ToTrust());
  if (!m.ok()) return ctx.Fail(m.status());
  ctx.Note(TrFormat("Imported {} from {} (lineage: {}).", m->method, m->from_municipality,
                    std::get<std::string>(ListValue(m->chain))));
  if (ctx.format() != OutputFormat::kTable) {
    RowWriter writer(ctx.format(), ctx.out(), ImportedColumns());
    writer.Write(ImportedRow(*m));
    writer.Finish();
  }
}

void RunList(Context& ctx, bool exports) {
  auto ws = ctx.OpenWorkspace();
  if (!ws) return;
  if (exports) {
    RowWriter writer(ctx.format(), ctx.out(),
                     {{"id", _("Id"), true},
                      {"method", _("Method")},
                      {"file", _("File")},
                      {"signed", _("Signed")},
                      {"package_sha256", _("Package SHA-256")},
                      {"exported_by", _("Exported by")},
                      {"exported_at", _("Exported at")}});
    Status status = ws->ForEachTransferExport([&](const TransferExport& e) {
      writer.Write({e.id, e.method, e.file, e.is_signed, e.package_sha256, e.exported_by,
                    TimestampValue(e.exported_at)});
      return true;
    });
    if (!status.ok()) return ctx.Fail(status);
    writer.Finish();
    return;
  }
  RowWriter writer(ctx.format(), ctx.out(), ImportedColumns());
  Status status = ws->ForEachImportedMethod([&](const ImportedMethod& m) {
    writer.Write(ImportedRow(m));
    return true;
  });
  if (!status.ok()) return ctx.Fail(status);
  writer.Finish();
}

}  // namespace

void SetupTransferCommand(CLI::App& app, Context& ctx) {
  CLI::App* group = app.add_subcommand(
      "transfer", _("Methods between municipalities: transfer packages, keys and signatures"));
  group->require_subcommand(1);

  auto keygen = std::make_shared<std::string>();
  CLI::App* cmd =
      group->add_subcommand("keygen", _("Make an ed25519 key pair for signing packages"));
  cmd->add_option("-o,--output", *keygen, _("The secret key file to write (not overwritten)"))
      ->required();
  cmd->callback([&ctx, keygen] { RunKeygen(ctx, *keygen); });

  auto sign_file = std::make_shared<std::string>();
  auto sign_key = std::make_shared<std::string>();
  cmd = group->add_subcommand("sign", _("Sign a transfer package with a secret key file"));
  cmd->add_option("file", *sign_file, _("The package"))->required();
  cmd->add_option("--key", *sign_key, _("The secret key file"))->required();
  cmd->callback([&ctx, sign_file, sign_key] { RunSign(ctx, *sign_file, *sign_key); });

  auto verify_file = std::make_shared<std::string>();
  auto verify_trust = std::make_shared<TrustOptions>();
  cmd = group->add_subcommand("verify", _("Check a package's checksum and signature"));
  cmd->add_option("file", *verify_file, _("The package"))->required();
  AddTrustOptions(cmd, *verify_trust);
  cmd->callback([&ctx, verify_file, verify_trust] { RunVerify(ctx, *verify_file, *verify_trust); });

  auto inspect_file = std::make_shared<std::string>();
  auto inspect_trust = std::make_shared<TrustOptions>();
  cmd = group->add_subcommand("inspect", _("Show everything in a package (no workspace needed)"));
  cmd->add_option("file", *inspect_file, _("The package"))->required();
  AddTrustOptions(cmd, *inspect_trust);
  cmd->callback(
      [&ctx, inspect_file, inspect_trust] { RunInspect(ctx, *inspect_file, *inspect_trust); });

  auto exported = std::make_shared<ExportOptions>();
  cmd = group->add_subcommand("export", _("Write a method's package and log it (administrators)"));
  cmd->add_option("--method", exported->method, _("Method id"))->required();
  cmd->add_option("-o,--output", exported->output, _("The package file to write"))->required();
  cmd->add_option("--key", exported->key, _("Sign with this secret key file"));
  cmd->add_flag("--with-outcomes", exported->with_outcomes,
                _("Add the method's aggregated outcomes here (by quarter and age band; cells "
                  "under 5 children left out)"));
  cmd->add_option("--from", exported->from,
                  _("Outcomes from this day, YYYY-MM-DD (default: the last four complete "
                    "quarters and the current one)"));
  cmd->add_option("--to", exported->to, _("Outcomes up to this day, YYYY-MM-DD (default: today)"));
  cmd->callback([&ctx, exported] { RunExport(ctx, *exported); });

  auto import_file = std::make_shared<std::string>();
  auto import_trust = std::make_shared<TrustOptions>();
  cmd = group->add_subcommand("import",
                              _("Check a package and register its method here (administrators)"));
  cmd->add_option("file", *import_file, _("The package"))->required();
  AddTrustOptions(cmd, *import_trust);
  cmd->callback([&ctx, import_file, import_trust] { RunImport(ctx, *import_file, *import_trust); });

  auto exports = std::make_shared<bool>(false);
  cmd = group->add_subcommand("list", _("Imported methods, or with --exports the export log"));
  cmd->add_flag("--exports", *exports, _("The packages this workspace exported"));
  cmd->callback([&ctx, exports] { RunList(ctx, *exports); });
}

}  // namespace kinbridge::cli
