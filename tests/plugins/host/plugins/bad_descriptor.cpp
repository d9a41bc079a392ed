// A test plugin whose descriptor is written by hand, with values the build chooses:
//   TEST_ABI_MAJOR, TEST_ABI_MINOR (numbers), TEST_SDK_VERSION, TEST_TOOLCHAIN (strings),
//   TEST_STRUCT_SIZE (number; default: the real size).
// Its init registers a method; the host must refuse the plugin before calling it.
#include <cstdlib>

#include <kinbridge/plugin/plugin.h>

#ifndef TEST_ABI_MAJOR
#define TEST_ABI_MAJOR kinbridge::plugin::kAbiMajor
#endif
#ifndef TEST_ABI_MINOR
#define TEST_ABI_MINOR kinbridge::plugin::kAbiMinor
#endif
#ifndef TEST_SDK_VERSION
#define TEST_SDK_VERSION KINBRIDGE_VERSION_STRING
#endif
#ifndef TEST_TOOLCHAIN
#define TEST_TOOLCHAIN KINBRIDGE_PLUGIN_TOOLCHAIN
#endif
#ifndef TEST_STRUCT_SIZE
#define TEST_STRUCT_SIZE sizeof(kinbridge::plugin::PluginDescriptor)
#endif

namespace {

// Must never run: the host checks the descriptor first.
void Init(kinbridge::plugin::Registrar&) { std::abort(); }

const kinbridge::plugin::PluginDescriptor* Describe() {
  static const kinbridge::plugin::PluginDescriptor descriptor = {
      static_cast<std::uint32_t>(TEST_STRUCT_SIZE),
      static_cast<std::uint16_t>(TEST_ABI_MAJOR),
      static_cast<std::uint16_t>(TEST_ABI_MINOR),
      TEST_SDK_VERSION,
      TEST_TOOLCHAIN,
      "test_bad_descriptor",
      "1.0.0",
      "EUPL-1.2",
      "kinbridge tests",
      &Init};
  return &descriptor;
}

}  // namespace

BOOST_DLL_ALIAS(Describe, kinbridge_method_plugin_v1)
