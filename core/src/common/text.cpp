#include "kinbridge/text.h"

#include <locale.h>
#include <wchar.h>

#include <cstddef>
#include <string_view>

KINBRIDGE_NAMESPACE_BEGIN

namespace {

// Length of the well-formed UTF-8 sequence at the start of `text` (not empty), with its code
// point stored in `*code_point`; 0 when the bytes there are not well-formed. Follows Table 3-7
// of the Unicode Standard, which rules out overlongs, surrogates and values above U+10FFFF.
std::size_t DecodeOne(std::string_view text, char32_t* code_point) {
  const auto lead = static_cast<unsigned char>(text[0]);
  if (lead < 0x80) {
    *code_point = lead;
    return 1;
  }
  std::size_t length = 0;
  char32_t value = 0;
  unsigned char second_min = 0x80;
  unsigned char second_max = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    value = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    value = lead & 0x0F;
    if (lead == 0xE0) second_min = 0xA0;  // Overlong below U+0800.
    if (lead == 0xED) second_max = 0x9F;  // Surrogates U+D800..U+DFFF.
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    value = lead & 0x07;
    if (lead == 0xF0) second_min = 0x90;  // Overlong below U+10000.
    if (lead == 0xF4) second_max = 0x8F;  // Above U+10FFFF.
  } else {
    return 0;  // Continuation byte, C0/C1 (overlong 2-byte lead) or F5..FF.
  }
  if (text.size() < length) return 0;
  for (std::size_t i = 1; i < length; ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    const unsigned char min = i == 1 ? second_min : 0x80;
    const unsigned char max = i == 1 ? second_max : 0xBF;
    if (byte < min || byte > max) return 0;
    value = (value << 6) | (byte & 0x3F);
  }
  *code_point = value;
  return length;
}

bool IsControl(char32_t code_point) {
  return code_point < 0x20 || (code_point >= 0x7F && code_point <= 0x9F);
}

// The C.UTF-8 character classification, created on first use and kept for the life of the
// process; (locale_t)0 when the system has no C.UTF-8 locale.
locale_t Utf8Locale() {
  static const locale_t locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(0));
  return locale;
}

// Makes `locale` the calling thread's locale for the guard's lifetime, then restores the
// previous one. Does nothing when `locale` is (locale_t)0.
class ScopedThreadLocale {
 public:
  explicit ScopedThreadLocale(locale_t locale)
      : previous_(locale != static_cast<locale_t>(0) ? uselocale(locale)
                                                     : static_cast<locale_t>(0)) {}
  ~ScopedThreadLocale() {
    if (previous_ != static_cast<locale_t>(0)) uselocale(previous_);
  }
  ScopedThreadLocale(const ScopedThreadLocale&) = delete;
  ScopedThreadLocale& operator=(const ScopedThreadLocale&) = delete;

 private:
  locale_t previous_;
};

}  // namespace

bool IsValidUtf8(std::string_view text) {
  while (!text.empty()) {
    char32_t code_point = 0;
    const std::size_t length = DecodeOne(text, &code_point);
    if (length == 0) return false;
    text.remove_prefix(length);
  }
  return true;
}

std::size_t DisplayWidth(std::string_view utf8) {
  ScopedThreadLocale use_utf8(Utf8Locale());
  std::size_t width = 0;
  while (!utf8.empty()) {
    char32_t code_point = 0;
    const std::size_t length = DecodeOne(utf8, &code_point);
    if (length == 0) {
      width += 1;
      utf8.remove_prefix(1);
      continue;
    }
    utf8.remove_prefix(length);
    if (IsControl(code_point)) continue;
    // wcwidth is -1 for characters the locale does not know as printable (unassigned code
    // points, or anything outside ASCII if C.UTF-8 is missing); a terminal shows those in one
    // column, usually as a replacement glyph.
    const int columns = wcwidth(static_cast<wchar_t>(code_point));
    width += columns < 0 ? 1 : static_cast<std::size_t>(columns);
  }
  return width;
}

bool HasControlCharacters(std::string_view utf8) {
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    const auto byte = static_cast<unsigned char>(utf8[i]);
    if (byte < 0x20 || byte == 0x7F) return true;
    // C1 controls U+0080..U+009F are encoded as C2 80..C2 9F.
    if (byte == 0xC2 && i + 1 < utf8.size()) {
      const auto next = static_cast<unsigned char>(utf8[i + 1]);
      if (next >= 0x80 && next <= 0x9F) return true;
    }
  }
  return false;
}

KINBRIDGE_NAMESPACE_END
