package io.modelcatalogbridge.render;

import io.modelcatalogbridge.model.Tags;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Backstage's own entity field checks ({@code KubernetesValidatorFunctions} and {@code CommonValidatorFunctions} in
 * {@code @backstage/catalog-model}), so the bridge rejects exactly what Backstage rejects — no more, since a
 * stricter rule would flag documents Backstage ingests.
 */
final class BackstageRules {

    static final int MAX_NAME = 63;
    static final String NAME_RULE = "sequences of [a-zA-Z0-9] separated by any of [-_.], at most 63 characters";
    static final String TAG_RULE = "^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$, at most 63 characters";
    static final String NAMESPACE_RULE = "lower-case DNS label [a-z0-9] runs joined by '-', at most 63 characters";
    static final String ANNOTATION_KEY_RULE =
            "[prefix/]name with an optional lower-case DNS subdomain prefix and a name of " + NAME_RULE;

    private static final Pattern OBJECT_NAME = Pattern.compile("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$");
    private static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]+(?:-+[a-z0-9]+)*$");
    private static final Pattern KIND = Pattern.compile("^[a-zA-Z][a-z0-9A-Z]*$");
    private static final Pattern API_VERSION_SUFFIX = Pattern.compile("^[a-z0-9A-Z]+$");

    private static final Pattern URL_SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*):(.*)$", Pattern.DOTALL);
    private static final Set<String> SPECIAL_SCHEMES = Set.of("http", "https", "ws", "wss", "ftp");

    private BackstageRules() {}

    /** {@code metadata.name}, also the name part of an annotation key. */
    static boolean isValidEntityName(String s) {
        return s != null
                && !s.isEmpty()
                && s.length() <= MAX_NAME
                && OBJECT_NAME.matcher(s).matches();
    }

    /** The mapping's own tag rule is Backstage's; one definition serves both. */
    static boolean isValidTag(String s) {
        return Tags.isValid(s);
    }

    static boolean isValidNamespace(String s) {
        return isValidDnsLabel(s);
    }

    static boolean isValidKind(String s) {
        return s != null
                && !s.isEmpty()
                && s.length() <= MAX_NAME
                && KIND.matcher(s).matches();
    }

    static boolean isValidApiVersion(String s) {
        return prefixAndOrSuffix(
                s,
                BackstageRules::isValidDnsSubdomain,
                n -> !n.isEmpty()
                        && n.length() <= MAX_NAME
                        && API_VERSION_SUFFIX.matcher(n).matches());
    }

    /** {@code isValidLabelValue}: empty, or shaped like an entity name. */
    static boolean isValidLabelValue(String s) {
        return "".equals(s) || isValidEntityName(s);
    }

    /**
     * {@code isValidUrl}: what {@code new URL(value)} accepts — an absolute URL with a scheme; the special schemes
     * (http, https, ws, wss, ftp) also need a host. An approximation of the WHATWG parser that never refuses what it
     * accepts for the URLs the bridge writes.
     */
    static boolean isValidUrl(String s) {
        if (s == null) {
            return false;
        }
        Matcher m = URL_SCHEME.matcher(s.strip());
        if (!m.matches()) {
            return false;
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        if (!SPECIAL_SCHEMES.contains(scheme)) {
            return true;
        }
        String rest = m.group(2).replaceFirst("^[/\\\\]*", "");
        int end = 0;
        while (end < rest.length() && "/\\?#".indexOf(rest.charAt(end)) < 0) {
            end++;
        }
        String authority = rest.substring(0, end);
        String host = authority.substring(authority.lastIndexOf('@') + 1);
        return !host.isEmpty() && !host.startsWith(":") && host.chars().noneMatch(c -> c <= ' ');
    }

    static boolean isValidAnnotationKey(String s) {
        return prefixAndOrSuffix(s, BackstageRules::isValidDnsSubdomain, BackstageRules::isValidEntityName);
    }

    private static boolean isValidDnsLabel(String s) {
        return s != null
                && !s.isEmpty()
                && s.length() <= MAX_NAME
                && DNS_LABEL.matcher(s).matches();
    }

    private static boolean isValidDnsSubdomain(String s) {
        if (s == null || s.isEmpty() || s.length() > 253) {
            return false;
        }
        for (String label : s.split("\\.", -1)) {
            if (!isValidDnsLabel(label)) {
                return false;
            }
        }
        return true;
    }

    private static boolean prefixAndOrSuffix(String s, Predicate<String> prefix, Predicate<String> suffix) {
        if (s == null) {
            return false;
        }
        String[] parts = s.split("/", -1);
        if (parts.length == 1) {
            return suffix.test(parts[0]);
        }
        return parts.length == 2 && prefix.test(parts[0]) && suffix.test(parts[1]);
    }
}
