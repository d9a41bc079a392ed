#include "output/output.h"

#include <libintl.h>

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "kinbridge/text.h"

namespace kinbridge::cli {

namespace {

using Json = nlohmann::ordered_json;

const char* _(const char* msgid) { return dgettext("kinbridge", msgid); }

constexpr std::string_view kColumnGap = "  ";
constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";  // U+FFFD

// ---- dates -----------------------------------------------------------------------------------

bool AllDigits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "YYYY-MM-DD" by its shape; the parts are only rearranged, never interpreted.
bool IsIsoDay(std::string_view text) {
  return text.size() == 10 && text[4] == '-' && text[7] == '-' && AllDigits(text.substr(0, 4)) &&
         AllDigits(text.substr(5, 2)) && AllDigits(text.substr(8, 2));
}

// ---- table -----------------------------------------------------------------------------------

// `text` made safe for one line of a terminal: tab, newline and carriage return become a space,
// other C0/C1 controls (escape sequences could rewrite the screen) become U+FFFD.
std::string OneLine(std::string_view text) {
  std::string result;
  result.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == '\t' || byte == '\n' || byte == '\r') {
      result += ' ';
    } else if (byte < 0x20 || byte == 0x7F) {
      result += kReplacementCharacter;
    } else if (byte == 0xC2 && i + 1 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
      result += kReplacementCharacter;  // C1 control U+0080..U+009F.
      ++i;
    } else {
      result += text[i];
    }
  }
  return result;
}

// The value as people read it, before OneLine().
std::string HumanText(const Value& value) {
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  if (const auto* number = std::get_if<std::int64_t>(&value)) return std::to_string(*number);
  if (const auto* flag = std::get_if<bool>(&value)) return *flag ? _("yes") : _("no");
  if (const auto* label = std::get_if<Label>(&value)) {
    return label->text.empty() ? label->code : label->text;
  }
  if (const auto* date = std::get_if<DateCell>(&value)) return LocalTimestamp(date->iso);
  return "";
}

void Pad(std::string& line, std::size_t columns) { line.append(columns, ' '); }

void WriteLine(std::ostream& out, std::string line) {
  line.erase(line.find_last_not_of(' ') + 1);
  out << line << '\n';
}

void PrintTable(std::ostream& out, const std::vector<Column>& columns,
                const std::vector<std::vector<Value>>& rows) {
  struct Cell {
    std::string text;
    std::size_t width;
  };
  const auto make_cell = [](std::string text) {
    std::string line = OneLine(text);
    const std::size_t width = DisplayWidth(line);
    return Cell{std::move(line), width};
  };

  std::vector<Cell> header;
  std::vector<std::size_t> widths;
  for (const Column& column : columns) {
    header.push_back(make_cell(column.header));
    widths.push_back(header.back().width);
  }
  std::vector<std::vector<Cell>> body;
  body.reserve(rows.size());
  for (const std::vector<Value>& row : rows) {
    std::vector<Cell>& cells = body.emplace_back();
    for (std::size_t i = 0; i < columns.size(); ++i) {
      cells.push_back(make_cell(i < row.size() ? HumanText(row[i]) : std::string()));
      widths[i] = std::max(widths[i], cells.back().width);
    }
  }

  const auto print_row = [&](const std::vector<Cell>& cells) {
    std::string line;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) line += kColumnGap;
      const std::size_t fill = widths[i] - cells[i].width;
      if (columns[i].right_align) Pad(line, fill);
      line += cells[i].text;
      if (!columns[i].right_align) Pad(line, fill);
    }
    WriteLine(out, std::move(line));
  };

  print_row(header);
  std::string rule;
  for (std::size_t i = 0; i < widths.size(); ++i) {
    if (i > 0) rule += kColumnGap;
    rule.append(widths[i], '-');
  }
  WriteLine(out, std::move(rule));
  for (const std::vector<Cell>& cells : body) print_row(cells);
}

// ---- JSON ------------------------------------------------------------------------------------

Json ToJson(const Value& value) {
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  if (const auto* number = std::get_if<std::int64_t>(&value)) return *number;
  if (const auto* flag = std::get_if<bool>(&value)) return *flag;
  if (const auto* label = std::get_if<Label>(&value)) return label->code;
  if (const auto* date = std::get_if<DateCell>(&value)) return date->iso;
  return nullptr;
}

Json RowObject(const std::vector<Column>& columns, const std::vector<Value>& row) {
  Json object = Json::object();
  for (std::size_t i = 0; i < columns.size(); ++i) {
    object[columns[i].key] = i < row.size() ? ToJson(row[i]) : Json(nullptr);
  }
  return object;
}

// Pretty-printed with a 2-space indent, UTF-8 unescaped; invalid UTF-8 becomes U+FFFD rather than
// throwing, so that one bad byte in the database cannot abort a listing.
std::string Dump(const Json& json) {
  return json.dump(2, ' ', false, Json::error_handler_t::replace);
}

