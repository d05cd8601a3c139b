package io.modelcatalogbridge.model;

import java.util.List;
import java.util.Objects;
import java.util.SortedMap;

/**
 * An AI model, as {@code $defs/model} of the catalog schema. Optional text fields are {@code null} when absent
 * (renderers omit them, never writing a JSON {@code null}); {@code tags} is sorted and de-duplicated and
 * {@code annotations} sorted by key, so the same input always renders the same bytes.
 */
public record Model(
        String name,
        String owner,
        String lifecycle,
        String description,
        String artifactLocationURL,
        String ethics,
        String license,
        String howToUseURL,
        String support,
        List<String> tags,
        String training,
        String usage,
        SortedMap<String, String> annotations) {

    public Model {
        name = Text.clean(name);
        owner = Text.clean(owner);
        lifecycle = Text.clean(lifecycle);
        description = Text.clean(description);
        artifactLocationURL = Text.clean(artifactLocationURL);
        ethics = Text.clean(ethics);
        license = Text.clean(license);
        howToUseURL = Text.clean(howToUseURL);
        support = Text.clean(support);
        training = Text.clean(training);
        usage = Text.clean(usage);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(lifecycle, "lifecycle");
        Objects.requireNonNull(description, "description");
        tags = tags == null ? List.of() : tags.stream().distinct().sorted().toList();
        annotations = Text.clean(annotations);
    }

    /** The same model under another name (collision resolution). */
    public Model withName(String newName) {
        return new Model(
                newName,
                owner,
                lifecycle,
                description,
                artifactLocationURL,
                ethics,
                license,
                howToUseURL,
                support,
                tags,
                training,
                usage,
                annotations);
    }
}
