// `report child` and `report centre` end to end on the demo's Huangshan workspace: the monthly
// rows agree with the contact list, the session list and the attendance report (independent
// reads of the same records), and the --html pages render in headless Chromium.
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli/cli_runner.h"

namespace kinbridge::cli::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using Json = nlohmann::json;

constexpr const char* kLiMing = "HSN-2026-0001";

class ReportPageCliTest : public CliTestBase {
 protected:
  void SetUp() override {
    CliTestBase::SetUp();
    CliResult demo = RunCli({"--workspace", WorkspaceIn("demo.db"), "demo"});
    ASSERT_EQ(demo.exit_code, 0) << demo.err;
    // Huangshan's workspace, wherever the demo put it (a file beside Vara's, or a schema beside
    // Vara's on PostgreSQL), as its closing hints name it: "kinbridge --workspace LOCATION method
    // lineage ...", a PostgreSQL location quoted for the shell.
    const std::string hint = " method lineage cn.huangshan.group";
    const std::size_t end = demo.out.find(hint);
    ASSERT_NE(end, std::string::npos) << demo.out;
    const std::string flag = "--workspace ";
    const std::size_t start = demo.out.rfind(flag, end);
    ASSERT_NE(start, std::string::npos) << demo.out;
    huangshan_ = demo.out.substr(start + flag.size(), end - start - flag.size());
    if (huangshan_.size() >= 2 && huangshan_.front() == '\'' && huangshan_.back() == '\'') {
      huangshan_ = huangshan_.substr(1, huangshan_.size() - 2);
    }
  }

