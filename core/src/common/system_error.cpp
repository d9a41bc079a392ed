#include "common/system_error.h"

#include <cerrno>
#include <cstring>

#include "common/i18n.h"

namespace kinbridge::detail {

std::string SystemErrorText(int error) {
  switch (error) {
    case ENOENT: return _("no such file or folder");
    case EACCES:
    case EPERM: return _("permission denied (check the rights of the file and its folder)");
    case EROFS: return _("the file system is read-only");
    case ENOSPC:
    case EDQUOT: return _("the disk is full");
    case EISDIR: return _("it is a folder");
    case ENOTDIR: return _("a part of the path is not a folder");
    case EEXIST: return _("it already exists");
    case ENAMETOOLONG: return _("the name is too long");
    default: break;
  }
  const char* symbol = ::strerrorname_np(error);
  return TrFormat("system error {}", symbol != nullptr ? symbol : std::to_string(error));
}

}  // namespace kinbridge::detail
