#!/usr/bin/env bash
# Interactive console tests: the real rosh on a terminal (tmux), typing
# keys and reading the screen.  Each case starts rosh on a fresh store in
# a temporary directory (inside `unshare -n` when possible, so
# /interface holds only the loopback) and prints "ok NAME" or
# "FAIL NAME" with the screen it saw.
#
#   tests/shell/run.sh [BUILD]
set -u
BUILD=${1:-build}
cd "$(dirname "$0")"
ROOT=$(cd ../.. && pwd)
ROSH=${ROSH_BIN:-"$ROOT/$BUILD/rosh"}
NS=""
if [ "$(id -u)" = 0 ] && unshare -n true 2>/dev/null; then NS="unshare -n"; fi
TMP=$(mktemp -d)
. ./lib.sh
trap 'tm kill-server 2>/dev/null; rm -rf "$TMP"' EXIT

if ! command -v tmux >/dev/null; then
	echo "FAIL shell (tmux is not installed)"
	exit 1
fi
if [ ! -x "$ROSH" ]; then
	echo "FAIL shell ($ROSH is not built)"
	exit 1
fi

# Store contents made in script mode before the terminal opens.
seed() { $NS "$ROSH" --db "$TMP/$1/config.db" -c "$2" >/dev/null; }

PROMPT='\[admin@MikroTik\] >'

# ---------------------------------------------------------------------

case_tab_menu() {
	local s=tab dir="$TMP/tab" rc=1
	tm_start $s "$dir" || { report tab-menu 1 $s; return; }
	tm_type $s '/ip ips'
	tm_keys $s Tab
	# the word is completed and a space added: what is typed next is a
	# new word
	if tm_wait $s "$PROMPT /ip ipsec \$"; then
		tm_type $s 'X'
		tm_wait $s "$PROMPT /ip ipsec X\$" && rc=0
	fi
	report tab-menu $rc $s
	tm_stop $s
}

case_tab_tab_list() {
	local s=tabtab dir="$TMP/tabtab" rc=0 w scr
	tm_start $s "$dir" || { report tab-tab-list 1 $s; return; }
	tm_type $s '/ip ipsec '
	tm_keys $s Tab
	sleep 0.1
	tm_keys $s Tab
	tm_wait $s 'statistics' || rc=1
	scr=$(tm_screen $s)
	for w in active-peers identity installed-sa key mode-config peer \
	    policy profile proposal settings statistics; do
		grep -qE "(^|[[:space:]])$w([[:space:]]|\$)" <<<"$scr" || rc=1
	done
	# the line is drawn again, unchanged
	[ "$(tm_last $s)" = '[admin@MikroTik] > /ip ipsec' ] || rc=1
	report tab-tab-list $rc $s
	tm_stop $s
}

case_help_enum() {
	local s=help dir="$TMP/help" rc=0 scr
	tm_start $s "$dir" || { report help-enum-values 1 $s; return; }
	tm_type $s '/ip ipsec identity set 0 generate-policy='
	tm_type $s '?'
	tm_wait $s 'port-strict' || rc=1
	scr=$(tm_screen $s)
	grep -q '^generate-policy -- Build policies' <<<"$scr" || rc=1
	for w in no port-override port-strict; do
		grep -qE "(^|[[:space:]])$w([[:space:]]|\$)" <<<"$scr" || rc=1
	done
	# the line comes back as it was, without the '?'
	[ "$(tm_last $s)" = \
	    '[admin@MikroTik] > /ip ipsec identity set 0 generate-policy=' ] ||
	    rc=1
	report help-enum-values $rc $s
	# a command's arguments, with their help
	tm_fresh $s
	rc=0
	tm_type $s '/ip pool add ?'
	tm_wait $s 'ranges=' || rc=1
	scr=$(tm_screen $s)
	grep -q 'Create a new item' <<<"$scr" || rc=1
	grep -qE '^ +name= +' <<<"$scr" || rc=1
	grep -q 'copy-from=' <<<"$scr" || rc=1
	report help-arguments $rc $s
	# F1 does the same as ?
	tm_fresh $s
	rc=0
	tm_type $s '/ip pool '
	tm_keys $s F1
	tm_wait $s 'print +Print values of item properties' || rc=1
	[ "$(tm_last $s)" = '[admin@MikroTik] > /ip pool' ] || rc=1
	report help-f1 $rc $s
	# inside quotes ? is a character
	tm_fresh $s
	rc=0
	tm_type $s ':put "a?b"'
	tm_keys $s Enter
	tm_wait $s '^a\?b$' || rc=1
	report help-literal-in-quotes $rc $s
	tm_stop $s
}

