package io.modelcatalogbridge.source.kfmr;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The pages of the last complete read of each registry-wide list, by the SHA-256 of their bytes: a page the registry
 * answers with exactly the bytes of last time is not parsed again, its items are the objects read then. Every full
 * sync reads every page of a registry (level-triggered: nothing is taken from memory without asking the registry),
 * and at 10,000 versions parsing ~100 unchanged pages was most of a no-change sync's CPU and garbage. Equal bytes
 * parse to equal items, so this changes nothing that is read; the reuse also lets the mapping's comparison of the
 * whole contents with the last read stop at reference checks. Only a read that completed is kept (a failed read
 * keeps the one before). It also keeps the page tokens that read followed, which the next read fetches ahead
 * ({@link PagesAhead}). Thread-safe: different lists may be read at the same time.
 */
final class PageMemo {

    private final Map<String, LastRead> byPath = new ConcurrentHashMap<>();

    /** The pages of a list's last complete read by fingerprint, and the tokens of its pages after the first. */
    private record LastRead(Map<ByteBuffer, PagedList<?>> pages, List<String> tokens) {
        static final LastRead NONE = new LastRead(Map.of(), List.of());
    }

    /** Starts a read of the list at {@code path}. */
    <T> Reading<T> start(String path) {
        return new Reading<>(path, byPath.getOrDefault(path, LastRead.NONE));
    }

    /** One read of one list, page by page. */
    final class Reading<T> {
        private final String path;
        private final LastRead last;
        private final Map<ByteBuffer, PagedList<?>> now = new HashMap<>();
        private final List<String> tokens = new ArrayList<>();

        private Reading(String path, LastRead last) {
            this.path = path;
            this.last = last;
        }

        /** The page tokens the last complete read followed, in order (empty before one completed). */
        List<String> lastTokens() {
            return last.tokens();
        }

        /** The page of these bytes: the one read last time from the same bytes, else {@code parse}d now. */
        @SuppressWarnings("unchecked") // the pages of one path are all read as that path's item type
        PagedList<T> page(byte[] body, Function<byte[], PagedList<T>> parse) {
            ByteBuffer fingerprint = ByteBuffer.wrap(sha256(body));
            PagedList<T> page = (PagedList<T>) last.pages().get(fingerprint);
            if (page == null) {
                page = parse.apply(body);
            }
            now.put(fingerprint, page);
            if (page.hasNext()) {
                tokens.add(page.nextPageToken());
            }
            return page;
        }

        /** Every page was read: they and their tokens are what the next read compares with and fetches ahead. */
        void complete() {
            byPath.put(path, new LastRead(now, List.copyOf(tokens)));
        }
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
