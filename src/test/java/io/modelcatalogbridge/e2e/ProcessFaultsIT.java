package io.modelcatalogbridge.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcatalogbridge.source.kfmr.ModelVersion;
import io.modelcatalogbridge.source.kfmr.RegistryContents;
import io.modelcatalogbridge.testing.StubModelRegistry;
import io.modelcatalogbridge.testing.Waits;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Process faults (issue 11): {@code storage}, {@code location} and {@code normalizer} as three processes of the
 * packaged application over real HTTP, a stub model registry serving real paged KFMR JSON, and {@code kill -9} of
 * one role, two or all three at a seeded moment of a sync: half-way through the normalizer's registry read, just
 * before storage receives the n-th write, or just after storage answered it and before the normalizer heard the
 * answer. Before each kill the registry changes (versions edited, archived, brought back), so syncs are busy.
 * After each restart — pairs of roles come back in a seeded order, the whole chain in each of the six orders:
 * <ol>
 *   <li>every document storage acknowledged is still there (the same bytes, or a later write of that key);</li>
 *   <li>after the next full sync storage holds exactly the registry's live versions, each with its latest edit —
 *       nothing stale, nothing twice, nothing missing;</li>
 *   <li>location converges to storage: it serves exactly the documents storage holds.</li>
 * </ol>
 * The normalizer talks to storage through a {@link StorageTap}, which records what storage acknowledged.
 * {@code -Dbridge.test.seed=N} picks the sequence, {@code -Dbridge.test.fault-runs=N} its length (default 35: each
 * role is killed at least 20 times, see {@link #victims}); a failure names both.
 * Every wait is a ceiling from {@link Waits}; nothing sleeps.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProcessFaultsIT {

    enum Role {
        STORAGE,
        LOCATION,
        NORMALIZER;

        String command() {
            return name().toLowerCase();
        }
    }

    /** The kill moments: inside the normalizer's registry read, or around the n-th write storage receives. */
    enum Moment {
        REGISTRY_READ,
        BEFORE_STORAGE,
        AFTER_STORAGE_ANSWERED
    }

    static final long SEED = Long.getLong("bridge.test.seed", 20_251_130L);
    static final int RUNS = Integer.getInteger("bridge.test.fault-runs", 35);
    static final String STORAGE_TOKEN = "faults-storage-token";
    static final String BRIDGE_TOKEN = "faults-bridge-token";
    static final String REGISTRY_TOKEN = "faults-kfmr-token";
    static final Duration STEP = Duration.ofSeconds(60);
    private static final List<List<Role>> ORDERS = List.of(
            List.of(Role.STORAGE, Role.LOCATION, Role.NORMALIZER),
            List.of(Role.STORAGE, Role.NORMALIZER, Role.LOCATION),
            List.of(Role.LOCATION, Role.STORAGE, Role.NORMALIZER),
            List.of(Role.LOCATION, Role.NORMALIZER, Role.STORAGE),
            List.of(Role.NORMALIZER, Role.STORAGE, Role.LOCATION),
            List.of(Role.NORMALIZER, Role.LOCATION, Role.STORAGE));
    private static final Pattern MARK = Pattern.compile("\\[fm:(\\d+):(\\d+)]");

    private final Map<Role, Integer> ports = new EnumMap<>(Role.class);
    /** Written by the kill (on a relay or registry thread) while the test thread polls it. */
    private final Map<Role, ChildProcess> running = new ConcurrentHashMap<>();

    private final Map<Role, Integer> starts = new EnumMap<>(Role.class);
    private final Map<Role, Integer> kills = new EnumMap<>(Role.class);
    private final Set<String> ordersSeen = new TreeSet<>();
    private StubModelRegistry registry;
    private StorageTap tap;
    private ChainSettings settings;
    private ChainProbe probe;
    private Path work;
    private int acknowledgedChecked;

    @BeforeAll
    void start() throws IOException {
        work = Path.of("target", "e2e-" + getClass().getSimpleName()).toAbsolutePath();
        ConvergenceScenario.deleteTree(work);
        Files.createDirectories(work.resolve("home"));
        for (Role r : Role.values()) {
            ports.put(r, ChildProcess.freePort());
        }
        RegistryContents generated = GeneratedRegistry.contents(ChainRegistry.REGISTRY_ID, "pf", 6, 2);
        registry = StubModelRegistry.start(markAll(generated));
        registry.requireToken(REGISTRY_TOKEN);
        tap = new StorageTap(url(Role.STORAGE));
        settings = new ChainSettings(
                registry.url(),
                REGISTRY_TOKEN,
                "http://127.0.0.1:" + ChildProcess.freePort() + "/no-jwks",
                "model-catalog-bridge-faults",
                BRIDGE_TOKEN,
                STORAGE_TOKEN,
                "500ms",
                2,
                work,
                Map.of("KSERVE_WATCH", "false"));
        probe = new ChainProbe(null, url(Role.STORAGE), STORAGE_TOKEN);
        for (Role r : ORDERS.get(0)) {
            startRole(r);
        }
        awaitAllReady();
    }

    @AfterAll
    void stop() {
        for (Role r : List.of(Role.NORMALIZER, Role.LOCATION, Role.STORAGE)) {
            ChildProcess p = running.get(r);
            if (p != null) {
                p.close();
            }
        }
        if (tap != null) {
            tap.close();
        }
        if (registry != null) {
            registry.close();
        }
        System.out.printf(
                "ProcessFaultsIT: seed %d, %d runs; SIGKILLs per role %s; start-up orders %s;"
                        + " %d acknowledged documents checked after restarts%n",
                SEED, RUNS, kills, ordersSeen, acknowledgedChecked);
    }

    @Test
    void acknowledgedDocumentsSurviveAndEverythingConvergesAfterSigkillAtSeededMoments() {
        awaitSettled(0);
        for (int run = 0; run < RUNS; run++) {
            long runSeed = SEED * 1_000_003L + run;
            // Random's first outputs from neighbouring seeds are alike; SplittableRandom mixes the run's seed first.
            Random rnd = new Random(new SplittableRandom(runSeed).nextLong());
            List<Role> victims = victims(run, rnd);
            Moment moment = Moment.values()[rnd.nextInt(Moment.values().length)];
            int nth = moment == Moment.REGISTRY_READ ? 1 + rnd.nextInt(30) : 1 + rnd.nextInt(4);
            String what = "run " + run + " (seed " + runSeed + "): SIGKILL " + victims + " at " + moment + " #" + nth;
            try {
                oneRun(run, rnd, victims, moment, nth);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(
                        what + " failed (reproduce: -Dit.test=ProcessFaultsIT -Dbridge.test.seed=" + SEED
                                + " -Dbridge.test.fault-runs=" + (run + 1) + "): " + e.getMessage(),
                        e);
            }
            System.out.printf("ProcessFaultsIT %s: passed%n", what);
        }
    }

    /**
     * Who dies in a run, in the order they come back. Every fifth run kills the whole chain and restarts it in the
     * next of the six start-up orders; the others cycle through the three roles alone and the three pairs (a pair
     * comes back in a seeded order). 35 runs kill each role at least 20 times and use every start-up order.
     */
    static List<Role> victims(int run, Random rnd) {
        if (run % 5 == 4) {
            return ORDERS.get((run / 5) % ORDERS.size());
        }
        List<List<Role>> sets = List.of(
                List.of(Role.STORAGE),
                List.of(Role.LOCATION),
                List.of(Role.NORMALIZER),
                List.of(Role.STORAGE, Role.LOCATION),
                List.of(Role.LOCATION, Role.NORMALIZER),
                List.of(Role.NORMALIZER, Role.STORAGE));
        List<Role> set = new ArrayList<>(sets.get((run - run / 5) % sets.size()));
        if (set.size() == 2 && rnd.nextBoolean()) {
            Collections.reverse(set);
        }
        return set;
    }

    private void oneRun(int run, Random rnd, List<Role> victims, Moment moment, int nth) {
        changeRegistry(run, rnd);
        CountDownLatch killed = new CountDownLatch(1);
        Runnable kill = () -> {
            for (Role r : victims) {
                running.remove(r).kill();
                kills.merge(r, 1, Integer::sum);
            }
            killed.countDown();
        };
        if (moment == Moment.REGISTRY_READ) {
            AtomicInteger left = new AtomicInteger(nth);
            registry.onRequest(req -> {
                if (left.decrementAndGet() == 0) {
                    kill.run();
                }
            });
        } else {
            tap.trigger(
                    nth,
                    moment == Moment.BEFORE_STORAGE
                            ? StorageTap.Moment.BEFORE_STORAGE
                            : StorageTap.Moment.AFTER_STORAGE_ANSWERED,
                    kill);
        }
        await("the kill moment").until(() -> killed.getCount() == 0);
        registry.onRequest(req -> {});

        // Victims come back in the order given: a whole-chain kill uses one of the six orders, each started role
        // is up (live) before the next starts, so "location before storage" really is that.
        for (Role r : victims) {
            startRole(r);
            ChildProcess p = running.get(r);
            await(r + " live").until(() -> probe.answers200(url(r) + "/q/health/live"));
            assertTrue(p.alive(), r + " exited:\n" + p.tail(40));
        }
        if (victims.size() > 1) {
            ordersSeen.add(victims.toString());
        }
        awaitAllReady();
        acknowledgedStillStored();
        awaitSettled(run + 1);
    }

    // ---- the registry ----

    /** Every version's description carries a mark {@code [fm:<version id>:<edit>]}; a stored document shows which. */
    private static RegistryContents markAll(RegistryContents c) {
        for (ModelVersion v : c.modelVersions()) {
            c = GeneratedRegistry.editVersion(v.id(), mark(v, 0), null).apply(c);
        }
        return c;
    }

    private static String mark(ModelVersion v, int edit) {
        return "Version " + v.name() + " [fm:" + v.id() + ":" + edit + "]";
    }

    /**
     * The edits of one run, made at once: one to three versions get a new mark; now and then a live version is
     * archived (its document must go) or an archived one comes back (its document must return, with its newest mark).
     */
    private void changeRegistry(int run, Random rnd) {
        List<ModelVersion> versions = registry.contents().modelVersions();
        List<UnaryOperator<RegistryContents>> edits = new ArrayList<>();
        int n = 1 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
            ModelVersion v = versions.get(rnd.nextInt(versions.size()));
            edits.add(GeneratedRegistry.editVersion(v.id(), mark(v, run + 1), null));
        }
        if (rnd.nextInt(4) == 0) {
            ModelVersion v = versions.get(rnd.nextInt(versions.size()));
            edits.add(GeneratedRegistry.editVersion(v.id(), mark(v, run + 1), v.isLive() ? "ARCHIVED" : "LIVE"));
        }
        registry.mutate(c -> {
            for (UnaryOperator<RegistryContents> e : edits) {
                c = e.apply(c);
            }
            return c;
        });
    }

    /** Version id → its current mark, for the versions that must have a document. */
    private Map<String, String> expectedMarks() {
        Map<String, String> out = new TreeMap<>();
        for (ModelVersion v : registry.contents().modelVersions()) {
            if (v.isLive()) {
                Matcher m = MARK.matcher(v.description());
                assertTrue(m.find(), v.description());
                out.put(v.id(), m.group(2));
            }
        }
        return out;
    }

    // ---- the checks ----

    /**
     * Every document storage acknowledged is still stored: for each key, the last write storage had answered 2xx
     * before storage is read must be there — or a write of that key sent after it — unless a key set sent after it
     * dropped the key. What was acknowledged is taken before storage is read (a write acknowledged while the read
     * runs may not be in what the read saw: the normalizer keeps syncing), and the tap's whole record after it (every
     * write that could have reached storage by then is in it).
     */
    private void acknowledgedStillStored() {
        Map<String, StorageTap.Write> lastAcked = new HashMap<>();
        for (StorageTap.Write w : tap.writes()) {
            if (!w.isKeySet() && w.acknowledged()) {
                lastAcked.put(w.key, w);
            }
        }
        Map<String, String> stored = storageBodies();
        List<StorageTap.Write> writes = tap.writes();
        for (StorageTap.Write acked : lastAcked.values()) {
            boolean droppedLater =
                    writes.stream().anyMatch(w -> w.seq > acked.seq && w.isKeySet() && !w.keys.contains(acked.key));
            if (droppedLater) {
                continue;
            }
            Set<String> allowed = new TreeSet<>();
            allowed.add(acked.body);
            writes.stream()
                    .filter(w -> w.seq > acked.seq && acked.key.equals(w.key))
                    .forEach(w -> allowed.add(w.body));
            String body = stored.get(acked.key);
            assertTrue(
                    body != null && allowed.contains(body),
                    "storage acknowledged " + acked.key + " (write #" + acked.seq + ") but holds "
                            + (body == null ? "nothing" : "other bytes, " + markOf(body)) + " for it after the restart;"
                            + " the writes of that key: " + history(writes, acked.key));
            acknowledgedChecked++;
        }
    }

    /** The mark a stored body (base64 of the document) carries, for failure messages. */
    private static String markOf(String base64Body) {
        try {
            Matcher m = MARK.matcher(new String(Base64.getDecoder().decode(base64Body), UTF_8));
            return m.find() ? m.group() : "no mark";
        } catch (IllegalArgumentException notBase64) {
            return "not base64";
        }
    }

    /** Every write of {@code key} and every key set that dropped it: sequence, storage's answer, mark. */
    private static String history(List<StorageTap.Write> writes, String key) {
        List<String> out = new ArrayList<>();
        for (StorageTap.Write w : writes) {
            if (key.equals(w.key)) {
                out.add("#" + w.seq + " " + w.status + " " + markOf(w.body));
            } else if (w.isKeySet() && !w.keys.contains(key)) {
                out.add("#" + w.seq + " " + w.status + " key set without it");
            }
        }
        return String.join(", ", out);
    }

    /**
     * Once a full sync that started after now has finished (the registry did not change since): storage holds one
     * document per live version, each with that version's latest mark — no stale, duplicate or missing document —
     * and location serves exactly what storage holds.
     */
    private void awaitSettled(int run) {
        int now = lastFullSync();
        await("a full sync after now").until(() -> lastFullSync() >= now + 2);
        Map<String, String> expected = expectedMarks();
        Map<String, String> docs = storageDocuments();
        Map<String, String> found = new TreeMap<>();
        for (Map.Entry<String, String> d : docs.entrySet()) {
            Matcher m = MARK.matcher(d.getValue());
            assertTrue(m.find(), "document " + d.getKey() + " carries no mark");
            String previous = found.put(m.group(1), m.group(2));
            assertTrue(previous == null, "version " + m.group(1) + " stored twice (" + d.getKey() + ")");
        }
        assertEquals(expected, found, "after run " + run + ": version -> mark stored, against the registry");
        assertEquals(expected.size(), docs.size());
        await("location serves what storage holds")
                .until(() -> locationDocuments()
                        .equals(new TreeSet<>(storageDocuments().values())));
    }

    // ---- the roles ----

    private void startRole(Role r) {
        Map<String, String> env = switch (r) {
            case STORAGE -> settings.storageEnv(url(Role.LOCATION));
            case LOCATION -> {
                Map<String, String> e = settings.locationEnv(url(Role.STORAGE));
                e.put("BRIDGE_LOCATION_RECONCILE_INTERVAL", "1s");
                yield e;
            }
            case NORMALIZER -> settings.normalizerEnv(tap.url(), url(Role.LOCATION));
        };
        int n = starts.merge(r, 1, Integer::sum);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(settings.jvmOptions());
        cmd.addAll(
                List.of("-jar", ThreeProcessTopology.appJar(), r.command(), "--port", Integer.toString(ports.get(r))));
        running.put(r, ChildProcess.start("faults-" + r.command() + "-" + n, cmd, env, Path.of(".")));
    }

    private void awaitAllReady() {
        for (Role r : Role.values()) {
            ChainProbe.awaitReady(url(r) + "/q/health/ready", running.get(r));
        }
    }

    private String url(Role r) {
        return "http://127.0.0.1:" + ports.get(r);
    }

    // ---- reads ----

    private Map<String, String> storageBodies() {
        Map<String, String> out = new TreeMap<>();
        for (String key : probe.storageKeys()) {
            HttpResponse<String> r =
                    probe.get(url(Role.STORAGE) + "/fetch?key=" + URLEncoder.encode(key, UTF_8), STORAGE_TOKEN);
            if (r.statusCode() == 200) {
                out.put(key, probe.tree(r.body()).path("body").asText());
            }
        }
        return out;
    }

    private Map<String, String> storageDocuments() {
        Map<String, String> out = new TreeMap<>();
        storageBodies()
                .forEach((k, b) -> out.put(k, new String(Base64.getDecoder().decode(b), UTF_8)));
        return out;
    }

    private Set<String> locationDocuments() {
        Set<String> out = new TreeSet<>();
        for (String uri : probe.goEraUris(url(Role.LOCATION), BRIDGE_TOKEN)) {
            HttpResponse<byte[]> r = probe.getBytes(url(Role.LOCATION) + uri, BRIDGE_TOKEN);
            assertEquals(200, r.statusCode(), uri);
            out.add(new String(r.body(), UTF_8));
        }
        return out;
    }

    private int lastFullSync() {
        return probe.lastFullSync(url(Role.NORMALIZER));
    }

    /** A ceiling of {@link #STEP} (times the wait factor); fails at once when a running role exits. */
    private ConditionFactory await(String what) {
        return ChildProcess.awaitWhileAlive(what, STEP, Duration.ofMillis(100), running.values());
    }
}
