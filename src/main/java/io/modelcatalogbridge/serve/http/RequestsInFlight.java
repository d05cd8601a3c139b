package io.modelcatalogbridge.serve.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AttributeKey;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the requests of all role listeners that are in flight: from the moment a request head is decoded until the
 * last part of its answer is written (or its connection closes). Counted on the wire, before Vert.x sees the request,
 * so a request is in flight before anything answers it — also its {@code 100 Continue}: a client that got one may
 * send its body during a drain and still be answered (a count taken in the request handler started just after that
 * interim answer, and a SIGTERM in between found nothing to wait for).
 */
final class RequestsInFlight {

    /** Per connection: requests that arrived before the drain began and have not reached the role's handler yet. */
    private static final AttributeKey<AtomicInteger> ADMITTED = AttributeKey.valueOf("bridgeAdmittedBeforeDrain");

    private final AtomicInteger count = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();

    int count() {
        return count.get();
    }

    /** Starts the drain; false if it had started already. */
    boolean startDraining() {
        return draining.compareAndSet(false, true);
    }

    /**
     * Whether the request about to be handled on {@code channel} must be refused because it arrived after the drain
     * began. Called once per request, in arrival order (HTTP/1.1 handles a connection's requests one after another).
     * A request that arrived before is answered even when its handler runs after the drain began: its {@code 100
     * Continue} may already have gone out, and on a busy machine the SIGTERM can land between that and the handler.
     */
    boolean refuseAsLate(Channel channel) {
        AtomicInteger admitted = channel.attr(ADMITTED).get();
        boolean early = admitted != null && admitted.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        return draining.get() && !early;
    }

    /** Watches one HTTP/1.1 server connection; runs on its event loop, right before Vert.x's {@code handler}. */
    void install(ChannelPipeline pipeline) {
        pipeline.channel().attr(ADMITTED).set(new AtomicInteger());
        pipeline.addBefore("handler", "bridgeRequestsInFlight", new Watcher());
    }

    /** One connection: its requests received and not yet answered (more than one when a client pipelines). */
    private final class Watcher extends ChannelDuplexHandler {
        private int open;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
            if (msg instanceof HttpRequest) {
                open++;
                count.incrementAndGet();
                if (!draining.get()) {
                    ctx.channel().attr(ADMITTED).get().incrementAndGet();
                }
            }
            super.channelRead(ctx, msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
            if (msg instanceof LastHttpContent && !ConnectionDeadlines.interim(msg) && open > 0) {
                open--;
                count.decrementAndGet();
            }
            super.write(ctx, msg, promise);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            count.addAndGet(-open);
            open = 0;
            super.channelInactive(ctx);
        }
    }
}
