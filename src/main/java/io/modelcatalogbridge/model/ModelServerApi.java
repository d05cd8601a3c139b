package io.modelcatalogbridge.model;

import java.util.List;
import java.util.Objects;
import java.util.SortedMap;

/** The API a model server exposes, as {@code modelServerAPI} in the catalog schema. */
public record ModelServerApi(
        String url, ApiType type, String spec, List<String> tags, SortedMap<String, String> annotations) {

    public ModelServerApi {
        url = Text.clean(url);
        spec = Text.clean(spec);
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(spec, "spec");
        tags = tags == null ? List.of() : tags.stream().distinct().sorted().toList();
        annotations = Text.clean(annotations);
    }
}
