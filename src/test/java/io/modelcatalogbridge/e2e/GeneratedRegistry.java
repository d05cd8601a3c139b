package io.modelcatalogbridge.e2e;

import io.modelcatalogbridge.source.kfmr.InferenceService;
import io.modelcatalogbridge.source.kfmr.MetadataValue;
import io.modelcatalogbridge.source.kfmr.ModelArtifact;
import io.modelcatalogbridge.source.kfmr.ModelVersion;
import io.modelcatalogbridge.source.kfmr.RegisteredModel;
import io.modelcatalogbridge.source.kfmr.RegistryContents;
import io.modelcatalogbridge.source.kfmr.ServingEnvironment;
import io.modelcatalogbridge.testing.KfmrRecords;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A registry made to exercise what a real Backstage checks, at a size where rare shapes occur: names with spaces,
 * {@code _}, upper case and more than 63 characters, names that differ only in case, model cards (the registered
 * model's {@code readme}) and {@code TechDocs} links, custom properties whose keys differ only in case, deployed
 * versions with and without the registry's {@code url} property, in two namespaces. Every model has {@code
 * versions} live versions; version {@code v0} of every model is deployed.
 */
public final class GeneratedRegistry {

    static final long T0 = 1_760_000_000_000L;

    private GeneratedRegistry() {}

    /**
     * @param prefix model name prefix, so two generated registries in one Backstage never share entity names
     */
    public static RegistryContents contents(String registryId, String prefix, int models, int versions) {
        List<RegisteredModel> rms = new ArrayList<>();
        List<ModelVersion> mvs = new ArrayList<>();
        Map<String, List<ModelArtifact>> artifacts = new LinkedHashMap<>();
        List<InferenceService> services = new ArrayList<>();
        List<ServingEnvironment> envs = List.of(environment("1", "ns-a"), environment("2", "ns-b"));
        int id = 10;
        int artifactId = 1;
        for (int m = 0; m < models; m++) {
            String rmId = Integer.toString(id++);
            String ts = Long.toString(T0 + m);
            Map<String, MetadataValue> rmProps = new HashMap<>();
            rmProps.put("text-generation", new MetadataValue.StringValue(""));
            if (m % 4 == 1) {
                rmProps.put("TechDocs", new MetadataValue.StringValue("https://docs.example.com/" + prefix + "/" + m));
            }
            rms.add(new RegisteredModel(
                    rmId,
                    modelName(prefix, m),
                    "Generated model " + m + " of " + prefix + ".",
                    null,
                    rmProps,
                    ts,
                    ts,
                    "team-" + (m % 3),
                    "LIVE",
                    m % 2 == 0 ? "# " + modelName(prefix, m) + "\n\nModel card of generated model " + m + ".\n" : null,
                    null,
                    null,
                    null));
            for (int v = 0; v < versions; v++) {
                String mvId = Integer.toString(id++);
                Map<String, MetadataValue> mvProps = new HashMap<>();
                mvProps.put("framework", new MetadataValue.StringValue("pytorch"));
                // Keys that differ only in case: both become tags, which Backstage compares per value only.
                mvProps.put("Team", new MetadataValue.StringValue("blue"));
                mvProps.put("team", new MetadataValue.StringValue("blue"));
                mvs.add(new ModelVersion(
                        mvId,
                        "v" + v,
                        "Version " + v + " of generated model " + m + ".",
                        null,
                        mvProps,
                        ts,
                        ts,
                        rmId,
                        "LIVE",
                        "generator"));
                artifacts.put(
                        mvId,
                        List.of(KfmrRecords.artifact(
                                Integer.toString(artifactId++),
                                "v" + v,
                                "s3://models/" + prefix + "/" + m + "/v" + v + "/model.onnx",
                                ts)));
                if (v == 0) {
                    String isvc = prefix + "-isvc-" + m;
                    Map<String, MetadataValue> isProps = new HashMap<>();
                    // Every seventh deployment is one the registry has no URL for: no model server, reported.
                    if (m % 7 != 6) {
                        isProps.put(
                                "url", new MetadataValue.StringValue("https://" + isvc + ".apps.cluster.example.com"));
                    }
                    services.add(new InferenceService(
                            Integer.toString(id++),
                            isvc + "/uid-" + prefix + "-" + m,
                            null,
                            null,
                            isProps,
                            ts,
                            ts,
                            rmId,
                            mvId,
                            envs.get(m % 2).id(),
                            "ovms",
                            "DEPLOYED"));
                }
            }
        }
        return new RegistryContents(registryId, rms, mvs, artifacts, services, envs, List.of());
    }

    /** Varied names: spaces and '_', upper case, too long for Backstage, and pairs that differ only in case. */
    public static String modelName(String prefix, int m) {
        return switch (m % 5) {
            case 0 -> prefix + " Model " + m + "_x";
            case 1 -> prefix + "-MODEL-" + m;
            case 2 -> prefix + "-" + "long".repeat(16) + "-" + m;
            case 3 -> prefix + "-model-" + m;
            default -> prefix + "-Model-" + (m - 1);
        };
    }

    /** A new description of a version, with a new update time, as the dashboard writes an edit. */
    public static UnaryOperator<RegistryContents> describeVersion(String versionId, String description) {
        return editVersion(versionId, description, null);
    }

    /**
     * A new description and, unless {@code state} is null, a new state ({@code LIVE}, {@code ARCHIVED}) of a version,
     * with a new update time, as the dashboard writes an edit.
     */
    public static UnaryOperator<RegistryContents> editVersion(String versionId, String description, String state) {
        String now = Long.toString(System.currentTimeMillis());
        return c -> new RegistryContents(
                c.registryId(),
                c.registeredModels(),
                c.modelVersions().stream()
                        .map(v -> !v.id().equals(versionId)
                                ? v
                                : new ModelVersion(
                                        v.id(),
                                        v.name(),
                                        description,
                                        v.externalId(),
                                        v.customProperties(),
                                        v.createTimeSinceEpoch(),
                                        now,
                                        v.registeredModelId(),
                                        state == null ? v.state() : state,
                                        v.author()))
                        .toList(),
                c.artifactsByVersion(),
                c.inferenceServices(),
                c.servingEnvironments(),
                c.catalogModels());
    }

    private static ServingEnvironment environment(String id, String name) {
        return new ServingEnvironment(id, name, null, null, Map.of(), Long.toString(T0), Long.toString(T0));
    }
}
