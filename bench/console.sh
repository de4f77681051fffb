#!/usr/bin/env bash
# Interactive console benchmarks, each next to a reference measured in
# the same run.
#
#  start-up    time from process start to the first prompt on a
#              pseudo-terminal (median of RUNS), on a small store and on
#              one with 1,000,000 address-list entries; references: the
#              same measurement of /bin/true and of `sqlite3 :memory:
#              .quit` (process start to exit)
#  completion  one Tab (cursor analysis, candidates, store lookups, the
#              text to insert) through the console's own completion
#              function, on the 1,000,000-entry store (median and worst
#              of RUNS)
set -u
BUILD=${1:-build}
cd "$(dirname "$0")/.."
ROSH="$PWD/$BUILD/rosh"
N=${BENCH_LINES:-1000000}
RUNS=${BENCH_RUNS:-21}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

LIBS=$(pkg-config --libs libedit sqlite3 libssl libcrypto libnl-3.0 \
    libnl-route-3.0 libnl-xfrm-3.0 libnl-genl-3.0 libnftables 2>/dev/null)
CC=${CC:-cc}
INC="-I. -Ischema -Igrammar -Iengine -Ibackend -Ishell"
$CC -O2 -std=gnu11 -D_GNU_SOURCE -o "$T/ptytime" bench/ptytime.c -lutil ||
	exit 1
$CC -O2 -std=gnu11 -D_GNU_SOURCE $INC -o "$T/complete_bench" \
    bench/complete_bench.c "$BUILD/librosh.a" $LIBS -lm || exit 1

# --- start-up ----------------------------------------------------------
"$ROSH" --db "$T/small.db" -c ':put 1' >/dev/null
small=$("$T/ptytime" -n "$RUNS" -p '] > ' -- "$ROSH" --db "$T/small.db")
true_ref=$("$T/ptytime" -n "$RUNS" -- /bin/true)
sqlite_ref=$("$T/ptytime" -n "$RUNS" -- sqlite3 :memory: .quit)

# --- a store of N address-list entries (100 lists) ----------------------
echo "generating $N address-list entries..."
awk -v n="$N" 'BEGIN {
	print "/ip firewall address-list"
	for (i = 0; i < n; i++)
		printf "add list=list%d address=10.%d.%d.%d\n", i % 100,
		    int(i / 65536) % 256, int(i / 256) % 256, i % 256
}' >"$T/import.rsc"
"$ROSH" --db "$T/big.db" "$T/import.rsc" >/dev/null || {
	echo "import failed"; exit 1; }
big=$("$T/ptytime" -n "$RUNS" -p '] > ' -- "$ROSH" --db "$T/big.db")

"$T/complete_bench" "$T/big.db" "$RUNS" \
    '/ip firewall address-list print where list=' \
    '/ip firewall address-list print where list=list1' \
    '/ip firewall address-list add list=list9' \
    '/ip firewall filter add src-address-list=' \
    '/ip firewall address-list set [find list=list4' \
    '/ip firewall address-list print where ' \
    '/ip ipsec ' >"$T/cpl" || exit 1

awk -v s="$small" -v b="$big" -v t="$true_ref" -v q="$sqlite_ref" \
    -v n="$N" 'BEGIN {
	split(s, S, " "); split(b, B, " "); split(t, R, " "); split(q, Q, " ")
	printf "start-up:    %.1f ms to the first prompt, small store (target <= 20 ms); /bin/true %.1f ms (%.1fx), sqlite3 :memory: .quit %.1f ms (%.1fx)\n", S[1], R[1], S[1] / R[1], Q[1], S[1] / Q[1]
	printf "start-up:    %.1f ms to the first prompt, %d-entry store (target <= 20 ms)\n", B[1], n
}'
worst=0
while read -r med max cnt line; do
	printf 'completion:  %6.3f ms median, %6.3f ms worst, %3d candidates: %s\n' \
	    "$med" "$max" "$cnt" "$line"
	worst=$(awk -v a="$worst" -v b="$med" 'BEGIN { print (b > a ? b : a) }')
done <"$T/cpl"
echo "completion:  slowest median $worst ms on $N entries (target <= 5 ms)"
