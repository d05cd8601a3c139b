package io.modelcatalogbridge.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The well-known keys of one record, resolved through a lookup that already applies the source's precedence
 * (KFMR: model version, then registered model; KServe: the first annotation prefix that is set). Text fields are
 * {@code null} when absent or blank; {@code problems} says what was set but unusable.
 *
 * @param owner       raw {@code Owner} (sanitised later by {@link Ownership})
 * @param lifecycle   raw {@code Lifecycle}
 * @param techDocsUrl {@code TechDocs} when it is an http(s) URL
 * @param apiType     {@code API Type}, {@link ApiType#OPENAPI} when unset or unknown
 * @param tags        tags made from the values of {@link WellKnownKeys#TAG_KEYS} (valid ones only, sorted)
 */
public record WellKnownValues(
        String owner,
        String lifecycle,
        String ethics,
        String howToUseURL,
        String support,
        String training,
        String usage,
        String homepageURL,
        String apiSpec,
        ApiType apiType,
        String license,
        String techDocsUrl,
        List<String> tags,
        List<String> problems) {

    public WellKnownValues {
        tags = List.copyOf(tags);
        problems = List.copyOf(problems);
    }

    /**
     * Reads every well-known key through {@code lookup} ({@code null} for unset). {@code context} names the
     * record in problem messages.
     */
    public static WellKnownValues read(Function<String, String> lookup, String context) {
        Function<String, String> get = key -> blankToNull(lookup.apply(key));
        List<String> problems = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        for (String key : WellKnownKeys.TAG_KEYS) {
            Tags.fromValue(get.apply(key)).ifPresent(tags::add);
        }
        return new WellKnownValues(
                get.apply(WellKnownKeys.OWNER),
                get.apply(WellKnownKeys.LIFECYCLE),
                get.apply(WellKnownKeys.ETHICS),
                get.apply(WellKnownKeys.HOW_TO_USE),
                get.apply(WellKnownKeys.SUPPORT),
                get.apply(WellKnownKeys.TRAINING),
                get.apply(WellKnownKeys.USAGE),
                get.apply(WellKnownKeys.HOMEPAGE_URL),
                get.apply(WellKnownKeys.API_SPEC),
                apiType(get.apply(WellKnownKeys.API_TYPE), context, problems),
                get.apply(WellKnownKeys.LICENSE),
                techDocs(get.apply(WellKnownKeys.TECHDOCS), context, problems),
                Tags.normalize(tags),
                problems);
    }

    /** The API spec to write: the {@code API Spec} value, else the placeholder the Go bridge used. */
    public String apiSpecOrDefault() {
        return apiSpec != null ? apiSpec : "no-definition-yet";
    }

    private static ApiType apiType(String raw, String context, List<String> problems) {
        if (raw == null) {
            return ApiType.OPENAPI;
        }
        return ApiType.parse(raw).orElseGet(() -> {
            problems.add(context + ": unknown API Type '" + raw + "', using openapi (valid: openapi, asyncapi, "
                    + "graphql, grpc)");
            return ApiType.OPENAPI;
        });
    }

    private static String techDocs(String raw, String context, List<String> problems) {
        if (raw == null) {
            return null;
        }
        if (isHttpUrl(raw)) {
            return raw.trim();
        }
        problems.add(context + ": TechDocs '" + raw + "' is not an http(s) URL, ignored");
        return null;
    }

    /** Whether a value is an absolute http or https URL (what TechDocs can fetch). */
    public static boolean isHttpUrl(String value) {
        if (value == null) {
            return false;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        return (v.startsWith("http://") && v.length() > 7) || (v.startsWith("https://") && v.length() > 8);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
