package org.confero.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import org.confero.client.media.FailoverMediaConnection;
import org.confero.client.media.MediaConnection;
import org.confero.client.media.MediaGrantSource;
import org.confero.client.media.MediaOutcome;
import org.confero.client.media.RefreshingConnector;
import org.confero.client.media.Transport;
import org.confero.protocol.media.MediaType;
import org.confero.protocol.rest.AssignmentView;

/**
 * Brings media that joined over TCP or WebSocket back to UDP once UDP works: a firewall rule lifted, a VPN gone, a
 * flaky Wi-Fi recovered. At a low rate (every {@code interval}, jittered) it tries one UDP binding to the current
 * router for the first media type not on UDP; a silent path costs one small STUN request and its retransmission. When
 * UDP binds, that media type moves make-before-break ({@link FailoverMediaConnection#switchTo}) and the other types
 * follow at once over the path just proven. The replaced connections keep receiving for {@code overlap}, so what the
 * relay sent before the move still arrives; the relay, for its part, still takes what we sent on them before.
 * <p>
 * One daemon thread per session, ended by {@link #close}. A router failover under way wins: an upgrade dialled before
 * it is dropped ({@link MediaHandover#upgrade}).
 */
final class UdpUpgrade implements AutoCloseable {

    private final MediaHandover handover;
    private final RefreshingConnector udp;
    private final Supplier<AssignmentView> router;
    private final MediaGrantSource grants;
    private final Duration interval;
    private final Duration overlap;
    private final ConnectionListener listener;
    private final Thread thread;
    private volatile boolean closed;

    /** {@code udp}: a connector whose UDP timeout is the probe's (a second, not the join's). */
    UdpUpgrade(MediaHandover handover, RefreshingConnector udp, Supplier<AssignmentView> router,
            MediaGrantSource grants, Duration interval, Duration overlap, ConnectionListener listener) {
        this.handover = handover;
        this.udp = udp;
        this.router = router;
        this.grants = grants;
        this.interval = interval;
        this.overlap = overlap;
        this.listener = listener;
        this.thread = new Thread(this::run, "confero-udp-upgrade");
        this.thread.setDaemon(true);
    }

    UdpUpgrade start() {
        thread.start();
        return this;
    }

    private void run() {
        try {
            while (!closed) {
                Thread.sleep(jittered(interval).toMillis());
                upgradeOnce();
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    /**
     * One try: returns the media types moved to UDP (empty when nothing needed moving or UDP is still blocked). Blocks
     * for the overlap after a move, then closes the replaced connections.
     */
    List<MediaType> upgradeOnce() throws InterruptedException {
        long generation = handover.generation();
        Map<MediaType, FailoverMediaConnection> behind = handover.attachedNotOn(Transport.UDP);
        List<MediaType> moved = new ArrayList<>();
        List<Replaced> replaced = new ArrayList<>();
        for (Map.Entry<MediaType, FailoverMediaConnection> e : behind.entrySet()) {
            MediaType type = e.getKey();
            Transport from = e.getValue().transport();
            MediaOutcome outcome = udp.connect(List.of(Transport.UDP), router.get().media(), type, grants);
            if (outcome.connection().isEmpty()) {
                // Still blocked (or refused): the other types would fare no better now.
                break;
            }
            Optional<MediaConnection> old = handover.upgrade(type, outcome.connection().get(), generation);
            if (old.isEmpty()) {
                break;
            }
            replaced.add(new Replaced(e.getValue(), old.get()));
            moved.add(type);
            listener.transportChanged(type, from, Transport.UDP, outcome);
        }
        if (!replaced.isEmpty()) {
            try {
                Thread.sleep(overlap.toMillis());
            } finally {
                replaced.forEach(r -> r.carrier.retire(r.connection));
            }
        }
        return moved;
    }

    private record Replaced(FailoverMediaConnection carrier, MediaConnection connection) {
    }

    /** 0.8 to 1.2 times: many clients behind one firewall that opens must not probe in step. */
    private static Duration jittered(Duration d) {
        return Duration.ofMillis((long) (d.toMillis() * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble())));
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
