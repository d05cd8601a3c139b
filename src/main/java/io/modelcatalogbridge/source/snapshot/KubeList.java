package io.modelcatalogbridge.source.snapshot;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** A Kubernetes JSON list ({@code {"apiVersion":"v1","kind":"List","items":[...]}}) as stored in a snapshot. */
@JsonIgnoreProperties(ignoreUnknown = true)
@RegisterForReflection
record KubeList<T>(String apiVersion, String kind, List<T> items) {

    KubeList {
        items = items == null ? List.of() : items;
    }

    static <T> KubeList<T> of(List<T> items) {
        return new KubeList<>("v1", "List", items);
    }
}
