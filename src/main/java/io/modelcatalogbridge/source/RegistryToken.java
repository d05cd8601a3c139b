package io.modelcatalogbridge.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The bearer token for registries: {@code KFMR_TOKEN}, else {@code K8S_TOKEN} (or the sidecar's {@code token}),
 * else the service-account token file. The file is re-read by {@link #refresh()} at the start of every sync,
 * because projected service-account tokens rotate. Thread-safe; the token is never logged.
 */
public final class RegistryToken implements Supplier<Optional<String>> {

    private static final Logger LOG = Logger.getLogger(RegistryToken.class);

    private final Optional<String> fixed;
    private final Path file;
    private volatile Optional<String> current = Optional.empty();
    private volatile String lastProblem;

    public RegistryToken(Optional<String> kfmrToken, Optional<String> kubernetesToken, Path file) {
        this.fixed = kfmrToken
                .map(String::strip)
                .filter(t -> !t.isEmpty())
                .or(() -> kubernetesToken.map(String::strip).filter(t -> !t.isEmpty()));
        this.file = file;
        refresh();
    }

    /** Re-reads the token file (when no variable sets the token). */
    public void refresh() {
        if (fixed.isPresent()) {
            current = fixed;
            return;
        }
        if (file == null || !Files.exists(file)) {
            current = Optional.empty();
            return;
        }
        try {
            String t = Files.readString(file, StandardCharsets.UTF_8).strip();
            current = t.isEmpty() ? Optional.empty() : Optional.of(t);
            lastProblem = null;
        } catch (IOException e) {
            String problem =
                    "cannot read token file " + file + ": " + e.getClass().getSimpleName();
            if (!problem.equals(lastProblem)) {
                LOG.warn(problem + "; keeping the previous token");
            }
            lastProblem = problem;
        }
    }

    @Override
    public Optional<String> get() {
        return current;
    }

    /** Where the token comes from, for the start-up log; says so when there is none (no token is sent). */
    public String origin() {
        if (fixed.isPresent()) {
            return "environment variable";
        }
        if (current.isPresent()) {
            return "file " + file;
        }
        return "nowhere yet (no KFMR_TOKEN/K8S_TOKEN, no file " + file
                + "): requests carry no token until the file appears";
    }
}
