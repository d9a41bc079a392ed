# FindSOCI
# --------
# Debian 12 ships SOCI 4.0.3 without a CMake config or a pkg-config file; this module finds it.
#
# Imported targets:
#   SOCI::core        the SOCI core library and headers
#   SOCI::sqlite3     the SQLite 3 backend (links SQLite::SQLite3)
#   SOCI::postgresql  the PostgreSQL backend (links PostgreSQL::PostgreSQL, whose libpq-fe.h
#                     the backend header includes)
# Result variables: SOCI_FOUND, SOCI_INCLUDE_DIR, SOCI_VERSION, SOCI_<component>_FOUND.

find_path(SOCI_INCLUDE_DIR NAMES soci/soci.h)
find_library(SOCI_core_LIBRARY NAMES soci_core)

if(SOCI_INCLUDE_DIR AND EXISTS "${SOCI_INCLUDE_DIR}/soci/version.h")
  file(STRINGS "${SOCI_INCLUDE_DIR}/soci/version.h" _soci_version_line
       REGEX "^#define[ \t]+SOCI_LIB_VERSION[ \t]+\"[0-9_]+\"")
  string(REGEX REPLACE ".*\"([0-9_]+)\".*" "\\1" _soci_version "${_soci_version_line}")
  string(REPLACE "_" "." SOCI_VERSION "${_soci_version}")
endif()

if(SOCI_INCLUDE_DIR AND SOCI_core_LIBRARY AND NOT TARGET SOCI::core)
  add_library(SOCI::core UNKNOWN IMPORTED)
  set_target_properties(SOCI::core PROPERTIES
    IMPORTED_LOCATION "${SOCI_core_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${SOCI_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES "${CMAKE_DL_LIBS}")
endif()

foreach(_component IN LISTS SOCI_FIND_COMPONENTS)
  find_library(SOCI_${_component}_LIBRARY NAMES soci_${_component})
  set(_deps_found TRUE)
  set(_deps "")
  if(_component STREQUAL "sqlite3")
    find_package(SQLite3 QUIET)
    if(SQLite3_FOUND)
      set(_deps SQLite::SQLite3)
    else()
      set(_deps_found FALSE)
    endif()
  elseif(_component STREQUAL "postgresql")
    find_package(PostgreSQL QUIET)
    if(PostgreSQL_FOUND)
      set(_deps PostgreSQL::PostgreSQL)
    else()
      set(_deps_found FALSE)
    endif()
  endif()
  if(SOCI_${_component}_LIBRARY AND _deps_found AND TARGET SOCI::core)
    set(SOCI_${_component}_FOUND TRUE)
    if(NOT TARGET SOCI::${_component})
      add_library(SOCI::${_component} UNKNOWN IMPORTED)
      set_target_properties(SOCI::${_component} PROPERTIES
        IMPORTED_LOCATION "${SOCI_${_component}_LIBRARY}"
        INTERFACE_LINK_LIBRARIES "SOCI::core;${_deps}")
    endif()
  else()
    set(SOCI_${_component}_FOUND FALSE)
  endif()
endforeach()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(SOCI
  REQUIRED_VARS SOCI_core_LIBRARY SOCI_INCLUDE_DIR
  VERSION_VAR SOCI_VERSION
  HANDLE_COMPONENTS)
mark_as_advanced(SOCI_INCLUDE_DIR SOCI_core_LIBRARY)
