package io.modelcatalogbridge.serve.storage;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/** Test profiles of the storage role: one per backend or mode, each starting the stubs it talks to. */
final class StorageTestProfiles {

    static final String TOKEN = "storage-test-token";

    private StorageTestProfiles() {}

    static String tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** File backend, a static token, forwarding to {@link StubLocation}. */
    public static final class FileWithToken implements QuarkusTestProfile {
        static final String DIR = tempDir("storage-api");

        @Override
        public Map<String, String> getConfigOverrides() {
            StubLocation.INSTANCE.start();
            return Map.of(
                    "app.role",
                    "storage",
                    "bridge.storage.type",
                    "File",
                    "bridge.storage.file.directory",
                    DIR,
                    "bridge.http.auth.storage.token",
                    TOKEN,
                    "bridge.forward.url",
                    StubLocation.INSTANCE.url(),
                    "bridge.forward.initial-backoff",
                    "50ms",
                    "bridge.forward.max-backoff",
                    "200ms");
        }
    }

    /** Memory-light File backend with Backstage push to {@link StubCatalog}; no forwarding. */
    public static final class BackstagePush implements QuarkusTestProfile {
        static final String LOCATION_BASE = "http://location.example:9090";
        static final String DIR = tempDir("storage-push");

        @Override
        public Map<String, String> getConfigOverrides() {
            StubCatalog.INSTANCE.start();
            return Map.of(
                    "app.role",
                    "storage",
                    "bridge.storage.type",
                    "File",
                    "bridge.storage.file.directory",
                    DIR,
                    "bridge.forward.enabled",
                    "false",
                    "bridge.backstage.push",
                    "true",
                    "bridge.backstage.url",
                    StubCatalog.INSTANCE.url(),
                    "bridge.backstage.token",
                    StubCatalog.TOKEN,
                    "bridge.backstage.location-base-url",
                    LOCATION_BASE,
                    "bridge.backstage.max-backoff",
                    "200ms");
        }
    }
}
