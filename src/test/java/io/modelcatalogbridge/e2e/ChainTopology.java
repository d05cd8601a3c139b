package io.modelcatalogbridge.e2e;

import java.util.List;

/**
 * How the bridge under test runs: as three role processes ({@link ThreeProcessTopology}) or, later, as one
 * process running every role ({@code run}). Ports are chosen when the topology is made, so that location's URL is
 * known before Backstage starts (Backstage needs it; location needs Backstage's JWKS URL).
 */
public interface ChainTopology extends AutoCloseable {

    /** Location's base URL (the Go-era contract lives at its root, the current one under its base path). */
    String locationUrl();

    /** Storage's base URL, for the test's own {@code /list} and {@code /fetch} reads. */
    String storageUrl();

    /** Starts the bridge; returns at once (readiness is awaited through {@link #readinessUrls()}). */
    void start(ChainSettings settings);

    /** {@code /q/health/ready} of every role; the chain is up when all answer 200. */
    List<String> readinessUrls();

    /**
     * Stops the normalizer, runs {@code whileDown}, starts it again (same port and settings) and returns when it
     * is ready. A single-process topology restarts its one process: storage (File) and location come back with it.
     */
    void restartNormalizer(Runnable whileDown);

    /** Every process started, to fail fast when one exits and to show its log. */
    List<ChildProcess> processes();

    /** Stops every process it started, even after a failed start. */
    @Override
    void close();
}
