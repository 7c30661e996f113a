package org.confero.web.tunnel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificates a tunnel accepts from the servers it calls: the JDK's default trust plus the deployment's own
 * certificate ({@code <confero.data.path>/tls/confero.crt}, which {@code ensure-tls.sh} writes and every server of a
 * cluster shares), so that tunnels reach servers with the self-signed development certificate too. Both become the
 * anchors of one standard PKIX trust manager, which keeps host name verification (the HTTP client asks for it).
 */
final class UpstreamTrust {

    private UpstreamTrust() {
    }

    static SSLContext context(Path deploymentCertificate) throws IOException, GeneralSecurityException {
        KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
        anchors.load(null, null);
        int n = 0;
        for (X509Certificate issuer : defaultIssuers()) {
            anchors.setCertificateEntry("jdk-" + n++, issuer);
        }
        if (Files.isRegularFile(deploymentCertificate)) {
            try (InputStream pem = Files.newInputStream(deploymentCertificate)) {
                for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
                    anchors.setCertificateEntry("deployment-" + n++, certificate);
                }
            }
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(anchors);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    /** The JDK's default anchors (its cacerts, or whatever {@code javax.net.ssl.trustStore} names). */
    private static X509Certificate[] defaultIssuers() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509.getAcceptedIssuers();
            }
        }
        return new X509Certificate[0];
    }
}
