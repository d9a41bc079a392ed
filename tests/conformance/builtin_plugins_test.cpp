// The built-in plugins pass the conformance kit, exactly as a method designer's plugin must.
#include <gtest/gtest.h>

#include "kinbridge/plugin/conformance_gtest.h"

namespace kinbridge::plugin::conformance {
namespace {

KINBRIDGE_PLUGIN_CONFORMANCE_TEST(VaraContactPlugin, KINBRIDGE_VARA_CONTACT_PLUGIN)

// An adaptation is checked on top of its base, which the kit loads from the base's plugin file.
KINBRIDGE_PLUGIN_CONFORMANCE_TEST(HuangshanGroupPlugin, KINBRIDGE_HUANGSHAN_GROUP_PLUGIN,
                                  {.base_plugins = {KINBRIDGE_VARA_CONTACT_PLUGIN}})

TEST(HuangshanGroupPlugin, ChecksTheAdaptationAndNotTheBaseAgain) {
  const Report report = CheckPlugin(KINBRIDGE_HUANGSHAN_GROUP_PLUGIN,
                                    {.base_plugins = {KINBRIDGE_VARA_CONTACT_PLUGIN}});
  EXPECT_EQ(report.plugin, "huangshan_group 1.0.0");
  EXPECT_EQ(report.methods, std::vector<std::string>{"cn.huangshan.group@1.0.0"});
  EXPECT_GT(report.calls, 1000);
}

}  // namespace
}  // namespace kinbridge::plugin::conformance
