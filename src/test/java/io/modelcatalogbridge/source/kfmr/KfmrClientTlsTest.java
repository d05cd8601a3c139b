package io.modelcatalogbridge.source.kfmr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcatalogbridge.testing.SelfSignedCertificate;
import io.modelcatalogbridge.testing.StubModelRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KfmrClientTlsTest {

    @TempDir
    static Path dir;

    static SelfSignedCertificate cert;
    static StubModelRegistry stub;

    @BeforeAll
    static void start() {
        cert = SelfSignedCertificate.generate(dir);
        stub = StubModelRegistry.startHttps(KfmrClientTest.registry(3), cert.serverContext());
    }

    @AfterAll
    static void stop() {
        stub.close();
    }

    private static KfmrClientSettings settings() {
        return KfmrClientSettings.of(stub.url()).withRetries(3, Duration.ofMillis(1));
    }

    @Test
    void selfSignedCertificateIsRejectedByDefault() {
        long before = stub.requests().size();
        KfmrConnectionException e =
                assertThrows(KfmrConnectionException.class, () -> new KfmrClient(settings()).listRegisteredModels());
        assertTrue(e.getMessage().startsWith("TLS handshake with " + stub.url()), e.getMessage());
        assertEquals(before, stub.requests().size(), "no request reached the server");
    }

    @Test
    void caBundleMakesTheCertificateTrusted() {
        assertEquals(
                3,
                new KfmrClient(settings().withCaBundle(cert.pem()))
                        .listRegisteredModels()
                        .size());
    }

    @Test
    void insecureOptOutAcceptsAnyCertificate() {
        assertEquals(
                3,
                new KfmrClient(settings().withInsecureSkipTlsVerify(true))
                        .listRegisteredModels()
                        .size());
    }

    @Test
    void caBundleKeepsHostnameVerificationWhileInsecureSkipsIt() {
        SelfSignedCertificate otherHost = SelfSignedCertificate.generate(dir, "dns:elsewhere.example.com");
        try (StubModelRegistry wrongName =
                StubModelRegistry.startHttps(KfmrClientTest.registry(1), otherHost.serverContext())) {
            KfmrClientSettings s = KfmrClientSettings.of(wrongName.url()).withRetries(1, Duration.ofMillis(1));
            KfmrConnectionException e = assertThrows(
                    KfmrConnectionException.class,
                    () -> new KfmrClient(s.withCaBundle(otherHost.pem())).listRegisteredModels());
            assertTrue(e.getMessage().startsWith("TLS handshake with "), e.getMessage());
            assertEquals(
                    1,
                    new KfmrClient(s.withInsecureSkipTlsVerify(true))
                            .listRegisteredModels()
                            .size());
        }
    }

    @Test
    void caBundleWithoutCertificatesIsAClearError() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        KfmrException e = assertThrows(
                KfmrException.class, () -> new KfmrClient(settings().withCaBundle(empty)));
        assertTrue(e.getMessage().contains("empty.pem"), e.getMessage());
    }
}
