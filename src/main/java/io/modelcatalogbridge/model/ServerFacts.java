package io.modelcatalogbridge.model;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a source knows about one deployment, before the catalog rules are applied.
 *
 * @param namespace      namespace of the deployment (with {@code deploymentName} it forms the server name)
 * @param deploymentName KServe InferenceService name
 * @param description    generated description
 * @param externalUrl    route / {@code status.url}, or {@code null}
 * @param internalUrl    cluster-internal URL, or {@code null}
 * @param authentication token auth required, {@code null} when unknown
 * @param tagCandidates  raw values (model format, runtime) turned into tags when valid
 * @param annotations    server annotations to copy ({@code rhdh.io/*})
 */
public record ServerFacts(
        String namespace,
        String deploymentName,
        String description,
        String externalUrl,
        String internalUrl,
        Boolean authentication,
        List<String> tagCandidates,
        SortedMap<String, String> annotations) {

    public ServerFacts {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(deploymentName, "deploymentName");
        Objects.requireNonNull(description, "description");
        tagCandidates = tagCandidates == null
                ? List.of()
                : tagCandidates.stream().filter(Objects::nonNull).toList();
        annotations = annotations == null ? new TreeMap<>() : new TreeMap<>(annotations);
    }

    /** Whether a URL names a cluster-internal host ({@code *.svc}, {@code *.svc.cluster.local}). */
    public static boolean isClusterLocal(String url) {
        try {
            String host = URI.create(url.trim()).getHost();
            return host != null && (host.endsWith(".svc.cluster.local") || host.endsWith(".svc"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The URL clients should use: external when exposed, else internal; {@code null} when none is known. */
    public String url() {
        return externalUrl != null ? externalUrl : internalUrl;
    }
}
