// Result<T>: a value or the Status that explains why there is none.
#pragma once

#include <cassert>
#include <optional>
#include <utility>

#include "kinbridge/status.h"

KINBRIDGE_NAMESPACE_BEGIN

// Thread-safety: a Result is a value; copies are independent.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}         // NOLINT(google-explicit-constructor)
  Result(Status status) : status_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    assert(!status_.ok() && "a Result without a value needs a failed Status");
    if (status_.ok()) status_ = Status::Internal("Result constructed from an ok Status");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  // Precondition: ok().
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

KINBRIDGE_NAMESPACE_END

// Inside kinbridge: return early with the status of a failed expression.
#define KINBRIDGE_RETURN_IF_ERROR(expr)                    \
  do {                                                     \
    auto kinbridge_status_ = (expr);                       \
    if (!kinbridge_status_.ok()) return kinbridge_status_; \
  } while (false)
