package io.modelcatalogbridge.store.configmap;

import io.modelcatalogbridge.store.StoredDocument;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A shard as last read or written: its ConfigMap name, the resourceVersion the next update must carry (null when the
 * ConfigMap does not exist yet) and its records.
 */
record Shard(String name, String resourceVersion, SortedMap<String, StoredDocument> docs) {

    Shard {
        docs = Collections.unmodifiableSortedMap(new TreeMap<>(docs));
    }

    static Shard absent(String name) {
        return new Shard(name, null, new TreeMap<>());
    }

    boolean exists() {
        return resourceVersion != null;
    }

    Shard with(String key, StoredDocument doc) {
        TreeMap<String, StoredDocument> next = new TreeMap<>(docs);
        if (doc == null) {
            next.remove(key);
        } else {
            next.put(key, doc);
        }
        return new Shard(name, resourceVersion, next);
    }
}
