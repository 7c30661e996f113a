package org.confero.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.confero.client.http.ProxyConfiguration;
import org.confero.client.http.UrlRewrite;
import org.confero.client.media.Transport;
import org.confero.protocol.media.MediaType;

/**
 * Everything a client can tune, immutable. The defaults follow the connection process in ARCHITECTURE.md: 5 probes per
 * zone controller, 5.5 s for zone selection, UDP 2 s then TCP 3 s then WebSocket 5 s per media type, DSCP as Zoom's
 * (audio 56 EF-like, video and content 40), the JDK's certificate trust, the proxy from the environment, and up to 15
 * minutes in a meeting's waiting room.
 */
public final class ClientOptions {

    private final boolean trustAllCertificates;
    private final Optional<Path> trustStore;
    private final char[] trustStorePassword;
    private final Optional<ProxyConfiguration> proxy;
    private final int probesPerController;
    private final Duration probeTimeout;
    private final Duration zoneSelectionTimeout;
    private final Duration httpTimeout;
    private final Map<Transport, Duration> transportTimeouts;
    private final Set<Transport> transports;
    private final Map<MediaType, Integer> dscp;
    private final List<UrlRewrite> rewrites;
    private final Duration keepAliveInterval;
    private final boolean tunnels;
    private final Duration tunnelPingTimeout;
    private final Optional<Path> serverListDirectory;
    private final Optional<String> panelistCode;
    private final Duration admissionTimeout;
    private final Optional<Duration> udpUpgradeInterval;

    private ClientOptions(Builder b) {
        trustAllCertificates = b.trustAllCertificates;
        trustStore = b.trustStore;
        trustStorePassword = b.trustStorePassword.clone();
        proxy = b.proxy;
        probesPerController = b.probesPerController;
        probeTimeout = b.probeTimeout;
        zoneSelectionTimeout = b.zoneSelectionTimeout;
        httpTimeout = b.httpTimeout;
        transportTimeouts = Map.copyOf(b.transportTimeouts);
        transports = Set.copyOf(b.transports);
        dscp = Map.copyOf(b.dscp);
        rewrites = List.copyOf(b.rewrites);
        keepAliveInterval = b.keepAliveInterval;
        tunnels = b.tunnels;
        tunnelPingTimeout = b.tunnelPingTimeout;
        serverListDirectory = b.serverListDirectory;
        panelistCode = b.panelistCode;
        admissionTimeout = b.admissionTimeout;
        udpUpgradeInterval = b.udpUpgradeInterval;
    }

    public static ClientOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean trustAllCertificates() {
        return trustAllCertificates;
    }

    public Optional<Path> trustStore() {
        return trustStore;
    }

    public char[] trustStorePassword() {
        return trustStorePassword.clone();
    }

    public Optional<ProxyConfiguration> proxy() {
        return proxy;
    }

    public int probesPerController() {
        return probesPerController;
    }

    public Duration probeTimeout() {
        return probeTimeout;
    }

    public Duration zoneSelectionTimeout() {
        return zoneSelectionTimeout;
    }

    public Duration httpTimeout() {
        return httpTimeout;
    }

    public Duration timeout(Transport transport) {
        return transportTimeouts.get(transport);
    }

    /** The transports media may use; the order of trying is always UDP, TCP, WebSocket. */
    public Set<Transport> transports() {
        return transports;
    }

    public int dscp(MediaType type) {
        return dscp.get(type);
    }

    public List<UrlRewrite> rewrites() {
        return rewrites;
    }

    public Duration keepAliveInterval() {
        return keepAliveInterval;
    }

    /** Whether to fall back to the lookup's HTTP tunnels when no zone controller answers (default yes). */
    public boolean tunnels() {
        return tunnels;
    }

    /** How long the tunnel pings may take before the client gives up on tunnels (default 3 s). */
    public Duration tunnelPingTimeout() {
        return tunnelPingTimeout;
    }

    /** Where learned server lists are kept between runs; empty: nowhere (each run starts from the URL it is given). */
    public Optional<Path> serverListDirectory() {
        return serverListDirectory;
    }

    /** Issue 23: the webinar panelist code the lookups present (from a panelist link); empty: attendee or meeting. */
    public Optional<String> panelistCode() {
        return panelistCode;
    }

    /**
     * How long a join waits in the meeting's waiting room for a host to admit it before it gives up (default 15
     * minutes). Only a waiting room waits; a meeting without one admits at once.
     */
    public Duration admissionTimeout() {
        return admissionTimeout;
    }

    /**
     * How often media that joined over TCP or WebSocket tries UDP again, to move back to it once it works (default
     * every 3 s, jittered); empty: never.
     */
    public Optional<Duration> udpUpgradeInterval() {
        return udpUpgradeInterval;
    }