case_tab_reference() {
	local s=ref dir="$TMP/ref" rc=1
	mkdir -p "$dir"
	seed ref '/ip pool add name=vpn-pool ranges=10.9.0.10-10.9.0.200
/ip pool add name=lan-pool ranges=192.168.88.10-192.168.88.20'
	tm_start $s "$dir" || { report tab-reference 1 $s; return; }
	tm_type $s '/ppp profile add remote-address=vp'
	tm_keys $s Tab
	tm_wait $s "$PROMPT /ppp profile add remote-address=vpn-pool \$" &&
	    rc=0
	report tab-reference $rc $s
	tm_fresh $s
	rc=1
	tm_type $s '/ppp profile add local-address='
	tm_keys $s Tab
	sleep 0.1
	tm_keys $s Tab
	tm_wait $s '^lan-pool +vpn-pool' && rc=0
	report tab-tab-reference-list $rc $s
	tm_fresh $s
	rc=1
	tm_type $s '/ip pool set [find name=l'
	tm_keys $s Tab
	tm_wait $s "$PROMPT /ip pool set \\[find name=lan-pool \$" && rc=0
	report tab-in-find $rc $s
	tm_fresh $s
	rc=1
	tm_type $s '/ip pool print where na'
	tm_keys $s Tab
	tm_wait $s "$PROMPT /ip pool print where name \$" && rc=0
	report tab-where-property $rc $s
	tm_stop $s
}

case_prompt_navigation() {
	local s=nav dir="$TMP/nav" rc=0
	tm_start $s "$dir" || { report prompt-navigation 1 $s; return; }
	tm_type $s '/ip firewall filter'
	tm_keys $s Enter
	tm_wait $s '^\[admin@MikroTik\] /ip/firewall/filter> $' || rc=1
	tm_type $s '..'
	tm_keys $s Enter
	tm_wait $s '^\[admin@MikroTik\] /ip/firewall> $' || rc=1
	# relative words resolve in the current menu
	tm_type $s 'filter print count-only'
	tm_keys $s Enter
	tm_wait $s '^0$' || rc=1
	tm_type $s '/'
	tm_keys $s Enter
	tm_wait $s "^$PROMPT \$" || rc=1
	[ "$(tm_last $s)" = '[admin@MikroTik] >' ] || rc=1
	report prompt-navigation $rc $s
	tm_stop $s
}

case_pager() {
	local s=pager dir="$TMP/pager" rc=0 scr
	mkdir -p "$dir"
	seed pager ':for i from=1 to=30 do={ /ip firewall address-list add list=many address="10.0.0.$i" }'
	tm_start $s "$dir" 80 10 || { report pager 1 $s; return; }
	tm_fresh $s
	tm_type $s '/ip firewall address-list print'
	tm_keys $s Enter
	tm_wait $s '^-- \[Q quit\|D dump\|down\]' || rc=1
	scr=$(tm_screen $s)
	grep -q '10\.0\.0\.1 ' <<<"$scr" || rc=1
	grep -q '10\.0\.0\.30' <<<"$scr" && rc=1
	[ "$(tm_screen $s | grep -c '10\.0\.0\.')" -le 9 ] || rc=1
	report pager-stops $rc $s
	rc=0
	tm_keys $s Space
	tm_wait $s '10\.0\.0\.1[0-9] ' || rc=1
	tm_keys $s q
	tm_wait $s "^$PROMPT \$" || rc=1
	tm_screen $s | grep -q '10\.0\.0\.30' && rc=1
	report pager-quit $rc $s
	tm_fresh $s
	rc=0
	tm_type $s '/ip firewall address-list print'
	tm_keys $s Enter
	tm_wait $s '^-- \[Q quit' || rc=1
	tm_keys $s d
	tm_wait $s '10\.0\.0\.30 ' || rc=1
	tm_wait $s "^$PROMPT \$" || rc=1
	report pager-dump $rc $s
	tm_fresh $s
	rc=0
	tm_type $s '/ip firewall address-list print without-paging'
	tm_keys $s Enter
	tm_wait $s '10\.0\.0\.30 ' || rc=1
	tm_screen $s | grep -q 'Q quit' && rc=1
	report pager-without-paging $rc $s
	tm_stop $s
}

case_ctrl_c() {
	local s=ctrlc dir="$TMP/ctrlc" rc=0
	tm_start $s "$dir" || { report ctrl-c-abandons-line 1 $s; return; }
	tm_type $s ':put typed-and-dropped'
	tm_wait $s 'typed-and-dropped$' || rc=1
	tm_keys $s C-c
	tm_wait $s "^$PROMPT \$" || rc=1
	tm_type $s ':put next'
	tm_keys $s Enter
	tm_wait $s '^next$' || rc=1
	tm_screen $s | grep -q '^typed-and-dropped$' && rc=1
	report ctrl-c-abandons-line $rc $s
	tm_stop $s
}

