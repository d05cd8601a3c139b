package io.modelcatalogbridge.serve.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Time limits of one HTTP/1.1 connection, so a slow or silent client cannot hold it (slowloris):
 *
 * <ul>
 *   <li>header: the head of a request (request line and headers) must be complete within {@code header} of its
 *       first byte (and of the connection's opening) — a total, so trickling one byte at a time does not help;</li>
 *   <li>body: a request body must be complete within {@code body} of the head;</li>
 *   <li>idle: between requests, a kept-alive connection may stay silent for {@code idle}.</li>
 * </ul>
 * While the application works on a request nothing is timed: a slow answer is not the client's fault. A deadline that
 * passes closes the connection. Vert.x has no such limits (its idle timeout would also cut requests the application
 * is still working on), so two Netty handlers watch the connection: one in front of the HTTP decoder sees the first
 * raw byte of each request, one behind it sees decoded requests and the end of each response.
 */
final class ConnectionDeadlines {

    private enum Phase {
        IDLE,
        HEAD,
        BODY,
        WORKING
    }

    private final long headerNanos;
    private final long bodyNanos;
    private final long idleNanos;
    private ChannelHandlerContext ctx;
    private Phase phase = Phase.HEAD;
    private ScheduledFuture<?> deadline;

    private ConnectionDeadlines(Duration header, Duration body, Duration idle) {
        this.headerNanos = header.toNanos();
        this.bodyNanos = body.toNanos();
        this.idleNanos = idle.toNanos();
    }

    /**
     * Adds the deadlines to a Vert.x HTTP/1.1 server connection's pipeline: the raw watcher first, the message
     * watcher right before Vert.x's own {@code handler}. Runs on the connection's event loop.
     */
    static void install(ChannelPipeline pipeline, Duration header, Duration body, Duration idle) {
        ConnectionDeadlines d = new ConnectionDeadlines(header, body, idle);
        pipeline.addFirst("bridgeRawDeadline", d.new RawWatcher());
        pipeline.addBefore("handler", "bridgeMessageDeadline", d.new MessageWatcher());
    }

    private void enter(Phase next, long nanos) {
        phase = next;
        cancel();
        if (nanos > 0 && ctx != null) {
            deadline = ctx.executor().schedule(this::expire, nanos, TimeUnit.NANOSECONDS);
        }
    }

    private void expire() {
        if (ctx != null && ctx.channel().isActive()) {
            ctx.close();
        }
    }

    private void cancel() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    /** A 1xx answer ({@code 100 Continue}): the request goes on, its body is still to come. */
    static boolean interim(Object msg) {
        return msg instanceof HttpResponse r && r.status().codeClass() == HttpStatusClass.INFORMATIONAL;
    }

    /** Sees raw bytes: the first byte of a request after a quiet spell starts the header deadline. */
    private final class RawWatcher extends ChannelInboundHandlerAdapter {
        @Override
        public void handlerAdded(ChannelHandlerContext context) {
            ctx = context;
            // A fresh connection must present its first request head within the header deadline.
            enter(Phase.HEAD, headerNanos);
        }

        @Override
        public void channelRead(ChannelHandlerContext context, Object msg) throws Exception {
            if (phase == Phase.IDLE && msg instanceof ByteBuf b && b.isReadable()) {
                enter(Phase.HEAD, headerNanos);
            }
            super.channelRead(context, msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext context) throws Exception {
            cancel();
            super.channelInactive(context);
        }
    }

    /** Sees decoded messages: a complete head ends the header phase, the body's end and the response's end follow. */
    private final class MessageWatcher extends ChannelDuplexHandler {
        @Override
        public void channelRead(ChannelHandlerContext context, Object msg) throws Exception {
            if (msg instanceof HttpRequest) {
                if (msg instanceof LastHttpContent) {
                    enter(Phase.WORKING, 0);
                } else {
                    enter(Phase.BODY, bodyNanos);
                }
            } else if (msg instanceof LastHttpContent && phase == Phase.BODY) {
                enter(Phase.WORKING, 0);
            }
            super.channelRead(context, msg);
        }

        @Override
        public void write(ChannelHandlerContext context, Object msg, ChannelPromise promise) throws Exception {
            if (msg instanceof LastHttpContent && !interim(msg)) {
                // The answer is complete: the connection waits for the client's next request.
                enter(Phase.IDLE, idleNanos);
            }
            super.write(context, msg, promise);
        }
    }
}
