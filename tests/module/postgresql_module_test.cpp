// The PostgreSQL module is loaded only for a PostgreSQL location, and libical only for
// schedules: a program that opens SQLite workspaces maps neither libpq nor SOCI's PostgreSQL
// backend, and a missing module is a clear error. This program links only the shared kinbridge
// library, as an integrator's does (the other test programs link libpq themselves, to prepare
// PostgreSQL schemas), and reads its own /proc/self/maps.
//
// The module stays loaded once loaded, so each test needs a process of its own: ctest runs them
// so; run by hand, run them one at a time (--gtest_filter).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <kinbridge/recurrence.h>
#include <kinbridge/workspace.h>

namespace kb = kinbridge;
namespace fs = std::filesystem;

namespace {

// The file names of every shared object mapped into this process, one per line.
std::string MappedFiles() {
  std::ifstream maps("/proc/self/maps");
  std::string line, files;
  while (std::getline(maps, line)) {
    const std::size_t slash = line.find('/');
    if (slash != std::string::npos) files += line.substr(slash) + "\n";
  }
  return files;
}

kb::CreateOptions VaraTestWorkspace() {
  kb::CreateOptions create;
  create.municipality.code = "VAR";
  create.municipality.name = "Vara";
  create.municipality.country = "SE";
  create.municipality.locale = "sv_SE";
  create.municipality.time_zone = "Europe/Stockholm";
  create.mode = kb::WorkspaceMode::kTest;
  create.administrator_account = "admin";
  return create;
}

kb::WorkspaceOptions FixedClock() {
  kb::WorkspaceOptions options;
  options.today = kb::Date(2026, 11, 29);
  options.now_utc = "2026-11-29T10:00:00Z";
  options.account = "admin";
  return options;
}

class PostgresqlModuleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("kinbridge-module-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  fs::path dir_;
};

TEST_F(PostgresqlModuleTest, SqliteWorkspaceLoadsNoLibpq) {
  const std::string path = (dir_ / "vara.db").string();
  {
    kb::Result<kb::Workspace> created =
        kb::Workspace::Create(path, VaraTestWorkspace(), FixedClock());
    ASSERT_TRUE(created.ok()) << created.status().ToString();
  }
  kb::Result<kb::Workspace> opened = kb::Workspace::Open(path, FixedClock());
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(opened->path(), path);

  const std::string mapped = MappedFiles();
  EXPECT_NE(mapped.find("libkinbridge.so"), std::string::npos) << mapped;
  EXPECT_NE(mapped.find("libsoci_sqlite3.so"), std::string::npos) << mapped;
  EXPECT_EQ(mapped.find("libpq.so"), std::string::npos) << mapped;
  EXPECT_EQ(mapped.find("libsoci_postgresql.so"), std::string::npos) << mapped;
  EXPECT_EQ(mapped.find("kinbridge_postgresql.so"), std::string::npos) << mapped;
}

TEST_F(PostgresqlModuleTest, MissingModuleIsAClearErrorThatHidesThePassword) {
  // An empty folder as the module directory: nothing to load.
  ASSERT_EQ(::setenv("KINBRIDGE_MODULE_DIR", dir_.c_str(), 1), 0);
  kb::Result<kb::Workspace> opened =
      kb::Workspace::Open("host=/nonexistent dbname=kinbridge password=s3cret", FixedClock());
  ::unsetenv("KINBRIDGE_MODULE_DIR");
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), kb::ErrorCode::kIoError) << opened.status().ToString();
  const std::string& message = opened.status().message();
  EXPECT_NE(message.find("kinbridge_postgresql.so"), std::string::npos) << message;
  EXPECT_NE(message.find(dir_.string()), std::string::npos) << message;
  EXPECT_NE(message.find("KINBRIDGE_MODULE_DIR"), std::string::npos) << message;
  EXPECT_NE(message.find("host=/nonexistent dbname=kinbridge password=***"), std::string::npos)
      << message;
  EXPECT_EQ(message.find("s3cret"), std::string::npos) << message;
  EXPECT_EQ(MappedFiles().find("libpq.so"), std::string::npos);
}

TEST_F(PostgresqlModuleTest, ModuleThatIsNotASharedLibraryIsRefusedWithTheLoadersReason) {
  std::ofstream(dir_ / "kinbridge_postgresql.so") << "not a shared library\n";
  ASSERT_EQ(::setenv("KINBRIDGE_MODULE_DIR", dir_.c_str(), 1), 0);
  kb::Result<kb::Workspace> opened =
      kb::Workspace::Open("postgresql://kinbridge@localhost/kinbridge", FixedClock());
  ::unsetenv("KINBRIDGE_MODULE_DIR");
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), kb::ErrorCode::kIoError) << opened.status().ToString();
  const std::string& message = opened.status().message();
  EXPECT_NE(message.find((dir_ / "kinbridge_postgresql.so").string()), std::string::npos)
      << message;
  EXPECT_NE(message.find("libpq"), std::string::npos) << message;
}

