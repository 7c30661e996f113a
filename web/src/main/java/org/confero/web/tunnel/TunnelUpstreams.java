package org.confero.web.tunnel;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

import org.confero.router.RouterLoad;
import org.confero.router.MediaKeys;
import org.confero.router.RouterRegistry;
import org.confero.router.TunnelHopProof;
import org.confero.zone.Zones;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The upstream side of every HTTP tunnel of this server: one JDK HTTP client (HTTP and WebSocket), trusting the JDK's
 * anchors plus the deployment's certificate, never following redirects (a redirect could leave the allowed targets),
 * and the allowed targets from the zones (database) and the router registry (replicated cache), read again at most
 * every two seconds so that a burst of probes through a tunnel costs one query.
 */
@ApplicationScoped
public class TunnelUpstreams implements Upstream {

    private static final Logger LOG = Logger.getLogger(TunnelUpstreams.class);
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration TARGETS_TTL = Duration.ofSeconds(2);
    /** A refused target is checked again against fresh data once the snapshot is this old: a new zone works at once. */
    private static final Duration RECHECK_AFTER = Duration.ofMillis(250);
    /**
     * The HTTP client's completion work (no blocking calls): a few named threads serve every tunnel of the server.
     */
    private static final int THREADS = 4;

    @Inject
    @ConfigProperty(name = "confero.data.path", defaultValue = "${jboss.server.data.dir}/confero")
    String dataPath;

    @EJB
    private Zones zones;

    @EJB
    private RouterRegistry registry;

    @EJB
    private MediaKeys keys;

    private ExecutorService executor;
    private HttpClient client;
    private volatile Snapshot snapshot = new Snapshot(TunnelTargets.of(List.of(), List.of()), 0);

    private record Snapshot(TunnelTargets targets, long readAtNanos) {
    }

    @PostConstruct
    void start() {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory threads = task -> {
            Thread thread = new Thread(task, "confero-tunnel-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        executor = Executors.newFixedThreadPool(THREADS, threads);
        Path certificate = Path.of(dataPath, "tls", "confero.crt");
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).proxy(HttpClient.Builder.NO_PROXY)
                .executor(executor);
        try {
            SSLContext tls = UpstreamTrust.context(certificate);
            builder.sslContext(tls);
        } catch (IOException | GeneralSecurityException e) {
            LOG.warnf("HTTP tunnels trust the JDK's certificates only; %s is unusable: %s", certificate, e.toString());
        }
        client = builder.build();
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    @Override
    public Optional<URI> httpTarget(String url) {
        return targets(TARGETS_TTL).httpTarget(url).or(() -> targets(RECHECK_AFTER).httpTarget(url));
    }

    @Override
    public Optional<URI> webSocketTarget(String url) {
        return targets(TARGETS_TTL).webSocketTarget(url).or(() -> targets(RECHECK_AFTER).webSocketTarget(url));
    }

    @Override
    public CompletableFuture<HttpResponse<String>> exchange(HttpRequest request) {
        return client.sendAsync(request, info -> new LimitedBody(TunnelConnection.MAX_ANSWER_BYTES));
    }

    @Override
    public CompletableFuture<WebSocket> connect(URI target, WebSocket.Listener listener) {
        // Issue 22: the router counts the media of this channel as tunnel media once it checked this proof.
        return client.newWebSocketBuilder().connectTimeout(TIMEOUT).header(TunnelHopProof.HEADER, keys.tunnelHopProof())
                .buildAsync(target, listener);
    }

    private TunnelTargets targets(Duration maxAge) {
        Snapshot current = snapshot;
        long now = System.nanoTime();
        if (current.readAtNanos() != 0 && now - current.readAtNanos() < maxAge.toNanos()) {
            return current.targets();
        }
        List<String> routers = registry.routers().stream().map(RouterLoad::controlUrl).toList();
        TunnelTargets fresh = TunnelTargets.of(zones.activeControllerUrls(), routers);
        snapshot = new Snapshot(fresh, now == 0 ? 1 : now);
        return fresh;
    }
}
