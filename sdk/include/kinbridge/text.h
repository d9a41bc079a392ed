// Text utilities for UTF-8 strings: validation, terminal display width, control characters.
#pragma once

#include <cstddef>
#include <string_view>

#include "kinbridge/export.h"

KINBRIDGE_NAMESPACE_BEGIN

// True when `text` is well-formed UTF-8: no overlong forms, no surrogates (U+D800..U+DFFF), no
// code points above U+10FFFF, no truncated sequences. The empty string is valid.
// Thread-safety: safe to call from any thread.
KINBRIDGE_API bool IsValidUtf8(std::string_view text);

// The number of terminal columns `utf8` occupies: East Asian wide and fullwidth characters count
// 2 ("李明" is 4), combining marks and other zero-width characters 0, control characters 0, other
// characters 1. Each byte that is not part of a well-formed sequence counts 1.
// The result does not depend on the process or thread locale.
// Thread-safety: safe to call from any thread.
KINBRIDGE_API std::size_t DisplayWidth(std::string_view utf8);

// True when `utf8` contains a C0 control (U+0000..U+001F, including tab, newline and carriage
// return), DEL (U+007F) or a C1 control (U+0080..U+009F). Used to refuse names and other
// one-line values. Does not check that `utf8` is well-formed; use IsValidUtf8 for that.
// Thread-safety: safe to call from any thread.
KINBRIDGE_API bool HasControlCharacters(std::string_view utf8);

KINBRIDGE_NAMESPACE_END
