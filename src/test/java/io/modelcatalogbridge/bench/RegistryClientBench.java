package io.modelcatalogbridge.bench;

import com.sun.management.OperatingSystemMXBean;
import io.modelcatalogbridge.source.kfmr.KfmrClient;
import io.modelcatalogbridge.source.kfmr.KfmrClientSettings;
import io.modelcatalogbridge.source.kfmr.ModelVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * CPU of this JVM per registry GET: every version's {@code /model_versions/{id}/artifacts}, read by {@code threads}
 * threads, twice (a fresh JVM, then warm), with one of three clients:
 * <ul>
 *   <li>{@code bridge}: the shipped {@link KfmrClient#listArtifacts} (its HTTP transport, retries, parsing);</li>
 *   <li>{@code jdk}: the JDK's {@link HttpClient} as the bridge used it before 2026-12-02 (HTTP/1.1, no redirects,
 *       {@code send} on the reading thread), body read as bytes, not parsed;</li>
 *   <li>{@code urlconnection}: {@link HttpURLConnection} the same way, body read as bytes, not parsed.</li>
 * </ul>
 * Arguments: {@code <registry url> <bridge|jdk|urlconnection> [threads=4]}. Prints one line per pass:
 * {@code pass=cold|warm requests=<n> cpu_us_per_request=<µs> seconds=<wall>}.
 */
public final class RegistryClientBench {

    private RegistryClientBench() {}

    public static void main(String[] args) throws Exception {
        String registry = args[0];
        String kind = args[1];
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        KfmrClient bridge = new KfmrClient(KfmrClientSettings.of(registry).withMaxConcurrentRequests(threads));
        List<String> ids =
                bridge.listModelVersions().stream().map(ModelVersion::id).toList();
        Get get = switch (kind) {
            case "bridge" -> id -> bridge.listArtifacts(id).size();
            case "jdk" -> jdk(registry);
            case "urlconnection" -> urlConnection(registry);
            default -> throw new IllegalArgumentException("client: bridge, jdk or urlconnection, not " + kind);
        };
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (String pass : List.of("cold", "warm")) {
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            AtomicInteger next = new AtomicInteger();
            Thread[] readers = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                readers[t] = new Thread(() -> {
                    for (int i; (i = next.getAndIncrement()) < ids.size(); ) {
                        get.read(ids.get(i));
                    }
                });
                readers[t].start();
            }
            for (Thread r : readers) {
                r.join();
            }
            long cpu = os.getProcessCpuTime() - cpu0;
            System.out.printf(
                    Locale.ROOT,
                    "pass=%s requests=%d cpu_us_per_request=%d seconds=%.2f%n",
                    pass,
                    ids.size(),
                    cpu / 1000 / ids.size(),
                    (System.nanoTime() - t0) / 1e9);
        }
    }

    /** Reads one version's artifacts; answers something of the body so that it is not optimised away. */
    private interface Get {
        int read(String versionId);
    }

    private static URI artifacts(String registry, String id) {
        return URI.create(registry + "/api/model_registry/v1alpha3/model_versions/" + id + "/artifacts");
    }

    private static Get jdk(String registry) {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        return id -> {
            HttpRequest request = HttpRequest.newBuilder(artifacts(registry, id))
                    .GET()
                    .timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/json")
                    .build();
            try {
                return client.send(request, HttpResponse.BodyHandlers.ofByteArray())
                        .body()
                        .length;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        };
    }

    private static Get urlConnection(String registry) {
        return id -> {
            try {
                HttpURLConnection c =
                        (HttpURLConnection) artifacts(registry, id).toURL().openConnection(Proxy.NO_PROXY);
                c.setInstanceFollowRedirects(false);
                c.setConnectTimeout(10_000);
                c.setReadTimeout(30_000);
                c.setRequestProperty("Accept", "application/json");
                c.getResponseCode();
                try (InputStream in = c.getInputStream()) {
                    return in.readAllBytes().length;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }
}
