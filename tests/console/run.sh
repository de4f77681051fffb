#!/usr/bin/env bash
# Console end-to-end tests: the real rosh binary (ASan build when present)
# against real SQLite stores, each in a fresh network namespace so
# /interface shows only what the test made.  Prints "ok NAME" or
# "FAIL NAME" per case plus the difference.
#
#  cases/NAME.rsc      script run on a fresh store; cases/NAME.out is the
#                      expected stdout, cases/NAME.err the expected stderr
#                      (then the exit status must be 1, else 0)
#  malformed.tsv       SETUP<TAB>BAD<TAB>ERROR: BAD must fail with ERROR,
#                      exit 1, and leave `export` as it was; `--check`
#                      must report the same error
#  roundtrip           export show-sensitive -> import -> export is
#                      byte-identical apart from the header
set -u
BUILD=${1:-build}
cd "$(dirname "$0")"
ROOT=$(cd ../.. && pwd)
ROSH="$ROOT/$BUILD/rosh-san"
[ -x "$ROSH" ] || ROSH="$ROOT/$BUILD/rosh"
export ASAN_OPTIONS=detect_leaks=1
NS=""
if [ "$(id -u)" = 0 ] && unshare -n true 2>/dev/null; then NS="unshare -n"; fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

rosh() { $NS "$ROSH" "$@"; }

# Export headers carry the date; compare without it.
strip_header() { sed -E '/^# [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8} by RouterOS/d; /^# software id =/d'; }

report() { # name ok diff-file
	if [ "$2" = 1 ]; then echo "ok $1"; else echo "FAIL $1"; [ -n "${3:-}" ] && sed 's/^/    /' "$3" | head -n 40; fi
}

