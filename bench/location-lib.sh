#!/usr/bin/env bash
# Shared by bench/location-*.sh (after lib.sh).

# start_location <variant> <port> [VAR=value ...]: starts location (sets location_PID). This build runs in its
# sidecar container's settings. An old build (BENCH_BASELINE_APP) runs in BENCH_BASELINE_OPTS when that is set;
# else as the container of BENCH_BASELINE_MANIFEST runs it (the old build's own deploy/sidecar manifest, copied
# under another file name: settings are cached by file name), or of this build's manifest when that is unset; in
# both cases without the class-data archive (an archive belongs to one build; ROLE_ARCHIVE=none gives this build
# none either, for RSS compared like with like).
start_location() {
    local variant=$1 port=$2 app
    shift 2
    if [ "$variant" = go ]; then
        start_go_location "$port"
        return
    fi
    app=$(app_of "$variant")
    if [ "$variant" = old ] && [ -z "${BENCH_BASELINE_OPTS:-}" ]; then
        local saved=$APP
        APP=$app
        ROLE_ARCHIVE=none start_role location "$app" "${BENCH_BASELINE_MANIFEST:-$SIDECARS}" location "$@" \
            -- location --port "$port"
        APP=$saved
    else
        start_role location "$app" "$SIDECARS" location "$@" -- location --port "$port"
    fi
}

# The Go bridge's location, for side-by-side rounds: BENCH_GO_LOCATION=<binary> (built outside this repository from
# the Go bridge's source, as docs/benchmarks.md describes; nothing of it is committed here) adds a "go" variant to
# every round of bench/location-*.sh, right after this build's. It listens on $PORT, serves the Go era's routes
# (/upsert, /list, /<seg1>/<seg2>/<file>) and starts empty (it reads no storage), so rounds fill it by pushes.
location_variants() {
    variants
    [ -n "${BENCH_GO_LOCATION:-}" ] && echo go
    return 0
}

# start_go_location <port>: the Go location on the CPUs the roles get (BENCH_CPUS), sets location_PID.
start_go_location() {
    local pin=()
    [ -n "${BENCH_CPUS:-}" ] && pin=(taskset -c "$BENCH_CPUS")
    [ -x "$BENCH_GO_LOCATION" ] || { echo "BENCH_GO_LOCATION=$BENCH_GO_LOCATION is not an executable" >&2; exit 1; }
    env PORT="$1" "${pin[@]}" "$BENCH_GO_LOCATION" >"$BENCH_TMP/location.log" 2>&1 &
    location_PID=$!
    BENCH_PIDS+=("$location_PID")
    echo "$(date +%T) started the Go location (pid $location_PID): $BENCH_GO_LOCATION on port $1" >>"$BENCH_TMP/commands.log"
}

# The variant's ready check and list path: the Go location has no health endpoint and only the Go era's list.
ready_path() { if [ "$1" = go ]; then echo /list; else echo /q/health/ready; fi; }
list_path() { if [ "$1" = go ]; then echo /list; else echo /api/model-catalog-bridge/list; fi; }
