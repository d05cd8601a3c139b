package io.modelcatalogbridge.source.kfmr;

import io.modelcatalogbridge.model.Tags;
import io.modelcatalogbridge.model.WellKnownKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Custom properties as the catalog rules see them: text values, MV-over-RM lookup, generic tags. */
final class KfmrMapperProperties {
    private KfmrMapperProperties() {}

    /** The text of a property, or {@code null} when unset or without a text form (struct, proto). */
    static String text(Map<String, MetadataValue> props, String key) {
        MetadataValue v = props.get(key);
        return v == null ? null : v.asText();
    }

    /** Well-known key lookup: the model version's value when set and non-blank, else the registered model's. */
    static Function<String, String> versionThenModel(ModelVersion mv, RegisteredModel rm) {
        return key -> {
            String v = text(mv.customProperties(), key);
            return v != null && !v.isBlank() ? v : text(rm.customProperties(), key);
        };
    }

    /**
     * {@code key-value} tags (or {@code key} for labels) of every property that has no meaning of its own and a
     * text value; only valid tags.
     */
    static List<String> genericTags(Map<String, MetadataValue> props) {
        List<String> out = new ArrayList<>();
        props.forEach((key, value) -> {
            if (key == null || WellKnownKeys.isNotGenericTag(key) || value == null) {
                return;
            }
            String text = value.asText();
            if (text != null) {
                Tags.fromProperty(key, text).ifPresent(out::add);
            }
        });
        return out;
    }
}
