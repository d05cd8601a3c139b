#!/usr/bin/env bash
# Storage's upsert path end to end, as the normalizer drives it: N upserts over HTTP into storage (File store, every
# write fsynced), C in flight, each forwarded to a running location; once into an empty storage ("create") and once
# more with other content for every key ("update"). Reports the rate, the time until location lists every document,
# and the CPU storage and location spent per upsert (user + system, JIT included; load-independent).
# Usage: bench/storage/upsert.sh [documents=10000] [connections=4]
# BENCH_PUSH_CLIENT=raw (default) or jdk: the pushing client, as in bench/location-push.sh (figures before
# 2026-12-02 were measured with the JDK's HttpClient).
# With BENCH_BASELINE_APP=<quarkus-app dir of an older build> every round runs the old build right after this one,
# both with this build's container JVM options (without the class-data archive, which belongs to one build).
source "$(dirname "$0")/../lib.sh"
N=${1:-10000}
C=${2:-4}
bench_prepare
bench_begin storage-upsert "Storage: $N upserts over $C connections, File store, forwarded to location"

# cpu_settle <pid>: waits until a process has used less than 10 ms of CPU in 500 ms (its queue drained).
cpu_settle() {
    local a b
    a=$(cpu_ms "$1")
    while sleep 0.5; b=$(cpu_ms "$1"); [ $((b - a)) -ge 10 ]; do a=$b; done
}

# listed <port>: how many documents location's current /list names.
listed() { curl -sf "http://127.0.0.1:$1/api/model-catalog-bridge/list" | grep -o '"[^"]*/[^"]*"' | wc -l; }

for round in $(seq "$RUNS"); do
    for v in $(variants); do
        app=$(app_of "$v")
        sp=$(free_port)
        lp=$(free_port)
        # The same JVM options for both builds: APP decides which options start_role applies.
        APP_SAVED=$APP
        APP=$app
        ROLE_ARCHIVE=none start_role storage "$app" "$SIDECARS" storage STORAGE_TYPE=File \
            STORAGE_DIR="$BENCH_TMP/data-$round-$v" BRIDGE_URL="http://127.0.0.1:$lp" -- storage --port "$sp"
        wait_ready "$sp" >/dev/null || exit 1
        ROLE_ARCHIVE=none start_role location "$app" "$SIDECARS" location STORAGE_URL="http://127.0.0.1:$sp" \
            BRIDGE_LOCATION_RECONCILE_INTERVAL=1h -- location --port "$lp"
        APP=$APP_SAVED
        wait_ready "$lp" >/dev/null || exit 1
        for gen in 0 1; do
            pass=$([ "$gen" = 0 ] && echo create || echo update)
            s0=$(cpu_ms "$storage_PID")
            l0=$(cpu_ms "$location_PID")
            t0=$(now_ms)
            line=$(bench_java io.modelcatalogbridge.bench.PushLoad "http://127.0.0.1:$sp" "$N" "$C" "$gen" \
                "${BENCH_PUSH_CLIENT:-raw}") || exit 1
            eval "$line"
            [ "$errors" = 0 ] || { echo "$errors upserts failed" >&2; exit 1; }
            t1=$(now_ms)
            if [ "$gen" = 0 ]; then
                until [ "$(listed "$lp")" = "$N" ]; do sleep 0.05; done
            fi
            cpu_settle "$storage_PID"
            t2=$(now_ms)
            s1=$(cpu_ms "$storage_PID")
            l1=$(cpu_ms "$location_PID")
            record "$v" "$pass: upserts/s" "$total_per_s"
            record "$v" "$pass: all $N acknowledged, ms" $((t1 - t0))
            [ "$gen" = 0 ] && record "$v" "$pass: all $N in location's /list, ms" $((t2 - t0))
            record "$v" "$pass: storage CPU µs per upsert" $(((s1 - s0) * 1000 / N))
            record "$v" "$pass: location CPU µs per upsert" $(((l1 - l0) * 1000 / N))
        done
        [ "$(listed "$lp")" = "$N" ] || { echo "location lists $(listed "$lp") documents, not $N" >&2; exit 1; }
        stop_pid "$location_PID"
        stop_pid "$storage_PID"
        rm -rf "$BENCH_TMP/data-$round-$v"
    done
done
bench_end "bench/storage/upsert.sh $N $C" \
    "A JDK HttpClient on the same machine sends storage's upsert records (real documents of the example snapshot, \
~1.1 KB of JSON, under $N keys) to storage's \`POST /upsert\`, $C requests in flight; storage (File store, sidecar \
JVM options of \`deploy/sidecar\` without the class-data archive) fsyncs each write before it answers and forwards \
it to a location started for the round. \"create\" fills the empty storage right after start-up (cold JVM); \
\"update\" then sends other content for every key. CPU µs per upsert: the process's user + system time from the \
first request until storage's CPU settles (forwarding drained), divided by $N."
