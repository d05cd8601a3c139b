package io.modelcatalogbridge.store.configmap;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.modelcatalogbridge.store.DocumentCodec;
import io.modelcatalogbridge.store.IndexedDocumentStore;
import io.modelcatalogbridge.store.KeyLocks;
import io.modelcatalogbridge.store.RecordCheck;
import io.modelcatalogbridge.store.StaleUpsertGuard;
import io.modelcatalogbridge.store.StoreDrift;
import io.modelcatalogbridge.store.StoreException;
import io.modelcatalogbridge.store.StoreFullException;
import io.modelcatalogbridge.store.StoreResult;
import io.modelcatalogbridge.store.StoredDocument;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * Records spread over ConfigMaps ("shards") by {@link ShardLayout}; see {@code docs/storage-configmap.md}. Each write
 * rewrites one shard with its last known resourceVersion; on a conflict (another writer got there first) the shard
 * is re-read and the change re-applied, so concurrent writers never lose an update. Writers of one shard inside this
 * process queue on a lock instead of racing, which keeps conflicts for the cross-process case.
 *
 * <p>At load, the Go bridge's {@code bac-import-model} is imported ({@link LegacyImport}) and records found in a
 * shard that is no longer their home (the shard count changed) are moved home; when a key is found in more than one
 * shard, the record with the newest {@code lastUpdateTimeSinceEpoch} is kept, with a WARN. A record must follow
 * storage's grammar ({@link RecordCheck}) to be loaded: one that breaks it (edited into a ConfigMap by hand) is
 * skipped with a WARN and left where it is.
 */
public class ConfigMapDocumentStore extends IndexedDocumentStore {

    private static final Logger LOG = Logger.getLogger(ConfigMapDocumentStore.class);
    private static final int MAX_ATTEMPTS = 50;
    /** Upper bound of the random pause after a conflict; spreads out writers that keep colliding. */
    private static final long MAX_CONFLICT_PAUSE_MS = 100;

    private final ShardClient io;
    private final ShardLayout layout;
    private final long maxShardBytes;
    private final LegacyImport legacy;
    private final KeyLocks shardLocks = new KeyLocks(256);
    private final Map<String, Shard> shards = new ConcurrentHashMap<>();
    private final RecordCheck check;
    /** Records skipped for breaking the grammar ("shard/key"), as they were: warned about once per version. */
    private final Map<String, StoredDocument> skipped = new ConcurrentHashMap<>();

    /** A store that loads every record (tools and tests that write it themselves). */
    public ConfigMapDocumentStore(KubernetesClient client, Settings settings) {
        this(client, settings, RecordCheck.NONE);
    }

    /**
     * @param settings where and how to shard
     * @param check    the grammar a loaded record must follow (the storage role passes its API's)
     */
    public ConfigMapDocumentStore(KubernetesClient client, Settings settings, RecordCheck check) {
        this.check = check;
        this.layout = new ShardLayout(settings.prefix(), settings.shardCount());
        this.io = new ShardClient(client, settings.namespace(), layout);
        this.maxShardBytes = settings.maxShardBytes();
        this.legacy = new LegacyImport(io, settings.legacyName());
    }

    /** Settings of the ConfigMap store. */
    public record Settings(String namespace, String prefix, int shardCount, long maxShardBytes, String legacyName) {}

    /** A record as found in one shard at load. */
    private record Found(String shard, StoredDocument doc) {}

    @Override
    protected void loadBackend() {
        shards.clear();
        skipped.clear();
        Map<String, List<Found>> strays = new TreeMap<>();
        for (Shard s : io.listShards()) {
            shards.put(s.name(), s);
        }
        for (Shard s : new TreeMap<>(shards).values()) {
            s.docs().forEach((key, doc) -> {
                if (!valid(s.name(), key, doc)) {
                    return;
                }
                if (layout.shardNameOf(key).equals(s.name())) {
                    indexPut(key, doc);
                } else {
                    strays.computeIfAbsent(key, k -> new ArrayList<>()).add(new Found(s.name(), doc));
                }
            });
        }
        strays.forEach(this::moveHome);
        legacy.importInto(
                (key, doc) -> valid(legacy.name(), key, doc) ? Optional.of(mergeIn(key, doc)) : Optional.empty());
        LOG.infof(
                "ConfigMap store in namespace %s: %d documents in %d shards%s%s",
                io.namespace(),
                indexSize(),
                shards.size(),
                strays.isEmpty() ? "" : ", " + strays.size() + " moved to their home shard",
                skipped.isEmpty() ? "" : ", " + skipped.size() + " records skipped (see the WARN lines above)");
    }

