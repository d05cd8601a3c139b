#!/bin/sh
# Storage benchmark: 10,000 documents of 4 KiB into the File and ConfigMap (fabric8 mock API server) backends.
# Prints a Markdown table (also written to target/bench-storage.md); results go to docs/benchmarks.md.
set -e
cd "$(dirname "$0")/../.."
./mvnw -B -o -q test -Dtest=StorageBench -Dbench=true -Dsurefire.failIfNoSpecifiedTests=false \
  -Dquarkus.log.level=WARN
cat target/bench-storage.md
