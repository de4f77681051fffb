#!/usr/bin/env bash
# Run one e2e scenario inside a Debian kernel booted under qemu (TCG).
#
#   tests/e2e/vm.sh SCENARIO.sh [ARGS...]
#
# The first run downloads the kernel package linux-image-amd64 depends on,
# extracts it and builds the initrd under build/vm/ (kept for later runs).
# The guest sees the host's root filesystem read-only (overlaid with a
# tmpfs, so it may write anywhere) and this checkout at the same path.
# The scenario's output is streamed here; the kernel console goes to
# console.log in the run's results directory, build/e2e-results/<run>/,
# which the guest sees read-write as /results.
#
# The exit status is the scenario's.  A VM that panics, hangs past the
# timeout or powers off without recording a status exits non-zero (124
# on timeout, 125 otherwise).
#
# Environment:
#   E2E_TIMEOUT     seconds before the VM is killed (600)
#   E2E_MEM         guest memory in MiB (2048)
#   E2E_SMP         guest CPUs (2)
#   E2E_ACCEL       qemu accelerator (tcg; nested KVM hangs here)
#   E2E_CACHE       kernel and initrd cache (build/vm of this checkout)
#   E2E_RESULTS_DIR where per-run directories go (build/e2e-results)
#   E2E_KERNEL_PKG  kernel package to use instead of linux-image-amd64's
#   E2E_REFRESH=1   look the kernel package up again even if one is cached
#   E2E_CONSOLE=1   also stream the kernel console here (on stderr, lines
#                   prefixed "[kernel] "); the console log level becomes 7
#   E2E_LOGLEVEL    console log level (3: errors only)
#   E2E_KEEP        how many run directories to keep (20)
#   E2E_APPEND      extra kernel command line
#   E2E_P9CACHE     9p cache mode of the host root in the guest (loose;
#                   "none" re-reads the host on every access)
#   E2E_BZIMAGE=1   boot the compressed kernel image instead of vmlinux
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
REPO=$(cd "$HERE/../.." && pwd -P)
CACHE=${E2E_CACHE:-$REPO/build/vm}
RESULTS_ROOT=${E2E_RESULTS_DIR:-$REPO/build/e2e-results}
TIMEOUT=${E2E_TIMEOUT:-600}
MEM=${E2E_MEM:-2048}
SMP=${E2E_SMP:-2}
ACCEL=${E2E_ACCEL:-tcg}
KEEP=${E2E_KEEP:-20}
if [ -n "${E2E_CONSOLE:-}" ]; then
	LOGLEVEL=${E2E_LOGLEVEL:-7}
else
	LOGLEVEL=${E2E_LOGLEVEL:-3}
fi

msg() { echo "vm: $*" >&2; }
die() { msg "$*"; exit 125; }

