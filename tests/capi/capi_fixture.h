// The C API test fixture: a Vara test workspace on a temporary file (or, on a PostgreSQL run, a
// schema of the test server), made and used only through kinbridge.h, with "today" fixed. anna is
// its administrator and also a social worker.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <system_error>
#include <utility>

#include <nlohmann/json.hpp>

#include "kinbridge/kinbridge.h"
#include "test_backend.h"

namespace kinbridge::capi_testing {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using Json = nlohmann::json;

constexpr const char* kBuiltInPlugins = KINBRIDGE_BUILT_IN_PLUGINS_DIR;
constexpr const char* kToday = "2026-11-29";

// Workspace options acting as `account` on the fixed day.
inline std::string As(const std::string& account) {
  return Json{{"today", kToday}, {"now", "2026-11-29T10:00:00Z"}, {"account", account}}.dump();
}

inline std::string VaraCreation() {
  return Json{
      {"municipality_code", "VAR"}, {"municipality_name", "Vara"},          {"country", "SE"},
      {"locale", "sv_SE"},          {"time_zone", "Europe/Stockholm"},      {"mode", "test"},
      {"administrator", "anna"},    {"administrator_name", "Anna Karlsson"}}
      .dump();
}

// What a failed call left behind.
struct Failure {
  kb_error_code code = KB_OK;
  std::string message;
};

// Runs `call(char** out)`; expects success and returns the output parsed as JSON.
template <typename Call>
Json Ok(Call&& call) {
  char* out = nullptr;
  const kb_error_code code = call(&out);
  EXPECT_EQ(code, KB_OK) << kb_error_code_name(code) << ": " << kb_last_error_message();
  EXPECT_EQ(kb_last_error_code(), code);
  if (code != KB_OK || out == nullptr) return Json();
  EXPECT_STREQ(kb_last_error_message(), "");
  Json parsed = Json::parse(out, nullptr, false);
  EXPECT_FALSE(parsed.is_discarded()) << out;
  kb_string_free(out);
  return parsed;
}

// Runs `call(char** out)`; expects a failure, no output, and the code and message kept for the
// thread.
template <typename Call>
Failure Fails(Call&& call) {
  char* out = reinterpret_cast<char*>(&out);  // must be reset to NULL
  const kb_error_code code = call(&out);
  EXPECT_NE(code, KB_OK);
  EXPECT_EQ(out, nullptr) << "a failed call left output behind";
  EXPECT_EQ(kb_last_error_code(), code);
  return {code, kb_last_error_message()};
}

class CapiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    unsetenv("LANGUAGE");
    std::random_device random;
    const std::string test = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    dir_ = fs::temp_directory_path() /
           ("kinbridge-capi-test-" + test + "-" + std::to_string(random()));
    ASSERT_TRUE(fs::create_directories(dir_)) << dir_;
    // A file here, or a schema of the test server on a PostgreSQL run (the folder still holds
    // the plugins installed beside the workspace).
    path_ = kinbridge::testing_support::TestWorkspace(dir_ / "vara.kinbridge");
    kb_workspace* created = nullptr;
    ASSERT_EQ(
        kb_workspace_create(path_.c_str(), VaraCreation().c_str(), As("anna").c_str(), &created),
        KB_OK)
        << kb_last_error_message();
    // The administrator also works as a social worker; roles take effect at the next open.
    Ok([&](char** out) { return kb_worker_grant(created, "anna", "social-worker", out); });
    Ok([&](char** out) {
      return kb_worker_add(created,
                           R"({"account": "olle", "name": "Olle Other", "unit": "south",
                               "roles": ["social-worker"]})",
                           out);
    });
    Ok([&](char** out) {
      return kb_worker_add(created,
                           R"({"account": "cecilia", "name": "Cecilia Centre",
                               "roles": ["centre-staff"]})",
                           out);
    });
    kb_workspace_close(created);
    ws_ = Open("anna");
    ASSERT_NE(ws_, nullptr);
  }

  void TearDown() override {
    kb_workspace_close(ws_);
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  // A new handle on the fixture's workspace acting as `account`; nullptr (and a test failure)
  // when it does not open.
  kb_workspace* Open(const std::string& account) {
    kb_workspace* ws = nullptr;
    EXPECT_EQ(kb_workspace_open(path_.c_str(), As(account).c_str(), &ws), KB_OK)
        << kb_last_error_message();
    return ws;
  }

  // Registers a child and returns its case reference.
  std::string AddChild(const std::string& name, const std::string& birth_date) {
    const std::string in = Json{{"name", name}, {"birth_date", birth_date}}.dump();
    Json child = Ok([&](char** out) { return kb_child_add(ws_, in.c_str(), out); });
    return child.value("case_reference", std::string());
  }

  // Adds a relation to the child and returns its id.
  std::int64_t AddRelation(const std::string& child, const std::string& person,
                           const std::string& kind) {
    const std::string in = Json{{"person_name", person}, {"kind", kind}}.dump();
    Json relation =
        Ok([&](char** out) { return kb_relation_add(ws_, child.c_str(), in.c_str(), out); });
    return relation.value("id", std::int64_t{0});
  }

  // Copies the built-in plugin `name` ("vara_contact.so") beside the workspace and installs it.
  void InstallPlugin(const std::string& name) {
    const fs::path copy = dir_ / name;
    std::error_code ec;
    fs::copy_file(fs::path(kBuiltInPlugins) / name, copy, ec);
    ASSERT_FALSE(ec) << "copying " << name << ": " << ec.message();
    Json plugin =
        Ok([&](char** out) { return kb_method_install(ws_, copy.string().c_str(), out); });
    EXPECT_EQ(plugin.value("outcome", ""), "loaded") << plugin.dump();
  }

  fs::path dir_;
  std::string path_;
  kb_workspace* ws_ = nullptr;
};

}  // namespace kinbridge::capi_testing
