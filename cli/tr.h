// Translation in the CLI: _("text") and TrFormat("... {}", value) through the kinbridge catalogs.
#pragma once

#include <string>
#include <utility>

#include <fmt/format.h>

#include "kinbridge/i18n.h"

namespace kinbridge::cli {

inline const char* _(const char* msgid) { return ::kinbridge::Translate(msgid); }

// Marks text for the catalogs that is translated later, where it is used.
constexpr const char* N_(const char* msgid) { return msgid; }

// The form for `n` in the user's language, then formatted: TrPlural("{} group", "{} groups", n, n).
template <typename... Args>
std::string TrPlural(const char* singular, const char* plural, unsigned long n, Args&&... args) {
  return fmt::format(fmt::runtime(::kinbridge::TranslatePlural(singular, plural, n)),
                     std::forward<Args>(args)...);
}

template <typename... Args>
std::string TrFormat(const char* msgid, Args&&... args) {
  return fmt::format(fmt::runtime(::kinbridge::Translate(msgid)), std::forward<Args>(args)...);
}

}  // namespace kinbridge::cli
