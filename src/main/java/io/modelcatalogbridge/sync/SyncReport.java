package io.modelcatalogbridge.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one sync did; logged as one line (INFO, WARN when storage did not take everything).
 *
 * @param id         sync number since start
 * @param kind       full or delta
 * @param complete   every source was read completely (only then may documents leave storage)
 * @param documents  documents in the catalog after this sync
 * @param rendered   documents rendered (new or changed since the last sync, or re-sent); the others were compared
 *                   by the digest kept from the last sync
 * @param listed     documents storage listed before the sync compared (full syncs), -1 when not listed
 * @param upserted   documents sent because storage did not hold them as rendered
 * @param unchanged  documents storage already held exactly
 * @param refused    documents storage holds newer (another writer's) and kept
 * @param failed     upserts that failed (retried next sync)
 * @param repaired   of the upserted, those storage had lost or changed since this process sent them
 * @param removed    keys removed from storage
 * @param held       removals the guard held back, per source
 * @param keySet     what became of the key set
 * @param incomplete sources that were not read completely, with the reason
 * @param problems   mapping problems (collisions, skipped records, invalid times)
 * @param errors     the first storage failures, one line each
 * @param unserved   registry deployments of live versions that give no model server (no entity)
 * @param duration   wall time
 * @param reading    of it, the time spent discovering and reading the registries (full syncs; zero for deltas): tells
 *                   whether the registries or the publishing bound a sync
 */
public record SyncReport(
        long id,
        SyncKind kind,
        boolean complete,
        int documents,
        int rendered,
        int listed,
        int upserted,
        int unchanged,
        int refused,
        int failed,
        int repaired,
        int removed,
        SortedMap<String, RemovalGuard.Held> held,
        Publisher.KeySet keySet,
        List<String> incomplete,
        List<String> problems,
        List<String> errors,
        int unserved,
        Duration duration,
        Duration reading) {

    public SyncReport {
        held = new TreeMap<>(held);
        incomplete = List.copyOf(incomplete);
        problems = List.copyOf(problems);
        errors = List.copyOf(errors);
    }

    /** Whether {@code /currentkeyset} was sent. */
    public boolean keySetSent() {
        return keySet == Publisher.KeySet.SENT;
    }

    /** Storage answered every call of this sync: listing (full), upserts, key set. */
    public boolean reachedStorage() {
        return failed == 0 && keySet != Publisher.KeySet.FAILED && errors.isEmpty();
    }

    /** Removals held back, one phrase per source, for the log and readiness. */
    public String heldSummary() {
        List<String> parts = new ArrayList<>();
        held.forEach((source, h) -> parts.add(h.describe(source)));
        return String.join(", ", parts);
    }

    String summary() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(
                "sync %d (%s) %s in %d ms", id, kind, complete ? "complete" : "INCOMPLETE", duration.toMillis()));
        if (!reading.isZero()) {
            s.append(" (registries read in ").append(reading.toMillis()).append(" ms)");
        }
        s.append(": ").append(documents).append(" documents (").append(rendered).append(" rendered)");
        if (listed >= 0) {
            s.append(", storage listed ").append(listed);
        }
        s.append(String.format(
                "; %d upserted, %d unchanged, %d failed, %d removed", upserted, unchanged, failed, removed));
        if (repaired > 0) {
            s.append(", ").append(repaired).append(" repaired (storage had lost or changed them)");
        }
        if (refused > 0) {
            s.append(", ").append(refused).append(" REFUSED (storage holds newer versions)");
        }
        if (!held.isEmpty()) {
            s.append("; removal HELD: ").append(heldSummary());
        }
        s.append("; key set ")
                .append(
                        switch (keySet) {
                            case SENT -> "sent";
                            case FAILED -> "FAILED";
                            case NOT_NEEDED -> "not needed";
                        });
        s.append("; ").append(problems.size()).append(" mapping problems, ");
        s.append(unserved).append(" deployments without a model server");
        if (!incomplete.isEmpty()) {
            s.append("; incomplete: ").append(String.join("; ", incomplete));
        }
        if (!errors.isEmpty()) {
            s.append("; STORAGE FAILED: ").append(String.join("; ", errors));
        }
        return s.toString();
    }
}
