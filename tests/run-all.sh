#!/usr/bin/env bash
# Run every test `make check` owns and end with one summary line:
#   N passed, N failed
# Unit tests (Check, under ASan+UBSan), console end-to-end cases, the
# fuzz corpus replay and the valgrind leak check of script mode.
set -u
BUILD=${1:-build}
cd "$(dirname "$0")/.."
passed=0
failed=0
failures=()

note_fail() { failed=$((failed + 1)); failures+=("$1"); }

# --- unit tests -------------------------------------------------------
for t in $(find "$BUILD/tests" -type f -name 'check_*' 2>/dev/null | sort); do
	out=$(CK_FORK=yes "$t" 2>&1)
	rc=$?
	line=$(printf '%s\n' "$out" | grep -E '^[0-9]+%: Checks: ' | tail -n 1)
	if [ -z "$line" ]; then
		printf '%s\n' "$out" | tail -n 20
		note_fail "$t (no Check summary, exit $rc)"
		continue
	fi
	checks=$(sed -E 's/.*Checks: ([0-9]+).*/\1/' <<<"$line")
	fails=$(sed -E 's/.*Failures: ([0-9]+).*/\1/' <<<"$line")
	errs=$(sed -E 's/.*Errors: ([0-9]+).*/\1/' <<<"$line")
	bad=$((fails + errs))
	passed=$((passed + checks - bad))
	if [ "$bad" -gt 0 ] || [ "$rc" -ne 0 ]; then
		printf '%s\n' "$out" | grep -vE '^[0-9]+%:|^Running suite' | tail -n 30
		failed=$((failed + (bad > 0 ? bad : 1)))
		failures+=("$t")
	fi
	echo "unit $(basename "$t"): $line"
done

# A suite that prints "ok NAME" / "FAIL NAME" lines: count them, show
# what failed (all output with show=all).
run_ok_suite() { # label script show
	local out p f
	[ -x "$2" ] || return 0
	out=$("$2" "$BUILD" 2>&1)
	if [ "${3:-}" = all ]; then
		printf '%s\n' "$out"
	else
		printf '%s\n' "$out" | grep -vE '^ok ' | tail -n 200
	fi
	p=$(printf '%s\n' "$out" | grep -cE '^ok ')
	f=$(printf '%s\n' "$out" | grep -cE '^FAIL ')
	passed=$((passed + p))
	failed=$((failed + f))
	[ "$f" -gt 0 ] && failures+=("$1 checks: $f")
	echo "$1: $p passed, $f failed"
}

# console end to end; the interactive console on a terminal (tmux);
# roshd against the real kernel; rosh as a login shell behind sshd
run_ok_suite console tests/console/run.sh
run_ok_suite shell tests/shell/run.sh
run_ok_suite daemon tests/daemon/run.sh all
run_ok_suite ssh tests/ssh/run.sh

# --- protocol scenarios in a VM with a Debian kernel (ESP, L2TP, PPP) ---
if [ -x tests/e2e/run-all.sh ] && [ "${ROSH_SKIP_E2E:-}" != 1 ]; then
	out=$(tests/e2e/run-all.sh 2>&1)
	rc=$?
	printf '%s\n' "$out" | tail -n 60
	line=$(printf '%s\n' "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed' | tail -n 1)
	if [ -n "$line" ]; then
		p=${line%% passed*}
		f=${line#*, }; f=${f%% failed*}
		passed=$((passed + p))
		failed=$((failed + f))
		[ "$f" -gt 0 ] && failures+=("vm scenarios: $f")
	fi
	[ "$rc" -ne 0 ] && [ -z "$line" -o "${f:-0}" = 0 ] && note_fail "vm scenarios (exit $rc)"
	echo "vm: ${line:-no summary}"
fi

# --- fuzz corpus replay ------------------------------------------------
# Every target fuzz/fuzz.mk lists replays its seeds and kept crashes under
# ASan+UBSan; a failure shows the input that failed and the report.
if [ -f fuzz/fuzz.mk ]; then
	fmk() { make --no-print-directory -s -f fuzz/fuzz.mk BUILD="$BUILD" "$@"; }
	targets=$(fmk list 2>/dev/null)
	[ -n "$targets" ] || note_fail "fuzz target list"
	for name in $targets; do
		r="$BUILD/fuzz/replay_$name"
		if ! out=$(fmk -j"$(nproc 2>/dev/null || echo 2)" "$r" 2>&1); then
			printf '%s\n' "$out" | tail -n 20
			note_fail "fuzz replay $name (build)"
			echo "fuzz replay $name: BUILD FAILED"
			continue
		fi
		dirs=""
		for d in fuzz/corpus/"$name" fuzz/crashes/"$name"; do
			[ -d "$d" ] && dirs="$dirs $d"
		done
		if out=$(UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1} \
		    "$r" -v $dirs 2>&1); then
			passed=$((passed + 1))
			n=$(printf '%s\n' "$out" | tail -n 1)
			echo "fuzz replay $name: ok (${n#replay: })"
		else
			printf '%s\n' "$out" | tail -n 40
			note_fail "fuzz replay $name"
			echo "fuzz replay $name: FAILED"
		fi
	done
fi

# --- valgrind: script mode is leak-free ---------------------------------
if command -v valgrind >/dev/null && [ -x "$BUILD/rosh" ] && [ -f tests/console/seed-nat.rsc ]; then
	tmp=$(mktemp -d)
	if valgrind -q --leak-check=full --show-leak-kinds=definite,indirect,possible \
		--errors-for-leak-kinds=definite,indirect,possible --error-exitcode=9 \
		"$BUILD/rosh" --db "$tmp/v.db" tests/console/seed-nat.rsc >"$tmp/out" 2>"$tmp/err"; then
		passed=$((passed + 1))
		echo "valgrind script mode: ok"
	else
		tail -n 30 "$tmp/err"
		note_fail "valgrind script mode"
	fi
	rm -rf "$tmp"
fi

if [ "$failed" -gt 0 ]; then
	echo "failures:"
	for f in "${failures[@]}"; do echo "  $f"; done
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
