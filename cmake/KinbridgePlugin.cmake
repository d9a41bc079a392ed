# kinbridge_add_method_plugin(<name> SOURCES <src>... [OUTPUT_DIRECTORY <dir>])
#
# Builds a method plugin: a loadable module (<name>.so, no "lib" prefix) against the kinbridge
# plugin SDK headers only (kinbridge::plugin_sdk; a plugin never links the kinbridge library),
# with hidden visibility and the C++ standard the SDK was built with, into OUTPUT_DIRECTORY
# (default: KINBRIDGE_PLUGIN_OUTPUT_DIRECTORY, else <build>/plugins).
#
# The same file serves kinbridge's own build and an installed SDK: there it is included by
# kinbridgeConfig.cmake after the imported target kinbridge::plugin_sdk.
#
# C++ objects cross the plugin boundary, so the host refuses a plugin built with another
# compiler, standard library ABI or C++ standard (the descriptor's toolchain tag); the plugin is
# therefore compiled as C++20, the standard kinbridge itself is built with (CMAKE_CXX_STANDARD
# in kinbridge's CMakeLists.txt), whatever the enclosing project chooses.

function(kinbridge_add_method_plugin name)
  cmake_parse_arguments(ARG "" "OUTPUT_DIRECTORY" "SOURCES" ${ARGN})
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "kinbridge_add_method_plugin(${name}): SOURCES is required")
  endif()
  if(NOT TARGET kinbridge::plugin_sdk)
    message(FATAL_ERROR "kinbridge_add_method_plugin(${name}): the target kinbridge::plugin_sdk "
                        "does not exist (call find_package(kinbridge REQUIRED) first)")
  endif()
  set(out "${ARG_OUTPUT_DIRECTORY}")
  if(NOT out)
    if(KINBRIDGE_PLUGIN_OUTPUT_DIRECTORY)
      set(out "${KINBRIDGE_PLUGIN_OUTPUT_DIRECTORY}")
    else()
      set(out "${CMAKE_BINARY_DIR}/plugins")
    endif()
  endif()
  add_library(${name} MODULE ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE kinbridge::plugin_sdk)
  # Every symbol a plugin uses must be resolved when it is built: the host loads it with
  # RTLD_NOW and offers it nothing to link against.
  target_link_options(${name} PRIVATE "LINKER:--no-undefined")
  set_target_properties(${name} PROPERTIES
    PREFIX ""
    CXX_STANDARD 20
    CXX_STANDARD_REQUIRED ON
    CXX_EXTENSIONS OFF
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    LIBRARY_OUTPUT_DIRECTORY "${out}")
  if(COMMAND kinbridge_set_warnings)
    kinbridge_set_warnings(${name})
  endif()
endfunction()
