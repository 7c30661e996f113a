package org.confero.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code confero.node.url}: this server's own base URL, where a client reaches this server and no other (unlike
 * {@code confero.public.url}, which is a load balancer's when there is one). By default
 * {@code https://<bind address>:<HTTPS port>}: the HTTPS port is {@code jboss.https.port} (8443) plus the socket
 * binding offset, and a wildcard bind address is replaced by this host's name.
 */
@ApplicationScoped
public class NodeUrl {

    @Inject
    @ConfigProperty(name = "confero.node.url")
    Optional<String> configured;

    @Inject
    @ConfigProperty(name = "jboss.bind.address", defaultValue = "127.0.0.1")
    String bindAddress;

    @Inject
    @ConfigProperty(name = "jboss.https.port", defaultValue = "8443")
    int httpsPort;

    @Inject
    @ConfigProperty(name = "jboss.socket.binding.port-offset", defaultValue = "0")
    int portOffset;

    public String url() {
        return configured.map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> s.endsWith("/") ? s.substring(0, s.length() - 1) : s)
                .orElseGet(() -> "https://" + host() + ":" + (httpsPort + portOffset));
    }

    private String host() {
        if (!bindAddress.equals("0.0.0.0") && !bindAddress.equals("::") && !bindAddress.equals("[::]")) {
            return bindAddress.contains(":") && !bindAddress.startsWith("[") ? "[" + bindAddress + "]" : bindAddress;
        }
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
