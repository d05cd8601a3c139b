package io.modelcatalogbridge.model;

import java.util.List;
import java.util.Objects;
import java.util.SortedMap;

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
        name = Text.clean(name);
        owner = Text.clean(owner);
        lifecycle = Text.clean(lifecycle);
        description = Text.clean(description);
        homepageURL = Text.clean(homepageURL);
        usage = Text.clean(usage);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(lifecycle, "lifecycle");
        Objects.requireNonNull(description, "description");
        tags = tags == null ? List.of() : tags.stream().distinct().sorted().toList();
        annotations = Text.clean(annotations);
    }

    /** The same server under another name (collision resolution). */
    public ModelServer withName(String newName) {
        return new ModelServer(
                newName, owner, lifecycle, description, api, authentication, homepageURL, tags, usage, annotations);
    }
}
