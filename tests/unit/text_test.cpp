#include "kinbridge/text.h"

#include <gtest/gtest.h>
#include <locale.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <thread>

namespace kinbridge {
namespace {

using namespace std::string_view_literals;

TEST(IsValidUtf8Test, AcceptsWellFormedText) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("Elin"));
  EXPECT_TRUE(IsValidUtf8("Åsa Öberg"));
  EXPECT_TRUE(IsValidUtf8("李明"));
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x98\x80"));  // U+1F600, 4 bytes.
  EXPECT_TRUE(IsValidUtf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF, the last code point.
  EXPECT_TRUE(IsValidUtf8("\xED\x9F\xBF"));      // U+D7FF, just below the surrogates.
  EXPECT_TRUE(IsValidUtf8("\xEE\x80\x80"));      // U+E000, just above them.
  EXPECT_TRUE(IsValidUtf8("\xE0\xA0\x80"));      // U+0800, the shortest 3-byte form.
  EXPECT_TRUE(IsValidUtf8("\xF0\x90\x80\x80"));  // U+10000, the shortest 4-byte form.
  EXPECT_TRUE(IsValidUtf8("a\0b"sv));            // NUL is well-formed.
}

TEST(IsValidUtf8Test, RefusesOverlongForms) {
  EXPECT_FALSE(IsValidUtf8("\xC0\x80"));          // NUL in 2 bytes.
  EXPECT_FALSE(IsValidUtf8("\xC1\xBF"));          // U+007F in 2 bytes.
  EXPECT_FALSE(IsValidUtf8("\xE0\x9F\xBF"));      // U+07FF in 3 bytes.
  EXPECT_FALSE(IsValidUtf8("\xF0\x8F\xBF\xBF"));  // U+FFFF in 4 bytes.
}

TEST(IsValidUtf8Test, RefusesSurrogatesAndValuesAboveTheRange) {
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // U+D800.
  EXPECT_FALSE(IsValidUtf8("\xED\xBF\xBF"));      // U+DFFF.
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // U+110000.
  EXPECT_FALSE(IsValidUtf8("\xF5\x80\x80\x80"));
  EXPECT_FALSE(IsValidUtf8("\xFF"));
  EXPECT_FALSE(IsValidUtf8("\xFE"));
}

TEST(IsValidUtf8Test, RefusesTruncatedAndStraySequences) {
  EXPECT_FALSE(IsValidUtf8("\xC3"));          // Å without its second byte.
  EXPECT_FALSE(IsValidUtf8("\xE6\x9D"));      // 李 cut short.
  EXPECT_FALSE(IsValidUtf8("\xF0\x9F\x98"));  // Emoji cut short.
  EXPECT_FALSE(
      IsValidUtf8("\xE6\x9D"
                  "a"));              // Cut short, then ASCII.
  EXPECT_FALSE(IsValidUtf8("\x80"));  // Lone continuation byte.
  EXPECT_FALSE(IsValidUtf8("Elin\xA5"));
  EXPECT_FALSE(IsValidUtf8("\xC3\xC3\x85"));  // Lead byte followed by a lead byte.
}

TEST(DisplayWidthTest, CountsTerminalColumns) {
  EXPECT_EQ(DisplayWidth(""), 0u);
  EXPECT_EQ(DisplayWidth("Elin"), 4u);
  EXPECT_EQ(DisplayWidth("李明"), 4u);
  EXPECT_EQ(DisplayWidth("Åsa"), 3u);
  EXPECT_EQ(DisplayWidth("e\u0301"), 1u);  // e + combining acute accent.
  EXPECT_EQ(DisplayWidth("黄山市"), 6u);
  EXPECT_EQ(DisplayWidth("Ｖａｒａ"), 8u);          // Fullwidth Latin.
  EXPECT_EQ(DisplayWidth("\xF0\x9F\x98\x80"), 2u);  // Emoji are wide.
  EXPECT_EQ(DisplayWidth("李 Elin"), 7u);
}

TEST(DisplayWidthTest, ControlCharactersTakeNoColumns) {
  EXPECT_EQ(DisplayWidth("a\tb\nc"), 3u);
  EXPECT_EQ(DisplayWidth("\x1B[31mred"), 7u);  // ESC itself is 0; "[31mred" is 7.
  EXPECT_EQ(DisplayWidth("\xC2\x85"), 0u);     // C1 NEL.
}

TEST(DisplayWidthTest, InvalidBytesCountOneEach) {
  EXPECT_EQ(DisplayWidth("\xFF"), 1u);
  EXPECT_EQ(DisplayWidth("\xE6\x9D"), 2u);  // Truncated 李.
  EXPECT_EQ(DisplayWidth("\xC0\x80"
                         "ab"),
            4u);  // Overlong NUL, then two letters.
  EXPECT_EQ(DisplayWidth("李\xFF明"), 5u);
}

TEST(DisplayWidthTest, DoesNotDependOnOrChangeTheLocale) {
  // The process starts in the "C" locale, where wcwidth knows nothing beyond ASCII.
  ASSERT_NE(setlocale(LC_ALL, "C"), nullptr);
  EXPECT_EQ(DisplayWidth("李明"), 4u);

  const locale_t before = uselocale(static_cast<locale_t>(0));
  EXPECT_EQ(DisplayWidth("李明"), 4u);
  EXPECT_EQ(uselocale(static_cast<locale_t>(0)), before);

  // A thread with its own locale.
  const locale_t swedish = newlocale(LC_ALL_MASK, "sv_SE.UTF-8", static_cast<locale_t>(0));
  std::size_t width_in_thread = 0;
  bool restored = false;
  std::thread thread([&] {
    const locale_t own =
        swedish != static_cast<locale_t>(0) ? swedish : duplocale(LC_GLOBAL_LOCALE);
    uselocale(own);
    width_in_thread = DisplayWidth("黄山市 Vara");
    restored = uselocale(static_cast<locale_t>(0)) == own;
    uselocale(LC_GLOBAL_LOCALE);
    if (own != swedish) freelocale(own);
  });
  thread.join();
  if (swedish != static_cast<locale_t>(0)) freelocale(swedish);
  EXPECT_EQ(width_in_thread, 11u);
  EXPECT_TRUE(restored);
}

TEST(HasControlCharactersTest, FindsC0C1AndDelete) {
  EXPECT_FALSE(HasControlCharacters(""));
  EXPECT_FALSE(HasControlCharacters("Elin Åsa-Lind"));
  EXPECT_FALSE(HasControlCharacters("李明"));
  EXPECT_FALSE(HasControlCharacters("\xC2\xA0"));  // No-break space is not a control.
  EXPECT_FALSE(HasControlCharacters("é"));         // C3 A9: 0xA9 is not a C1 control.
  EXPECT_TRUE(HasControlCharacters("Elin\tLind"));
  EXPECT_TRUE(HasControlCharacters("Elin\n"));
  EXPECT_TRUE(HasControlCharacters("\r"));
  EXPECT_TRUE(HasControlCharacters("a\0b"sv));
  EXPECT_TRUE(HasControlCharacters("\x1B[2J"));
  EXPECT_TRUE(HasControlCharacters("\x7F"));
  EXPECT_TRUE(HasControlCharacters("Elin\xC2\x85"));  // C1 NEL.
  EXPECT_TRUE(HasControlCharacters("\xC2\x9F"));      // C1 APC, the last one.
}

}  // namespace
}  // namespace kinbridge
