package io.modelcatalogbridge.store;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The supported {@code STORAGE_TYPE} values. */
public enum StorageType {
    CONFIG_MAP("ConfigMap"),
    FILE("File");

    private final String wireName;

    StorageType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /**
     * Parses a configured value, ignoring case and blanks.
     *
     * @throws IllegalArgumentException naming the supported values ({@code Github} was announced by the Go bridge,
     *                                  never built)
     */
    public static StorageType parse(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        for (StorageType t : values()) {
            if (t.wireName.toLowerCase(Locale.ROOT).equals(v)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unsupported STORAGE_TYPE '" + value.strip() + "'; supported values: "
                + Arrays.stream(values()).map(StorageType::wireName).collect(Collectors.joining(", "))
                + " (unset: ConfigMap when Kubernetes configuration is found, else File)");
    }
}
