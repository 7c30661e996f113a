package org.confero.client;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.confero.client.media.FailoverMediaConnection;
import org.confero.client.media.MediaConnection;
import org.confero.client.media.MediaGrantSource;
import org.confero.client.media.MediaOutcome;
import org.confero.client.media.RefreshingConnector;
import org.confero.client.media.Transport;
import org.confero.protocol.media.MediaType;
import org.confero.protocol.rest.AssignmentView;

/**
 * Carries a session's media connections from one router to the next. The application holds one
 * {@link FailoverMediaConnection} per media type for the whole session; this swaps what is underneath it: let go when
 * the router is lost, connect anew once the control channel resumed at the next router — with the credentials its
 * {@code resumed} message brought, issued by that router's relay (the assignment carries none).
 */
final class MediaHandover {

    private final RefreshingConnector connector;
    private final List<Transport> plan;
    private final ConnectionListener listener;
    private final Map<MediaType, FailoverMediaConnection> carried = new EnumMap<>(MediaType.class);
    private boolean suspended;
    /** Counts router changes (suspend, move): a UDP upgrade dialled before one must not land after it. */
    private long generation;

    /** {@code plan}: the transports the join tried, in its order. */
    MediaHandover(RefreshingConnector connector, List<Transport> plan, ConnectionListener listener) {
        this.connector = connector;
        this.plan = List.copyOf(plan);
        this.listener = listener;
    }

    /** Takes the join's connections over; what the application gets is the stable connection per media type. */
    synchronized Map<MediaType, MediaConnection> carry(Map<MediaType, MediaConnection> connected) {
        connected.forEach((type, connection) -> carried.put(type, new FailoverMediaConnection(connection)));
        return Collections.unmodifiableMap(new EnumMap<>(carried));
    }

    /** The router is unreachable, and so is its media: every media type lets go and drops sends meanwhile. */
    synchronized void suspend() {
        suspended = true;
        generation++;
        carried.values().forEach(FailoverMediaConnection::detach);
    }

    /** True from {@link #suspend} until {@link #moveTo} reconnected the media. */
    synchronized boolean suspended() {
        return suspended;
    }

    /**
     * Connects every media type carried to {@code assignment}'s router with the credentials of {@code grants} (the
     * control session that resumed there), one after the other, each reported to the listener. A media type that does
     * not connect stays detached (its sends dropped) for the rest of the session.
     */
    void moveTo(AssignmentView assignment, MediaGrantSource grants) throws InterruptedException {
        Map<MediaType, FailoverMediaConnection> connections;
        synchronized (this) {
            connections = new EnumMap<>(carried);
            suspended = false;
            generation++;
        }
        for (Map.Entry<MediaType, FailoverMediaConnection> e : connections.entrySet()) {
            MediaType type = e.getKey();
            FailoverMediaConnection connection = e.getValue();
            MediaOutcome outcome = connector.connect(planFrom(connection.transport()), assignment.media(), type,
                    grants);
            outcome.connection().ifPresent(connection::attach);
            listener.mediaConnected(outcome);
        }
    }

    /** Which router the media is on, as far as an upgrade must know: changes with every suspension and move. */
    synchronized long generation() {
        return generation;
    }

    /** The media types carried on a router's connection over another transport than {@code transport}. */
    synchronized Map<MediaType, FailoverMediaConnection> attachedNotOn(Transport transport) {
        Map<MediaType, FailoverMediaConnection> result = new EnumMap<>(MediaType.class);
        if (!suspended) {
            carried.forEach((type, c) -> {
                if (c.attached() && c.transport() != transport) {
                    result.put(type, c);
                }
            });
        }
        return result;
    }

    /**
     * Moves {@code type} to {@code better} on the same router (see {@link FailoverMediaConnection#switchTo}), unless
     * the router changed since {@code generationSeen}: then {@code better} is closed and nothing moves.
     */
    synchronized Optional<MediaConnection> upgrade(MediaType type, MediaConnection better, long generationSeen) {
        FailoverMediaConnection connection = carried.get(type);
        if (connection == null || suspended || generation != generationSeen) {
            better.close();
            return Optional.empty();
        }
        return connection.switchTo(better);
    }

    /**
     * The join's plan from the transport this media type last used: what failed then (a blocked UDP) would fail again
     * and cost its whole timeout, and the failover has to be quick.
     */
    List<Transport> planFrom(Transport last) {
        int index = plan.indexOf(last);
        return index < 0 ? plan : plan.subList(index, plan.size());
    }
}
