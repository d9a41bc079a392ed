// The CLI's output layer: lists and single records as aligned tables (for people), JSON or CSV
// (for scripts and spreadsheets). Commands build rows of Values and never format text themselves.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace kinbridge::cli {

enum class OutputFormat {
  kTable,  // "table": aligned columns for a terminal
  kJson,   // "json": pretty-printed, UTF-8, 2-space indent
  kCsv,    // "csv": RFC 4180 with "\n" line ends and a formula-injection guard
};

// "table", "json" or "csv" (exactly, lower case); nullopt for anything else.
std::optional<OutputFormat> ParseOutputFormat(std::string_view text);

// An enumerated value: its stable code ("foster-family") and its label in the user's language
// ("familjehem"). Tables show the label (the code when the label is empty); JSON and CSV keep the
// code, which scripts and `kinbridge import` read.
struct Label {
  std::string code;
  std::string text;
  bool operator==(const Label&) const = default;
};

// A calendar day "YYYY-MM-DD" or a UTC timestamp "YYYY-MM-DDTHH:MM:SSZ" (ISO 8601). JSON and CSV
// keep it as it is; tables show it in the language's form (LocalDate, LocalTimestamp).
struct DateCell {
  std::string iso;
  bool operator==(const DateCell&) const = default;
};

// One cell. std::monostate is null: empty in tables and CSV, `null` in JSON.
using Value = std::variant<std::monostate, std::string, std::int64_t, bool, Label, DateCell>;

// An ISO day "YYYY-MM-DD" in the form of the user's language (the translatable pattern
// "{0}-{1}-{2}": year, month, day, the latter two as two digits). Anything else, and a pattern
// that does not format, gives `iso` unchanged.
std::string LocalDate(std::string_view iso);

// A month "YYYY-MM" in the form of the user's language (the pattern "{0}-{1}": year, month as
// two digits); anything else unchanged.
std::string LocalMonth(std::string_view iso);

// A timestamp "YYYY-MM-DDTHH:MM[:SS[.fff]][Z]" as the language's day and "HH:MM" (the pattern
// "{0} {1} UTC"); a bare day as LocalDate(); anything else unchanged.
std::string LocalTimestamp(std::string_view iso);

struct Column {
  // Stable snake_case name, used as the JSON key and the CSV header; never translated.
  std::string key;
  // Label for tables, already translated.
  std::string header;
  // Tables only. Default: left-aligned.
  bool right_align = false;
};

// Writes a list: construct, Write() each row, then Finish(). JSON and CSV rows are written as they
// come (streaming); table rows are kept until Finish() so that columns can be sized.
// The destructor does not call Finish(): output cut short by an error stays visibly incomplete.
// Ownership: `out` is borrowed and must outlive the writer. Thread-safety: not thread-safe.
class RowWriter {
 public:
  RowWriter(OutputFormat format, std::ostream& out, std::vector<Column> columns);
  RowWriter(const RowWriter&) = delete;
  RowWriter& operator=(const RowWriter&) = delete;

  // One value per column, in column order; missing values are written as null and extra values
  // are ignored. Ignored after Finish().
  void Write(std::vector<Value> row);

  // Table: prints the header, the rule and the rows. JSON: closes the array. CSV: writes the header
  // when there were no rows. Calls after the first do nothing.
  void Finish();

  // Rows passed to Write() so far.
  std::size_t rows() const { return rows_; }

 private:
  void Begin();

  OutputFormat format_;
  std::ostream* out_;
  std::vector<Column> columns_;
  std::vector<std::vector<Value>> table_rows_;  // Table format only.
  std::size_t rows_ = 0;
  bool begun_ = false;
  bool finished_ = false;
};

// A single record with optional sections (e.g. a child with its relations and placements).
struct Field {
  std::string key;    // JSON key and CSV header.
  std::string label;  // For tables, already translated.
  Value value;
};

struct Section {
  std::string key;    // JSON key; must differ from every field key.
  std::string title;  // For tables, already translated.
  std::vector<Column> columns;
  std::vector<std::vector<Value>> rows;
};

struct Record {
  std::vector<Field> fields;
  std::vector<Section> sections;
};

// Table: "label:" padded to the widest label, then the value; then for each section a blank line,
// its title and a table, or an indented "(none)" when it has no rows.
// JSON: one object, the fields in order, then each section as an array of objects under its key.
// CSV: a header line and one row for the fields; then for each section an empty line, its header
// line and its rows.
void PrintRecord(OutputFormat format, std::ostream& out, const Record& record);

// `text` safe to print on one terminal line: tab, newline and carriage return become spaces,
// other control characters (which could rewrite the screen) become U+FFFD.
std::string TerminalSafe(std::string_view text);

}  // namespace kinbridge::cli
