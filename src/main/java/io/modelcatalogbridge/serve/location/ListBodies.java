package io.modelcatalogbridge.serve.location;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The two {@code /list} bodies of the listed documents, serialised once per change of the listed set and only when
 * asked for: with 10,000 documents, a {@code /list} between two changes costs no serialisation and no copy, and a
 * burst of pushes costs nothing until the next {@code /list}. One builder at a time, so a {@code /list} storm after a
 * change serialises once, not once per request.
 */
final class ListBodies {

    private static final JsonFactory JSON = new JsonFactory();

    private final Collection<ServedDocument> listed;
    private final Object buildLock = new Object();
    private final Cached goEra =
            new Cached(() -> uris(d -> true, d -> d.key().goEraUri(d.format().fileName())));
    private final Cached current = new Cached(
            () -> uris(d -> d.format() == DocumentFormat.JSON, d -> d.key().currentKey()));
    private volatile long version;

    /** @param listed a live view of the listed documents (a concurrent collection) */
    ListBodies(Collection<ServedDocument> listed) {
        this.listed = listed;
    }

    /** Called after every change of the listed set: the next {@code /list} builds its body again. */
    void changed() {
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

    /** One body and the version of the listed set it was built from. */
    private final class Cached {
        private record Body(long version, byte[] bytes) {}

        private final Supplier<byte[]> build;
        private volatile Body body = new Body(-1, null);

        Cached(Supplier<byte[]> build) {
            this.build = build;
        }

        byte[] get() {
            Body b = body;
            if (b.version() == version) {
                return b.bytes();
            }
            synchronized (buildLock) {
                b = body;
                long v = version; // read before the documents: a change after this makes the next caller rebuild
                if (b.version() != v) {
                    b = new Body(v, build.get());
                    body = b;
                }
                return b.bytes();
            }
        }
    }

    private byte[] uris(Predicate<ServedDocument> include, Function<ServedDocument, String> uri) {
        String[] uris = listed.stream().filter(include).map(uri).toArray(String[]::new);
        Arrays.sort(uris);
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
