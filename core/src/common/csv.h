// A reader of CSV text as RFC 4180 describes it (and as spreadsheets write it): fields separated
// by commas, quoted fields holding commas, line breaks and quotes written twice, LF or CRLF line
// ends, a UTF-8 byte-order mark skipped. Debian has no maintained C++ CSV library (libcsv's last
// release is from 2013, fast-cpp-csv-parser cannot read line breaks in quoted fields), and this
// is the little that kinbridge's import needs.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kinbridge/status.h"

namespace kinbridge::detail {

struct CsvRow {
  std::size_t line = 0;  // the line the row starts on, from 1
  std::vector<std::string> fields;
};

// Owns nothing: `text` must outlive the reader. Thread-safety: one thread at a time.
class CsvReader {
 public:
  explicit CsvReader(std::string_view text);

  // The next row; nullopt at the end of the text, or after an error (see status()). A line
  // holding nothing yields a row with one empty field.
  std::optional<CsvRow> Next();

  // InvalidArgument naming the line when the text is not CSV: a quote left open at the end, a
  // character after a closing quote, or text that is not UTF-8.
  const Status& status() const { return status_; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  Status status_;
};

}  // namespace kinbridge::detail
