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
 * Connects one media type by trying the planned transports in order until one binds, with the credentials it is given.
 * A relay that refuses the credentials ends the plan: see {@link RefreshingConnector} for getting fresh ones.
 */
public final class MediaConnector {

    private final Map<Transport, MediaDialer> dialers;
    private final Function<Transport, Duration> timeouts;

    public MediaConnector(Map<Transport, MediaDialer> dialers, Function<Transport, Duration> timeouts) {
        this.dialers = Map.copyOf(dialers);
        this.timeouts = timeouts;
    }

    /** The real transports: UDP and TCP sockets marked with {@code dscp}, WebSocket through {@code http}. */
    public static Map<Transport, MediaDialer> standardDialers(HttpClient http, ToIntFunction<MediaType> dscp) {
        SecureRandom random = new SecureRandom();
        Map<Transport, MediaDialer> dialers = new EnumMap<>(Transport.class);
        dialers.put(Transport.UDP,
                (e, c, t, timeout) -> UdpMediaConnection.open(
                        new InetSocketAddress(InetAddress.getByName(e.host()), e.udpPort()), c, t, dscp.applyAsInt(t),
                        timeout, random));
        dialers.put(Transport.TCP,
                (e, c, t, timeout) -> TcpMediaConnection.open(
                        new InetSocketAddress(InetAddress.getByName(e.host()), e.tcpPort()), c, t, dscp.applyAsInt(t),
                        timeout, random));
        dialers.put(Transport.WEBSOCKET, (e, c, t, timeout) -> WebSocketMediaConnection.open(JdkWebSockets.opener(http),
                URI.create(e.wssUrl()), c, t, timeout));
        return dialers;
    }

    /** Media over WebSocket only, through {@code opener} (an HTTP tunnel). */
    public static Map<Transport, MediaDialer> webSocketDialer(ChannelOpener opener) {
        return Map.of(Transport.WEBSOCKET,
                (e, c, t, timeout) -> WebSocketMediaConnection.open(opener, URI.create(e.wssUrl()), c, t, timeout));
    }

    public MediaOutcome connect(List<Transport> plan, MediaEndpoints endpoints, MediaCredentials credentials,
            MediaType mediaType) throws InterruptedException {
        List<MediaAttempt> attempts = new ArrayList<>();
        for (Transport transport : plan) {
            MediaDialer dialer = dialers.get(transport);
            if (dialer == null) {
                continue;
            }
            long start = System.nanoTime();
            try {
                MediaConnection connection = dialer.dial(endpoints, credentials, mediaType, timeouts.apply(transport));
                attempts.add(new MediaAttempt(transport, since(start), Optional.empty()));
                return new MediaOutcome(mediaType, Optional.of(connection), attempts);
            } catch (CredentialsRefusedException e) {
                // The relay answered: the path works, and every other transport would hear the same refusal.
                attempts.add(new MediaAttempt(transport, since(start), Optional.of(describe(e)), true));
                return new MediaOutcome(mediaType, Optional.empty(), attempts);
            } catch (IOException | RuntimeException e) {
                // RuntimeException too: a malformed URL or port from the server is this transport's failure, and the
                // next transport may still work.
                attempts.add(new MediaAttempt(transport, since(start), Optional.of(describe(e))));
            }
        }
        return new MediaOutcome(mediaType, Optional.empty(), attempts);
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static String describe(Exception e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
