package io.modelcatalogbridge.serve.location;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.ByteBuffer;
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

    /** {@code {"uris": ["/<seg1>/<seg2>/<file>", …]}}, sorted: a copy of the held body (tests and diagnostics). */
    byte[] goEra() {
        return goEra.get().copy();
    }

    /** {@code {"uris": ["<seg1>/<seg2>", …]}} of the JSON documents, sorted: a copy of the held body. */
    byte[] current() {
        return current.get().copy();
    }

    /** {@link #goEra()} as a buffer to answer with ({@link Body#answer()}). */
    Buffer goEraAnswer() {
        return goEra.get().answer();
    }

    /** {@link #current()} as a buffer to answer with ({@link Body#answer()}). */
    Buffer currentAnswer() {
        return current.get().answer();
    }

    /** The held body itself: the same object until the listed set changes (which tests observe). */
    ByteBuf held(boolean currentEra) {
        return (currentEra ? current : goEra).get().direct();
    }

    private static String goEraUri(ServedDocument d) {
        return d.key().goEraUri(d.format().fileName());
    }

    /**
     * One body and the version of the listed set it was built from, held once, outside the heap: a list of 10,000
     * URIs is ~350 KB, and a heap buffer is copied into a fresh native buffer by every response that writes it (a
     * body this large is beyond Netty's pools: an allocation, page faults and a copy per {@code /list}, and up to one
     * such buffer per connection waiting for its socket). A direct buffer goes to the socket as it is. The heap bytes
     * it was serialised into are garbage as soon as it is built (a second copy of every body on the heap cost 2 x
     * ~350 KB of old generation with 10,000 documents). It is freed by the garbage collector once no body or
     * response refers to it.
     */
    private record Body(long version, ByteBuf direct) {
        static Body of(long version, byte[] bytes) {
            ByteBuffer offHeap = ByteBuffer.allocateDirect(bytes.length);
            offHeap.put(bytes).flip();
            // Unreleasable: Netty releases what it wrote, and this buffer is written by every /list until the next
            // change; read-only: no response can alter it.
            return new Body(version, Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(offHeap.asReadOnlyBuffer())));
        }

        /** A view of the body for one response (its own read position; the bytes are shared, never copied). */
        Buffer answer() {
            return Buffer.buffer(direct.duplicate());
        }

        byte[] copy() {
            byte[] out = new byte[direct.readableBytes()];
            direct.getBytes(direct.readerIndex(), out);
            return out;
        }
    }

    private final class Cached {

        private final NavigableSet<String> uris;
        private volatile Body body = new Body(-1, null);

        Cached(NavigableSet<String> uris) {
            this.uris = uris;
        }

        Body get() {
            Body b = body;
            if (b.version() == version) {
                return b;
            }
            synchronized (buildLock) {
                b = body;
                long v = version; // read before the URIs: a change after this makes the next caller rebuild
                if (b.version() != v) {
                    b = Body.of(v, serialise(uris));
                    body = b;
                }
                return b;
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
