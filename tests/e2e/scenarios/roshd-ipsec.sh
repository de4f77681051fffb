#!/bin/bash
# roshd on a kernel with ESP: the daemon in namespace srv applies an
# address, a firewall and a static IPsec policy (transport mode, UDP
# 1701 both ways, level require), then publishes what the kernel runs.
# The SAs come from tests/backend/xfrm_tool.c (the IKE daemon does not
# exist yet), with UDP encapsulation (NAT-T, 4500) and the policy's
# reqid; a client namespace holds the other end.  Checked through
# ip(8)/nft(8) and through `rosh print`:
#
#   cli 10.0.0.2 (xfrm_tool SAs, policies) --- srv 10.0.0.1 (roshd)
#
#  - address, firewall and policy reach srv's kernel; the policy is
#    active with ph2-state no-phase2;
#  - SAs installed in the kernel appear in /ip ipsec installed-sa
#    (spi, IP:4500, algorithms, key size, lifetimes), the policy turns
#    established; traffic moves the SA and firewall counters;
#  - /ip ipsec sa flush removes the SAs (kernel and menu) and keeps the
#    policies, so the traffic they protect is dropped, never sent in
#    the clear;
#  - roshd stops cleanly.
#
#   tests/e2e/vm.sh tests/e2e/scenarios/roshd-ipsec.sh
. "$E2E_REPO/tests/e2e/lib/e2e.sh"

SRV=10.0.0.1
CLI=10.0.0.2
REQID=0x52FFFFFF	# ENG_XFRM_REQID_SHARED: require/use policies
RC=0x52000010		# the client's own reqid
SPI_OUT=0x1001		# srv -> cli
SPI_IN=0x2002		# cli -> srv
ENC_O=0x$(printf '11%.0s' {1..16})	# cbc(aes) 128
AUTH_O=0x$(printf '22%.0s' {1..32})	# hmac(sha256) 256, ICV 128
ENC_I=0x$(printf '33%.0s' {1..16})
AUTH_I=0x$(printf '44%.0s' {1..32})
ALGS_O="enc=cbc(aes):$ENC_O auth=hmac(sha256):$AUTH_O:128"
ALGS_I="enc=cbc(aes):$ENC_I auth=hmac(sha256):$AUTH_I:128"
DIR=$(mktemp -d /tmp/roshd-ipsec.XXXXXX)
DB=$DIR/config.db
ROSH=$E2E_BUILD/rosh
ROSHD=$E2E_BUILD/roshd
PIDS=()
DPID=""

cleanup() {
	local p
	[ -n "$DPID" ] && kill "$DPID" 2>/dev/null
	for p in "${PIDS[@]}"; do
		kill "$p" 2>/dev/null
	done
	wait 2>/dev/null
}
trap cleanup EXIT

r() { ip netns exec srv "$ROSH" --db "$DB" -c "$1"; }
# r1 CMD: its output on one line, runs of blanks squeezed.
r1() { r "$1" | tr '\n' ' ' | tr -s ' '; }
x() {
	local ns=$1
	shift
	ip netns exec "$ns" "$TOOL" "$@"
}

# wait_match SECONDS REGEX CMD...: CMD's output matches REGEX in time.
wait_match() {
	local t=$1 re=$2 i out
	shift 2
	for i in $(seq $((t * 5))); do
		out=$("$@" 2>&1) && grep -qE -- "$re" <<<"$out" && return 0
		sleep 0.2
	done
	printf '%s\n' "$out"
	echo "(expected to match: $re)"
	return 1
}

# ---------------------------------------------------------------------------
e2e_section "build"

e2e_check "rosh and roshd are built" test -x "$ROSH" -a -x "$ROSHD"
TOOL=$E2E_BUILD/tests/backend/xfrm_tool
# shellcheck disable=SC2046
build_tool() {
	cc -std=gnu11 -D_GNU_SOURCE -Wall -Wextra -Werror -O1 -g \
		-I. -Ibackend $(pkg-config --cflags libnl-3.0) -o "$TOOL" \
		tests/backend/xfrm_tool.c backend/xfrm.c backend/xfrm_msg.c \
		backend/xfrm_parse.c backend/link.c \
		$(pkg-config --libs libnl-3.0 libnl-route-3.0)
}
stale() {
	local f
	[ -x "$TOOL" ] || return 0
	for f in backend/xfrm.c backend/xfrm_msg.c backend/xfrm_parse.c \
		backend/xfrm_local.h backend/backend.h tests/backend/xfrm_tool.c; do
		[ "$TOOL" -ot "$f" ] && return 0
	done
	return 1
}
if stale; then
	TOOL=/tmp/xfrm_tool
	e2e_check "compile xfrm_tool" build_tool
