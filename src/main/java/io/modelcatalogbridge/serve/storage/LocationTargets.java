package io.modelcatalogbridge.serve.storage;

import io.modelcatalogbridge.model.DocumentKey;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The URL Backstage reads a document from: the location role's Go-era URI, {@code {base}/<seg1>/<seg2>/<file>},
 * as the Go bridge imported it. Keys that are not canonical {@link DocumentKey}s (Go keys with more than one
 * {@code _}) are split at the first {@code _}, as Go did.
 */
record LocationTargets(String base, String fileName) {

    LocationTargets {
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    String targetFor(String key) {
        if (DocumentKey.isValid(key)) {
            return base + DocumentKey.parse(key).goEraUri(fileName);
        }
        int sep = key.indexOf('_');
        return base + "/" + enc(key.substring(0, sep)) + "/" + enc(key.substring(sep + 1)) + "/" + fileName;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
