#!/usr/bin/env bash
# What a role's first request to a peer costs (location's first load and the normalizer's first sync each begin
# with one to storage): a fresh JVM builds the client and sends one plain-HTTP GET to the registry simulator, with
# the shipped peer client (the JDK's HttpClient, PeerHttp) or with HttpURLConnection. Each client gets its own
# AppCDS archive from a training run first, as a role gets its own in the image. Usage: bench/peer-first-request.sh
source "$(dirname "$0")/lib.sh"
bench_prepare
bench_begin peer-first-request "A role's first request to a peer: the JDK HttpClient (shipped) against HttpURLConnection"

state="$BENCH_TMP/registry.state"
bench_java_bg registry_PID io.modelcatalogbridge.sync.RegistrySimulator "$state" 1 1 0 >"$BENCH_TMP/registry.log" 2>&1
for _ in $(seq 1 1500); do [ -s "$state" ] && break; sleep 0.1; done
[ -s "$state" ] || { echo "registry simulator did not start:" >&2; tail -20 "$BENCH_TMP/registry.log" >&2; exit 1; }
url="$(sed -n 's/^url=//p' "$state")/api/model_registry/v1alpha3/registered_models"
# A class-data archive needs jars on the class path, not directories: the two classes the probe runs.
jar="$BENCH_TMP/peer-first-request.jar"
jar cf "$jar" -C target/classes io/modelcatalogbridge/storageapi/PeerHttp.class \
    -C target/classes 'io/modelcatalogbridge/storageapi/PeerHttp$NoTls.class' \
    -C target/classes 'io/modelcatalogbridge/storageapi/PeerHttp$NoTls$1.class' \
    -C target/test-classes io/modelcatalogbridge/bench/PeerFirstRequestBench.class || exit 1
probe() { # <client> [JVM options...]: the role's JVM settings for the JIT and the collector
    local client=$1
    shift
    java -Xmx100m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=4 "$@" -cp "$jar" \
        io.modelcatalogbridge.bench.PeerFirstRequestBench "$url" "$client"
}
for client in peer urlconnection; do
    rm -f "$BENCH_TMP/$client.jsa"
    probe "$client" "-XX:ArchiveClassesAtExit=$BENCH_TMP/$client.jsa" >/dev/null 2>&1 || { echo "training $client failed" >&2; exit 1; }
    record "$client" "archive of the whole JVM, KiB" $(($(stat -c %s "$BENCH_TMP/$client.jsa") / 1024))
done
for round in $(seq "$RUNS"); do
    if [ $((round % 2)) = 1 ]; then clients="peer urlconnection"; else clients="urlconnection peer"; fi
    for client in $clients; do
        out=$(probe "$client" "-XX:SharedArchiveFile=$BENCH_TMP/$client.jsa" -Xshare:on) || exit 1
        eval "$out"
        record "$client" "first request: ms from building the client to the answer" "$first_request_ms"
        record "$client" "first request: CPU ms of the JVM meanwhile" "$cpu_ms"
    done
done
bench_end "bench/peer-first-request.sh" \
    "A fresh JVM per round and client (\`-Xmx100m -XX:+UseSerialGC\`, C1 only and thresholds ×4 as storage's and the normalizer's image settings; its own dynamic AppCDS archive, trained by one run of the same client) builds the client and sends one GET to the registry simulator (no latency, same machine); wall and process CPU over that span, clients in alternating order."
