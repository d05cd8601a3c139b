package io.modelcatalogbridge.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcatalogbridge.e2e.ChildProcess;
import io.modelcatalogbridge.model.CatalogDocument;
import io.modelcatalogbridge.model.DocumentKey;
import io.modelcatalogbridge.render.JsonArrayFormat;
import io.modelcatalogbridge.serve.location.ExampleDocuments;
import io.modelcatalogbridge.serve.location.StubStorage;
import io.modelcatalogbridge.serve.location.contract.v1.V1ContractResource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Location {@code /list} latency with many documents: starts a stub storage holding N documents (the example
 * snapshot's documents under N distinct keys, rendered by the real renderer), starts the packaged location role
 * against it, waits for the first full load, then times sequential {@code GET /list} calls on both contracts (and
 * one document fetch) from one client on the same machine. Run with {@code bench/location-list.sh}.
 *
 * <p>Arguments: {@code <app.jar> [documents=10000] [warm-up=2000] [measured=5000]}.
 */
public final class LocationListBench {

    private LocationListBench() {}

    public static void main(String[] args) throws Exception {
        String jar = args[0];
        int documents = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        int measured = args.length > 3 ? Integer.parseInt(args[3]) : 5_000;

        JsonArrayFormat json = new JsonArrayFormat();
        List<CatalogDocument> examples = ExampleDocuments.assemble("http://127.0.0.1");
        int port = ChildProcess.freePort();
        String url = "http://127.0.0.1:" + port;
        try (StubStorage storage = StubStorage.start()) {
            for (int i = 0; i < documents; i++) {
                CatalogDocument d = examples.get(i % examples.size());
                CatalogDocument keyed = new CatalogDocument(
                        DocumentKey.of("model-" + i, "v" + (i % 7)),
                        d.sourceId(),
                        d.kind(),
                        d.lastUpdated(),
                        d.catalog(),
                        d.modelCard());
                ExampleDocuments.store(storage, keyed, json);
            }
            long start = System.nanoTime();
            try (ChildProcess location = ChildProcess.start(
                    "bench-location",
                    List.of(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-jar",
                            jar,
                            "location",
                            "--port",
                            Integer.toString(port)),
                    Map.of("STORAGE_URL", storage.url(), "QUARKUS_HTTP_HOST", "127.0.0.1"),
                    Path.of("."))) {
                HttpClient http = HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
                waitReady(http, url, location);
                long readyMs = (System.nanoTime() - start) / 1_000_000;

                StringBuilder out = new StringBuilder();
                out.append(String.format(
                        "documents: %d; process start to first full load done (ready): %d ms%n", documents, readyMs));
                out.append(String.format(
                        "%-42s %8s %8s %8s %8s %8s %10s%n",
                        "request", "p50 ms", "p90 ms", "p99 ms", "max ms", "mean ms", "bytes"));
                for (String path : List.of(
                        "/list",
                        V1ContractResource.BASE_PATH + "/list",
                        V1ContractResource.BASE_PATH + "/models/model-1/v1")) {
                    out.append(measure(http, url + path, path, warmup, measured));
                }
                out.append(afterChange(http, url, ExampleDocuments.byKey(examples, "mnist_v1"), json, 200));
                System.out.print(out);
                Path results = Path.of("target/bench-location-list.txt");
                Files.writeString(results, out.toString());
            }
        }
    }

    private static void waitReady(HttpClient http, String url, ChildProcess location) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!location.alive()) {
                throw new IllegalStateException("location exited:\n" + location.tail(30));
            }
            try {
                if (http.send(
                                        HttpRequest.newBuilder(URI.create(url + "/q/health/ready"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("location not ready within 3 minutes; see " + location.log());
    }

    private static String measure(HttpClient http, String url, String label, int warmup, int measured)
            throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .build();
        int bytes = 0;
        for (int i = 0; i < warmup; i++) {
            bytes = check(http.send(req, HttpResponse.BodyHandlers.ofByteArray()), url).length;
        }
        long[] nanos = new long[measured];
        for (int i = 0; i < measured; i++) {
            long t = System.nanoTime();
            check(http.send(req, HttpResponse.BodyHandlers.ofByteArray()), url);
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        double mean = Arrays.stream(nanos).average().orElse(0) / 1e6;
        return String.format(
                "%-42s %8.2f %8.2f %8.2f %8.2f %8.2f %10d%n",
                "GET " + label,
                pct(nanos, 50),
                pct(nanos, 90),
                pct(nanos, 99),
                nanos[nanos.length - 1] / 1e6,
                mean,
                bytes);
    }

    /**
     * {@code GET /list} right after a push changed one document: the first list of a new snapshot serialises the
     * key list once (later calls reuse it).
     */
    private static String afterChange(
            HttpClient http, String url, CatalogDocument doc, JsonArrayFormat json, int rounds) throws Exception {
        HttpRequest list = HttpRequest.newBuilder(URI.create(url + V1ContractResource.BASE_PATH + "/list"))
                .build();
        long[] nanos = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            CatalogDocument changed = new CatalogDocument(
                    DocumentKey.of("model-0", "v0"),
                    doc.sourceId(),
                    doc.kind(),
                    i + 2L,
                    ExampleDocuments.withServer(doc, "change " + i, "production")
                            .catalog(),
                    doc.modelCard());
            byte[] body = new ObjectMapper().writeValueAsBytes(ExampleDocuments.upsert(changed, json));
            check(
                    http.send(
                            HttpRequest.newBuilder(URI.create(url + "/upsert?key=model-0_v0"))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray()),
                    "upsert");
            long t = System.nanoTime();
            check(http.send(list, HttpResponse.BodyHandlers.ofByteArray()), "list");
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        double mean = Arrays.stream(nanos).average().orElse(0) / 1e6;
        return String.format(
                "%-42s %8.2f %8.2f %8.2f %8.2f %8.2f %10s%n",
                "GET current /list right after a push",
                pct(nanos, 50),
                pct(nanos, 90),
                pct(nanos, 99),
                nanos[nanos.length - 1] / 1e6,
                mean,
                "-");
    }

    private static byte[] check(HttpResponse<byte[]> r, String url) {
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + r.statusCode());
        }
        return r.body();
    }

    private static double pct(long[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, i)] / 1e6;
    }
}
