package io.modelcatalogbridge.source;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Where the model registries are and how to talk to them (discovery, token, TLS, paging). */
@ConfigMapping(prefix = "bridge.registry")
public interface RegistryConfig {

    /**
     * Registry Routes ({@code MR_ROUTE}): each {@code namespace:name} or {@code name} (searched in every namespace).
     * Unset: Routes labelled {@code app.kubernetes.io/managed-by=model-registry-operator} are discovered.
     */
    Optional<List<String>> routes();

    /**
     * Registry base URLs used as they are ({@code MODEL_REGISTRY_URLS}), each {@code id=url} or a bare URL (its
     * host is the id); for clusters without Routes and for local runs. Added to what Routes give.
     */
    Optional<List<String>> urls();

    /** Model catalog base URL ({@code MODEL_CATALOG_URL}); overrides a discovered catalog Route. */
    Optional<String> catalogUrl();

    /** Bearer token for registries ({@code KFMR_TOKEN}); wins over every other source. */
    Optional<String> token();

    /** Kubernetes token ({@code K8S_TOKEN}, or the RHDH sidecar's {@code token}); used when no KFMR token is set. */
    Optional<String> kubernetesToken();

    /** Token file read at every sync when no token variable is set (projected tokens rotate). */
    @WithDefault("/var/run/secrets/kubernetes.io/serviceaccount/token")
    Path tokenFile();

    /** PEM file of CAs to trust for registries ({@code KFMR_CA_BUNDLE}), added to the JDK roots. */
    Optional<Path> caBundle();

    /** PEM text of a CA to trust (the RHDH sidecar's {@code ca.crt} variable). */
    Optional<String> caPem();

    /** The service-account CA file; trusted when it exists. */
    @WithDefault("/var/run/secrets/kubernetes.io/serviceaccount/ca.crt")
    Path serviceAccountCa();

    /** Skip TLS verification of registries ({@code KFMR_INSECURE_SKIP_TLS_VERIFY}); an explicit opt-out only. */
    @WithDefault("false")
    boolean insecureSkipTlsVerify();

    /**
     * Items per page of every registry list call ({@code KFMR_PAGE_SIZE}). 500: a full sync asks for every page of
     * the version list one after the other (each page names the next), so 10,000 versions cost 20 round trips
     * instead of 100 — a registry change reaches the catalog that much sooner, with fewer requests. An MLMD-backed
     * registry (KFMR up to v0.2.19) caps pages at 100 itself; the client follows its tokens either way.
     */
    @WithDefault("500")
    int pageSize();

    /** TCP/TLS connect timeout of registry calls. */
    @WithDefault("10s")
    Duration connectTimeout();

    /** Timeout of one registry request (one attempt). */
    @WithDefault("30s")
    Duration requestTimeout();

    /**
     * Longest a full sync spends reading one registry, retries included: past it no request starts and one in flight
     * is cut; the registry keeps its last known documents (incomplete) until the next full sync.
     */
    @WithDefault("10m")
    Duration syncDeadline();

    /** A registry request still waiting after this long is logged as slow (WARN) at once; {@code 0} never. */
    @WithDefault("10s")
    Duration slowRequestWarning();

    /** Attempts per registry request on 5xx, 429 and timeouts. */
    @WithDefault("3")
    int maxAttempts();

    /** Wait before the second attempt; doubled for each further one. */
    @WithDefault("500ms")
    Duration initialBackoff();

    /**
     * Most requests in flight to one registry at a time ({@code KFMR_MAX_CONCURRENT_REQUESTS}). A full sync reads
     * one artifact list per new or changed version; 4 at a time reads 10,000 versions of a registry answering in 5 ms
     * in about 13 s instead of 50 s, and stays gentle on the registry. 1 restores one request at a time.
     */
    @WithDefault("4")
    int maxConcurrentRequests();
}
