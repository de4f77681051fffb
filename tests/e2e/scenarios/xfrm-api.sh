#!/bin/bash
# backend/xfrm.c on a kernel with ESP, through tests/backend/xfrm_tool.c:
# two L2TP/IPsec clients behind one NAT, both using UDP source port 1701,
# reach one server.  After NAT-T decapsulation their transport-mode
# selectors are identical (10.0.0.254:1701 -> 10.0.0.1:1701); the server
# keeps them apart with a mark and a unique reqid per client:
#
#   c1 192.168.1.2 --+                      inbound SA:  set-mark M
#                    +-- nat 10.0.0.254 --- srv 10.0.0.1
#   c2 192.168.2.2 --+   (4500 -> 4501/4502)  in/out policies: mark M,
#                                             reqid R (level unique)
#                                             outbound SA: mark M, reqid R
#
# The server answers each datagram with the mark it arrived with
# (SO_RCVMARK, then SO_MARK), so the reply must leave through that
# client's SA and NAT port.  Then: counters read back, lifetime update in
# place, rekey of client 1 (SPI reserved by spi-alloc, completed with
# REPLACE, old SAs deleted), delete, exact marks, ownership and flush
# with foreign state present, statistics.
#
#   tests/e2e/vm.sh tests/e2e/scenarios/xfrm-api.sh
. "$E2E_REPO/tests/e2e/lib/e2e.sh"

SRV=10.0.0.1
NAT=10.0.0.254
C1=192.168.1.2
C2=192.168.2.2
MA=0x101		# client 1's mark on the server
MB=0x102		# client 2's
RC=0x52000010		# reqid of the SAs inside each client
ENC_A1=0x$(printf 'a1%.0s' {1..16})	# cbc(aes) 128
AUTH_A1=0x$(printf 'b1%.0s' {1..32})	# hmac(sha256) 256, ICV 128
ENC_A2=0x$(printf 'a2%.0s' {1..16})
AUTH_A2=0x$(printf 'b2%.0s' {1..32})
ENC_A3=0x$(printf 'a3%.0s' {1..16})
AUTH_A3=0x$(printf 'b3%.0s' {1..32})
ENC_A4=0x$(printf 'a4%.0s' {1..16})
AUTH_A4=0x$(printf 'b4%.0s' {1..32})
AEAD_B1=0x$(printf 'c1%.0s' {1..20})	# rfc4106(gcm(aes)): 16 + 4 salt
AEAD_B2=0x$(printf 'c2%.0s' {1..20})
ALGS_A1="enc=cbc(aes):$ENC_A1 auth=hmac(sha256):$AUTH_A1:128"
ALGS_A2="enc=cbc(aes):$ENC_A2 auth=hmac(sha256):$AUTH_A2:128"
ALGS_B1="aead=rfc4106(gcm(aes)):$AEAD_B1:128"
ALGS_B2="aead=rfc4106(gcm(aes)):$AEAD_B2:128"
PIDS=()

cleanup() {
	local p
	for p in "${PIDS[@]}"; do
		kill "$p" 2>/dev/null
	done
	wait 2>/dev/null
}
trap cleanup EXIT

x() {
	local ns=$1
	shift
	ip netns exec "$ns" "$TOOL" "$@"
}

# sa_field NS SPI FIELD: FIELD of the SA with SPI, as sa-list prints it.
sa_field() {
	x "$1" sa-list | awk -v s="spi=$2" -v f="$3=" '$1 == s {
		for (i = 2; i <= NF; i++)
			if (index($i, f) == 1)
				print substr($i, length(f) + 1) }'
}

# expect_field NS SPI FIELD VALUE
expect_field() {
	local got
	got=$(sa_field "$1" "$2" "$3")
	[ "$got" = "$4" ] && return 0
	echo "$1 SA $2: $3 is '$got', want '$4'"
	x "$1" sa-list
	return 1
}

stat_of() {
	x "$1" stats | awk -v n="$2" '$1 == n { print $2 }'
}

# ---------------------------------------------------------------------------
e2e_section "build xfrm_tool"

