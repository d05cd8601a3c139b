package io.modelcatalogbridge.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed certificate for {@code 127.0.0.1}/{@code localhost}, made with the JDK's {@code keytool}: a
 * server {@link SSLContext} for HTTPS stubs and the certificate as a PEM file to use as a CA bundle.
 */
public final class SelfSignedCertificate {

    private static final String PASSWORD = "changeit";

    private final Path keystore;
    private final Path pem;

    private SelfSignedCertificate(Path keystore, Path pem) {
        this.keystore = keystore;
        this.pem = pem;
    }

    /** Generates a new key pair and certificate for {@code 127.0.0.1} and {@code localhost} under {@code dir}. */
    public static SelfSignedCertificate generate(Path dir) {
        return generate(dir, "ip:127.0.0.1,dns:localhost");
    }

    /** Same, for other subject alternative names (keytool syntax, e.g. {@code dns:elsewhere.example.com}). */
    public static SelfSignedCertificate generate(Path dir, String subjectAltNames) {
        String name = "stub-" + Integer.toHexString(subjectAltNames.hashCode());
        Path keystore = dir.resolve(name + ".p12");
        Path pem = dir.resolve(name + "-ca.pem");
        String keytool =
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(List.of(
                keytool,
                "-genkeypair",
                "-alias",
                "stub",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=" + subjectAltNames,
                "-keystore",
                keystore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                PASSWORD,
                "-keypass",
                PASSWORD));
        run(List.of(
                keytool,
                "-exportcert",
                "-rfc",
                "-alias",
                "stub",
                "-keystore",
                keystore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                PASSWORD,
                "-file",
                pem.toString()));
        return new SelfSignedCertificate(keystore, pem);
    }

    /** The certificate (PEM), usable as a CA bundle. */
    public Path pem() {
        return pem;
    }

    /** Server-side context presenting this certificate. */
    public SSLContext serverContext() {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, PASSWORD.toCharArray());
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, PASSWORD.toCharArray());
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load stub keystore", e);
        }
    }

    private static void run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(Waits.seconds(60).toMillis(), TimeUnit.MILLISECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run keytool", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
