package io.modelcatalogbridge.storageapi;

import java.net.http.HttpClient;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The JDK HTTP client storage forwards to location with. (Location and the normalizer reach storage over
 * {@link java.net.HttpURLConnection} instead: {@link StorageHttpClient}.)
 *
 * <p>Why not {@code HttpClient.newBuilder().build()}: without an {@link SSLContext} the JDK client builds the
 * default one ({@link SSLContext#getDefault()}) while it is constructed, even for an {@code http://} peer that never
 * speaks TLS — ~500 TLS, certificate and crypto classes plus the parsed system trust store, ~4 MiB of every sidecar's memory
 * at rest (docs/memory.md). A peer given as {@code http://} (the sidecars on one pod, the default) gets a context
 * that refuses every use instead: a plain-HTTP client never asks for one, and a redirect is never followed. A peer
 * given as {@code https://} gets the JDK default exactly as before: system trust roots and host-name verification.
 */
public final class PeerHttp {

    /**
     * How long an idle worker thread of a peer client lives. The JDK's default executor keeps idle workers 60 s, so
     * a normalizer at rest after a sync kept one thread (and its stack) per batch it had in flight; peer calls come
     * in bursts (a sync, a forward), and a burst reuses its threads well within this.
     */
    static final Duration WORKER_KEEP_ALIVE = Duration.ofSeconds(2);

    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private PeerHttp() {}

    /**
     * A client for the peer at {@code peerUrl} over HTTP/1.1. HTTP/1.1: the JDK client's default, HTTP/2 upgraded over cleartext, had
     * key-set POSTs of a 10,000-version sync fail with "GOAWAY received" when the role closed an upgraded connection
     * (bench/normalizer-scale.sh).
     */
    public static HttpClient client(String peerUrl, Duration connectTimeout) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .executor(workers());
        if (isPlainHttp(peerUrl)) {
            // Both are needed: without parameters the client asks the context for its defaults while it is built.
            builder.sslContext(NoTls.CONTEXT).sslParameters(new SSLParameters());
        }
        return builder.build();
    }

    /**
     * The client's worker threads: as many as it asks for (as the JDK's default, a cached pool: the client must
     * never be refused a thread), none kept when idle for {@link #WORKER_KEEP_ALIVE}.
     */
    static Executor workers() {
        String prefix = "peer-http-" + CLIENTS.incrementAndGet() + "-worker-";
        AtomicInteger threads = new AtomicInteger();
        return new ThreadPoolExecutor(
                0,
                Integer.MAX_VALUE,
                WORKER_KEEP_ALIVE.toMillis(),
                TimeUnit.MILLISECONDS,
                new SynchronousQueue<>(),
                r -> {
                    Thread t = new Thread(r, prefix + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Whether the peer's URL (as configured, not yet parsed: a bad one fails where it is used) is {@code http://}. */
    static boolean isPlainHttp(String peerUrl) {
        return peerUrl.regionMatches(true, 0, "http://", 0, "http://".length());
    }

    /** The context of a plain-HTTP peer: any use is a bug, so it fails loudly rather than talk TLS unverified. */
    static final class NoTls extends SSLContextSpi {

        static final SSLContext CONTEXT = new SSLContext(new NoTls(), null, "none") {};

        private static IllegalStateException refused() {
            return new IllegalStateException("TLS is not configured for an http:// peer");
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) throws KeyManagementException {
            throw refused();
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            throw refused();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            throw refused();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            throw refused();
        }
    }
}
