package io.modelcatalogbridge.serve.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

/**
 * The drain's view of a connection: which requests are in flight, and which must be refused because they arrived
 * after SIGTERM. A request that arrived before the drain began is answered even when the role's handler only gets
 * to it afterwards (under load the signal can land between its {@code 100 Continue} and the handler; it was then
 * refused with 503 while the client was sending its body).
 */
class RequestsInFlightTest {

    private final RequestsInFlight inFlight = new RequestsInFlight();

    private EmbeddedChannel connection() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.pipeline().addLast("handler", new ChannelInboundHandlerAdapter());
        inFlight.install(ch.pipeline());
        return ch;
    }

    private static DefaultHttpRequest request(String uri) {
        return new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, uri);
    }

    @Test
    void aRequestThatArrivedBeforeTheDrainIsAnsweredEvenIfItsHandlerRunsAfter() {
        EmbeddedChannel ch = connection();
        ch.writeInbound(request("/upsert?key=early"));
        assertEquals(1, inFlight.count());

        assertTrue(inFlight.startDraining());
        assertFalse(inFlight.startDraining(), "the drain starts once");
        assertFalse(inFlight.refuseAsLate(ch), "arrived before the drain: answered");

        ch.writeInbound(request("/upsert?key=late"));
        assertTrue(inFlight.refuseAsLate(ch), "arrived during the drain: 503");
        assertEquals(2, inFlight.count());

        ch.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CREATED));
        ch.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SERVICE_UNAVAILABLE));
        assertEquals(0, inFlight.count(), "both answered");
    }

    @Test
    void pipelinedRequestsAreJudgedEachByItsOwnArrival() {
        EmbeddedChannel ch = connection();
        ch.writeInbound(request("/a"));
        ch.writeInbound(request("/b"));
        inFlight.startDraining();
        ch.writeInbound(request("/c"));
        assertFalse(inFlight.refuseAsLate(ch), "/a");
        assertFalse(inFlight.refuseAsLate(ch), "/b");
        assertTrue(inFlight.refuseAsLate(ch), "/c");
    }

    @Test
    void withoutADrainNothingIsRefusedAndAClosedConnectionLeavesNothingInFlight() {
        EmbeddedChannel ch = connection();
        for (int i = 0; i < 3; i++) {
            ch.writeInbound(request("/r" + i));
            assertFalse(inFlight.refuseAsLate(ch));
        }
        assertEquals(3, inFlight.count());
        ch.close();
        assertEquals(0, inFlight.count());
        EmbeddedChannel other = connection();
        inFlight.startDraining();
        other.writeInbound(request("/new"));
        assertTrue(inFlight.refuseAsLate(other), "a new connection during the drain");
    }
}
