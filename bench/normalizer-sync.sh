#!/usr/bin/env bash
# Full-sync cost of the normalizer against a stub registry: ./bench/normalizer-sync.sh [models] [versions] [pageSize]
# Results go into docs/benchmarks.md ("Normalizer" section) by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -o -q test-compile
./mvnw -B -o -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -Xmx512m -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  io.modelcatalogbridge.sync.NormalizerSyncBench "$@"
