#!/bin/bash
# Second stage of the e2e guest, PID 1 after switch_root: the root is the
# host's filesystem (read-only 9p under a tmpfs overlay, so writes succeed
# and vanish at power-off), already set up by init.  Runs the scenario
# named in /results/run.env with its output on ttyS1, stores its exit
# status in /results/status and powers the VM off.  Programs started from
# the 9p root are slow under TCG: builtins are used where they will do.
set -u
E2E_RESULTS=/results
# shellcheck source=/dev/null
. "$E2E_RESULTS/run.env"

exec </dev/null >/dev/ttyS1 2>&1	# init set it to raw mode

mark() { echo "<6>e2e-guest: $*" >/dev/kmsg; }

# The results share is uncached 9p: what was written is on the host.
poweroff_now() {
	echo o >/proc/sysrq-trigger
	# Wait with builtins only (init made the fifo): exec may fail once
	# power-off has begun.
	read -r -t 60 _ <>/run/e2e-halt
	exit 1
}

mark "stage 2 started"
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root TERM=dumb LC_ALL=C.UTF-8
export E2E_GUEST=1 E2E_REPO E2E_RESULTS E2E_SCENARIO
export E2E_BUILD=$E2E_REPO/build
read -r E2E_KVER </proc/sys/kernel/osrelease
export E2E_KVER
cd "$E2E_REPO" || { echo "e2e: no $E2E_REPO in the guest"; poweroff_now; }

mark "starting the scenario"
name=${E2E_SCENARIO##*/}
echo "=== e2e: $name (kernel $E2E_KVER) ==="
start=$SECONDS
if [ -x "$E2E_SCENARIO" ]; then
	"$E2E_SCENARIO" "${E2E_ARGS[@]}"
else
	bash "$E2E_SCENARIO" "${E2E_ARGS[@]}"
fi
rc=$?
echo "=== e2e: $name exited with status $rc after $((SECONDS - start)) s ==="

mark "scenario done"
echo "$rc" >"$E2E_RESULTS/status"
dmesg >"$E2E_RESULTS/dmesg.log" 2>/dev/null
poweroff_now
