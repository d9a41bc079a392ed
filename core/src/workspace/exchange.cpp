// Import of children, relations and placements from CSV files, in one transaction: each row goes
// through the same checks and audit as `child add`, `relation add` and `placement add`.
#include <algorithm>
#include <map>
#include <set>

#include <fmt/ranges.h>

#include "common/csv.h"
#include "kinbridge/exchange.h"
#include "workspace/workspace_impl.h"

KINBRIDGE_NAMESPACE_BEGIN

using detail::DatabaseError;
using detail::Operation;
using detail::WriteTransaction;

std::string_view RecordKindName(RecordKind kind) {
  switch (kind) {
    case RecordKind::kChildren: return "children";
    case RecordKind::kRelations: return "relations";
    case RecordKind::kPlacements: return "placements";
  }
  return "children";
}

Result<RecordKind> ParseRecordKind(std::string_view text) {
  for (RecordKind kind : {RecordKind::kChildren, RecordKind::kRelations, RecordKind::kPlacements}) {
    if (text == RecordKindName(kind)) return kind;
  }
  return Status::InvalidArgument(TrFormat(
      "{} is not a kind of record to exchange (expected children, relations or placements)", text));
}

const std::vector<std::string>& ExchangeColumns(RecordKind kind) {
  static const std::vector<std::string> children = {
      "external_id", "name",   "birth_date",         "national_id", "id_scheme",
      "languages",   "school", "protected_identity", "responsible"};
  static const std::vector<std::string> relations = {
      "child",      "name",      "kind",       "description",
      "birth_date", "caregiver", "in_contact", "registered_child"};
  static const std::vector<std::string> placements = {
      "child", "type", "basis",      "law",     "caregivers",
      "start", "end",  "end_reason", "address", "protected_address"};
  switch (kind) {
    case RecordKind::kChildren: return children;
    case RecordKind::kRelations: return relations;
    case RecordKind::kPlacements: return placements;
  }
  return children;
}

namespace {

std::vector<std::string> RequiredColumns(RecordKind kind) {
  switch (kind) {
    case RecordKind::kChildren: return {"name", "birth_date"};
    case RecordKind::kRelations: return {"child", "name", "kind"};
    case RecordKind::kPlacements: return {"child", "type", "basis", "start"};
  }
  return {};
}

// A header cell as a column key: trimmed, lower case, without a leading "--", with '-' as '_',
// so that the CLI's option names are accepted too.
std::string ColumnKey(std::string_view header) {
  while (!header.empty() && (header.front() == ' ' || header.front() == '\t')) {
    header.remove_prefix(1);
  }
  while (!header.empty() && (header.back() == ' ' || header.back() == '\t')) {
    header.remove_suffix(1);
  }
  if (header.starts_with("--")) header.remove_prefix(2);
  std::string key;
  for (char c : header) {
    if (c == '-') c = '_';
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    key += c;
  }
  return key;
}

// A cell as written by an export: a leading ' that guarded a spreadsheet formula is removed.
std::string Unguarded(std::string cell) {
  if (cell.size() >= 2 && cell[0] == '\'' &&
      std::string_view("=+-@\t\r").find(cell[1]) != std::string_view::npos) {
    cell.erase(0, 1);
  }
  return cell;
}

std::string Trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

struct ParsedFile {
  const ImportFile* file = nullptr;
  std::map<std::string, std::size_t> columns;  // key -> index
  std::size_t width = 0;
  std::vector<detail::CsvRow> rows;
};

Result<ParsedFile> ParseFile(const ImportFile& file) {
  ParsedFile parsed;
  parsed.file = &file;
  detail::CsvReader reader(file.text);
  std::optional<detail::CsvRow> header = reader.Next();
  if (!header) {
    if (!reader.status().ok()) {
      return Status::InvalidArgument(TrFormat("{}: {}", file.name, reader.status().message()));
    }
    return Status::InvalidArgument(
        TrFormat("{}: the file is empty (expected a header line naming the columns: {})", file.name,
                 fmt::join(ExchangeColumns(file.kind), ",")));
  }
  const std::vector<std::string>& known = ExchangeColumns(file.kind);
  for (std::size_t i = 0; i < header->fields.size(); ++i) {
    const std::string key = ColumnKey(header->fields[i]);
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      return Status::InvalidArgument(
          TrFormat("{} line 1: column {} is not a column of {} (expected some of: {})", file.name,
                   header->fields[i], RecordKindName(file.kind), fmt::join(known, ",")));
    }
    if (!parsed.columns.emplace(key, i).second) {
      return Status::InvalidArgument(
          TrFormat("{} line 1: column {} is named twice", file.name, key));
    }
  }
  for (const std::string& required : RequiredColumns(file.kind)) {
    if (!parsed.columns.contains(required)) {
      return Status::InvalidArgument(
          TrFormat("{} line 1: the required column {} is missing", file.name, required));
    }
  }
  parsed.width = header->fields.size();
  while (std::optional<detail::CsvRow> row = reader.Next()) {
    // A line with nothing on it (often the last) is no row.
    if (row->fields.size() == 1 && Trimmed(row->fields[0]).empty()) continue;
    parsed.rows.push_back(std::move(*row));
  }
  if (!reader.status().ok()) {
    return Status::InvalidArgument(TrFormat("{}: {}", file.name, reader.status().message()));
  }
  return parsed;
}