# A build-tree copy when it is current, else compile it here with the
# host's compiler, under ASan and UBSan like the unit tests.
TOOL=$E2E_BUILD/tests/backend/xfrm_tool
# shellcheck disable=SC2046
build_tool() {
	cc -std=gnu11 -D_GNU_SOURCE -Wall -Wextra -Werror -O1 -g \
		-fsanitize=address,undefined -fno-omit-frame-pointer \
		-fno-sanitize-recover=undefined -I. -Ibackend \
		$(pkg-config --cflags libnl-3.0) -o "$TOOL" \
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
if [ ! -x "$TOOL" ]; then
	e2e_summary
	exit 1
fi
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0

# ---------------------------------------------------------------------------
e2e_section "topology: two clients behind one NAT"

topology() {
	local ns
	for ns in srv nat c1 c2; do
		ip netns add $ns && ip -n $ns link set lo up || return 1
	done
	ip link add s0 netns srv type veth peer name n0 netns nat &&
	ip link add e1 netns c1 type veth peer name n1 netns nat &&
	ip link add e2 netns c2 type veth peer name n2 netns nat || return 1
	ip -n srv addr add $SRV/24 dev s0
	ip -n nat addr add $NAT/24 dev n0
	ip -n nat addr add 192.168.1.1/24 dev n1
	ip -n nat addr add 192.168.2.1/24 dev n2
	ip -n c1 addr add $C1/24 dev e1
	ip -n c2 addr add $C2/24 dev e2
	for l in srv:s0 nat:n0 nat:n1 nat:n2 c1:e1 c2:e2; do
		ip -n "${l%:*}" link set "${l#*:}" up || return 1
	done
	ip -n c1 route add default via 192.168.1.1
	ip -n c2 route add default via 192.168.2.1
	ip netns exec nat sysctl -qw net.ipv4.ip_forward=1
	# Both clients send from UDP 4500; the NAT gives them 4501 and 4502.
	ip netns exec nat nft -f - <<-EOF
	table ip nat {
		chain post {
			type nat hook postrouting priority srcnat; policy accept;
			oifname "n0" ip saddr $C1 udp sport 4500 snat to $NAT:4501
			oifname "n0" ip saddr $C2 udp sport 4500 snat to $NAT:4502
			oifname "n0" masquerade
		}
	}
	EOF
}
e2e_check "srv, nat, c1 and c2 wired" topology

# ---------------------------------------------------------------------------
e2e_section "server: SAs and policies for both clients"

RA=$(x srv reqid-unused)
e2e_check_output "reqid-unused starts at the band" "^0x52000000$" echo "$RA"

# srv_sas SPI_IN SPI_OUT MARK REQID NATPORT "ALGS_IN" "ALGS_OUT": the
# inbound SA marks what it decrypts, the outbound one takes what is
# marked.  ALGS are blank-separated xfrm_tool arguments.
srv_sas() {
	local in=$1 out=$2 mark=$3 reqid=$4 port=$5
	# shellcheck disable=SC2086
	x srv sa-add src=$NAT dst=$SRV spi=$in reqid=$reqid set-mark=$mark \
		encap=$port:4500 replay=64 $6 &&
	x srv sa-add src=$SRV dst=$NAT spi=$out reqid=$reqid mark=$mark \
		encap=4500:$port replay=64 $7
}
srv_pols() {
	local mark=$1 reqid=$2 pos=$3
	x srv pol-add src=$SRV dst=$NAT proto=udp sport=1701 dport=1701 \
		dir=out pos=$pos mark=$mark tmpl=esp:transport:$reqid:unique &&
	x srv pol-add src=$NAT dst=$SRV proto=udp sport=1701 dport=1701 \
		dir=in pos=$pos mark=$mark tmpl=esp:transport:$reqid:unique
}
e2e_check "client 1: SAs (cbc(aes) + hmac(sha256), NAT-T 4501)" \
	srv_sas 0xa0000001 0xa0000002 $MA "$RA" 4501 "$ALGS_A1" "$ALGS_A2"
e2e_check "client 1: in/out policies, mark $MA, unique reqid $RA" \
	srv_pols $MA "$RA" 0
RB=$(x srv reqid-unused)
e2e_check_output "reqid-unused skips the reqid in use" "^0x52000001$" \
	echo "$RB"
e2e_check_output "client 2 may not reuse client 1's unique reqid" \
	"unique to another policy" \
	bash -c "! ip netns exec srv $TOOL pol-add src=$SRV dst=$NAT \
		proto=udp sport=1701 dport=1701 dir=out pos=1 mark=$MB \
		tmpl=esp:transport:$RA:unique 2>&1"
e2e_check "client 2: SAs (rfc4106(gcm(aes)), NAT-T 4502)" \
	srv_sas 0xb0000001 0xb0000002 $MB "$RB" 4502 "$ALGS_B1" "$ALGS_B2"
e2e_check "client 2: in/out policies, mark $MB, unique reqid $RB" \
	srv_pols $MB "$RB" 1
e2e_check_output "policy list: identical selectors, two marks" \
	"^4$" bash -c "ip netns exec srv $TOOL pol-list |
		grep -c 'proto=17 sport=1701 dport=1701 mark=0x10[12]/0xffffffff'"
e2e_check_output "policy list in order: client 1 (pos 0) first" \
	"^pos=0 dir=in .*mark=0x101/.*tmpl=esp:transport:0x52000000:unique" \
	bash -c "ip netns exec srv $TOOL pol-list | head -n 1"

# ---------------------------------------------------------------------------
e2e_section "clients: their ends of the SAs"

# cli_end NS ADDR SPI_OUT SPI_IN "ALGS_OUT" "ALGS_IN"
cli_end() {
	local ns=$1 me=$2 out=$3 in=$4
	# shellcheck disable=SC2086
	x $ns sa-add src=$me dst=$SRV spi=$out reqid=$RC encap=4500:4500 \
		replay=64 $5 &&
	x $ns sa-add src=$SRV dst=$me spi=$in reqid=$RC encap=4500:4500 \
		replay=64 $6 &&
	x $ns pol-add src=$me dst=$SRV proto=udp sport=1701 dport=1701 \
		dir=out tmpl=esp:transport:$RC:require &&
	x $ns pol-add src=$SRV dst=$me proto=udp sport=1701 dport=1701 \
		dir=in tmpl=esp:transport:$RC:require
}
e2e_check "c1 SAs and policies" cli_end c1 $C1 0xa0000001 0xa0000002 \
	"$ALGS_A1" "$ALGS_A2"
e2e_check "c2 SAs and policies" cli_end c2 $C2 0xb0000001 0xb0000002 \
	"$ALGS_B1" "$ALGS_B2"

# ESP-in-UDP arrives on a socket with UDP_ENCAP set, as the IKE
# daemon's port 4500 socket would be.
natt() {
	local ns=$1 log=/tmp/natt-$1.log i
	ip netns exec "$ns" "$TOOL" natt-listen 4500 >"$log" 2>&1 &
	PIDS+=($!)
	for i in $(seq 50); do
		grep -q listening "$log" 2>/dev/null && return 0
		sleep 0.2
	done
	cat "$log"
	return 1
}
# Not through e2e_check: its subshell would lose the pids.
for ns in srv c1 c2; do
	if natt $ns; then
		e2e_pass "NAT-T socket (UDP_ENCAP_ESPINUDP) in $ns"
	else
		e2e_fail "NAT-T socket (UDP_ENCAP_ESPINUDP) in $ns"
	fi
done

# The "L2TP server": echoes each datagram with the mark it came with.
ip netns exec srv "$TOOL" udp-echo $SRV:1701 100 120 >/tmp/echo.log 2>&1 &
PIDS+=($!)
sleep 1

ping_from() {
	ip netns exec "$1" "$TOOL" udp-ping "$2:1701" "$SRV:1701" "$3" "${4:-10}"
}

# ---------------------------------------------------------------------------
e2e_section "traffic through the SAs"

e2e_check_output "c1 -> srv -> c1 (a1)" "^re:a1$" ping_from c1 $C1 a1
e2e_check_output "c2 -> srv -> c2 (b1)" "^re:b1$" ping_from c2 $C2 b1
e2e_check_output "c1 again (a2)" "^re:a2$" ping_from c1 $C1 a2
e2e_check_output "c2 again (b2)" "^re:b2$" ping_from c2 $C2 b2
e2e_check_output "srv saw client 1 as $NAT:1701 with mark $MA" \
	"^mark 0x101 from $NAT:1701 a1$" cat /tmp/echo.log
e2e_check_output "srv saw client 2 as $NAT:1701 with mark $MB" \
	"^mark 0x102 from $NAT:1701 b1$" cat /tmp/echo.log

e2e_section "counters and fields read back"
e2e_check "srv in SA of client 1 counted 2 packets" \
	expect_field srv 0xa0000001 packets 2
e2e_check "srv out SA of client 1 counted 2 packets" \
	expect_field srv 0xa0000002 packets 2
e2e_check "srv in SA of client 2 counted 2 packets" \
	expect_field srv 0xb0000001 packets 2
e2e_check "srv out SA of client 2 counted 2 packets" \
	expect_field srv 0xb0000002 packets 2
e2e_check "c1 out SA counted 2 packets" expect_field c1 0xa0000001 packets 2
e2e_check "c2 in SA counted 2 packets" expect_field c2 0xb0000002 packets 2
e2e_check "srv in SA bytes moved" bash -c \
	"[ \"\$(ip netns exec srv $TOOL sa-list | awk '\$1 == \"spi=0xa0000001\"' |
		sed 's/.* bytes=\([0-9]*\) .*/\1/')\" -gt 0 ]"
