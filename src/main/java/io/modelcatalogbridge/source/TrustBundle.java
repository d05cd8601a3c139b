package io.modelcatalogbridge.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The extra CAs registries are verified against, merged into one PEM file for the registry client: a configured
 * bundle, the RHDH sidecar's {@code ca.crt} text and the service-account {@code ca.crt}, whichever exist. The JDK
 * roots stay trusted as well (Routes often carry publicly signed certificates).
 */
public final class TrustBundle {

    private TrustBundle() {}

    /** The merged bundle, or empty when no extra CA is configured or mounted. */
    public static Optional<Path> merge(Optional<Path> configured, Optional<String> pemText, Path serviceAccountCa) {
        List<String> parts = new ArrayList<>();
        try {
            if (configured.isPresent()) {
                // A configured bundle that is missing is a configuration error, not something to skip silently.
                parts.add(Files.readString(configured.get(), StandardCharsets.UTF_8));
            }
            pemText.filter(p -> p.contains("BEGIN CERTIFICATE")).ifPresent(parts::add);
            if (serviceAccountCa != null && Files.isReadable(serviceAccountCa)) {
                parts.add(Files.readString(serviceAccountCa, StandardCharsets.UTF_8));
            }
            if (parts.isEmpty()) {
                return Optional.empty();
            }
            if (parts.size() == 1 && configured.isPresent()) {
                return configured;
            }
            Path merged = Files.createTempFile(
                    "bridge-registry-ca",
                    ".pem",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            merged.toFile().deleteOnExit();
            Files.writeString(merged, String.join("\n", parts), StandardCharsets.UTF_8);
            return Optional.of(merged);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read CA bundle: " + e.getMessage(), e);
        }
    }
}
