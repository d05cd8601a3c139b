#!/usr/bin/env bash
# Registry change -> entity changed or removed in a real Backstage, through the model-catalog module (JSON) and
# through storage's location push (YAML). See docs/benchmarks.md, "Registry change to Backstage entity".
# Usage: bench/change-latency.sh [runs=5] [POLLING_INTERVAL=10s] [module schedule seconds=5]
# Needs the Backstage test backend's node_modules (installed with npm ci on first use, as in the E2E tests).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f target/quarkus-app/quarkus-run.jar ] || [ ! -d target/test-classes/io/modelcatalogbridge/bench ]; then
  ./mvnw -B -q -o package -DskipTests
fi
./mvnw -B -q -o dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >/dev/null
exec java -Dapp.jar=target/quarkus-app/quarkus-run.jar -Dsun.net.httpserver.nodelay=true \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  io.modelcatalogbridge.bench.ChangeLatencyBench "${1:-5}" "${2:-10s}" "${3:-5}"
