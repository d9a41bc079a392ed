#include "output/output.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace kinbridge::cli {
namespace {

using Json = nlohmann::ordered_json;

std::vector<Column> ChildColumns() {
  return {
      {"name", "Name"},
      {"age", "Age", /*right_align=*/true},
      {"municipality", "Municipality"},
  };
}

std::string WriteAll(OutputFormat format, std::vector<Column> columns,
                     std::vector<std::vector<Value>> rows) {
  std::ostringstream out;
  RowWriter writer(format, out, std::move(columns));
  for (auto& row : rows) writer.Write(std::move(row));
  writer.Finish();
  return out.str();
}

TEST(ParseOutputFormatTest, AcceptsTheThreeNames) {
  EXPECT_EQ(ParseOutputFormat("table"), OutputFormat::kTable);
  EXPECT_EQ(ParseOutputFormat("json"), OutputFormat::kJson);
  EXPECT_EQ(ParseOutputFormat("csv"), OutputFormat::kCsv);
  EXPECT_EQ(ParseOutputFormat("JSON"), std::nullopt);
  EXPECT_EQ(ParseOutputFormat(""), std::nullopt);
  EXPECT_EQ(ParseOutputFormat("yaml"), std::nullopt);
  EXPECT_EQ(ParseOutputFormat("csv "), std::nullopt);
}

// ---- table -----------------------------------------------------------------------------------

TEST(RowWriterTableTest, AlignsChineseAndSwedishNamesByDisplayWidth) {
  const std::string text =
      WriteAll(OutputFormat::kTable, ChildColumns(),
               {
                   {std::string("李明"), std::int64_t{9}, std::string("黄山市")},
                   {std::string("Elin"), std::int64_t{12}, std::string("Vara")},
                   {std::string("Åsa Lind"), std::int64_t{7}, std::string("Vara")},
               });
  EXPECT_EQ(text,
            "Name      Age  Municipality\n"
            "--------  ---  ------------\n"
            "李明        9  黄山市\n"
            "Elin       12  Vara\n"
            "Åsa Lind    7  Vara\n");
}

TEST(RowWriterTableTest, ChineseHeadersAndRightAlignedLastColumn) {
  const std::string text =
      WriteAll(OutputFormat::kTable, {{"name", "姓名"}, {"visits", "探访", true}},
               {
                   {std::string("Elin"), std::int64_t{3}},
                   {std::string("王小红"), std::int64_t{120}},
               });
  EXPECT_EQ(text,
            "姓名    探访\n"
            "------  ----\n"
            "Elin       3\n"
            "王小红   120\n");
}

TEST(RowWriterTableTest, NullIsEmptyAndBoolsAreWords) {
  const std::string text = WriteAll(
      OutputFormat::kTable, {{"name", "Name"}, {"protected", "Protected"}, {"note", "Note"}},
      {
          {std::string("Elin"), true, std::monostate{}},
          {std::string("李明"), false, std::string("ok")},
          {std::monostate{}, std::monostate{}, std::monostate{}},
      });
  EXPECT_EQ(text,
            "Name  Protected  Note\n"
            "----  ---------  ----\n"
            "Elin  yes\n"
            "李明  no         ok\n"
            "\n");
}

TEST(RowWriterTableTest, ZeroRowsPrintHeaderAndRuleOnly) {
  std::ostringstream out;
  RowWriter writer(OutputFormat::kTable, out, ChildColumns());
  writer.Finish();
  EXPECT_EQ(out.str(),
            "Name  Age  Municipality\n"
            "----  ---  ------------\n");
  EXPECT_EQ(writer.rows(), 0u);
}

TEST(RowWriterTableTest, BuffersUntilFinishAndFinishIsIdempotent) {
  std::ostringstream out;
  RowWriter writer(OutputFormat::kTable, out, {{"name", "Name"}});
  writer.Write({std::string("Elin")});
  EXPECT_EQ(out.str(), "");
  EXPECT_EQ(writer.rows(), 1u);
  writer.Finish();
  writer.Finish();
  writer.Write({std::string("late")});
  EXPECT_EQ(out.str(), "Name\n----\nElin\n");
  EXPECT_EQ(writer.rows(), 1u);
}

TEST(RowWriterTableTest, ControlCharactersCannotBreakTheLayout) {
  const std::string text = WriteAll(OutputFormat::kTable, {{"note", "Note"}, {"id", "Id"}},
                                    {{std::string("a\nb\x1B[2J"), std::int64_t{1}}});
  EXPECT_EQ(text,
            "Note     Id\n"
            "-------  --\n"
            "a b\xEF\xBF\xBD[2J  1\n");
}

TEST(RowWriterTableTest, ShortRowsAreFilledWithNull) {
  const std::string text =
      WriteAll(OutputFormat::kTable, {{"a", "A"}, {"b", "B"}}, {{std::string("x")}});
  EXPECT_EQ(text, "A  B\n-  -\nx\n");
}

// ---- JSON ------------------------------------------------------------------------------------

TEST(RowWriterJsonTest, ExactTextForASmallList) {
  const std::string text =
      WriteAll(OutputFormat::kJson,
               {{"name", "Name"}, {"age", "Age"}, {"protected", "Protected"}, {"note", "Note"}},
               {
                   {std::string("李明"), std::int64_t{9}, true, std::monostate{}},
                   {std::string("Åsa \"A\""), std::int64_t{-1}, false, std::string("x")},
               });
  EXPECT_EQ(text,
            "[\n"
            "  {\n"
            "    \"name\": \"李明\",\n"
            "    \"age\": 9,\n"
            "    \"protected\": true,\n"
            "    \"note\": null\n"
            "  },\n"
            "  {\n"
            "    \"name\": \"Åsa \\\"A\\\"\",\n"
            "    \"age\": -1,\n"
            "    \"protected\": false,\n"
            "    \"note\": \"x\"\n"
            "  }\n"
            "]\n");
}

TEST(RowWriterJsonTest, ParsesBackWithTypesAndKeyOrder) {
  const std::string text =
      WriteAll(OutputFormat::kJson, ChildColumns(),
               {
                   {std::string("李明"), std::int64_t{9}, std::string("黄山市")},
                   {std::string("Elin\nLind"), std::monostate{}, true},
               });
  const Json parsed = Json::parse(text);
  ASSERT_TRUE(parsed.is_array());
  ASSERT_EQ(parsed.size(), 2u);
  EXPECT_EQ(parsed[0]["name"], "李明");
  EXPECT_EQ(parsed[0]["age"].get<std::int64_t>(), 9);
  EXPECT_EQ(parsed[0]["municipality"], "黄山市");
  EXPECT_EQ(parsed[1]["name"], "Elin\nLind");
  EXPECT_TRUE(parsed[1]["age"].is_null());
  EXPECT_TRUE(parsed[1]["municipality"].is_boolean());
  std::vector<std::string> keys;
  for (const auto& item : parsed[0].items()) keys.push_back(item.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"name", "age", "municipality"}));
  // Streaming gives the same text nlohmann would print for the whole array.
  EXPECT_EQ(text, parsed.dump(2, ' ', false) + "\n");
}

