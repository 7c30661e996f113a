package org.confero.client;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.confero.client.control.Relocation;
import org.confero.client.media.MediaGrantSource;
import org.confero.protocol.rest.AssignmentRequest;
import org.confero.protocol.rest.AssignmentRequest.ResumeCredentials;
import org.confero.protocol.rest.AssignmentView;

/**
 * The client's part of a router failover. When the control channel cannot reach its router, the zone controllers of the
 * join are asked — best first — for another router, with the seat and the name of the router that is gone; the control
 * channel resumes at the router they name, and then the media follows ({@link MediaHandover}). Runs on the control
 * session's thread (see {@link Relocation}).
 */
final class RouterFailover implements Relocation {

    /** One zone controller's {@code POST /assign}; {@code RouterAssignment::assign} in the client. */
    @FunctionalInterface
    interface Assigner {
        AssignmentView assign(String controllerUrl, AssignmentRequest request) throws IOException, InterruptedException;
    }

    private final Assigner assigner;
    private final List<String> controllers;
    private final String joinToken;
    private final MediaHandover media;
    private final ConnectionListener listener;

    private volatile AssignmentView current;
    /** The assignment the control channel is resuming toward; the session's thread only. */
    private AssignmentView pending;

    /** {@code controllers}: the zone controllers' URLs in the join's ranking, best first. */
    RouterFailover(Assigner assigner, List<String> controllers, String joinToken, AssignmentView initial,
            MediaHandover media, ConnectionListener listener) {
        this.assigner = assigner;
        this.controllers = List.copyOf(controllers);
        this.joinToken = joinToken;
        this.current = initial;
        this.media = media;
        this.listener = listener;
    }

    /** The router the session is on: the join's, or the one the last failover moved it to. */
    AssignmentView assignment() {
        return current;
    }

    @Override
    public Optional<URI> relocate(ResumeCredentials seat, String reason) throws InterruptedException {
        // The router just tried: the current one, or the one an earlier relocation of this outage named.
        String unreachable = (pending != null ? pending : current).router();
        AssignmentRequest request = new AssignmentRequest(joinToken, seat, unreachable);
        for (String controller : controllers) {
            try {
                AssignmentView next = assigner.assign(controller, request);
                URI controlUrl = URI.create(next.controlUrl());
                if (!Objects.equals(next.router(), current.router())) {
                    // The media went with the router; until the next one takes it, the application's sends are
                    // dropped. A controller that finds our router alive names it again, and its media stays.
                    media.suspend();
                }
                pending = next;
                return Optional.of(controlUrl);
            } catch (IOException | RuntimeException e) {
                // This controller cannot help (down, refused, malformed answer); the next one may.
            }
        }
        return Optional.empty();
    }

    @Override
    public void resumed(URI controlUrl, Duration sinceLost, MediaGrantSource grants) throws InterruptedException {
        AssignmentView next = pending;
        if (next == null) {
            // Resumed without asking anyone: the router was there all along, and so was its media.
            return;
        }
        pending = null;
        AssignmentView from = current;
        current = next;
        long start = System.nanoTime();
        if (media.suspended()) {
            // The resumed message brought credentials from the new router's relay; the assignment has none.
            media.moveTo(next, grants);
        }
        if (!Objects.equals(from.router(), next.router())) {
            listener.relocated(from.router(), next.router(), sinceLost.plusNanos(System.nanoTime() - start));
        }
    }
}
