package io.modelcatalogbridge.model;

import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A deployed model server, as {@code $defs/modelServer} of the catalog schema. {@code authentication} is
 * {@code null} when unknown. Optional text fields are {@code null} when absent.
 */
public record ModelServer(
        String name,
        String owner,
        String lifecycle,
        String description,
        ModelServerApi api,
        Boolean authentication,
        String homepageURL,
        List<String> tags,
        String usage,
        SortedMap<String, String> annotations) {

    public ModelServer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(lifecycle, "lifecycle");
        Objects.requireNonNull(description, "description");
        tags = tags == null ? List.of() : tags.stream().distinct().sorted().toList();
        annotations = annotations == null ? new TreeMap<>() : new TreeMap<>(annotations);
    }

    /** The same server under another name (collision resolution). */
    public ModelServer withName(String newName) {
        return new ModelServer(
                newName, owner, lifecycle, description, api, authentication, homepageURL, tags, usage, annotations);
    }
}
