#!/usr/bin/env bash
# The cost of a no-change full sync (issue 10): a stub registry of N models with one version each, storage as its
# sidecar container runs it (File store, forwarding off: no location), and the normalizer's reader, assembler,
# renderer and publisher in a bench JVM (sync/NoChangeSyncBench). Each round starts a fresh storage, fills it with
# one first sync, then runs no-change syncs and records per sync: its time, the time of the digest listing, the
# registry's paged list calls, the GET /digests pages and their bytes. Run it niced on a shared machine.
# Usage: bench/no-change-sync.sh [documents=1000] [no-change syncs per round=3]
source "$(dirname "$0")/lib.sh"
N=${1:-1000}
SYNCS=${2:-3}
bench_prepare
bench_begin no-change-sync "No-change sync with $N documents"

for round in $(seq "$RUNS"); do
    sp=$(free_port)
    start_role storage "$APP" "$SIDECARS" storage STORAGE_TYPE=File STORAGE_DIR="$BENCH_TMP/data-$round" \
        BRIDGE_FORWARD_ENABLED=false -- storage --port "$sp"
    wait_ready "$sp" >/dev/null || exit 1
    bench_java io.modelcatalogbridge.sync.NoChangeSyncBench "http://127.0.0.1:$sp" "$N" "$SYNCS" \
        >"$BENCH_TMP/sync-$round.log" 2>&1 || { tail -20 "$BENCH_TMP/sync-$round.log" >&2; exit 1; }
    # Every no-change sync of the round is one measurement: "figure=value|figure=value|...".
    grep '^measured ' "$BENCH_TMP/sync-$round.log" | sed 's/^measured //' | tr '|' '\n' | while IFS='=' read -r figure value; do
        record new "$figure" "$value"
    done
    stop_pid "$storage_PID"
    rm -rf "$BENCH_TMP/data-$round"
done
bench_end "nice -n 10 bench/no-change-sync.sh $N $SYNCS" \
    "$RUNS rounds × $SYNCS no-change syncs each (every sync one measurement); registry page size 100, GET /digests \
pages of 1,000. The bench JVM (-Xmx512m, serial GC) runs stub registry and normalizer code; storage runs with its \
sidecar container's JVM settings. $(machine)."
