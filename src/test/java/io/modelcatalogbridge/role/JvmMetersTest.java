package io.modelcatalogbridge.role;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modelcatalogbridge.testing.Waits;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The JVM meters wait for the role's readiness, or for their deadline, and then carry Quarkus's names. */
class JvmMetersTest {

    private final Vertx vertx = Vertx.vertx();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final JvmMeters meters = new JvmMeters(registry, vertx);

    @AfterEach
    void close() {
        meters.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void bindsOnceTheRoleIsReady() {
        AtomicBoolean ready = new AtomicBoolean();
        meters.bindWhenReady(ready::get, Duration.ofHours(1));
        assertFalse(meters.isBound(), "nothing bound while the role starts");
        assertNull(registry.find("jvm.memory.used").gauge());

        ready.set(true);
        Waits.await("meters bound once ready").until(meters::isBound);
        for (String name : new String[] {
            "jvm.memory.used",
            "jvm.threads.live",
            "jvm.classes.loaded",
            "jvm.gc.live.data.size",
            "jvm.memory.usage.after.gc",
            "process.cpu.usage",
            "process.uptime",
            "process.files.open",
            "system.cpu.count",
            "netty.allocator.memory.used",
            "netty.eventexecutor.tasks.pending"
        }) {
            assertNotNull(registry.find(name).meter(), name);
        }
        assertNotNull(
                registry.find("netty.allocator.memory.used")
                        .tag("name", "vertx-pooled")
                        .meter(),
                "Vert.x's allocator, as Quarkus names it");
    }

    @Test
    void bindsAtTheDeadlineWhenTheRoleNeverGetsReady() {
        meters.bindWhenReady(() -> false, Duration.ZERO);
        Waits.await("meters bound at the deadline").until(meters::isBound);
        assertNotNull(registry.find("jvm.memory.used").gauge());
    }

    @Test
    void aClosedBeanBindsNothing() {
        meters.close();
        meters.bind();
        assertFalse(meters.isBound());
        assertNull(registry.find("jvm.memory.used").gauge());
    }

    @Test
    void bindingTwiceRegistersOnce() {
        meters.bind();
        int count = registry.getMeters().size();
        meters.bind();
        assertTrue(meters.isBound());
        assertEquals(count, registry.getMeters().size(), "no second set of meters");
    }
}
