package io.modelcatalogbridge.kube;

import java.util.regex.Pattern;

/** Namespace names as Kubernetes accepts them (RFC 1123 labels), checked at start-up with a message that says why. */
public final class Namespaces {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final int MAX_LENGTH = 63;

    private Namespaces() {}

    /** Whether {@code name} is a valid namespace name. */
    public static boolean isValid(String name) {
        return name != null
                && name.length() <= MAX_LENGTH
                && LABEL.matcher(name).matches();
    }

    /**
     * Checks one configured namespace.
     *
     * @param setting the property and variable it came from, for the message
     * @param hint    what to do instead, appended to the message (may be empty)
     * @throws IllegalArgumentException naming the setting, the value and the rule
     */
    public static String require(String name, String setting, String hint) {
        if (!isValid(name)) {
            throw new IllegalArgumentException(setting + " is '" + name + "', which is not a Kubernetes namespace name"
                    + " (lowercase letters, digits and '-', at most " + MAX_LENGTH + " characters)"
                    + (hint.isEmpty() ? "" : "; " + hint));
        }
        return name;
    }
}
