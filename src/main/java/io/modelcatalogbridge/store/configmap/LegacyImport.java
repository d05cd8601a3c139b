package io.modelcatalogbridge.store.configmap;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.modelcatalogbridge.model.LogSafe;
import io.modelcatalogbridge.store.DocumentCodec;
import io.modelcatalogbridge.store.StoreResult;
import io.modelcatalogbridge.store.StoredDocument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Imports the Go bridge's single ConfigMap ({@code bac-import-model}, {@code binaryData[<key>]} = JSON of the
 * {@code /fetch} record) into the shards. The legacy ConfigMap is never modified except for one annotation holding
 * a hash of the data it was imported at: its data stays readable by a downgraded Go bridge, and it is imported
 * again only when that hash no longer matches — i.e. when a Go bridge wrote to it after our import (a downgrade and
 * re-upgrade). Importing it at every start instead would bring back documents pruned since.
 */
class LegacyImport {

    static final String IMPORTED_ANNOTATION = "modelcatalogbridge.rhdh.io/imported-sha256";
    private static final Logger LOG = Logger.getLogger(LegacyImport.class);

    private final ShardClient io;
    private final String name;

    LegacyImport(ShardClient io, String name) {
        this.io = io;
        this.name = name;
    }

    /** The legacy ConfigMap's name. */
    String name() {
        return name;
    }

    /** Where the imported records go: the store, which may refuse one or already hold it. */
    @FunctionalInterface
    interface Sink {
        /**
         * Takes one legacy record.
         *
         * @return what storing it did ({@link StoreResult#UNCHANGED} or {@link StoreResult#STALE}: the store already
         *     held it, or a newer version), or empty when the store refused it (the sink logs why)
         */
        Optional<StoreResult> take(String key, StoredDocument doc);
    }

    /**
     * Hands every legacy record to {@code sink} when the legacy ConfigMap changed since the last import, and logs
     * how many it imported: only records the sink stored count, not those it refused or already held.
     */
    void importInto(Sink sink) {
        if (name == null || name.isBlank()) {
            return;
        }
        ConfigMap cm = io.readRaw(name).orElse(null);
        if (cm == null) {
            return;
        }
        Map<String, byte[]> entries = entries(cm);
        String hash = hash(entries);
        Map<String, String> annotations = cm.getMetadata().getAnnotations();
        if (annotations != null && hash.equals(annotations.get(IMPORTED_ANNOTATION))) {
            return;
        }
        int imported = 0;
        int held = 0;
        int skipped = 0;
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            Optional<StoreResult> taken;
            try {
                taken = sink.take(e.getKey(), DocumentCodec.decode(e.getValue()));
            } catch (IOException bad) {
                LOG.warnf(
                        "legacy ConfigMap %s: entry %s is not a storage record, skipped: %s",
                        name, LogSafe.text(e.getKey()), LogSafe.text(bad.getMessage()));
                taken = Optional.empty();
            }
            if (taken.isEmpty()) {
                skipped++;
            } else if (taken.get().changed()) {
                imported++;
            } else {
                held++;
            }
        }
        io.annotate(cm, IMPORTED_ANNOTATION, hash);
        LOG.infof(
                "imported %d documents from the Go bridge's ConfigMap %s (left in place, marked imported)%s%s",
                imported,
                name,
                held == 0 ? "" : ", " + held + " already stored (the same or a newer version)",
                skipped == 0 ? "" : ", " + skipped + " skipped (see the WARN lines above)");
    }

    private static Map<String, byte[]> entries(ConfigMap cm) {
        Map<String, byte[]> out = new TreeMap<>();
        if (cm.getData() != null) {
            cm.getData().forEach((k, v) -> out.put(k, v.getBytes(StandardCharsets.UTF_8)));
        }
        if (cm.getBinaryData() != null) {
            cm.getBinaryData().forEach((k, v) -> out.put(k, Base64.getDecoder().decode(v)));
        }
        return out;
    }

    private static String hash(Map<String, byte[]> entries) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            entries.forEach((k, v) -> {
                md.update(k.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(v);
                md.update((byte) 0);
            });
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
