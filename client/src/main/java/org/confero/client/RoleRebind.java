package org.confero.client;

import jakarta.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.confero.client.control.ControlListener;
import org.confero.client.media.FailoverMediaConnection;
import org.confero.client.media.MediaConnection;
import org.confero.client.media.MediaGrantSource;
import org.confero.client.media.MediaOutcome;
import org.confero.client.media.RefreshingConnector;
import org.confero.protocol.media.MediaType;
import org.confero.protocol.rest.AssignmentView;

/**
 * Issue 23: follows a webinar participant's role as the host changes it live. A {@code role} message (promotion to
 * panelist, demotion to attendee) brings credentials of the new role, which the control session already took as its
 * newest grant when this listener hears of it; the media connections bound with the old credentials must be bound anew
 * with them — a receive-only binding stays receive-only at the relay, whatever its owner sends. Every media type
 * carried moves make-before-break, as the UDP upgrade does ({@link FailoverMediaConnection#switchTo}): sends go to the
 * new binding at once, the old one keeps delivering the stage for {@code overlap}, then closes. The application keeps
 * its connection objects and sends without rejoining; it hears {@link ConnectionListener#roleChanged} once the media is
 * rebound.
 * <p>
 * One daemon thread per session from its first role change on (bindings block; the control channel's thread must not).
 * Role changes that arrive while a re-binding runs are coalesced: the next run binds with the newest grant, which is
 * all that matters. The role itself is what the router said, never what this client wished: the relay enforces it
 * either way.
 */
final class RoleRebind implements ControlListener, AutoCloseable {

    private final ControlListener application;
    private final ConnectionListener listener;
    private final Duration overlap;
    private final Thread thread;

    /** Guarded by {@code this}. */
    private Target target;
    private long requested;
    private long done;
    private boolean closed;
    /** The thread starts at the first role change: most sessions never have one, and a load run holds thousands. */
    private boolean running;
    private volatile String role;
    private volatile boolean canSend;

    /** What a re-binding needs, known once the join's media connected. */
    private record Target(MediaHandover handover, RefreshingConnector connector, Supplier<AssignmentView> router,
            MediaGrantSource grants) {
    }

    /** What a role message says of the stage pass: whether it may send, and the pass a promotion issued. */
    @FunctionalInterface
    interface PassKeeper {
        void roleChanged(boolean canSend, Optional<String> stagePass);
    }

    private final PassKeeper passes;

    RoleRebind(ControlListener application, ConnectionListener listener, Duration overlap, PassKeeper passes) {
        this.passes = passes;
        this.application = application;
        this.listener = listener;
        this.overlap = overlap;
        this.thread = new Thread(this::run, "confero-role-rebind");
        this.thread.setDaemon(true);
    }

    /**
     * Starts following roles with the join's media: {@code welcome} is the control channel's first answer, which says
     * the role the participant joined with. A role change that came while the media was still connecting is applied now
     * (the join may have bound some media types with the older credentials).
     */
    synchronized RoleRebind start(JsonObject welcome, MediaHandover handover, RefreshingConnector connector,
            Supplier<AssignmentView> router, MediaGrantSource grants) {
        if (role == null) {
            role = welcome.getString("role", "participant");
            canSend = welcome.getBoolean("canSend", true);
        }
        target = new Target(handover, connector, router, grants);
        runIfNeeded();
        return this;
    }

    /** The participant's role as the router last said: {@code host}, {@code panelist}, {@code attendee}, … */
    String role() {
        return role;
    }

    /** False while the router holds this participant to receiving only (a webinar attendee). */
    boolean canSend() {
        return canSend;
    }

    @Override
    public void onMessage(JsonObject message) {
        if ("role".equals(message.getString("type", "")) && message.get("role") instanceof jakarta.json.JsonString r) {
            passes.roleChanged(message.getBoolean("canSend", false),
                    message.get("stagePass") instanceof jakarta.json.JsonString p ? Optional.of(p.getString())
                            : Optional.empty());
            synchronized (this) {
                role = r.getString();
                canSend = message.getBoolean("canSend", false);
                requested++;
                runIfNeeded();
            }
        }
        application.onMessage(message);
    }

    @Override
    public void onConnectionLost(String reason) {
        application.onConnectionLost(reason);
    }

    @Override
    public void onResumed() {
        application.onResumed();
    }

    @Override
    public void onGaveUp(String reason) {
        application.onGaveUp(reason);
    }

    /** Under this monitor: wakes the thread, starting it at the first change once the media is carried. */
    private void runIfNeeded() {
        if (target != null && requested > done && !running && !closed) {
            running = true;
            thread.start();
        }
        notifyAll();
    }

    private void run() {
        try {
            while (true) {
                Target t;
                long request;
                synchronized (this) {
                    while (!closed && (target == null || done >= requested)) {
                        wait();
                    }
                    if (closed) {
                        return;
                    }
                    t = target;
                    request = requested;
                }
                rebind(t);
                synchronized (this) {
                    done = Math.max(done, request);
                }
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    /** Binds every carried media type with the newest grant, then retires the old bindings after the overlap. */
    private void rebind(Target t) throws InterruptedException {
        long generation = t.handover.generation();
        List<MediaOutcome> outcomes = new ArrayList<>();
        List<Runnable> retire = new ArrayList<>();
        for (Map.Entry<MediaType, FailoverMediaConnection> e : t.handover.attachedNotOn(null).entrySet()) {
            FailoverMediaConnection carrier = e.getValue();
            MediaOutcome outcome = t.connector.connect(t.handover.planFrom(carrier.transport()), t.router.get().media(),
                    e.getKey(), t.grants);
            outcomes.add(outcome);
            if (outcome.connection().isEmpty()) {
                // The old binding goes on receiving; the relay decides what it may send.
                continue;
            }
            Optional<MediaConnection> old = t.handover.upgrade(e.getKey(), outcome.connection().get(), generation);
            if (old.isEmpty()) {
                // A router failover began: it binds anew with the grant of its resume, which carries the new role.
                break;
            }
            retire.add(() -> carrier.retire(old.get()));
        }
        listener.roleChanged(role, canSend, outcomes);
        if (!retire.isEmpty()) {
            try {
                Thread.sleep(overlap.toMillis());
            } finally {
                retire.forEach(Runnable::run);
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        notifyAll();
        thread.interrupt();
    }
}
