package io.modelcatalogbridge.source;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses {@code MODEL_REGISTRY_URLS}: {@code id=url} or a bare URL (its host is the id), comma separated. */
public final class ExplicitRegistries {

    private ExplicitRegistries() {
    }

    /** @throws IllegalArgumentException naming the bad entry (a start-up error) */
    public static List<RegistryEndpoint> parse(List<String> entries) {
        Map<String, RegistryEndpoint> out = new LinkedHashMap<>();
        for (String raw : entries) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int eq = entry.indexOf('=');
            boolean named = eq > 0 && !entry.substring(0, eq).contains("://");
            String url = (named ? entry.substring(eq + 1) : entry).strip();
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("MODEL_REGISTRY_URLS entry '" + entry + "' is not a URL");
            }
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new IllegalArgumentException("MODEL_REGISTRY_URLS entry '" + entry
                        + "' needs an http:// or https:// URL with a host");
            }
            String id = named ? entry.substring(0, eq).strip() : uri.getHost();
            if (out.containsKey(id)) {
                throw new IllegalArgumentException("MODEL_REGISTRY_URLS names registry '" + id + "' twice");
            }
            out.put(id, new RegistryEndpoint(id, url, "MODEL_REGISTRY_URLS"));
        }
        return new ArrayList<>(out.values());
    }
}
