// The kinbridge command's exit codes (documented in docs/cli.md).
#pragma once

#include "kinbridge/status.h"

namespace kinbridge::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitError = 1;         // I/O, incompatible workspace, internal error
inline constexpr int kExitUsage = 2;         // unknown command or option, missing argument
inline constexpr int kExitNotFound = 3;      // the named child, relation, workspace... is missing
inline constexpr int kExitInvalid = 4;       // validation failure or conflict; nothing was written
inline constexpr int kExitNotPermitted = 5;  // the acting worker may not do this
inline constexpr int kExitAuditDamaged = 6;  // audit verify found an edited or missing entry

inline int ExitCodeFor(const Status& status) {
  switch (status.code()) {
    case ErrorCode::kOk: return kExitOk;
    case ErrorCode::kNotFound: return kExitNotFound;
    case ErrorCode::kInvalidArgument:
    case ErrorCode::kAlreadyExists:
    case ErrorCode::kConflict:
    case ErrorCode::kFailedPrecondition: return kExitInvalid;
    case ErrorCode::kPermissionDenied: return kExitNotPermitted;
    case ErrorCode::kIncompatible:
    case ErrorCode::kIoError:
    case ErrorCode::kInternal: return kExitError;
  }
  return kExitError;
}

}  // namespace kinbridge::cli
