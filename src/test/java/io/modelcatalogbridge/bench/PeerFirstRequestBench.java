package io.modelcatalogbridge.bench;

import com.sun.management.OperatingSystemMXBean;
import io.modelcatalogbridge.storageapi.PeerHttp;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * What a role's first request to a peer costs in a fresh JVM: building the client and one plain-HTTP GET, the way
 * location (first load) and the normalizer (first sync) reach storage at start-up.
 * <ul>
 *   <li>{@code peer}: the shipped {@link PeerHttp#client} (the JDK's {@link HttpClient}, its TLS context refused for
 *       an {@code http://} peer);</li>
 *   <li>{@code urlconnection}: {@link HttpURLConnection}, as the registry client reads since 2026-12-02.</li>
 * </ul>
 * Arguments: {@code <url> <peer|urlconnection>}. Prints {@code first_request_ms=<wall> cpu_ms=<process CPU>} over
 * building the client and the request (the JVM's compiler threads included).
 */
public final class PeerFirstRequestBench {

    private PeerFirstRequestBench() {}

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        os.getProcessCpuTime(); // its own classes load here, not inside the measured span
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        int status;
        if (args[1].equals("peer")) {
            HttpClient client = PeerHttp.client(args[0], Duration.ofSeconds(10));
            status = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray())
                    .statusCode();
        } else {
            HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
            status = c.getResponseCode();
            try (InputStream in = c.getInputStream()) {
                in.readAllBytes();
            }
        }
        long wallNs = System.nanoTime() - t0;
        long cpuNs = os.getProcessCpuTime() - cpu0;
        if (status != 200) {
            throw new IllegalStateException("answered " + status);
        }
        System.out.printf("first_request_ms=%d cpu_ms=%d%n", wallNs / 1_000_000, cpuNs / 1_000_000);
    }
}
