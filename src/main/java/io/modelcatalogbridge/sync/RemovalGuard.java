package io.modelcatalogbridge.sync;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Holds back removals that look like an accident. When one sync would remove more than {@code share} of a source's
 * stored documents (and more than {@code minDocuments} of them), or all of them however few, the removal is held — the documents
 * stay in storage — until the same removal has been seen in {@code syncs} consecutive complete full syncs, or an
 * operator confirmed it for that source. A registry that answers an empty list once (a restore, a wrong database, a
 * proxy serving a stub) therefore costs nothing; one that stays empty is believed after {@code syncs} polls.
 *
 * <p>Deltas hold mass removals too but do not count as sightings: only a full sync reads the registries. Not
 * thread-safe: the publisher calls it from the sync thread.
 */
final class RemovalGuard {

    /** Confirms the held removals of every source. */
    static final String ALL_SOURCES = "*";

    /**
     * @param share        a removal of more than this share of a source's documents is a mass removal (0..1)
     * @param minDocuments … when it also removes more than this many ("more than a few")
     * @param syncs        consecutive full syncs that must see the same mass removal before it is applied; 1 applies
     *                     it at once (no guard)
     * @param confirmed    sources (or {@value #ALL_SOURCES}) whose mass removals an operator confirmed
     */
    record Settings(double share, int minDocuments, int syncs, Set<String> confirmed) {
        Settings {
            if (!(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException("the removal guard share must be between 0 and 1, got " + share);
            }
            if (minDocuments < 0) {
                throw new IllegalArgumentException("the removal guard minimum must not be negative: " + minDocuments);
            }
            if (syncs < 1) {
                throw new IllegalArgumentException("the removal guard needs at least 1 sync, got " + syncs);
            }
            confirmed = Set.copyOf(confirmed);
        }

        static Settings defaults() {
            return new Settings(0.5, 3, 3, Set.of());
        }

        boolean confirms(String source) {
            return confirmed.contains(ALL_SOURCES) || confirmed.contains(source);
        }
    }

    /**
     * A removal held for one source.
     *
     * @param removing  documents the sync would have removed
     * @param stored    documents of the source in storage
     * @param sightings consecutive full syncs that saw it (0 when only deltas did)
     * @param needed    sightings after which it is applied
     */
    record Held(int removing, int stored, int sightings, int needed) {
        String describe(String source) {
            return source + " " + removing + " of " + stored + " (seen " + sightings + " of " + needed + ")";
        }
    }

    /**
     * What to remove now, what is held back, and what was applied only because it was confirmed or seen often
     * enough (for the log).
     */
    record Verdict(
            Set<String> remove,
            SortedMap<String, Held> held,
            Set<String> keptKeys,
            List<String> warnings,
            List<String> applied) {}

    private record Hold(Set<String> keys, int sightings) {}

    private final Settings settings;
    private final Map<String, Hold> holds = new HashMap<>();

    RemovalGuard(Settings settings) {
        this.settings = settings;
    }

    /**
     * Judges one sync's removals.
     *
     * @param candidates keys the sync would remove, by the source that stored them
     * @param stored     documents in storage per source (the denominators)
     * @param fullSync   whether this is a complete full sync (only those count as sightings)
     */
    Verdict judge(Map<String, ? extends Collection<String>> candidates, Map<String, Integer> stored, boolean fullSync) {
        Set<String> remove = new TreeSet<>();
        Set<String> kept = new TreeSet<>();
        SortedMap<String, Held> held = new TreeMap<>();
        List<String> warnings = new ArrayList<>();
        List<String> applied = new ArrayList<>();
        holds.keySet().retainAll(candidates.keySet());
        for (Map.Entry<String, ? extends Collection<String>> e : new TreeMap<>(candidates).entrySet()) {
            String source = e.getKey();
            Set<String> keys = new TreeSet<>(e.getValue());
            if (keys.isEmpty()) {
                holds.remove(source);
                continue;
            }
            int total = Math.max(stored.getOrDefault(source, keys.size()), keys.size());
            if (!isMass(keys.size(), total)) {
                holds.remove(source);
                remove.addAll(keys);
                continue;
            }
            String what = describe(source, keys.size(), total);
            if (settings.confirms(source)) {
                holds.remove(source);
                remove.addAll(keys);
                applied.add(what + ": confirmed by the operator (REMOVAL_CONFIRM)");
                continue;
            }
            Hold previous = holds.get(source);
            boolean same = previous != null && previous.keys().equals(keys);
            int sightings = (same ? previous.sightings() : 0) + (fullSync ? 1 : 0);
            if (sightings >= settings.syncs()) {
                holds.remove(source);
                remove.addAll(keys);
                applied.add(what + ": seen in " + sightings + " consecutive full syncs");
                continue;
            }
            holds.put(source, new Hold(keys, sightings));
            kept.addAll(keys);
            held.put(source, new Held(keys.size(), total, sightings, settings.syncs()));
            warnings.add("holding the removal of " + what + ": seen in " + sightings + " of " + settings.syncs()
                    + " consecutive full syncs; it is applied when the next " + (settings.syncs() - sightings)
                    + " full sync(s) see the same, or at once with REMOVAL_CONFIRM=" + source);
        }
        return new Verdict(remove, held, kept, warnings, applied);
    }

    /**
     * "All of them" counts from one document: a one-model registry that reads empty once (restored, a wrong
     * database, a proxy serving a stub) is the same accident as a forty-model one. The price: the deliberate removal
     * of a source's last document (its only model archived, its last KServe-only deployment deleted) waits for
     * {@code syncs} full syncs, or {@code REMOVAL_CONFIRM}.
     */
    private boolean isMass(int removing, int total) {
        return removing == total || (removing > settings.share() * total && removing > settings.minDocuments());
    }

    private static String describe(String source, int removing, int total) {
        return removing + " of " + total + " documents of source " + source
                + (removing == total ? " (all of them)" : "");
    }
}
