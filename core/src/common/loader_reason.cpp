#include "common/loader_reason.h"

namespace kinbridge::detail {

std::string LoaderReason(const std::string& what) {
  const std::string marker = "dlerror system message: ";
  const std::size_t start = what.find(marker);
  if (start == std::string::npos) return what;
  const std::size_t end = what.rfind(')');
  const std::size_t from = start + marker.size();
  return what.substr(from, end == std::string::npos || end < from ? std::string::npos : end - from);
}

}  // namespace kinbridge::detail
