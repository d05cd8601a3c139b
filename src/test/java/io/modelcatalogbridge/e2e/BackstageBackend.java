package io.modelcatalogbridge.e2e;

import io.modelcatalogbridge.testing.Waits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The minimal Backstage backend of {@code src/test/backstage} (catalog + RHDH's model-catalog and ai-model-server
 * modules) as a child process on 127.0.0.1: installs it with {@code npm ci} from the committed lockfile when
 * {@code node_modules} is missing, writes its app-config, starts it.
 */
public final class BackstageBackend implements AutoCloseable {

    public static final Path DIR = Path.of("src/test/backstage").toAbsolutePath();
    /** Static external-access token for reading the catalog API. */
    public static final String CATALOG_TOKEN = "e2e-catalog-reader-token";

    private final int port;
    private final ChildProcess process;

    private BackstageBackend(int port, ChildProcess process) {
        this.port = port;
        this.process = process;
    }

    /** {@code npm ci} unless the packages of the lockfile are installed already. */
    public static void ensureInstalled() {
        if (Files.exists(DIR.resolve("node_modules/.package-lock.json"))) {
            return;
        }
        Map<String, String> env = new HashMap<>();
        // better-sqlite3 has no reachable prebuilt binary: node-gyp compiles it against the local Node headers.
        if (Files.isDirectory(Path.of("/usr/include/node"))) {
            env.put("npm_config_nodedir", "/usr");
        }
        ChildProcess.run("npm-ci", List.of("npm", "ci", "--no-audit", "--no-fund"), env, DIR, 15);
    }

    /**
     * @param providerId  the model-catalog provider id (discovery plugin id and JWT audience)
     * @param locationUrl base URL of the current location contract
     */
    public static BackstageBackend start(String providerId, String locationUrl) {
        return start(providerId, locationUrl, "backstage");
    }

    /** As {@link #start(String, String)}, logging to {@code target/e2e-<name>.log}. */
    public static BackstageBackend start(String providerId, String locationUrl, String name) {
        return start(providerId, locationUrl, name, "");
    }

    /**
     * As {@link #start(String, String, String)} with more app-config ({@code catalog.rules}, {@code
     * catalog.locations}, more {@code backend.reading.allow} entries …) in a second config file, which Backstage
     * merges over the first.
     */
    public static BackstageBackend start(String providerId, String locationUrl, String name, String extraConfig) {
        int port = ChildProcess.freePort();
        String config = """
                backend:
                  baseUrl: http://127.0.0.1:%1$d
                  listen: { host: 127.0.0.1, port: %1$d }
                  database: { client: better-sqlite3, connection: ':memory:' }
                  auth:
                    externalAccess:
                      - type: static
                        options: { token: %2$s, subject: e2e-test }
                  reading:
                    allow:
                      - host: 127.0.0.1
                discovery:
                  endpoints:
                    - target: %3$s
                      plugins: [%4$s]
                catalog:
                  providers:
                    modelCatalog:
                      %4$s:
                        schedule: { frequency: { seconds: 5 }, timeout: { seconds: 30 }, scope: local }
                """.formatted(port, CATALOG_TOKEN, locationUrl, providerId);
        Path configFile = Path.of("target/e2e-" + name + "-app-config.yaml").toAbsolutePath();
        write(configFile, config);
        List<String> command = new ArrayList<>(List.of("node", "index.js", "--config", configFile.toString()));
        if (!extraConfig.isBlank()) {
            Path extraFile =
                    Path.of("target/e2e-" + name + "-app-config-extra.yaml").toAbsolutePath();
            write(extraFile, extraConfig);
            command.addAll(List.of("--config", extraFile.toString()));
        }
        ChildProcess p = ChildProcess.start(
                name, command, Map.of("NODE_ENV", "development", "NO_COLOR", "1", "FORCE_COLOR", "0"), DIR);
        return new BackstageBackend(port, p);
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Where the catalog plugin publishes the keys of its plugin tokens. */
    public String jwksUrl() {
        return url() + "/api/catalog/.backstage/auth/v1/jwks.json";
    }

    public ChildProcess process() {
        return process;
    }

    /** Whether Backstage answers its readiness endpoint with 200. */
    public boolean ready(HttpClient http) {
        try {
            HttpResponse<Void> r = http.send(
                    HttpRequest.newBuilder(URI.create(url() + "/.backstage/health/v1/readiness"))
                            .timeout(Waits.seconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
