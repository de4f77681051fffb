#!/usr/bin/env bash
# rosh as a login shell behind a real OpenSSH server, end to end.
#
# A private sshd (temporary host key, user key and configuration, on a
# free port of 127.0.0.1; the machine's own sshd and its configuration
# are not touched) serves throwaway Unix accounts that `make install`
# and packaging/rosh-adduser make, with the installed rosh as their
# login shell and a store of their own.  Checked: one-shot commands
# (`ssh host cmd`: sshd runs `rosh -c cmd`), interactive sessions over
# `ssh -tt` (driven by drive.py), refusals of unknown, disabled and
# misplaced users and of a read user's changes, and safe mode: a
# session that takes it, adds a rule and loses its connection (the ssh
# client is killed) leaves the store as it was before safe mode; so does
# one whose rosh is killed outright, once the next session starts.
#
# Prints "ok NAME" or "FAIL NAME" per check.  Needs root (useradd) and
# sshd; without them it prints "skip ..." and nothing else.
set -u
BUILD=${1:-build}
cd "$(dirname "$0")/../.."
ROOT=$PWD
HERE=$ROOT/tests/ssh
SSHD=/usr/sbin/sshd

if [ "$(id -u)" != 0 ] || [ ! -x "$SSHD" ] || ! command -v useradd >/dev/null ||
    ! command -v python3 >/dev/null || ! command -v sqlite3 >/dev/null; then
	echo "skip ssh: needs root, sshd, useradd, python3 and sqlite3"
	exit 0
fi

TMP=$(mktemp -d /tmp/rosh-ssh.XXXXXX)
chmod 0711 "$TMP"
SUFFIX=$(printf '%04d' $((RANDOM % 10000)))
U=rsa$SUFFIX	# group full
R=rsr$SUFFIX	# group read
X=rsx$SUFFIX	# a /user that goes away
UGRP=rosht$SUFFIX
ACCOUNTS=()
MADE_RUNDIR=0
SSHD_PID=

cleanup() {
	[ -n "$SSHD_PID" ] && kill "$SSHD_PID" 2>/dev/null && wait "$SSHD_PID" 2>/dev/null
	for a in "${ACCOUNTS[@]}"; do
		pkill -KILL -u "$a" 2>/dev/null
		userdel -r "$a" >/dev/null 2>&1 || userdel "$a" >/dev/null 2>&1
	done
	getent group "$UGRP" >/dev/null && groupdel "$UGRP"
	[ "$MADE_RUNDIR" = 1 ] && rmdir /run/sshd 2>/dev/null
	[ -n "${KEEP:-}" ] || rm -rf "$TMP"	# KEEP=1: leave it to look at
}
trap cleanup EXIT

report() { # name ok [detail-file...]
	local f
	if [ "$2" = 1 ]; then echo "ok $1"; else
		echo "FAIL $1"
		for f in "${@:3}"; do
			[ -f "$f" ] && sed 's/^/    /' "$f" | tail -n 30
		done
	fi
}

# ---- install, as an administrator would ----------------------------
make -s --no-print-directory install DESTDIR="$TMP/root" BUILD="$BUILD" \
    >"$TMP/install.log" 2>&1
ROSH=$TMP/root/usr/local/bin/rosh
ADDUSER=$TMP/root/usr/local/sbin/rosh-adduser
ok=1; [ -x "$ROSH" ] && [ -x "$ADDUSER" ] && [ -x "$TMP/root/usr/local/sbin/roshd" ] &&
    [ -f "$TMP/root/usr/local/lib/systemd/system/roshd.service" ] || ok=0
report "make install" "$ok" "$TMP/install.log"
[ "$ok" = 1 ] || exit 0

