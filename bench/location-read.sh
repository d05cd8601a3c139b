#!/usr/bin/env bash
# Location with N documents in storage, as its sidecar container runs it: how long after launch it is ready (its
# first load from storage, read in pages), how many requests per second it serves with wrk (one model document,
# the Go era's /list, the current contract's list) and their p99 latency, and its RSS after that load.
# Usage: bench/location-read.sh [documents=10000] [seconds per wrk run=10] [connections=32] [warm-up seconds=30]
# With BENCH_BASELINE_APP=<quarkus-app dir of an older build> every round also measures the old build's location
# against the same storage, right after this build's (BENCH_BASELINE_OPTS: its JVM options; see start_location);
# with BENCH_GO_LOCATION=<binary> the Go bridge's location as well, filled by pushes (location-lib.sh).
# The warm-up (per path, before each measured run) lets the JIT compile the read path first: location serves for
# days, and its sidecar compiles reads with C2, which takes tens of seconds of a loaded machine.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/location-lib.sh"
N=${1:-10000}
SECS=${2:-10}
C=${3:-32}
WARM=${4:-30}
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 1; }
bench_prepare
bench_begin location-read "Location with $N documents: first load, reads with wrk -t2 -c$C -d${SECS}s, RSS"

# N documents as storage holds them after N upserts, written once and copied for every round.
bench_java io.modelcatalogbridge.bench.PopulateFileStore "$BENCH_TMP/store" "$N" >/dev/null || exit 1

# wrk_run <path> <label>: a warm-up of half the time, then the measured run; records req/s and p99 (ms).
wrk_run() {
    local url="http://127.0.0.1:$lp$1" out
    wrk -t2 -c"$C" -d"${WARM}s" "$url" >/dev/null
    local cpu0 cpu1
    cpu0=$(cpu_ms "$location_PID")
    out=$(wrk -t2 -c"$C" -d"${SECS}s" --latency "$url")
    cpu1=$(cpu_ms "$location_PID")
    grep -qE 'Non-2xx|Socket errors' <<<"$out" && { echo "errors in wrk run of $1:" >&2; echo "$out" >&2; exit 1; }
    record "$variant" "$2: req/s" "$(awk '/^Requests\/sec/ {printf "%d", $2}' <<<"$out")"
    # CPU the location process spent per request: what the machine's load does not change much.
    record "$variant" "$2: location CPU µs per request" "$(awk -v ms=$((cpu1 - cpu0)) '/ requests in / {printf "%d", ms * 1000 / $1}' <<<"$out")"
    record "$variant" "$2: p99 ms" "$(awk '$1 == "99%" {v = $2; u = v; gsub(/[0-9.]/, "", u); sub(/[a-z]+$/, "", v);
        f = (u == "us") ? 0.001 : (u == "s") ? 1000 : 1; printf "%.2f", v * f}' <<<"$out")"
}

for round in $(seq "$RUNS"); do
    cp -a "$BENCH_TMP/store" "$BENCH_TMP/data-$round"
    sp=$(free_port)
    # No forwarding: the variants take turns against one storage, which changes nothing during a round.
    start_role storage "$APP" "$SIDECARS" storage STORAGE_TYPE=File STORAGE_DIR="$BENCH_TMP/data-$round" \
        BRIDGE_FORWARD_ENABLED=false -- storage --port "$sp"
    wait_ready "$sp" >/dev/null || exit 1
    for v in $(location_variants); do
        variant=$v
        lp=$(free_port)
        start_location "$v" "$lp" STORAGE_URL="http://127.0.0.1:$sp"
        ms=$(wait_ready "$lp" 180 "$(ready_path "$v")") || exit 1
        if [ "$v" = go ]; then
            # The Go location reads no storage here: it gets the same N documents by pushes, one at a time, as the
            # Go bridge's storage sends them.
            bench_java io.modelcatalogbridge.bench.PushLoad "http://127.0.0.1:$lp" "$N" 1 0 raw >/dev/null || exit 1
        else
            record "$v" "launch to ready with $N documents, ms" "$ms"
            record "$v" "first load from storage (location's log), ms" \
                "$(grep -o 'location loaded from storage in [0-9]* ms' "$BENCH_TMP/location.log" | grep -o '[0-9]* ms' | cut -d' ' -f1)"
        fi
        record "$v" "RSS after the load, MiB" "$(rss_mib "$location_PID")"
        listed=$(curl -sf "http://127.0.0.1:$lp$(list_path "$v")" | grep -o '"[^"]*/[^"]*"' | wc -l)
        [ "$listed" = "$N" ] || { echo "location lists $listed documents, not $N" >&2; exit 1; }
        # The Go bridge serves a document under its Go-era path only, and has no current-contract list.
        if [ "$v" = go ]; then doc=/model-1/v1/model-catalog.json; else doc=/api/model-catalog-bridge/models/model-1/v1; fi
        wrk_run "$doc" "GET one document"
        wrk_run /list "GET /list (Go era)"
        [ "$v" = go ] || wrk_run /api/model-catalog-bridge/list "GET current list"
        record "$v" "RSS after the reads, MiB" "$(rss_mib "$location_PID")"
        record "$v" "peak RSS, MiB" "$(peak_mib "$location_PID")"
        stop_pid "$location_PID"
    done
    stop_pid "$storage_PID"
    rm -rf "$BENCH_TMP/data-$round"
done
bench_end "bench/location-read.sh $N $SECS $C $WARM" \
    "Storage (File store) holds $N documents (~1.1 KB of JSON each, written by the real store: \
bench/PopulateFileStore); location is launched against it with its sidecar container's JVM settings \
(\`deploy/sidecar\`: 256 MiB limit, 1 CPU, heap 40 %, serial GC, C2, AppCDS) and loads them in pages of 500. \
wrk runs on the same 2 cores, $C connections, after a warm-up of $WARM s per path; \"CPU µs per request\" is the \
location process's CPU time during the measured run divided by the requests it answered. Go bridge (issue 13, \
same machine): one document 23,301 req/s, p99 11.9 ms; \`/list\` 656 req/s; RSS 97 MiB with 10,000 documents.\
$([ -n "${BENCH_GO_LOCATION:-}" ] && echo " \"Go bridge\": the Go bridge's location (BENCH_GO_LOCATION), right after this \
build's on the same CPUs, filled with the same $N documents by pushes (one at a time); it has no current-contract list.")"
