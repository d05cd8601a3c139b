package io.modelcatalogbridge.cli;

import io.modelcatalogbridge.source.ExplicitRegistries;
import io.modelcatalogbridge.source.RegistryEndpoint;
import io.modelcatalogbridge.source.kfmr.KfmrClient;
import io.modelcatalogbridge.source.kfmr.KfmrClientSettings;
import io.modelcatalogbridge.source.kfmr.RegistryReader;
import io.modelcatalogbridge.source.kserve.KServeObjects;
import io.modelcatalogbridge.source.snapshot.RegistrySnapshot;
import io.modelcatalogbridge.source.snapshot.SnapshotDirectory;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    /** One {@code --registry} value, in the syntax of {@code MODEL_REGISTRY_URLS} ({@link ExplicitRegistries}). */
    static RegistryInput parse(
            String value,
            String catalogUrl,
            Path tokenFile,
            Optional<String> envToken,
            Path caBundle,
            boolean insecure,
            int pageSize) {
        RegistryEndpoint endpoint;
        try {
            endpoint = ExplicitRegistries.parse(List.of(value), "--registry").get(0);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new InputException(
                    e instanceof IndexOutOfBoundsException ? "--registry needs a value" : e.getMessage());
        }
        if (endpoint.url().startsWith("file:")) {
            return new Snapshot(endpoint.id(), Path.of(URI.create(endpoint.url())));
        }
        KfmrClientSettings settings = KfmrClientSettings.of(endpoint.url())
                .withToken(tokenSupplier(tokenFile, envToken))
                .withPageSize(pageSize)
                .withInsecureSkipTlsVerify(insecure);
        if (caBundle != null) {
            settings = settings.withCaBundle(caBundle);
        }
        if (catalogUrl != null) {
            settings = settings.withCatalogUrl(catalogUrl);
        }
        return new Live(endpoint.id(), settings);
    }

    private static Supplier<Optional<String>> tokenSupplier(Path tokenFile, Optional<String> envToken) {
        if (tokenFile == null) {
            return () -> envToken.filter(t -> !t.isBlank());
        }
        return () -> {
            try {
                return Optional.of(Files.readString(tokenFile, StandardCharsets.UTF_8)
                                .strip())
                        .filter(t -> !t.isEmpty());
            } catch (IOException e) {
                throw new InputException("cannot read --token-file " + tokenFile + ": "
                        + e.getClass().getSimpleName());
            }
        };
    }

    record Snapshot(String id, Path dir) implements RegistryInput {
        @Override
        public RegistrySnapshot read() {
            RegistrySnapshot s = SnapshotDirectory.read(dir);
            return new RegistrySnapshot(s.registry().withRegistryId(id), s.kserve());
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
