package io.modelcatalogbridge.sync;

import io.modelcatalogbridge.source.kfmr.UnservedDeployment;
import io.modelcatalogbridge.source.kserve.KServeDeployment;
import io.modelcatalogbridge.source.kserve.KServeDeployments;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.jboss.logging.Logger;

/**
 * Registry deployments that give no model server (so no entity in Developer Hub). Before giving up on one the
 * registry has no URL for, its InferenceService is looked up by namespace and name (the informer cache when that
 * namespace is watched, else one GET by name) at each full sync; what was found is reused by the delta syncs in
 * between. Each one still without a server is a WARN naming model, version and why (once, until it changes or is
 * fixed), and {@code bridge_unserved_deployments{reason}} counts them.
 */
final class UnservedDeployments {

    private static final Logger LOG = Logger.getLogger(UnservedDeployments.class);

    private final BiFunction<String, String, Optional<KServeDeployment>> lookup;
    private final NormalizerMetrics metrics;
    private List<KServeDeployment> lookedUp = List.of();
    private Set<String> warned = Set.of();

    /**
     * @param lookup InferenceService by namespace and name; empty when not found or without cluster access
     */
    UnservedDeployments(BiFunction<String, String, Optional<KServeDeployment>> lookup, NormalizerMetrics metrics) {
        this.lookup = lookup;
        this.metrics = metrics;
    }

    /** What the last full sync looked up, minus what the caches now show themselves. */
    List<KServeDeployment> lookedUp(List<KServeDeployment> known) {
        Set<String> have = new HashSet<>();
        known.forEach(d -> have.add(id(d.kind(), d.namespace(), d.name())));
        return lookedUp.stream()
                .filter(d -> !have.contains(id(d.kind(), d.namespace(), d.name())))
                .toList();
    }

    /**
     * Looks up the InferenceService of every deployment without a URL that {@code known} does not hold; remembers
     * and returns those found.
     */
    List<KServeDeployment> lookUp(List<UnservedDeployment> unserved, List<KServeDeployment> known) {
        Set<String> have = new HashSet<>();
        known.forEach(d -> have.add(id(d.kind(), d.namespace(), d.name())));
        List<KServeDeployment> found = new ArrayList<>();
        for (UnservedDeployment u : unserved) {
            if (u.reason() == UnservedDeployment.Reason.NO_URL
                    && u.namespace() != null
                    && u.name() != null
                    && have.add(id(KServeDeployments.KIND_ISVC, u.namespace(), u.name()))) {
                lookup.apply(u.namespace(), u.name()).ifPresent(found::add);
            }
        }
        lookedUp = List.copyOf(found);
        return found;
    }

    /** Logs the deployments still without a server and sets the gauge. */
    void report(List<UnservedDeployment> unserved) {
        Map<String, Long> byReason = new LinkedHashMap<>();
        for (UnservedDeployment.Reason r : UnservedDeployment.Reason.values()) {
            byReason.put(r.label(), 0L);
        }
        Set<String> now = new HashSet<>();
        for (UnservedDeployment u : unserved) {
            byReason.merge(u.reason().label(), 1L, Long::sum);
            String line = u.message();
            now.add(line);
            if (warned.contains(line)) {
                LOG.debug(line);
            } else if (u.reason() == UnservedDeployment.Reason.STOPPED) {
                LOG.info(line); // stopped on purpose: worth knowing, not a fault
            } else {
                LOG.warn(line);
            }
        }
        warned = now;
        metrics.unserved(byReason);
    }

    private static String id(String kind, String namespace, String name) {
        return kind + "/" + namespace + "/" + name;
    }
}
