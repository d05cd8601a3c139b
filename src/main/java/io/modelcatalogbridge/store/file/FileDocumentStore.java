package io.modelcatalogbridge.store.file;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.modelcatalogbridge.model.LogSafe;
import io.modelcatalogbridge.store.DocumentCodec;
import io.modelcatalogbridge.store.IndexedDocumentStore;
import io.modelcatalogbridge.store.KeyLocks;
import io.modelcatalogbridge.store.PersistedRecord;
import io.modelcatalogbridge.store.RecordCheck;
import io.modelcatalogbridge.store.StoreDrift;
import io.modelcatalogbridge.store.StoreException;
import io.modelcatalogbridge.store.StoreResult;
import io.modelcatalogbridge.store.StoredDocument;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * One file per key in a directory. A write goes to a temporary file in the same directory, is fsynced, renamed over
 * the target (atomic on POSIX file systems) and the directory is fsynced before the write returns (the writes of one
 * {@link #writeTogether} share one directory fsync, at its end): after a crash at any moment a key's file is either
 * the old or the new complete record, never a partial one, and an acknowledged write is the new one. Temporary files left by a crash are deleted at
 * load — only this store's own ({@link #OWN_TMP}), never another program's {@code *.tmp}. Reads come from memory
 * (loaded once), so listing 10,000 keys does not scan the disk.
 *
 * <p>A loaded record must follow storage's grammar ({@link RecordCheck}; a file put into the folder by hand may not):
 * one that breaks it is skipped with a WARN. When two files hold the same key (a copied or restored file), the
 * record with the newest {@code lastUpdateTimeSinceEpoch} is kept, whatever the folder order, with a WARN.
 *
 * <p>File names are {@code <readable prefix>-<16 hex of SHA-256(key)>.json}; the key itself is inside the file, so
 * names stay safe on case-insensitive file systems and for any accepted key.
 */
public class FileDocumentStore extends IndexedDocumentStore {

    private static final Logger LOG = Logger.getLogger(FileDocumentStore.class);
    private static final String SUFFIX = ".json";
    private static final String TMP_SUFFIX = ".tmp";
    /** This store's temporary files: {@code .<file name of the key>.<random UUID>.tmp} ({@link #write}). */
    static final Pattern OWN_TMP = Pattern.compile("\\.[a-z0-9_-][a-z0-9._-]{0,59}-[0-9a-f]{16}\\.json"
            + "\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.tmp");

    private final Path dir;
    private final RecordCheck check;
    private final KeyLocks locks = new KeyLocks(64);
    /**
     * The batch the calling thread writes in ({@link #writeTogether}), if any: its renames are made durable by one
     * directory fsync at its end instead of one each.
     */
    private final ThreadLocal<Batch> batch = new ThreadLocal<>();

    /** Whether a batch renamed or deleted a file (so its end must fsync the directory). */
    private static final class Batch {
        boolean directoryChanged;
    }
    /** Files skipped for breaking the grammar, with the stamp they had: warned about once per version. */
    private final Map<String, FileStamp> skipped = new ConcurrentHashMap<>();
    /** What each key's file looked like when this store last read or wrote it; a refresh re-reads only changes. */
    private final Map<String, FileStamp> stamps = new ConcurrentHashMap<>();

    /**
     * Identity of a file version: inode (a rename or a restore makes a new one), modification time and size. Cheap
     * to take (one stat), and any write by anyone changes it.
     */
    private record FileStamp(Object fileKey, FileTime modified, long size) {
        static FileStamp of(Path f) throws IOException {
            BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
            return new FileStamp(a.fileKey(), a.lastModifiedTime(), a.size());
        }
    }

    /** A store that loads every record it can read (tools and tests that write it themselves). */
    public FileDocumentStore(Path dir) {
        this(dir, RecordCheck.NONE);
    }

    /** A store that loads only records {@code check} accepts (the storage role passes its API's grammar). */
    public FileDocumentStore(Path dir, RecordCheck check) {
        this.dir = dir.toAbsolutePath().normalize();
        this.check = check;
    }

    /** What one file holds: the key and the Go {@code /fetch} record. */
    @RegisterForReflection
    record FileEntry(
            @JsonProperty("key") String key,
            @JsonProperty("record") PersistedRecord record) {}

    /** A file as read: its entry and the stamp it had just before. */
    private record ReadFile(String name, String key, PersistedRecord record, FileStamp stamp) {}

    /** A readable file whose record follows the grammar. */
    private record Found(String name, ReadFile file, StoredDocument doc) {}

    @Override
    protected void loadBackend() {
        stamps.clear();
        skipped.clear();
        Map<String, List<Found>> byKey = new TreeMap<>();
        try {
            Files.createDirectories(dir);
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path f : files) {
                    loadOne(f)
                            .ifPresent(
                                    found -> byKey.computeIfAbsent(found.file().key(), k -> new ArrayList<>())
                                            .add(found));
                }
            }
            byKey.forEach(this::keepNewest);
        } catch (IOException e) {
            throw new StoreException("cannot read storage directory " + dir + ": " + e.getMessage(), e);
        }
        LOG.infof(
                "file store %s: %d documents%s",
                dir,
                indexSize(),
                skipped.isEmpty() ? "" : ", " + skipped.size() + " files skipped (see the WARN lines above)");
    }

    private Optional<Found> loadOne(Path f) throws IOException {
        String name = f.getFileName().toString();
        if (OWN_TMP.matcher(name).matches()) {
            // An unfinished write of ours from a crash: its rename never happened, so no acknowledged data is in it.
            Files.deleteIfExists(f);
            return Optional.empty();
        }
        if (!name.endsWith(SUFFIX) || !Files.isRegularFile(f)) {
            return Optional.empty();
        }
        return readEntry(f).flatMap(this::checked);
    }

    /** The file's record if it follows the grammar; else empty, with a WARN once per version of the file. */
    private Optional<Found> checked(ReadFile e) {
        String name = e.name();
        StoredDocument doc = DocumentCodec.fromRecord(e.record());
        try {
            check.check(e.key(), doc);
            skipped.remove(name);
            return Optional.of(new Found(name, e, doc));
        } catch (IllegalArgumentException bad) {
            if (!e.stamp().equals(skipped.put(name, e.stamp()))) {
                LOG.warnf(
                        "file store: skipped %s in %s: its record breaks storage's grammar: %s",
                        LogSafe.text(name), dir, bad.getMessage());
            }
            return Optional.empty();
        }
    }

    /**
     * Of the files holding one key, keeps the record with the newest {@code lastUpdateTimeSinceEpoch} (a record
     * without one is older than any with one; on a tie the key's own file, then the file written last). The key's own
     * file then holds the record kept: refresh and the next write read and replace that file.
     */
    private void keepNewest(String key, List<Found> found) {
        String own = fileName(key);
        Found kept = found.get(0);
        for (Found f : found.subList(1, found.size())) {
            if (preferred(f, kept, own)) {
                kept = f;
            }
        }
        if (found.size() > 1) {
            Found k = kept;
            LOG.warnf(
                    "file store: %d files hold key %s; keeping the newest, %s (lastUpdateTimeSinceEpoch %s), ignoring %s",
                    found.size(),
                    key,
                    LogSafe.text(k.name()),
                    k.doc().lastUpdateTimeSinceEpoch(),
                    String.join(
                            ", ",
                            found.stream()
                                    .filter(f -> f != k)
                                    .map(f -> LogSafe.text(f.name()) + " ("
                                            + f.doc().lastUpdateTimeSinceEpoch() + ")")
                                    .toList()));
        }
        indexPut(key, kept.doc());
        stamps.put(key, kept.file().stamp());
        if (!kept.name().equals(own)) {
            write(key, kept.doc());
        }
    }

    private static boolean preferred(Found a, Found b, String own) {
        long ta = a.doc().lastUpdate().orElse(-1);
        long tb = b.doc().lastUpdate().orElse(-1);
        if (ta != tb) {
            return ta > tb;
        }
        if (a.name().equals(own) != b.name().equals(own)) {
            return a.name().equals(own);
        }
        return a.file().stamp().modified().compareTo(b.file().stamp().modified()) > 0;
    }

    /** What one file holds, as read, with the stamp it had; empty when it was unreadable (then moved aside). */
    private Optional<ReadFile> readEntry(Path f) throws IOException {
        String name = f.getFileName().toString();
        try {
            FileStamp stamp = FileStamp.of(f);
            FileEntry e = DocumentCodec.mapper().readValue(Files.readAllBytes(f), FileEntry.class);
            if (e == null || e.key() == null || e.record() == null) {
                throw new IOException("missing key or record");
            }
            return Optional.of(new ReadFile(name, e.key(), e.record(), stamp));
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException e) {
            // Only files written by something else can be broken (ours are renamed complete): keep them aside.
            Path aside = f.resolveSibling(name + ".corrupt");
            LOG.errorf(
                    "unreadable storage file %s in %s moved to %s: %s",
                    LogSafe.text(name),
                    dir,
                    LogSafe.text(aside.getFileName().toString()),
                    LogSafe.text(e.getMessage()));
            Files.move(f, aside, StandardCopyOption.REPLACE_EXISTING);
            return Optional.empty();
        }
    }

    /**
     * Compares every key's file with what was last read or written (one stat each) and re-reads only files that
     * changed; files of keys the index does not know are read too. A deleted directory, a wiped folder or a restored
     * backup thus shows in the index, and the normalizer's next full sync repairs it.
     */
    @Override
    public StoreDrift refresh() {
        requireLoaded();
        List<String> vanished = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> appeared = new ArrayList<>();
        Set<String> expected = new HashSet<>();
        try {
            for (String key : keys()) {
                expected.add(fileName(key));
                locks.withLock(key, () -> {
                    refreshKnown(key, vanished, changed);
                    return null;
                });
            }
            if (Files.isDirectory(dir)) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
                    for (Path f : files) {
                        if (!expected.contains(f.getFileName().toString())) {
                            readEntry(f)
                                    .flatMap(this::checked)
                                    .ifPresent(e -> locks.withLock(e.file().key(), () -> {
                                        if (indexed(e.file().key()) == null) {
                                            indexPut(e.file().key(), e.doc());
                                            stamps.put(e.file().key(), e.file().stamp());
                                            appeared.add(e.file().key());
                                        }
                                        return null;
                                    }));
                        }
                    }
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new StoreException("cannot re-read storage directory " + dir + ": " + e.getMessage(), e);
        }
        return new StoreDrift(vanished, changed, appeared);
    }

    private void refreshKnown(String key, List<String> vanished, List<String> changed) {
        Path f = fileFor(key);
        try {
            FileStamp now = Files.exists(f) ? FileStamp.of(f) : null;
            if (now != null && now.equals(stamps.get(key))) {
                return;
            }
            // A file that now breaks the grammar no longer holds the key's record: the next full sync rewrites it.
            Optional<Found> e = now == null ? Optional.empty() : readEntry(f).flatMap(this::checked);
            if (e.isEmpty() || !key.equals(e.get().file().key())) {
                indexRemove(key);
                stamps.remove(key);
                vanished.add(key);
                return;
            }
            StoredDocument doc = e.get().doc();
            stamps.put(key, e.get().file().stamp());
            if (!doc.equals(indexed(key))) {
                indexPut(key, doc);
                changed.add(key);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public StoreResult upsert(String key, StoredDocument doc) {
        requireLoaded();
        return locks.withLock(key, () -> {
            StoredDocument previous = indexed(key);
            if (doc.equals(previous)) {
                return StoreResult.UNCHANGED;
            }
            write(key, doc);
            indexPut(key, doc);
            return previous == null ? StoreResult.CREATED : StoreResult.UPDATED;
        });
    }

    @Override
    public Optional<StoredDocument> remove(String key) {
        requireLoaded();
        return locks.withLock(key, () -> {
            StoredDocument previous = indexed(key);
            if (previous == null) {
                return Optional.empty();
            }
            try {
                Files.deleteIfExists(fileFor(key));
                directoryChanged();
                stamps.remove(key);
            } catch (IOException e) {
                throw new StoreException("cannot remove " + key + " from " + dir + ": " + e.getMessage(), e);
            }
            indexRemove(key);
            return Optional.of(previous);
        });
    }

    @Override
    public String describe() {
        return "File store in " + dir;
    }

    /** The directory this store writes to. */
    public Path directory() {
        return dir;
    }

    /** File name of a key: readable prefix plus a hash, unique per key and safe on any file system. */
    static String fileName(String key) {
        String readable = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
        if (readable.length() > 60) {
            readable = readable.substring(0, 60);
        }
        if (readable.startsWith(".")) {
            readable = "-" + readable.substring(1);
        }
        return readable + "-" + sha256(key).substring(0, 16) + SUFFIX;
    }

    private Path fileFor(String key) {
        return dir.resolve(fileName(key));
    }

    private void write(String key, StoredDocument doc) {
        Path target = fileFor(key);
        Path tmp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + TMP_SUFFIX);
        try {
            // The directory itself may have been deleted behind the store's back (refresh() then saw every key go).
            Files.createDirectories(dir);
            byte[] bytes = DocumentCodec.mapper().writeValueAsBytes(new FileEntry(key, DocumentCodec.toRecord(doc)));
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            directoryChanged();
            stamps.put(key, FileStamp.of(target));
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the next load deletes it
            }
            throw new StoreException("cannot write " + key + " to " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * One directory fsync for every write {@code writes} makes on this thread, when it ends (each file is still
     * fsynced before its rename): a batch of 100 upserts costs one directory fsync, not 100.
     */
    @Override
    public <T> T writeTogether(Supplier<T> writes) {
        if (batch.get() != null) {
            return writes.get();
        }
        Batch b = new Batch();
        batch.set(b);
        try {
            return writes.get();
        } finally {
            batch.remove();
            if (b.directoryChanged) {
                syncDirectory();
            }
        }
    }

    /** A rename or delete happened: durable now, or at the end of the batch this thread writes in. */
    private void directoryChanged() {
        Batch b = batch.get();
        if (b != null) {
            b.directoryChanged = true;
        } else {
            syncDirectory();
        }
    }

    /** Makes the rename itself durable; without it a crash could bring back the old directory entry. */
    private void syncDirectory() {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some platforms cannot open directories; the rename is still atomic there.
            LOG.debugf("directory fsync not supported for %s: %s", dir, e.getMessage());
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