// ---- CSV -------------------------------------------------------------------------------------

// An optional sign, digits, and an optional fraction: "-5", "+46", "-3.25".
bool IsPlainNumber(std::string_view text) {
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) text.remove_prefix(1);
  const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  std::size_t i = 0;
  while (i < text.size() && is_digit(text[i])) ++i;
  if (i == 0) return false;
  if (i == text.size()) return true;
  if (text[i] != '.') return false;
  const std::size_t fraction = ++i;
  while (i < text.size() && is_digit(text[i])) ++i;
  return i > fraction && i == text.size();
}

// One CSV cell. Text a spreadsheet would run as a formula (starting with = + - @, or tab or
// carriage return as OWASP advises) gets a leading ' unless it is a plain number; ISO dates start
// with a digit and are never touched. Quoted when it holds , " CR or LF, or starts or ends with
// a space or tab; quotes are doubled.
std::string CsvCell(std::string text) {
  if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos &&
      !IsPlainNumber(text)) {
    text.insert(text.begin(), '\'');
  }
  const bool edge_space = !text.empty() && (text.front() == ' ' || text.front() == '\t' ||
                                            text.back() == ' ' || text.back() == '\t');
  if (!edge_space && text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::string CsvText(const Value& value) {
  if (const auto* text = std::get_if<std::string>(&value)) return CsvCell(*text);
  if (const auto* number = std::get_if<std::int64_t>(&value)) return std::to_string(*number);
  if (const auto* flag = std::get_if<bool>(&value)) return *flag ? "true" : "false";
  if (const auto* label = std::get_if<Label>(&value)) return CsvCell(label->code);
  if (const auto* date = std::get_if<DateCell>(&value)) return CsvCell(date->iso);
  return "";
}

void WriteCsvHeader(std::ostream& out, const std::vector<Column>& columns) {
  std::string line;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) line += ',';
    line += CsvCell(columns[i].key);
  }
  out << line << '\n';
}

void WriteCsvRow(std::ostream& out, std::size_t width, const std::vector<Value>& row) {
  std::string line;
  for (std::size_t i = 0; i < width; ++i) {
    if (i > 0) line += ',';
    if (i < row.size()) line += CsvText(row[i]);
  }
  out << line << '\n';
}

// ---- records ---------------------------------------------------------------------------------

void PrintRecordTable(std::ostream& out, const Record& record) {
  std::size_t label_width = 0;
  for (const Field& field : record.fields) {
    label_width = std::max(label_width, DisplayWidth(OneLine(field.label)) + 1);
  }
  for (const Field& field : record.fields) {
    std::string line = OneLine(field.label) + ":";
    Pad(line, label_width - DisplayWidth(line));
    line += kColumnGap;
    // A value with several lines (a note) keeps them, each under the first.
    const std::string text = HumanText(field.value);
    std::size_t start = 0;
    while (true) {
      const std::size_t end = text.find('\n', start);
      std::string_view part = std::string_view(text).substr(start, end - start);
      if (part.ends_with('\r')) part.remove_suffix(1);
      line += OneLine(part);
      WriteLine(out, std::move(line));
      if (end == std::string::npos) break;
      start = end + 1;
      line.assign(label_width + kColumnGap.size(), ' ');
    }
  }
  bool printed = !record.fields.empty();
  for (const Section& section : record.sections) {
    if (printed) out << '\n';
    printed = true;
    WriteLine(out, OneLine(section.title));
    if (section.rows.empty()) {
      WriteLine(out, std::string(kColumnGap) + _("(none)"));
    } else {
      PrintTable(out, section.columns, section.rows);
    }
  }
}

void PrintRecordJson(std::ostream& out, const Record& record) {
  Json object = Json::object();
  for (const Field& field : record.fields) object[field.key] = ToJson(field.value);
  for (const Section& section : record.sections) {
    Json rows = Json::array();
    for (const std::vector<Value>& row : section.rows) {
      rows.push_back(RowObject(section.columns, row));
    }
    object[section.key] = std::move(rows);
  }
  out << Dump(object) << '\n';
}

void PrintRecordCsv(std::ostream& out, const Record& record) {
  bool printed = false;
  if (!record.fields.empty()) {
    std::vector<Column> columns;
    std::vector<Value> values;
    for (const Field& field : record.fields) {
      columns.push_back(Column{field.key, field.label});
      values.push_back(field.value);
    }
    WriteCsvHeader(out, columns);
    WriteCsvRow(out, columns.size(), values);
    printed = true;
  }
  for (const Section& section : record.sections) {
    if (printed) out << '\n';
    printed = true;
    WriteCsvHeader(out, section.columns);
    for (const std::vector<Value>& row : section.rows) {
      WriteCsvRow(out, section.columns.size(), row);
    }
  }
}

}  // namespace

