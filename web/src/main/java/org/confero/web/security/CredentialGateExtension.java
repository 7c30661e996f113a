package org.confero.web.security;

import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;

import jakarta.servlet.ServletContext;

import java.time.Duration;

import org.confero.protocol.net.CidrList;
import org.confero.web.proxy.ForwardedHeaders;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Puts the {@link CredentialGate} into the deployment's outer handler chain, in front of the servlet security handlers
 * where Elytron's HTTP Basic runs (registered in {@code META-INF/services/io.undertow.servlet.ServletExtension}). A
 * setting below 1 fails the deployment, naming the property.
 */
public class CredentialGateExtension implements ServletExtension {

    static final String FAILURES_PER_SOURCE = "confero.login.failures.per.source";
    static final String FAILURES_PER_ACCOUNT = "confero.login.failures.per.account";
    static final String WINDOW_SECONDS = "confero.login.window.seconds";
    static final String PLAIN_HTTP_PEERS = "confero.http.credentials.peers";
    static final String TRUSTED_PROXIES = "confero.trusted.proxies";

    @Override
    public void handleDeployment(DeploymentInfo deploymentInfo, ServletContext servletContext) {
        Config config = ConfigProvider.getConfig(deploymentInfo.getClassLoader());
        int perSource = atLeastOne(config, FAILURES_PER_SOURCE, 10);
        int perAccount = atLeastOne(config, FAILURES_PER_ACCOUNT, 100);
        int windowSeconds = atLeastOne(config, WINDOW_SECONDS, 900);
        LoginAttempts attempts = new LoginAttempts(perSource, perAccount, Duration.ofSeconds(windowSeconds));
        ForwardedHeaders forwarded = new ForwardedHeaders(CidrList.parse(text(config, TRUSTED_PROXIES)));
        CidrList plainHttpPeers = CidrList.parse(text(config, PLAIN_HTTP_PEERS));
        deploymentInfo
                .addOuterHandlerChainWrapper(next -> new CredentialGate(next, forwarded, plainHttpPeers, attempts));
    }

    private static String text(Config config, String name) {
        return config.getOptionalValue(name, String.class).orElse("");
    }

    private static int atLeastOne(Config config, String name, int defaultValue) {
        int value = config.getOptionalValue(name, Integer.class).orElse(defaultValue);
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, not " + value);
        }
        return value;
    }
}
