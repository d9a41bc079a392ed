# Compiles one public header on its own: cmake -DHEADER=kinbridge/x.h -DLANGUAGES=CXX[;C]
#   -DCXX=<c++> -DCC=<cc> -DINCLUDE_DIRS=<dirs> -DWORK_DIR=<dir> -P check_header.cmake
# Fails when the header does not compile alone (included twice, warnings as errors), or when it
# includes, directly or not, a header of one of kinbridge's private dependencies.
set(_forbidden
  "soci/"                  # SOCI
  "sqlite3.h"              # SQLite
  "boost/serialization/"   # Boost.Serialization (transfer packages)
  "boost/archive/"
  "libpq-fe.h"             # PostgreSQL
  "sodium"                 # libsodium
  "libical/"               # libical
  "/ical.h"
  "cctz/"                  # CCTZ (time zones)
  "fmt/"                   # fmt
  "nlohmann/"              # nlohmann-json
  "CLI/")                  # CLI11

string(MAKE_C_IDENTIFIER "${HEADER}" _name)
file(MAKE_DIRECTORY "${WORK_DIR}")
set(_flags -Wall -Wextra -Wpedantic -Wshadow -Werror -fsyntax-only)
set(_includes "")
foreach(_dir IN LISTS INCLUDE_DIRS)
  # A system directory given with -I would break the standard library's #include_next.
  if(_dir AND NOT _dir MATCHES "^/usr(/local)?/include/?$")
    list(APPEND _includes "-I${_dir}")
  endif()
endforeach()

foreach(_language IN LISTS LANGUAGES)
  if(_language STREQUAL "C")
    set(_source "${WORK_DIR}/${_name}.c")
    set(_command "${CC}" -std=c11 ${_flags})
  else()
    set(_source "${WORK_DIR}/${_name}.cpp")
    set(_command "${CXX}" -std=c++20 -Wold-style-cast -Wnon-virtual-dtor -Woverloaded-virtual
                 -DBOOST_DLL_USE_STD_FS ${_flags})
  endif()
  file(WRITE "${_source}" "#include <${HEADER}>\n#include <${HEADER}>\n")
  set(_depfile "${_source}.d")
  execute_process(
    COMMAND ${_command} ${_includes} -MD -MF "${_depfile}" "${_source}"
    RESULT_VARIABLE _result OUTPUT_VARIABLE _output ERROR_VARIABLE _output)
  if(NOT _result EQUAL 0)
    message(FATAL_ERROR "${HEADER} does not compile on its own as ${_language}:\n${_output}")
  endif()
  file(READ "${_depfile}" _deps)
  foreach(_pattern IN LISTS _forbidden)
    string(FIND "${_deps}" "${_pattern}" _at)
    if(NOT _at EQUAL -1)
      string(REGEX MATCH "[^ \n]*${_pattern}[^ \n]*" _which "${_deps}")
      message(FATAL_ERROR "${HEADER} includes ${_which}, a header of a private dependency of "
                          "kinbridge; public headers may include only the standard library, "
                          "kinbridge's own headers and (plugin SDK) Boost.DLL")
    endif()
  endforeach()
  message(STATUS "${HEADER} compiles on its own as ${_language} and includes no private header")
endforeach()
