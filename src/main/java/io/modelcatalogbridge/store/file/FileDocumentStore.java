package io.modelcatalogbridge.store.file;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.modelcatalogbridge.store.DocumentCodec;
import io.modelcatalogbridge.store.IndexedDocumentStore;
import io.modelcatalogbridge.store.KeyLocks;
import io.modelcatalogbridge.store.PersistedRecord;
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
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * One file per key in a directory. A write goes to a temporary file in the same directory, is fsynced, renamed over
 * the target (atomic on POSIX file systems) and the directory is fsynced: after a crash at any moment a key's file
 * is either the old or the new complete record, never a partial one. Temporary files left by a crash are deleted at
 * load. Reads come from memory (loaded once), so listing 10,000 keys does not scan the disk.
 *
 * <p>File names are {@code <readable prefix>-<16 hex of SHA-256(key)>.json}; the key itself is inside the file, so
 * names stay safe on case-insensitive file systems and for any accepted key.
 */
public class FileDocumentStore extends IndexedDocumentStore {

    private static final Logger LOG = Logger.getLogger(FileDocumentStore.class);
    private static final String SUFFIX = ".json";
    private static final String TMP_SUFFIX = ".tmp";

    private final Path dir;
    private final KeyLocks locks = new KeyLocks(64);
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

    public FileDocumentStore(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** What one file holds: the key and the Go {@code /fetch} record. */
    @RegisterForReflection
    record FileEntry(
            @JsonProperty("key") String key,
            @JsonProperty("record") PersistedRecord record) {}

    /** A file as read: its entry and the stamp it had just before. */
    private record ReadFile(String key, PersistedRecord record, FileStamp stamp) {}

    @Override
    protected void loadBackend() {
        stamps.clear();
        try {
            Files.createDirectories(dir);
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path f : files) {
                    loadOne(f);
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot read storage directory " + dir + ": " + e.getMessage(), e);
        }
        LOG.infof("file store %s: %d documents", dir, indexSize());
    }

    private void loadOne(Path f) throws IOException {
        String name = f.getFileName().toString();
        if (name.endsWith(TMP_SUFFIX)) {
            // An unfinished write from a crash: its rename never happened, so no acknowledged data is in it.
            Files.deleteIfExists(f);
            return;
        }
        if (!name.endsWith(SUFFIX) || !Files.isRegularFile(f)) {
            return;
        }
        Optional<ReadFile> e = readEntry(f);
        if (e.isPresent()) {
            indexPut(e.get().key(), DocumentCodec.fromRecord(e.get().record()));
            stamps.put(e.get().key(), e.get().stamp());
        }
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
            return Optional.of(new ReadFile(e.key(), e.record(), stamp));
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException e) {
            // Only files written by something else can be broken (ours are renamed complete): keep them aside.
            Path aside = f.resolveSibling(name + ".corrupt");
            LOG.errorf("unreadable storage file %s moved to %s: %s", f, aside.getFileName(), e.getMessage());
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
                                    .ifPresent(e -> locks.withLock(e.key(), () -> {
                                        if (indexed(e.key()) == null) {
                                            indexPut(e.key(), DocumentCodec.fromRecord(e.record()));
                                            stamps.put(e.key(), e.stamp());
                                            appeared.add(e.key());
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
            Optional<ReadFile> e = now == null ? Optional.empty() : readEntry(f);
            if (e.isEmpty() || !key.equals(e.get().key())) {
                indexRemove(key);
                stamps.remove(key);
                vanished.add(key);
                return;
            }
            StoredDocument doc = DocumentCodec.fromRecord(e.get().record());
            stamps.put(key, e.get().stamp());
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
                syncDirectory();
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
            syncDirectory();
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
