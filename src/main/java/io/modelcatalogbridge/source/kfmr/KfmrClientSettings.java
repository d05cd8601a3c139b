package io.modelcatalogbridge.source.kfmr;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * How {@link KfmrClient} talks to one registry. Start from {@link #of(String)} and adjust with the {@code with*}
 * methods; the defaults are safe (TLS verified, bounded retries, timeouts).
 *
 * @param registryUrl           registry root (e.g. {@code https://modelregistry-public-rest.apps.example.com});
 *                              {@code /api/model_registry/v1alpha3} is appended unless already present
 * @param catalogUrl            model catalog root, or empty when no catalog is read;
 *                              {@code /api/model_catalog/v1alpha1} is appended unless already present
 * @param token                 bearer token, asked for on every request so a rotating token file is re-read
 * @param pageSize              items per page of every list call
 * @param connectTimeout        TCP/TLS connect timeout
 * @param requestTimeout        timeout of one HTTP request (one attempt)
 * @param maxAttempts           attempts per request on 5xx, 429, timeouts and I/O errors (1 = no retry)
 * @param initialBackoff        wait before the second attempt; doubled on each further attempt
 * @param caBundle              PEM file of extra trusted CAs, added to the JDK trust roots
 * @param insecureSkipTlsVerify trust any certificate and skip hostname checks (explicit opt-out only)
 * @param maxConcurrentRequests most requests in flight to this registry at once (a full sync reads one artifact
 *                              list per changed version; more than one at a time shortens it, the bound keeps
 *                              the registry's load gentle)
 */
public record KfmrClientSettings(
        String registryUrl,
        Optional<String> catalogUrl,
        Supplier<Optional<String>> token,
        int pageSize,
        Duration connectTimeout,
        Duration requestTimeout,
        int maxAttempts,
        Duration initialBackoff,
        Optional<Path> caBundle,
        boolean insecureSkipTlsVerify,
        int maxConcurrentRequests) {

    public static final int DEFAULT_PAGE_SIZE = 100;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);
    public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 4;

    public KfmrClientSettings {
        Objects.requireNonNull(registryUrl, "registryUrl");
        if (!registryUrl.startsWith("http://") && !registryUrl.startsWith("https://")) {
            throw new IllegalArgumentException("registry URL must start with http:// or https://: " + registryUrl);
        }
        catalogUrl = catalogUrl == null ? Optional.empty() : catalogUrl.filter(u -> !u.isBlank());
        token = token == null ? Optional::empty : token;
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1, got " + pageSize);
        }
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        caBundle = caBundle == null ? Optional.empty() : caBundle;
        if (maxConcurrentRequests < 1) {
            throw new IllegalArgumentException(
                    "maxConcurrentRequests must be at least 1, got " + maxConcurrentRequests);
        }
    }

    /** Defaults for a registry root: no catalog, no token, page size 100, 10 s / 30 s timeouts, 3 attempts. */
    public static KfmrClientSettings of(String registryUrl) {
        return new KfmrClientSettings(
                registryUrl,
                Optional.empty(),
                Optional::empty,
                DEFAULT_PAGE_SIZE,
                DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_REQUEST_TIMEOUT,
                DEFAULT_MAX_ATTEMPTS,
                DEFAULT_INITIAL_BACKOFF,
                Optional.empty(),
                false,
                DEFAULT_MAX_CONCURRENT_REQUESTS);
    }

    public KfmrClientSettings withCatalogUrl(String url) {
        return with(c -> c.catalogUrl = Optional.ofNullable(url));
    }

    public KfmrClientSettings withToken(Supplier<Optional<String>> tokenSupplier) {
        return with(c -> c.token = tokenSupplier);
    }

    /** A fixed token (tests, CLI {@code --token}). */
    public KfmrClientSettings withToken(String fixedToken) {
        Optional<String> t = Optional.ofNullable(fixedToken);
        return withToken(() -> t);
    }

    public KfmrClientSettings withPageSize(int size) {
        return with(c -> c.pageSize = size);
    }

    public KfmrClientSettings withTimeouts(Duration connect, Duration request) {
        return with(c -> {
            c.connectTimeout = connect;
            c.requestTimeout = request;
        });
    }

    public KfmrClientSettings withRetries(int attempts, Duration firstBackoff) {
        return with(c -> {
            c.maxAttempts = attempts;
            c.initialBackoff = firstBackoff;
        });
    }

    public KfmrClientSettings withCaBundle(Path pemFile) {
        return with(c -> c.caBundle = Optional.ofNullable(pemFile));
    }

    public KfmrClientSettings withInsecureSkipTlsVerify(boolean insecure) {
        return with(c -> c.insecureSkipTlsVerify = insecure);
    }

    /** At most {@code n} requests in flight to the registry at once (1 = one at a time). */
    public KfmrClientSettings withMaxConcurrentRequests(int n) {
        return with(c -> c.maxConcurrentRequests = n);
    }

    /** A copy with {@code change} applied; the canonical constructor checks the result. */
    private KfmrClientSettings with(Consumer<Copy> change) {
        Copy c = new Copy(this);
        change.accept(c);
        return c.settings();
    }

    /** The components of a copy while one {@code with*} method changes some of them. */
    private static final class Copy {
        private final String registryUrl;
        private Optional<String> catalogUrl;
        private Supplier<Optional<String>> token;
        private int pageSize;
        private Duration connectTimeout;
        private Duration requestTimeout;
        private int maxAttempts;
        private Duration initialBackoff;
        private Optional<Path> caBundle;
        private boolean insecureSkipTlsVerify;
        private int maxConcurrentRequests;

        Copy(KfmrClientSettings s) {
            registryUrl = s.registryUrl;
            catalogUrl = s.catalogUrl;
            token = s.token;
            pageSize = s.pageSize;
            connectTimeout = s.connectTimeout;
            requestTimeout = s.requestTimeout;
            maxAttempts = s.maxAttempts;
            initialBackoff = s.initialBackoff;
            caBundle = s.caBundle;
            insecureSkipTlsVerify = s.insecureSkipTlsVerify;
            maxConcurrentRequests = s.maxConcurrentRequests;
        }

        KfmrClientSettings settings() {
            return new KfmrClientSettings(
                    registryUrl,
                    catalogUrl,
                    token,
                    pageSize,
                    connectTimeout,
                    requestTimeout,
                    maxAttempts,
                    initialBackoff,
                    caBundle,
                    insecureSkipTlsVerify,
                    maxConcurrentRequests);
        }
    }

    /** Never prints the token (records print every component by default). */
    @Override
    public String toString() {
        return "KfmrClientSettings[registryUrl=" + registryUrl + ", catalogUrl=" + catalogUrl.orElse("-")
                + ", pageSize=" + pageSize + ", connectTimeout=" + connectTimeout + ", requestTimeout="
                + requestTimeout + ", maxAttempts=" + maxAttempts + ", caBundle="
                + caBundle.map(Path::toString).orElse("-") + ", insecureSkipTlsVerify=" + insecureSkipTlsVerify
                + ", maxConcurrentRequests=" + maxConcurrentRequests + "]";
    }
}
