// Translation in the CLI: _("text") and TrFormat("... {}", value) through the kinbridge catalogs.
#pragma once

#include <string>
#include <utility>

#include <fmt/format.h>

#include "kinbridge/i18n.h"

namespace kinbridge::cli {

inline const char* _(const char* msgid) { return ::kinbridge::Translate(msgid); }

// The translation of `msgid` in `context` (gettext's msgctxt), for a word whose translation
// depends on what it describes: C_("relation kind", "other") and C_("activity kind", "other")
// differ in Swedish. Untranslated: `msgid`.
inline const char* C_(const char* context, const char* msgid) {
  // gettext stores a message with a context under "context\004msgid" and gives back the key it was
  // asked for when there is no translation.
  const std::string key = std::string(context) + '\004' + msgid;
  const char* translated = ::kinbridge::Translate(key.c_str());
  return translated == key.c_str() ? msgid : translated;
}

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
