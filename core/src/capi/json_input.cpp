#include "capi/json_input.h"

#include <limits>
#include <utility>

#include "common/i18n.h"

namespace kinbridge::capi {

using nlohmann::json;

// The kind of a JSON value in messages ("an integer", "text"), as profiles name them.
const char* JsonTypeName(const json& value) {
  switch (value.type()) {
    case json::value_t::object: return _("an object");
    case json::value_t::array: return _("an array");
    case json::value_t::string: return _("text");
    case json::value_t::boolean: return _("a boolean");
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return _("an integer");
    case json::value_t::number_float: return _("a number");
    case json::value_t::null: return _("null");
    default: return _("an unknown value");
  }
}

namespace {

Result<json> Parse(const char* text, const char* argument, bool array) {
  if (text == nullptr || *text == '\0') return array ? json::array() : json::object();
  json parsed;
  try {
    parsed = json::parse(text);
  } catch (const json::parse_error& e) {
    // "[json.exception.parse_error.101] parse error at line 1, column 2: ..." without the tag.
    std::string detail = e.what();
    if (const auto end = detail.find("] "); detail.starts_with("[") && end != std::string::npos) {
      detail.erase(0, end + 2);
    }
    return Status::InvalidArgument(TrFormat("{} is not valid JSON: {}", argument, detail));
  }
  if (array ? !parsed.is_array() : !parsed.is_object()) {
    return Status::InvalidArgument(TrFormat("{} is {} (expected {})", argument,
                                            JsonTypeName(parsed),
                                            array ? _("an array") : _("an object")));
  }
  return parsed;
}

}  // namespace

Result<json> ParseObject(const char* text, const char* argument) {
  return Parse(text, argument, false);
}

Result<json> ParseArray(const char* text, const char* argument) {
  return Parse(text, argument, true);
}

FieldReader::FieldReader(const json& object, std::string path)
    : object_(object), path_(std::move(path)) {}

const json* FieldReader::Raw(const char* key) {
  known_.insert(key);
  auto it = object_.find(key);
  if (it == object_.end() || it->is_null()) return nullptr;
  return &*it;
}

const json* FieldReader::Get(const char* key) {
  const json* value = Raw(key);
  return ok() ? value : nullptr;
}

FieldReader& FieldReader::Ignore(const char* key) {
  known_.insert(key);
  return *this;
}

FieldReader& FieldReader::Fail(Status status) {
  if (ok()) status_ = std::move(status);
  return *this;
}

Status FieldReader::FieldProblem(const char* key, const Status& status) const {
  return Status(status.code(), TrFormat("field '{}': {}", Name(key), status.message()));
}

FieldReader& FieldReader::Missing(const char* key, const char* expected) {
  return Fail(Status::InvalidArgument(
      TrFormat("field '{}' is missing (expected {})", Name(key), _(expected))));
}

FieldReader& FieldReader::WrongType(const char* key, const json& value, const char* expected) {
  return Fail(Status::InvalidArgument(
      TrFormat("field '{}' is {} (expected {})", Name(key), JsonTypeName(value), _(expected))));
}

bool FieldReader::IsNull(const char* key) {
  known_.insert(key);
  auto it = object_.find(key);
  return it != object_.end() && it->is_null();
}

FieldReader& FieldReader::Text(const char* key, std::string& out, bool required) {
  std::optional<std::string> value;
  Text(key, value);
  if (value) {
    out = std::move(*value);
  } else if (required) {
    Missing(key, N_("text"));
  }
  return *this;
}

FieldReader& FieldReader::Text(const char* key, std::optional<std::string>& out) {
  const json* value = Get(key);
  if (value == nullptr) return *this;
  if (!value->is_string()) {
    WrongType(key, *value, N_("text"));
    return *this;
  }
  out = value->get<std::string>();
  return *this;
}

FieldReader& FieldReader::Bool(const char* key, bool& out) {
  std::optional<bool> value;
  Bool(key, value);
  if (value) out = *value;
  return *this;
}

FieldReader& FieldReader::Bool(const char* key, std::optional<bool>& out) {
  const json* value = Get(key);
  if (value == nullptr) return *this;
  if (!value->is_boolean()) {
    WrongType(key, *value, N_("true or false"));
    return *this;
  }
  out = value->get<bool>();
  return *this;
}

FieldReader& FieldReader::Int64(const char* key, std::int64_t& out, bool required) {
  const json* value = Get(key);
  if (value == nullptr) {
    if (required) Missing(key, N_("an integer"));
    return *this;
  }
  if (value->is_number_unsigned()) {
    const auto u = value->get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      Fail(Status::InvalidArgument(TrFormat("field '{}' is {}, out of range (expected {} to {})",
                                            Name(key), u, std::numeric_limits<std::int64_t>::min(),
                                            std::numeric_limits<std::int64_t>::max())));
      return *this;
    }
    out = static_cast<std::int64_t>(u);
    return *this;
  }
  if (!value->is_number_integer()) {
    WrongType(key, *value, N_("an integer"));
    return *this;
  }
  out = value->get<std::int64_t>();
  return *this;
}

