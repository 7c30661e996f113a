package org.confero.cli;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.confero.client.ClientOptions;
import org.confero.client.http.ProxyConfiguration;
import org.confero.client.media.Transport;

/**
 * The options every command shares — which server, how to trust it, which proxy, which media transports — turned into
 * the client library's {@link ClientOptions}. Environment variables give defaults so that a script sets them once.
 */
public final class ClientSettings {

    public static final Set<String> VALUED = Set.of("server", "ca-cert", "proxy", "transport", "timeout",
            "zone-timeout", "admission-timeout", "panelist-code");
    public static final Set<String> FLAGS = Set.of("insecure", "no-proxy", "no-udp", "no-tcp", "no-tunnel",
            "no-udp-upgrade", "json");

    static final String DEFAULT_SERVER = "https://localhost:8443";
    /** How long a join waits in a waiting room for a host, as the client library's default: 15 minutes. */
    static final double ADMISSION_TIMEOUT_SECONDS = 900;

    private final URI server;
    private final ClientOptions options;
    private final ClientOptions.Builder builder;

    private ClientSettings(URI server, ClientOptions.Builder builder) {
        this.server = server;
        this.builder = builder;
        this.options = builder.build();
    }

    public static ClientSettings from(Arguments args, Map<String, String> env) throws UsageException {
        return from(args, env, args.option("server").orElse(env.getOrDefault("CONFERO_SERVER", DEFAULT_SERVER)));
    }

    /** With the server given explicitly ({@code confero probe <server>}). */
    public static ClientSettings from(Arguments args, Map<String, String> env, String serverText)
            throws UsageException {
        URI server = server(serverText);
        ClientOptions.Builder b = ClientOptions.builder();
        if (args.flag("insecure")) {
            b.trustAllCertificates(true);
        } else {
            Optional<String> ca = args.option("ca-cert").or(() -> Optional.ofNullable(env.get("CONFERO_CA_CERT")));
            if (ca.isPresent() && !ca.get().isBlank()) {
                Path file = Path.of(ca.get());
                if (!Files.isReadable(file)) {
                    throw new UsageException("cannot read the CA certificate " + file);
                }
                b.trustStore(file, new char[0]);
            }
        }
        if (args.flag("no-proxy")) {
            b.proxy(Optional.empty());
        } else if (args.option("proxy").isPresent()) {
            b.proxy(Optional.of(proxy(args.option("proxy").get())));
        }
        if (args.flag("no-udp")) {
            b.disable(Transport.UDP);
        }
        if (args.flag("no-tcp")) {
            b.disable(Transport.TCP);
        }
        if (args.flag("no-tunnel")) {
            b.tunnels(false);
        }
        if (args.flag("no-udp-upgrade")) {
            b.noUdpUpgrade();
        }
        Optional<String> only = args.option("transport");
        if (only.isPresent()) {
            b.force(transport(only.get()));
        }
        serverListDirectory(env).ifPresent(b::serverListDirectory);
        // Issue 23: joins a webinar on stage; the code comes from the webinar's panelist link.
        args.option("panelist-code").filter(c -> !c.isBlank()).ifPresent(b::panelistCode);
        b.httpTimeout(Duration.ofMillis((long) (args.secondsOption("timeout", 10, 0.1, 300) * 1000)));
        b.zoneSelectionTimeout(Duration.ofMillis((long) (args.secondsOption("zone-timeout", 5.5, 0.1, 60) * 1000)));
        b.admissionTimeout(Duration.ofMillis(
                (long) (args.secondsOption("admission-timeout", ADMISSION_TIMEOUT_SECONDS, 1, 86_400) * 1000)));
        try {
            return new ClientSettings(server, b);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    public URI server() {
        return server;
    }

    public ClientOptions options() {
        return options;
    }

    /** The same options for a webinar panelist with {@code code} (issue 23: {@code confero load --webinar}). */
    public ClientOptions panelistOptions(String code) {
        return builder.panelistCode(code).build();
    }

    static URI server(String text) throws UsageException {
        String withScheme = text.contains("://") ? text : "https://" + text;
        try {
            URI uri = URI.create(withScheme);
            if (uri.getHost() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new UsageException("not a server URL: '" + text + "' (e.g. https://meet.example.com)");
        }
    }

    /**
     * Where the server lists of deployments are kept between runs, so that a command fails over along the servers it
     * learned of even when the one it is given is down: {@code CONFERO_CACHE_DIR}, else
     * {@code $XDG_CACHE_HOME/confero}, else {@code ~/.cache/confero}.
     */
    static Optional<Path> serverListDirectory(Map<String, String> env) {
        Optional<Path> base = Optional.ofNullable(env.get("CONFERO_CACHE_DIR")).filter(d -> !d.isBlank()).map(Path::of)
                .or(() -> Optional.ofNullable(env.get("XDG_CACHE_HOME")).filter(d -> !d.isBlank())
                        .map(d -> Path.of(d, "confero")))
                .or(() -> Optional.ofNullable(env.get("HOME")).filter(d -> !d.isBlank())
                        .map(d -> Path.of(d, ".cache", "confero")));
        return base.map(dir -> dir.resolve("servers"));
    }

    /** {@code udp}, {@code tcp}, or {@code tls}/{@code websocket} for media over WebSocket on 443. */
    static Transport transport(String name) throws UsageException {
        switch (name.toLowerCase(Locale.ROOT)) {
        case "udp":
            return Transport.UDP;
        case "tcp":
            return Transport.TCP;
        case "tls":
        case "websocket":
        case "wss":
            return Transport.WEBSOCKET;
        default:
            throw new UsageException("--transport is udp, tcp or tls, not '" + name + "'");
        }
    }

    /** {@code host:port} or {@code http://host:port}, read as {@code HTTPS_PROXY} is, without exceptions. */
    static ProxyConfiguration proxy(String text) throws UsageException {
        try {
            Optional<ProxyConfiguration> proxy = ProxyConfiguration.from(new java.util.Properties(),
                    Map.of("HTTPS_PROXY", text));
            if (proxy.isPresent() && proxy.get().address().getHostString() != null && text.matches(".*:\\d+/?$")) {
                return proxy.get();
            }
        } catch (IllegalArgumentException e) {
            // falls through to the usage message
        }
        throw new UsageException("--proxy is host:port, not '" + text + "'");
    }
}