TEST(RowWriterJsonTest, StreamsEachRowAtOnce) {
  std::ostringstream out;
  RowWriter writer(OutputFormat::kJson, out, {{"id", "Id"}});
  writer.Write({std::int64_t{1}});
  EXPECT_EQ(out.str(), "[\n  {\n    \"id\": 1\n  }");
  writer.Write({std::int64_t{2}});
  writer.Finish();
  writer.Finish();
  EXPECT_EQ(out.str(), "[\n  {\n    \"id\": 1\n  },\n  {\n    \"id\": 2\n  }\n]\n");
}

TEST(RowWriterJsonTest, ZeroRowsIsAnEmptyArray) {
  EXPECT_EQ(WriteAll(OutputFormat::kJson, ChildColumns(), {}), "[]\n");
}

TEST(RowWriterJsonTest, InvalidUtf8BecomesReplacementCharacter) {
  const std::string text =
      WriteAll(OutputFormat::kJson, {{"name", "Name"}}, {{std::string("El\xFFin")}});
  EXPECT_EQ(Json::parse(text)[0]["name"], "El\xEF\xBF\xBDin");
}

// ---- CSV -------------------------------------------------------------------------------------

TEST(RowWriterCsvTest, HeaderOfKeysAndPlainValues) {
  const std::string text =
      WriteAll(OutputFormat::kCsv,
               {{"name", "Name"}, {"age", "Age"}, {"protected", "Protected"}, {"note", "Note"}},
               {
                   {std::string("李明"), std::int64_t{9}, true, std::monostate{}},
                   {std::string("Elin"), std::int64_t{-3}, false, std::string("2026-03-01")},
               });
  EXPECT_EQ(text,
            "name,age,protected,note\n"
            "李明,9,true,\n"
            "Elin,-3,false,2026-03-01\n");
}

TEST(RowWriterCsvTest, QuotesAndEscapes) {
  const std::string text = WriteAll(OutputFormat::kCsv, {{"v", "V"}},
                                    {
                                        {std::string("Lind, Elin")},
                                        {std::string("say \"hej\"")},
                                        {std::string("two\nlines")},
                                        {std::string("cr\rhere")},
                                        {std::string(" leading")},
                                        {std::string("trailing ")},
                                        {std::string("in side")},
                                        {std::string("")},
                                    });
  EXPECT_EQ(text,
            "v\n"
            "\"Lind, Elin\"\n"
            "\"say \"\"hej\"\"\"\n"
            "\"two\nlines\"\n"
            "\"cr\rhere\"\n"
            "\" leading\"\n"
            "\"trailing \"\n"
            "in side\n"
            "\n");
}