// One row's cells by column key, converting them and noting the first fault.
class RowReader {
 public:
  RowReader(const ParsedFile& file, const detail::CsvRow& row) : file_(file), row_(row) {}

  std::string Text(const std::string& key) const {
    auto it = file_.columns.find(key);
    if (it == file_.columns.end() || it->second >= row_.fields.size()) return "";
    return Unguarded(row_.fields[it->second]);
  }

  std::optional<Date> DateOf(const std::string& key, const char* what) {
    const std::string text = Trimmed(Text(key));
    if (text.empty()) return std::nullopt;
    Result<Date> date = Date::Parse(text, _(what));
    if (!date.ok()) Fault(key, text, date.status().message());
    return date.ok() ? std::optional<Date>(*date) : std::nullopt;
  }

  // yes/no, true/false, 1/0 (any case); empty gives `fallback`.
  bool Flag(const std::string& key, bool fallback) {
    std::string text = ColumnKey(Text(key));
    if (text.empty()) return fallback;
    if (text == "yes" || text == "true" || text == "1") return true;
    if (text == "no" || text == "false" || text == "0") return false;
    Fault(key, Text(key),
          TrFormat("{} is not yes or no (expected yes, no, true, false, 1 or 0)", Text(key)));
    return fallback;
  }

  void Fault(const std::string& column, const std::string& value, const std::string& reason) {
    if (fault_) return;
    fault_ = RejectedRow{file_.file->name, row_.line, column, value, reason};
  }
  const std::optional<RejectedRow>& fault() const { return fault_; }

 private:
  const ParsedFile& file_;
  const detail::CsvRow& row_;
  std::optional<RejectedRow> fault_;
};

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> items;
  std::string item;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == ',' || text[i] == ';') {
      if (std::string t = Trimmed(item); !t.empty()) items.push_back(t);
      item.clear();
    } else {
      item += text[i];
    }
  }
  return items;
}

// Runs the statements of one row so that a rejected row leaves nothing behind, also when the
// rest of the import goes on (skip_invalid) or the database refused a statement half-way.
class RowSavepoint {
 public:
  explicit RowSavepoint(detail::Database& db) : db_(db) { db_.session() << "SAVEPOINT import_row"; }
  RowSavepoint(const RowSavepoint&) = delete;
  RowSavepoint& operator=(const RowSavepoint&) = delete;
  ~RowSavepoint() {
    if (done_) return;
    try {
      db_.session() << "ROLLBACK TO SAVEPOINT import_row";
      db_.session() << "RELEASE SAVEPOINT import_row";
    } catch (...) {
      // The transaction around it is rolled back as a whole then.
    }
  }
  void Keep() {
    db_.session() << "RELEASE SAVEPOINT import_row";
    done_ = true;
  }

 private:
  detail::Database& db_;
  bool done_ = false;
};

}  // namespace