fi
if [ ! -x "$TOOL" ] || [ ! -x "$ROSHD" ]; then
	e2e_summary
	exit 1
fi

# ---------------------------------------------------------------------------
e2e_section "topology and roshd"

topology() {
	ip netns add srv && ip netns add cli || return 1
	ip -n srv link set lo up && ip -n cli link set lo up || return 1
	ip link add s0 netns srv type veth peer name c0 netns cli || return 1
	ip -n cli addr add $CLI/24 dev c0
	ip -n srv link set s0 up && ip -n cli link set c0 up
}
e2e_check "srv and cli joined by a veth pair" topology

cat >"$DIR/setup.rsc" <<EOF
/ip address add address=$SRV/24 interface=s0
/ip firewall filter
add chain=input protocol=udp dst-port=500,4500 action=accept comment=ike
add chain=input protocol=udp dst-port=1701 action=accept comment=l2tp
/ip ipsec policy add src-address=$SRV/32 src-port=1701 \\
    dst-address=$CLI/32 dst-port=1701 protocol=udp comment=l2tp
EOF
e2e_check "configuration imported" ip netns exec srv "$ROSH" --db "$DB" \
	"$DIR/setup.rsc"

ip netns exec srv "$ROSHD" --db "$DB" --foreground >"$DIR/roshd.out" 2>&1 &
DPID=$!
e2e_check "roshd listens" wait_match 10 roshd.sock ls "$DIR"

e2e_check_output "address in the kernel" "inet $SRV/24" \
	ip -n srv -4 addr show dev s0
e2e_check "firewall in the kernel" wait_match 5 \
	'udp dport 1701 counter packets 0 bytes 0 accept comment "\*[0-9A-F]+ l2tp"' \
	ip netns exec srv nft list table ip rosh
POL="src $SRV/32 dst $CLI/32 proto udp sport 1701 dport 1701"
xfrm_pol1() { ip -n srv xfrm policy | tr '\n\t' '  ' | tr -s ' '; }
e2e_check "policy out in the kernel, at its position, shared reqid" \
	wait_match 5 "$POL dir out priority 1375731713 ptype main tmpl src 0.0.0.0 dst 0.0.0.0 proto esp reqid 1392508927 mode transport" \
	xfrm_pol1
# count REGEX CMD...: lines of CMD's output matching REGEX (0 is fine).
count() {
	local re=$1
	shift
	"$@" | grep -cE -- "$re" || true
}
in_fwd() {
	echo "$(count 'dir in' bash -c "ip -n srv xfrm policy |
		grep -A1 'src $CLI/32 dst $SRV/32'") $(count 'dir fwd' \
		ip -n srv xfrm policy)"
}
e2e_check_output "mirrored in policy, no fwd in transport mode" "^1 0$" \
	in_fwd
e2e_check "policy active, no-phase2" wait_match 5 \
	'[0-9]+ A ;;; l2tp .*ph2-count=0 ph2-state=no-phase2' \
	r1 '/ip ipsec policy print detail where comment=l2tp'

# ---------------------------------------------------------------------------
e2e_section "SAs appear in /ip ipsec installed-sa"

srv_sas() {
	# shellcheck disable=SC2086
	x srv sa-add src=$SRV dst=$CLI spi=$SPI_OUT reqid=$REQID \
		encap=4500:4500 replay=64 soft-sec=1449 hard-sec=1812 $ALGS_O &&
	x srv sa-add src=$CLI dst=$SRV spi=$SPI_IN reqid=$REQID \
		encap=4500:4500 replay=64 soft-sec=1449 hard-sec=1812 $ALGS_I
}
cli_end() {
	# shellcheck disable=SC2086
	x cli sa-add src=$SRV dst=$CLI spi=$SPI_OUT reqid=$RC \
		encap=4500:4500 replay=64 $ALGS_O &&
	x cli sa-add src=$CLI dst=$SRV spi=$SPI_IN reqid=$RC \
		encap=4500:4500 replay=64 $ALGS_I &&
	x cli pol-add src=$CLI dst=$SRV proto=udp sport=1701 dport=1701 \
		dir=out tmpl=esp:transport:$RC:require &&
	x cli pol-add src=$SRV dst=$CLI proto=udp sport=1701 dport=1701 \
		dir=in tmpl=esp:transport:$RC:require
}
e2e_check "srv SAs (reqid of the policy, NAT-T 4500)" srv_sas
e2e_check "cli SAs and policies" cli_end