  CliResult As(const std::string& account, std::vector<std::string> args) {
    args.insert(args.begin(), {"--workspace", huangshan_, "--as", account});
    return RunCli(args);
  }
  Json JsonAs(const std::string& account, std::vector<std::string> args) {
    args.insert(args.begin(), {"--format", "json"});
    CliResult r = As(account, args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return Json::parse(r.out);
  }

  std::string huangshan_;
};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST_F(ReportPageCliTest, ChildMonthsAgreeWithTheContactListAndTheAttendanceReport) {
  Json months = JsonAs("zhao", {"report", "child", kLiMing, "--from", "2025-12-01"});
  ASSERT_EQ(months.size(), 12U);
  EXPECT_EQ(months.front()["month"], "2025-12");
  EXPECT_EQ(months.back()["month"], "2026-11");

  int planned = 0, took_place = 0, present = 0, expected = 0;
  for (const Json& m : months) {
    SCOPED_TRACE(m.dump());
    const int p = m["contacts_planned"];
    const int took = m["contacts_took_place"];
    const int upcoming = m["contacts_upcoming"];
    EXPECT_EQ(p, took + m["contacts_cancelled"].get<int>() + m["contacts_no_show"].get<int>() +
                     m["contacts_not_logged"].get<int>() + upcoming);
    if (p - upcoming > 0) {
      EXPECT_EQ(m["adherence_percent"], std::lround(100.0 * took / (p - upcoming)));
    } else {
      EXPECT_TRUE(m["adherence_percent"].is_null());
    }
    planned += p;
    took_place += took;
    present += m["sessions_present"].get<int>();
    expected += m["sessions_expected"].get<int>();
  }
  // The same window read as a list of events.
  Json events = JsonAs("zhao", {"contact", "list", "--child", kLiMing, "--from", "2025-12-01",
                                "--to", "2026-11-29"});
  int listed = 0, listed_took_place = 0;
  for (const Json& e : events) {
    if (e["status"] == "cancelled") continue;
    ++listed;
    const std::string outcome = e["outcome"].is_null() ? "" : e["outcome"].get<std::string>();
    if (outcome == "held" || outcome == "held-late" || outcome == "ended-early") {
      ++listed_took_place;
    }
  }
  EXPECT_GT(listed, 0);
  EXPECT_EQ(planned, listed);
  EXPECT_EQ(took_place, listed_took_place);
  // And the attendance report over the whole window.
  Json attendance =
      JsonAs("zhao", {"report", "attendance", "--child", kLiMing, "--from", "2025-12-01"});
  int report_present = 0, report_expected = 0;
  for (const Json& c : attendance["children"]) {
    report_present += c["present"].get<int>();
    report_expected += c["expected"].get<int>();
  }
  EXPECT_GT(report_expected, 0);
  EXPECT_EQ(present, report_present);
  EXPECT_EQ(expected, report_expected);
}

TEST_F(ReportPageCliTest, CentreMonthsCountTheHeldSessionsOfTheSessionList) {
  Json months = JsonAs(
      "wang", {"report", "centre", "tunxi-school", "--from", "2026-08-15", "--to", "2026-11-29"});
  ASSERT_EQ(months.size(), 4U);  // August from the 15th, then whole months to today
  int held = 0, cancelled = 0;
  for (const Json& m : months) {
    held += m["sessions_held"].get<int>();
    cancelled += m["sessions_cancelled"].get<int>();
    const int base = m["expected"].get<int>() - m["excused"].get<int>();
    if (base > 0) {
      EXPECT_EQ(m["attendance_percent"], std::lround(100.0 * m["present"].get<int>() / base));
    }
  }
  Json sessions = JsonAs("wang", {"session", "list", "--site", "tunxi-school", "--from",
                                  "2026-08-15", "--to", "2026-11-29"});
  int listed_held = 0, listed_cancelled = 0;
  for (const Json& s : sessions) {
    if (s["status"] == "held") ++listed_held;
    if (s["status"] == "cancelled") ++listed_cancelled;
  }
  EXPECT_GT(listed_held, 0);
  EXPECT_EQ(held, listed_held);
  EXPECT_EQ(cancelled, listed_cancelled);
}

TEST_F(ReportPageCliTest, HtmlPagesAreSelfContainedAndRenderInHeadlessChromium) {
  const std::string child_page = PathIn("li-ming.html");
  CliResult r = As("zhao", {"--lang", "zh_CN", "report", "child", kLiMing, "--html", child_page});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string html = ReadFile(child_page);
  EXPECT_THAT(html, HasSubstr("<!DOCTYPE html>"));
  EXPECT_THAT(html, HasSubstr("李明 (HSN-2026-0001)"));
  EXPECT_THAT(html, HasSubstr("<svg class=\"chart\""));
  // Nothing fetched, nothing run: the page works offline and from a case file.
  // (The SVG namespace "http://www.w3.org/2000/svg" is a name, not a fetch.)
  for (const char* outside : {"<script", "https://", "<link", " src=", "url("}) {
    EXPECT_THAT(html, Not(HasSubstr(outside))) << outside;
  }

  const std::string centre_page = PathIn("school.html");
  r = As("wang",
         {"report", "centre", "tunxi-school", "--from", "2026-09-01", "--html", centre_page});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string centre_html = ReadFile(centre_page);
  // One bar per month with sessions: September to November.
  std::size_t bars = 0;
  for (std::size_t at = centre_html.find("<rect class=\"bar"); at != std::string::npos;
       at = centre_html.find("<rect class=\"bar", at + 1)) {
    ++bars;
  }
  EXPECT_EQ(bars, 3U);

  // Rendered by a real browser: the DOM it builds has the charts, and the screenshot is a PNG of
  // the requested size.
  const std::string profile = PathIn("chromium-profile");
  std::map<std::string, std::string> env = BaseEnvironment();
  env["HOME"] = PathIn("");
  for (const std::string& page : {child_page, centre_page}) {
    SCOPED_TRACE(page);
    CliResult dom = RunProgram("/usr/bin/chromium",
                               {"--headless", "--no-sandbox", "--disable-gpu",
                                "--user-data-dir=" + profile, "--dump-dom", "file://" + page},
                               env);
    ASSERT_EQ(dom.exit_code, 0) << dom.err;
    EXPECT_THAT(dom.out, HasSubstr("<svg class=\"chart\""));
    EXPECT_THAT(dom.out, HasSubstr("<rect class=\"bar"));
    const std::string png = page + ".png";
    CliResult shot = RunProgram("/usr/bin/chromium",
                                {"--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                                 "--user-data-dir=" + profile, "--window-size=1000,1400",
                                 "--screenshot=" + png, "file://" + page},
                                env);
    ASSERT_EQ(shot.exit_code, 0) << shot.err;
    const std::string image = ReadFile(png);
    ASSERT_GT(image.size(), 24U);
    EXPECT_EQ(image.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
    auto be32 = [&](std::size_t at) {
      return (static_cast<unsigned char>(image[at]) << 24) |
             (static_cast<unsigned char>(image[at + 1]) << 16) |
             (static_cast<unsigned char>(image[at + 2]) << 8) |
             static_cast<unsigned char>(image[at + 3]);
    };
    EXPECT_EQ(be32(16), 1000U);  // IHDR width
    EXPECT_EQ(be32(20), 1400U);  // IHDR height
    // A blank page compresses to a few kilobytes; charts, tables and text do not.
    EXPECT_GT(image.size(), 20000U);
  }
}

TEST_F(ReportPageCliTest, RefusalsNameTheValueAndWriteNothing) {
  // Centre staff never read case data, so not a child's contacts either.
  CliResult r = As("wang", {"report", "child", kLiMing});
  EXPECT_EQ(r.exit_code, 5);
  EXPECT_THAT(r.err, HasSubstr(kLiMing));
  r = As("zhao", {"report", "child", "HSN-2026-0999"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_THAT(r.err, HasSubstr("HSN-2026-0999"));
  r = As("wang", {"report", "centre", "nowhere"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_THAT(r.err, HasSubstr("nowhere"));
  r = As("zhao", {"report", "child", kLiMing, "--from", "2026-13-01"});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_THAT(r.err, HasSubstr("2026-13-01"));
  const std::string missing = PathIn("no-such-dir/page.html");
  r = As("zhao", {"report", "child", kLiMing, "--html", missing});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_THAT(r.err, HasSubstr("no-such-dir"));
  EXPECT_FALSE(std::filesystem::exists(PathIn("no-such-dir")));
}

}  // namespace
}  // namespace kinbridge::cli::test
