// The conformance kit (kinbridge/plugin/conformance.h) for GoogleTest. Either one line that
// defines a test:
//
//   KINBRIDGE_PLUGIN_CONFORMANCE_TEST(WeeklyCallPlugin, "path/to/weekly_call.so")
//
// or an assertion inside a test of your own (the failure message lists every problem):
//
//   namespace conformance = kinbridge::plugin::conformance;
//   EXPECT_TRUE(conformance::PluginConforms(file, {.base_plugins = {vara_contact_file}}));
//   EXPECT_TRUE(conformance::MethodConforms(*MakeMyMethod()));
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "kinbridge/plugin/conformance.h"
#include "kinbridge/plugin/method.h"

namespace kinbridge::plugin::conformance {

inline ::testing::AssertionResult Verdict(const Report& report) {
  return (report.ok() ? ::testing::AssertionSuccess() : ::testing::AssertionFailure())
         << report.ToString();
}

// The plugin file passes every check of the kit.
inline ::testing::AssertionResult PluginConforms(const std::string& file,
                                                 const Options& options = {}) {
  return Verdict(CheckPlugin(file, options));
}

// The method object passes every check of the kit (no plugin file involved).
inline ::testing::AssertionResult MethodConforms(const Method& method,
                                                 const Options& options = {}) {
  return Verdict(CheckMethod(method, options));
}

}  // namespace kinbridge::plugin::conformance

// Defines TEST(SUITE, PassesTheConformanceKit) checking the plugin file FILE; a third argument,
// if any, is the kinbridge::plugin::conformance::Options.
#define KINBRIDGE_PLUGIN_CONFORMANCE_TEST(SUITE, FILE, ...)                                 \
  TEST(SUITE, PassesTheConformanceKit) {                                                    \
    EXPECT_TRUE(                                                                            \
        ::kinbridge::plugin::conformance::PluginConforms(FILE __VA_OPT__(, ) __VA_ARGS__)); \
  }