sa_print() { r '/ip ipsec installed-sa print'; }
e2e_check "outbound SA listed" wait_match 5 \
	"0x1001 +mature +$SRV:4500 +$CLI:4500 +sha256 +aes-cbc +128" sa_print
e2e_check_output "inbound SA listed" \
	"0x2002 +mature +$CLI:4500 +$SRV:4500 +sha256 +aes-cbc +128" sa_print
e2e_check_output "add-lifetime soft/hard" "add-lifetime=24m9s/30m12s" \
	r '/ip ipsec installed-sa print detail'
e2e_check_output "keys only with show-sensitive" \
	"enc-key=$(printf '11%.0s' {1..16})" \
	r '/ip ipsec installed-sa print detail show-sensitive'
no_keys() { ! r '/ip ipsec installed-sa print detail' | grep -q enc-key=; }
e2e_check "keys hidden without" no_keys
e2e_check "policy established, one SA pair" wait_match 5 \
	'ph2-count=1 ph2-state=established' \
	r '/ip ipsec policy print detail where comment=l2tp'

# ---------------------------------------------------------------------------
e2e_section "traffic through the SAs"

natt() {
	local ns=$1 log=$DIR/natt-$1.log i
	ip netns exec "$ns" "$TOOL" natt-listen 4500 >"$log" 2>&1 &
	PIDS+=($!)
	for i in $(seq 50); do
		grep -q listening "$log" 2>/dev/null && return 0
		sleep 0.2
	done
	cat "$log"
	return 1
}
for ns in srv cli; do
	if natt $ns; then
		e2e_pass "NAT-T socket in $ns"
	else
		e2e_fail "NAT-T socket in $ns"
	fi
done
ip netns exec cli "$TOOL" udp-echo $CLI:1701 100 120 >"$DIR/echo.log" 2>&1 &
PIDS+=($!)
sleep 1
ping_cli() { x srv udp-ping $SRV:1701 $CLI:1701 "$1" "${2:-10}"; }
e2e_check_output "srv -> cli -> srv over ESP in UDP" "^re:one$" ping_cli one
e2e_check_output "kernel counted it on the SA" "^[1-9]" \
	e2e_xfrm_packets srv $SPI_OUT
e2e_check "current-packets published" wait_match 5 \
	'spi=0x1001 .*current-packets=[1-9]' \
	r1 '/ip ipsec installed-sa print detail where spi=0x1001'
e2e_check "firewall counters in print stats" wait_match 5 \
	'ike [0-9]+ input accept [1-9][0-9]* [1-9]' \
	r1 '/ip firewall filter print stats'
e2e_check_output "statistics published" "in-no-states: [0-9]+" \
	r '/ip ipsec statistics print'

# ---------------------------------------------------------------------------
e2e_section "/ip ipsec sa flush"

e2e_check_output "flush is accepted" "^$" r '/ip ipsec sa flush'
e2e_check "SAs gone from the kernel" wait_match 5 '^0$' \
	count '^src' ip -n srv xfrm state
e2e_check "SAs gone from installed-sa" wait_match 5 '^0$' \
	r ':put [:len [/ip ipsec installed-sa find]]'
e2e_check_output "policies stay" "dir out priority 1375731713" \
	ip -n srv xfrm policy
e2e_check_output "flush logged" "installed SAs flushed by admin: 2 removed" \
	r '/log print'
no_reply() { ! ping_cli two 2; }
e2e_check "without SAs the traffic is dropped, not sent in the clear" \
	no_reply
e2e_check "policy back to no-phase2" wait_match 5 \
	'ph2-count=0 ph2-state=no-phase2' \
	r '/ip ipsec policy print detail where comment=l2tp'

# ---------------------------------------------------------------------------
e2e_section "stop"

kill -TERM "$DPID"
wait "$DPID"
rc=$?
DPID=""
e2e_check_output "roshd exits cleanly" "^0$" echo "$rc"
e2e_check_output "nothing on roshd's stderr" "^$" cat "$DIR/roshd.out"

e2e_summary
