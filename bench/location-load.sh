#!/usr/bin/env bash
# Location's first load of N documents from storage (File store), as its sidecar container runs it: the load phase
# from location's own log line, launch to ready, location's CPU time up to ready (JVM start included) and its RSS.
# Usage: bench/location-load.sh [documents=10000]
# With BENCH_BASELINE_APP=<quarkus-app dir of an older build> every round also launches the old build's location
# against the same storage, right after this build's (bench/location-lib.sh says with which JVM options); both
# without the class-data archive (an archive belongs to one build).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/location-lib.sh"
N=${1:-10000}
bench_prepare
bench_begin location-load "Location: first load of $N documents from storage"
bench_java io.modelcatalogbridge.bench.PopulateFileStore "$BENCH_TMP/store" "$N" >/dev/null || exit 1
sp=$(free_port)
start_role storage "$APP" "$SIDECARS" storage STORAGE_TYPE=File STORAGE_DIR="$BENCH_TMP/store" \
    BRIDGE_FORWARD_ENABLED=false -- storage --port "$sp"
wait_ready "$sp" >/dev/null || exit 1
for round in $(seq "$RUNS"); do
    for v in $(variants); do
        lp=$(free_port)
        ROLE_ARCHIVE=none start_location "$v" "$lp" STORAGE_URL="http://127.0.0.1:$sp"
        ms=$(wait_ready "$lp") || exit 1
        record "$v" "launch to ready, ms" "$ms"
        record "$v" "first load (location's log line), ms" \
            "$(grep -o 'location loaded from storage in [0-9]* ms' "$BENCH_TMP/location.log" | grep -o '[0-9]* ms' | cut -d' ' -f1)"
        record "$v" "location CPU from launch to ready, ms" "$(cpu_ms "$location_PID")"
        record "$v" "RSS after the load, MiB" "$(rss_mib "$location_PID")"
        listed=$(curl -sf "http://127.0.0.1:$lp/api/model-catalog-bridge/list" | grep -o '"[^"]*/[^"]*"' | wc -l)
        [ "$listed" = "$N" ] || { echo "location lists $listed documents, not $N" >&2; exit 1; }
        stop_pid "$location_PID"
    done
done
stop_pid "$storage_PID"
bench_end "bench/location-load.sh $N" \
    "Storage (File store, this build) holds $N documents (~1.1 KB of JSON each, written by the real store: \
bench/PopulateFileStore) and answers \`GET /documents\` in pages; each round launches location against it with the \
sidecar container's JVM options (\`deploy/sidecar\`: 256 MiB limit, 1 CPU, heap 40 %, serial GC, C2) without the \
class-data archive. The first load is the time location's log gives for reading and checking every document; CPU is \
the location process's user + system time from launch to ready."
