package io.modelcatalogbridge.source.kserve;

import io.modelcatalogbridge.model.CatalogDocument;
import io.modelcatalogbridge.model.DocumentKey;
import io.modelcatalogbridge.model.MappingSettings;
import io.modelcatalogbridge.model.Model;
import io.modelcatalogbridge.model.ModelAnnotations;
import io.modelcatalogbridge.model.ModelCatalog;
import io.modelcatalogbridge.model.ModelServer;
import io.modelcatalogbridge.model.ModelServers;
import io.modelcatalogbridge.model.Names;
import io.modelcatalogbridge.model.Ownership;
import io.modelcatalogbridge.model.ServerFacts;
import io.modelcatalogbridge.model.SourceKind;
import io.modelcatalogbridge.model.Tags;
import io.modelcatalogbridge.model.WellKnownKeys;
import io.modelcatalogbridge.model.WellKnownValues;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Maps a KServe deployment that no registry accounts for to its own document (key {@code <namespace>/<isvc>},
 * source {@code kserve}). Metadata comes from the deployment's annotations. Pure.
 */
public final class KServeMapper {
    public static final String SOURCE_ID = "kserve";
    /** Server annotations RHDH's connector defines; copied as they are. */
    public static final List<String> RHDH_ANNOTATIONS = ModelServers.RHDH_OVERRIDE_ANNOTATIONS;

    private KServeMapper() {}

    /** Documents and problems of a list of deployments. */
    public record Result(List<CatalogDocument> documents, List<String> problems) {
        public Result {
            documents = List.copyOf(documents);
            problems = List.copyOf(problems);
        }
    }

    /** Maps every ready, running deployment in the list; the caller has already removed claimed ones. */
    public static Result map(List<KServeDeployment> deployments, MappingSettings settings) {
        List<CatalogDocument> docs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (KServeDeployment d : deployments) {
            map(d, settings, problems).ifPresent(docs::add);
        }
        return new Result(docs, problems);
    }

    /**
     * One document for a ready, not stopped deployment; empty otherwise (a deployment that is starting up or
     * scaled to zero is not a usable server, and RHDH should not list it).
     */
    public static Optional<CatalogDocument> map(KServeDeployment d, MappingSettings settings, List<String> problems) {
        if (!d.ready() || d.stopped()) {
            return Optional.empty();
        }
        String context = "kserve " + d.kind() + " " + d.namespace() + "/" + d.name();
        WellKnownValues values = WellKnownValues.read(annotationLookup(d), context);
        problems.addAll(values.problems());
        String owner = Ownership.owner(settings, values.owner(), d.annotations().get("rhdh.io/owner"));
        String lifecycle = Ownership.lifecycle(
                settings, values.lifecycle(), d.annotations().get("rhdh.io/lifecycle"));
        String described = annotationLookup(d).apply(WellKnownKeys.DESCRIPTION);
        String where = d.kind() + " " + d.name() + " in namespace " + d.namespace() + ".";
        String description = described != null ? described.strip() : "AI model served by KServe " + where;
        List<String> tags = new ArrayList<>(values.tags());
        formatTags(d).forEach(t -> Tags.fromValue(t).ifPresent(tags::add));
        Model model = new Model(
                Names.sanitize(d.name()),
                owner,
                lifecycle,
                description,
                urlWithHost(d.storageUri()),
                values.ethics(),
                values.license(),
                values.howToUseURL(),
                values.support(),
                Tags.normalize(tags),
                values.training(),
                values.usage(),
                ModelAnnotations.of(d.name(), values.techDocsUrl(), Optional.empty(), settings));
        // The owner's description (the annotation) on the server too, so an edit reaches the entity; else where it
        // runs.
        ServerFacts facts = serverFacts(d, described != null ? described.strip() : "KServe " + where);
        ModelServer server = ModelServers.build(facts, values, owner, lifecycle).orElse(null);
        return Optional.of(new CatalogDocument(
                DocumentKey.of(d.namespace(), d.name()),
                SOURCE_ID,
                SourceKind.KSERVE,
                d.lastUpdated(),
                new ModelCatalog(server, List.of(model)),
                Optional.empty()));
    }

    /** The deployment facts for a server, shared with the registry mapper. */
    public static ServerFacts serverFacts(KServeDeployment d, String description) {
        return new ServerFacts(
                d.namespace(),
                d.name(),
                description,
                d.externalUrl(),
                d.internalUrl(),
                d.authRequired(),
                formatTags(d),
                rhdhAnnotations(d));
    }

    /**
     * Whether a registry that was read owns this deployment, so it must not also appear as KServe-only. The
     * dashboard labels registry deployments with model ids; when the registry name label is set it has to name
     * one of the registries read (by name, {@code <name>-https|-http|-rest} route, or {@code <ns>:<name>}).
     */
    public static boolean isManagedBy(KServeDeployment d, Collection<String> registryIds) {
        if (!d.isRegistryManaged() || registryIds.isEmpty()) {
            return false;
        }
        String registry = d.labels().get(KServeDeployment.LABEL_REGISTRY_NAME);
        if (registry == null || registry.isBlank()) {
            return true;
        }
        return registryIds.stream().anyMatch(id -> namesRegistry(id, registry));
    }

    /**
     * Whether a registry id names the registry of the {@code modelregistry.opendatahub.io/name} label: the same
     * name, its route ({@code <name>-https}, {@code -http}, {@code -rest}, Istio-era {@code <ns>-<name>-rest}) or
     * {@code <namespace>:<that>} as written in {@code MR_ROUTE}.
     */
    public static boolean namesRegistry(String registryId, String registryName) {
        String id = registryId.contains(":") ? registryId.substring(registryId.indexOf(':') + 1) : registryId;
        return id.equals(registryName)
                || id.equals(registryName + "-https")
                || id.equals(registryName + "-http")
                || id.equals(registryName + "-rest")
                || id.endsWith("-" + registryName + "-rest");
    }

    /** Annotation lookup for a well-known key: {@code <prefix><key lower-cased, spaces removed>}, first prefix wins. */
    public static Function<String, String> annotationLookup(KServeDeployment d) {
        return key -> {
            for (String prefix : WellKnownKeys.ANNOTATION_PREFIXES) {
                String v = d.annotations().get(prefix + WellKnownKeys.annotationSuffix(key));
                if (v != null && !v.isBlank()) {
                    return v;
                }
            }
            return null;
        };
    }

    /** The {@code rhdh.io/*} server annotations of RHDH's connector, when set. */
    public static SortedMap<String, String> rhdhAnnotations(KServeDeployment d) {
        SortedMap<String, String> out = new TreeMap<>();
        for (String key : RHDH_ANNOTATIONS) {
            String v = d.annotations().get(key);
            if (v != null) {
                out.put(key, v);
            }
        }
        return out;
    }

    private static List<String> formatTags(KServeDeployment d) {
        List<String> out = new ArrayList<>();
        if (d.modelFormat() != null) {
            out.add(d.modelFormat());
        }
        if (d.runtime() != null) {
            out.add(d.runtime());
        }
        return out;
    }

    /** A URL with a host; {@code s3://path} without a bucket (Go bug 13) or a bare path is not one. */
    static String urlWithHost(String uri) {
        if (uri == null || uri.isBlank()) {
            return null;
        }
        try {
            URI u = URI.create(uri.trim());
            // authority, not host: bucket names such as my_bucket are not valid host names for java.net.URI
            return u.getScheme() != null
                            && u.getAuthority() != null
                            && !u.getAuthority().isEmpty()
                    ? uri.trim()
                    : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
