// Worker: a person who uses kinbridge, mapped to an operating-system account.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kinbridge/export.h"

KINBRIDGE_NAMESPACE_BEGIN

struct Worker {
  std::int64_t id = 0;
  std::string uuid;
  std::string name;
  std::string os_account;          // the login name that identifies this worker
  std::vector<std::string> roles;  // "administrator", "social-worker", ...
  bool active = true;
};

KINBRIDGE_NAMESPACE_END
