#!/usr/bin/env bash
# Run every e2e scenario (tests/e2e/scenarios/*.sh), each in its own VM,
# and end with one summary line:
#   N passed, N failed
# counting the checks the scenarios report (their own "N passed, N
# failed" lines); a scenario that fails without reporting a failed check
# (crash, timeout, bad exit status) counts as one failure.
#
#   tests/e2e/run-all.sh [NAME...]    only the scenarios whose file name
#                                     contains one of the NAMEs
set -u
cd "$(dirname "$0")/../.." || exit 1

passed=0
failed=0
failures=()
log=$(mktemp)
trap 'rm -f "$log"' EXIT

selected() {
	local s=$1 n
	[ ${#FILTER[@]} -eq 0 ] && return 0
	for n in "${FILTER[@]}"; do
		case ${s##*/} in *"$n"*) return 0 ;; esac
	done
	return 1
}
FILTER=("$@")

total_start=$(date +%s)
ran=0
for s in tests/e2e/scenarios/*.sh; do
	[ -f "$s" ] || continue
	selected "$s" || continue
	name=$(basename "$s" .sh)
	ran=$((ran + 1))
	echo "### e2e scenario $name"
	start=$(date +%s)
	tests/e2e/vm.sh "$s" 2>&1 </dev/null | tee "$log"
	rc=${PIPESTATUS[0]}
	line=$(grep -aE '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)
	p=0
	f=0
	if [ -n "$line" ]; then
		p=${line%% passed*}
		f=${line#*passed, }
		f=${f%% failed*}
	fi
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
	fi
	[ "$rc" -eq 0 ] && [ -z "$line" ] && p=1
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$rc" -ne 0 ]; then
		failures+=("$name (exit $rc, $f failed)")
	fi
	echo "### e2e scenario $name: exit $rc, $p passed, $f failed, $(($(date +%s) - start)) s"
done

if [ "$ran" -eq 0 ]; then
	failures+=("no scenario matched")
	failed=$((failed + 1))
fi
echo "e2e: $ran scenario(s) in $(($(date +%s) - total_start)) s"
if [ ${#failures[@]} -gt 0 ]; then
	echo "failures:"
	for f in "${failures[@]}"; do echo "  $f"; done
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ ${#failures[@]} -eq 0 ]
