#!/usr/bin/env bash
# Prints the JVM options a role gets in its container (from deploy/ and Dockerfile.jvm, through the image's
# launcher rules), ready for a local `java ... -jar target/quarkus-app/quarkus-run.jar <role>`:
#   java $(bench/jvm-options.sh location) -jar target/quarkus-app/quarkus-run.jar location
# Usage: bench/jvm-options.sh <location|storage|normalizer|run>   (run: the standalone Deployment's container)
source "$(dirname "$0")/lib.sh"
role=${1:?usage: bench/jvm-options.sh <location|storage|normalizer|run>}
bench_prepare >&2
if [ "$role" = run ]; then
    IFS='|' read -r opts env <<<"$(container_settings "$STANDALONE" bridge)"
else
    IFS='|' read -r opts env <<<"$(container_settings "$SIDECARS" "$role")"
fi
[ -n "$env" ] && echo "environment: $env" >&2
echo "$opts"
