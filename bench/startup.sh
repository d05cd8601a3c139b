#!/usr/bin/env bash
# Start-up of each role: from launching the JVM until /q/health/ready answers 200 (polled every 20 ms), and RSS
# right then. storage: an empty File store; location: first load from a running storage; normalizer: first full
# sync of the example registry snapshot into that storage. Variants of this build (JVM options of its container):
#   jdk17         without a class-data archive
#   jdk17-appcds  with the role's AppCDS archive from its training run (src/main/docker/train.sh), as Dockerfile.jvm
#                 ships it
#   jdk25         on JDK 25 without an archive          (when BENCH_JDK25 or /usr/lib/jvm/temurin-25-jdk-amd64 exists)
#   jdk25-aot     on JDK 25 with the role's AOT cache from the same training runs (JEP 483/514)
# and, with BENCH_BASELINE_APP, the old build with JVM defaults. Usage: bench/startup.sh
source "$(dirname "$0")/lib.sh"
bench_prepare
JDK25=${BENCH_JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
variants_of_startup="jdk17 jdk17-appcds"
if [ -x "$JDK25/bin/java" ]; then
    variants_of_startup+=" jdk25 jdk25-aot"
    train_archive "$JDK25/bin/java" "-XX:AOTCacheOutput=$APP/app-{role}.aot" "$APP/app-run.aot"
fi
[ -n "$BASELINE" ] && variants_of_startup+=" old"
bench_begin startup "Start-up to ready, per role (Go bridge: 160 ms to the first 200)"

# A storage for location and the normalizer to talk to, started once.
support=$(free_port)
start_role support "$APP" "$SIDECARS" storage STORAGE_TYPE=File STORAGE_DIR="$BENCH_TMP/support" \
    BRIDGE_URL=http://127.0.0.1:1 -- storage --port "$support"
wait_ready "$support" >/dev/null || exit 1

measure() { # <variant> <role> <port> [VAR=value ...]
    local variant=$1 role=$2 port=$3 app=$APP ms
    shift 3
    case $variant in
        jdk17) ROLE_JAVA=java ROLE_ARCHIVE=none ;;
        jdk17-appcds) ROLE_JAVA=java ROLE_ARCHIVE="-XX:SharedArchiveFile=$APP/app-cds-$role.jsa" ;;
        jdk25) ROLE_JAVA=$JDK25/bin/java ROLE_ARCHIVE=none ;;
        jdk25-aot) ROLE_JAVA=$JDK25/bin/java ROLE_ARCHIVE="-XX:AOTCache=$APP/app-$role.aot" ;;
        old) ROLE_JAVA=java ROLE_ARCHIVE="" app=$BASELINE ;;
    esac
    start_role "$role" "$app" "$SIDECARS" "$role" "$@" -- "$role" --port "$port"
    ms=$(wait_ready "$port") || exit 1
    record "$variant" "$role: ms to ready" "$ms"
    record "$variant" "$role: RSS at ready, MiB" "$(rss_mib "$(eval echo "\$${role}_PID")")"
    stop_pid "$(eval echo "\$${role}_PID")"
}

for round in $(seq "$RUNS"); do
    for variant in $variants_of_startup; do
        measure "$variant" storage "$(free_port)" STORAGE_TYPE=File STORAGE_DIR="$BENCH_TMP/s-$round-$variant" \
            BRIDGE_URL=http://127.0.0.1:1
        measure "$variant" location "$(free_port)" STORAGE_URL="http://127.0.0.1:$support"
        measure "$variant" normalizer "$(free_port)" STORAGE_URL="http://127.0.0.1:$support" \
            MODEL_REGISTRY_URLS="example=file://$ROOT/examples/registry-snapshot" POLLING_INTERVAL=1h
    done
done
# The variant names are columns here, not the new/old pair of the other scripts.
bench_end "bench/startup.sh" \
    "Each role is started alone (the support storage idles); one round starts every variant of every role. \
Ready means: storage loaded its store, location finished its first load, the normalizer finished its first full \
sync. RSS is read at that moment."
