# kinbridge::plugin_sdk: the header-only plugin SDK (kinbridge/plugin/*.h and kinbridge/version.h)
# that method plugins and the conformance kit build against. Plugins never link the kinbridge
# library. Exported with the package (cmake/KinbridgePackage.cmake), so that an installed SDK
# offers the same target.
add_library(kinbridge_plugin_sdk INTERFACE)
add_library(kinbridge::plugin_sdk ALIAS kinbridge_plugin_sdk)
set_target_properties(kinbridge_plugin_sdk PROPERTIES EXPORT_NAME plugin_sdk)
target_include_directories(kinbridge_plugin_sdk INTERFACE
  $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/sdk/include>
  $<BUILD_INTERFACE:${PROJECT_BINARY_DIR}/include>
  $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
# Boost.DLL (header-only) for the descriptor export and the conformance kit's loader; its
# std::filesystem flavour needs no Boost library, and dlopen may live in libdl.
target_link_libraries(kinbridge_plugin_sdk INTERFACE Boost::headers ${CMAKE_DL_LIBS})
target_compile_definitions(kinbridge_plugin_sdk INTERFACE BOOST_DLL_USE_STD_FS)
target_compile_features(kinbridge_plugin_sdk INTERFACE cxx_std_20)
