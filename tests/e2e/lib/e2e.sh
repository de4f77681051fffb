# shellcheck shell=bash
# Helpers for e2e scenario scripts; source it first:
#
#   . "$E2E_REPO/tests/e2e/lib/e2e.sh"
#
# Each check prints one line "PASS name" or "FAIL name" (followed by the
# failing command's output, indented); e2e_summary prints
# "N passed, N failed" and returns non-zero when anything failed, so a
# scenario ends with `e2e_summary` (or `exit $?` after it).

if [ -z "${E2E_GUEST:-}" ]; then
	echo "this scenario runs inside the e2e VM: tests/e2e/vm.sh $0" >&2
	exit 2
fi

E2E_PASSED=0
E2E_FAILED=0
E2E_LIB=$E2E_REPO/tests/e2e/lib
# The UDP tool as a command line, meant to be word-split: $UDPTOOL send ...
UDPTOOL="/usr/bin/python3 -I -S $E2E_LIB/udptool.py"

e2e_pass() {
	E2E_PASSED=$((E2E_PASSED + 1))
	echo "PASS $*"
}

# e2e_fail NAME [DETAIL...]
e2e_fail() {
	local name=$1
	shift
	E2E_FAILED=$((E2E_FAILED + 1))
	echo "FAIL $name"
	[ $# -gt 0 ] && printf '%s\n' "$@" | sed 's/^/    /'
	return 0
}

# e2e_check NAME COMMAND [ARGS...]: pass when COMMAND exits 0.
e2e_check() {
	local name=$1 out
	shift
	if out=$("$@" 2>&1); then
		e2e_pass "$name"
	else
		e2e_fail "$name" "\$ $*" "$out"
	fi
}

# e2e_check_output NAME REGEX COMMAND [ARGS...]: pass when COMMAND exits 0
# and its output matches the extended regular expression REGEX.
e2e_check_output() {
	local name=$1 re=$2 out
	shift 2
	if out=$("$@" 2>&1) && grep -qE -- "$re" <<<"$out"; then
		e2e_pass "$name"
	else
		e2e_fail "$name" "\$ $*" "(expected to match: $re)" "$out"
	fi
}

# e2e_section TITLE: a heading in the scenario's output, with the
# seconds since the scenario started.
e2e_section() {
	echo "--- $* [${SECONDS}s] ---"
}

e2e_summary() {
	echo "--- done [${SECONDS}s] ---"
	echo "$E2E_PASSED passed, $E2E_FAILED failed"
	[ "$E2E_FAILED" -eq 0 ] && [ "$E2E_PASSED" -gt 0 ]
}

# e2e_netns_pair NS1 ADDR1 NS2 ADDR2: two namespaces with loopback up,
# joined by a veth pair named after them (veth-NS1 in NS1, veth-NS2 in
# NS2); ADDRs are CIDR addresses such as 10.0.0.1/24.
e2e_netns_pair() {
	local a=$1 aa=$2 b=$3 ba=$4
	ip netns add "$a" && ip netns add "$b" || return 1
	ip -n "$a" link set lo up
	ip -n "$b" link set lo up
	ip link add "veth-$a" netns "$a" type veth peer name "veth-$b" netns "$b" || return 1
	ip -n "$a" addr add "$aa" dev "veth-$a"
	ip -n "$b" addr add "$ba" dev "veth-$b"
	ip -n "$a" link set "veth-$a" up
	ip -n "$b" link set "veth-$b" up
}

# e2e_udp_exchange SRV_NS CLI_NS HOST PORT COUNT [SRV_OPTS [CLI_OPTS]]:
# run a udptool echo server on PORT in SRV_NS and, once it listens, send
# COUNT datagrams to HOST:PORT from CLI_NS.  The OPTS are extra udptool
# options (--mark, --encap, --timeout) for each side.  Prints the sender's
# "sent N received K" line; returns its status.
e2e_udp_exchange() {
	local sns=$1 cns=$2 host=$3 port=$4 count=$5 sopts=${6:-} copts=${7:-}
	local ready pid rc
	ready=$(mktemp -u /tmp/e2e-ready.XXXXXX)
	# shellcheck disable=SC2086
	ip netns exec "$sns" $UDPTOOL echo "$port" --count "$count" \
		--timeout 30 --ready "$ready" $sopts >/dev/null &
	pid=$!
	for _ in $(seq 100); do
		[ -e "$ready" ] && break
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.2
	done
	if [ ! -e "$ready" ]; then
		echo "the echo server in $sns did not start"
		kill "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
		return 1
	fi
	rm -f "$ready"
	# shellcheck disable=SC2086
	ip netns exec "$cns" $UDPTOOL send "$host" "$port" --count "$count" $copts
	rc=$?
	kill "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	return $rc
}

# e2e_link_rx_packets NS DEV: packets DEV in NS has received.
e2e_link_rx_packets() {
	ip -n "$1" -s link show dev "$2" 2>/dev/null |
		awk '$1 == "RX:" { getline; print $2; exit }'
}

# e2e_xfrm_packets NS SPI: packets counted so far by the SA with SPI in NS.
e2e_xfrm_packets() {
	ip -n "$1" -s xfrm state list spi "$2" 2>/dev/null |
		awk '/lifetime current:/ { getline; sub(/\(packets\).*/, ""); sub(/.*, */, ""); print; exit }'
}
