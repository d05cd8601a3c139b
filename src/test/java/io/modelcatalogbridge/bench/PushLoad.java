package io.modelcatalogbridge.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.OperatingSystemMXBean;
import io.modelcatalogbridge.storageapi.StorageWire;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Pushes N distinct documents into location ({@code POST /upsert?key=}, storage's push) over C connections, as
 * fast as location answers, and prints the rate of the first and the second half and of all of them.
 *
 * <p>Arguments: {@code <url> [documents=10000] [connections=4] [generations=0] [client=raw]}; the URL is location's
 * (or storage's: the body is the same upsert record). {@code generations} is a comma list: one pass per generation,
 * in one client JVM (a later generation sends other content for the same keys, i.e. updates, from a warm client).
 * Output, one line of shell assignments per pass: {@code total_per_s=… first_half_per_s=… second_half_per_s=…
 * errors=… client_cpu_us_per_push=…} (the client's own CPU over the pass, per push).
 *
 * <p>{@code client}: {@code raw} (default) writes each request's prebuilt bytes on a kept-alive socket per connection
 * and reads the answer's status line, headers and body, so the client costs a small fraction of what the server
 * spends per push; {@code jdk} sends through the JDK's {@code HttpClient}, which on the same two cores cost about
 * twice location's CPU per push (16.4 CPU-s of the client against 7.0 of location for 20,000 pushes, 2026-12-02)
 * and so bounded the rate it measured; {@code batch:<size>} sends the same records as this bridge's storage forwards
 * them to its location, {@code POST /upserts} with {@code size} records per request ({@code bridge.forward.batch-size},
 * 100 by default), over the raw client, and reports documents (not requests) per second and client CPU per document.
 */
public final class PushLoad {

    private PushLoad() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int connections = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        String generations = args.length > 3 ? args[3] : "0";
        String client = args.length > 4 ? args[4] : "raw";
        int batch = client.startsWith("batch:") ? Integer.parseInt(client.substring("batch:".length())) : 0;
        if (!client.equals("raw") && !client.equals("jdk") && batch < 1) {
            throw new IllegalArgumentException("client must be raw, jdk or batch:<size>, not " + client);
        }
        for (String g : generations.split(",")) {
            long generation = Long.parseLong(g);
            System.out.println(
                    batch > 0
                            ? runRaw(url, batches(n, generation, batch), batch, connections)
                            : client.equals("raw")
                                    ? runRaw(url, pushes(n, generation), 1, connections)
                                    : run(url, n, connections, generation));
        }
    }

    /** One push: the path and query after the base URL ({@code /upsert?key=…}) and storage's upsert record. */
    private record Push(String target, byte[] body) {}

    /** The n pushes of one generation, built before the clock starts. */
    private static List<Push> pushes(int n, long generation) throws IOException {
        BenchDocuments docs = new BenchDocuments();
        ObjectMapper json = new ObjectMapper();
        List<Push> pushes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String key = BenchDocuments.key(i).storageKey();
            pushes.add(new Push(
                    "/upsert?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8),
                    json.writeValueAsBytes(docs.upsert(i, generation))));
        }
        return pushes;
    }

    /** The same n records as {@code POST /upserts} requests of {@code size} records (the last one may be smaller). */
    private static List<Push> batches(int n, long generation, int size) throws IOException {
        BenchDocuments docs = new BenchDocuments();
        ObjectMapper json = new ObjectMapper();
        List<Push> batches = new ArrayList<>();
        for (int from = 0; from < n; from += size) {
            List<StorageWire.BatchUpsert> entries = new ArrayList<>(size);
            for (int i = from; i < Math.min(n, from + size); i++) {
                String key = BenchDocuments.key(i).storageKey();
                entries.add(StorageWire.BatchUpsert.of(key, null, docs.upsert(i, generation)));
            }
            batches.add(new Push("/upserts", json.writeValueAsBytes(entries)));
        }
        return batches;
    }

    /** Pushes over the JDK's {@code HttpClient}, one blocking {@code send} per worker. */
    static String run(String url, int n, int connections, long generation) throws Exception {
        List<HttpRequest> requests = new ArrayList<>(n);
        for (Push push : pushes(n, generation)) {
            requests.add(HttpRequest.newBuilder(URI.create(url + push.target()))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(push.body()))
                    .build());
        }
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        return timed(
                n,
                1,
                connections,
                () -> i -> http.send(requests.get(i), HttpResponse.BodyHandlers.discarding())
                        .statusCode());
    }

    /**
     * Requests over plain sockets: each request's bytes built beforehand, one kept-alive connection per worker;
     * {@code perRequest} documents each (rates and client CPU are per document).
     */
    static String runRaw(String url, List<Push> pushes, int perRequest, int connections) throws Exception {
        URI base = URI.create(url);
        String host = base.getHost();
        int port = base.getPort() == -1 ? 80 : base.getPort();
        String prefix = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        List<byte[]> requests = new ArrayList<>(pushes.size());
        for (Push push : pushes) {
            String head = "POST " + prefix + push.target() + " HTTP/1.1\r\nHost: " + host + ":" + port
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + push.body().length + "\r\n\r\n";
            ByteArrayOutputStream request = new ByteArrayOutputStream(head.length() + push.body().length);
            request.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
            request.writeBytes(push.body());
            requests.add(request.toByteArray());
        }
        return timed(requests.size(), perRequest, connections, () -> new RawConnection(host, port, requests));
    }

    /** One worker's way to send request {@code i} and get its status. */
    interface Sender extends Closeable {
        int send(int i) throws Exception;

        @Override
        default void close() throws IOException {}
    }

    interface SenderFactory {
        Sender open() throws Exception;
    }

    /**
     * Sends requests 0..n-1 from {@code connections} workers, each with its own sender; the rates (documents per
     * second, {@code perRequest} documents per request) as shell words.
     */
    private static String timed(int n, int perRequest, int connections, SenderFactory senders) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicLong halfAt = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        List<Sender> opened = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            opened.add(senders.open());
        }
        long cpu0 = processCpuNanos();
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (Sender sender : opened) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    try {
                        if (sender.send(i) / 100 != 2) {
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
        long cpu = processCpuNanos() - cpu0;
        pool.shutdown();
        for (Sender sender : opened) {
            sender.close();
        }
        double total = (double) n * perRequest / ((end - start) / 1e9);
        double first = (double) (n / 2) * perRequest / ((halfAt.get() - start) / 1e9);
        double second = (double) (n - n / 2) * perRequest / ((end - halfAt.get()) / 1e9);
        return String.format(
                "total_per_s=%.0f first_half_per_s=%.0f second_half_per_s=%.0f errors=%d client_cpu_us_per_push=%d",
                total, first, second, errors.get(), cpu / 1_000 / ((long) n * perRequest));
    }

    /** This JVM's CPU time (all threads, JIT and GC included), to show what the client itself costs per push. */
    private static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * One HTTP/1.1 keep-alive connection: writes a request's bytes, reads the status line, the headers and a body
     * of {@code Content-Length} or chunked framing; reconnects after a {@code Connection: close} or a broken socket.
     */
    static final class RawConnection implements Sender {
        private final String host;
        private final int port;
        private final List<byte[]> requests;
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        RawConnection(String host, int port, List<byte[]> requests) {
            this.host = host;
            this.port = port;
            this.requests = requests;
        }

        @Override
        public int send(int i) throws IOException {
            byte[] request = requests.get(i);
            if (socket == null) {
                socket = new Socket();
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(host, port), 5_000);
                socket.setSoTimeout(30_000);
                in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
                out = socket.getOutputStream();
            }
            try {
                out.write(request);
                out.flush();
                return readResponse();
            } catch (IOException e) {
                close();
                throw e;
            }
        }

        private int readResponse() throws IOException {
            String status = line();
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean closeAfter = false;
            for (String h = line(); !h.isEmpty(); h = line()) {
                String lower = h.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    closeAfter = true;
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(line().split(";")[0].trim(), 16);
                        size > 0;
                        size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                    skip(size);
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers
                }
            } else if (length > 0) {
                skip(length);
            }
            if (closeAfter) {
                close();
            }
            return code;
        }

        private String line() throws IOException {
            StringBuilder b = new StringBuilder(64);
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c == -1) {
                    throw new EOFException("connection closed mid-answer");
                }
                if (c != '\r') {
                    b.append((char) c);
                }
            }
            return b.toString();
        }

        private void skip(long n) throws IOException {
            for (long left = n; left > 0; ) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() == -1) {
                        throw new EOFException("connection closed mid-body");
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
        }

        @Override
        public void close() throws IOException {
            if (socket != null) {
                socket.close();
                socket = null;
            }
        }
    }
}
