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
