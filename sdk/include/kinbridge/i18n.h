// Messages in the user's language (GNU gettext, text domain "kinbridge").
#pragma once

#include <string>
#include <string_view>

#include "kinbridge/export.h"

KINBRIDGE_NAMESPACE_BEGIN

// Sets the process locale from the environment (LC_ALL, LC_MESSAGES, LANG) and binds the
// kinbridge catalogs. `language` ("sv", "zh_CN", "en"), when not empty, overrides the
// environment for messages. Call once, early, before other threads start.
KINBRIDGE_API void InitLocalization(std::string_view language = {});

// The translation of an English message in the current language.
KINBRIDGE_API const char* Translate(const char* msgid);
// The translation of the plural form the language uses for `n`.
KINBRIDGE_API const char* TranslatePlural(const char* singular, const char* plural,
                                          unsigned long n);

// A failed system call's errno as words in the user's language ("permission denied (check the
// rights of the file and its folder)"); the C library's own words are English only.
KINBRIDGE_API std::string SystemErrorMessage(int error);

// Where the catalogs were found ("" when none).
KINBRIDGE_API std::string LocaleDirectory();

KINBRIDGE_NAMESPACE_END
