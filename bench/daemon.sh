#!/usr/bin/env bash
# roshd benchmarks, in a private network namespace:
#  reconcile  100,000 address-list entries into the kernel (roshd start to
#             the set being live), next to `nft -f` loading the very same
#             ruleset (what roshd applied, dumped back) in the same run
#  latency    console add -> rule live in the kernel (median of 21)
#  idle CPU   roshd's CPU ticks over 10 s with nothing to do
set -u
BUILD=${1:-build}
cd "$(dirname "$0")/.."
ROOT=$PWD
if [ "${ROSH_IN_NS:-}" != 1 ]; then
	exec unshare -n env ROSH_IN_NS=1 "$0" "$@"
fi
ROSH="$ROOT/$BUILD/rosh"
ROSHD="$ROOT/$BUILD/roshd"
N=${BENCH_ENTRIES:-100000}
T=$(mktemp -d)
PID=""
trap '[ -n "$PID" ] && kill -9 $PID 2>/dev/null; rm -rf "$T"' EXIT
ip link set lo up
now_ms() { date +%s%3N; }

awk -v n="$N" 'BEGIN { print "/ip firewall address-list"
	for (i = 0; i < n; i++)
		printf "add list=blocked address=10.%d.%d.%d\n", int(i / 32768) % 256, int(i / 128) % 256, (i % 128) * 2
	print "/ip firewall filter"
	print "add chain=input src-address-list=blocked action=drop" }' >"$T/list.rsc"
"$ROSH" --db "$T/c.db" "$T/list.rsc" >/dev/null
# One reconcile pass exactly as roshd runs it (build + libnftables apply),
# best of 3, next to `nft -f` of the very same script, best of 3.
best_r=""; best_n=""
for i in 1 2 3; do
	nft delete table ip rosh 2>/dev/null
	set -- $("$ROOT/$BUILD/bench/fw_reconcile" "$T/c.db" "$T/script.nft")
	r=$(awk -v a="$1" -v b="$2" 'BEGIN { printf "%d", a + b }')
	[ -z "$best_r" ] || [ "$r" -lt "$best_r" ] && best_r=$r && build_ms=${1%.*}
	nft delete table ip rosh
	t0=$(now_ms); nft -f "$T/script.nft"; t1=$(now_ms)
	[ -z "$best_n" ] || [ $((t1 - t0)) -lt "$best_n" ] && best_n=$((t1 - t0))
done
rosh_ms=$best_r
nft_ms=$best_n
entries=$(nft list set ip rosh al_blocked | grep -o '10\.[0-9.]*' | wc -l)
nft delete table ip rosh
"$ROSHD" --db "$T/c.db" --foreground >/dev/null 2>&1 &
PID=$!
sleep 0.5
"$ROSH" --db "$T/c.db" -c '/ip firewall address-list remove [find]' >/dev/null
sleep 0.5

lat=""
for i in $(seq 21); do
	t0=$(now_ms)
	"$ROSH" --db "$T/c.db" -c "/ip firewall filter add chain=input protocol=udp dst-port=$((20000 + i)) action=drop" >/dev/null
	until nft list chain ip rosh filter_input 2>/dev/null | grep -q "dport $((20000 + i)) "; do sleep 0.002; done
	t1=$(now_ms)
	lat="$lat $((t1 - t0))"
done
med=$(printf '%s\n' $lat | sort -n | sed -n 11p)

sleep 1
c0=$(awk '{print $14 + $15}' /proc/$PID/stat)
sleep 10
c1=$(awk '{print $14 + $15}' /proc/$PID/stat)

awk -v b="$build_ms" -v e="$entries" -v r="$rosh_ms" -v f="$nft_ms" -v n="$N" -v m="$med" -v c="$((c1 - c0))" 'BEGIN {
	printf "reconcile:   %d address-list entries (%d in the kernel set) live in %d ms (%d ms of it building the script); nft -f of the same script %d ms; ratio %.2fx (target <= 1.5x)\n", n, e, r, b, f, r / f
	printf "latency:     console add -> rule live, median %d ms of 21 (target <= 100 ms)\n", m
	printf "idle CPU:    %d ticks (1/100 s) in 10 s (target ~0)\n", c
}'
