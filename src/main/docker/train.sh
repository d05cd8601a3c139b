#!/usr/bin/env bash
# Training run for the JVM's class-data archive: starts all three roles in one process (`run`) on a registry
# snapshot, waits until it is ready, calls the endpoints every role serves, and stops it with SIGTERM; the JVM
# writes the archive when it exits. The archive then holds the classes every role loads while starting and
# serving, already parsed and verified, so each role starts faster. No network, no Kubernetes, no curl (bash's
# /dev/tcp), so it runs inside `docker build` with the runtime image's own JVM — an archive only works with the
# JVM that wrote it.
#
# Usage: train.sh <quarkus-app dir> <registry snapshot dir> <archive flag> [java]
# Run the roles as `java -jar <quarkus-app dir>/quarkus-run.jar` (that absolute path) for the archive to apply.
#   archive flag: -XX:ArchiveClassesAtExit=<dir>/app-cds.jsa (JDK 17+ AppCDS)
#                 -XX:AOTCacheOutput=<dir>/app.aot            (JDK 25+ AOT cache)
set -euo pipefail
app=$(cd "$1" && pwd)
snapshot=$(cd "$2" && pwd)
archive_flag=$3
java=${4:-java}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

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
# The JVM options of a role (serial GC, C1) change what is archived; train with the ones that ship.
KUBECONFIG="$work/no-kubeconfig" STORAGE_DIR="$work/data" HOME="$work" \
    "$java" "$archive_flag" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$app/quarkus-run.jar" run \
    --port "${ports[0]}" --storage-port "${ports[1]}" --normalizer-port "${ports[2]}" \
    --registry "$snapshot" >"$work/run.log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do
    if get "${ports[2]}" /q/health/ready 2>/dev/null; then break; fi
    if ! kill -0 "$pid" 2>/dev/null; then cat "$work/run.log" >&2; exit 1; fi
    sleep 0.2
done
get "${ports[2]}" /q/health/ready || { echo "training run not ready" >&2; cat "$work/run.log" >&2; exit 1; }
for _ in 1 2 3; do
    get "${ports[0]}" /list
    get "${ports[0]}" /api/model-catalog-bridge/list
    get "${ports[0]}" /mnist/v1/model-catalog.json
    get "${ports[0]}" /api/model-catalog-bridge/models/mnist/v1
    get "${ports[1]}" /list
    get "${ports[1]}" "/fetch?key=mnist_v1"
    get "${ports[2]}" /q/metrics
    get "${ports[0]}" /q/health/live
done
kill -TERM "$pid"
wait "$pid" || true
grep -q "stopped in" "$work/run.log" || { echo "training run did not stop cleanly" >&2; cat "$work/run.log" >&2; exit 1; }
echo "training run done: $archive_flag"
