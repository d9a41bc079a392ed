// Semantic versions and version ranges, table-driven.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "plugins/plugin_host.h"

namespace kinbridge::detail {
namespace {

using ::testing::HasSubstr;

TEST(SemverTest, RecognisesSemanticVersions) {
  for (const char* valid : {"0.0.0", "1.2.3", "10.20.30", "1.0.0", "999999999.0.1"}) {
    EXPECT_TRUE(IsSemanticVersion(valid)) << valid;
  }
  for (const char* invalid : {"", "1", "1.2", "1.2.3.4", "v1.2.3", "01.2.3", "1.02.3", "1.2.03",
                              "1.2.3-beta", "1.2.3+build", "1..3", "1.2.", ".1.2", "a.b.c",
                              " 1.2.3", "1.2.3 ", "-1.2.3", "1234567890.0.0"}) {
    EXPECT_FALSE(IsSemanticVersion(invalid)) << invalid;
  }
}

TEST(SemverTest, ComparesVersionsByNumberNotText) {
  struct Case {
    const char* a;
    const char* b;
    int expected;
  };
  for (const Case& c :
       {Case{"1.0.0", "1.0.0", 0}, Case{"1.0.0", "1.0.1", -1}, Case{"1.10.0", "1.9.0", 1},
        Case{"2.0.0", "10.0.0", -1}, Case{"0.0.1", "0.1.0", -1}, Case{"1.2.3", "not-a-version", -1},
        Case{"bad", "1.0.0", 1}}) {
    EXPECT_EQ(CompareVersions(c.a, c.b), c.expected) << c.a << " vs " << c.b;
  }
}

struct RangeCase {
  std::string range;
  std::string version;
  bool satisfies;
};

void PrintTo(const RangeCase& c, std::ostream* os) {
  *os << c.version << (c.satisfies ? " in '" : " not in '") << c.range << "'";
}

class VersionRangeTest : public ::testing::TestWithParam<RangeCase> {};

TEST_P(VersionRangeTest, Satisfies) {
  const RangeCase& c = GetParam();
  Result<bool> result = VersionSatisfies(c.version, c.range);
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(*result, c.satisfies) << c.version << " in '" << c.range << "'";
}

INSTANTIATE_TEST_SUITE_P(
    Ranges, VersionRangeTest,
    ::testing::Values(
        // Any.
        RangeCase{"*", "0.0.0", true}, RangeCase{"*", "7.3.1", true}, RangeCase{"", "1.0.0", true},
        // Caret: the first non-zero number is fixed.
        RangeCase{"^1", "1.0.0", true}, RangeCase{"^1", "1.9.9", true},
        RangeCase{"^1", "2.0.0", false}, RangeCase{"^1", "0.9.9", false},
        RangeCase{"^1.2", "1.2.0", true}, RangeCase{"^1.2", "1.1.9", false},
        RangeCase{"^1.2", "1.99.0", true}, RangeCase{"^1.2.3", "1.2.3", true},
        RangeCase{"^1.2.3", "1.2.2", false}, RangeCase{"^1.2.3", "2.0.0", false},
        RangeCase{"^0.2.3", "0.2.9", true}, RangeCase{"^0.2.3", "0.3.0", false},
        RangeCase{"^0.0.3", "0.0.3", true}, RangeCase{"^0.0.3", "0.0.4", false},
        RangeCase{"^0", "0.9.0", true}, RangeCase{"^0", "1.0.0", false},
        // Tilde: the minor is fixed when given.
        RangeCase{"~1.2", "1.2.0", true}, RangeCase{"~1.2", "1.2.9", true},
        RangeCase{"~1.2", "1.3.0", false}, RangeCase{"~1.2.3", "1.2.2", false},
        RangeCase{"~1.2.3", "1.2.4", true}, RangeCase{"~1", "1.5.0", true},
        RangeCase{"~1", "2.0.0", false},
        // Comparators, alone and together.
        RangeCase{">=1.2", "1.2.0", true}, RangeCase{">=1.2", "1.1.9", false},
        RangeCase{">=1.2 <2", "1.9.9", true}, RangeCase{">=1.2 <2", "2.0.0", false},
        RangeCase{">=1.2 <2", "1.1.0", false}, RangeCase{">= 1.2  < 2", "1.5.0", true},
        RangeCase{">1", "1.9.9", false}, RangeCase{">1", "2.0.0", true},
        RangeCase{">1.2.3", "1.2.3", false}, RangeCase{">1.2.3", "1.2.4", true},
        RangeCase{"<1.2", "1.1.9", true}, RangeCase{"<1.2", "1.2.0", false},
        RangeCase{"<=1.2", "1.2.9", true}, RangeCase{"<=1.2", "1.3.0", false},
        RangeCase{"<=1.2.3", "1.2.3", true}, RangeCase{"<=1.2.3", "1.2.4", false},
        // Exact, with and without "=", and partial.
        RangeCase{"=1.2.3", "1.2.3", true}, RangeCase{"=1.2.3", "1.2.4", false},
        RangeCase{"1.2.3", "1.2.3", true}, RangeCase{"1.2.3", "1.2.2", false},
        RangeCase{"1.2", "1.2.7", true}, RangeCase{"1", "1.7.0", true},
        RangeCase{"1", "2.0.0", false}));

TEST(SemverTest, AMalformedRangeIsAnInvalidArgumentNamingIt) {
  for (const char* range : {"^", ">=", "^1.x", "1.2.3.4", "latest", "^^1", ">=1.2 <", "~v1",
                            "1.2.3-beta", "1 || 2", "=>1"}) {
    Result<bool> result = VersionSatisfies("1.0.0", range);
    ASSERT_FALSE(result.ok()) << range;
    EXPECT_TRUE(result.status().IsInvalidArgument());
    EXPECT_THAT(result.status().message(), HasSubstr(std::string("'") + range + "'"));
    EXPECT_THAT(result.status().message(), HasSubstr("expected"));
  }
}

TEST(SemverTest, AMalformedVersionIsAnInvalidArgumentNamingIt) {
  Result<bool> result = VersionSatisfies("1.0", "^1");
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(result.status().IsInvalidArgument());
  EXPECT_THAT(result.status().message(), HasSubstr("'1.0'"));
}

}  // namespace
}  // namespace kinbridge::detail
