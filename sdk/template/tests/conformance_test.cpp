// kinbridge's conformance kit on this plugin: the built file (WEEKLY_CALL_PLUGIN) loaded as the
// host loads it, its descriptor and metadata checked, and every capability asked about empty,
// ordinary and very large cases, twice each. A failure lists every problem found.
#include <kinbridge/plugin/conformance_gtest.h>

#include "weekly_call_method.h"

KINBRIDGE_PLUGIN_CONFORMANCE_TEST(WeeklyCallPlugin, WEEKLY_CALL_PLUGIN)

// An adaptation of another municipality's method is checked on top of its base:
//   KINBRIDGE_PLUGIN_CONFORMANCE_TEST(MyAdaptation, MY_PLUGIN,
//                                     {.base_plugins = {"/path/to/vara_contact.so"}})

TEST(WeeklyCallMethod, PassesTheConformanceKitWithoutThePluginFile) {
  EXPECT_TRUE(kinbridge::plugin::conformance::MethodConforms(*weekly_call::MakeWeeklyCallMethod()));
}
