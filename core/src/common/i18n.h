// Translation of user-facing text inside the core. English is the source language; catalogs
// live in core/po and are compiled by the build. Mark every user-facing string:
//   _("plain text")                       translated now
//   N_("text")                            marked for extraction, translated later with _()
//   TrFormat("child {}: ...", ref)        translated, then formatted with fmt
//   TrPlural("{} group", "{} groups", n, n)  the form for n in the language, then formatted
// Translators may reorder placeholders with {0}, {1}.
#pragma once

#include <libintl.h>

#include <string>
#include <utility>

#include <fmt/format.h>

namespace kinbridge::detail {

inline constexpr const char* kTextDomain = "kinbridge";

inline const char* Tr(const char* msgid) { return dgettext(kTextDomain, msgid); }

// The translation of `msgid` in `context` (gettext's msgctxt), for a word whose translation
// depends on what it describes: C_("role", "supervisor"). Untranslated: `msgid`.
inline const char* C_(const char* context, const char* msgid) {
  // gettext keeps a message with a context under "context\004msgid" and gives back the key it
  // was asked for when there is no translation.
  const std::string key = std::string(context) + '\004' + msgid;
  const char* translated = dgettext(kTextDomain, key.c_str());
  return translated == key.c_str() ? msgid : translated;
}

// The language messages are shown in: "sv", "zh_CN", "en" (from LANGUAGE, else LC_MESSAGES).
std::string CurrentLanguage();

template <typename... Args>
std::string TrFormat(const char* msgid, Args&&... args) {
  return fmt::format(fmt::runtime(Tr(msgid)), std::forward<Args>(args)...);
}

// The plural form the language uses for `n` (Chinese has one, Swedish and English two).
inline const char* TrN(const char* singular, const char* plural, unsigned long n) {
  return dngettext(kTextDomain, singular, plural, n);
}

template <typename... Args>
std::string TrPlural(const char* singular, const char* plural, unsigned long n, Args&&... args) {
  return fmt::format(fmt::runtime(TrN(singular, plural, n)), std::forward<Args>(args)...);
}

}  // namespace kinbridge::detail

#ifndef _
#define _(s) ::kinbridge::detail::Tr(s)
#endif
#define N_(s) s
using kinbridge::detail::C_;
using kinbridge::detail::TrFormat;
using kinbridge::detail::TrPlural;
