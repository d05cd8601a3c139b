#!/usr/bin/env bash
# Training runs for the JVM's class-data archives, one archive per way the image runs: the three sidecar roles
# (storage, location, normalizer), each in its own JVM talking to the others over HTTP as in Developer Hub's pod,
# and `run` (all roles in one process). Each run starts on a registry snapshot, waits until it is ready, calls the
# endpoints it serves, and stops with SIGTERM; the JVM writes its archive when it exits. An archive then holds the
# classes that one role loads while starting and serving, already parsed and verified: each role starts faster, and
# maps only its own classes (an archive is mapped, and resident, whole: one archive of all roles cost each sidecar
# the classes of the other two). No network, no Kubernetes, no curl (bash's /dev/tcp), so it runs inside
# `docker build` with the runtime image's own JVM — an archive only works with the JVM that wrote it.
#
# Usage: train.sh <quarkus-app dir> <registry snapshot dir> <archive flag> [java]
# The archive flag names one file per role with {role} (storage, location, normalizer, run):
#   -XX:ArchiveClassesAtExit=<dir>/app-cds-{role}.jsa   (JDK 17+ AppCDS)
#   -XX:AOTCacheOutput=<dir>/app-{role}.aot             (JDK 25+ AOT cache)
# Run the roles as `java -jar <quarkus-app dir>/quarkus-run.jar` (that absolute path) for an archive to apply.
set -euo pipefail
app=$(cd "$1" && pwd)
snapshot=$(cd "$2" && pwd)
archive_flag=$3
java=${4:-java}
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT

# One HTTP/1.0 GET over bash's /dev/tcp; succeeds when the answer is 200.
get() {
    local port=$1 path=$2 status
    exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
    printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$path" >&3
    read -r _ status _ <&3 || true
    exec 3<&- 3>&-
    [ "$status" = 200 ]
}

# location, storage, normalizer; a build has the network to itself, elsewhere TRAIN_PORTS picks free ones
read -r -a ports <<<"${TRAIN_PORTS:-19090 17070 18080}"

# start <role> <env...> -- <role arguments...>: one JVM writing the role's archive. The JVM options of a role
# (serial GC, C1) change what is archived; train with the ones that ship.
start() {
    local role=$1 vars=()
    shift
    while [ "$1" != "--" ]; do vars+=("$1"); shift; done
    shift
    env KUBECONFIG="$work/no-kubeconfig" HOME="$work" "${vars[@]}" \
        "$java" "${archive_flag//\{role\}/$role}" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
        -jar "$app/quarkus-run.jar" "$@" >"$work/$role.log" 2>&1 &
    pids+=("$!")
    eval "pid_$role=$!"
}

ready() { # <role> <port>
    local pid
    pid=$(eval echo "\$pid_$1")
    for _ in $(seq 1 600); do
        if get "$2" /q/health/ready 2>/dev/null; then return 0; fi
        if ! kill -0 "$pid" 2>/dev/null; then cat "$work/$1.log" >&2; exit 1; fi
        sleep 0.2
    done
    echo "training run of $1 not ready" >&2
    cat "$work/$1.log" >&2
    exit 1
}

stop() { # <role>: SIGTERM, and the archive is written on the way out
    local pid
    pid=$(eval echo "\$pid_$1")
    kill -TERM "$pid"
    wait "$pid" || true
    grep -q "stopped in" "$work/$1.log" || { echo "training run of $1 did not stop cleanly" >&2; cat "$work/$1.log" >&2; exit 1; }
}

requests() { # <location port> <storage port> <normalizer port>
    # Storage forwards to location after the normalizer's sync: wait until location serves the document.
    for _ in $(seq 1 300); do
        if get "$1" /mnist/v1/model-catalog.json 2>/dev/null; then break; fi
        sleep 0.2
    done
    get "$1" /mnist/v1/model-catalog.json || { echo "location of the training run serves no document" >&2; exit 1; }
    for _ in 1 2 3; do
        get "$1" /list
        get "$1" /api/model-catalog-bridge/list
        get "$1" /mnist/v1/model-catalog.json
        get "$1" /api/model-catalog-bridge/models/mnist/v1
        get "$2" /list
        get "$2" "/fetch?key=mnist_v1"
        get "$3" /q/metrics
        get "$1" /q/health/live
    done
}

# The sidecars, as in Developer Hub's pod: storage (File store) forwards to location, the normalizer syncs into it.
start storage STORAGE_TYPE=File STORAGE_DIR="$work/data" BRIDGE_URL="http://127.0.0.1:${ports[0]}" \
    -- storage --port "${ports[1]}"
ready storage "${ports[1]}"
start location STORAGE_URL="http://127.0.0.1:${ports[1]}" -- location --port "${ports[0]}"
ready location "${ports[0]}"
start normalizer STORAGE_URL="http://127.0.0.1:${ports[1]}" MODEL_REGISTRY_URLS="example=file://$snapshot" \
    POLLING_INTERVAL=1h -- normalizer --port "${ports[2]}"
ready normalizer "${ports[2]}"
requests "${ports[0]}" "${ports[1]}" "${ports[2]}"
stop normalizer
stop location
stop storage

# All roles in one process.
start run STORAGE_DIR="$work/run-data" -- run --port "${ports[0]}" --storage-port "${ports[1]}" \
    --normalizer-port "${ports[2]}" --registry "$snapshot"
ready run "${ports[2]}"
requests "${ports[0]}" "${ports[1]}" "${ports[2]}"
stop run
echo "training runs done: $archive_flag"
