// A failed system call's errno as words for the user: the C library's strerror() speaks English
// only (its catalogs are rarely installed), so the causes a user can act on are said in kinbridge's
// own catalogs.
#pragma once

#include <string>

namespace kinbridge::detail {

// "permission denied (check the rights of the file and its folder)", in the user's language;
// an errno without such words is named by its symbol ("system error EIO").
std::string SystemErrorText(int error);

}  // namespace kinbridge::detail
