// The plugin ABI: what a method plugin and the kinbridge host must agree on before any C++
// object crosses between them. Header-only; plugins never link the kinbridge library.
#pragma once

#include <cstdint>

#include "kinbridge/version.h"

// Default visibility for the plugin API's classes, so that their vtables and type information
// are the same object in the host and in every plugin built with hidden visibility.
#define KINBRIDGE_PLUGIN_API [[gnu::visibility("default")]]

#define KINBRIDGE_PLUGIN_STRINGIFY_(x) #x
#define KINBRIDGE_PLUGIN_STRINGIFY(x) KINBRIDGE_PLUGIN_STRINGIFY_(x)

// C++ objects (std::string, std::vector, std::shared_ptr, virtual classes) cross the plugin
// boundary, so the compiler family and major version, the standard library's string ABI and
// the language standard must match exactly. This tag names them.
#if defined(__clang__)
#define KINBRIDGE_PLUGIN_COMPILER "clang-" KINBRIDGE_PLUGIN_STRINGIFY(__clang_major__)
#elif defined(__GNUC__)
#define KINBRIDGE_PLUGIN_COMPILER "gcc-" KINBRIDGE_PLUGIN_STRINGIFY(__GNUC__)
#else
#define KINBRIDGE_PLUGIN_COMPILER "unknown"
#endif
#if defined(_GLIBCXX_USE_CXX11_ABI)
#define KINBRIDGE_PLUGIN_STDLIB \
  "libstdc++-cxx11abi" KINBRIDGE_PLUGIN_STRINGIFY(_GLIBCXX_USE_CXX11_ABI)
#else
#define KINBRIDGE_PLUGIN_STDLIB "stdlib-unknown"
#endif
#define KINBRIDGE_PLUGIN_TOOLCHAIN                      \
  KINBRIDGE_PLUGIN_COMPILER "/" KINBRIDGE_PLUGIN_STDLIB \
                            "/c++" KINBRIDGE_PLUGIN_STRINGIFY(__cplusplus)

namespace kinbridge::plugin {

// The plugin ABI version. The host refuses a plugin of another major, or of a newer minor than
// its own; a plugin of an older minor loads (minors only add).
// 2.0: a method's origin and a FRAME record's decided_by, goal and reason became texts per
// language.
inline constexpr std::uint16_t kAbiMajor = 2;
inline constexpr std::uint16_t kAbiMinor = 0;

// The exported name under which a plugin's descriptor function is found.
inline constexpr const char* kDescriptorSymbol = "kinbridge_method_plugin_v1";

}  // namespace kinbridge::plugin
