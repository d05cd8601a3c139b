#!/usr/bin/env bash
# The normalizer at scale, as it ships: storage (File store), location and the normalizer started as their sidecar
# containers run them, a registry simulator with R models × V versions answering every request after L ms
# (sync/RegistrySimulator), and a Kubernetes API server with KServe's CRDs (bench/KubeSimulator). Each round:
#   - first full sync: from the sync's first registry request until the normalizer is ready (its first full sync
#     is in storage; the script then checks that location lists all R×V documents);
#   - a no-change sync: registry requests by kind (paged list calls, per-version artifact calls, other) and time;
#   - a new version added to the registry: in location's /list how long after the start, and after the end, of
#     the sync that saw it;
#   - a KServe-only InferenceService created in the API server: in location's /list how long after it was stored;
#   - RSS of each role afterwards.
# Usage: bench/normalizer-scale.sh [models=1000] [versions=10] [latency ms=5] [polling interval=5s]
# With BENCH_BASELINE_APP=<quarkus-app of an older build>, every round also runs that build's normalizer (storage and
# location stay this build's), alternating which goes first.
# BENCH_NORMALIZER_ENV="K=V ..." adds variables to the normalizer's environment only, e.g. to profile it:
#   BENCH_NORMALIZER_ENV="JAVA_TOOL_OPTIONS=-XX:StartFlightRecording=filename=/tmp/n.jfr,settings=profile"
source "$(dirname "$0")/lib.sh"
R=${1:-1000}
V=${2:-10}
L=${3:-5}
POLL=${4:-5s}
N=$((R * V))
bench_prepare
bench_begin normalizer-scale "Normalizer: $R models × $V versions ($N documents), registry answering in $L ms"

# start_simulator <name> <class> [args...]: starts a bench simulator, waits for its state file, sources it into
# <name>_url, <name>_admin, <name>_kubeconfig.
start_simulator() {
    local name=$1 class=$2 state="$BENCH_TMP/$1.state"
    shift 2
    rm -f "$state"
    bench_java_bg "${name}_PID" "$class" "$state" "$@" >"$BENCH_TMP/$name.log" 2>&1
    for _ in $(seq 1 1500); do [ -s "$state" ] && break; sleep 0.1; done
    [ -s "$state" ] || { echo "$name did not start; $BENCH_TMP/$name.log:" >&2; tail -20 "$BENCH_TMP/$name.log" >&2; exit 1; }
    local k v
    while IFS='=' read -r k v; do printf -v "${name}_$k" '%s' "$v"; done <"$state"
}

admin() { curl -sf "$1" || { echo "simulator call failed: $1" >&2; exit 1; }; }

# A Prometheus sample of the normalizer: metric <name{labels}> → value (0 when absent).
metric() {
    curl -sf "http://127.0.0.1:$np/q/metrics" | awk -v m="$1" 'index($0, m) == 1 {print $2; found = 1} END {if (!found) print 0}'
}
full_syncs() { metric 'bridge_sync_duration_seconds_count{type="full"}' | cut -d. -f1; }
# Waits until the number of full syncs exceeds $1.
wait_full_sync_after() {
    local start
    start=$(now_ms)
    while [ "$(full_syncs)" -le "$1" ]; do
        [ $(($(now_ms) - start)) -gt 600000 ] && { echo "no full sync within 10 min" >&2; exit 1; }
        sleep 0.02
    done
}
listed() { curl -sf "http://127.0.0.1:$lp/api/model-catalog-bridge/list"; }
# Waits until location's current /list names $1; prints the epoch ms at which it did.
wait_listed() {
    local start
    start=$(now_ms)
    until listed | grep -qF "$1"; do
        [ $(($(now_ms) - start)) -gt 120000 ] && { echo "$1 not in location's /list within 2 min" >&2; exit 1; }
        sleep 0.01
    done
    now_ms
}

