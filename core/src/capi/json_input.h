// Reading the JSON that C callers pass in: parsing it, and reading the fields of an object into
// C++ values with errors that name the field, its value and what was expected.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "kinbridge/date.h"
#include "kinbridge/result.h"
#include "kinbridge/status.h"

namespace kinbridge::capi {

// Parses `text` as a JSON object; NULL or "" is {}. `argument` names the C argument in errors
// ("child_json is not valid JSON: ...").
Result<nlohmann::json> ParseObject(const char* text, const char* argument);
// The same for a JSON array; NULL or "" is [].
Result<nlohmann::json> ParseArray(const char* text, const char* argument);

// Reads the fields of one JSON object. An absent field and a null one are "not given": optional
// fields leave their target unchanged, required ones are reported missing. The first problem
// sticks (later reads do nothing) and Finish() reports it — except that an unknown field, which
// usually explains a "missing" one, is reported first.
// Ownership: `object` is borrowed and must outlive the reader. Thread-safety: not thread-safe.
// The kind of a JSON value in messages: "an integer", "text", "an object", ...
const char* JsonTypeName(const nlohmann::json& value);

class FieldReader {
 public:
  static constexpr bool kRequired = true;

  // `path`: where the object sits in the input, prefixed to field names ("entries[2].").
  explicit FieldReader(const nlohmann::json& object, std::string path = {});

  FieldReader& Text(const char* key, std::string& out, bool required = false);
  FieldReader& Text(const char* key, std::optional<std::string>& out);
  FieldReader& Bool(const char* key, bool& out);
  FieldReader& Bool(const char* key, std::optional<bool>& out);
  FieldReader& Int(const char* key, int& out, bool required = false);
  FieldReader& Int(const char* key, std::optional<int>& out);
  FieldReader& Int64(const char* key, std::int64_t& out, bool required = false);
  FieldReader& Number(const char* key, double& out);
  FieldReader& Day(const char* key, Date& out, bool required = false);
  FieldReader& Day(const char* key, std::optional<Date>& out);
  FieldReader& TextList(const char* key, std::vector<std::string>& out);
  FieldReader& TextList(const char* key, std::optional<std::vector<std::string>>& out);
  // Text that must be one of `allowed`.
  FieldReader& Choice(const char* key, std::string& out,
                      std::initializer_list<const char*> allowed);

  // Text parsed by one of the model's Parse* functions (ParseRelationKind, ...).
  template <typename E>
  FieldReader& Enum(const char* key, E& out, Result<E> (*parse)(std::string_view),
                    bool required = false) {
    std::optional<E> value;
    Enum(key, value, parse);
    if (value) {
      out = *value;
    } else if (required) {
      Missing(key, "text");
    }
    return *this;
  }
  template <typename E>
  FieldReader& Enum(const char* key, std::optional<E>& out, Result<E> (*parse)(std::string_view)) {
    std::optional<std::string> text;
    Text(key, text);
    if (!ok() || !text) return *this;
    Result<E> parsed = parse(*text);
    if (!parsed.ok()) return Fail(FieldProblem(key, parsed.status()));
    out = *parsed;
    return *this;
  }

  // The field's value when present and not null (marks the field known); nullptr otherwise.
  const nlohmann::json* Raw(const char* key);
  // Whether the field is present and not null (marks it known).
  bool Has(const char* key) { return Raw(key) != nullptr; }
  // Whether the field is present with the value null (marks it known).
  bool IsNull(const char* key);
  // Accepts a field without reading it (e.g. an output-only field sent back).
  FieldReader& Ignore(const char* key);
  // Records a problem of the caller's own (the first one sticks).
  FieldReader& Fail(Status status);
  // "<path><key>": the field's name in messages and for nested readers.
  std::string Name(const char* key) const { return path_ + key; }
  // InvalidArgument "field '<name>': <message of status>".
  Status FieldProblem(const char* key, const Status& status) const;

  // Records "field '<name>' is missing (expected <expected>)"; `expected` is an untranslated
  // msgid such as N_("text").
  FieldReader& Missing(const char* key, const char* expected);
  // Records "field '<name>' is <type of value> (expected <expected>)".
  FieldReader& WrongType(const char* key, const nlohmann::json& value, const char* expected);

  bool ok() const { return status_.ok(); }
  // An unknown field, else the first problem, else Ok.
  Status Finish() const;

 private:
  // The field when present and not null and no problem is recorded yet; marks it known.
  const nlohmann::json* Get(const char* key);

  const nlohmann::json& object_;
  std::string path_;
  std::set<std::string, std::less<>> known_;
  Status status_;
};

// Parses `text` (a C argument named `argument`) as a JSON object and reads it with
// `read(const nlohmann::json&)`, which returns a Result.
template <typename Read>
auto ReadInput(const char* text, const char* argument, Read&& read)
    -> decltype(read(std::declval<const nlohmann::json&>())) {
  Result<nlohmann::json> in = ParseObject(text, argument);
  if (!in.ok()) return in.status();
  return read(*in);
}

}  // namespace kinbridge::capi
