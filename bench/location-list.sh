#!/usr/bin/env bash
# Location /list latency with 10,000 documents on both contracts (see docs/benchmarks.md, "Location").
# Usage: bench/location-list.sh [documents] [warm-up requests] [measured requests]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f target/quarkus-app/quarkus-run.jar ] || [ ! -d target/test-classes/io/modelcatalogbridge/bench ]; then
  ./mvnw -B -q -o package -DskipTests
fi
./mvnw -B -q -o dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
# The stub storage is a JDK HttpServer: without TCP_NODELAY each of its answers waits ~40 ms for a delayed ACK,
# which would make the start-up load measure the stub, not location.
exec java -Dsun.net.httpserver.nodelay=true -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  io.modelcatalogbridge.bench.LocationListBench target/quarkus-app/quarkus-run.jar "${1:-10000}" "${2:-2000}" "${3:-5000}"
