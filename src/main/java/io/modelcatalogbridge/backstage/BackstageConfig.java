package io.modelcatalogbridge.backstage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Pushing documents to Backstage as catalog locations (the Go bridge's {@code PUSH_TO_RHDH}). */
@ConfigMapping(prefix = "bridge.backstage")
public interface BackstageConfig {

    /** Import each stored document as a Backstage location ({@code PUSH_TO_RHDH}). */
    @WithDefault("false")
    boolean push();

    /** Backstage base URL ({@code BKSTG_URL}); unset: looked up from an OpenShift Route. */
    Optional<String> url();

    /** Static token for the catalog API ({@code RHDH_TOKEN}). */
    Optional<String> token();

    /** Location {@code type}: {@code rhdh-rhoai-bridge} as the Go bridge, or {@code url} for plain Backstage. */
    @WithDefault("rhdh-rhoai-bridge")
    String locationType();

    /** Base of the location target URLs; unset: the location role's URL ({@code BRIDGE_URL}). */
    Optional<String> locationBaseUrl();

    /** Document format, for the file name at the end of Go-era URIs ({@code NORMALIZER_FORMAT}). */
    @WithDefault("JsonArrayFormat")
    String documentFormat();

    /** Timeout of each catalog API call. */
    @WithDefault("10s")
    Duration timeout();

    /** Namespace searched for the Backstage Route ({@code NAMESPACE}/{@code POD_NAMESPACE}; unset: the client's). */
    Optional<String> routeNamespace();

    /** Retries of one push before it is given up (it is tried again at the next change or restart). */
    @WithDefault("50")
    int maxAttempts();

    /** Longest wait between retries. */
    @WithDefault("60s")
    Duration maxBackoff();
}
