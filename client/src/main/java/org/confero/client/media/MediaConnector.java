package org.confero.client.media;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToIntFunction;

import org.confero.client.ws.ChannelOpener;
import org.confero.client.ws.JdkWebSockets;
import org.confero.protocol.media.MediaCredentials;
import org.confero.protocol.media.MediaType;
import org.confero.protocol.rest.AssignmentView.MediaEndpoints;

/**
 * Connects one media type over the planned transports with the credentials it is given: races them
 * ({@link TransportRace}), the first planned starting at once and each next one a head start later, until one binds. A
 * relay that refuses the credentials ends the race: see {@link RefreshingConnector} for getting fresh ones.
 */
public final class MediaConnector {

    /**
     * RFC 8305's recommended connection attempt delay, for callers that measured no round trip to the router's side:
     * long enough for a UDP binding to be answered on any sane path, short enough that a firewall costs a blink.
     */
    public static final Duration DEFAULT_HEAD_START = Duration.ofMillis(250);

    private final Map<Transport, MediaDialer> dialers;
    private final TransportRace race;

    public MediaConnector(Map<Transport, MediaDialer> dialers, Function<Transport, Duration> timeouts) {
        this(dialers, timeouts, DEFAULT_HEAD_START);
    }

    /** {@code headStart}: how long each transport has alone before the next planned one starts too. */
    public MediaConnector(Map<Transport, MediaDialer> dialers, Function<Transport, Duration> timeouts,
            Duration headStart) {
        this.dialers = Map.copyOf(dialers);
        this.race = new TransportRace(this.dialers, timeouts, headStart);
    }

    /** The real transports: UDP and TCP sockets marked with {@code dscp}, WebSocket through {@code http}. */
    public static Map<Transport, MediaDialer> standardDialers(HttpClient http, ToIntFunction<MediaType> dscp) {
        SecureRandom random = new SecureRandom();
        Map<Transport, MediaDialer> dialers = new EnumMap<>(Transport.class);
        dialers.put(Transport.UDP,
                (e, c, t, timeout, attempt) -> UdpMediaConnection.open(
                        new InetSocketAddress(InetAddress.getByName(e.host()), e.udpPort()), c, t, dscp.applyAsInt(t),
                        timeout, random, attempt));
        dialers.put(Transport.TCP,
                (e, c, t, timeout, attempt) -> TcpMediaConnection.open(
                        new InetSocketAddress(InetAddress.getByName(e.host()), e.tcpPort()), c, t, dscp.applyAsInt(t),
                        timeout, random, attempt));
        dialers.put(Transport.WEBSOCKET, (e, c, t, timeout, attempt) -> WebSocketMediaConnection
                .open(JdkWebSockets.opener(http), URI.create(e.wssUrl()), c, t, timeout, attempt));
        return dialers;
    }

    /** Media over WebSocket only, through {@code opener} (an HTTP tunnel). */
    public static Map<Transport, MediaDialer> webSocketDialer(ChannelOpener opener) {
        return Map.of(Transport.WEBSOCKET, (e, c, t, timeout, attempt) -> WebSocketMediaConnection.open(opener,
                URI.create(e.wssUrl()), c, t, timeout, attempt));
    }

    public MediaOutcome connect(List<Transport> plan, MediaEndpoints endpoints, MediaCredentials credentials,
            MediaType mediaType) throws InterruptedException {
        return race.run(plan, endpoints, credentials, mediaType);
    }

    /** Whether this connector can dial {@code transport} at all (a tunnel's connector has WebSocket only). */
    public boolean dials(Transport transport) {
        return dialers.containsKey(transport);
    }
}