run_cases() {
	local f name db out err rc exp_rc ok
	for f in cases/*.rsc; do
		[ -e "$f" ] || continue
		name=${f%.rsc}; name=${name#cases/}
		db="$TMP/$name/config.db"; mkdir -p "$TMP/$name"
		rosh --db "$db" "$f" >"$TMP/$name/raw" 2>"$TMP/$name/err"
		rc=$?
		# export headers carry the time of the run, creation-time
		# of address-list entries the time of the add
		sed -E '/^# [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8} by RouterOS/d;
		    s/[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}/2000-01-01 00:00:00/g' \
		    "$TMP/$name/raw" >"$TMP/$name/out"
		exp_rc=0; [ -f "cases/$name.err" ] && exp_rc=1
		ok=1
		: >"$TMP/$name/diff"
		if [ -f "cases/$name.out" ]; then
			diff -u "cases/$name.out" "$TMP/$name/out" >>"$TMP/$name/diff" || ok=0
		fi
		if [ -f "cases/$name.err" ]; then
			diff -u "cases/$name.err" "$TMP/$name/err" >>"$TMP/$name/diff" || ok=0
		elif [ -s "$TMP/$name/err" ]; then
			cat "$TMP/$name/err" >>"$TMP/$name/diff"; ok=0
		fi
		[ "$rc" = "$exp_rc" ] || { echo "exit $rc, want $exp_rc" >>"$TMP/$name/diff"; ok=0; }
		report "case $name" "$ok" "$TMP/$name/diff"
		# --check accepts every script the console accepts.
		if [ "$exp_rc" = 0 ]; then
			if "$ROSH" --check "$f" >"$TMP/$name/chk" 2>&1; then ok=1; else ok=0; fi
			report "check-accepts $name" "$ok" "$TMP/$name/chk"
		fi
	done
}

run_malformed() {
	local n=0 setup bad want db before after got rc ok
	while IFS=$'\t' read -r setup bad want; do
		case "$setup" in ''|'#'*) [ -z "$bad" ] && continue;; esac
		[ "${setup:0:1}" = "#" ] && continue
		n=$((n + 1))
		db="$TMP/m$n/config.db"; mkdir -p "$TMP/m$n"
		bad=$(printf '%b' "$bad")
		[ "$setup" = "-" ] && setup=""
		setup=$(printf '%b' "$setup")
		ok=1; : >"$TMP/m$n/diff"
		if [ -n "$setup" ] && ! rosh --db "$db" -c "$setup" >/dev/null 2>"$TMP/m$n/serr"; then
			echo "setup failed: $(cat "$TMP/m$n/serr")" >>"$TMP/m$n/diff"; ok=0
		fi
		rosh --db "$db" -c "/export verbose show-sensitive" 2>&1 | strip_header >"$TMP/m$n/before"
		rosh --db "$db" -c "$bad" >/dev/null 2>"$TMP/m$n/got"
		rc=$?
		rosh --db "$db" -c "/export verbose show-sensitive" 2>&1 | strip_header >"$TMP/m$n/after"
		got=$(cat "$TMP/m$n/got")
		[ "$rc" = 1 ] || { echo "exit $rc, want 1" >>"$TMP/m$n/diff"; ok=0; }
		[ "$got" = "$want" ] || { printf 'want: %s\ngot:  %s\n' "$want" "$got" >>"$TMP/m$n/diff"; ok=0; }
		diff -u "$TMP/m$n/before" "$TMP/m$n/after" >>"$TMP/m$n/diff" || ok=0
		report "malformed $n: $(printf '%s' "$bad" | head -c 60 | tr '\n' ' ')" "$ok" "$TMP/m$n/diff"
		# --check against the same store reports the same error.
		printf '%s' "$bad" >"$TMP/m$n/bad.rsc"
		got=$(rosh --db "$db" --check "$TMP/m$n/bad.rsc" 2>&1 >/dev/null)
		rc=$?
		ok=1; : >"$TMP/m$n/cdiff"
		[ "$rc" = 1 ] || { echo "exit $rc, want 1" >>"$TMP/m$n/cdiff"; ok=0; }
		[ "$got" = "$want" ] || { printf 'want: %s\ngot:  %s\n' "$want" "$got" >>"$TMP/m$n/cdiff"; ok=0; }
		report "check-rejects $n" "$ok" "$TMP/m$n/cdiff"
	done <malformed.tsv
}

run_roundtrip() {
	local f name d ok
	for f in roundtrip/*.rsc seed-*.rsc; do
		[ -e "$f" ] || continue
		name=$(basename "$f" .rsc)
		d="$TMP/rt-$name"; mkdir -p "$d/a" "$d/b"
		ok=1; : >"$d/diff"
		rosh --db "$d/a/config.db" "$f" >/dev/null 2>"$d/err" || { cat "$d/err" >>"$d/diff"; ok=0; }
		rosh --db "$d/a/config.db" -c "/export show-sensitive file=rt" 2>>"$d/diff" >/dev/null || ok=0
		cp "$d/a/files/rt.rsc" "$d/rt.rsc" 2>/dev/null
		rosh --db "$d/b/config.db" "$d/rt.rsc" >/dev/null 2>>"$d/diff" || ok=0
		rosh --db "$d/a/config.db" -c "/export show-sensitive" | strip_header >"$d/ea"
		rosh --db "$d/b/config.db" -c "/export show-sensitive" | strip_header >"$d/eb"
		diff -u "$d/ea" "$d/eb" >>"$d/diff" || ok=0
		[ -s "$d/ea" ] || { echo "empty export" >>"$d/diff"; ok=0; }
		report "roundtrip $name" "$ok" "$d/diff"
	done
}

# Real exports, with menus rosh does not implement, check clean.
run_check_ok() {
	local f ok
	for f in check-ok/*.rsc; do
		[ -e "$f" ] || continue
		if "$ROSH" --check "$f" >"$TMP/chk" 2>&1; then ok=1; else ok=0; fi
		report "check-ok $(basename "$f")" "$ok" "$TMP/chk"
	done
}

# Several consoles at once: 20 script-mode consoles each adding 500
# address-list entries end with exactly 10,000 entries and no error
# (WAL, busy handling: no "database is locked" reaches anyone).
run_concurrency() {
	local d="$TMP/conc" i j ok=1
	mkdir -p "$d"
	rosh --db "$d/config.db" -c '/ip pool print' >/dev/null
	for i in $(seq 20); do
		{
			echo "/ip firewall address-list"
			for j in $(seq 500); do echo "add list=c$i address=10.$i.$((j / 256)).$((j % 256))"; done
		} >"$d/s$i.rsc"
	done
	for i in $(seq 20); do
		rosh --db "$d/config.db" "$d/s$i.rsc" >"$d/o$i" 2>"$d/e$i" &
	done
	wait
	cat "$d"/e* >"$d/errors"
	[ -s "$d/errors" ] && ok=0
	n=$(rosh --db "$d/config.db" -c '/ip firewall address-list print count-only')
	[ "$n" = 10000 ] || { echo "count $n, want 10000" >>"$d/errors"; ok=0; }
	report "20 concurrent consoles x 500 adds" "$ok" "$d/errors"
}

run_cases
run_check_ok
run_concurrency
[ -f malformed.tsv ] && run_malformed
run_roundtrip