if [ $# -lt 1 ]; then
	echo "usage: $0 SCENARIO.sh [ARGS...]" >&2
	exit 2
fi
SCENARIO=$(realpath -e -- "$1" 2>/dev/null) || die "no such scenario: $1"
shift

need() {
	command -v "$1" >/dev/null || die "$1 not found (install $2, or run make deps)"
}

# ---------------------------------------------------------------------------
# Kernel: the linux-image-*-amd64 package that linux-image-amd64 depends on.

as_root() {
	if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi
}

kernel_pkg_name() {
	local name
	if [ -n "${E2E_KERNEL_PKG:-}" ]; then
		echo "$E2E_KERNEL_PKG"
		return
	fi
	name=$(apt-cache depends linux-image-amd64 2>/dev/null |
		awk '$1 == "Depends:" && $2 ~ /^linux-image-[0-9]/ { print $2; exit }')
	if [ -z "$name" ]; then
		msg "linux-image-amd64 unknown to apt; running apt-get update"
		as_root apt-get update -qq >&2 || true
		name=$(apt-cache depends linux-image-amd64 2>/dev/null |
			awk '$1 == "Depends:" && $2 ~ /^linux-image-[0-9]/ { print $2; exit }')
	fi
	[ -n "$name" ] || die "cannot resolve the package linux-image-amd64 depends on"
	echo "$name"
}

fetch_kernel() {
	local pkg=$1 dir=$CACHE/$1 dl deb kver
	if [ -f "$dir/kver" ] && [ -f "$dir/root/boot/vmlinuz-$(cat "$dir/kver")" ]; then
		return
	fi
	need apt-get apt
	need dpkg dpkg
	need depmod kmod
	msg "downloading $pkg"
	rm -rf "$dir"
	mkdir -p "$dir"
	dl=$(mktemp -d "$CACHE/.dl.XXXXXX")
	chmod 777 "$dl"	# apt drops to the _apt user for downloads
	(cd "$dl" && apt-get download -q "$pkg" 2>&1 | grep -v '^W: Download is performed unsandboxed' >&2)
	deb=$(ls "$dl"/*.deb 2>/dev/null | head -n 1)
	if [ -z "$deb" ]; then
		rm -rf "$dl"
		die "apt-get download $pkg failed"
	fi
	msg "extracting $(basename "$deb")"
	dpkg -x "$deb" "$dir/root" || die "dpkg -x $deb failed"
	rm -rf "$dl"
	kver=$(ls "$dir/root/lib/modules" | head -n 1)
	[ -n "$kver" ] && [ -f "$dir/root/boot/vmlinuz-$kver" ] || die "$pkg holds no kernel"
	depmod -b "$dir/root" "$kver" || die "depmod failed"
	echo "$kver" >"$dir/kver"
}

# The uncompressed ELF kernel boots through PVH, skipping firmware-side
# setup and in-guest decompression: about 4 s less per boot under TCG.
extract_vmlinux() {
	local img=$1 out=$2 magic tool off
	[ -s "$out" ] && return 0
	for magic in $'\xfd7zXZ\x00:xz' $'\x28\xb5\x2f\xfd:zstd' $'\x1f\x8b\x08:gzip'; do
		tool=${magic##*:}
		command -v "$tool" >/dev/null || continue
		for off in $(LC_ALL=C grep -aboF "${magic%:*}" "$img" 2>/dev/null | cut -d: -f1 | head -n 5); do
			tail -c +$((off + 1)) "$img" | "$tool" -dc 2>/dev/null >"$out.tmp"
			if head -c 4 "$out.tmp" | grep -q 'ELF'; then
				mv "$out.tmp" "$out"
				return 0
			fi
		done
	done
	rm -f "$out.tmp"
	return 1
}

build_initrd() {
	local dir=$1 kver=$2 key
	key=$( (cat "$HERE/mkinitrd.sh" "$HERE/init" "$HERE/modules.list" \
		/bin/busybox; echo "$kver") | sha256sum | cut -d' ' -f1)
	if [ -f "$dir/initrd.gz" ] && [ "$(cat "$dir/initrd.key" 2>/dev/null)" = "$key" ]; then
		return
	fi
	msg "building the initrd"
	"$HERE/mkinitrd.sh" "$dir/root" "$kver" "$dir/initrd.gz" >&2 || die "mkinitrd failed"
	echo "$key" >"$dir/initrd.key"
}

prepare() {
	local pkg
	mkdir -p "$CACHE"
	exec 9>"$CACHE/.lock"
	flock 9
	if [ -z "${E2E_REFRESH:-}" ] && [ -z "${E2E_KERNEL_PKG:-}" ] &&
		[ -f "$CACHE/current/kver" ]; then
		pkg=$(readlink "$CACHE/current")
	else
		pkg=$(kernel_pkg_name) || exit 125
	fi
	fetch_kernel "$pkg"
	ln -sfn "$pkg" "$CACHE/current"
	KDIR=$CACHE/$pkg
	KVER=$(cat "$KDIR/kver")
	build_initrd "$KDIR" "$KVER"
	KERNEL=$KDIR/root/boot/vmlinuz-$KVER
	if [ -z "${E2E_BZIMAGE:-}" ] && extract_vmlinux "$KERNEL" "$KDIR/vmlinux"; then
		KERNEL=$KDIR/vmlinux
	fi
	exec 9>&-
}

need qemu-system-x86_64 qemu-system-x86
need cpio cpio
need gzip gzip
[ -x /bin/busybox ] || die "/bin/busybox not found (install busybox-static)"
prepare

# ---------------------------------------------------------------------------
# Per-run results directory, shared read-write with the guest.

squote() { printf "'%s'" "${1//\'/\'\\\'\'}"; }

name=$(basename "$SCENARIO" .sh)
mkdir -p "$RESULTS_ROOT"
RUN=$(mktemp -d "$RESULTS_ROOT/$name-$(date +%Y%m%d-%H%M%S)-XXXX") || die "cannot create a run directory"
chmod 777 "$RUN"
ln -sfn "$(basename "$RUN")" "$RESULTS_ROOT/latest"
# Keep only the newest runs.
ls -1dt "$RESULTS_ROOT"/*-*-*/ 2>/dev/null | tail -n +$((KEEP + 1)) | xargs -r rm -rf

{
	echo "E2E_REPO=$(squote "$REPO")"
	echo "E2E_KROOT=$(squote "$KDIR/root")"
	echo "E2E_SCENARIO=$(squote "$SCENARIO")"
	printf 'E2E_ARGS=('
	for a in "$@"; do printf '%s ' "$(squote "$a")"; done
	echo ')'
} >"$RUN/run.env"

# ---------------------------------------------------------------------------
# Boot.  ttyS0 (kernel console) -> console.log, ttyS1 (scenario) -> stdout.

msg "kernel $KVER, scenario $name, results in ${RUN#"$REPO"/}"
tailpid=""
if [ -n "${E2E_CONSOLE:-}" ]; then
	: >"$RUN/console.log"
	tail -n +1 -f "$RUN/console.log" > >(tr -d '\r' | sed -u 's/^/[kernel] /' >&2) &
	tailpid=$!
fi

start=$(date +%s)
timeout --foreground -k 10 "$TIMEOUT" \
	qemu-system-x86_64 -nodefaults -accel "$ACCEL" -cpu max -smp "$SMP" \
	-m "$MEM" -display none -no-reboot \
	-kernel "$KERNEL" -initrd "$KDIR/initrd.gz" \
	-append "console=ttyS0 panic=-1 loglevel=$LOGLEVEL oops=panic e2e.p9cache=${E2E_P9CACHE:-loose} ${E2E_APPEND:-}" \
	-serial "file:$RUN/console.log" -chardev stdio,id=out,signal=on \
	-serial chardev:out \
	-device virtio-rng-pci \
	-virtfs local,path=/,mount_tag=host,security_model=none,readonly=on,multidevs=remap \
	-virtfs "local,path=$RUN,mount_tag=results,security_model=none,multidevs=remap" \
	</dev/null | tee "$RUN/output.log"
qrc=${PIPESTATUS[0]}
elapsed=$(($(date +%s) - start))
if [ -n "$tailpid" ]; then
	sleep 0.2
	kill "$tailpid" 2>/dev/null
fi

# The kernel console from its first sign of trouble, else its last lines.
show_console() {
	local log=$RUN/console.log first
	[ -s "$log" ] || return 0
	first=$(grep -anE 'Kernel panic|BUG:|Oops|WARNING:|Call Trace|e2e-init: FATAL' "$log" |
		head -n 1 | cut -d: -f1)
	msg "kernel console ($log):"
	if [ -n "$first" ]; then
		tail -n +"$((first > 5 ? first - 5 : 1))" "$log" | head -n 60
	else
		tail -n 40 "$log"
	fi | tr -d '\r' | sed 's/^/  | /' >&2
}

status=$(cat "$RUN/status" 2>/dev/null)
if [ "$qrc" = 124 ] || [ "$qrc" = 137 ]; then
	msg "TIMEOUT: the VM ran longer than ${TIMEOUT}s and was killed"
	show_console
	exit 124
fi
if ! [[ $status =~ ^[0-9]+$ ]]; then
	msg "FAILED: the VM stopped after ${elapsed}s without recording a status (qemu exit $qrc)"
	show_console
	exit 125
fi
if [ "$status" != 0 ]; then
	msg "scenario $name exited with status $status after ${elapsed}s"
	grep -qaE 'BUG:|Oops|WARNING:|Call Trace' "$RUN/console.log" 2>/dev/null && show_console
else
	msg "scenario $name passed in ${elapsed}s"
fi
exit "$status"
