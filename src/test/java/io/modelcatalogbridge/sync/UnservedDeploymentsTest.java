package io.modelcatalogbridge.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modelcatalogbridge.source.kfmr.UnservedDeployment;
import io.modelcatalogbridge.source.kserve.KServeDeployment;
import io.modelcatalogbridge.testing.MappingFixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UnservedDeploymentsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<String> lookups = new ArrayList<>();
    private final List<LogRecord> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private final Logger logger = Logger.getLogger(UnservedDeployments.class.getName());
    private Level previousLevel;

    @BeforeEach
    void captureLog() {
        previousLevel = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        logger.removeHandler(capture);
        logger.setLevel(previousLevel);
    }

    private static UnservedDeployment unserved(String name, UnservedDeployment.Reason reason) {
        return new UnservedDeployment("reg", "mnist", "v1", "2", "4", "ai-models", name, reason);
    }

    @Test
    void eachDeploymentIsAWarningNamingModelVersionAndWhyOnceUntilItChanges() {
        UnservedDeployments u = new UnservedDeployments((ns, n) -> Optional.empty(), new NormalizerMetrics(meters));
        UnservedDeployment noUrl = unserved("mnist-v1", UnservedDeployment.Reason.NO_URL);

        u.report(List.of(noUrl));
        assertEquals(1, logged.size());
        assertEquals("WARN", logged.get(0).getLevel().getName());
        String line = logged.get(0).getMessage();
        assertTrue(line.contains("mnist/v1 (version id 2)"), line);
        assertTrue(line.contains("no 'url' for inference service 4"), line);
        assertTrue(line.contains("ai-models/mnist-v1"), line);
        assertEquals(1.0, gauge("no-url"));
        assertEquals(0.0, gauge("not-ready"));

        u.report(List.of(noUrl));
        assertEquals("DEBUG", logged.get(1).getLevel().getName(), "the same deployment again: no second warning");

        u.report(List.of(unserved("mnist-v1", UnservedDeployment.Reason.NOT_READY)));
        assertEquals("WARN", logged.get(2).getLevel().getName(), "a new reason warns again");
        assertEquals(0.0, gauge("no-url"));
        assertEquals(1.0, gauge("not-ready"));

        u.report(List.of());
        assertEquals(0.0, gauge("not-ready"), "fixed: the gauge goes back to 0");
    }

    @Test
    void onlyDeploymentsWithoutAUrlAreLookedUpOnceByNameAndOnlyWhenTheCachesLackThem() {
        KServeDeployment found = MappingFixtures.ready("ai-models", "found", "uid-1", Map.of());
        KServeDeployment cached = MappingFixtures.ready("ai-models", "cached", "uid-2", Map.of());
        UnservedDeployments u = new UnservedDeployments(
                (ns, n) -> {
                    lookups.add(ns + "/" + n);
                    return n.equals("found") ? Optional.of(found) : Optional.empty();
                },
                new NormalizerMetrics(meters));

        List<KServeDeployment> result = u.lookUp(
                List.of(
                        unserved("found", UnservedDeployment.Reason.NO_URL),
                        unserved("found", UnservedDeployment.Reason.NO_URL),
                        unserved("cached", UnservedDeployment.Reason.NO_URL),
                        unserved("missing", UnservedDeployment.Reason.NO_URL),
                        unserved("starting", UnservedDeployment.Reason.NOT_READY)),
                List.of(cached));
        assertEquals(List.of(found), result);
        assertEquals(List.of("ai-models/found", "ai-models/missing"), lookups);
        // Delta syncs reuse what the full sync found, unless the caches have it by now.
        assertEquals(List.of(found), u.lookedUp(List.of(cached)));
        assertEquals(List.of(), u.lookedUp(List.of(found)));
    }

    private double gauge(String reason) {
        return meters.get("bridge.unserved.deployments")
                .tag("reason", reason)
                .gauge()
                .value();
    }
}
