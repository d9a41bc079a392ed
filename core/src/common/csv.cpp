#include "common/csv.h"

#include "common/i18n.h"

namespace kinbridge::detail {

namespace {

// Whether `text` is well-formed UTF-8 (no overlong forms, surrogates or code points past
// U+10FFFF), so that a file in another encoding is refused rather than stored garbled.
bool IsUtf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t n = 0;
    unsigned min = 0;
    unsigned cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      n = 1, min = 0x80, cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2, min = 0x800, cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3, min = 0x10000, cp = c & 0x07;
    } else {
      return false;
    }
    for (std::size_t k = 1; k <= n; ++k) {
      if (i + k >= text.size()) return false;
      const auto d = static_cast<unsigned char>(text[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n + 1;
  }
  return true;
}

}  // namespace

CsvReader::CsvReader(std::string_view text) : text_(text) {
  if (text_.starts_with("\xEF\xBB\xBF")) pos_ = 3;
}

std::optional<CsvRow> CsvReader::Next() {
  if (!status_.ok() || pos_ >= text_.size()) return std::nullopt;
  CsvRow row;
  row.line = line_;
  std::string field;
  bool quoted = false;      // inside a quoted field
  bool was_quoted = false;  // the current field was quoted and its closing quote seen
  while (pos_ < text_.size()) {
    const char c = text_[pos_];
    if (quoted) {
      if (c == '"') {
        if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
          field += '"';
          pos_ += 2;
          continue;
        }
        quoted = false;
        was_quoted = true;
        ++pos_;
        continue;
      }
      if (c == '\n') ++line_;
      field += c;
      ++pos_;
      continue;
    }
    if (c == ',') {
      row.fields.push_back(std::move(field));
      field.clear();
      was_quoted = false;
      ++pos_;
      continue;
    }
    if (c == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') {
      ++pos_;
      continue;
    }
    if (c == '\n') {
      ++pos_;
      ++line_;
      break;
    }
    if (was_quoted) {
      status_ = Status::InvalidArgument(
          TrFormat("line {}: unexpected text after a closing quote (write a quote inside a quoted "
                   "field twice: \"\")",
                   line_));
      return std::nullopt;
    }
    if (c == '"' && field.empty()) {
      quoted = true;
      ++pos_;
      continue;
    }
    field += c;
    ++pos_;
  }
  if (quoted) {
    status_ = Status::InvalidArgument(
        TrFormat("line {}: a quoted field is not closed before the end of the file", row.line));
    return std::nullopt;
  }
  row.fields.push_back(std::move(field));
  for (const std::string& f : row.fields) {
    if (!IsUtf8(f)) {
      status_ = Status::InvalidArgument(
          TrFormat("line {}: the text is not UTF-8 (save the file as CSV UTF-8)", row.line));
      return std::nullopt;
    }
  }
  return row;
}

}  // namespace kinbridge::detail