TEST(RowWriterCsvTest, GuardsAgainstFormulaInjection) {
  const std::string text = WriteAll(OutputFormat::kCsv, {{"v", "V"}},
                                    {
                                        {std::string("=HYPERLINK(\"http://x\")")},
                                        {std::string("+46 70 123")},
                                        {std::string("-1+2")},
                                        {std::string("@SUM(A1)")},
                                        {std::string("=1,2")},
                                        {std::string("-5")},
                                        {std::string("+46")},
                                        {std::string("-3.25")},
                                        {std::string("-")},
                                        {std::string("-3.")},
                                        {std::string("2026-03-01")},
                                        {std::string("a=b")},
                                        {std::int64_t{-7}},
                                    });
  EXPECT_EQ(text,
            "v\n"
            "\"'=HYPERLINK(\"\"http://x\"\")\"\n"
            "'+46 70 123\n"
            "'-1+2\n"
            "'@SUM(A1)\n"
            "\"'=1,2\"\n"
            "-5\n"
            "+46\n"
            "-3.25\n"
            "'-\n"
            "'-3.\n"
            "2026-03-01\n"
            "a=b\n"
            "-7\n");
}

TEST(RowWriterCsvTest, ZeroRowsPrintTheHeader) {
  EXPECT_EQ(WriteAll(OutputFormat::kCsv, ChildColumns(), {}), "name,age,municipality\n");
}

TEST(RowWriterCsvTest, StreamsEachRowAtOnce) {
  std::ostringstream out;
  RowWriter writer(OutputFormat::kCsv, out, {{"id", "Id"}});
  writer.Write({std::int64_t{1}});
  EXPECT_EQ(out.str(), "id\n1\n");
  writer.Finish();
  writer.Finish();
  EXPECT_EQ(out.str(), "id\n1\n");
  EXPECT_EQ(writer.rows(), 1u);
}

// ---- records ---------------------------------------------------------------------------------

Record ChildRecord() {
  Record record;
  record.fields = {
      {"name", "Name", std::string("李明")},
      {"birth_date", "Birth date", std::string("2016-05-04")},
      {"protected_identity", "Protected identity", true},
      {"case_reference", "Case reference", std::monostate{}},
  };
  Section relations{"relations",
                    "Family network",
                    {{"name", "Name"}, {"relation", "Relation"}, {"visits", "Visits", true}},
                    {
                        {std::string("王芳"), std::string("grandparent"), std::int64_t{12}},
                        {std::string("Elin"), std::string("sibling"), std::int64_t{3}},
                    }};
  Section placements{"placements", "Placements", {{"from", "From"}, {"to", "To"}}, {}};
  record.sections = {relations, placements};
  return record;
}

TEST(PrintRecordTest, Table) {
  std::ostringstream out;
  PrintRecord(OutputFormat::kTable, out, ChildRecord());
  EXPECT_EQ(out.str(),
            "Name:                李明\n"
            "Birth date:          2016-05-04\n"
            "Protected identity:  yes\n"
            "Case reference:\n"
            "\n"
            "Family network\n"
            "Name  Relation     Visits\n"
            "----  -----------  ------\n"
            "王芳  grandparent      12\n"
            "Elin  sibling           3\n"
            "\n"
            "Placements\n"
            "  (none)\n");
}

TEST(PrintRecordTest, TableKeepsLinesOfAValueUnderEachOther) {
  Record record;
  record.fields = {{"name", "姓名", std::string("Elin")},
                   {"note", "Note", std::string("first\r\nsecond")}};
  std::ostringstream out;
  PrintRecord(OutputFormat::kTable, out, record);
  EXPECT_EQ(out.str(),
            "姓名:  Elin\n"
            "Note:  first\n"
            "       second\n");
}

TEST(PrintRecordTest, Json) {
  std::ostringstream out;
  PrintRecord(OutputFormat::kJson, out, ChildRecord());
  EXPECT_EQ(out.str(),
            "{\n"
            "  \"name\": \"李明\",\n"
            "  \"birth_date\": \"2016-05-04\",\n"
            "  \"protected_identity\": true,\n"
            "  \"case_reference\": null,\n"
            "  \"relations\": [\n"
            "    {\n"
            "      \"name\": \"王芳\",\n"
            "      \"relation\": \"grandparent\",\n"
            "      \"visits\": 12\n"
            "    },\n"
            "    {\n"
            "      \"name\": \"Elin\",\n"
            "      \"relation\": \"sibling\",\n"
            "      \"visits\": 3\n"
            "    }\n"
            "  ],\n"
            "  \"placements\": []\n"
            "}\n");
  const Json parsed = Json::parse(out.str());
  EXPECT_EQ(parsed["relations"][0]["visits"].get<std::int64_t>(), 12);
  EXPECT_TRUE(parsed["placements"].empty());
}