std::optional<OutputFormat> ParseOutputFormat(std::string_view text) {
  if (text == "table") return OutputFormat::kTable;
  if (text == "json") return OutputFormat::kJson;
  if (text == "csv") return OutputFormat::kCsv;
  return std::nullopt;
}

RowWriter::RowWriter(OutputFormat format, std::ostream& out, std::vector<Column> columns)
    : format_(format), out_(&out), columns_(std::move(columns)) {}

void RowWriter::Begin() {
  if (begun_) return;
  begun_ = true;
  if (format_ == OutputFormat::kCsv) WriteCsvHeader(*out_, columns_);
}

void RowWriter::Write(std::vector<Value> row) {
  if (finished_) return;
  Begin();
  switch (format_) {
    case OutputFormat::kTable: table_rows_.push_back(std::move(row)); break;
    case OutputFormat::kJson: {
      // Each object is indented one level inside the array; JSON text has no raw newlines inside
      // strings, so indenting every line is safe.
      *out_ << (rows_ == 0 ? "[\n" : ",\n");
      const std::string object = Dump(RowObject(columns_, row));
      std::string_view rest = object;
      for (std::size_t end; (end = rest.find('\n')) != std::string_view::npos;) {
        *out_ << "  " << rest.substr(0, end + 1);
        rest.remove_prefix(end + 1);
      }
      *out_ << "  " << rest;
      break;
    }
    case OutputFormat::kCsv: WriteCsvRow(*out_, columns_.size(), row); break;
  }
  ++rows_;
}

void RowWriter::Finish() {
  if (finished_) return;
  Begin();
  finished_ = true;
  switch (format_) {
    case OutputFormat::kTable:
      PrintTable(*out_, columns_, table_rows_);
      table_rows_.clear();
      break;
    case OutputFormat::kJson: *out_ << (rows_ == 0 ? "[]\n" : "\n]\n"); break;
    case OutputFormat::kCsv: break;
  }
  out_->flush();
}

void PrintRecord(OutputFormat format, std::ostream& out, const Record& record) {
  switch (format) {
    case OutputFormat::kTable: PrintRecordTable(out, record); break;
    case OutputFormat::kJson: PrintRecordJson(out, record); break;
    case OutputFormat::kCsv: PrintRecordCsv(out, record); break;
  }
}

std::string TerminalSafe(std::string_view text) { return OneLine(text); }

std::string LocalDate(std::string_view iso) {
  if (!IsIsoDay(iso)) return std::string(iso);
  // TRANSLATORS: how a day is written in tables: {0} the year (2026), {1} the month and {2} the
  // day, each as two digits (01..12, 01..31). Swedish keeps ISO 8601; Chinese: {0}年{1}月{2}日.
  const char* pattern = _("{0}-{1}-{2}");
  try {
    return fmt::format(fmt::runtime(pattern), iso.substr(0, 4), iso.substr(5, 2), iso.substr(8, 2));
  } catch (const fmt::format_error&) {
    return std::string(iso);  // A broken translation must not hide the date.
  }
}

std::string LocalMonth(std::string_view iso) {
  if (iso.size() != 7 || iso[4] != '-' || !AllDigits(iso.substr(0, 4)) ||
      !AllDigits(iso.substr(5, 2))) {
    return std::string(iso);
  }
  // TRANSLATORS: how a month is written in tables and reports: {0} the year (2026), {1} the month
  // as two digits (01..12). Swedish keeps ISO 8601; Chinese: {0}年{1}月.
  const char* pattern = _("{0}-{1}");
  try {
    return fmt::format(fmt::runtime(pattern), iso.substr(0, 4), iso.substr(5, 2));
  } catch (const fmt::format_error&) {
    return std::string(iso);
  }
}

std::string LocalTimestamp(std::string_view iso) {
  if (IsIsoDay(iso)) return LocalDate(iso);
  // "YYYY-MM-DDTHH:MM" and what may follow it: seconds, a fraction, the zone "Z".
  if (iso.size() < 17 || !IsIsoDay(iso.substr(0, 10)) || iso[10] != 'T' || iso[13] != ':' ||
      !AllDigits(iso.substr(11, 2)) || !AllDigits(iso.substr(14, 2)) || !iso.ends_with('Z')) {
    return std::string(iso);
  }
  // TRANSLATORS: a moment in tables: {0} the day in the form above, {1} the time "HH:MM" in UTC.
  const char* pattern = _("{0} {1} UTC");
  try {
    return fmt::format(fmt::runtime(pattern), LocalDate(iso.substr(0, 10)), iso.substr(11, 5));
  } catch (const fmt::format_error&) {
    return std::string(iso);
  }
}

}  // namespace kinbridge::cli