    public static final class Builder {
        private boolean trustAllCertificates;
        private Optional<Path> trustStore = Optional.empty();
        private char[] trustStorePassword = new char[0];
        private Optional<ProxyConfiguration> proxy = ProxyConfiguration.detect();
        private int probesPerController = 5;
        private Duration probeTimeout = Duration.ofSeconds(2);
        private Duration zoneSelectionTimeout = Duration.ofMillis(5500);
        private Duration httpTimeout = Duration.ofSeconds(10);
        private final Map<Transport, Duration> transportTimeouts = new EnumMap<>(
                Map.of(Transport.UDP, Duration.ofSeconds(2), Transport.TCP, Duration.ofSeconds(3), Transport.WEBSOCKET,
                        Duration.ofSeconds(5)));
        private final Set<Transport> transports = EnumSet.allOf(Transport.class);
        private final Map<MediaType, Integer> dscp = new EnumMap<>(
                Map.of(MediaType.AUDIO, 56, MediaType.VIDEO, 40, MediaType.CONTENT, 40));
        private final List<UrlRewrite> rewrites = new ArrayList<>();
        private Duration keepAliveInterval = Duration.ofSeconds(20);
        private boolean tunnels = true;
        private Duration tunnelPingTimeout = Duration.ofSeconds(3);
        private Optional<Path> serverListDirectory = Optional.empty();
        private Optional<String> panelistCode = Optional.empty();
        private Duration admissionTimeout = Duration.ofMinutes(15);
        private Optional<Duration> udpUpgradeInterval = Optional.of(Duration.ofSeconds(3));

        /** Every {@code interval} (jittered) media not on UDP tries UDP again; see {@link #noUdpUpgrade}. */
        public Builder udpUpgradeInterval(Duration interval) {
            this.udpUpgradeInterval = Optional.of(positive(interval));
            return this;
        }

        /** Media stays on the transport it joined on (or moved to in a failover). */
        public Builder noUdpUpgrade() {
            this.udpUpgradeInterval = Optional.empty();
            return this;
        }

        private Builder() {
        }

        public Builder admissionTimeout(Duration timeout) {
            this.admissionTimeout = positive(timeout);
            return this;
        }

        /** Keeps the deployments' server lists in {@code directory}, for failover in later runs too. */
        /** Joins webinars as a panelist with this code from the webinar's panelist link. */
        public Builder panelistCode(String code) {
            this.panelistCode = Optional.of(code);
            return this;
        }

        public Builder serverListDirectory(Path directory) {
            this.serverListDirectory = Optional.of(directory);
            return this;
        }

        public Builder tunnels(boolean useTunnels) {
            this.tunnels = useTunnels;
            return this;
        }

        public Builder tunnelPingTimeout(Duration timeout) {
            this.tunnelPingTimeout = positive(timeout);
            return this;
        }

        /**
         * Accepts any server certificate and host name. For tests against a self-signed development server only: anyone
         * on the path can then read the passcode, the join token and the media credentials.
         */
        public Builder trustAllCertificates(boolean trustAll) {
            this.trustAllCertificates = trustAll;
            return this;
        }

        /**
         * A trust store (PKCS12 or JKS) holding the CA or the self-signed certificate of the server, or a PEM file of
         * certificates (then the password is ignored).
         */
        public Builder trustStore(Path path, char[] password) {
            this.trustStore = Optional.of(path);
            this.trustStorePassword = password.clone();
            return this;
        }

        /** Overrides the proxy found in {@code https.proxyHost} / {@code HTTPS_PROXY}; empty means none. */
        public Builder proxy(Optional<ProxyConfiguration> proxy) {
            this.proxy = Objects.requireNonNull(proxy);
            return this;
        }

        public Builder probesPerController(int probes) {
            if (probes < 1) {
                throw new IllegalArgumentException("at least one probe");
            }
            this.probesPerController = probes;
            return this;
        }

        public Builder probeTimeout(Duration timeout) {
            this.probeTimeout = positive(timeout);
            return this;
        }

        public Builder zoneSelectionTimeout(Duration timeout) {
            this.zoneSelectionTimeout = positive(timeout);
            return this;
        }

        public Builder httpTimeout(Duration timeout) {
            this.httpTimeout = positive(timeout);
            return this;
        }

        public Builder timeout(Transport transport, Duration timeout) {
            transportTimeouts.put(transport, positive(timeout));
            return this;
        }

        /** Never try these transports for media (a firewall the user knows about, a test). */
        public Builder disable(Transport... disabled) {
            for (Transport t : disabled) {
                transports.remove(t);
            }
            return this;
        }

        /** Use only this transport for media. */
        public Builder force(Transport only) {
            transports.clear();
            transports.add(only);
            return this;
        }

        public Builder dscp(MediaType type, int codePoint) {
            if (codePoint < 0 || codePoint > 63) {
                throw new IllegalArgumentException("DSCP is 0..63");
            }
            dscp.put(type, codePoint);
            return this;
        }

        public Builder rewrite(String fromPrefix, String toPrefix) {
            rewrites.add(new UrlRewrite(fromPrefix, toPrefix));
            return this;
        }

        public Builder keepAliveInterval(Duration interval) {
            this.keepAliveInterval = positive(interval);
            return this;
        }

        public ClientOptions build() {
            if (transports.isEmpty()) {
                throw new IllegalArgumentException("every media transport is disabled");
            }
            return new ClientOptions(this);
        }

        private static Duration positive(Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timeouts are positive");
            }
            return d;
        }
    }
}
