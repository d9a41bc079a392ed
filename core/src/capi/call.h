// The machinery every C API function shares: the handle behind kb_workspace, the thread's last
// error, and the wrapper that turns a Status (or an exception) into a kb_error_code.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <nlohmann/json.hpp>

#include "kinbridge/kinbridge.h"
#include "kinbridge/workspace.h"

// The C handle: a Workspace and nothing else.
struct kb_workspace {
  explicit kb_workspace(kinbridge::Workspace w) : ws(std::move(w)) {}
  kinbridge::Workspace ws;
};

namespace kinbridge::capi {

// Output JSON keeps the order in which fields are set (the documented order).
using Json = nlohmann::ordered_json;

// Sets this thread's last error (KB_OK and "" for a success). Never throws.
kb_error_code SetLastError(const Status& status) noexcept;
kb_error_code LastErrorCode() noexcept;
const char* LastErrorMessage() noexcept;  // valid until the thread's next SetLastError

// A C argument that must not be NULL: its name and value.
using Argument = std::pair<const char*, const void*>;

// InvalidArgument "<function>: argument <name> must not be NULL" for the first NULL argument.
Status CheckArguments(const char* function, std::initializer_list<Argument> arguments);

// Copies `text` into memory the caller frees with kb_string_free; throws std::bad_alloc.
char* CopyOut(std::string_view text);

// Compact UTF-8 JSON; invalid UTF-8 in a stored value is replaced, never a throw.
std::string Dump(const Json& json);

// Runs `body` (returning Status) for `function`, catching every exception, and records the
// outcome as the thread's last error.
template <typename Body>
kb_error_code Run(const char* function, Body&& body) noexcept;

// For functions that take a workspace and return JSON (or other text) through `out`: checks the
// handle, `out` and `arguments` (the required string arguments), sets *out to NULL, runs
// `body(Workspace&)` returning Result<Json> (or Result<std::string> for text), and on success
// stores the text in *out.
template <typename Body>
kb_error_code CallJson(const char* function, kb_workspace* ws, char** out,
                       std::initializer_list<Argument> arguments, Body&& body,
                       const char* out_name = "out_json") noexcept;

// The same for functions without output.
template <typename Body>
kb_error_code CallStatus(const char* function, kb_workspace* ws,
                         std::initializer_list<Argument> arguments, Body&& body) noexcept;

// A C string argument that may be NULL (treated as empty).
inline std::string_view Text(const char* text) {
  return text == nullptr ? std::string_view() : std::string_view(text);
}

// Turns a Result<T> into Result<Json> with `to_json`.
template <typename T, typename ToJson>
Result<Json> Map(const Result<T>& result, ToJson&& to_json) {
  if (!result.ok()) return result.status();
  return Json(to_json(*result));
}

// Collects the records a ForEach* call visits into a JSON array.
template <typename T, typename ToJson>
class ArrayCollector {
 public:
  explicit ArrayCollector(ToJson to_json) : to_json_(std::move(to_json)) {}
  Visitor<T> visitor() {
    return [this](const T& record) {
      array_.push_back(to_json_(record));
      return true;
    };
  }
  Result<Json> Finish(const Status& status) {
    if (!status.ok()) return status;
    return std::move(array_);
  }

 private:
  ToJson to_json_;
  Json array_ = Json::array();
};

// Runs `for_each(visitor)` and returns the visited records as a JSON array.
template <typename T, typename ForEach, typename ToJson>
Result<Json> Collect(ForEach&& for_each, ToJson&& to_json) {
  ArrayCollector<T, std::decay_t<ToJson>> collector(std::forward<ToJson>(to_json));
  return collector.Finish(for_each(collector.visitor()));
}

namespace detail {

// The message for an exception caught at the C boundary (what() or a generic text).
Status FromCurrentException(const char* function) noexcept;

inline Status StoreText(const Result<Json>& result, char** out) {
  if (!result.ok()) return result.status();
  *out = CopyOut(Dump(*result));
  return Status::Ok();
}

inline Status StoreText(const Result<std::string>& result, char** out) {
  if (!result.ok()) return result.status();
  *out = CopyOut(*result);
  return Status::Ok();
}

}  // namespace detail

template <typename Body>
kb_error_code Run(const char* function, Body&& body) noexcept {
  try {
    return SetLastError(body());
  } catch (...) {
    return SetLastError(detail::FromCurrentException(function));
  }
}

template <typename Body>
kb_error_code CallJson(const char* function, kb_workspace* ws, char** out,
                       std::initializer_list<Argument> arguments, Body&& body,
                       const char* out_name) noexcept {
  if (out != nullptr) *out = nullptr;
  return Run(function, [&]() -> Status {
    KINBRIDGE_RETURN_IF_ERROR(CheckArguments(function, {{"workspace", ws}, {out_name, out}}));
    KINBRIDGE_RETURN_IF_ERROR(CheckArguments(function, arguments));
    return detail::StoreText(body(ws->ws), out);
  });
}

template <typename Body>
kb_error_code CallStatus(const char* function, kb_workspace* ws,
                         std::initializer_list<Argument> arguments, Body&& body) noexcept {
  return Run(function, [&]() -> Status {
    KINBRIDGE_RETURN_IF_ERROR(CheckArguments(function, {{"workspace", ws}}));
    KINBRIDGE_RETURN_IF_ERROR(CheckArguments(function, arguments));
    return body(ws->ws);
  });
}

}  // namespace kinbridge::capi
