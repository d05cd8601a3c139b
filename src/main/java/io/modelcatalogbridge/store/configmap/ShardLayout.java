package io.modelcatalogbridge.store.configmap;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Where a key lives: shard {@code CRC32(UTF-8 key) mod shardCount}, ConfigMap {@code <prefix><index, 4 digits>}.
 * CRC32 is in every JDK and fully specified, so any version of the bridge (or a script) finds a key's shard.
 *
 * @param prefix     ConfigMap name prefix
 * @param shardCount number of shards; changing it relocates records at the next load
 */
public record ShardLayout(String prefix, int shardCount) {

    /** Label every shard carries; shards are found by it, not by name. */
    public static final String STORAGE_LABEL = "modelcatalogbridge.rhdh.io/storage";

    public static final String STORAGE_LABEL_VALUE = "documents";
    public static final String SHARD_LABEL = "modelcatalogbridge.rhdh.io/shard";
    public static final String SHARD_COUNT_ANNOTATION = "modelcatalogbridge.rhdh.io/shard-count";
    public static final String FORMAT_ANNOTATION = "modelcatalogbridge.rhdh.io/format";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    /** The single data entry of a shard: a JSON object of Go {@code /fetch} records keyed by document key. */
    public static final String DATA_KEY = "documents.json";

    public ShardLayout {
        if (shardCount < 1 || shardCount > 9999) {
            throw new IllegalArgumentException("shard count must be between 1 and 9999, was " + shardCount);
        }
    }

    public int indexOf(String key) {
        CRC32 crc = new CRC32();
        crc.update(key.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % shardCount);
    }

    public String shardNameOf(String key) {
        return name(indexOf(key));
    }

    public String name(int index) {
        return prefix + String.format("%04d", index);
    }

    public Map<String, String> labels(int index) {
        return Map.of(
                STORAGE_LABEL,
                STORAGE_LABEL_VALUE,
                SHARD_LABEL,
                Integer.toString(index),
                MANAGED_BY,
                "model-catalog-bridge");
    }

    public Map<String, String> annotations() {
        return Map.of(SHARD_COUNT_ANNOTATION, Integer.toString(shardCount), FORMAT_ANNOTATION, "1");
    }
}