DB=$TMP/store/config.db
export ROSH ROSH_UNIX_GROUP=$UGRP ROSH_SHELLS=$TMP/shells
: >"$TMP/shells"
adduser() { # name group
	ACCOUNTS+=("$1")
	"$ADDUSER" --group "$2" --db "$DB" --home "$TMP/home/$1" "$1" \
	    >"$TMP/adduser-$1.log" 2>&1
}
mkdir -p "$TMP/home"
adduser "$U" full && adduser "$R" read && adduser "$X" full
ok=$?
[ "$ok" = 0 ] && ok=1 || ok=0
grep -qxF "$ROSH" "$TMP/shells" || ok=0
[ "$(getent passwd "$U" | cut -d: -f7)" = "$ROSH" ] || ok=0
id -nG "$U" | grep -qw "$UGRP" || ok=0
[ "$(stat -c %a:%G "$TMP/store")" = "2770:$UGRP" ] || ok=0
users=$("$ROSH" --db "$DB" -c ":put [/user get $U group]; :put [/user get $R group]")
[ "$users" = "$(printf 'full\nread')" ] || ok=0
# a second run leaves the /user alone
"$ADDUSER" --group read --db "$DB" "$U" >"$TMP/adduser-again.log" 2>&1 || ok=0
[ "$("$ROSH" --db "$DB" -c ":put [/user get $U group]")" = full ] || ok=0
report "rosh-adduser makes accounts and /users" "$ok" "$TMP/adduser-$U.log"

# ---- a private sshd ----------------------------------------------------
ssh-keygen -q -t ed25519 -N '' -f "$TMP/hostkey" >/dev/null
ssh-keygen -q -t ed25519 -N '' -f "$TMP/userkey" >/dev/null
mkdir -p "$TMP/keys"
for a in "${ACCOUNTS[@]}"; do
	cp "$TMP/userkey.pub" "$TMP/keys/$a"
	usermod -p '*' "$a"	# no password, but not locked
done
chmod -R go-w "$TMP/keys"
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$TMP/sshd_config" <<EOF
Port $PORT
ListenAddress 127.0.0.1
HostKey $TMP/hostkey
PidFile $TMP/sshd.pid
AuthorizedKeysFile $TMP/keys/%u
AllowUsers ${ACCOUNTS[*]}
StrictModes no
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
PermitRootLogin no
DisableForwarding yes
ClientAliveInterval 5
SetEnv ROSH_DB=$DB
LogLevel VERBOSE
EOF
if [ ! -d /run/sshd ]; then mkdir -p /run/sshd && chmod 0755 /run/sshd && MADE_RUNDIR=1; fi
"$SSHD" -D -f "$TMP/sshd_config" -E "$TMP/sshd.log" &
SSHD_PID=$!
for i in $(seq 50); do
	python3 -c "import socket; socket.create_connection(('127.0.0.1', $PORT), 1)" 2>/dev/null && break
	sleep 0.1
done

SSH_OPTS=(-p "$PORT" -i "$TMP/userkey" -o BatchMode=yes -o IdentitiesOnly=yes
    -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR)
rssh() { ssh "${SSH_OPTS[@]}" "$@"; }
# What the store holds, read past rosh (no session starts, nothing is
# unrolled on the way).
sq() { sqlite3 -cmd ".timeout 5000" "$DB" "$1"; }
drive() { # name: steps on stdin
	python3 "$HERE/drive.py" "$TMP/$1.transcript" -- ssh -tt "${SSH_OPTS[@]}" "$U@127.0.0.1" \
	    2>"$TMP/$1.err"
}

# ---- one-shot commands ---------------------------------------------
out=$(rssh "$U@127.0.0.1" '/ip pool add name=p1 ranges=10.0.0.1-10.0.0.9; /ip pool print' 2>"$TMP/e1")
rc=$?
ok=1; [ "$rc" = 0 ] && grep -q 'p1.*10.0.0.1-10.0.0.9' <<<"$out" || ok=0
report "ssh host cmd runs one command" "$ok" "$TMP/e1"

out=$(rssh "$U@127.0.0.1" ':put [/system identity get name]; :put [:len [/ip pool find]]' 2>"$TMP/e2")
ok=1; [ "$out" = "$(printf 'MikroTik\n1')" ] || ok=0
report "ssh host cmd sees the same store" "$ok" "$TMP/e2"

rssh "$U@127.0.0.1" '/ip pool add name=p1 ranges=10.0.0.1-10.0.0.9' >/dev/null 2>"$TMP/e3"
rc=$?
ok=1; [ "$rc" = 1 ] && grep -q '^failure: ' "$TMP/e3" || ok=0
report "failing command: exit status 1 and the error" "$ok" "$TMP/e3"

printf '/ip pool add name=p2 ranges=10.2.0.1-10.2.0.9\n:put [:len [/ip pool find]]\n' |
    rssh "$U@127.0.0.1" >"$TMP/o4" 2>"$TMP/e4"
ok=1; [ "$(cat "$TMP/o4")" = 2 ] || ok=0
report "script on standard input" "$ok" "$TMP/e4"

