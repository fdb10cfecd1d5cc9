#!/usr/bin/env bash
# run_suites.sh: runs every test suite and ends with one line
# "N passed, N failed" counting them all:
#   unit         cmocka programs (built with ASan + UBSan)
#   integration  the site over HTTP, against the normal and the sanitized binary
#   browser      the admin driven by Chromium (tests/browser/admin_flow.mjs)
#   web          the readers' pages: html-validate, axe-core, no JavaScript,
#                no other host, Lighthouse (tests/browser/check_web.mjs)
#   fuzz smoke   each libFuzzer target for a few seconds
# Usage: tests/run_suites.sh PROJECT_ROOT
set -uo pipefail

root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$root" || exit 2
FUZZ_SECONDS=${FUZZ_SECONDS:-8}
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
logs=build/test-logs
mkdir -p "$logs"
failed_steps="$logs/failed-steps.txt"	# what failed, told again just before the summary
: > "$failed_steps"
passed=0
failed=0

count() {	# count SUITE PASSED FAILED
	passed=$((passed + $2))
	failed=$((failed + $3))
	printf '%-44s %4d passed, %d failed\n' "$1" "$2" "$3"
}

# recap SUITE LOG: notes which steps of SUITE failed, and the first line of
# why, for the list printed just before the summary: a CI page that keeps
# only the end of the output still names them. The whole story stays in
# LOG, and is printed above.
recap() {
	{
		echo "$1 (log: $2)"
		grep -E -A 1 '\.\.\. (FAILED|FAIL|ERROR)$' "$2" | grep -vE '^--$|\.\.\. ok$' | head -n 8
		grep -E '^[A-Za-z.]*(Error|Exception): ' "$2" | head -n 3
		grep -E '^\[  (FAILED|ERROR) +\] [^0-9]' "$2" | head -n 4
		grep -E -m 2 'AddressSanitizer|LeakSanitizer|runtime error:' "$2"
	} | cut -c 1-220 | sed 's/^/  /' >> "$failed_steps"
}

# count_log SUITE LOG RC: counts a suite that ends its LOG with its own
# "N passed, N failed" line; a non-zero RC with no failure counted is one.
count_log() {
	local line p f
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$2" | tail -n 1)
	p=$(echo "$line" | sed -n 's/^\([0-9]*\) passed.*/\1/p')
	f=$(echo "$line" | sed -n 's/.* \([0-9]*\) failed$/\1/p')
	p=${p:-0}
	f=${f:-0}
	if [ "$3" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	if [ "$f" -gt 0 ]; then
		grep -vE '\.\.\. ok$' "$2" | tail -n 60 | sed 's/^/    /'
		recap "$1" "$2"
	fi
	count "$1" "$p" "$f"
}

# --- unit -------------------------------------------------------------
for t in build/asan/test_*; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	"$t" > "$logs/$name.log" 2>&1
	rc=$?
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$logs/$name.log" | tail -n 1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$logs/$name.log" | tail -n 1)
	p=${p:-0}
	f=${f:-0}
	# A crash or sanitizer report ends the program without cmocka's summary.
	if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	if grep -qE 'AddressSanitizer|LeakSanitizer|runtime error:' "$logs/$name.log"; then f=$((f + 1)); fi
	if [ "$f" -gt 0 ]; then
		sed 's/^/    /' "$logs/$name.log" | tail -n 40
		recap "unit $name" "$logs/$name.log"
	fi
	count "unit $name" "$p" "$f"
done

# --- integration ------------------------------------------------------
for bin in build/gazette build/asan/gazette; do
	for t in tests/integration/test_*.py; do
		name="integration $(basename "$t" .py) ($bin)"
		log="$logs/$(basename "$t" .py)-$(echo "$bin" | tr / _).log"
		GAZETTE_BIN="$bin" python3 "$t" > "$log" 2>&1
		count_log "$name" "$log" $?
	done
done

# --- browser ----------------------------------------------------------
# One run of the admin in a real Chromium; it prints a line per step and
# its own "N passed, N failed". Missing tools count as a failure: `make
# test` installs them (make test-deps).
name="browser admin_flow (build/gazette)"
log="$logs/browser-admin_flow.log"
if ! command -v node >/dev/null || [ ! -x /usr/bin/chromium ] ||
   [ ! -d tests/browser/node_modules/playwright-core ]; then
	echo "    node, /usr/bin/chromium or tests/browser/node_modules is missing (make test-deps)"
	echo "  $name: node, /usr/bin/chromium or tests/browser/node_modules is missing" >> "$failed_steps"
	count "$name" 0 1
else
	GAZETTE_BIN=build/gazette timeout 300 node tests/browser/admin_flow.mjs > "$log" 2>&1
	count_log "$name" "$log" $?
fi

# --- web --------------------------------------------------------------
# Every public page in both languages checked by machines, and Lighthouse;
# it prints a line per step and its own "N passed, N failed". About 90 s;
# the bound leaves room for Lighthouse's second and third runs of a page
# on a busy machine (lighthouse_check.mjs).
name="web check_web (build/gazette)"
log="$logs/web-check_web.log"
if ! command -v node >/dev/null || [ ! -x /usr/bin/chromium ] ||
   [ ! -d tests/browser/node_modules/lighthouse ]; then
	echo "    node, /usr/bin/chromium or tests/browser/node_modules is missing (make test-deps)"
	echo "  $name: node, /usr/bin/chromium or tests/browser/node_modules is missing" >> "$failed_steps"
	count "$name" 0 1
else
	GAZETTE_BIN=build/gazette timeout 600 node tests/browser/check_web.mjs > "$log" 2>&1
	count_log "$name" "$log" $?
fi

# --- fuzz smoke -------------------------------------------------------
for fz in build/fuzz/fuzz_*; do
	[ -x "$fz" ] || continue
	name=$(basename "$fz")
	work="build/corpus/$name"
	mkdir -p "$work"
	dict=()
	[ -f "tests/fuzz/$name.dict" ] && dict=(-dict="tests/fuzz/$name.dict")
	if "$fz" -max_total_time="$FUZZ_SECONDS" -print_final_stats=1 "${dict[@]}" \
		"$work" "tests/fuzz/corpus/$name" > "$logs/$name.log" 2>&1; then
		count "fuzz $name (${FUZZ_SECONDS}s)" 1 0
	else
		tail -n 30 "$logs/$name.log" | sed 's/^/    /'
		echo "  fuzz $name: $(grep -m 1 -E '^==[0-9]+==|ERROR' "$logs/$name.log" | cut -c 1-200)" >> "$failed_steps"
		count "fuzz $name (${FUZZ_SECONDS}s)" 0 1
	fi
done

if [ -s "$failed_steps" ]; then
	echo "--- what failed (the details are above, and in $logs/)"
	cat "$failed_steps"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
