package io.modelcatalogbridge.sync;

import java.time.Duration;
import java.util.List;

/**
 * What one sync did; logged as one INFO line.
 *
 * @param id           sync number since start
 * @param kind         full or delta
 * @param complete     every source was read completely (only then is the key set sent)
 * @param documents    documents in the catalog after this sync
 * @param upserted     documents sent because they changed
 * @param unchanged    documents not sent because they did not change
 * @param failed       upserts that failed (retried next sync)
 * @param removed      keys pruned by the key set
 * @param keySetSent   whether {@code /currentkeyset} was sent
 * @param incomplete   sources that were not read completely, with the reason
 * @param problems     mapping problems (collisions, skipped records)
 * @param unserved     registry deployments of live versions that give no model server (no entity)
 * @param duration     wall time
 */
public record SyncReport(
        long id,
        SyncKind kind,
        boolean complete,
        int documents,
        int upserted,
        int unchanged,
        int failed,
        int removed,
        boolean keySetSent,
        List<String> incomplete,
        List<String> problems,
        int unserved,
        Duration duration) {

    public SyncReport {
        incomplete = List.copyOf(incomplete);
        problems = List.copyOf(problems);
    }

    String summary() {
        return String.format(
                "sync %d (%s) %s in %d ms: %d documents, %d upserted, %d unchanged, %d failed, "
                        + "%d removed, key set %s, %d mapping problems, %d deployments without a model server%s",
                id,
                kind,
                complete ? "complete" : "INCOMPLETE",
                duration.toMillis(),
                documents,
                upserted,
                unchanged,
                failed,
                removed,
                keySetSent ? "sent" : "not sent",
                problems.size(),
                unserved,
                incomplete.isEmpty() ? "" : "; incomplete: " + String.join("; ", incomplete));
    }
}
