package io.modelcatalogbridge.model;

import java.util.Locale;

/** Which kind of source produced a document; also the storage API's {@code type} parameter. */
public enum SourceKind {
    KUBEFLOW,
    KSERVE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
