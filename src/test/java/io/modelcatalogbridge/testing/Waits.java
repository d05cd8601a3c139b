package io.modelcatalogbridge.testing;

import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * Every wait of the test suite derives from one factor, so the whole suite can be slowed down for a loaded machine
 * with one switch: {@code -Dbridge.test.wait-factor=3} (Maven passes it to surefire, failsafe and the processes
 * tests start) or the environment variable {@code BRIDGE_TEST_WAIT_FACTOR}. The default 1 already leaves ample
 * room on an idle 2-core machine: an {@link #await()} only lasts as long as its condition needs, so a generous
 * ceiling costs nothing when the code works.
 *
 * <p>Waits here are ceilings for something that must happen ("until storage holds the document"), never the time a
 * test sleeps. Latency targets are measured by benchmarks under {@code bench/}, not asserted by tests.
 */
public final class Waits {

    /** System property holding the factor (a positive decimal number). */
    public static final String PROPERTY = "bridge.test.wait-factor";
    /** Environment variable holding the factor when the property is not set. */
    public static final String ENV = "BRIDGE_TEST_WAIT_FACTOR";

    /** The ceiling of {@link #await()}: what a role needs for one round trip on a busy machine, and then some. */
    public static final Duration DEFAULT = Duration.ofSeconds(30);

    private static final double FACTOR = parse(configured());

    private Waits() {}

    private static String configured() {
        String property = System.getProperty(PROPERTY);
        return property == null || property.isBlank() ? System.getenv(ENV) : property;
    }

    static double parse(String text) {
        if (text == null || text.isBlank()) {
            return 1.0;
        }
        try {
            double f = Double.parseDouble(text.trim());
            if (!(f > 0) || Double.isInfinite(f)) {
                throw new IllegalArgumentException(PROPERTY + " must be a positive number, got '" + text + "'");
            }
            return f;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PROPERTY + " must be a positive number, got '" + text + "'", e);
        }
    }

    /** The configured factor (1 unless set). */
    public static double factor() {
        return FACTOR;
    }

    /** {@code base} stretched by the factor. */
    public static Duration scaled(Duration base) {
        return Duration.ofMillis(Math.round(base.toMillis() * FACTOR));
    }

    /** {@code seconds} stretched by the factor. */
    public static Duration seconds(long seconds) {
        return scaled(Duration.ofSeconds(seconds));
    }

    /** As a Quarkus/Go-style duration for configuration values ({@code "2500ms"}). */
    public static String config(Duration base) {
        return scaled(base).toMillis() + "ms";
    }

    /** {@link #DEFAULT} times the factor: the longest any single step of a test may take. */
    public static Duration ceiling() {
        return scaled(DEFAULT);
    }

    /**
     * REST Assured configuration whose requests fail when no answer arrives within {@link #ceiling()}: for steps
     * that prove a call does not block (on a peer that is down, say) without timing it.
     */
    public static RestAssuredConfig answersWithinCeiling() {
        int millis = (int) Math.min(Integer.MAX_VALUE, ceiling().toMillis());
        return RestAssured.config()
                .httpClient(HttpClientConfig.httpClientConfig()
                        .setParam("http.connection.timeout", millis)
                        .setParam("http.socket.timeout", millis));
    }

    /** Awaitility with the default ceiling ({@link #DEFAULT} times the factor), polling every 50 ms. */
    public static ConditionFactory await() {
        return Awaitility.await().atMost(ceiling()).pollInterval(Duration.ofMillis(50));
    }

    /** {@link #await()} with a name that failure messages show. */
    public static ConditionFactory await(String alias) {
        return Awaitility.await(alias).atMost(ceiling()).pollInterval(Duration.ofMillis(50));
    }

    /** Awaitility whose ceiling is {@code base} times the factor, for waits that are longer than the default. */
    public static ConditionFactory await(String alias, Duration base) {
        return Awaitility.await(alias).atMost(scaled(base)).pollInterval(Duration.ofMillis(50));
    }
}
