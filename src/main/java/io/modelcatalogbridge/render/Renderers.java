package io.modelcatalogbridge.render;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The renderers the bridge ships, looked up by {@code NORMALIZER_FORMAT} name. */
public final class Renderers {

    private static final List<Renderer> ALL = List.of(new JsonArrayFormat(), new CatalogInfoYamlFormat());

    private Renderers() {}

    /** Every renderer, JSON first (the format the RHDH manifests configure). */
    public static List<Renderer> all() {
        return ALL;
    }

    /** Format names in {@link #all()} order. */
    public static List<String> names() {
        return ALL.stream().map(Renderer::formatName).toList();
    }

    /**
     * The renderer with this name; an exact match wins, otherwise the name is compared ignoring case and surrounding
     * blanks (environment values are often typed by hand).
     */
    public static Optional<Renderer> forName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (Renderer r : ALL) {
            if (r.formatName().equals(name)) {
                return Optional.of(r);
            }
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return ALL.stream()
                .filter(r -> r.formatName().toLowerCase(Locale.ROOT).equals(wanted))
                .findFirst();
    }

    /**
     * Like {@link #forName} but fails for an unknown name.
     *
     * @throws UnknownFormatException naming the supported formats
     */
    public static Renderer require(String name) {
        return forName(name)
                .orElseThrow(() -> new UnknownFormatException("unknown format '" + name + "'; supported formats: "
                        + ALL.stream().map(Renderer::formatName).collect(Collectors.joining(", "))));
    }
}
