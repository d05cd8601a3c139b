package io.modelcatalogbridge.serve.location;

import io.modelcatalogbridge.render.CatalogInfoYamlFormat;
import io.modelcatalogbridge.render.JsonArrayFormat;

/**
 * The format of one stored document, told from its bytes. Storage keeps bytes without a format, and the Go bridge's
 * location trusted its own {@code NORMALIZER_FORMAT} even when the normalizer used another one (their defaults
 * differed); looking at the bytes serves every document under the name and content type that match what it is.
 */
public enum DocumentFormat {
    JSON(JsonArrayFormat.FILE_NAME, JsonArrayFormat.CONTENT_TYPE),
    YAML(CatalogInfoYamlFormat.FILE_NAME, CatalogInfoYamlFormat.CONTENT_TYPE);

    private final String fileName;
    private final String contentType;

    DocumentFormat(String fileName, String contentType) {
        this.fileName = fileName;
        this.contentType = contentType;
    }

    /** Last segment of the Go-era URI: {@code model-catalog.json} or {@code catalog-info.yaml}. */
    public String fileName() {
        return fileName;
    }

    public String contentType() {
        return contentType;
    }

    /** JSON when the first non-blank byte opens an object or array, YAML otherwise. */
    public static DocumentFormat of(byte[] bytes) {
        for (byte b : bytes) {
            if (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
                continue;
            }
            return b == '{' || b == '[' ? JSON : YAML;
        }
        return YAML;
    }
}
