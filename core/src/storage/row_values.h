// Conversions between stored column values and model values, shared by the repositories.
// Stored dates are "YYYY-MM-DD" text; a stored value that fails to parse means the file was
// changed outside kinbridge and throws, which the caller reports as an internal error.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "kinbridge/date.h"

namespace kinbridge::detail {

inline Date StoredDate(const std::string& text) {
  Result<Date> date = Date::Parse(text, "stored date");
  if (!date.ok()) throw std::runtime_error("stored date is malformed: " + text);
  return *date;
}

inline std::optional<Date> StoredDate(const std::string& text, soci::indicator ind) {
  if (ind != soci::i_ok) return std::nullopt;
  return StoredDate(text);
}

// A nullable date column's value to bind, with its indicator.
struct NullableDate {
  explicit NullableDate(const std::optional<Date>& date)
      : text(date ? date->ToString() : std::string()), ind(date ? soci::i_ok : soci::i_null) {}
  std::string text;
  soci::indicator ind;
};

inline std::string JoinList(const std::vector<std::string>& items) {
  std::string joined;
  for (const auto& item : items) {
    if (!joined.empty()) joined += ',';
    joined += item;
  }
  return joined;
}

inline std::vector<std::string> SplitList(const std::string& joined) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start < joined.size()) {
    std::size_t comma = joined.find(',', start);
    if (comma == std::string::npos) comma = joined.size();
    if (comma > start) items.push_back(joined.substr(start, comma - start));
    start = comma + 1;
  }
  return items;
}

}  // namespace kinbridge::detail
