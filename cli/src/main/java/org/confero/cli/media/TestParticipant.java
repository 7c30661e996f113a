package org.confero.cli.media;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.confero.client.MeetingSession;
import org.confero.client.media.MediaConnection;
import org.confero.protocol.media.MediaType;

/**
 * A joined participant exchanging test media: one {@link Reception} per connected media type (fed straight from the
 * connection's reader thread) and one {@link Pacer.Stream} per media type it sends.
 */
public final class TestParticipant {

    private final MeetingSession session;
    private final Map<MediaType, Reception> receptions = new EnumMap<>(MediaType.class);
    private final Map<MediaType, Pacer.Stream> streams = new EnumMap<>(MediaType.class);

    /** Starts receiving on every connected media type; sends on those in {@code send} that connected. */
    public TestParticipant(MeetingSession session, Collection<MediaProfile> send) {
        this.session = session;
        int ssrc = ThreadLocalRandom.current().nextInt();
        for (MediaType type : MediaType.values()) {
            session.media(type).ifPresent(connection -> {
                Reception reception = new Reception();
                receptions.put(type, reception);
                // Issue 22: what arrives is also measured for the call quality the session reports to its router.
                java.util.Optional<org.confero.client.quality.ReceiveQuality> quality = session.quality(type);
                connection.deliverTo(packet -> {
                    reception.accept(packet, WallClock.micros());
                    quality.ifPresent(q -> q.received(packet, System.nanoTime()));
                });
            });
        }
        for (MediaProfile profile : send) {
            session.media(profile.mediaType()).ifPresent(
                    connection -> streams.put(profile.mediaType(), new Pacer.Stream(connection, profile, ssrc)));
        }
    }

    public MeetingSession session() {
        return session;
    }

    public List<Pacer.Stream> streams() {
        return new ArrayList<>(streams.values());
    }

    public Map<MediaType, Reception> receptions() {
        return receptions;
    }

    public long sent(MediaType type) {
        Pacer.Stream s = streams.get(type);
        return s == null ? 0 : s.sent();
    }

    /**
     * How the media type reaches the router: {@code UDP}, {@code TCP}, {@code WEBSOCKET}, or {@code TUNNEL} (issue 22:
     * the WebSocket media of a session that runs through an HTTP tunnel, as the router counts it); {@code none} when
     * not connected.
     */
    public String transport(MediaType type) {
        return session.media(type).map(c -> session.tunnelled() ? "TUNNEL" : c.transport().name()).orElse("none");
    }
}