TEST(PrintRecordTest, Csv) {
  std::ostringstream out;
  PrintRecord(OutputFormat::kCsv, out, ChildRecord());
  EXPECT_EQ(out.str(),
            "name,birth_date,protected_identity,case_reference\n"
            "李明,2016-05-04,true,\n"
            "\n"
            "name,relation,visits\n"
            "王芳,grandparent,12\n"
            "Elin,sibling,3\n"
            "\n"
            "from,to\n");
}

// ---- labels and dates --------------------------------------------------------------------------

std::vector<Column> PlacementColumns() { return {{"type", "Type"}, {"start", "Start"}}; }

TEST(LabelCellTest, TablesShowTheLabelJsonAndCsvTheCode) {
  const std::vector<std::vector<Value>> rows = {
      {Label{"foster-family", "寄养家庭"}, DateCell{"2026-11-30"}},
      {Label{"kinship", "släktinge"}, DateCell{"2026-01-05"}},
  };
  EXPECT_EQ(WriteAll(OutputFormat::kTable, PlacementColumns(), rows),
            "Type       Start\n"
            "---------  ----------\n"
            "寄养家庭   2026-11-30\n"
            "släktinge  2026-01-05\n");
  EXPECT_EQ(WriteAll(OutputFormat::kCsv, PlacementColumns(), rows),
            "type,start\n"
            "foster-family,2026-11-30\n"
            "kinship,2026-01-05\n");
  const Json json = Json::parse(WriteAll(OutputFormat::kJson, PlacementColumns(), rows));
  EXPECT_EQ(json[0]["type"], "foster-family");
  EXPECT_EQ(json[0]["start"], "2026-11-30");
  EXPECT_EQ(json[1]["type"], "kinship");
}

TEST(LabelCellTest, AnEmptyLabelShowsTheCode) {
  EXPECT_EQ(WriteAll(OutputFormat::kTable, {{"mode", "Mode"}}, {{Label{"carrier-pigeon", ""}}}),
            "Mode\n"
            "--------------\n"
            "carrier-pigeon\n");
}

TEST(LabelCellTest, CsvGuardsTheCodeAgainstFormulas) {
  EXPECT_EQ(WriteAll(OutputFormat::kCsv, {{"kind", "Kind"}}, {{Label{"=HYPERLINK()", "x"}}}),
            "kind\n"
            "'=HYPERLINK()\n");
}

TEST(LabelCellTest, RecordsShowLabelsAndDates) {
  Record record{{{"type", "Type", Label{"residential", "HVB-hem"}},
                 {"start", "Start", DateCell{"2026-03-01"}},
                 {"logged_at", "Logged at", DateCell{"2026-11-29T10:05:00Z"}}},
                {}};
  std::ostringstream table, csv;
  PrintRecord(OutputFormat::kTable, table, record);
  PrintRecord(OutputFormat::kCsv, csv, record);
  EXPECT_EQ(table.str(),
            "Type:       HVB-hem\n"
            "Start:      2026-03-01\n"
            "Logged at:  2026-11-29 10:05 UTC\n");
  EXPECT_EQ(csv.str(),
            "type,start,logged_at\n"
            "residential,2026-03-01,2026-11-29T10:05:00Z\n");
}

// Without a catalog (English), days stay ISO 8601 and moments read "day HH:MM UTC".
TEST(LocalDateTest, EnglishKeepsIso8601) {
  EXPECT_EQ(LocalDate("2026-11-30"), "2026-11-30");
  EXPECT_EQ(LocalMonth("2026-11"), "2026-11");
  EXPECT_EQ(LocalTimestamp("2026-11-30T09:15:42Z"), "2026-11-30 09:15 UTC");
  EXPECT_EQ(LocalTimestamp("2026-11-30"), "2026-11-30");
}

TEST(LocalDateTest, TextThatIsNoIsoDateIsLeftAlone) {
  for (const char* text :
       {"", "2026-1-30", "30.11.2026", "2026-11-3x", "2026/11/30", "tomorrow", "2026-11-30 "}) {
    EXPECT_EQ(LocalDate(text), text);
  }
  for (const char* text : {"2026-11-30T09:15", "2026-11-30T09:15:00+01:00", "2026-11-30X09:15Z",
                           "2026-11-30T9:15:00Z", "now"}) {
    EXPECT_EQ(LocalTimestamp(text), text);
  }
  EXPECT_EQ(LocalMonth("2026-1"), "2026-1");
  EXPECT_EQ(LocalMonth("2026-11-30"), "2026-11-30");
}

}  // namespace
}  // namespace kinbridge::cli
