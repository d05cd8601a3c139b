package io.modelcatalogbridge.render;

import java.util.Comparator;
import java.util.Objects;

/**
 * One finding of {@link DocumentValidator}: where ({@code file} and a JSON pointer into it; for YAML the pointer
 * starts with the document index) and why. An {@link Severity#ERROR} means a Backstage catalog module or Backstage
 * itself rejects the document or the entity; a {@link Severity#WARNING} means it is accepted but loses something
 * (an invalid tag in a model-catalog JSON is silently dropped by RHDH's module).
 *
 * @param file     the file as the user named it
 * @param pointer  JSON pointer ({@code /models/0/name}, {@code /1/metadata/name}); empty for the whole file
 * @param reason   one line, saying what is wrong and, where useful, which consumer cares
 * @param severity error or warning
 */
public record Problem(String file, String pointer, String reason, Severity severity) {

    /** Whether a consumer rejects the input ({@code ERROR}) or only drops part of it ({@code WARNING}). */
    public enum Severity {
        ERROR,
        WARNING
    }

    /** Deterministic report order: file, pointer, reason. */
    public static final Comparator<Problem> ORDER =
            Comparator.comparing(Problem::file).thenComparing(Problem::pointer).thenComparing(Problem::reason);

    public Problem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(severity, "severity");
    }

    public static Problem error(String file, String pointer, String reason) {
        return new Problem(file, pointer, reason, Severity.ERROR);
    }

    public static Problem warning(String file, String pointer, String reason) {
        return new Problem(file, pointer, reason, Severity.WARNING);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code <file>: <pointer>: <reason>}; the whole-file pointer shows as {@code /}, warnings say so. */
    @Override
    public String toString() {
        return file + ": " + (pointer.isEmpty() ? "/" : pointer) + ": "
                + (severity == Severity.WARNING ? "warning: " : "") + reason;
    }
}
