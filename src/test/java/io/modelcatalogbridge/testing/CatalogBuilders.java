package io.modelcatalogbridge.testing;

import io.modelcatalogbridge.model.Model;
import io.modelcatalogbridge.model.ModelServer;
import io.modelcatalogbridge.model.ModelServerApi;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Builders for the catalog records in tests: name the fields a test cares about, leave the rest unset (null), instead
 * of thirteen positional arguments padded with nulls. {@code build()} applies the records' own rules (required
 * fields, sorted tags and annotations).
 */
public final class CatalogBuilders {

    private CatalogBuilders() {}

    /** A model with the required fields; everything else unset. */
    public static ModelBuilder model(String name, String owner, String lifecycle, String description) {
        ModelBuilder b = new ModelBuilder();
        b.name = name;
        b.owner = owner;
        b.lifecycle = lifecycle;
        b.description = description;
        return b;
    }

    /** A copy of {@code m} to change. */
    public static ModelBuilder model(Model m) {
        return model(m.name(), m.owner(), m.lifecycle(), m.description())
                .artifactLocationURL(m.artifactLocationURL())
                .ethics(m.ethics())
                .license(m.license())
                .howToUseURL(m.howToUseURL())
                .support(m.support())
                .tags(m.tags())
                .training(m.training())
                .usage(m.usage())
                .annotations(m.annotations());
    }

    /** A model server with the required fields; everything else unset. */
    public static ServerBuilder server(
            String name, String owner, String lifecycle, String description, ModelServerApi api) {
        ServerBuilder b = new ServerBuilder();
        b.name = name;
        b.owner = owner;
        b.lifecycle = lifecycle;
        b.description = description;
        b.api = api;
        return b;
    }

    /** A copy of {@code s} to change. */
    public static ServerBuilder server(ModelServer s) {
        return server(s.name(), s.owner(), s.lifecycle(), s.description(), s.api())
                .authentication(s.authentication())
                .homepageURL(s.homepageURL())
                .tags(s.tags())
                .usage(s.usage())
                .annotations(s.annotations());
    }

    /** Annotations in key order, from alternating keys and values. */
    public static SortedMap<String, String> annotations(String... keysAndValues) {
        SortedMap<String, String> out = new TreeMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            out.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    /** Builds a {@link Model}. */
    public static final class ModelBuilder {
        private String name;
        private String owner;
        private String lifecycle;
        private String description;
        private String artifactLocationURL;
        private String ethics;
        private String license;
        private String howToUseURL;
        private String support;
        private List<String> tags;
        private String training;
        private String usage;
        private SortedMap<String, String> annotations;

        private ModelBuilder() {}

        public ModelBuilder name(String v) {
            name = v;
            return this;
        }

        public ModelBuilder lifecycle(String v) {
            lifecycle = v;
            return this;
        }

        public ModelBuilder description(String v) {
            description = v;
            return this;
        }

        public ModelBuilder artifactLocationURL(String v) {
            artifactLocationURL = v;
            return this;
        }

        public ModelBuilder ethics(String v) {
            ethics = v;
            return this;
        }

        public ModelBuilder license(String v) {
            license = v;
            return this;
        }

        public ModelBuilder howToUseURL(String v) {
            howToUseURL = v;
            return this;
        }

        public ModelBuilder support(String v) {
            support = v;
            return this;
        }

        public ModelBuilder tags(List<String> v) {
            tags = v;
            return this;
        }

        public ModelBuilder training(String v) {
            training = v;
            return this;
        }

        public ModelBuilder usage(String v) {
            usage = v;
            return this;
        }

        public ModelBuilder annotations(Map<String, String> v) {
            annotations = v == null ? null : new TreeMap<>(v);
            return this;
        }

        public Model build() {
            return new Model(
                    name,
                    owner,
                    lifecycle,
                    description,
                    artifactLocationURL,
                    ethics,
                    license,
                    howToUseURL,
                    support,
                    tags,
                    training,
                    usage,
                    annotations);
        }
    }

    /** Builds a {@link ModelServer}. */
    public static final class ServerBuilder {
        private String name;
        private String owner;
        private String lifecycle;
        private String description;
        private ModelServerApi api;
        private Boolean authentication;
        private String homepageURL;
        private List<String> tags;
        private String usage;
        private SortedMap<String, String> annotations;

        private ServerBuilder() {}

        public ServerBuilder lifecycle(String v) {
            lifecycle = v;
            return this;
        }

        public ServerBuilder description(String v) {
            description = v;
            return this;
        }

        public ServerBuilder authentication(Boolean v) {
            authentication = v;
            return this;
        }

        public ServerBuilder homepageURL(String v) {
            homepageURL = v;
            return this;
        }

        public ServerBuilder tags(List<String> v) {
            tags = v;
            return this;
        }

        public ServerBuilder usage(String v) {
            usage = v;
            return this;
        }

        public ServerBuilder annotations(Map<String, String> v) {
            annotations = v == null ? null : new TreeMap<>(v);
            return this;
        }

        public ModelServer build() {
            return new ModelServer(
                    name, owner, lifecycle, description, api, authentication, homepageURL, tags, usage, annotations);
        }
    }
}
