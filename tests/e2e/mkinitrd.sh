#!/usr/bin/env bash
# Build the e2e initrd: static busybox, tests/e2e/init as /init, and the
# kernel modules named in tests/e2e/modules.list together with everything
# they depend on (per modules.dep), listed in load order in
# /etc/e2e/modules.
#
#   tests/e2e/mkinitrd.sh MODULES_ROOT KVER OUTPUT
#
# MODULES_ROOT is the directory holding lib/modules/KVER (an extracted
# linux-image package on which `depmod -b` has been run).
set -euo pipefail

if [ $# -ne 3 ]; then
	echo "usage: $0 MODULES_ROOT KVER OUTPUT" >&2
	exit 2
fi
KROOT=$1
KVER=$2
OUT=$3
HERE=$(cd "$(dirname "$0")" && pwd -P)
MODDIR=$KROOT/lib/modules/$KVER
BUSYBOX=${E2E_BUSYBOX:-/bin/busybox}

[ -f "$MODDIR/modules.dep" ] || { echo "mkinitrd: no $MODDIR/modules.dep" >&2; exit 1; }
if ! file -L "$BUSYBOX" 2>/dev/null | grep -q 'statically linked'; then
	# `file` may be missing; fall back to asking the dynamic loader.
	if ldd "$BUSYBOX" >/dev/null 2>&1; then
		echo "mkinitrd: $BUSYBOX is not static (install busybox-static)" >&2
		exit 1
	fi
fi

stage=$(mktemp -d "${TMPDIR:-/tmp}/rosh-initrd.XXXXXX")
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage"/{bin,dev,proc,sys,mnt,newroot,tmp,etc/e2e,lib/modules/"$KVER"}

# Resolve the wanted names to module files, dependencies first, each once.
# Output lines: "name relpath", or "name -builtin" / "name -missing".
resolve() {
	grep -vE '^[[:space:]]*(#|$)' "$HERE/modules.list" | awk '{print $1}' |
	awk -v dep="$MODDIR/modules.dep" -v builtin="$MODDIR/modules.builtin" '
	function norm(s) { gsub(/-/, "_", s); return s }
	function base(p,   b) { b = p; sub(/.*\//, "", b); sub(/\.ko(\.[a-z]+)?$/, "", b); return norm(b) }
	function emit(p,   i, n, d) {
		if (p in done) return
		done[p] = 1
		n = split(deps[p], d, " ")
		# modules.dep lists the deepest dependency last.
		for (i = n; i >= 1; i--) emit(d[i])
		print base(p), p
	}
	BEGIN {
		while ((getline line < dep) > 0) {
			split(line, kv, ":")
			path[base(kv[1])] = kv[1]
			deps[kv[1]] = kv[2]
		}
		while ((getline line < builtin) > 0) inkernel[base(line)] = 1
	}
	{
		n = norm($1)
		if (n in path) emit(path[n])
		else if (n in inkernel) print n, "-builtin"
		else print n, "-missing"
	}'
}

resolve >"$stage/etc/e2e/resolved"
: >"$stage/etc/e2e/modules"
while read -r name rel; do
	case $rel in
	-builtin) continue ;;
	-missing) echo "mkinitrd: warning: module $name is not in kernel $KVER" >&2; continue ;;
	esac
	mkdir -p "$stage/lib/modules/$KVER/$(dirname "$rel")"
	cp "$MODDIR/$rel" "$stage/lib/modules/$KVER/$rel"
	echo "$name $rel" >>"$stage/etc/e2e/modules"
done <"$stage/etc/e2e/resolved"
cp "$MODDIR"/modules.dep "$MODDIR"/modules.builtin "$MODDIR"/modules.order \
	"$stage/lib/modules/$KVER/" 2>/dev/null || true
echo "$KVER" >"$stage/etc/e2e/kver"

cp "$BUSYBOX" "$stage/bin/busybox"
ln -s busybox "$stage/bin/sh"
cp "$HERE/init" "$stage/init"
chmod 755 "$stage/init" "$stage/bin/busybox"

tmpout=$OUT.tmp.$$
(cd "$stage" && find . -print0 | LC_ALL=C sort -z |
	cpio --null -o -H newc --owner=0:0 --quiet) | gzip -1 >"$tmpout"
mv "$tmpout" "$OUT"
echo "mkinitrd: $(wc -l <"$stage/etc/e2e/modules") modules, $(du -k "$OUT" | cut -f1) KiB -> $OUT"
