package io.modelcatalogbridge.serve.location;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.util.Collection;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The two {@code /list} bodies of the listed documents, serialised once per change of the listed set and only when
 * asked for: with 10,000 documents, a {@code /list} between two changes costs no serialisation and no copy, and a
 * burst of pushes costs nothing until the next {@code /list}. One builder at a time, so a {@code /list} storm after a
 * change serialises once, not once per request. The URIs of both lists are kept sorted as documents come and go (a
 * push moves one entry), so building a body after a change writes the entries in order: no per-rebuild sort or
 * URI formatting of every listed document (a client polling {@code /list} while pushes arrive cost a sort of 10,000
 * strings per poll).
 */
final class ListBodies {

    private static final JsonFactory JSON = new JsonFactory();

    /** Go-era URIs {@code /<seg1>/<seg2>/<file>} of every listed document. */
    private final NavigableSet<String> goEraUris = new ConcurrentSkipListSet<>();
    /** Current-era keys {@code <seg1>/<seg2>} of the listed JSON documents. */
    private final NavigableSet<String> currentUris = new ConcurrentSkipListSet<>();

    private final Object buildLock = new Object();
    private final Cached goEra = new Cached(goEraUris);
    private final Cached current = new Cached(currentUris);
    private volatile long version;

    /**
     * A document replaced {@code previous} (null: it is new), or {@code previous} left the list ({@code doc} null).
     * Called under the read model's write lock only; the next {@code /list} builds its body again.
     */
    void update(ServedDocument previous, ServedDocument doc) {
        if (previous != null) {
            goEraUris.remove(goEraUri(previous));
            currentUris.remove(previous.key().currentKey());
        }
        if (doc != null) {
            goEraUris.add(goEraUri(doc));
            if (doc.format() == DocumentFormat.JSON) {
                currentUris.add(doc.key().currentKey());
            }
        }
        version++; // only ever written under the read model's write lock
    }

    /** {@code {"uris": ["/<seg1>/<seg2>/<file>", …]}}, sorted. */
    byte[] goEra() {
        return goEra.get();
    }

    /** {@code {"uris": ["<seg1>/<seg2>", …]}} of the JSON documents, sorted. */
    byte[] current() {
        return current.get();
    }

    private static String goEraUri(ServedDocument d) {
        return d.key().goEraUri(d.format().fileName());
    }

    /** One body and the version of the listed set it was built from. */
    private final class Cached {
        private record Body(long version, byte[] bytes) {}

        private final NavigableSet<String> uris;
        private volatile Body body = new Body(-1, null);

        Cached(NavigableSet<String> uris) {
            this.uris = uris;
        }

        byte[] get() {
            Body b = body;
            if (b.version() == version) {
                return b.bytes();
            }
            synchronized (buildLock) {
                b = body;
                long v = version; // read before the URIs: a change after this makes the next caller rebuild
                if (b.version() != v) {
                    b = new Body(v, serialise(uris));
                    body = b;
                }
                return b.bytes();
            }
        }
    }

    private static byte[] serialise(Collection<String> uris) {
        int size = 16;
        for (String u : uris) {
            size += u.length() + 3;
        }
        try (ByteArrayBuilder out = new ByteArrayBuilder(size);
                JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("uris");
            for (String u : uris) {
                g.writeString(u);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("a list of strings always serialises", e);
        }
    }
}
