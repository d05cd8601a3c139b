package io.modelcatalogbridge.serve.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Forwarding of accepted upserts and removals from storage to location. */
@ConfigMapping(prefix = "bridge.forward")
public interface ForwardConfig {

    /** Forward at all (off only for a storage without location). */
    @WithDefault("true")
    boolean enabled();

    /** Location base URL ({@code BRIDGE_URL}; default {@code http://$POD_IP:9090}, 127.0.0.1 without POD_IP). */
    String url();

    /** Bearer token sent to location, when location requires one. */
    Optional<String> token();

    /** Timeout of each call to location (connect and answer). */
    @WithDefault("5s")
    Duration timeout();

    /**
     * Most documents forwarded in one {@code POST /upserts} when several changes are due at once (1: one
     * {@code POST /upsert} each, as the Go bridge did). A location without the endpoint gets one each anyway.
     */
    @WithDefault("100")
    int batchSize();

    /** Keys with pending work kept at most; beyond, the oldest is dropped (location reloads at its start). */
    @WithDefault("20000")
    int queueCapacity();

    /** Attempts per change before it is given up. */
    @WithDefault("30")
    int maxAttempts();

    /** First retry delay; doubles per attempt. */
    @WithDefault("500ms")
    Duration initialBackoff();

    /** Longest retry delay. */
    @WithDefault("30s")
    Duration maxBackoff();
}
