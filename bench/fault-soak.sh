#!/usr/bin/env bash
# The fault suites at soak size, outside CI (issue 11): SIGKILL of storage, location and normalizer at seeded moments
# of syncs (ProcessFaultsIT), then the Kubernetes API faults (KubernetesFaultsIT), over several seeds. The build runs
# one seed of 35 process-fault runs (each role killed at least 20 times); this runs many more. A failure prints the
# seed and the run count that reproduce it.
#
# usage: bench/fault-soak.sh [runs-per-seed] [seeds] [first-seed]
#   runs-per-seed  process-fault runs per seed (default 175: each role killed ~100 times per seed)
#   seeds          how many seeds, one after the other (default 4)
#   first-seed     first seed (default: the build's, 20251130); the next ones count up from it
# Writes target/fault-soak-<seed>.log and stops at the first failing seed.
set -uo pipefail
cd "$(dirname "$0")/.."
runs=${1:-175}
seeds=${2:-4}
first=${3:-20251130}
mkdir -p target
start=$(date +%s)
for ((i = 0; i < seeds; i++)); do
  seed=$((first + i))
  log=target/fault-soak-$seed.log
  echo "== seed $seed: $runs process-fault runs, then the Kubernetes faults; log: $log"
  ./mvnw -B verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test='ProcessFaultsIT,KubernetesFaultsIT' \
    -Dbridge.test.seed="$seed" -Dbridge.test.fault-runs="$runs" >"$log" 2>&1
  rc=$?
  grep -E 'Tests run:|SIGKILLs per role|injected 409s|FAIL|reproduce' "$log" | grep -v 'passed in' | tail -8
  if [ $rc -ne 0 ]; then
    echo "== seed $seed FAILED (exit $rc) after $(( $(date +%s) - start )) s; see $log"
    exit $rc
  fi
done
echo "== $seeds seeds x $runs runs passed in $(( $(date +%s) - start )) s"
