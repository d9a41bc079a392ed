#!/usr/bin/env bash
# Installs kinbridge into a temporary prefix and uses it as a method designer and an integrator
# would, with nothing from the source or build tree:
#   1. the package's layout: library (SONAME), CMake config, pkg-config file, CLI, built-in
#      plugins, catalogs, headers without private dependencies, exported symbols;
#   2. the plugin template, copied from the installed share/kinbridge/template, configured with
#      find_package(kinbridge), built and its own tests run (GoogleTest + conformance kit); then
#      the INSTALLED kinbridge command makes a test workspace, installs that plugin and asks it
#      for a contact plan;
#   3. the C++ integrator example (share/kinbridge/examples/cpp), built and run;
#   4. the C example (share/kinbridge/examples/c), when this build installs one;
#   5. the C++ example again, compiled with `pkg-config --cflags --libs kinbridge`.
#
# Usage: install_test.sh BUILD_DIR SOURCE_DIR [--with-c-example]
# Needs no network; removes its temporary directory (KEEP_TMP=1 keeps it, to look at).
set -euo pipefail

build_dir=$(cd "${1:?usage: install_test.sh BUILD_DIR SOURCE_DIR [--with-c-example]}" && pwd)
source_dir=$(cd "${2:?usage: install_test.sh BUILD_DIR SOURCE_DIR [--with-c-example]}" && pwd)
with_c_example=0
[ "${3:-}" = "--with-c-example" ] && with_c_example=1
jobs=2

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kinbridge-install-test.XXXXXX")
cleanup() {
  if [ "${KEEP_TMP:-0}" = 1 ]; then echo "kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
prefix=$tmp/prefix
started=$SECONDS

step() { echo "== $* ($((SECONDS - started)) s)"; }
fail() {
  echo "FAILED: $*" >&2
  exit 1
}
# Runs a command quietly; on failure shows its output and fails.
quiet() {
  local log=$tmp/last.log
  if ! "$@" >"$log" 2>&1; then
    cat "$log" >&2
    fail "$*"
  fi
}
expect_contains() {  # TEXT NEEDLE WHAT
  grep -qF -- "$2" <<<"$1" || { echo "$1" >&2; fail "$3: expected '$2'"; }
}

# Nothing of the developer's environment may point back into the build tree.
unset KINBRIDGE_WORKSPACE KINBRIDGE_PLUGIN_PATH KINBRIDGE_LOCALEDIR KINBRIDGE_MODULE_DIR KINBRIDGE_AS \
  CMAKE_PREFIX_PATH \
  PKG_CONFIG_PATH CPATH CPLUS_INCLUDE_PATH LIBRARY_PATH LD_LIBRARY_PATH
export LANG=C.UTF-8
# Configure consumers against the temporary prefix only (no user package registry).
consumer_cmake=(-DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
                -DCMAKE_COMPILE_WARNING_AS_ERROR=ON)

# Every -I/-isystem of a consumer's build must be the prefix's or the system's.
expect_only_installed_includes() {  # BUILD_DIR
  local flags
  flags=$(cat "$1"/CMakeFiles/*/flags.make)
  if grep -qF -e "$source_dir" -e "$build_dir" <<<"$flags"; then
    grep -F -e "$source_dir" -e "$build_dir" <<<"$flags" >&2
    fail "$1 compiles with headers from kinbridge's source or build tree"
  fi
}
expect_found_in_prefix() {  # BUILD_DIR
  local dir
  dir=$(sed -n 's/^kinbridge_DIR:PATH=//p' "$1/CMakeCache.txt")
  [ "$dir" = "$prefix/lib/cmake/kinbridge" ] || fail "find_package(kinbridge) in $1 found '$dir'"
}

# ---- 1. The package ---------------------------------------------------------------------------
step "installing $build_dir into $prefix"
quiet cmake --install "$build_dir" --prefix "$prefix"

for f in lib/cmake/kinbridge/kinbridgeConfig.cmake lib/cmake/kinbridge/kinbridgeConfigVersion.cmake \
         lib/cmake/kinbridge/kinbridgeTargets.cmake lib/cmake/kinbridge/KinbridgePlugin.cmake \
         lib/pkgconfig/kinbridge.pc bin/kinbridge lib/kinbridge/plugins/vara_contact.so \
         lib/kinbridge/plugins/huangshan_group.so lib/kinbridge/kinbridge_postgresql.so \
         share/locale/sv/LC_MESSAGES/kinbridge.mo \
         share/locale/zh_CN/LC_MESSAGES/kinbridge.mo include/kinbridge/workspace.h \
         include/kinbridge/version.h include/kinbridge/plugin/plugin.h \
         include/kinbridge/plugin/conformance.h include/kinbridge/plugin/conformance_gtest.h \
         share/kinbridge/template/CMakeLists.txt share/kinbridge/examples/cpp/main.cpp \
         share/doc/kinbridge/integrator-guide.md share/doc/kinbridge/method-designer-guide.md; do
  [ -e "$prefix/$f" ] || fail "the package lacks $f"
done
[ -L "$prefix/lib/libkinbridge.so" ] || fail "the package lacks the link lib/libkinbridge.so"
soname=$(readelf -d "$prefix/lib/libkinbridge.so" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
[ "$soname" = "libkinbridge.so.0" ] || fail "SONAME is '$soname' (expected libkinbridge.so.0)"
[ -e "$prefix/lib/$soname" ] || fail "the package lacks lib/$soname"

private='#include *[<"](soci/|sqlite3\.h|boost/serialization/|boost/archive/|libpq-fe\.h|sodium|libical/|ical\.h|cctz/|fmt/|nlohmann/|CLI/)'
if grep -rEn "$private" "$prefix/include"; then
  fail "an installed header includes a header of a private dependency"
fi
# (CMake lists a privately linked shared-library target, fmt::fmt, in IMPORTED_LINK_DEPENDENT_
# LIBRARIES as a hint for the linker's -rpath-link; a consumer ignores a name that is not one of
# its targets, so it needs no fmt. The builds below show that.)
if grep -En 'SOCI|sodium|SODIUM|ICAL|fmt::|nlohmann|SQLite|PostgreSQL' \
     "$prefix"/lib/cmake/kinbridge/kinbridgeTargets*.cmake | grep -v IMPORTED_LINK_DEPENDENT_LIBRARIES; then
  fail "the exported targets name a private dependency"
fi
quiet bash "$source_dir/tests/sdk/check_exported_symbols.sh" "$prefix/lib/libkinbridge.so"
# libpq comes only with the PostgreSQL module, loaded for a PostgreSQL location (start-up time).
needed=$(ldd "$prefix/bin/kinbridge")
if grep -E 'libpq\.so|libsoci_postgresql' <<<"$needed"; then
  fail "bin/kinbridge links libpq (it belongs in lib/kinbridge/kinbridge_postgresql.so)"
fi
# An empty entry in a program's RUNPATH makes the loader look for libraries in the current
# directory of whoever runs it: neither the installed program nor the build tree's may have one.
for program in "$prefix/bin/kinbridge" "$build_dir/cli/kinbridge"; do
  runpath=$(readelf -d "$program" | sed -n 's/.*(RUNPATH).*\[\(.*\)\]/\1/p')
  case ":$runpath:" in
    *::*) fail "$program has an empty entry in its RUNPATH [$runpath]" ;;
  esac
done

# ---- 2. The plugin template, then the installed CLI with it ----------------------------------
step "building the plugin template against the installed SDK"
designer=$tmp/weekly_call
cp -R "$prefix/share/kinbridge/template" "$designer"
quiet cmake -S "$designer" -B "$designer/build" "${consumer_cmake[@]}"
expect_found_in_prefix "$designer/build"
quiet cmake --build "$designer/build" -j "$jobs"
expect_only_installed_includes "$designer/build"
plugin=$designer/build/plugins/weekly_call.so
[ -f "$plugin" ] || fail "the template built no $plugin"
# (Output kept before grep -q: grep stopping at the first match would end the writer with SIGPIPE,
# which pipefail reports as a failure.)
undefined=$(nm -D --undefined-only "$plugin" | c++filt)
if grep -q 'kinbridge::v1::' <<<"$undefined"; then
  fail "the template plugin links against the kinbridge library (plugins use the SDK headers only)"
fi
step "running the template's own tests"
quiet ctest --test-dir "$designer/build" --output-on-failure -j "$jobs"
expect_contains "$(cat "$tmp/last.log")" "100% tests passed" "the template's tests"

step "using the plugin from the installed kinbridge command"
kb=$prefix/bin/kinbridge
ws=$tmp/workspace/vara.db
mkdir -p "$tmp/workspace"
export KINBRIDGE_TODAY=2026-11-29 KINBRIDGE_NOW=2026-11-29T10:00:00Z
run() { quiet "$kb" --workspace "$ws" "$@"; cat "$tmp/last.log"; }
run init --code VAR --name Vara --country SE --time-zone Europe/Stockholm --locale sv_SE \
  --mode test >/dev/null
run user add --account anna --name "Anna Karlsson" --role social-worker --unit "Barn och unga" \
  >/dev/null
paths=$(run method path)
expect_contains "$paths" "$prefix/lib/kinbridge/plugins" "the installed CLI's built-in plugin directory"
ref=$(run --as anna child add --name "Elin Andersson" --birth-date 2017-03-14 |
  grep -oE 'VAR-[0-9]{4}-[0-9]{4}' | head -1)
[ -n "$ref" ] || fail "child add printed no case reference"
run --as anna relation add --child "$ref" --name "Sara Andersson" --kind mother >/dev/null
run --as anna placement add --child "$ref" --type foster-family --basis voluntary \
  --caregivers "Familjehemmet Berg" --start 2025-05-12 >/dev/null
run method install "$plugin" >/dev/null
methods=$(run method list)
expect_contains "$methods" "org.example.weekly-call" "method list"
proposal=$(run --lang en --as anna method propose --child "$ref" --method org.example.weekly-call)
expect_contains "$proposal" "Sara Andersson" "the proposal"
# The table says the schedule in words; JSON keeps the plugin's rule.
expect_contains "$proposal" "weekly on Sunday" "the proposal"
proposal_json=$(run --format json --as anna method propose --child "$ref" \
  --method org.example.weekly-call)
expect_contains "$proposal_json" '"rrule": "FREQ=WEEKLY;BYDAY=SU"' "the proposal as JSON"
swedish=$(run --lang sv --as anna method propose --child "$ref" --method org.example.weekly-call)
expect_contains "$swedish" "Ett samtal på samma tid varje vecka" "the proposal in Swedish"
unset KINBRIDGE_TODAY KINBRIDGE_NOW

# ---- 3. The C++ integrator example ------------------------------------------------------------
step "building and running the C++ example against the installed library"
example=$tmp/example-cpp
quiet cmake -S "$prefix/share/kinbridge/examples/cpp" -B "$example" "${consumer_cmake[@]}"
expect_found_in_prefix "$example"
quiet cmake --build "$example" -j "$jobs"
expect_only_installed_includes "$example"
libraries=$(ldd "$example/kinbridge_example")
grep -qF "$prefix/lib/libkinbridge.so.0" <<<"$libraries" ||
  fail "the example does not load libkinbridge from the prefix: $libraries"
quiet "$example/kinbridge_example" "$tmp/example.db" "$prefix/lib/kinbridge/plugins/vara_contact.so"
output=$(cat "$tmp/last.log")
expect_contains "$output" "registered VAR-" "the C++ example"
expect_contains "$output" "approved, drawn up with se.vara.contact@" "the C++ example"
expect_contains "$output" "with Sara Andersson" "the C++ example's due contacts"

# ---- 4. The C example -------------------------------------------------------------------------
if [ "$with_c_example" = 1 ]; then
  step "building and running the C example against the installed library"
  c_example=$tmp/example-c
  quiet cmake -S "$prefix/share/kinbridge/examples/c" -B "$c_example" "${consumer_cmake[@]}"
  expect_found_in_prefix "$c_example"
    quiet cmake --build "$c_example" -j "$jobs"
  expect_only_installed_includes "$c_example"
  if [ -f "$c_example/CTestTestfile.cmake" ] && grep -q add_test "$c_example/CTestTestfile.cmake"; then
    quiet ctest --test-dir "$c_example" --output-on-failure
  else
    # Otherwise every program it builds runs as `PROGRAM NEW_WORKSPACE [METHOD_PLUGIN]`, given
    # the installed Vara plugin, and says which child it registered.
    ran=0
    for exe in "$c_example"/*; do
      [ -f "$exe" ] && [ -x "$exe" ] || continue
      quiet "$exe" "$tmp/c-example-$ran.db" "$prefix/lib/kinbridge/plugins/vara_contact.so"
      expect_contains "$(cat "$tmp/last.log")" "VAR-" "$exe"
      ran=$((ran + 1))
    done
    [ "$ran" -gt 0 ] || fail "the C example built no program"
  fi
fi

# ---- 5. pkg-config ----------------------------------------------------------------------------
step "compiling the C++ example with pkg-config"
export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
[ "$(pkg-config --modversion kinbridge)" = "$(sed -n 's/^Version: //p' "$PKG_CONFIG_PATH/kinbridge.pc")" ] ||
  fail "pkg-config --modversion kinbridge"
libdir=$(pkg-config --variable=libdir kinbridge)
[ "$(cd "$libdir" && pwd)" = "$prefix/lib" ] || fail "pkg-config's libdir is $libdir, not $prefix/lib"
read -r -a pc_flags <<<"$(pkg-config --cflags --libs kinbridge)"
quiet c++ -std=c++20 -Wall -Wextra -Werror "$prefix/share/kinbridge/examples/cpp/main.cpp" \
  "${pc_flags[@]}" -Wl,-rpath,"$libdir" -o "$tmp/pkg-config-example"
quiet "$tmp/pkg-config-example" "$tmp/pkg-config-example.db"
expect_contains "$(cat "$tmp/last.log")" "registered VAR-" "the pkg-config build of the example"

step "done"
