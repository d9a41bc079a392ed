// The CSV reader used by `kinbridge import`: RFC 4180 quoting, line ends, the byte-order mark,
// and text that is not CSV.
#include "common/csv.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace kinbridge::detail {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::vector<CsvRow> ReadAll(std::string_view text, Status* status = nullptr) {
  CsvReader reader(text);
  std::vector<CsvRow> rows;
  while (std::optional<CsvRow> row = reader.Next()) rows.push_back(*row);
  if (status != nullptr) *status = reader.status();
  return rows;
}

TEST(CsvReaderTest, ReadsQuotedFieldsWithCommasQuotesAndLineBreaks) {
  Status status;
  const std::vector<CsvRow> rows =
      ReadAll("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n,,\n", &status);
  ASSERT_TRUE(status.ok()) << status.ToString();
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_THAT(rows[0].fields, ElementsAre("a", "b", "c"));
  EXPECT_THAT(rows[1].fields, ElementsAre("x, y", "say \"hi\"", "two\nlines"));
  EXPECT_EQ(rows[1].line, 2u);
  EXPECT_THAT(rows[2].fields, ElementsAre("", "", ""));
  EXPECT_EQ(rows[2].line, 4u) << "the line break inside the quotes counts";
}

TEST(CsvReaderTest, SkipsTheByteOrderMarkAndAcceptsCrlfAndNoFinalLineEnd) {
  const std::vector<CsvRow> rows = ReadAll("\xEF\xBB\xBFname,城市\r\n李明,黄山\r\nElin,Vara");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_THAT(rows[0].fields, ElementsAre("name", "城市"));
  EXPECT_THAT(rows[1].fields, ElementsAre("李明", "黄山"));
  EXPECT_THAT(rows[2].fields, ElementsAre("Elin", "Vara"));
}

TEST(CsvReaderTest, AnEmptyLineIsOneEmptyField) {
  const std::vector<CsvRow> rows = ReadAll("a\n\nb\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_THAT(rows[1].fields, ElementsAre(""));
  EXPECT_EQ(rows[2].line, 3u);
}

TEST(CsvReaderTest, RefusesTextThatIsNotCsvNamingTheLine) {
  Status status;
  ReadAll("a\n\"open\nstill open\n", &status);
  EXPECT_TRUE(status.IsInvalidArgument());
  EXPECT_THAT(status.message(), HasSubstr("line 2"));
  ReadAll("a\nb\n\"x\"y\n", &status);
  EXPECT_THAT(status.message(), HasSubstr("line 3"));
  ReadAll("a\n\xC3\x28\n", &status);  // a broken two-byte sequence
  EXPECT_THAT(status.message(), HasSubstr("UTF-8"));
  ReadAll("a\n\xED\xA0\x80\n", &status);  // a surrogate
  EXPECT_THAT(status.message(), HasSubstr("UTF-8"));
}

}  // namespace
}  // namespace kinbridge::detail
