package io.modelcatalogbridge.source;

import io.modelcatalogbridge.source.snapshot.SnapshotDirectory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code MODEL_REGISTRY_URLS}: {@code id=url} or a bare URL (its host is the id), comma separated. An entry
 * may also name a registry snapshot directory ({@code id=dir} or a bare path; then the id is the snapshot's own), which
 * is re-read at every full sync — a registry replayed from files, for demos and local use.
 */
public final class ExplicitRegistries {

    private ExplicitRegistries() {}

    /** @throws IllegalArgumentException naming the bad entry (a start-up error) */
    public static List<RegistryEndpoint> parse(List<String> entries) {
        return parse(entries, "MODEL_REGISTRY_URLS");
    }

    /**
     * The same syntax wherever registries are named ({@code MODEL_REGISTRY_URLS}, {@code --registry}).
     *
     * @param setting what the user wrote the entries in, for error messages and the endpoints' origin
     * @throws IllegalArgumentException naming the bad entry
     */
    public static List<RegistryEndpoint> parse(List<String> entries, String setting) {
        Map<String, RegistryEndpoint> out = new LinkedHashMap<>();
        for (String raw : entries) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int eq = entry.indexOf('=');
            boolean named = eq > 0 && !entry.substring(0, eq).contains("://");
            String url = (named ? entry.substring(eq + 1) : entry).strip();
            Path dir = snapshotDirectory(url);
            if (dir != null) {
                String id = named ? entry.substring(0, eq).strip() : SnapshotDirectory.registryIdOf(dir);
                if (out.containsKey(id)) {
                    throw new IllegalArgumentException(setting + " names registry '" + id + "' twice");
                }
                out.put(id, new RegistryEndpoint(id, dir.toUri().toString(), "snapshot directory"));
                continue;
            }
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(setting + " entry '" + entry + "' is not a URL");
            }
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new IllegalArgumentException(setting + " entry '" + entry
                        + "' needs an http:// or https:// URL with a host, or an existing snapshot directory");
            }
            String id = named ? entry.substring(0, eq).strip() : uri.getHost();
            if (out.containsKey(id)) {
                throw new IllegalArgumentException(setting + " names registry '" + id + "' twice");
            }
            out.put(id, new RegistryEndpoint(id, url, setting));
        }
        return new ArrayList<>(out.values());
    }

    /** The directory an entry names (a path or a {@code file:} URI), or {@code null} when it is not one. */
    private static Path snapshotDirectory(String value) {
        if (value.startsWith("http://") || value.startsWith("https://")) {
            return null;
        }
        try {
            Path p = value.startsWith("file:") ? Path.of(URI.create(value)) : Path.of(value);
            return Files.isDirectory(p) ? p.toAbsolutePath().normalize() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