// On the test run's PostgreSQL server (KINBRIDGE_TEST_PG; registered as pg.* only).
TEST_F(PostgresqlModuleTest, PostgresqlWorkspaceLoadsTheModule) {
  const char* server = std::getenv("KINBRIDGE_TEST_PG");
  ASSERT_TRUE(server != nullptr && *server != '\0')
      << "KINBRIDGE_TEST_PG is not set (ctest starts the server; see tests/CMakeLists.txt)";
  EXPECT_EQ(MappedFiles().find("libpq.so"), std::string::npos);
  // A schema of this test's own beside the server's default one.
  kb::Result<std::string> location =
      kb::SiblingWorkspaceLocation(server, "module_test_" + std::to_string(::getpid()));
  ASSERT_TRUE(location.ok()) << location.status().ToString();
  {
    kb::Result<kb::Workspace> created =
        kb::Workspace::Create(*location, VaraTestWorkspace(), FixedClock());
    ASSERT_TRUE(created.ok()) << created.status().ToString();
  }
  kb::Result<kb::Workspace> opened = kb::Workspace::Open(*location, FixedClock());
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();

  const std::string mapped = MappedFiles();
  EXPECT_NE(mapped.find("kinbridge_postgresql.so"), std::string::npos) << mapped;
  EXPECT_NE(mapped.find("libpq.so"), std::string::npos) << mapped;
}

}  // namespace

TEST_F(PostgresqlModuleTest, ServerThatCannotBeReachedIsOneLineInLibpqsWords) {
  // A socket folder that does not exist: libpq fails before any network is involved.
  const std::string location = "host=" + (dir_ / "no-server").string() + " dbname=kinbridge";
  kb::Result<kb::Workspace> opened = kb::Workspace::Open(location, FixedClock());
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), kb::ErrorCode::kIoError) << opened.status().ToString();
  const std::string& message = opened.status().message();
  EXPECT_EQ(message.rfind("cannot open workspace ", 0), 0u) << message;
  EXPECT_NE(message.find("dbname=kinbridge"), std::string::npos) << message;
  // libpq's words name the socket and the reason; SOCI's own sentence is not repeated.
  EXPECT_NE(message.find("No such file or directory"), std::string::npos) << message;
  EXPECT_NE(message.find((dir_ / "no-server").string()), std::string::npos) << message;
  EXPECT_EQ(message.find("Cannot establish connection"), std::string::npos) << message;
  EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  EXPECT_EQ(message.find('\t'), std::string::npos) << message;
  EXPECT_EQ(message.find("  "), std::string::npos) << message;
}

// libical (and the ICU libraries it brings) is loaded the same way: only once a schedule is read
// or expanded, not to open a workspace or work out today's date in its time zone.
TEST_F(PostgresqlModuleTest, LibicalIsLoadedOnlyForSchedules) {
  const std::string path = (dir_ / "vara.db").string();
  {
    kb::Result<kb::Workspace> created = kb::Workspace::Create(path, VaraTestWorkspace());
    ASSERT_TRUE(created.ok()) << created.status().ToString();
  }
  kb::WorkspaceOptions options = FixedClock();
  options.today.reset();  // today in Europe/Stockholm, from the zone data
  options.purpose = "checking what a listing loads";
  kb::Result<kb::Workspace> opened = kb::Workspace::Open(path, options);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  int children = 0;
  kb::Status listed = opened->ForEachChild({}, [&](const kb::Child&) {
    ++children;
    return true;
  });
  ASSERT_TRUE(listed.ok()) << listed.ToString();
  EXPECT_EQ(children, 0);
  EXPECT_GE(opened->Today(), kb::Date(2026, 11, 30));
  std::string mapped = MappedFiles();
  EXPECT_EQ(mapped.find("libical.so"), std::string::npos) << mapped;
  EXPECT_EQ(mapped.find("libicuuc.so"), std::string::npos) << mapped;

  EXPECT_EQ(kb::DescribeRecurrence("FREQ=WEEKLY;BYDAY=WE"), "weekly on Wednesday");
  mapped = MappedFiles();
  EXPECT_NE(mapped.find("libical.so"), std::string::npos) << mapped;
}