before=$(sq "SELECT count(*) FROM ip_pool")
rssh "$R@127.0.0.1" '/ip pool add name=p3 ranges=10.3.0.1-10.3.0.9' >/dev/null 2>"$TMP/e5"
rc=$?
ok=1; [ "$rc" = 1 ] && grep -q 'not enough permissions (9)' "$TMP/e5" || ok=0
[ "$(sq "SELECT count(*) FROM ip_pool")" = "$before" ] || ok=0
out=$(rssh "$R@127.0.0.1" ':put [:len [/ip pool find]]' 2>>"$TMP/e5")
[ "$out" = 2 ] || ok=0
report "read user: reads, cannot change" "$ok" "$TMP/e5"

"$ROSH" --db "$DB" -c "/user remove $X"
rssh "$X@127.0.0.1" '/ip pool print' >"$TMP/o6" 2>"$TMP/e6"
rc=$?
ok=1; [ "$rc" = 1 ] && grep -q "login failure for user $X: no such user" "$TMP/e6" || ok=0
[ -s "$TMP/o6" ] && ok=0
report "unknown user refused" "$ok" "$TMP/e6"

"$ROSH" --db "$DB" -c "/user set $R address=192.0.2.0/24"
rssh "$R@127.0.0.1" ':put hello' >"$TMP/o7" 2>"$TMP/e7"
rc=$?
ok=1; [ "$rc" = 1 ] && grep -q 'not allowed from this address' "$TMP/e7" || ok=0
"$ROSH" --db "$DB" -c "/user set $R address=127.0.0.0/8,192.0.2.0/24"
[ "$(rssh "$R@127.0.0.1" ':put hello' 2>>"$TMP/e7")" = hello ] || ok=0
"$ROSH" --db "$DB" -c "/user disable $R"
rssh "$R@127.0.0.1" ':put hello' >/dev/null 2>>"$TMP/e7" && ok=0
grep -q 'user is disabled' "$TMP/e7" || ok=0
report "allowed address and disabled user" "$ok" "$TMP/e7"

rssh "$U@127.0.0.1" 'sftp-server' >/dev/null 2>&1 && ok=0 || ok=1
rssh "$U@127.0.0.1" 'sh -c id' >"$TMP/o8" 2>&1 && ok=0
grep -q uid= "$TMP/o8" && ok=0
report "no way out to a Unix shell" "$ok" "$TMP/o8"

# ---- interactive -----------------------------------------------------
P="\\[$U@MikroTik\\]"
drive interactive <<EOF
expect $P > \$
send /ip pool print\r
expect 10\.2\.0\.1-10\.2\.0\.9
expect $P > \$
send /ip pool\r
expect $P /ip/pool> \$
send /quit\r
eof
EOF
ok=$?; [ "$ok" = 0 ] && ok=1 || ok=0
last=$("$ROSH" --db "$DB" -c ":put [/user get $U last-logged-in]")
[ -n "$last" ] || ok=0
report "ssh -tt: prompt, commands, /quit, last-logged-in" "$ok" "$TMP/interactive.transcript" "$TMP/interactive.err"

# ---- safe mode ---------------------------------------------------------
rule_count() { sq "SELECT count(*) FROM ip_firewall_filter WHERE comment='$1'"; }
safe_held() { sq "SELECT count(*) FROM rosh_safe"; }

drive quit-keeps <<EOF
expect $P > \$
send /safe-mode take\r
expect \[Safe Mode taken\]
expect $P <SAFE> \$
send /ip firewall filter add chain=input action=drop comment=kept; :put @1\r
expect \n@1\r
expect $P <SAFE> \$
send /quit\r
eof
EOF
ok=$?; [ "$ok" = 0 ] && ok=1 || ok=0
[ "$(rule_count kept)" = 1 ] && [ "$(safe_held)" = 0 ] || ok=0
report "safe mode: /quit keeps the changes" "$ok" "$TMP/quit-keeps.transcript" "$TMP/quit-keeps.err"

