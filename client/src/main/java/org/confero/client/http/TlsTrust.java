package org.confero.client.http;

import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Which server certificates the client accepts: the JDK's default trust (the only default), a trust store of the user's
 * choice (a company CA, a dev server's self-signed certificate), or — for tests only — everything.
 */
public final class TlsTrust {

    private TlsTrust() {
    }

    /** Empty means the JDK default context; callers leave it untouched rather than copying it. */
    public static Optional<SSLContext> context(boolean trustAll, Optional<Path> trustStore, char[] storePassword)
            throws IOException {
        try {
            if (trustAll) {
                return Optional.of(init(new TrustManager[] { new TrustEverything() }));
            }
            if (trustStore.isPresent()) {
                KeyStore store = load(trustStore.get(), storePassword);
                TrustManagerFactory factory = TrustManagerFactory
                        .getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init(store);
                return Optional.of(init(factory.getTrustManagers()));
            }
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS trust: " + e.getMessage(), e);
        }
    }

    /** A PEM file of certificates (a CA, a server's self-signed certificate), or a PKCS12/JKS trust store. */
    private static KeyStore load(Path file, char[] storePassword) throws IOException, GeneralSecurityException {
        byte[] content = Files.readAllBytes(file);
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        if (new String(content, 0, Math.min(content.length, 64), StandardCharsets.US_ASCII).contains("-----BEGIN")) {
            store.load(null, null);
            int n = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(content))) {
                store.setCertificateEntry("trusted-" + n++, certificate);
            }
            if (n == 0) {
                throw new IOException("no certificate in " + file);
            }
            return store;
        }
        // PKCS12 by default; JDK 17 reads JKS files through the same type as well (keystore.type.compat).
        store.load(new ByteArrayInputStream(content), storePassword);
        return store;
    }

    private static SSLContext init(TrustManager[] managers) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, managers, new SecureRandom());
        return context;
    }

    /**
     * Accepts any chain and, being an extended trust manager that ignores the endpoint identification algorithm, any
     * host name: that is where JSSE checks host names for java.net.http. Testing against self-signed servers only.
     */
    private static final class TrustEverything extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