FieldReader& FieldReader::Int(const char* key, int& out, bool required) {
  std::optional<int> value;
  Int(key, value);
  if (value) {
    out = *value;
  } else if (required && ok()) {
    Missing(key, N_("an integer"));
  }
  return *this;
}

FieldReader& FieldReader::Int(const char* key, std::optional<int>& out) {
  if (Get(key) == nullptr) return *this;
  std::int64_t wide = 0;
  Int64(key, wide);
  if (!ok()) return *this;
  if (wide < std::numeric_limits<int>::min() || wide > std::numeric_limits<int>::max()) {
    Fail(Status::InvalidArgument(TrFormat("field '{}' is {}, out of range (expected {} to {})",
                                          Name(key), wide, std::numeric_limits<int>::min(),
                                          std::numeric_limits<int>::max())));
    return *this;
  }
  out = static_cast<int>(wide);
  return *this;
}

FieldReader& FieldReader::Number(const char* key, double& out) {
  const json* value = Get(key);
  if (value == nullptr) return *this;
  if (!value->is_number()) {
    WrongType(key, *value, N_("a number"));
    return *this;
  }
  out = value->get<double>();
  return *this;
}

FieldReader& FieldReader::Day(const char* key, Date& out, bool required) {
  std::optional<Date> value;
  Day(key, value);
  if (value) {
    out = *value;
  } else if (required && ok()) {
    Missing(key, N_("text"));
  }
  return *this;
}

FieldReader& FieldReader::Day(const char* key, std::optional<Date>& out) {
  std::optional<std::string> text;
  Text(key, text);
  if (!ok() || !text) return *this;
  // "<field> <text> is not a date (expected YYYY-MM-DD)".
  Result<Date> date = Date::Parse(*text, Name(key));
  if (!date.ok()) return Fail(date.status());
  out = *date;
  return *this;
}

FieldReader& FieldReader::TextList(const char* key, std::vector<std::string>& out) {
  std::optional<std::vector<std::string>> value;
  TextList(key, value);
  if (value) out = std::move(*value);
  return *this;
}

FieldReader& FieldReader::TextList(const char* key, std::optional<std::vector<std::string>>& out) {
  const json* value = Get(key);
  if (value == nullptr) return *this;
  if (!value->is_array()) {
    WrongType(key, *value, N_("an array"));
    return *this;
  }
  std::vector<std::string> items;
  for (std::size_t i = 0; i < value->size(); ++i) {
    const json& item = (*value)[i];
    if (!item.is_string()) {
      const std::string name = Name(key) + "[" + std::to_string(i) + "]";
      Fail(Status::InvalidArgument(
          TrFormat("field '{}' is {} (expected {})", name, JsonTypeName(item), _("text"))));
      return *this;
    }
    items.push_back(item.get<std::string>());
  }
  out = std::move(items);
  return *this;
}

FieldReader& FieldReader::Choice(const char* key, std::string& out,
                                 std::initializer_list<const char*> allowed) {
  std::optional<std::string> text;
  Text(key, text);
  if (!ok() || !text) return *this;
  std::string expected;
  std::size_t i = 0;
  for (const char* choice : allowed) {
    if (*text == choice) {
      out = *text;
      return *this;
    }
    if (i > 0) expected += i + 1 == allowed.size() ? _(" or ") : ", ";
    expected += choice;
    ++i;
  }
  return Fail(Status::InvalidArgument(
      TrFormat("field '{}': {}", Name(key),
               TrFormat("{} '{}' is not known (expected {})", key, *text, expected))));
}

Status FieldReader::Finish() const {
  for (const auto& [key, value] : object_.items()) {
    if (known_.find(key) != known_.end()) continue;
    std::string list;
    for (const std::string& k : known_) list += (list.empty() ? "" : ", ") + k;
    return Status::InvalidArgument(
        TrFormat("unknown field '{}' (expected only: {})", Name(key.c_str()), list));
  }
  return status_;
}

}  // namespace kinbridge::capi