e2e_check "out SA of client 1: NAT-T ports 4500:4501" \
	expect_field srv 0xa0000002 encap 4500:4501
e2e_check "out SA of client 2: NAT-T ports 4500:4502" \
	expect_field srv 0xb0000002 encap 4500:4502
e2e_check "out SA of client 1 carries mark $MA" \
	expect_field srv 0xa0000002 mark 0x101/0xffffffff
e2e_check "in SA of client 2 sets mark $MB" \
	expect_field srv 0xb0000001 set-mark 0x102/0xffffffff
e2e_check "reqids: client 1 $RA, client 2 $RB" bash -c \
	"[ \"\$(ip netns exec srv $TOOL sa-list | grep -c 'reqid=$RA')\" = 2 ] &&
	 [ \"\$(ip netns exec srv $TOOL sa-list | grep -c 'reqid=$RB')\" = 2 ]"
e2e_check "algorithms: cbc(aes) 128, hmac(sha256) ICV 128" \
	expect_field srv 0xa0000001 auth "hmac(sha256)/256/128"
e2e_check "algorithms: rfc4106(gcm(aes)) 160-bit key, ICV 128" \
	expect_field srv 0xb0000002 aead "rfc4106(gcm(aes))/160/128"
e2e_check "replay window 64 (ESN replay state)" \
	expect_field srv 0xa0000001 replay-window 64
e2e_check "state mature, seen traffic" bash -c \
	"ip netns exec srv $TOOL sa-list | grep '^spi=0xa0000001' |
		grep -q 'state=mature.* used=1'"
e2e_check "4 SAs of rosh's on srv" bash -c \
	"[ \"\$(ip netns exec srv $TOOL sa-list | wc -l)\" = 4 ]"

# ---------------------------------------------------------------------------
e2e_section "update in place"

e2e_check "REPLACE an out SA with new lifetimes" \
	x srv sa-add replace src=$SRV dst=$NAT spi=0xa0000002 reqid="$RA" \
	mark=$MA encap=4500:4501 replay=64 "enc=cbc(aes):$ENC_A2" \
	"auth=hmac(sha256):$AUTH_A2:128" soft-sec=1440 hard-sec=1800
e2e_check "lifetimes read back" bash -c \
	"ip netns exec srv $TOOL sa-list | grep '^spi=0xa0000002' |
		grep -q 'soft-sec=1440 hard-sec=1800'"
e2e_check "counters survive the update" expect_field srv 0xa0000002 packets 2
e2e_check_output "plain add of an existing SA is refused" "File exists" \
	bash -c "! ip netns exec srv $TOOL sa-add src=$SRV dst=$NAT \
		spi=0xa0000002 reqid=$RA mark=$MA 'enc=cbc(aes):$ENC_A2' 2>&1"

# ---------------------------------------------------------------------------
e2e_section "rekey client 1: new SAs, then delete the old"

NEWIN=$(x srv spi-alloc src=$NAT dst=$SRV reqid="$RA")
e2e_check_output "srv reserves an inbound SPI" "^0x[0-9a-f]{8}$" echo "$NEWIN"
e2e_check "the reserved SA is larval" expect_field srv "$NEWIN" state larval
e2e_check "c1 adds its new out SA" \
	x c1 sa-add src=$C1 dst=$SRV spi="$NEWIN" reqid=$RC encap=4500:4500 \
	replay=64 "enc=cbc(aes):$ENC_A3" "auth=hmac(sha256):$AUTH_A3:128"
e2e_check "srv completes the larval SA (REPLACE)" \
	x srv sa-add replace src=$NAT dst=$SRV spi="$NEWIN" reqid="$RA" \
	set-mark=$MA encap=4501:4500 replay=64 "enc=cbc(aes):$ENC_A3" \
	"auth=hmac(sha256):$AUTH_A3:128"
e2e_check "the new inbound SA is mature" expect_field srv "$NEWIN" state mature
e2e_check "srv adds its new out SA" \
	x srv sa-add src=$SRV dst=$NAT spi=0xa0000004 reqid="$RA" mark=$MA \
	encap=4500:4501 replay=64 "enc=cbc(aes):$ENC_A4" \
	"auth=hmac(sha256):$AUTH_A4:128"
e2e_check "c1 adds its new in SA" \
	x c1 sa-add src=$SRV dst=$C1 spi=0xa0000004 reqid=$RC encap=4500:4500 \
	replay=64 "enc=cbc(aes):$ENC_A4" "auth=hmac(sha256):$AUTH_A4:128"
e2e_check "srv deletes the old in SA" \
	x srv sa-del src=$NAT dst=$SRV spi=0xa0000001
e2e_check "srv deletes the old out SA (by its mark)" \
	x srv sa-del src=$SRV dst=$NAT spi=0xa0000002 mark=$MA
e2e_check "c1 deletes its old SAs" bash -c \
	"ip netns exec c1 $TOOL sa-del src=$C1 dst=$SRV spi=0xa0000001 &&
	 ip netns exec c1 $TOOL sa-del src=$SRV dst=$C1 spi=0xa0000002"
e2e_check_output "c1 -> srv -> c1 over the new SAs (a3)" "^re:a3$" \
	ping_from c1 $C1 a3
e2e_check "new inbound SA counted 1 packet" expect_field srv "$NEWIN" packets 1
e2e_check "new out SA counted 1 packet" expect_field srv 0xa0000004 packets 1
e2e_check "old SAs are gone" bash -c \
	"! ip netns exec srv $TOOL sa-list | grep -q '^spi=0xa000000[12] '"
e2e_check_output "client 2 is untouched (b3)" "^re:b3$" ping_from c2 $C2 b3

# ---------------------------------------------------------------------------
e2e_section "delete"

NOSTATES=$(stat_of srv in-no-states)
e2e_check_output "an SA is named by its exact mark" "no such SA" \
	bash -c "! ip netns exec srv $TOOL sa-del src=$SRV dst=$NAT \
		spi=0xb0000002 mark=0x999 2>&1"
e2e_check "srv deletes client 2's inbound SA" \
	x srv sa-del src=$NAT dst=$SRV spi=0xb0000001
e2e_check_output "deleting it again: no such SA" "no such SA.*errno 2" \
	bash -c "! ip netns exec srv $TOOL sa-del src=$NAT dst=$SRV \
		spi=0xb0000001 2>&1"
e2e_check_output "client 2 gets no answer now" "^no reply$" \
	bash -c "! ip netns exec c2 $TOOL udp-ping $C2:1701 $SRV:1701 b4 3"
e2e_check "statistics: in-no-states grew" bash -c \
	"[ \"\$(ip netns exec srv $TOOL stats | awk '\$1 == \"in-no-states\" { print \$2 }')\" -gt $NOSTATES ]"
e2e_check_output "statistics: the kernel's counters are all there" \
	"^present (2[5-9]|3[0-9])$" x srv stats

# ---------------------------------------------------------------------------
e2e_section "ownership and flush"

foreign() {
	ip -n srv xfrm state add src $SRV dst 10.0.0.99 proto esp spi 0x7777 \
		reqid 7 mode transport enc 'cbc(aes)' $ENC_A1 \
		auth-trunc 'hmac(sha256)' $AUTH_A1 128 &&
	ip -n srv xfrm policy add src $SRV/32 dst 10.0.0.99/32 proto udp \
		dir out priority 10 tmpl proto esp reqid 7 mode transport
}
e2e_check "foreign SA and policy added with ip(8)" foreign
e2e_check "the foreign SA is not listed" bash -c \
	"! ip netns exec srv $TOOL sa-list | grep -q 0x00007777"
e2e_check_output "the API refuses to delete the foreign SA" "not rosh's" \
	bash -c "! ip netns exec srv $TOOL sa-del src=$SRV dst=10.0.0.99 \
		spi=0x7777 2>&1"
e2e_check_output "nor to replace it" "not rosh's" \
	bash -c "! ip netns exec srv $TOOL sa-add replace src=$SRV \
		dst=10.0.0.99 spi=0x7777 reqid=$RA 'enc=cbc(aes):$ENC_A1' 2>&1"
e2e_check "flush" x srv flush
e2e_check_output "no SA of rosh's left" "^0$" \
	bash -c "ip netns exec srv $TOOL sa-list | wc -l"
e2e_check_output "no policy of rosh's left" "^0$" \
	bash -c "ip netns exec srv $TOOL pol-list | wc -l"
e2e_check_output "the foreign SA survived" "spi 0x00007777 reqid 7 " \
	ip -n srv xfrm state
e2e_check_output "only the foreign SA is left" "^1$" \
	bash -c "ip -n srv xfrm state | grep -c '^src'"
e2e_check_output "only the foreign policy is left" "^1$" \
	bash -c "ip -n srv xfrm policy | grep -c '^src'"
e2e_check "the clients' state is their own" bash -c \
	"[ \"\$(ip netns exec c1 $TOOL sa-list | wc -l)\" = 2 ]"

e2e_summary