Result<ImportResult> Workspace::Import(const ImportRequest& request) {
  Impl& w = *impl_;
  ImportResult result;
  result.dry_run = request.dry_run;
  if (request.files.empty()) {
    return Status::InvalidArgument(_("nothing to import: name at least one file"));
  }
  // Children first, so that relations and placements can name them by external id.
  std::vector<ParsedFile> files;
  for (RecordKind kind : {RecordKind::kChildren, RecordKind::kRelations, RecordKind::kPlacements}) {
    for (const ImportFile& file : request.files) {
      if (file.kind != kind) continue;
      Result<ParsedFile> parsed = ParseFile(file);
      if (!parsed.ok()) return parsed.status();
      result.rows += parsed->rows.size();
      files.push_back(std::move(*parsed));
    }
  }
  std::vector<Impl::DeferredDenial> denials;
  std::set<long long> touched;  // children written or named, for the summary audit entry
  std::string summary;
  try {
    WriteTransaction tx(*w.db);
    // An import of children needs the right to register them at all; that is checked once.
    for (const ParsedFile& f : files) {
      if (f.file->kind == RecordKind::kChildren) {
        KINBRIDGE_RETURN_IF_ERROR(
            w.Allow(tx, Operation::kRegisterChild, "import", "children", f.file->name));
        break;
      }
    }
    struct DenialGuard {
      Impl& w;
      ~DenialGuard() { w.deferred_denials = nullptr; }
    } guard{w};
    w.deferred_denials = &denials;

    // external_id -> case reference of the child made from it; and the rows that were rejected.
    std::map<std::string, std::string> by_external_id;
    std::map<std::string, std::pair<std::string, std::size_t>> rejected_external_ids;
    std::size_t done = 0;
    const auto child_of = [&](RowReader& r, const std::string& key) -> std::string {
      const std::string ref = Trimmed(r.Text(key));
      if (ref.empty()) return ref;
      if (auto it = by_external_id.find(ref); it != by_external_id.end()) return it->second;
      if (auto it = rejected_external_ids.find(ref); it != rejected_external_ids.end()) {
        r.Fault(key, ref,
                TrFormat("child {} was not imported: its row ({} line {}) was rejected", ref,
                         it->second.first, it->second.second));
      }
      return ref;
    };

    for (const ParsedFile& f : files) {
      std::size_t rows_here = 0, rejected_here = 0;
      for (const detail::CsvRow& row : f.rows) {
        ++rows_here;
        RowReader r(f, row);
        std::optional<ImportedRecord> made;
        std::string external_id;
        Status status;
        if (row.fields.size() != f.width) {
          r.Fault("", "",
                  TrFormat("the row has {} fields but the header has {} (a comma inside a value "
                           "needs quotes around the value)",
                           row.fields.size(), f.width));
        }
        RowSavepoint savepoint(*w.db);
        try {
          if (f.file->kind == RecordKind::kChildren) {
            external_id = Trimmed(r.Text("external_id"));
            if (!external_id.empty() && (by_external_id.contains(external_id) ||
                                         rejected_external_ids.contains(external_id))) {
              r.Fault("external_id", external_id,
                      TrFormat("external id {} is used by an earlier row", external_id));
            }
            NewChild in;
            in.name = r.Text("name");
            std::optional<Date> birth = r.DateOf("birth_date", N_("birth date"));
            if (!birth && !r.fault()) {
              r.Fault("birth_date", "", _("the birth date is required (expected YYYY-MM-DD)"));
            }
            if (birth) in.birth_date = *birth;
            if (std::string nid = Trimmed(r.Text("national_id")); !nid.empty()) {
              in.national_id = nid;
            }
            if (std::string scheme = Trimmed(r.Text("id_scheme")); !scheme.empty()) {
              Result<NationalIdScheme> parsed = ParseNationalIdScheme(scheme);
              if (parsed.ok()) {
                in.national_id_scheme = *parsed;
              } else {
                r.Fault("id_scheme", scheme, parsed.status().message());
              }
            }
            in.languages = SplitList(r.Text("languages"));
            in.school = r.Text("school");
            in.protected_identity = r.Flag("protected_identity", false);
            in.responsible_account = Trimmed(r.Text("responsible"));
            if (!r.fault()) {
              Result<Child> child = w.InsertChild(tx, in);
              status = child.status();
              if (child.ok()) {
                made = ImportedRecord{RecordKind::kChildren, f.file->name,          row.line,
                                      external_id,           child->case_reference, 0};
                touched.insert(child->id);
              }
            }
          } else if (f.file->kind == RecordKind::kRelations) {
            const std::string child = child_of(r, "child");
            NewRelation in;
            in.person_name = r.Text("name");
            const std::string kind = Trimmed(r.Text("kind"));
            Result<RelationKind> parsed = ParseRelationKind(kind);
            if (parsed.ok()) {
              in.kind = *parsed;
            } else {
              r.Fault("kind", kind, parsed.status().message());
            }
            in.description = r.Text("description");
            in.birth_date = r.DateOf("birth_date", N_("birth date"));
            in.caregiver = r.Flag("caregiver", false);
            in.in_contact = r.Flag("in_contact", true);
            in.registered_child = child_of(r, "registered_child");
            if (child.empty() && !r.fault()) {
              r.Fault("child", "",
                      _("the child is required (a case reference, uuid or external id)"));
            }
            if (!r.fault()) {
              Result<Relation> relation = w.InsertRelation(tx, child, in);
              status = relation.status();
              if (relation.ok()) {
                made = ImportedRecord{RecordKind::kRelations,         f.file->name, row.line, "",
                                      relation->child_case_reference, relation->id};
                touched.insert(relation->child_id);
              }
            }
          } else {
            const std::string child = child_of(r, "child");
            NewPlacement in;
            const std::string type = Trimmed(r.Text("type"));
            Result<PlacementType> parsed_type = ParsePlacementType(type);
            if (parsed_type.ok()) {
              in.type = *parsed_type;
            } else {
              r.Fault("type", type, parsed_type.status().message());
            }
            const std::string basis = Trimmed(r.Text("basis"));
            Result<LegalBasis> parsed_basis = ParseLegalBasis(basis);
            if (parsed_basis.ok()) {
              in.legal_basis = *parsed_basis;
            } else {
              r.Fault("basis", basis, parsed_basis.status().message());
            }
            in.legal_code = r.Text("law");
            in.caregivers = r.Text("caregivers");
            std::optional<Date> start = r.DateOf("start", N_("start"));
            if (!start && !r.fault()) {
              r.Fault("start", "", _("the start is required (expected YYYY-MM-DD)"));
            }
            if (start) in.start = *start;
            std::optional<Date> end = r.DateOf("end", N_("end"));
            const std::string end_reason = r.Text("end_reason");
            in.address = r.Text("address");
            in.address_protected = r.Flag("protected_address", false);
            if (child.empty() && !r.fault()) {
              r.Fault("child", "",
                      _("the child is required (a case reference, uuid or external id)"));
            }
            if (!r.fault()) {
              Result<Placement> placement = w.InsertPlacement(tx, child, in);
              if (placement.ok() && end) {
                placement = w.FinishPlacement(tx, placement->id, *end, end_reason);
              }
              status = placement.status();
              if (placement.ok()) {
                made = ImportedRecord{RecordKind::kPlacements,         f.file->name, row.line, "",
                                      placement->child_case_reference, placement->id};
                touched.insert(placement->child_id);
              }
            }
          }
        } catch (const std::exception& e) {
          status = DatabaseError(e, TrFormat("importing {} line {}", f.file->name, row.line));
        }
        if (!r.fault() && !status.ok()) r.Fault("", "", status.message());
        if (r.fault()) {
          result.rejected.push_back(*r.fault());
          ++rejected_here;
          if (f.file->kind == RecordKind::kChildren && !external_id.empty()) {
            rejected_external_ids.emplace(external_id, std::pair(f.file->name, row.line));
          }
        } else {
          savepoint.Keep();
          if (f.file->kind == RecordKind::kChildren && !external_id.empty()) {
            by_external_id.emplace(external_id, made->case_reference);
          }
          result.imported.push_back(std::move(*made));
        }
        ++done;
        if (request.progress) request.progress(done, result.rows);
      }
      summary += fmt::format("{}{} {}: {} rows, {} rejected", summary.empty() ? "" : "; ",
                             RecordKindName(f.file->kind), f.file->name, rows_here, rejected_here);
    }
    w.deferred_denials = nullptr;
    const bool commit = !request.dry_run && (result.rejected.empty() || request.skip_invalid);
    if (commit) {
      w.Audit("import", "import", "", {touched.begin(), touched.end()}, summary);
      tx.Commit();
      result.written = true;
    }
  } catch (const std::exception& e) {
    return DatabaseError(e, _("importing records"));
  }
  // Ids of records rolled back name nothing.
  if (!result.written) {
    for (ImportedRecord& rec : result.imported) rec.id = 0;
  }
  // What was refused or only checked is audited after the import's transaction has ended: the
  // refusals as every refusal is, and a dry run or a rejected import by one summary entry (the
  // children it would have made do not exist, so only the children it named are listed).
  if (!result.written || !denials.empty()) {
    try {
      WriteTransaction tx(*w.db);
      for (const Impl::DeferredDenial& d : denials) {
        w.Audit("access.denied", d.entity_type, d.entity, d.child_ids, d.action);
      }
      if (!result.written) {
        std::set<long long> existing;
        for (const ImportedRecord& rec : result.imported) {
          if (rec.kind == RecordKind::kChildren) continue;
          if (Result<Child> c = w.FindChild(rec.case_reference); c.ok()) existing.insert(c->id);
        }
        w.Audit(request.dry_run ? "import.dry-run" : "import.rejected", "import", "",
                {existing.begin(), existing.end()}, summary);
      }
      tx.Commit();
    } catch (const std::exception& e) {
      return DatabaseError(e, _("recording the import in the audit log"));
    }
  }
  return result;
}

KINBRIDGE_NAMESPACE_END
