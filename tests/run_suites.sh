#!/usr/bin/env bash
# run_suites.sh: runs every test suite and ends with one line
# "N passed, N failed" counting them all:
#   unit         cmocka programs (built with ASan + UBSan)
#   integration  the site over HTTP, against the normal and the sanitized binary
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
passed=0
failed=0

count() {	# count SUITE PASSED FAILED
	passed=$((passed + $2))
	failed=$((failed + $3))
	printf '%-44s %4d passed, %d failed\n' "$1" "$2" "$3"
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
	[ "$f" -gt 0 ] && sed 's/^/    /' "$logs/$name.log" | tail -n 40
	count "unit $name" "$p" "$f"
done

# --- integration ------------------------------------------------------
for bin in build/gazette build/asan/gazette; do
	for t in tests/integration/test_*.py; do
		name="integration $(basename "$t" .py) ($bin)"
		log="$logs/$(basename "$t" .py)-$(echo "$bin" | tr / _).log"
		GAZETTE_BIN="$bin" python3 "$t" > "$log" 2>&1
		rc=$?
		line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)
		p=$(echo "$line" | sed -n 's/^\([0-9]*\) passed.*/\1/p')
		f=$(echo "$line" | sed -n 's/.* \([0-9]*\) failed$/\1/p')
		p=${p:-0}
		f=${f:-0}
		if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
		[ "$f" -gt 0 ] && grep -vE '\.\.\. ok$' "$log" | tail -n 60 | sed 's/^/    /'
		count "$name" "$p" "$f"
	done
done

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
		count "fuzz $name (${FUZZ_SECONDS}s)" 0 1
	fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
