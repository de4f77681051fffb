#!/bin/bash
# Proves the e2e VM gives us a kernel that can do what roshd needs,
# using only iproute2, nft and a little Python - no rosh code:
#   - ESP in UDP (RFC 3948), transport mode, between two namespaces, with
#     marked policies and distinct reqids; traffic flows both ways, the SA
#     counters move, and unmarked traffic is refused by the inbound policy;
#   - an L2TPv3 tunnel and session made through l2tp_netlink carry
#     traffic, and a PPPoL2TP socket can be created;
#   - nftables tables can be loaded and listed.
#
#   tests/e2e/vm.sh tests/e2e/scenarios/smoke-kernel.sh
. "$E2E_REPO/tests/e2e/lib/e2e.sh"

SRV=10.0.0.1
CLI=10.0.0.2
AUTH_C2S=0x$(printf '11%.0s' {1..20})	# hmac(sha1): 160-bit keys
AUTH_S2C=0x$(printf '22%.0s' {1..20})
ENC_C2S=0x$(printf '33%.0s' {1..16})	# cbc(aes): 128-bit keys
ENC_S2C=0x$(printf '44%.0s' {1..16})
SPI_C2S=0x1001
SPI_S2C=0x2002
MARK_CLI=0x10	# cli marks what it sends to srv
MARK_SRV=0x20	# srv marks its replies
PORT=5001

e2e_section "kernel $(uname -r)"
missing=""
for m in esp4 xfrm_user l2tp_core l2tp_netlink l2tp_ppp l2tp_ip ppp_generic \
	pppox nf_tables nft_ct nft_nat nft_masq nf_conntrack veth tun; do
	grep -q "^$m " /proc/modules || missing="$missing $m"
done
if [ -z "$missing" ]; then
	e2e_pass "modules loaded at boot"
else
	e2e_fail "modules loaded at boot" "missing:$missing"
fi
e2e_check_output "modprobe loads a module that was not preloaded (ipip)" "^ipip " \
	bash -c "modprobe ipip && grep '^ipip ' /proc/modules"

e2e_section "namespaces"
e2e_check "netns srv and cli joined by a veth pair" \
	e2e_netns_pair srv "$SRV/24" cli "$CLI/24"
e2e_check_output "plain UDP crosses the veth" "sent 3 received 3" \
	e2e_udp_exchange srv cli $SRV 6000 3

e2e_section "ESP in UDP, transport mode"
# sa NS SRC DST SPI REQID AUTH ENC
sa() {
	ip -n "$1" xfrm state add src "$2" dst "$3" proto esp spi "$4" \
		reqid "$5" mode transport auth sha1 "$6" enc aes "$7" \
		encap espinudp 4500 4500 0.0.0.0
}
# pol NS DIR SRC DST PORTSEL REQID [MARK]
pol() {
	local ns=$1 dir=$2 src=$3 dst=$4 sel=$5 reqid=$6 mark=${7:-}
	# shellcheck disable=SC2086 # SEL is "dport N" or "sport N"
	ip -n "$ns" xfrm policy add src "$src/32" dst "$dst/32" proto udp $sel \
		dir "$dir" ${mark:+mark "$mark" mask 0xffffffff} \
		tmpl src "$src" dst "$dst" proto esp reqid "$reqid" mode transport
}
setup_xfrm() {
	for ns in srv cli; do
		sa "$ns" $CLI $SRV $SPI_C2S 101 "$AUTH_C2S" "$ENC_C2S" || return 1
		sa "$ns" $SRV $CLI $SPI_S2C 102 "$AUTH_S2C" "$ENC_S2C" || return 1
	done
	pol cli out $CLI $SRV "dport $PORT" 101 $MARK_CLI &&
	pol srv in $CLI $SRV "dport $PORT" 101 &&
	pol srv out $SRV $CLI "sport $PORT" 102 $MARK_SRV &&
	pol cli in $SRV $CLI "sport $PORT" 102
}
e2e_check "SAs and marked policies installed" setup_xfrm
e2e_check_output "srv lists both SAs" "^2$" \
	bash -c "ip -n srv xfrm state | grep -c 'proto esp spi .* reqid 10[12]'"
e2e_check_output "cli out policy carries its mark" "mark 0x10/0xffffffff" \
	ip -n cli xfrm policy list dir out
e2e_check "nft counts ESP-in-UDP arriving at srv" ip netns exec srv nft -f - <<'EOF'
table inet e2e {
	chain input {
		type filter hook input priority 0; policy accept;
		udp dport 4500 counter name natt
		udp dport 5001 counter name plain
	}
	counter natt { }
	counter plain { }
}
EOF

out=$(e2e_udp_exchange srv cli $SRV $PORT 5 "--mark $MARK_SRV --encap 4500" \
	"--mark $MARK_CLI --encap 4500 --timeout 20" 2>&1)