drive ctrl-d <<EOF
expect $P > \$
send /safe-mode take\r
expect $P <SAFE> \$
send /ip firewall filter add chain=input action=drop comment=ctrld; :put @1\r
expect \n@1\r
expect $P <SAFE> \$
# the prompt is drawn before the line editor reads the terminal raw;
# a Ctrl-D typed in between is taken by the terminal, not the editor
sleep 0.5
send \x04
eof
EOF
ok=$?; [ "$ok" = 0 ] && ok=1 || ok=0
[ "$(rule_count ctrld)" = 0 ] && [ "$(safe_held)" = 0 ] || ok=0
echo "after: rules=$(rule_count ctrld) held=$(safe_held)" >>"$TMP/ctrl-d.err"
report "safe mode: Ctrl-D undoes the changes" "$ok" "$TMP/ctrl-d.transcript" "$TMP/ctrl-d.err"

# The connection is cut: the ssh client dies.  sshd hangs up the
# terminal, rosh gets SIGHUP and unrolls before it exits.
before=$(sq "SELECT count(*) FROM ip_firewall_filter")
drive cut <<EOF
expect $P > \$
send /safe-mode take\r
expect $P <SAFE> \$
send /ip firewall filter print\r
expect $P <SAFE> \$
send /ip firewall filter add chain=input action=drop comment=cut place-before=0; :put @1\r
expect \n@1\r
expect $P <SAFE> \$
send /ip pool set p1 ranges=10.0.0.1-10.0.0.5; :put @2\r
expect \n@2\r
expect $P <SAFE> \$
kill
EOF
ok=$?; [ "$ok" = 0 ] && ok=1 || ok=0
# (the change was there: drive saw its output before the cut)
gone=0
for i in $(seq 100); do
	if [ "$(rule_count cut)" = 0 ] && [ "$(safe_held)" = 0 ]; then gone=1; break; fi
	sleep 0.1
done
[ "$gone" = 1 ] || ok=0
[ "$(sq "SELECT count(*) FROM ip_firewall_filter")" = "$before" ] || ok=0
[ "$(sq "SELECT ranges FROM ip_pool WHERE name='p1'")" = 10.0.0.1-10.0.0.9 ] || ok=0
out=$(rssh "$U@127.0.0.1" '/ip firewall filter print count-only where comment=cut; :put [/ip pool get p1 ranges]' 2>&1)
[ "$out" = "$(printf '0\n10.0.0.1-10.0.0.9')" ] || ok=0
report "safe mode: connection cut -> store as before safe mode" "$ok" "$TMP/cut.transcript" "$TMP/cut.err"

# rosh itself is killed (SIGKILL: no chance to clean up); sshd then ends
# the session.  The change stays until the next session starts and
# finds the holder gone.
drive killed <<EOF
expect $P > \$
send /safe-mode take\r
expect $P <SAFE> \$
send /ip firewall filter add chain=input action=drop comment=killed; :put @1\r
expect \n@1\r
expect $P <SAFE> \$
run pkill -KILL -u $U -x rosh
eof
EOF
ok=$?; [ "$ok" = 0 ] && ok=1 || ok=0
[ "$(rule_count killed)" = 1 ] && [ "$(safe_held)" = 1 ] || ok=0
out=$(rssh "$U@127.0.0.1" '/ip firewall filter print count-only where comment=killed' 2>&1)
[ "$out" = 0 ] || ok=0
[ "$(rule_count killed)" = 0 ] && [ "$(safe_held)" = 0 ] || ok=0
report "safe mode: rosh killed -> the next session rolls back" "$ok" "$TMP/killed.transcript" "$TMP/killed.err"

# While one session holds safe mode, another is refused.
python3 "$HERE/drive.py" "$TMP/holder.transcript" -- ssh -tt "${SSH_OPTS[@]}" "$U@127.0.0.1" \
    >/dev/null 2>&1 <<EOF &
expect $P > \$
send /safe-mode take\r
expect $P <SAFE> \$
sleep 4
send /safe-mode release\r
expect $P > \$
send /quit\r
eof
EOF
HOLDER=$!
for i in $(seq 50); do [ "$(safe_held)" = 1 ] && break; sleep 0.1; done
rssh "$U@127.0.0.1" '/safe-mode take' >"$TMP/o9" 2>"$TMP/e9"
rc=$?
ok=1; [ "$rc" = 1 ] && grep -q "failure: safe mode is held by another session (user $U)" "$TMP/e9" || ok=0
wait "$HOLDER" || ok=0
[ "$(safe_held)" = 0 ] || ok=0
report "safe mode: a second session is refused" "$ok" "$TMP/e9"

grep -q "Accepted publickey for $U" "$TMP/sshd.log" || echo "FAIL sshd log shows no login"
exit 0
