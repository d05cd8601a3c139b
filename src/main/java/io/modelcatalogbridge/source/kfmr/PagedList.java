package io.modelcatalogbridge.source.kfmr;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * The KFMR list envelope. {@code size} is not trusted (captures show it wrong); the last page is the one whose
 * {@code nextPageToken} is empty or missing.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@RegisterForReflection
public record PagedList<T>(List<T> items, String nextPageToken, Integer pageSize, Integer size) {
    public PagedList {
        items = items == null ? List.of() : items;
    }

    public boolean hasNext() {
        return nextPageToken != null && !nextPageToken.isEmpty();
    }
}
