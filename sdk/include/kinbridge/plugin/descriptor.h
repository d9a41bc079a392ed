// The plugin descriptor: plain data the host reads and checks before it uses any C++ object of
// the plugin. Declare it once per plugin with KINBRIDGE_METHOD_PLUGIN.
#pragma once

#include <cstdint>

#include <boost/dll/alias.hpp>

#include "kinbridge/plugin/abi.h"
#include "kinbridge/plugin/registrar.h"

namespace kinbridge::plugin {

struct PluginDescriptor {
  std::uint32_t struct_size;  // sizeof(PluginDescriptor) where the plugin was built
  std::uint16_t abi_major;
  std::uint16_t abi_minor;
  const char* sdk_version;             // KINBRIDGE_VERSION_STRING the plugin was built against
  const char* toolchain;               // KINBRIDGE_PLUGIN_TOOLCHAIN the plugin was built with
  const char* name;                    // "vara_contact"
  const char* version;                 // the plugin's own version: "1.0.0"
  const char* license;                 // SPDX: "EUPL-1.2"
  const char* origin;                  // who made it: "Vara kommun, SE"
  void (*init)(Registrar& registrar);  // registers the plugin's methods; may throw
};

using DescriptorFunction = const PluginDescriptor*();

}  // namespace kinbridge::plugin

// Declares the plugin: KINBRIDGE_METHOD_PLUGIN("vara_contact", "1.0.0", "EUPL-1.2",
// "Vara kommun, SE", InitFunction) at namespace scope in exactly one source file.
#define KINBRIDGE_METHOD_PLUGIN(NAME, VERSION, LICENSE, ORIGIN, INIT) \
  namespace kinbridge_plugin_descriptor_ {                            \
  const ::kinbridge::plugin::PluginDescriptor* Describe() {           \
    static const ::kinbridge::plugin::PluginDescriptor descriptor = { \
        sizeof(::kinbridge::plugin::PluginDescriptor),                \
        ::kinbridge::plugin::kAbiMajor,                               \
        ::kinbridge::plugin::kAbiMinor,                               \
        KINBRIDGE_VERSION_STRING,                                     \
        KINBRIDGE_PLUGIN_TOOLCHAIN,                                   \
        NAME,                                                         \
        VERSION,                                                      \
        LICENSE,                                                      \
        ORIGIN,                                                       \
        &(INIT)};                                                     \
    return &descriptor;                                               \
  }                                                                   \
  }                                                                   \
  BOOST_DLL_ALIAS(kinbridge_plugin_descriptor_::Describe, kinbridge_method_plugin_v1)