start_simulator kube io.modelcatalogbridge.bench.KubeSimulator
# one_round <round> <variant>: one round with the normalizer of that build (storage and location are always this
# build's, so only the normalizer differs between the variants).
one_round() {
    local round=$1 v=$2 napp
    napp=$(app_of "$v")
    start_simulator registry io.modelcatalogbridge.sync.RegistrySimulator "$R" "$V" "$L"
    sp=$(free_port)
    lp=$(free_port)
    np=$(free_port)
    start_role storage "$APP" "$SIDECARS" storage STORAGE_TYPE=File STORAGE_DIR="$BENCH_TMP/data-$round-$v" \
        BRIDGE_URL="http://127.0.0.1:$lp" -- storage --port "$sp"
    wait_ready "$sp" >/dev/null || exit 1
    start_role location "$APP" "$SIDECARS" location STORAGE_URL="http://127.0.0.1:$sp" -- location --port "$lp"
    wait_ready "$lp" >/dev/null || exit 1
    launched=$(now_ms)
    # The container settings apply to either build (APP=); lib.sh caches them with this build's class-data archive,
    # so the old build is pointed at its own (ROLE_ARCHIVE; empty for this build: unchanged).
    archive=""
    [ "$v" = old ] && archive="-XX:SharedArchiveFile=$napp/app-cds.jsa"
    # shellcheck disable=SC2086 # BENCH_NORMALIZER_ENV is a list of words
    APP=$napp ROLE_ARCHIVE=$archive KUBECONFIG=$kube_kubeconfig start_role normalizer "$napp" "$SIDECARS" normalizer \
        STORAGE_URL="http://127.0.0.1:$sp" MODEL_REGISTRY_URLS="bench=$registry_url" POLLING_INTERVAL="$POLL" \
        NAMESPACE=risk-team ${BENCH_NORMALIZER_ENV:-} -- normalizer --port "$np"
    # Polled every 200 ms, not every 20 ms: over a sync of a minute or more, 50 readiness requests a second cost the
    # normalizer more CPU than the 0.2 s of precision is worth.
    wait_ready "$np" 600 /q/health/ready 0.2 >/dev/null || exit 1
    ready=$(now_ms)
    for p in normalizer storage location; do
        record "$v" "CPU s until ready: $p" "$(awk -v ms="$(cpu_ms "$(eval echo "\$${p}_PID")")" 'BEGIN {printf "%.1f", ms / 1000}')"
    done
    first=$(admin "$registry_admin/sync-start?after=$launched")
    record "$v" "first full sync into storage, s" "$(awk -v ms=$((ready - first)) 'BEGIN {printf "%.1f", ms / 1000}')"
    record "$v" "launch to ready (JVM start + first sync), s" \
        "$(awk -v ms=$((ready - launched)) 'BEGIN {printf "%.1f", ms / 1000}')"
    # Storage forwards every upsert to location; location also reconciles with storage periodically.
    start=$(now_ms)
    until [ "$(listed | grep -o '"[^"]*/[^"]*"' | wc -l)" -ge "$N" ]; do
        [ $(($(now_ms) - start)) -gt 120000 ] && { echo "location does not list $N documents" >&2; exit 1; }
        sleep 0.02
    done
    record "$v" "first full sync in location /list, s" \
        "$(awk -v ms=$(($(now_ms) - first)) 'BEGIN {printf "%.1f", ms / 1000}')"

    # A no-change sync: the one after the counters are reset. Syncs run a polling interval after the previous one
    # ended, and the second may be running already: reset right after one ends, then count the next one.
    syncs=$(full_syncs)
    wait_full_sync_after "$syncs"
    syncs=$(full_syncs)
    admin "$registry_admin/reset" >/dev/null
    sum0=$(metric 'bridge_sync_duration_seconds_sum{type="full"}')
    wait_full_sync_after "$syncs"
    sum1=$(metric 'bridge_sync_duration_seconds_sum{type="full"}')
    eval "$(admin "$registry_admin/requests" | tr ' ' '\n' | sed 's/^/req_/')"
    record "$v" "no-change sync: list calls" "$req_lists"
    record "$v" "no-change sync: artifact calls" "$req_artifacts"
    record "$v" "no-change sync: other calls" "$req_other"
    record "$v" "no-change sync, s" "$(awk -v a="$sum0" -v b="$sum1" 'BEGIN {printf "%.2f", b - a}')"

    # A new version: added right after a sync ended, seen by the next one.
    syncs=$(full_syncs)
    wait_full_sync_after "$syncs"
    added=$(now_ms)
    key=$(admin "$registry_admin/add-version?model=$((round % R))")
    shown=$(wait_listed "\"${key//_//}\"")
    seen=$(admin "$registry_admin/sync-start?after=$added")
    record "$v" "new version in location /list, ms after its sync started" $((shown - seen))

    # A KServe-only deployment, stored in the API server, then watched, debounced, published and forwarded.
    stored=$(admin "$kube_admin/isvc?name=bench-isvc-$round-$v")
    shown=$(wait_listed "bench-isvc-$round-$v")
    record "$v" "KServe InferenceService in location /list, ms after stored" $((shown - stored))
    # The normalizer's own part of it: the delta sync that published the change (its log line).
    record "$v" "delta sync that published it (normalizer's log), ms" "$(grep -o 'sync [0-9]* (delta) complete in [0-9]* ms' \
        "$BENCH_TMP/normalizer.log" | tail -1 | grep -o 'in [0-9]* ms' | grep -o '[0-9]*')"

    record "$v" "RSS after, MiB: storage" "$(rss_mib "$storage_PID")"
    record "$v" "RSS after, MiB: location" "$(rss_mib "$location_PID")"
    record "$v" "RSS after, MiB: normalizer" "$(rss_mib "$normalizer_PID")"
    stop_pid "$normalizer_PID"
    stop_pid "$location_PID"
    stop_pid "$storage_PID"
    stop_pid "$registry_PID"
    rm -rf "$BENCH_TMP/data-$round-$v"
}

if [ -n "$BASELINE" ]; then
    # The old build gets a class-data archive of its own, as its image would have.
    APP=$BASELINE train_archive java "-XX:ArchiveClassesAtExit=$BASELINE/app-cds.jsa" "$BASELINE/app-cds.jsa"
fi
for round in $(seq "$RUNS"); do
    # Alternating order (new, old, then old, new) so neither build always runs second.
    order=$(variants)
    [ $((round % 2)) -eq 0 ] && order=$(echo "$order" | awk '{for (i = NF; i > 0; i--) printf "%s ", $i}')
    for v in $order; do one_round "$round" "$v"; done
done
bench_end "bench/normalizer-scale.sh $R $V $L $POLL" \
    "The three roles run with their sidecar containers' JVM settings (\`deploy/sidecar\`: 256 MiB limit, 1 CPU, \
heap 40 %, serial GC, C1 (location: C2), AppCDS), registry concurrency and storage concurrency at their defaults. The simulator \
serves the Kubeflow Model Registry REST API with real paging (the page size the normalizer asks for: KFMR_PAGE_SIZE, 500 by default) and delays every answer by $L ms. \
\"First full sync\" runs from the sync's first registry request until the normalizer reports ready, which it does \
once that sync is in storage. The new-version figure runs until location's current \`/list\` names it. The InferenceService figure runs from the moment the API server \
stored it; KServe changes are published after ${DEBOUNCE_NOTE:-200 ms without further changes (at most 800 ms)}."
