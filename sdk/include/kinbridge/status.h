// Status: the outcome of an operation that returns no value.
#pragma once

#include <string>
#include <string_view>

#include "kinbridge/export.h"

KINBRIDGE_NAMESPACE_BEGIN

// What kind of failure a Status carries. The CLI maps each to a documented exit code.
enum class ErrorCode {
  kOk = 0,
  kInvalidArgument,     // a value is malformed or out of range
  kNotFound,            // the named record does not exist
  kAlreadyExists,       // a unique value (national id, code) is taken
  kConflict,            // the record changed, or overlaps another
  kFailedPrecondition,  // the record is in a state that forbids this (e.g. closed)
  kPermissionDenied,    // the acting worker may not do this
  kIncompatible,        // a workspace or plugin of another version
  kIoError,             // the file or database could not be read or written
  kInternal,            // a bug or an unexpected failure of a dependency
};

// Stable lower-case name of a code ("not-found"), used in JSON error output.
KINBRIDGE_API std::string_view ErrorCodeName(ErrorCode code);

// Thread-safety: a Status is a value; copies are independent.
class [[nodiscard]] KINBRIDGE_API Status {
 public:
  Status() = default;  // ok

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string message) {
    return Status(ErrorCode::kInvalidArgument, std::move(message));
  }
  static Status NotFound(std::string message) {
    return Status(ErrorCode::kNotFound, std::move(message));
  }
  static Status AlreadyExists(std::string message) {
    return Status(ErrorCode::kAlreadyExists, std::move(message));
  }
  static Status Conflict(std::string message) {
    return Status(ErrorCode::kConflict, std::move(message));
  }
  static Status FailedPrecondition(std::string message) {
    return Status(ErrorCode::kFailedPrecondition, std::move(message));
  }
  static Status PermissionDenied(std::string message) {
    return Status(ErrorCode::kPermissionDenied, std::move(message));
  }
  static Status Incompatible(std::string message) {
    return Status(ErrorCode::kIncompatible, std::move(message));
  }
  static Status IoError(std::string message) {
    return Status(ErrorCode::kIoError, std::move(message));
  }
  static Status Internal(std::string message) {
    return Status(ErrorCode::kInternal, std::move(message));
  }

  Status(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}

  bool ok() const { return code_ == ErrorCode::kOk; }
  bool IsInvalidArgument() const { return code_ == ErrorCode::kInvalidArgument; }
  bool IsNotFound() const { return code_ == ErrorCode::kNotFound; }
  bool IsAlreadyExists() const { return code_ == ErrorCode::kAlreadyExists; }
  bool IsConflict() const { return code_ == ErrorCode::kConflict; }
  bool IsFailedPrecondition() const { return code_ == ErrorCode::kFailedPrecondition; }
  bool IsPermissionDenied() const { return code_ == ErrorCode::kPermissionDenied; }
  bool IsIncompatible() const { return code_ == ErrorCode::kIncompatible; }

  ErrorCode code() const { return code_; }
  // The message is already in the user's language; it names the value and what was expected.
  const std::string& message() const { return message_; }

  // "not-found: child VAR-2026-0042 does not exist"
  std::string ToString() const;

 private:
  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
};

KINBRIDGE_NAMESPACE_END
