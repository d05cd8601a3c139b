#!/usr/bin/env bash
# Pushes into location as storage sends them (POST /upsert, several connections): the rate of all of them, of the
# first and of the second half (the second half must be no slower), once into an empty location just started
# (creates, cold JVM) and once more over the same keys with other content (updates, warm JVM); and the CPU time
# location spent. Usage: bench/location-push.sh [documents=10000] [connections=4]
# BENCH_PUSH_CLIENT=raw (default: prebuilt requests on kept-alive sockets, a small fraction of location's CPU per
# push) or jdk (the JDK's HttpClient, which costs the client about twice location's CPU per push on the same cores:
# the client the figures before 2026-12-02 were measured with). BENCH_GO_LOCATION=<binary>: the Go bridge's location
# side by side (location-lib.sh). BENCH_PUSH_CLIENT=batch:<size>: as this bridge's storage forwards (POST /upserts of
# <size> records, raw client), rates per document; the Go bridge's location, which has no POST /upserts, then gets one
# POST /upsert per document, as its own storage sends them.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/location-lib.sh"
N=${1:-10000}
C=${2:-4}
CLIENT=${BENCH_PUSH_CLIENT:-raw}
bench_prepare
bench_begin location-push "Location: $N pushes over $C connections (Go bridge: 3,537/s)"
for round in $(seq "$RUNS"); do
    for v in $(location_variants); do
        lp=$(free_port)
        if [ "$v" != go ]; then
            sp=$(free_port)
            start_role storage "$APP" "$SIDECARS" storage STORAGE_TYPE=File STORAGE_DIR="$BENCH_TMP/data-$round-$v" \
                BRIDGE_URL="http://127.0.0.1:$lp" -- storage --port "$sp"
            wait_ready "$sp" >/dev/null || exit 1
        fi
        # No periodic reload during the round: these pushes bypass storage, which would take them back.
        start_location "$v" "$lp" STORAGE_URL="http://127.0.0.1:$sp" BRIDGE_LOCATION_RECONCILE_INTERVAL=1h
        wait_ready "$lp" 180 "$(ready_path "$v")" >/dev/null || exit 1
        # Each location gets pushes as its own storage sends them: the Go bridge's has no POST /upserts (its storage
        # pushes one document per request), so in batch rounds it gets one POST /upsert per document.
        client=$CLIENT
        [ "$v" = go ] && [ "$CLIENT" != jdk ] && client=raw
        c0=$(cpu_ms "$location_PID")
        passes=$(bench_java io.modelcatalogbridge.bench.PushLoad "http://127.0.0.1:$lp" "$N" "$C" 0,1 "$client") || exit 1
        alive=1
        c1=$(cpu_ms "$location_PID" 2>/dev/null) || alive=0
        pass=create
        while read -r line; do
            eval "$line"
            record "$v" "$pass: failed pushes" "$errors"
            # The Go location has no lock around its route table and map: concurrent pushes can crash it, which
            # is recorded (failed pushes, crashed rounds), not a reason to stop; this build must never fail one.
            [ "$errors" = 0 ] || [ "$v" = go ] || { echo "$errors pushes failed" >&2; exit 1; }
            if [ "$errors" = 0 ]; then
                record "$v" "$pass: pushes/s, all $N" "$total_per_s"
                record "$v" "$pass: pushes/s, first half" "$first_half_per_s"
                record "$v" "$pass: pushes/s, second half" "$second_half_per_s"
                record "$v" "$pass: client CPU µs per push ($client client)" "$client_cpu_us_per_push"
            fi
            pass=update
        done <<<"$passes"
        if [ "$alive" = 1 ] && kill -0 "$location_PID" 2>/dev/null; then
            record "$v" "location CPU ms per 1,000 pushes (both passes)" $(((c1 - c0) * 1000 / (2 * N)))
            record "$v" "RSS right after the pushes, MiB" "$(rss_mib "$location_PID")"
            listed=$(curl -sf "http://127.0.0.1:$lp$(list_path "$v")" | grep -o '"[^"]*/[^"]*"' | wc -l)
            [ "$listed" = "$N" ] || [ "$v" = go ] || { echo "location lists $listed documents, not $N" >&2; exit 1; }
            # Location's sidecar trims the native heap every 10 s (C2's arenas of the push storm go back then).
            sleep 11
            record "$v" "RSS 11 s after the pushes, MiB" "$(rss_mib "$location_PID")"
            record "$v" "location crashed (rounds)" 0
        else
            record "$v" "location crashed (rounds)" 1
            grep -m1 -E '^fatal error|^panic' "$BENCH_TMP/location.log" >&2
        fi
        stop_pid "$location_PID"
        [ "$v" != go ] && stop_pid "$storage_PID"
        rm -rf "$BENCH_TMP/data-$round-$v"
    done
done
case $CLIENT in
    raw) client_text="prebuilt HTTP/1.1 requests on kept-alive sockets" ;;
    jdk) client_text="the JDK's HttpClient" ;;
    *) client_text="prebuilt HTTP/1.1 requests on kept-alive sockets, as this bridge's storage forwards: \
\`POST /upserts\` of ${CLIENT#batch:} records each; figures per document" ;;
esac
bench_end "$([ "$CLIENT" = raw ] || echo "BENCH_PUSH_CLIENT=$CLIENT ")bench/location-push.sh $N $C" \
    "A client on the same machine ($CLIENT: $client_text) sends storage's upsert records (real documents of the \
example snapshot, ~1.1 KB of JSON, under $N keys) to \`POST /upsert$(case $CLIENT in batch:*) echo s ;; esac)\` of a location started for the round, $C \
requests in flight. \"create\" fills the empty location right after start-up (cold JVM); \"update\" then sends other \
content for every key. CPU ms is location's user+system time (JIT compilation included) — a load-independent cost on \
a shared machine.$([ -n "${BENCH_GO_LOCATION:-}" ] && echo " \"Go bridge\": the Go bridge's location \
(BENCH_GO_LOCATION), right after this build's, same client$(case $CLIENT in batch:*) echo " sending one \
\`POST /upsert\` per document, as the Go bridge's storage does (it has no \`POST /upserts\`)" ;; esac).")"
