package io.modelcatalogbridge.source.kfmr;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** A Kubernetes JSON list ({@code {"apiVersion":"v1","kind":"List","items":[...]}}) as stored in a snapshot. */
@JsonIgnoreProperties(ignoreUnknown = true)
record KubeList<T>(String apiVersion, String kind, List<T> items) {

    KubeList {
        items = items == null ? List.of() : items;
    }

    static <T> KubeList<T> of(List<T> items) {
        return new KubeList<>("v1", "List", items);
    }
}
