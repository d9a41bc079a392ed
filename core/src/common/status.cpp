#include "kinbridge/status.h"

KINBRIDGE_NAMESPACE_BEGIN

std::string_view ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk: return "ok";
    case ErrorCode::kInvalidArgument: return "invalid-argument";
    case ErrorCode::kNotFound: return "not-found";
    case ErrorCode::kAlreadyExists: return "already-exists";
    case ErrorCode::kConflict: return "conflict";
    case ErrorCode::kFailedPrecondition: return "failed-precondition";
    case ErrorCode::kPermissionDenied: return "permission-denied";
    case ErrorCode::kIncompatible: return "incompatible";
    case ErrorCode::kIoError: return "io-error";
    case ErrorCode::kInternal: return "internal";
  }
  return "internal";
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string text(ErrorCodeName(code_));
  text += ": ";
  text += message_;
  return text;
}

KINBRIDGE_NAMESPACE_END
