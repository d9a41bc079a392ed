# kinbridge_add_method_plugin(<name> SOURCES <src>...)
#
# Builds a method plugin: a loadable module against the kinbridge plugin SDK headers only
# (a plugin never links the kinbridge library), with hidden visibility, no "lib" prefix, into
# <build>/plugins (or KINBRIDGE_PLUGIN_OUTPUT_DIRECTORY).
if(NOT TARGET kinbridge_plugin_sdk)
  add_library(kinbridge_plugin_sdk INTERFACE)
  add_library(kinbridge::plugin_sdk ALIAS kinbridge_plugin_sdk)
  target_include_directories(kinbridge_plugin_sdk INTERFACE
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/sdk/include>
    $<BUILD_INTERFACE:${PROJECT_BINARY_DIR}/include>
    $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
  target_link_libraries(kinbridge_plugin_sdk INTERFACE Boost::headers)
  target_compile_features(kinbridge_plugin_sdk INTERFACE cxx_std_20)
endif()

function(kinbridge_add_method_plugin name)
  cmake_parse_arguments(ARG "" "OUTPUT_DIRECTORY" "SOURCES" ${ARGN})
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "kinbridge_add_method_plugin(${name}): SOURCES is required")
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
  set_target_properties(${name} PROPERTIES
    PREFIX ""
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    LIBRARY_OUTPUT_DIRECTORY "${out}")
  if(COMMAND kinbridge_set_warnings)
    kinbridge_set_warnings(${name})
  endif()
endfunction()