if grep -q "sent 5 received 5" <<<"$out"; then
	e2e_pass "5 marked datagrams went through ESP and came back"
else
	e2e_fail "5 marked datagrams went through ESP and came back" "$out" \
		"$(ip netns exec srv cat /proc/net/xfrm_stat | grep -v ' 0$')"
fi
for x in "srv $SPI_C2S in" "cli $SPI_C2S out" "srv $SPI_S2C out" "cli $SPI_S2C in"; do
	read -r -a f <<<"$x"
	set -- "${f[@]}"
	n=$(e2e_xfrm_packets "$1" "$2")
	if [ "${n:-0}" -ge 5 ]; then
		e2e_pass "SA $2 on $1 ($3) counted $n packets"
	else
		e2e_fail "SA $2 on $1 ($3) counted ${n:-no} packets" \
			"$(ip -n "$1" -s xfrm state list spi "$2")"
	fi
done
e2e_check_output "srv saw the ESP packets on UDP 4500" \
	"packets ([5-9]|[1-9][0-9]+) " ip netns exec srv nft list counter inet e2e natt

# Inbound packets srv's policies refused so far.
policy_drops() {
	ip netns exec srv awk '$1 == "XfrmInTmplMismatch" || $1 == "XfrmInNoPols" { s += $2 }
		END { print s + 0 }' /proc/net/xfrm_stat
}
before=$(policy_drops)
out=$(e2e_udp_exchange srv cli $SRV $PORT 1 "" "--timeout 2" 2>&1)
after=$(policy_drops)
if grep -q "sent 1 received 0" <<<"$out" && [ "$after" -gt "$before" ]; then
	e2e_pass "unmarked datagram bypasses ESP and srv's in policy drops it"
else
	e2e_fail "unmarked datagram bypasses ESP and srv's in policy drops it" \
		"$out" "policy drops before $before after $after"
fi
ip -n srv xfrm state flush && ip -n srv xfrm policy flush
ip -n cli xfrm state flush && ip -n cli xfrm policy flush

e2e_section "L2TP"
l2tp_end() {	# NS LOCAL REMOTE TID PTID SID PSID ADDR
	ip -n "$1" l2tp add tunnel tunnel_id "$4" peer_tunnel_id "$5" \
		encap udp local "$2" remote "$3" udp_sport 1701 udp_dport 1701 &&
	ip -n "$1" l2tp add session name l2tp-e2e tunnel_id "$4" \
		session_id "$6" peer_session_id "$7" &&
	ip -n "$1" addr add "$8" dev l2tp-e2e &&
	ip -n "$1" link set l2tp-e2e up
}
e2e_check "L2TPv3 tunnel and session on srv" l2tp_end srv $SRV $CLI 10 20 1 2 192.168.77.1/30
e2e_check "L2TPv3 tunnel and session on cli" l2tp_end cli $CLI $SRV 20 10 2 1 192.168.77.2/30
e2e_check_output "ip l2tp show tunnel lists it" "Tunnel 10, encap UDP" ip -n srv l2tp show tunnel
e2e_check_output "ip l2tp show session lists it" "Session 1 in tunnel 10" ip -n srv l2tp show session
e2e_check_output "UDP crosses the L2TP session" "sent 3 received 3" \
	e2e_udp_exchange srv cli 192.168.77.1 6001 3
n=$(e2e_link_rx_packets srv l2tp-e2e)
if [ "${n:-0}" -ge 3 ]; then
	e2e_pass "the session device received $n packets"
else
	e2e_fail "the session device received ${n:-no} packets" "$(ip -n srv -s link show l2tp-e2e)"
fi
e2e_check "L2TP session and tunnel deleted" bash -c "
	ip -n srv l2tp del session tunnel_id 10 session_id 1 &&
	ip -n srv l2tp del tunnel tunnel_id 10"
# shellcheck disable=SC2086
e2e_check "PPPoL2TP socket (l2tp_ppp)" $UDPTOOL pppol2tp
e2e_check "/dev/ppp opens (ppp_generic)" bash -c 'exec 3<>/dev/ppp'

e2e_section "nftables"
e2e_check "nft loads a small table" nft -f - <<'EOF'
table inet rosh_e2e {
	set blocked { type ipv4_addr; flags interval; elements = { 192.0.2.0/24 } }
	chain input {
		type filter hook input priority 0; policy accept;
		ct state established,related accept
		ip saddr @blocked counter drop
		udp dport 1701 meta ipsec exists accept
	}
	chain srcnat {
		type nat hook postrouting priority srcnat; policy accept;
		oifname "veth*" masquerade
	}
}
EOF
e2e_check_output "nft list ruleset shows it" "table inet rosh_e2e" nft list ruleset
e2e_check "nft deletes it" nft delete table inet rosh_e2e

e2e_section "cleanup"
e2e_check "namespaces deleted" bash -c "ip netns del srv && ip netns del cli"

e2e_summary
