# The installable package: `cmake --install <build> [--prefix <dir>]` gives
#
#   include/kinbridge/...                   public headers (the C++ API, the plugin SDK)
#   lib/libkinbridge.so.<version>           the library, SONAME libkinbridge.so.<major>
#   lib/cmake/kinbridge/                    kinbridgeConfig.cmake (+ version file, targets,
#                                           KinbridgePlugin.cmake)
#   lib/pkgconfig/kinbridge.pc              for pkg-config users
#   lib/kinbridge/plugins/                  the built-in method plugins (plugins/CMakeLists.txt)
#   lib/kinbridge/kinbridge_postgresql.so   the PostgreSQL module, loaded by the library for a
#                                           PostgreSQL location (core/CMakeLists.txt)
#   bin/kinbridge                           the command (cli/CMakeLists.txt)
#   share/locale/<lang>/LC_MESSAGES/        message catalogs (KinbridgeGettext.cmake)
#   share/kinbridge/template/               the plugin template a method designer copies
#   share/kinbridge/examples/               integrator examples
#   share/kinbridge/profiles/               example method profiles
#   share/doc/kinbridge/                    the integrator and method designer guides
#
# tests/install/ installs into a temporary prefix and builds against it in the test suite.
include(CMakePackageConfigHelpers)

set(KINBRIDGE_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/kinbridge")
set(KINBRIDGE_INSTALL_PLUGINDIR "${CMAKE_INSTALL_LIBDIR}/kinbridge/plugins")
set(KINBRIDGE_INSTALL_DATADIR "${CMAKE_INSTALL_DATADIR}/kinbridge")
set(KINBRIDGE_BOOST_MIN_VERSION 1.74)

# The targets: kinbridge::kinbridge (installed in core/CMakeLists.txt) and kinbridge::plugin_sdk.
install(TARGETS kinbridge_plugin_sdk EXPORT kinbridgeTargets)
install(EXPORT kinbridgeTargets NAMESPACE kinbridge:: FILE kinbridgeTargets.cmake
        DESTINATION "${KINBRIDGE_INSTALL_CMAKEDIR}")

configure_package_config_file(
  "${PROJECT_SOURCE_DIR}/cmake/kinbridgeConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/package/kinbridgeConfig.cmake"
  INSTALL_DESTINATION "${KINBRIDGE_INSTALL_CMAKEDIR}"
  PATH_VARS CMAKE_INSTALL_BINDIR KINBRIDGE_INSTALL_PLUGINDIR)
write_basic_package_version_file(
  "${PROJECT_BINARY_DIR}/package/kinbridgeConfigVersion.cmake"
  VERSION ${PROJECT_VERSION}
  COMPATIBILITY SameMajorVersion)
install(FILES
  "${PROJECT_BINARY_DIR}/package/kinbridgeConfig.cmake"
  "${PROJECT_BINARY_DIR}/package/kinbridgeConfigVersion.cmake"
  "${PROJECT_SOURCE_DIR}/cmake/KinbridgePlugin.cmake"
  DESTINATION "${KINBRIDGE_INSTALL_CMAKEDIR}")

# pkg-config, relocatable: the prefix is found from the .pc file's own directory.
set(_kinbridge_pc_dir "${CMAKE_INSTALL_FULL_LIBDIR}/pkgconfig")
file(RELATIVE_PATH KINBRIDGE_PC_PREFIX "${_kinbridge_pc_dir}" "${CMAKE_INSTALL_PREFIX}")
string(REGEX REPLACE "/$" "" KINBRIDGE_PC_PREFIX "${KINBRIDGE_PC_PREFIX}")
file(RELATIVE_PATH KINBRIDGE_PC_LIBDIR "${CMAKE_INSTALL_PREFIX}" "${CMAKE_INSTALL_FULL_LIBDIR}")
file(RELATIVE_PATH KINBRIDGE_PC_INCLUDEDIR "${CMAKE_INSTALL_PREFIX}"
     "${CMAKE_INSTALL_FULL_INCLUDEDIR}")
configure_file("${PROJECT_SOURCE_DIR}/cmake/kinbridge.pc.in"
               "${PROJECT_BINARY_DIR}/package/kinbridge.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/package/kinbridge.pc"
        DESTINATION "${CMAKE_INSTALL_LIBDIR}/pkgconfig")

# The plugin kit and the examples, as sources to copy; the guides that explain them.
set(_kinbridge_copy_excludes PATTERN "build" EXCLUDE PATTERN "build-*" EXCLUDE
    PATTERN "__pycache__" EXCLUDE)
install(DIRECTORY "${PROJECT_SOURCE_DIR}/sdk/template/" DESTINATION "${KINBRIDGE_INSTALL_DATADIR}/template"
        ${_kinbridge_copy_excludes})
foreach(_example IN ITEMS cpp c python)
  if(IS_DIRECTORY "${PROJECT_SOURCE_DIR}/sdk/examples/${_example}")
    install(DIRECTORY "${PROJECT_SOURCE_DIR}/sdk/examples/${_example}"
            DESTINATION "${KINBRIDGE_INSTALL_DATADIR}/examples" ${_kinbridge_copy_excludes})
  endif()
endforeach()
install(DIRECTORY "${PROJECT_SOURCE_DIR}/plugins/profiles/"
        DESTINATION "${KINBRIDGE_INSTALL_DATADIR}/profiles")
install(FILES
  "${PROJECT_SOURCE_DIR}/docs/integrator-guide.md"
  "${PROJECT_SOURCE_DIR}/docs/method-designer-guide.md"
  "${PROJECT_SOURCE_DIR}/docs/methods.md"
  DESTINATION "${CMAKE_INSTALL_DOCDIR}")