case_follow() {
	local s=follow s2=follow2 dir="$TMP/follow" rc=0
	mkdir -p "$dir"
	seed follow '/ip pool add name=first ranges=10.1.0.1-10.1.0.9'
	tm_start $s "$dir" || { report print-follow 1 $s; return; }
	tm_start $s2 "$dir" || { report print-follow 1 $s2; return; }
	tm_type $s '/ip pool print follow'
	tm_keys $s Enter
	tm_wait $s '^0 first' || rc=1
	tm_type $s2 '/ip pool add name=late ranges=10.2.0.1-10.2.0.9'
	tm_keys $s2 Enter
	tm_wait $s '^1 late' || rc=1
	tm_keys $s C-c
	tm_wait $s "^$PROMPT \$" || rc=1
	report print-follow $rc $s
	# a changed item is printed again
	rc=0
	tm_fresh $s
	tm_type $s '/ip pool print follow-only'
	tm_keys $s Enter
	# follow-only shows nothing until something changes: change until
	# a change lands after it started looking
	rc=1
	for k in 1 2 3 4 5; do
		tm_type $s2 "/ip pool set late ranges=10.3.$k.1-10.3.$k.9"
		tm_keys $s2 Enter
		tm_wait $s '^1 late +10\.3\.[0-9]\.1' 2 && { rc=0; break; }
	done
	tm_screen $s | grep -q 'first' && rc=1
	tm_keys $s C-c
	tm_wait $s "^$PROMPT \$" || rc=1
	report print-follow-only $rc $s
	# interval= redraws until Ctrl-C
	rc=0
	tm_fresh $s
	tm_type $s '/ip pool print interval=200ms'
	tm_keys $s Enter
	tm_wait $s '^1 late' || rc=1
	tm_type $s2 '/ip pool remove late'
	tm_keys $s2 Enter
	tm_wait_not $s '^1 late' || rc=1
	tm_keys $s C-c
	tm_wait $s "^$PROMPT \$" || rc=1
	report print-interval $rc $s
	tm_stop $s2
	tm_stop $s
}

case_multiline() {
	local s=multi dir="$TMP/multi" rc=0
	tm_start $s "$dir" || { report multi-line 1 $s; return; }
	tm_type $s ':for i from=1 to=2 do={'
	tm_keys $s Enter
	tm_wait $s '^\{\.\.\. $' || rc=1
	tm_type $s ':put "line $i"'
	tm_keys $s Enter
	tm_type $s '}'
	tm_keys $s Enter
	tm_wait $s '^line 2$' || rc=1
	tm_wait $s "^$PROMPT \$" || rc=1
	report multi-line $rc $s
	tm_stop $s
}

case_history() {
	local s=hist dir="$TMP/hist" rc=0
	tm_start $s "$dir" || { report history 1 $s; return; }
	tm_type $s ':put remembered'
	tm_keys $s Enter
	tm_wait $s '^remembered$' || rc=1
	tm_type $s '/ppp secret add name=alice password=TopSecret1'
	tm_keys $s Enter
	tm_type $s '/quit'
	tm_keys $s Enter
	for _ in $(seq 50); do tm_dead $s && break; sleep 0.1; done
	tm_dead $s || rc=1
	grep -q 'remembered' "$dir/history.admin" 2>/dev/null || rc=1
	grep -q 'TopSecret1' "$dir/history.admin" 2>/dev/null && rc=1
	[ "$(stat -c %a "$dir/history.admin" 2>/dev/null)" = 600 ] || rc=1
	report history-file $rc $s
	tm_stop $s
	# a new session finds it: Up brings the last line back
	rc=0
	tm_start $s "$dir" || { report history-recall 1 $s; return; }
	tm_keys $s Up
	tm_wait $s "$PROMPT :put remembered\$" || rc=1
	tm_keys $s C-u C-d
	for _ in $(seq 50); do tm_dead $s && break; sleep 0.1; done
	tm_dead $s || rc=1
	report history-recall-and-ctrl-d $rc $s
	tm_stop $s
}

case_safe_mode_key() {
	local s=safe dir="$TMP/safe" rc=0
	tm_start $s "$dir" || { report ctrl-x-safe-mode 1 $s; return; }
	tm_keys $s C-x
	tm_wait $s '<SAFE> $' || rc=1
	tm_keys $s C-x
	tm_wait $s "$PROMPT \$" || rc=1
	report ctrl-x-safe-mode $rc $s
	tm_stop $s
}

case_tab_menu
case_tab_tab_list
case_help_enum
case_tab_reference
case_prompt_navigation
case_pager
case_ctrl_c
case_follow
case_multiline
case_history
case_safe_mode_key
