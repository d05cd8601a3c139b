package io.modelcatalogbridge.render;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/** Fixture lookup and problem formatting for validator tests. */
final class ValidationTestSupport {

    private ValidationTestSupport() {}

    static Path resource(String name) {
        try {
            return Path.of(ValidationTestSupport.class.getResource("/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource " + name, e);
        }
    }

    /** {@code <pointer>: <reason>} lines, without the (machine-specific) file path. */
    static List<String> pointersAndReasons(List<Problem> problems) {
        return problems.stream().map(p -> p.pointer() + ": " + p.reason()).toList();
    }

    static List<String> pointers(List<Problem> problems) {
        return problems.stream().map(Problem::pointer).toList();
    }
}
