package io.modelcatalogbridge.source.kfmr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcatalogbridge.testing.KfmrRecords;
import io.modelcatalogbridge.testing.StubModelRegistry;
import io.modelcatalogbridge.testing.StubModelRegistry.RecordedRequest;
import io.modelcatalogbridge.testing.Waits;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KfmrClientTest {

    private StubModelRegistry stub;

    static RegisteredModel rm(int id) {
        return rm(id, "model-" + id);
    }

    static RegisteredModel rm(int id, String name) {
        return new RegisteredModel(
                Integer.toString(id),
                name,
                null,
                null,
                null,
                "1740000000000",
                "1740000000000",
                "kube:admin",
                "LIVE",
                null,
                null,
                null,
                null);
    }

    static ModelVersion mv(int id, int rmId) {
        return new ModelVersion(
                Integer.toString(id),
                "v" + id,
                null,
                null,
                null,
                "1740000000000",
                "1740000000000",
                Integer.toString(rmId),
                "LIVE",
                null);
    }

    static RegistryContents registry(int models) {
        List<RegisteredModel> rms = IntStream.rangeClosed(1, models)
                .map(i -> 10 * i)
                .mapToObj(KfmrClientTest::rm)
                .toList();
        List<ModelVersion> mvs = IntStream.rangeClosed(1, models)
                .mapToObj(i -> mv(10 * i + 1, 10 * i))
                .toList();
        CatalogModel card = new CatalogModel(
                "rhelai1/granite 3", "redhat_ai_models", "d", "# card", "Red Hat", null, null, null, null);
        return new RegistryContents("r", rms, mvs, Map.of(), List.of(), List.of(), List.of(card));
    }

    @BeforeEach
    void start() {
        stub = StubModelRegistry.start(registry(5));
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private KfmrClientSettings settings() {
        return KfmrClientSettings.of(stub.url())
                .withCatalogUrl(stub.url())
                .withPageSize(2)
                .withRetries(3, Duration.ofMillis(1));
    }

    private KfmrClient client() {
        return new KfmrClient(settings());
    }

    private static List<String> ids(List<RegisteredModel> models) {
        return models.stream().map(RegisteredModel::id).toList();
    }

    @Test
    void everyPageIsCollectedInIdOrder() {
        List<RegisteredModel> models = client().listRegisteredModels();
        assertEquals(List.of("10", "20", "30", "40", "50"), ids(models));
        assertEquals(3, stub.count("/registered_models"), "5 items at pageSize 2 take 3 pages");
    }

    @Test
    void aSecondReadSeesWhatChangedOnAnyPageAndReusesTheItemsOfUnchangedPages() {
        KfmrClient c = client();
        List<RegisteredModel> first = c.listRegisteredModels();
        // Same length, one character different, on the second of three pages.
        stub.mutate(r -> new RegistryContents(
                r.registryId(),
                r.registeredModels().stream()
                        .map(m -> m.id().equals("30") ? rm(30, "model-X") : m)
                        .toList(),
                r.modelVersions(),
                r.artifactsByVersion(),
                r.inferenceServices(),
                r.servingEnvironments(),
                r.catalogModels()));
        List<RegisteredModel> second = c.listRegisteredModels();
        assertEquals(List.of("model-10", "model-20", "model-X", "model-40", "model-50"), names(second));
        assertEquals(6, stub.count("/registered_models"), "every page is asked for again");
        assertSame(first.get(0), second.get(0), "an unchanged page is not parsed again");
        assertSame(first.get(4), second.get(4));
        assertNotSame(first.get(3), second.get(3), "a page that changed is parsed again, all of it");
        assertEquals(first.get(3), second.get(3));
        assertEquals(
                List.of("model-10", "model-20", "model-X", "model-40", "model-50"), names(c.listRegisteredModels()));
    }

    @Test
    void aReadThatFailsHalfWayLeavesTheLastCompleteReadToCompareWith() {
        KfmrClient c = new KfmrClient(settings().withRetries(1, Duration.ofMillis(1)));
        List<RegisteredModel> first = c.listRegisteredModels();
        stub.faults().failPage("/registered_models", 2, 503);
        stub.mutate(r -> new RegistryContents(
                r.registryId(),
                r.registeredModels().subList(0, 4),
                r.modelVersions(),
                r.artifactsByVersion(),
                r.inferenceServices(),
                r.servingEnvironments(),
                r.catalogModels()));
        assertThrows(KfmrException.class, c::listRegisteredModels);
        stub.faults().clear();
        List<RegisteredModel> after = c.listRegisteredModels();
        assertEquals(List.of("10", "20", "30", "40"), ids(after), "model 50 is gone, as the registry says");
        assertSame(first.get(0), after.get(0));
    }

    /**
     * A sync's read asks for every page of the last complete read at once, by the tokens that read followed, instead
     * of waiting for each page's token: all three pages are asked for while the registry has answered none.
     */
    @Test
    void aLaterReadAsksForThePagesOfTheLastReadAtOnceAndAsksForNoPageTwice() throws Exception {
        KfmrClient c = client();
        List<RegisteredModel> first = c.listRegisteredModels();
        stub.resetRequests();
        CountDownLatch release = new CountDownLatch(1);
        stub.faults().hangUntil("/registered_models", release);
        CompletableFuture<List<RegisteredModel>> second = CompletableFuture.supplyAsync(c::listRegisteredModels);
        try {
            Waits.await().until(() -> stub.count("/registered_models") == 3);
        } finally {
            release.countDown();
        }
        assertEquals(ids(first), ids(second.get(Waits.DEFAULT.toSeconds(), TimeUnit.SECONDS)));
        assertEquals(3, stub.count("/registered_models"), "each page once");
        assertSame(first.get(4), c.listRegisteredModels().get(4), "the memo of unchanged pages still applies");
    }

    /**
     * Pages fetched by the last read's tokens are used only where the chain of tokens the registry hands out now
     * reaches them: a model removed from the first page moves every later page, and the read follows the new tokens
     * (taking the old tokens' pages would list model 30 twice).
     */
    @Test
    void aListThatChangedBeforeTheGuessedPagesIsReadByItsNewTokens() {
        KfmrClient c = client();
        c.listRegisteredModels();
        stub.mutate(r -> new RegistryContents(
                r.registryId(),
                r.registeredModels().stream().filter(m -> !m.id().equals("20")).toList(),
                r.modelVersions(),
                r.artifactsByVersion(),
                r.inferenceServices(),
                r.servingEnvironments(),
                r.catalogModels()));
        assertEquals(List.of("10", "30", "40", "50"), ids(c.listRegisteredModels()));
        stub.addRegisteredModel(rm(60));
        assertEquals(List.of("10", "30", "40", "50", "60"), ids(c.listRegisteredModels()), "a new last page too");
    }

    private static List<String> names(List<RegisteredModel> models) {
        return models.stream().map(RegisteredModel::name).toList();
    }

    @Test
    void everyListRequestSendsPageSizeOrderAndSortAndFollowsTheToken() {
        client().listModelVersions();
        List<RecordedRequest> reqs = stub.requests();
        assertEquals(3, reqs.size());
        for (RecordedRequest r : reqs) {
            assertEquals("/model_versions", r.path());
            assertEquals("2", r.query().get("pageSize"));
            assertEquals("ID", r.query().get("orderBy"));
            assertEquals("ASC", r.query().get("sortOrder"));
        }
        assertNull(reqs.get(0).query().get("nextPageToken"));
        assertFalse(reqs.get(1).query().get("nextPageToken").isEmpty());
        assertTrue(reqs.get(1).rawPath().startsWith(StubModelRegistry.REGISTRY_API));
    }

    @Test
    void apiPathIsNotAppendedTwice() {
        KfmrClient c = new KfmrClient(settings().withCatalogUrl(null).withPageSize(100));
        KfmrClient same = new KfmrClient(KfmrClientSettings.of(stub.url() + "/api/model_registry/v1alpha3/"));
        assertEquals(c.registryApiUrl(), same.registryApiUrl());
        assertEquals(5, same.listRegisteredModels().size());
    }

    @Test
    void versionsOfOneModelAndArtifactsOfOneVersionUseTheirPaths() {
        stub.mutate(c ->
                KfmrRecords.withArtifacts(c, Map.of("11", List.of(KfmrRecords.artifact("1", "a", "s3://x", null)))));
        KfmrClient c = client();
        assertEquals(
                List.of("11"),
                c.listModelVersions("10").stream().map(ModelVersion::id).toList());
        assertEquals("s3://x", c.listArtifacts("11").get(0).uri());
        assertEquals(
                Map.of("/model_versions/{id}/artifacts", 1L, "/registered_models/{id}/versions", 1L),
                c.requestCounts());
    }

    @Test
    void serverErrorsAreRetriedThenSucceed() {
        stub.faults().failTimes("/registered_models", 500, 2);
        assertEquals(5, client().listRegisteredModels().size());
        assertEquals(2 + 3, stub.count("/registered_models"));
    }

    @Test
    void persistentServerErrorFailsAfterTheLastAttemptWithUrlStatusAndServerMessage() {
        stub.faults().failAlways("/inference_services", 503);
        KfmrHttpException e = assertThrows(KfmrHttpException.class, () -> client().listInferenceServices());
        assertEquals(503, e.status());
        assertTrue(
                e.getMessage().contains(stub.url() + "/api/model_registry/v1alpha3/inference_services"),
                e.getMessage());
        assertTrue(e.getMessage().contains("after 3 attempts: Service Unavailable: injected fault"), e.getMessage());
        assertEquals(3, stub.count("/inference_services"));
    }

    @Test
    void unauthorizedIsAnAuthErrorNamingTheUrlNeverTheTokenAndIsNotRetried() {
        stub.requireToken("right-token");
        KfmrClient c = new KfmrClient(settings().withToken("wrong-token-s3cr3t"));
        KfmrAuthException e = assertThrows(KfmrAuthException.class, c::listRegisteredModels);
        assertEquals(401, e.status());
        assertTrue(e.getMessage().contains(stub.url()), e.getMessage());
        assertTrue(e.getMessage().contains("401"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
        assertEquals(1, stub.count("/registered_models"));
    }

    @Test
    void forbiddenIsAnAuthErrorToo() {
        stub.faults().failAlways("/serving_environments", 403);
        KfmrAuthException e = assertThrows(KfmrAuthException.class, () -> client().listServingEnvironments());
        assertEquals(403, e.status());
    }

    @Test
    void bearerTokenIsSentAndReReadOnEveryRequest() {
        AtomicReference<String> token = new AtomicReference<>("token-1\n");
        stub.requireToken("token-1");
        KfmrClient c = new KfmrClient(settings().withToken(() -> Optional.of(token.get())));
        assertEquals(5, c.listRegisteredModels().size());
        token.set("token-2");
        stub.requireToken("token-2");
        assertEquals(5, c.listRegisteredModels().size());
        assertTrue(stub.requests().stream().allMatch(r -> r.authorization().startsWith("Bearer token-")));
    }

    @Test
    void otherClientErrorsNameUrlStatusAndTheKfmrErrorBody() {
        KfmrHttpException e = assertThrows(KfmrHttpException.class, () -> client().listArtifacts("999"));
        assertEquals(404, e.status());
        assertTrue(e.getMessage().contains("/model_versions/999/artifacts"), e.getMessage());
        assertTrue(e.getMessage().endsWith("404: Not Found: model version 999 not found"), e.getMessage());
        assertEquals(1, stub.count("/model_versions/999/artifacts"), "4xx is not retried");
    }

    @Test
    void connectionRefusedIsOneClearLineNamingTheUrl() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port;
        KfmrClient c = new KfmrClient(KfmrClientSettings.of(url).withRetries(2, Duration.ofMillis(1)));
        KfmrConnectionException e = assertThrows(KfmrConnectionException.class, c::listRegisteredModels);
        assertTrue(
                e.getMessage().startsWith("cannot reach model registry at " + url + "/api/model_registry"),
                e.getMessage());
        assertTrue(e.getMessage().contains("connection refused"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void unknownHostIsNamedAsSuch() {
        KfmrClient c = new KfmrClient(
                KfmrClientSettings.of("http://no-such-registry.invalid").withRetries(1, Duration.ofMillis(1)));
        KfmrConnectionException e = assertThrows(KfmrConnectionException.class, c::listRegisteredModels);
        assertTrue(e.getMessage().contains(": unknown host no-such-registry.invalid"), e.getMessage());
    }

    @Test
    void slowAnswersTimeOutAndAreRetried() {
        stub.faults().delay("/registered_models", Duration.ofSeconds(3));
        KfmrClient c = new KfmrClient(settings()
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(200))
                .withRetries(2, Duration.ofMillis(1)));
        KfmrConnectionException e = assertThrows(KfmrConnectionException.class, c::listRegisteredModels);
        assertTrue(e.getMessage().contains("timed out"), e.getMessage());
        assertEquals(2, stub.count("/registered_models"));
    }

    /** A slow request is reported the moment it passes the threshold, while it keeps waiting for its answer. */
    @Test
    void aRequestStillWaitingIsReportedAtOnceAndKeepsWaiting() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        stub.faults().hangUntil("/registered_models", release);
        AtomicReference<String> reported = new AtomicReference<>();
        KfmrClient c = client();
        c.limitTo(new ReadBounds(Optional.empty(), Duration.ofMillis(50), (uri, waited) -> reported.set(uri + "")));
        try {
            CompletableFuture<List<RegisteredModel>> read = CompletableFuture.supplyAsync(c::listRegisteredModels);
            Waits.await("slow request reported").until(() -> reported.get() != null);
            assertTrue(reported.get().contains("/registered_models"), reported.get());
            assertFalse(read.isDone(), "reported while still waiting");
            release.countDown();
            assertEquals(
                    5,
                    read.get(Waits.seconds(30).toMillis(), TimeUnit.MILLISECONDS)
                            .size());
        } finally {
            release.countDown();
        }
    }

    /**
     * A request waits on the reading thread: no thread is started per request (JDK 17's {@code sendAsync} started one
     * per request with fewer than three CPUs, 10,000 for a 10,000-version sync).
     */
    @Test
    void requestsStartNoThreadEach() {
        KfmrClient c = client();
        c.listRegisteredModels(); // the client's and the stub's own threads exist from here on
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long before = threads.getTotalStartedThreadCount();
        for (int i = 0; i < 200; i++) {
            assertEquals(5, c.listRegisteredModels().size());
        }
        long started = threads.getTotalStartedThreadCount() - before;
        assertTrue(started < 50, started + " threads started for 200 requests");
    }

    /**
     * A registry that sends its headers and then stalls in the body is cut at the request timeout (the HTTP client's
     * own timeout stops at the headers), and the reading thread is left as it was: not interrupted, free to read on.
     */
    @Test
    void aBodyThatStallsTimesOutAndLeavesTheReaderUninterrupted() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (ServerSocket server = new ServerSocket(0)) {
            Thread stalling = new Thread(() -> {
                try (Socket socket = server.accept()) {
                    socket.getInputStream().read(new byte[8192]);
                    socket.getOutputStream()
                            .write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"
                                            + "{\"items\":[")
                                    .getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                    release.await();
                } catch (IOException | InterruptedException e) {
                    // the test is over
                }
            });
            stalling.setDaemon(true);
            stalling.start();
            KfmrClient c = new KfmrClient(KfmrClientSettings.of("http://127.0.0.1:" + server.getLocalPort())
                    .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300))
                    .withRetries(1, Duration.ofMillis(1)));
            KfmrConnectionException e = assertThrows(KfmrConnectionException.class, c::listRegisteredModels);
            assertTrue(e.getMessage().contains("timed out"), e.getMessage());
            assertFalse(Thread.currentThread().isInterrupted(), "the timeout's interrupt does not outlive the request");
            KfmrClient healthy = client();
            assertEquals(5, healthy.listRegisteredModels().size());
        } finally {
            release.countDown();
        }
    }

    /**
     * A registry that trickles its body, each byte well within the request timeout but the whole far past it, is cut
     * once the timeout has passed rather than read for as long as it keeps trickling.
     */
    @Test
    void aBodyThatTricklesIsCutOnceTheRequestTimeoutHasPassed() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger sent = new AtomicInteger();
        int length = 1000;
        try (ServerSocket server = new ServerSocket(0)) {
            Thread trickling = new Thread(() -> {
                try (Socket socket = server.accept()) {
                    socket.getInputStream().read(new byte[8192]);
                    OutputStream out = socket.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + length
                                    + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    for (int i = 0; i < length && release.getCount() > 0; i++) {
                        out.write(' ');
                        out.flush();
                        sent.incrementAndGet();
                        release.await(50, TimeUnit.MILLISECONDS);
                    }
                } catch (IOException | InterruptedException e) {
                    // the client hung up, or the test is over
                }
            });
            trickling.setDaemon(true);
            trickling.start();
            KfmrClient c = new KfmrClient(KfmrClientSettings.of("http://127.0.0.1:" + server.getLocalPort())
                    .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300))
                    .withRetries(1, Duration.ofMillis(1)));
            KfmrConnectionException e = assertThrows(KfmrConnectionException.class, c::listRegisteredModels);
            assertTrue(e.getMessage().contains("timed out"), e.getMessage());
            assertTrue(sent.get() < length, "cut before the whole body arrived (" + sent.get() + " bytes sent)");
        } finally {
            release.countDown();
        }
    }

    /** The read's deadline cuts the request in flight, starts no retry, and no later request of the read. */
    @Test
    void theReadDeadlineCutsARequestInFlightAndStartsNoOther() {
        CountDownLatch release = new CountDownLatch(1);
        stub.faults().hangUntil("/registered_models", release);
        KfmrClient c = client();
        c.limitTo(new ReadBounds(Optional.of(Instant.now().plusMillis(300)), Duration.ZERO, null));
        try {
            KfmrConnectionException e = assertThrows(KfmrConnectionException.class, c::listRegisteredModels);
            assertTrue(e.getMessage().contains("cut short by the sync deadline"), e.getMessage());
            assertEquals(1, stub.count("/registered_models"), "no retry after the deadline");
            KfmrConnectionException next = assertThrows(KfmrConnectionException.class, c::listModelVersions);
            assertTrue(next.getMessage().contains("deadline passed before GET"), next.getMessage());
            assertEquals(0, stub.count("/model_versions"), "no request started after the deadline");
        } finally {
            release.countDown();
        }
    }

    @Test
    void repeatedNextPageTokenIsAnErrorNotAnEndlessLoop() {
        stub.faults().repeatNextPageToken("/registered_models");
        KfmrException e = assertThrows(KfmrException.class, () -> client().listRegisteredModels());
        assertTrue(e.getMessage().contains("nextPageToken"), e.getMessage());
        assertTrue(stub.count("/registered_models") <= 3);
    }

    @Test
    void failureInTheMiddleOfPagingFailsTheWholeList() {
        stub.faults().failPage("/registered_models", 2, 500);
        List<RegisteredModel> got = new ArrayList<>();
        assertThrows(KfmrHttpException.class, () -> got.addAll(client().listRegisteredModels()));
        assertTrue(got.isEmpty(), "no partial list is handed out");
        assertEquals(1 + 3, stub.count("/registered_models"));
    }

    @Test
    void catalogModelNameKeepsItsSlashAndEscapesEachSegment() {
        Optional<CatalogModel> card = client().getCatalogModel("redhat_ai_models", "rhelai1/granite 3");
        assertEquals("# card", card.orElseThrow().readme());
        RecordedRequest r = stub.requests().get(0);
        assertEquals("/api/model_catalog/v1alpha1/sources/redhat_ai_models/models/rhelai1/granite%203", r.rawPath());
    }

    @Test
    void missingCatalogModelIsEmptyNotAnError() {
        assertEquals(Optional.empty(), client().getCatalogModel("Red Hat", "rhelai1/unknown"));
        assertEquals(
                "/api/model_catalog/v1alpha1/sources/Red%20Hat/models/rhelai1/unknown",
                stub.requests().get(0).rawPath());
    }

    @Test
    void successBodyThatIsNotAListIsAFormatErrorNotAnEmptyRegistry() {
        stub.faults().failAlways("/registered_models", 200);
        KfmrFormatException e = assertThrows(KfmrFormatException.class, () -> client().listRegisteredModels());
        assertTrue(
                e.getMessage().startsWith(stub.url() + "/api/model_registry/v1alpha3/registered_models?"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("not a KFMR list: no \"items\" array"), e.getMessage());
    }

    @Test
    void settingsNeverPrintTheToken() {
        assertFalse(settings().withToken("s3cr3t").toString().contains("s3cr3t"));
    }
}
