#!/usr/bin/env bash
# Pushes into location as storage sends them (POST /upsert, several connections): the rate of all of them, of the
# first and of the second half (the second half must be no slower), once into an empty location just started
# (creates, cold JVM) and once more over the same keys with other content (updates, warm JVM); and the CPU time
# location spent. Usage: bench/location-push.sh [documents=10000] [connections=4]
# BENCH_PUSH_CLIENT=raw (default: prebuilt requests on kept-alive sockets, a small fraction of location's CPU per
# push) or jdk (the JDK's HttpClient, which costs the client about twice location's CPU per push on the same cores:
# the client the figures before 2026-12-02 were measured with).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/location-lib.sh"
N=${1:-10000}
C=${2:-4}
CLIENT=${BENCH_PUSH_CLIENT:-raw}
bench_prepare
bench_begin location-push "Location: $N pushes over $C connections (Go bridge: 3,537/s)"
for round in $(seq "$RUNS"); do
    for v in $(variants); do
        sp=$(free_port)
        lp=$(free_port)
        start_role storage "$APP" "$SIDECARS" storage STORAGE_TYPE=File STORAGE_DIR="$BENCH_TMP/data-$round-$v" \
            BRIDGE_URL="http://127.0.0.1:$lp" -- storage --port "$sp"
        wait_ready "$sp" >/dev/null || exit 1
        # No periodic reload during the round: these pushes bypass storage, which would take them back.
        start_location "$v" "$lp" STORAGE_URL="http://127.0.0.1:$sp" BRIDGE_LOCATION_RECONCILE_INTERVAL=1h
        wait_ready "$lp" >/dev/null || exit 1
        c0=$(cpu_ms "$location_PID")
        passes=$(bench_java io.modelcatalogbridge.bench.PushLoad "http://127.0.0.1:$lp" "$N" "$C" 0,1 "$CLIENT") || exit 1
        c1=$(cpu_ms "$location_PID")
        pass=create
        while read -r line; do
            eval "$line"
            [ "$errors" = 0 ] || { echo "$errors pushes failed" >&2; exit 1; }
            record "$v" "$pass: pushes/s, all $N" "$total_per_s"
            record "$v" "$pass: pushes/s, first half" "$first_half_per_s"
            record "$v" "$pass: pushes/s, second half" "$second_half_per_s"
            record "$v" "$pass: client CPU µs per push ($CLIENT client)" "$client_cpu_us_per_push"
            pass=update
        done <<<"$passes"
        record "$v" "location CPU ms per 1,000 pushes (both passes)" $(((c1 - c0) * 1000 / (2 * N)))
        listed=$(curl -sf "http://127.0.0.1:$lp/api/model-catalog-bridge/list" | grep -o '"[^"]*/[^"]*"' | wc -l)
        [ "$listed" = "$N" ] || { echo "location lists $listed documents, not $N" >&2; exit 1; }
        stop_pid "$location_PID"
        stop_pid "$storage_PID"
        rm -rf "$BENCH_TMP/data-$round-$v"
    done
done
bench_end "bench/location-push.sh $N $C" \
    "A client on the same machine ($CLIENT: $([ "$CLIENT" = raw ] && echo "prebuilt HTTP/1.1 requests on kept-alive \
sockets" || echo "the JDK's HttpClient")) sends storage's upsert records (real documents of the example snapshot, \
~1.1 KB of JSON, under $N keys) to \`POST /upsert\` of a location started for the round, $C requests in flight. \
\"create\" fills the empty location right after start-up (cold JVM); \"update\" then sends other content for every \
key. CPU ms is location's user+system time (JIT compilation included) — a load-independent cost on a shared machine."
