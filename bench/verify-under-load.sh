#!/usr/bin/env bash
# The whole test suite (./mvnw -B verify, the README's test command) while a CPU hog keeps every core busy: shows
# that no test depends on an idle machine (issue 11). Installs stress-ng (Debian package) when it is missing.
#
# usage: bench/verify-under-load.sh [extra mvnw arguments...]
#   CORES=2                      run the build and the hog on this many cores only (taskset), as on a 2-core
#                                machine; default: all cores of this machine
#   STRESS_CPU=2                 stress-ng CPU workers (default: one per core used)
#   BRIDGE_TEST_WAIT_FACTOR=...  stretches every test wait (default 1: the suite must pass without it)
# Writes target/verify-under-load.md (one result line) and target/verify-under-load.log (the build output).
# Issue 11's proof: `CORES=2 bench/verify-under-load.sh` (docs/reliability.md, "Tests under load").
set -uo pipefail
cd "$(dirname "$0")/.."

if ! command -v stress-ng >/dev/null 2>&1; then
  echo "== installing stress-ng"
  { apt-get install -y -qq stress-ng || { apt-get update -qq && apt-get install -y -qq stress-ng; }; } >/dev/null
fi
# Without the hog this would prove nothing: stop instead of running an unloaded build.
command -v stress-ng >/dev/null 2>&1 || { echo "stress-ng is not installed and could not be (apt-get install stress-ng)"; exit 1; }

pin=()
cores=$(nproc)
if [ -n "${CORES:-}" ]; then
  [ "$CORES" -ge 1 ] && [ "$CORES" -le "$(nproc)" ] || { echo "CORES must be 1..$(nproc), got $CORES"; exit 1; }
  command -v taskset >/dev/null 2>&1 || { echo "CORES needs taskset (util-linux)"; exit 1; }
  pin=(taskset -c "0-$((CORES - 1))")
  cores=$CORES
fi
workers=${STRESS_CPU:-$cores}
mkdir -p target
log=target/verify-under-load.log

"${pin[@]}" stress-ng --cpu "$workers" --cpu-method matrixprod --timeout 0 --quiet &
hog=$!
trap 'kill "$hog" 2>/dev/null; wait "$hog" 2>/dev/null' EXIT
sleep 1
kill -0 "$hog" 2>/dev/null || { echo "stress-ng did not start"; exit 1; }
echo "== stress-ng --cpu $workers (pid $hog) beside ./mvnw -B verify $* on $cores cores; log: $log"

start=$(date +%s)
"${pin[@]}" ./mvnw -B verify "$@" >"$log" 2>&1
rc=$?
secs=$(( $(date +%s) - start ))
load=$(cut -d' ' -f1-3 /proc/loadavg)

# Totals of surefire (unit) and failsafe (integration) runs, as Maven prints them.
totals=$(grep -E '^\[(INFO|WARNING|ERROR)\] Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+$' "$log" \
  | sed -E 's/^\[[A-Z]+\] //' | paste -sd';' -)
result=$([ $rc -eq 0 ] && echo PASSED || echo FAILED)
line="$(date +%F) | $cores cores, stress-ng --cpu $workers | wait factor ${BRIDGE_TEST_WAIT_FACTOR:-1} | $result in $((secs / 60)) min $((secs % 60)) s | ${totals:-no test totals} | load average at the end: $load"
echo "$line" | tee target/verify-under-load.md
[ $rc -eq 0 ] || grep -E 'Tests run:.*(Fail|Err)[a-z]*: [1-9]|FAIL|<<<' "$log" | tail -30
exit $rc
