package io.modelcatalogbridge.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pushes N distinct documents into location ({@code POST /upsert?key=}, storage's push) over C connections, as
 * fast as location answers, and prints the rate of the first and the second half and of all of them.
 *
 * <p>Arguments: {@code <url> [documents=10000] [connections=4] [generations=0]}; the URL is location's (or storage's:
 * the body is the same upsert record). {@code generations} is a comma list: one pass per generation, in one client
 * JVM (a later generation sends other content for the same keys, i.e. updates, from a warm client). Output, one line
 * of shell assignments per pass: {@code total_per_s=… first_half_per_s=… second_half_per_s=… errors=…}.
 */
public final class PushLoad {

    private PushLoad() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int connections = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        String generations = args.length > 3 ? args[3] : "0";
        for (String g : generations.split(",")) {
            System.out.println(run(url, n, connections, Long.parseLong(g)));
        }
    }

    static String run(String url, int n, int connections, long generation) throws Exception {
        BenchDocuments docs = new BenchDocuments();
        ObjectMapper json = new ObjectMapper();
        List<HttpRequest> requests = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String key = BenchDocuments.key(i).storageKey();
            requests.add(HttpRequest.newBuilder(
                            URI.create(url + "/upsert?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8)))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(docs.upsert(i, generation))))
                    .build());
        }
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicLong halfAt = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    try {
                        int status = http.send(requests.get(i), HttpResponse.BodyHandlers.discarding())
                                .statusCode();
                        if (status / 100 != 2) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    if (done.incrementAndGet() == n / 2) {
                        halfAt.set(System.nanoTime());
                    }
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        long end = System.nanoTime();
        pool.shutdown();
        double total = n / ((end - start) / 1e9);
        double first = (n / 2) / ((halfAt.get() - start) / 1e9);
        double second = (n - n / 2) / ((end - halfAt.get()) / 1e9);
        return String.format(
                "total_per_s=%.0f first_half_per_s=%.0f second_half_per_s=%.0f errors=%d",
                total, first, second, errors.get());
    }
}
