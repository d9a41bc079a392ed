# The transfer package fuzzer in the main build's ctest. It is a clang project of its own
# (tests/fuzz/CMakeLists.txt); the first test configures and builds it in <build>/fuzz, the
# others run it:
#   transfer_fuzz_seeds  every seed (real packages, hostile ones, past crashes) once
#   transfer_fuzz_short  40 s of fuzzing from the seeds, fixed libFuzzer seed, allocation limits
# The longer run is scripts/fuzz-transfer (docs/transfer.md, "Fuzzing the importer").
set(_fuzz_dir ${CMAKE_CURRENT_LIST_DIR})
set(_fuzz_build ${CMAKE_BINARY_DIR}/fuzz)

add_test(NAME transfer_fuzz_build COMMAND bash ${_fuzz_dir}/build-fuzzer ${_fuzz_build})
set_tests_properties(transfer_fuzz_build PROPERTIES FIXTURES_SETUP transfer_fuzz TIMEOUT 900
                     LABELS fuzz)

add_test(NAME transfer_fuzz_seeds
         COMMAND ${_fuzz_build}/transfer_package_fuzzer -runs=0 -malloc_limit_mb=17
                 -rss_limit_mb=160 -artifact_prefix=${_fuzz_build}/ ${_fuzz_dir}/corpus)
set_tests_properties(transfer_fuzz_seeds PROPERTIES FIXTURES_REQUIRED transfer_fuzz TIMEOUT 120
                     LABELS fuzz)

add_test(NAME transfer_fuzz_short COMMAND bash ${_fuzz_dir}/run-fuzzer ${_fuzz_build} 40 --fresh)
set_tests_properties(transfer_fuzz_short PROPERTIES FIXTURES_REQUIRED transfer_fuzz TIMEOUT 180
                     LABELS fuzz)
