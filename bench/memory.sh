#!/usr/bin/env bash
# RSS of each role as its container runs it (deploy/ limits and the image's JVM settings), at rest and loaded:
#   - storage, location, normalizer, each in its sidecar container's settings, on the example registry snapshot
#     (5 documents), RSS after start-up, a few requests and REST_S seconds idle, and the sum of the three;
#   - `run` (all roles, the standalone Deployment's settings), at rest the same way, and after a first full sync
#     of MODELS × VERSIONS versions from a registry simulator (no latency), with the peak during that sync.
# Location loaded with 10,000 documents is bench/location-read.sh; the normalizer after a 10,000-version sync is
# bench/normalizer-scale.sh. Usage: bench/memory.sh [models=1000] [versions=10] [rest seconds=10]
source "$(dirname "$0")/lib.sh"
R=${1:-1000}
V=${2:-10}
REST_S=${3:-10}
N=$((R * V))
bench_prepare
bench_begin memory "RSS per role at rest, and \`run\` after a $N-version sync (Go bridge: 58–63 MiB per sidecar, 183 MiB for three)"

# A few requests of what each role serves, then rest.
touch_role() { # <port> <paths...>
    local port=$1 p
    shift
    for _ in 1 2 3 4 5; do for p in "$@"; do curl -sf -o /dev/null "http://127.0.0.1:$port$p"; done; done
}

for round in $(seq "$RUNS"); do
    sp=$(free_port)
    lp=$(free_port)
    np=$(free_port)
    start_role storage "$APP" "$SIDECARS" storage STORAGE_TYPE=File STORAGE_DIR="$BENCH_TMP/data-$round" \
        BRIDGE_URL="http://127.0.0.1:$lp" -- storage --port "$sp"
    storage_ready=$(wait_ready "$sp") || exit 1
    start_role location "$APP" "$SIDECARS" location STORAGE_URL="http://127.0.0.1:$sp" -- location --port "$lp"
    location_ready=$(wait_ready "$lp") || exit 1
    start_role normalizer "$APP" "$SIDECARS" normalizer STORAGE_URL="http://127.0.0.1:$sp" \
        MODEL_REGISTRY_URLS="example=file://$ROOT/examples/registry-snapshot" POLLING_INTERVAL=1h \
        -- normalizer --port "$np"
    normalizer_ready=$(wait_ready "$np") || exit 1
    touch_role "$lp" /list /api/model-catalog-bridge/list /api/model-catalog-bridge/models/mnist/v1 /q/health/ready
    touch_role "$sp" /list "/fetch?key=mnist_v1" /q/health/ready
    touch_role "$np" /q/metrics /q/health/ready
    sleep "$REST_S"
    s=$(rss_mib "$storage_PID")
    l=$(rss_mib "$location_PID")
    n=$(rss_mib "$normalizer_PID")
    record new "storage at rest, MiB" "$s"
    record new "location at rest, MiB" "$l"
    record new "normalizer at rest, MiB" "$n"
    record new "normalizer threads at rest" "$(ls "/proc/$normalizer_PID/task" | wc -l)"
    record new "three sidecars at rest, MiB" $((s + l + n))
    # Start-up cost beside the memory: launch to ready (wall, depends on the machine's load) and the CPU each JVM
    # used until it was measured at rest (start-up, the requests above, idle), which does not.
    for r in storage location normalizer; do
        record new "$r: launch to ready, ms" "$(eval echo "\$${r}_ready")"
        record new "$r: CPU to rest, s" "$(awk -v ms="$(cpu_ms "$(eval echo "\$${r}_PID")")" 'BEGIN {printf "%.2f", ms / 1000}')"
    done
    stop_pid "$normalizer_PID"
    stop_pid "$location_PID"
    stop_pid "$storage_PID"

    # run: all three roles in one process, at rest on the example snapshot
    rp=$(free_port)
    start_role run "$APP" "$STANDALONE" bridge STORAGE_TYPE=File STORAGE_DIR="$BENCH_TMP/run-$round" -- \
        run --port "$rp" --storage-port "$(free_port)" --normalizer-port "$(free_port)" \
        --registry examples/registry-snapshot
    wait_ready "$rp" >/dev/null || exit 1
    touch_role "$rp" /list /api/model-catalog-bridge/list /api/model-catalog-bridge/models/mnist/v1
    sleep "$REST_S"
    record new "run at rest, MiB" "$(rss_mib "$run_PID")"
    stop_pid "$run_PID"

    # run after a first full sync of N versions
    state="$BENCH_TMP/registry-$round.state"
    bench_java_bg sim io.modelcatalogbridge.sync.RegistrySimulator "$state" "$R" "$V" 0 >"$BENCH_TMP/registry.log" 2>&1
    for _ in $(seq 1 1500); do [ -s "$state" ] && break; sleep 0.1; done
    url=$(sed -n 's/^url=//p' "$state")
    [ -n "$url" ] || { echo "registry simulator did not start" >&2; exit 1; }
    rp=$(free_port)
    start_role run "$APP" "$STANDALONE" bridge STORAGE_TYPE=File STORAGE_DIR="$BENCH_TMP/run-big-$round" \
        POLLING_INTERVAL=1h -- run --port "$rp" --storage-port "$(free_port)" --normalizer-port "$(free_port)" \
        --registry "bench=$url"
    wait_ready "$rp" 600 >/dev/null || exit 1
    listed=$(curl -sf "http://127.0.0.1:$rp/api/model-catalog-bridge/list" | grep -o '"[^"]*/[^"]*"' | wc -l)
    [ "$listed" -ge "$N" ] || { echo "run lists $listed documents, not $N" >&2; exit 1; }
    touch_role "$rp" /list /api/model-catalog-bridge/list
    record new "run after a $N-version sync, MiB" "$(rss_mib "$run_PID")"
    record new "run peak during that sync, MiB" "$(peak_mib "$run_PID")"
    stop_pid "$run_PID"
    stop_pid "$sim"
    rm -rf "$BENCH_TMP/data-$round" "$BENCH_TMP/run-$round" "$BENCH_TMP/run-big-$round"
done
bench_end "bench/memory.sh $R $V $REST_S" \
    "RSS (\`VmRSS\`) of each JVM as its container runs it: the sidecars with \`deploy/sidecar\`'s settings (256 MiB \
limit, 1 CPU, heap 40 % of the limit, serial GC, C1 (location: C2), AppCDS archive), \`run\` with \`deploy/standalone\`'s (384 MiB, \
2 CPUs). \"At rest\": after start-up, 5 rounds of requests to each endpoint and ${REST_S} s idle. The registry \
simulator for the $N-version sync answers without delay."