    /** Whether a loaded record follows the grammar; a WARN, once per version of it, when it does not. */
    private boolean valid(String where, String key, StoredDocument doc) {
        String id = where + "/" + key;
        try {
            check.check(key, doc);
            skipped.remove(id);
            return true;
        } catch (IllegalArgumentException bad) {
            if (!doc.equals(skipped.put(id, doc))) {
                LOG.warnf(
                        "ConfigMap store: skipped a record in ConfigMap %s, it breaks storage's grammar: %s",
                        where, bad.getMessage());
            }
            return false;
        }
    }

    /**
     * Records of one key found outside its home shard (the shard count changed, or a copy): the newest of them and
     * the home record is kept at home (a record without a time is older than any with one; on a tie the home record,
     * then the first shard), and the key leaves the other shards.
     */
    private void moveHome(String key, List<Found> found) {
        StoredDocument home = indexed(key);
        Found newest = null;
        for (Found f : found) {
            if (newest == null
                    || f.doc().lastUpdate().orElse(-1)
                            > newest.doc().lastUpdate().orElse(-1)) {
                newest = f;
            }
        }
        boolean homeWins = home != null
                && home.lastUpdate().orElse(-1) >= newest.doc().lastUpdate().orElse(-1);
        Set<StoredDocument> versions = new HashSet<>();
        found.forEach(f -> versions.add(f.doc()));
        if (home != null) {
            versions.add(home);
        }
        if (versions.size() > 1) {
            Found n = newest;
            LOG.warnf(
                    "ConfigMap store: key %s is held by %s; keeping the newest, %s (lastUpdateTimeSinceEpoch %s)",
                    key,
                    (home == null ? "" : layout.shardNameOf(key) + " (home), ")
                            + String.join(", ", found.stream().map(Found::shard).toList()),
                    homeWins ? layout.shardNameOf(key) : n.shard(),
                    homeWins ? home.lastUpdateTimeSinceEpoch() : n.doc().lastUpdateTimeSinceEpoch());
        }
        if (!homeWins) {
            StoredDocument doc = newest.doc();
            write(key, home == null || !doc.locationId().isEmpty() ? doc : doc.withLocationOf(home));
        }
        found.forEach(f -> mutate(f.shard(), key, null));
    }

    /** Adds a record found outside its home unless a newer one is already there (load-time merges). */
    private StoreResult mergeIn(String key, StoredDocument doc) {
        StoredDocument current = indexed(key);
        if (current != null && StaleUpsertGuard.isStale(current, doc)) {
            return StoreResult.STALE;
        }
        return write(key, current == null || !doc.locationId().isEmpty() ? doc : doc.withLocationOf(current));
    }

    @Override
    public StoreResult upsert(String key, StoredDocument doc) {
        requireLoaded();
        return write(key, doc);
    }

    private StoreResult write(String key, StoredDocument doc) {
        StoredDocument previous = mutate(layout.shardNameOf(key), key, doc);
        if (doc.equals(previous)) {
            return StoreResult.UNCHANGED;
        }
        return previous == null ? StoreResult.CREATED : StoreResult.UPDATED;
    }

    @Override
    public Optional<StoredDocument> remove(String key) {
        requireLoaded();
        return Optional.ofNullable(mutate(layout.shardNameOf(key), key, null));
    }

    @Override
    public String describe() {
        return "ConfigMap store in namespace " + io.namespace() + " (" + layout.shardCount() + " shards "
                + layout.prefix() + "NNNN)";
    }

    /** Current shards (name → payload size in bytes), for measurements and tests. */
    public SortedMap<String, Integer> shardSizes() {
        SortedMap<String, Integer> out = new TreeMap<>();
        shards.forEach((n, s) -> out.put(n, DocumentCodec.encodeMap(s.docs()).getBytes(StandardCharsets.UTF_8).length));
        return out;
    }

