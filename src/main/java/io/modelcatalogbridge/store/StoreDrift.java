package io.modelcatalogbridge.store;

import java.util.List;

/**
 * What {@link DocumentStore#refresh()} found the backend holding that the store's index did not: records that
 * vanished (a shard or file deleted), changed (a backup restored, a hand edit) or appeared. The index now matches
 * the backend; nothing was written.
 */
public record StoreDrift(List<String> vanished, List<String> changed, List<String> appeared) {

    public static final StoreDrift NONE = new StoreDrift(List.of(), List.of(), List.of());

    public StoreDrift {
        vanished = List.copyOf(vanished);
        changed = List.copyOf(changed);
        appeared = List.copyOf(appeared);
    }

    public boolean none() {
        return vanished.isEmpty() && changed.isEmpty() && appeared.isEmpty();
    }

    /** One line for the log: counts and the first keys of each kind. */
    public String summary() {
        return vanished.size() + " vanished" + first(vanished) + ", " + changed.size() + " changed" + first(changed)
                + ", " + appeared.size() + " appeared" + first(appeared);
    }

    private static String first(List<String> keys) {
        if (keys.isEmpty()) {
            return "";
        }
        List<String> shown = keys.subList(0, Math.min(3, keys.size()));
        return " (" + String.join(", ", shown) + (keys.size() > shown.size() ? ", …" : "") + ")";
    }
}
