#!/usr/bin/env bash
# Time from launch to ready, and peak memory, of the all-in-one `run` on the example snapshot (File store, no
# Kubernetes). Usage: bench/run-startup.sh [runs=3] [extra JVM options...]
set -uo pipefail  # no -e: the loop must reach its kill even when a probe fails
cd "$(dirname "$0")/.."
runs=${1:-3}; shift || true
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q package -DskipTests
for i in $(seq 1 "$runs"); do
  work=$(mktemp -d)
  start=$(date +%s%N)
  STORAGE_DIR="$work/data" KUBECONFIG="$work/none" HOME="$work" \
    java "$@" -jar target/quarkus-app/quarkus-run.jar run --port 19090 --storage-port 17070 --normalizer-port 18080 \
    --registry examples/registry-snapshot >"$work/log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null http://127.0.0.1:19090/q/health/ready; do sleep 0.02; done
  ready=$(( ($(date +%s%N) - start) / 1000000 ))
  for _ in $(seq 1 50); do curl -sf -o /dev/null http://127.0.0.1:19090/api/model-catalog-bridge/list; done
  rss=$(awk '/VmHWM/ {print int($2/1024)}' /proc/$pid/status)
  docs=$(curl -sf http://127.0.0.1:19090/api/model-catalog-bridge/list | grep -o '"[^"]*/[^"]*"' | wc -l)
  kill -TERM $pid; wait $pid; code=$?
  echo "run $i: ready in ${ready} ms, ${docs} documents, peak RSS ${rss} MiB, exit ${code} after SIGTERM"
  rm -rf "$work"
done