    /**
     * Sets ({@code doc != null}) or removes one key in one shard; answers the previous record. Compare-before-write:
     * an equal record or a missing key to remove costs no API call.
     */
    private StoredDocument mutate(String shardName, String key, StoredDocument doc) {
        return shardLocks.withLock(shardName, () -> {
            for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
                Shard shard = shards.getOrDefault(shardName, Shard.absent(shardName));
                StoredDocument previous = shard.docs().get(key);
                if (doc == null ? previous == null : doc.equals(previous)) {
                    return previous;
                }
                Shard next = shard.with(key, doc);
                String payload = DocumentCodec.encodeMap(next.docs());
                long size = payload.getBytes(StandardCharsets.UTF_8).length;
                if (doc != null && size > maxShardBytes) {
                    throw new StoreFullException("ConfigMap " + shardName + " would hold " + size + " bytes, over the "
                            + maxShardBytes + "-byte limit; raise bridge.storage.configmap.shards");
                }
                try {
                    Shard written = io.write(next, indexOfShard(shardName), payload);
                    shards.put(shardName, written);
                    if (layout.shardNameOf(key).equals(shardName)) {
                        if (doc == null) {
                            indexRemove(key);
                        } else {
                            indexPut(key, doc);
                        }
                    }
                    return previous;
                } catch (ShardClient.Conflict conflict) {
                    LOG.debugf("conflict on %s (attempt %d), re-reading", shardName, attempt);
                    pauseAfterConflict(attempt);
                    refresh(shardName);
                }
            }
            throw new StoreException("ConfigMap " + shardName + " kept changing under " + MAX_ATTEMPTS
                    + " attempts; giving up on " + key);
        });
    }

    /**
     * Randomised, growing pause: without it, writers in several replicas that collide once tend to collide again on
     * the next round (they all re-read and write at once).
     */
    private static void pauseAfterConflict(int attempt) {
        long bound = Math.min(MAX_CONFLICT_PAUSE_MS, 1L << Math.min(attempt, 7));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(bound + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while retrying a ConfigMap write");
        }
    }

    /**
     * Lists the shards (one call) and re-reads, each under its lock, every shard whose resourceVersion differs from
     * the one last read or written here, or that vanished or appeared: a shard deleted or restored behind the
     * store's back shows in the index, and the normalizer's next full sync repairs it.
     */
    @Override
    public StoreDrift refresh() {
        requireLoaded();
        Map<String, String> listed = new TreeMap<>();
        for (Shard s : io.listShards()) {
            listed.put(s.name(), s.resourceVersion());
        }
        Set<String> names = new TreeSet<>(listed.keySet());
        names.addAll(shards.keySet());
        List<String> vanished = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> appeared = new ArrayList<>();
        for (String name : names) {
            shardLocks.withLock(name, () -> {
                Shard known = shards.get(name);
                String rv = listed.get(name);
                if (known != null && rv != null && rv.equals(known.resourceVersion())) {
                    return null;
                }
                // Read again under the lock: the listing may predate a write of this process.
                reread(name, vanished, changed, appeared);
                return null;
            });
        }
        return new StoreDrift(vanished, changed, appeared);
    }

    /** Re-reads a shard after a conflict and brings the index in line with what another writer stored. */
    private void refresh(String shardName) {
        reread(shardName, new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    }

    /** Reads one shard and makes the index hold exactly its home records; reports what differed. */
    private void reread(String shardName, List<String> vanished, List<String> changed, List<String> appeared) {
        Shard old = shards.get(shardName);
        Shard fresh = io.read(shardName);
        if (fresh.exists()) {
            shards.put(shardName, fresh);
        } else {
            shards.remove(shardName);
        }
        if (old != null) {
            old.docs().keySet().stream()
                    .filter(k -> !fresh.docs().containsKey(k)
                            && layout.shardNameOf(k).equals(shardName)
                            && indexed(k) != null)
                    .forEach(k -> {
                        indexRemove(k);
                        vanished.add(k);
                    });
        }
        fresh.docs().forEach((k, v) -> {
            if (layout.shardNameOf(k).equals(shardName)) {
                StoredDocument before = indexed(k);
                if (!valid(shardName, k, v)) {
                    // Replaced by a record that breaks the grammar: gone for us; the next full sync rewrites it.
                    if (before != null) {
                        indexRemove(k);
                        vanished.add(k);
                    }
                    return;
                }
                if (before == null) {
                    appeared.add(k);
                } else if (!before.equals(v)) {
                    changed.add(k);
                }
                indexPut(k, v);
            }
        });
    }

    private int indexOfShard(String shardName) {
        try {
            return Integer.parseInt(shardName.substring(layout.prefix().length()));
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
