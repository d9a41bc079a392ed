#include "capi/call.h"

#include <cstdlib>
#include <cstring>
#include <exception>
#include <new>

#include "common/i18n.h"

namespace kinbridge::capi {

namespace {

static_assert(static_cast<int>(ErrorCode::kOk) == KB_OK);
static_assert(static_cast<int>(ErrorCode::kInvalidArgument) == KB_INVALID_ARGUMENT);
static_assert(static_cast<int>(ErrorCode::kNotFound) == KB_NOT_FOUND);
static_assert(static_cast<int>(ErrorCode::kAlreadyExists) == KB_ALREADY_EXISTS);
static_assert(static_cast<int>(ErrorCode::kConflict) == KB_CONFLICT);
static_assert(static_cast<int>(ErrorCode::kFailedPrecondition) == KB_FAILED_PRECONDITION);
static_assert(static_cast<int>(ErrorCode::kPermissionDenied) == KB_PERMISSION_DENIED);
static_assert(static_cast<int>(ErrorCode::kIncompatible) == KB_INCOMPATIBLE);
static_assert(static_cast<int>(ErrorCode::kIoError) == KB_IO_ERROR);
static_assert(static_cast<int>(ErrorCode::kInternal) == KB_INTERNAL);

// This thread's last outcome. `fallback`, when set, replaces a message that could not be stored.
struct LastError {
  kb_error_code code = KB_OK;
  std::string message;
  const char* fallback = nullptr;
};

LastError& ThreadLastError() {
  thread_local LastError last;
  return last;
}

}  // namespace

kb_error_code SetLastError(const Status& status) noexcept {
  LastError& last = ThreadLastError();
  last.code = static_cast<kb_error_code>(status.code());
  last.fallback = nullptr;
  try {
    last.message = status.message();
  } catch (...) {
    last.message.clear();
    last.fallback = "out of memory";
  }
  return last.code;
}

kb_error_code LastErrorCode() noexcept { return ThreadLastError().code; }

const char* LastErrorMessage() noexcept {
  const LastError& last = ThreadLastError();
  return last.fallback != nullptr ? last.fallback : last.message.c_str();
}

Status CheckArguments(const char* function, std::initializer_list<Argument> arguments) {
  for (const auto& [name, value] : arguments) {
    if (value == nullptr) {
      return Status::InvalidArgument(TrFormat("{}: argument {} must not be NULL", function, name));
    }
  }
  return Status::Ok();
}

char* CopyOut(std::string_view text) {
  auto* copy = static_cast<char*>(std::malloc(text.size() + 1));
  if (copy == nullptr) throw std::bad_alloc();
  std::memcpy(copy, text.data(), text.size());
  copy[text.size()] = '\0';
  return copy;
}

std::string Dump(const Json& json) {
  return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

namespace detail {

Status FromCurrentException(const char* function) noexcept {
  try {
    try {
      throw;
    } catch (const std::bad_alloc&) {
      return Status::Internal(TrFormat("{} failed unexpectedly: {}", function, "out of memory"));
    } catch (const std::exception& e) {
      return Status::Internal(TrFormat("{} failed unexpectedly: {}", function, e.what()));
    } catch (...) {
      return Status::Internal(TrFormat("{} failed unexpectedly: {}", function,
                                       _("an exception that is not a std::exception")));
    }
  } catch (...) {
    // Formatting the message failed too (out of memory): the code alone.
    return Status(ErrorCode::kInternal, std::string());
  }
}

}  // namespace detail

}  // namespace kinbridge::capi
