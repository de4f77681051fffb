# lib.sh - drive the real rosh on a pseudo-terminal through tmux.
#
# Each case gets a fresh store in its own directory and its own tmux
# session on a private server; checks poll the screen (capture-pane) until
# what they wait for appears or a timeout passes, so they do not depend on
# fixed sleeps.  Every check prints "ok NAME" or "FAIL NAME" followed by
# the screen it saw.

TM_SOCK="rosh-shell-$$"
TM_TIMEOUT=${TM_TIMEOUT:-8}

tm() { tmux -L "$TM_SOCK" -f /dev/null "$@"; }

# tm_start SESSION DIR [COLS ROWS] - rosh on a fresh terminal.
tm_start() {
	local s=$1 dir=$2 cols=${3:-100} rows=${4:-30}
	mkdir -p "$dir"
	tm new-session -d -s "$s" -x "$cols" -y "$rows" \
	    "cd '$dir' && exec $NS '$ROSH' --db '$dir/config.db'" || return 1
	tm set-option -t "$s" remain-on-exit on >/dev/null
	tm_wait "$s" '\[admin@MikroTik\] >'
}

tm_stop() { tm kill-session -t "$1" 2>/dev/null; }

tm_keys() { local s=$1; shift; tm send-keys -t "$s" "$@"; }

# Type text literally (no key names).
tm_type() { tm send-keys -t "$1" -l "$2"; }

# The screen; with -J trailing blanks that were written are kept.
tm_screen() { tm capture-pane -p -J -t "$1"; }

# tm_wait SESSION REGEX [TIMEOUT]: 0 once the screen matches.
tm_wait() {
	local s=$1 re=$2 t=${3:-$TM_TIMEOUT} end
	end=$(( $(date +%s%N) / 1000000 + t * 1000 ))
	while [ "$(( $(date +%s%N) / 1000000 ))" -lt "$end" ]; do
		tm_screen "$s" | grep -qE -- "$re" && return 0
		sleep 0.05
	done
	return 1
}

# tm_wait_not SESSION REGEX [TIMEOUT]: 0 once the screen stops matching.
tm_wait_not() {
	local s=$1 re=$2 t=${3:-$TM_TIMEOUT} end
	end=$(( $(date +%s%N) / 1000000 + t * 1000 ))
	while [ "$(( $(date +%s%N) / 1000000 ))" -lt "$end" ]; do
		tm_screen "$s" | grep -qE -- "$re" || return 0
		sleep 0.05
	done
	return 1
}

# The last line of the screen that is not empty, without trailing blanks.
tm_last() {
	tm_screen "$1" | sed -e 's/[[:space:]]*$//' -e '/^$/d' | tail -n 1
}

# report NAME STATUS SESSION: ok/FAIL and, on failure, the screen.
report() {
	if [ "$2" = 0 ]; then
		echo "ok $1"
	else
		echo "FAIL $1"
		tm_screen "$3" | sed -e '/^[[:space:]]*$/d' -e 's/^/    | /'
	fi
}

# Clear the line and the screen, so a check sees only what follows.
tm_fresh() {
	local end=$(( $(date +%s%N) / 1000000 + 3000 ))
	tm_keys "$1" C-e C-u C-l
	while [ "$(( $(date +%s%N) / 1000000 ))" -lt "$end" ]; do
		[ "$(tm_screen "$1" | grep -c '[^[:space:]]')" -le 1 ] && return 0
		sleep 0.05
	done
}

# Is the pane's process gone?
tm_dead() { [ "$(tm list-panes -t "$1" -F '#{pane_dead}' 2>/dev/null)" = 1 ]; }
