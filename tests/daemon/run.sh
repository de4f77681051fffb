#!/usr/bin/env bash
# roshd end to end against the real kernel, in a private network
# namespace: the console changes the store, the daemon makes it real.
# Prints "ok NAME" / "FAIL NAME" per check.
set -u
BUILD=${1:-build}
cd "$(dirname "$0")/../.."
ROOT=$PWD
if [ "${ROSH_IN_NS:-}" != 1 ]; then
	if [ "$(id -u)" != 0 ] || ! unshare -n true 2>/dev/null; then
		echo "FAIL daemon tests need root and network namespaces"
		exit 1
	fi
	exec unshare -n env ROSH_IN_NS=1 "$0" "$@"
fi
ROSH="$ROOT/$BUILD/rosh"
ROSHD="$ROOT/$BUILD/roshd"
T=$(mktemp -d)
DB="$T/config.db"
PID=""
trap '[ -n "$PID" ] && kill -9 $PID 2>/dev/null; rm -rf "$T"' EXIT
ip link set lo up

ok() { echo "ok $1"; }
fail() { echo "FAIL $1"; [ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/    /' | head -n 20; }

start_daemon() {
	"$ROSHD" --db "$DB" --foreground >"$T/roshd.out" 2>&1 &
	PID=$!
	for _ in $(seq 100); do [ -S "$T/roshd.sock" ] && return 0; sleep 0.02; done
	return 1
}

# Wait until `nft list table ip rosh` matches pattern (count lines).
rules_in_kernel() { nft list table ip rosh 2>/dev/null | grep -c "comment \"\*" ; }
wait_rules() { # count timeout-ms
	local i
	for i in $(seq $(( $2 / 10 ))); do
		[ "$(rules_in_kernel)" = "$1" ] && return 0
		sleep 0.01
	done
	return 1
}
now_ms() { date +%s%3N; }

"$ROSH" --db "$DB" -c '/ip pool print' >/dev/null
start_daemon && ok "roshd starts and listens" || fail "roshd starts and listens" "$(cat "$T/roshd.out")"

# 1. an add in the console is live in the kernel promptly
t0=$(now_ms)
"$ROSH" --db "$DB" -c '/ip firewall filter add chain=input protocol=udp dst-port=5000 action=drop comment="block 5000"'
if wait_rules 1 2000; then
	t1=$(now_ms)
	ok "console add is live in the kernel ($((t1 - t0)) ms)"
	nft list table ip rosh | grep -q 'udp dport 5000' && ok "rule text in the kernel" || fail "rule text in the kernel" "$(nft list table ip rosh)"
else
	fail "console add is live in the kernel" "$(nft list ruleset; cat "$T/roshd.out")"
fi

# 2. other software's tables are left alone
nft add table ip other && nft add chain ip other c
"$ROSH" --db "$DB" -c '/ip firewall filter add chain=input protocol=tcp dst-port=22 action=accept'
wait_rules 2 2000
nft list tables | grep -q "table ip other" && ok "foreign table survives" || fail "foreign table survives" "$(nft list tables)"

# 3. kill -9 in the middle of reconciling 10,000 rules, then restart
{
	echo "/ip firewall filter"
	for i in $(seq 1 10000); do echo "add chain=input protocol=tcp dst-port=$((10000 + i)) action=accept"; done
} >"$T/many.rsc"
"$ROSH" --db "$DB" "$T/many.rsc"
sleep 0.05
kill -9 $PID
wait $PID 2>/dev/null
PID=""
start_daemon
if wait_rules 10002 20000; then
	ok "converges after kill -9 (10002 rules)"
else
	fail "converges after kill -9" "kernel has $(rules_in_kernel) rules"
fi
n=$(nft list table ip rosh | grep -c 'tcp dport 10001 ')
[ "$n" = 1 ] && ok "no duplicate rules after restart" || fail "no duplicate rules after restart" "dport 10001 appears $n times"

# 4. idle roshd uses no CPU
sleep 1
c0=$(awk '{print $14 + $15}' /proc/$PID/stat)
sleep 3
c1=$(awk '{print $14 + $15}' /proc/$PID/stat)
[ $((c1 - c0)) -le 2 ] && ok "idle roshd CPU: $((c1 - c0)) ticks in 3 s" || fail "idle roshd CPU" "$((c1 - c0)) ticks in 3 s"

# 5. removing all config leaves nothing of rosh's
"$ROSH" --db "$DB" -c '/ip firewall filter remove [find]'
for _ in $(seq 200); do nft list tables | grep -q "table ip rosh" || break; sleep 0.01; done
nft list tables | grep -q "table ip rosh" && fail "empty config removes rosh's table" "$(nft list tables)" || ok "empty config removes rosh's table"

# 6. a firewall that cannot be built keeps the previous ruleset, error logged
"$ROSH" --db "$DB" -c '/ip firewall filter add chain=input protocol=udp dst-port=7000 action=drop'
wait_rules 1 2000
"$ROSH" --db "$DB" -c '/ip firewall filter add chain=input protocol=tcp action=tarpit'
sleep 0.3
if [ "$(rules_in_kernel)" = 1 ] && "$ROSH" --db "$DB" -c '/log print where topics~"error"' | grep -q firewall; then
	ok "refused ruleset keeps the previous one and logs why"
else
	fail "refused ruleset keeps the previous one and logs why" "$(nft list table ip rosh; "$ROSH" --db "$DB" -c '/log print')"
fi

# Poll: run CMD until its output matches REGEX, up to TIMEOUT ms.
wait_match() { # timeout-ms regex cmd...
	local t=$1 re=$2 i
	shift 2
	for i in $(seq $(( t / 20 ))); do
		"$@" 2>/dev/null | grep -qE -- "$re" && return 0
		sleep 0.02
	done
	return 1
}
r() { "$ROSH" --db "$DB" -c "$1"; }

# 8. firewall counters reach `print stats`
r '/ip firewall filter remove [find action=tarpit]'
r '/ip firewall filter add chain=input protocol=udp dst-port=7100 action=accept comment=counted'
wait_rules 2 2000
for _ in 1 2 3 4; do echo x >/dev/udp/127.0.0.1/7100; done
if wait_match 4000 ' input +accept +120 +4 *$' r '/ip firewall filter print stats where comment=counted'; then
	ok "print stats shows counters after traffic"
else
	fail "print stats shows counters after traffic" "$(r '/ip firewall filter print stats'; nft list table ip rosh | grep 7100)"
fi
r '/ip firewall filter print' | grep -q 'bytes=' && fail "plain print leaves counters out" || ok "plain print leaves counters out"

# 9. a static IPsec policy is in the kernel promptly, and leaves with it
t0=$(now_ms)
r '/ip ipsec policy add src-address=10.77.0.1/32 dst-address=10.77.0.2/32 protocol=udp src-port=1701 level=unique comment=l2tp'
if wait_match 2000 'src 10.77.0.1/32 dst 10.77.0.2/32 proto udp sport 1701' ip xfrm policy; then
	t1=$(now_ms)
	ok "policy add is live in the kernel ($((t1 - t0)) ms)"
	n=$(ip xfrm policy | grep -cE 'dir (in|out) priority 1375731713')
	[ "$n" = 2 ] && ok "policy: out and mirrored in, at its list position" || fail "policy: out and mirrored in" "$(ip xfrm policy)"
	ip -s xfrm policy | grep -q 'share unique' && ok "level unique reaches the template" || fail "level unique reaches the template" "$(ip -s xfrm policy)"
else
	fail "policy add is live in the kernel" "$(ip xfrm policy; cat "$T/roshd.out")"
fi
wait_match 2000 'ph2-state=no-phase2' r '/ip ipsec policy print detail where comment=l2tp' &&
	ok "policy flagged active, no-phase2" || fail "policy flagged active, no-phase2" "$(r '/ip ipsec policy print detail')"
r '/ip ipsec policy disable [find comment=l2tp]'
for _ in $(seq 100); do ip xfrm policy | grep -q 10.77.0.1 || break; sleep 0.02; done
ip xfrm policy | grep -q 10.77.0.1 && fail "disabled policy leaves the kernel" "$(ip xfrm policy)" || ok "disabled policy leaves the kernel"

# 10. actions roshd carries out
out=$(r '/ip ipsec sa flush')
if [ -z "$out" ] && wait_match 2000 'installed SAs flushed by admin' r '/log print'; then
	ok "/ip ipsec sa flush accepted and logged"
else
	fail "/ip ipsec sa flush accepted and logged" "$out$(r '/log print')"
fi
r '/ip ipsec active-peers kill-connections'
wait_match 2000 'kill-connections requested by admin accepted: no IKE' r '/log print' &&
	ok "kill-connections accepted and logged" || fail "kill-connections accepted and logged" "$(r '/log print')"

# 11. links: running flag and counters
ip link add rv0 type veth peer name rv1
ip link set rv0 up && ip link set rv1 up
if wait_match 3000 '^[0-9]+ R +rv0 ' r '/interface print'; then
	ok "/interface print shows R for an up veth pair"
else
	fail "/interface print shows R for an up veth pair" "$(r '/interface print')"
fi
ip link set rv1 down
wait_match 3000 '^[0-9]+ +rv0 ' r '/interface print' && ok "running flag follows the link" || fail "running flag follows the link" "$(r '/interface print')"

# 12. an address-list entry with a timeout leaves store and kernel
r '/ip firewall address-list add list=brief address=10.66.0.1 timeout=2s'
sleep 0.3
nft list set ip rosh al_brief 2>/dev/null | grep -q 10.66.0.1 && ok "timed entry in the kernel" || fail "timed entry in the kernel" "$(nft list table ip rosh | grep -A3 al_brief)"
if wait_match 5000 '^0$' r ':put [:len [/ip firewall address-list find list=brief]]'; then
	ok "timed-out entry removed from the store"
else
	fail "timed-out entry removed from the store" "$(r '/ip firewall address-list print')"
fi
wait_match 2000 'brief' nft list table ip rosh && fail "timed-out entry removed from the kernel" "$(nft list table ip rosh | grep -A3 al_brief)" || ok "timed-out entry removed from the kernel"

# 7. SIGTERM stops it cleanly
kill -TERM $PID
wait $PID
rc=$?
PID=""
[ "$rc" = 0 ] && ok "SIGTERM: clean exit" || fail "SIGTERM: clean exit" "exit $rc"
"$ROSH" --db "$DB" -c '/log print' | grep -q "roshd stopped" && ok "stop is logged" || fail "stop is logged"
