#!/usr/bin/env bash
# Runs the examples of a guide, as a reader would type them: every ```sh block, in order, in one
# shell, in a fresh empty folder, with the kinbridge binary on PATH and KINBRIDGE_PLUGINS set to
# the folder of the built-in method plugins.
#   - a ```sh block must succeed (set -euo pipefail: any failing command fails the test);
#   - a ```sh refused block must fail; a line "# exit code N" in it names the exit code expected.
# Then checks a few outputs that the guide's story depends on.
#
# Usage: guide_test.sh KINBRIDGE_BINARY PLUGINS_DIR GUIDE.md
# Needs no network and no stdin; removes its temporary folder (KEEP_TMP=1 keeps it, to look at).
set -euo pipefail

usage="usage: guide_test.sh KINBRIDGE_BINARY PLUGINS_DIR GUIDE.md"
cli=${1:?$usage}
plugins=${2:?$usage}
guide=${3:?$usage}
[ -x "$cli" ] || { echo "FAILED: $cli is not an executable (build kinbridge_cli)" >&2; exit 1; }
for p in vara_contact.so huangshan_group.so; do
  [ -f "$plugins/$p" ] || { echo "FAILED: $plugins/$p is missing (build the plugins)" >&2; exit 1; }
done
[ -f "$guide" ] || { echo "FAILED: $guide does not exist" >&2; exit 1; }
cli=$(cd "$(dirname "$cli")" && pwd)/$(basename "$cli")
plugins=$(cd "$plugins" && pwd)
guide=$(cd "$(dirname "$guide")" && pwd)/$(basename "$guide")

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kinbridge-guide-test.XXXXXX")
cleanup() {
  if [ "${KEEP_TMP:-0}" = 1 ]; then echo "kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
mkdir -p "$tmp/bin" "$tmp/blocks" "$tmp/out" "$tmp/run" "$tmp/work"
ln -s "$cli" "$tmp/bin/kinbridge"

fail() {
  echo "FAILED: $*" >&2
  exit 1
}

# Every shell example must be a block the test runs: no ```bash, ```shell or ```console.
if grep -nE '^[[:space:]]*```(bash|shell|console|zsh)([[:space:]]|$)' "$guide"; then
  fail "$guide has shell examples the test does not run; write them as \`\`\`sh blocks"
fi

# The blocks, in order: blocks/NNN.run or blocks/NNN.refused, and blocks/NNN.line (guide line).
awk -v dir="$tmp/blocks" '
  !open && /^```sh[[:space:]]*$/         { open = 1; kind = "run" }
  !open && /^```sh[[:space:]]+refused[[:space:]]*$/ { open = 1; kind = "refused" }
  open == 1 {
    n++
    file = sprintf("%s/%03d.%s", dir, n, kind)
    printf "" > file
    printf "%d\n", NR > sprintf("%s/%03d.line", dir, n)
    open = 2
    next
  }
  open == 2 && /^```[[:space:]]*$/ { open = 0; close(file); next }
  open == 2 { print >> file }
  END { if (open) { print "unterminated ```sh block" > "/dev/stderr"; exit 1 } }
' "$guide" || fail "could not read the blocks of $guide"
mapfile -t blocks < <(find "$tmp/blocks" -name '*.run' -o -name '*.refused' | sort)
[ ${#blocks[@]} -gt 0 ] || fail "$guide has no \`\`\`sh blocks"

# One script runs them all in the same shell, so that exports carry over from block to block.
# Each block's output goes to out/NNN.txt; run/current names the block running.
script=$tmp/guide.sh
{
  echo 'set -euo pipefail'
  for block in "${blocks[@]}"; do
    id=$(basename "${block%.*}")
    line=$(cat "$tmp/blocks/$id.line")
    echo "echo '$id $line' >'$tmp/run/current'"
    case $block in
      *.run)
        echo '{'
        cat "$block"
        echo "} >'$tmp/out/$id.txt' 2>&1"
        ;;
      *.refused)
        expected=$(sed -nE 's/^[[:space:]]*#[[:space:]]*exit code ([0-9]+).*/\1/p' "$block" | head -n 1)
        echo 'set +e'
        echo '('
        echo 'set -e'
        cat "$block"
        echo ") >'$tmp/out/$id.txt' 2>&1"
        echo 'rc=$?'
        echo 'set -e'
        echo "if [ \$rc -eq 0 ]; then echo 'a refused block succeeded' >'$tmp/run/why'; exit 97; fi"
        if [ -n "$expected" ]; then
          echo "if [ \$rc -ne $expected ]; then echo \"exit code \$rc, the guide says $expected\" >'$tmp/run/why'; exit 98; fi"
        fi
        ;;
    esac
  done
} >"$script"

started=$SECONDS
set +e
(
  cd "$tmp/work"
  unset KINBRIDGE_WORKSPACE KINBRIDGE_AS KINBRIDGE_TODAY KINBRIDGE_NOW KINBRIDGE_PLUGIN_PATH \
        LC_ALL LC_MESSAGES LANGUAGE
  export LANG=C.UTF-8
  export PATH="$tmp/bin:$PATH"
  export KINBRIDGE_PLUGINS="$plugins"
  exec bash "$script" </dev/null
)
rc=$?
set -e
if [ $rc -ne 0 ]; then
  read -r id line <"$tmp/run/current"
  why=$( [ -f "$tmp/run/why" ] && cat "$tmp/run/why" || echo "exit code $rc" )
  echo "--- block $id (guide line $line):" >&2
  cat "$tmp/blocks/$id".run "$tmp/blocks/$id".refused 2>/dev/null >&2 || true
  echo "--- its output:" >&2
  tail -n 40 "$tmp/out/$id.txt" >&2 || true
  fail "$(basename "$guide") line $line: $why"
fi
echo "ran ${#blocks[@]} blocks of $(basename "$guide") in $((SECONDS - started)) s"

# The output of the blocks whose commands match a pattern (grep -E), all of it.
output_of() {
  local pattern=$1 found=0 block
  for block in "${blocks[@]}"; do
    if grep -qE -- "$pattern" "$block"; then
      cat "$tmp/out/$(basename "${block%.*}").txt"
      found=1
    fi
  done
  [ $found = 1 ] || fail "no block of the guide runs '$pattern'"
}
# expect PATTERN-OF-COMMAND PATTERN-OF-OUTPUT WHAT: the output of those blocks has a matching line.
expect() {
  output_of "$1" | grep -qE -- "$2" || fail "$3 (no line matching '$2' in the output of '$1')"
}

# The story the guide tells: the due list is not empty, the plan was reviewed, the calendar was
# written without national ids or addresses, the flagged child is in the attendance report, a
# teacher sees only their group, the family call logged the contacts.
expect 'contact due --week$' '^ +[0-9]+ +2026-1[12]-[0-9]{2} .*VAR-2026-0001' \
  "the due list of the week is empty"
expect 'plan review 1' 'Reviewed contact plan 1' "the plan was not reviewed"
expect 'plan review 1' 'Sara Andersson +visit' "the review has no adherence line for Sara's visits"
expect 'contact ical' '^Wrote elin.ics' "the calendar was not written"
ics=$tmp/work/elin.ics
[ -f "$ics" ] || fail "elin.ics is not in the guide's folder"
grep -q '^BEGIN:VEVENT' "$ics" || fail "elin.ics has no events"
if grep -qE '20170314-2388|Prästgårdsvägen' "$ics"; then
  fail "elin.ics shows a national id or an address"
fi
expect 'report attendance --site' '[0-9]+ of [0-9]+ children flagged' "the report has no summary line"
expect 'report attendance --site' '^HSN-2026-0001 .* falling *$' \
  "the attendance report does not flag HSN-2026-0001"
if output_of 'report attendance --site' | grep -E ' falling *$' | grep -qv '^HSN-2026-0001 '; then
  fail "the attendance report flags another child than HSN-2026-0001"
fi
expect 'report attendance --child' '"flag": "falling"' "the JSON report does not flag the child"
expect 'as zhang group list' '8–10' "the teacher does not see his group"
if output_of 'as zhang group list' | grep -q '11–13'; then
  fail "the teacher sees a group he does not lead"
fi
expect 'attendance record 27' 'Logged 2 contact events as held' \
  "the family-call session did not log the contacts"
echo "ok: $(basename "$guide") runs as written"
