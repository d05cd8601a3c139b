package io.modelcatalogbridge.model;

import java.util.Locale;
import java.util.Optional;

/** The API types the catalog schema allows; {@link #OPENAPI} is the default. */
public enum ApiType {
    OPENAPI,
    ASYNCAPI,
    GRAPHQL,
    GRPC;

    /** The value as written in documents ({@code openapi}, …). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a property value case-insensitively; empty when it names no known type. */
    public static Optional<ApiType> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim().toUpperCase(Locale.ROOT);
        for (ApiType t : values()) {
            if (t.name().equals(v)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
