package org.confero.testsuite.support;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** TLS to the test server: its own certificate as the only trust anchor, never "trust everything". */
public final class TestServerTls {

    private TestServerTls() {
    }

    /** The test server's certificate (ensure-tls.sh wrote it next to the keystore under confero.test.data). */
    public static SSLContext context() throws Exception {
        return context(Path.of(System.getProperty("confero.test.data"), "tls", "confero.crt"));
    }

    /** Another server's certificate (PEM) as the only trust anchor. */
    public static SSLContext context(Path certificate) throws Exception {
        KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
        anchors.load(null, null);
        try (InputStream pem = Files.newInputStream(certificate)) {
            anchors.setCertificateEntry("confero", CertificateFactory.getInstance("X.509").generateCertificate(pem));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(anchors);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
