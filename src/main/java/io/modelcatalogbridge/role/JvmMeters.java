package io.modelcatalogbridge.role;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmHeapPressureMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.quarkus.micrometer.runtime.binder.JVMInfoBinder;
import io.quarkus.micrometer.runtime.binder.netty.NettyMetricsProvider;
import io.quarkus.micrometer.runtime.binder.netty.ReactiveNettyMetricsProvider;
import io.quarkus.micrometer.runtime.binder.netty.VertxNettyAllocatorMetricsProvider;
import io.quarkus.micrometer.runtime.binder.netty.VertxNettyEventExecutorMetricsProvider;
import io.quarkus.runtime.ImageMode;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * The JVM, process and Netty meters of {@code /q/metrics} ({@code jvm_*}, {@code process_*}, {@code system_*},
 * {@code netty_*}), bound once the role is ready, or {@link #LATEST} after it started, whichever comes first, instead of
 * by Quarkus during start-up (its {@code jvm}, {@code system} and {@code netty} binders are off in
 * {@code application.properties}). Binding them is the first use of the platform MXBeans, the cgroup files and Netty's
 * allocator statistics: 30–60 ms of every role's start-up, on the main thread before the role's port opened
 * (docs/benchmarks.md). The binders are the ones Quarkus binds (its {@code MicrometerRecorder} and Netty binder), so
 * the names and tags on {@code /q/metrics} are unchanged; GC pauses before the binding are not in {@code jvm_gc_pause}.
 */
@ApplicationScoped
public class JvmMeters {

    private static final Logger LOG = Logger.getLogger(JvmMeters.class);

    /** The meters are bound this long after start at the latest, ready or not: a role stuck starting needs them. */
    static final Duration LATEST = Duration.ofSeconds(10);

    private static final long POLL_MILLIS = 50;

    private final MeterRegistry registry;
    private final Vertx vertx;
    private final List<AutoCloseable> bound = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private boolean done;

    JvmMeters(MeterRegistry registry, Vertx vertx) {
        this.registry = registry;
        this.vertx = vertx;
    }

    /**
     * Binds the meters on a daemon thread as soon as {@code ready} answers true (asked every 50 ms) or {@code latest}
     * has passed.
     */
    public void bindWhenReady(BooleanSupplier ready, Duration latest) {
        Thread thread = new Thread(
                () -> {
                    long deadline = System.nanoTime() + latest.toNanos();
                    try {
                        while (!ready.getAsBoolean() && System.nanoTime() < deadline) {
                            if (stopped.await(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                                return;
                            }
                        }
                        bind();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (RuntimeException e) {
                        // Metrics are not worth a role: say so once and run without them.
                        LOG.warnf("JVM meters not bound: %s", e.toString());
                    }
                },
                "jvm-meters");
        thread.setDaemon(true);
        thread.start();
    }

    /** Binds every meter now; the first call only. */
    public synchronized void bind() {
        if (done || stopped.getCount() == 0) {
            return;
        }
        done = true;
        new ClassLoaderMetrics().bindTo(registry);
        bound.add(bindClosable(new JvmHeapPressureMetrics()));
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new JVMInfoBinder().bindTo(registry);
        if (ImageMode.current() == ImageMode.JVM) {
            // As Quarkus: a native image has no GC notifications to count pauses from.
            bound.add(bindClosable(new JvmGcMetrics()));
        }
        new UptimeMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        NettyMetricsProvider netty = new NettyMetricsProvider();
        VertxNettyAllocatorMetricsProvider vertxAllocators = new VertxNettyAllocatorMetricsProvider();
        VertxNettyEventExecutorMetricsProvider vertxExecutors = new VertxNettyEventExecutorMetricsProvider();
        List<MeterBinder> nettyBinders = new ArrayList<>(List.of(
                netty.pooledByteBufAllocatorMetrics(),
                netty.unpooledByteBufAllocatorMetrics(),
                vertxAllocators.vertxPooledByteBufAllocatorMetrics(),
                vertxAllocators.vertxUnpooledByteBufAllocatorMetrics(),
                vertxExecutors.vertxEventLoopGroupMetrics(vertx),
                vertxExecutors.vertxAcceptorEventLoopGroupMetrics(vertx)));
        try {
            nettyBinders.add(new ReactiveNettyMetricsProvider().reactiveAllocatorMetrics());
        } catch (Exception e) {
            LOG.debugf("no meters for the multipart upload allocator: %s", e.toString());
        }
        nettyBinders.forEach(b -> b.bindTo(registry));
    }

    /** Whether {@link #bind()} ran. */
    public synchronized boolean isBound() {
        return done;
    }

    private <T extends MeterBinder & AutoCloseable> T bindClosable(T binder) {
        binder.bindTo(registry);
        return binder;
    }

    /** Stops a pending binding and releases the GC listeners of the bound meters. */
    @PreDestroy
    public synchronized void close() {
        stopped.countDown();
        for (AutoCloseable c : bound) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.debugf("closing %s: %s", c.getClass().getSimpleName(), e.toString());
            }
        }
        bound.clear();
    }
}
