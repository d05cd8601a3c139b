#!/usr/bin/env bash
# CPU per registry GET of the client the normalizer reads registries with, against the JDK HttpClient it used before
# 2026-12-02 and a bare HttpURLConnection: each client in a fresh JVM reads every version's artifacts of a registry
# simulator of R models × V versions (answering after L ms) with T threads, twice (cold JVM, then warm). The CPU is
# the reading JVM's own (the simulator runs in another). Usage: bench/registry-client.sh [models=1000] [versions=10]
# [latency ms=5] [threads=4]
source "$(dirname "$0")/lib.sh"
R=${1:-1000}
V=${2:-10}
L=${3:-5}
T=${4:-4}
bench_prepare
bench_begin registry-client "Registry client: CPU per GET, $((R * V)) artifact reads, $T threads, registry answering in $L ms"

state="$BENCH_TMP/registry.state"
bench_java_bg registry_PID io.modelcatalogbridge.sync.RegistrySimulator "$state" "$R" "$V" "$L" >"$BENCH_TMP/registry.log" 2>&1
for _ in $(seq 1 1500); do [ -s "$state" ] && break; sleep 0.1; done
[ -s "$state" ] || { echo "registry simulator did not start:" >&2; tail -20 "$BENCH_TMP/registry.log" >&2; exit 1; }
url=$(sed -n 's/^url=//p' "$state")

for round in $(seq "$RUNS"); do
    # Alternating order, so no client always reads right after another has warmed the simulator.
    if [ $((round % 2)) = 1 ]; then clients="bridge jdk urlconnection"; else clients="urlconnection jdk bridge"; fi
    for client in $clients; do
        out=$(bench_java io.modelcatalogbridge.bench.RegistryClientBench "$url" "$client" "$T") || exit 1
        while read -r line; do
            eval "$line"
            record "$client" "CPU µs per GET, $pass JVM" "$cpu_us_per_request"
            record "$client" "seconds for $requests GETs, $pass JVM" "$seconds"
        done <<<"$out"
    done
done
bench_end "bench/registry-client.sh $R $V $L $T" \
    "Each client runs in a fresh JVM (\`-Xmx512m -XX:+UseSerialGC\`, JIT defaults) and reads the artifacts of every version twice with $T threads; the CPU is that JVM's process CPU over each pass. \`bridge\` is the shipped \`KfmrClient.listArtifacts\` (HTTP, retries and JSON parsing); \`jdk\` and \`urlconnection\` only fetch the body."
