#!/usr/bin/env bash
# Checks that a kinbridge shared library exports kinbridge's API and nothing else:
#   check_exported_symbols.sh <libkinbridge.so>
# Every exported C++ symbol must demangle into kinbridge::v1:: (the C++ API), apart from the type
# information of the plugin SDK's interfaces (kinbridge::plugin::, shared with plugins by design);
# every other exported symbol must be the C API's (kb_). See cmake/kinbridge.map.
set -euo pipefail
lib=${1:?usage: check_exported_symbols.sh <libkinbridge.so>}
[ -f "$lib" ] || { echo "no such library: $lib" >&2; exit 1; }

symbols=$(nm -D --defined-only "$lib" | awk '{ print $NF }' | sed 's/@.*//')
count=$(wc -l <<<"$symbols")
bad=()
while IFS=$'\t' read -r mangled demangled; do
  [ -n "$mangled" ] || continue
  if [[ $mangled == _Z* ]]; then
    name=$demangled
    for prefix in "typeinfo name for " "typeinfo for " "vtable for " "VTT for " \
                  "guard variable for " "non-virtual thunk to " "virtual thunk to "; do
      name=${name#"$prefix"}
    done
    [[ $name == kinbridge::v1::* ]] && continue
    [[ $demangled == "typeinfo for kinbridge::plugin::"* ||
       $demangled == "typeinfo name for kinbridge::plugin::"* ]] && continue
    bad+=("$demangled")
  else
    [[ $mangled == kb_* ]] && continue
    bad+=("$mangled")
  fi
done < <(paste <(echo "$symbols") <(echo "$symbols" | c++filt))

if [ ${#bad[@]} -gt 0 ]; then
  echo "$lib exports ${#bad[@]} symbol(s) that are not kinbridge's API" \
       "(expected kinbridge::v1::..., kb_...; see cmake/kinbridge.map):" >&2
  printf '  %s\n' "${bad[@]}" | head -40 >&2
  exit 1
fi
echo "$lib: all $count exported symbols are kinbridge's API"
