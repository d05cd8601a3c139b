package io.modelcatalogbridge.source.kfmr;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/** Builds the {@link SSLContext} of the registry client: JDK trust roots, plus a CA bundle, or (opt-in) no checks. */
final class TlsContexts {

    private TlsContexts() {}

    /** JDK default trust roots plus every certificate of the PEM bundle; hostname verification stays on. */
    static SSLContext withCaBundle(Path pemBundle) {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int n = 0;
            for (X509Certificate jdkRoot : defaultTrustManager().getAcceptedIssuers()) {
                trust.setCertificateEntry("jdk-" + n++, jdkRoot);
            }
            int bundled = 0;
            for (Certificate cert : readPem(pemBundle)) {
                trust.setCertificateEntry("bundle-" + bundled++, cert);
            }
            if (bundled == 0) {
                throw new KfmrException("CA bundle " + pemBundle + " holds no certificate");
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new KfmrException("cannot use CA bundle " + pemBundle + ": " + e.getMessage(), e);
        }
    }

    /**
     * Trusts every certificate and skips hostname checks. An {@link X509ExtendedTrustManager} is used on purpose:
     * the JDK performs hostname verification inside the trust manager only for plain {@link X509TrustManager}s.
     */
    static SSLContext insecure() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new KfmrException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static Collection<? extends Certificate> readPem(Path pemBundle) throws IOException, CertificateException {
        if (!Files.isReadable(pemBundle)) {
            throw new KfmrException("CA bundle " + pemBundle + " is not a readable file");
        }
        try (InputStream in = Files.newInputStream(pemBundle)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
    }

    private static X509TrustManager defaultTrustManager() throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no default X509 trust manager");
    }

    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
