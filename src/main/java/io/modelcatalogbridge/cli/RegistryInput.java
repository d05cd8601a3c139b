package io.modelcatalogbridge.cli;

import io.modelcatalogbridge.source.RegistrySnapshot;
import io.modelcatalogbridge.source.kfmr.KfmrClient;
import io.modelcatalogbridge.source.kfmr.KfmrClientSettings;
import io.modelcatalogbridge.source.kfmr.RegistryReader;
import io.modelcatalogbridge.source.kfmr.SnapshotDirectory;
import io.modelcatalogbridge.source.kserve.KServeObjects;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/** One {@code --registry} argument of {@code export}: a snapshot directory, or a live registry URL. */
sealed interface RegistryInput {

    RegistrySnapshot read();

    /** A user error in the arguments (exit 2). */
    final class InputException extends RuntimeException {
        InputException(String message) {
            super(message);
        }
    }

    static RegistryInput parse(String value, String catalogUrl, Path tokenFile, Optional<String> envToken,
            Path caBundle, boolean insecure, int pageSize) {
        String name = null;
        String target = value;
        int eq = value.indexOf('=');
        if (eq > 0 && !value.substring(0, eq).contains("/") && !value.substring(0, eq).contains(":")) {
            name = value.substring(0, eq);
            target = value.substring(eq + 1);
        }
        if (target.startsWith("http://") || target.startsWith("https://")) {
            URI uri = URI.create(target);
            if (uri.getHost() == null) {
                throw new InputException("not a registry URL: " + target);
            }
            String id = name != null ? name : uri.getHost().split("\\.")[0];
            KfmrClientSettings settings = KfmrClientSettings.of(target)
                    .withToken(tokenSupplier(tokenFile, envToken))
                    .withPageSize(pageSize)
                    .withInsecureSkipTlsVerify(insecure);
            if (caBundle != null) {
                settings = settings.withCaBundle(caBundle);
            }
            if (catalogUrl != null) {
                settings = settings.withCatalogUrl(catalogUrl);
            }
            return new Live(id, settings);
        }
        Path dir = Path.of(target);
        if (!Files.isDirectory(dir)) {
            throw new InputException("--registry " + target + ": neither an http(s) URL nor a snapshot directory");
        }
        return new Snapshot(dir);
    }

    private static Supplier<Optional<String>> tokenSupplier(Path tokenFile, Optional<String> envToken) {
        if (tokenFile == null) {
            return () -> envToken.filter(t -> !t.isBlank());
        }
        return () -> {
            try {
                return Optional.of(Files.readString(tokenFile, StandardCharsets.UTF_8).strip()).filter(t -> !t.isEmpty());
            } catch (IOException e) {
                throw new InputException("cannot read --token-file " + tokenFile + ": " + e.getClass().getSimpleName());
            }
        };
    }

    record Snapshot(Path dir) implements RegistryInput {
        @Override
        public RegistrySnapshot read() {
            return SnapshotDirectory.read(dir);
        }
    }

    record Live(String id, KfmrClientSettings settings) implements RegistryInput {
        @Override
        public RegistrySnapshot read() {
            KfmrClient client = new KfmrClient(settings);
            return new RegistrySnapshot(new RegistryReader(client).read(id), KServeObjects.empty());
        }
    }
}
