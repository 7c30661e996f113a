package org.confero.web.mmr;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.confero.limits.Limit;
import org.confero.limits.Refusals;
import org.confero.web.socket.ClientAddressConfigurator;
import org.confero.web.socket.ConnectionsPerSource;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * What keeps unauthenticated control WebSockets from piling up on a router (issue 18): at most
 * {@code confero.control.connections.per.source} open at once per source address, and each must join or resume within
 * {@code confero.control.join.deadline.seconds} — sending {@code ping} meanwhile does not extend that. Over either, the
 * connection is closed with 1008 (policy violation) and a reason, and the refusal is counted.
 */
@ApplicationScoped
public class ControlConnectionLimits {

    static final String TOO_MANY = "too many connections from this address";
    static final String JOIN_DEADLINE = "join deadline";
    /** Where a session without a known client address is counted; see {@link #sourceOf(Session)}. */
    static final String UNKNOWN_SOURCE = "unknown";

    private static final Logger LOG = Logger.getLogger(ControlConnectionLimits.class);

    @Inject
    Config config;

    @EJB
    Refusals refusals;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ConnectionsPerSource connections;
    private Duration joinDeadline;
    private ScheduledExecutorService timer;

    @PostConstruct
    void init() {
        configure(Limit.CONTROL_CONNECTIONS.setting(config), Duration.ofSeconds(Limit.JOIN_DEADLINE.setting(config)),
                scheduler);
    }

    /** Created with the application, so that a setting below 1 fails the deployment, not the first connection. */
    void atStart(@Observes @Initialized(ApplicationScoped.class) Object application) {
        // Observing is enough: CDI creates the bean to deliver the event.
    }

    void configure(int perSource, Duration deadline, ScheduledExecutorService deadlineTimer) {
        connections = new ConnectionsPerSource(perSource);
        joinDeadline = deadline;
        timer = deadlineTimer;
    }

    /** Whether an upgrade from {@code source} would be refused now: then it is answered 429 and never opened. */
    public boolean full(String source) {
        return connections.full(source);
    }

    /** Counts an upgrade refused before it opened. */
    public void refusedAtUpgrade() {
        refusals.refused(Limit.CONTROL_CONNECTIONS);
    }

    /**
     * Takes a place for a control connection that just opened and starts its join deadline, or closes it (1008) when
     * its source has no place left — upgrades racing past {@link #full} end here. {@code joined} is read from the
     * timer's thread when the deadline comes. The answer is released when the connection closes.
     */
    public Admission admit(Session session, BooleanSupplier joined) {
        Optional<ConnectionsPerSource.Lease> lease = connections.open(sourceOf(session));
        if (lease.isEmpty()) {
            refusals.refused(Limit.CONTROL_CONNECTIONS);
            close(session, TOO_MANY);
            return Admission.NONE;
        }
        ScheduledFuture<?> deadline = timer.schedule(() -> {
            if (!joined.getAsBoolean() && session.isOpen()) {
                refusals.refused(Limit.JOIN_DEADLINE);
                close(session, JOIN_DEADLINE);
            }
        }, joinDeadline.toMillis(), TimeUnit.MILLISECONDS);
        return new Admission(lease.get(), deadline);
    }

    /** Control connections open from {@code source} on this server. */
    public int open(String source) {
        return connections.count(source);
    }

    /**
     * The filter on the upgrade request always hands the address over; a session without one means the container no
     * longer runs the handshake inside the filter chain. Such sessions share one place count (a cap for all of them
     * rather than no limit), and the log says why.
     */
    private static String sourceOf(Session session) {
        return ClientAddressConfigurator.clientAddress(session).orElseGet(() -> {
            LOG.errorf("Control connection %s has no client address; counted under '%s'", session.getId(),
                    UNKNOWN_SOURCE);
            return UNKNOWN_SOURCE;
        });
    }

    private static void close(Session session, String reason) {
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, reason));
        } catch (IOException | IllegalStateException e) {
            // Closed already: nothing left to refuse.
        }
    }

    /** A control connection's place and deadline; {@link #release()} when it closes (again is harmless). */
    public static final class Admission {

        /** For a connection that was refused (nothing to give back), or one that never got as far as admission. */
        public static final Admission NONE = new Admission(null, null);

        private final ConnectionsPerSource.Lease lease;
        private final ScheduledFuture<?> deadline;

        private Admission(ConnectionsPerSource.Lease lease, ScheduledFuture<?> deadline) {
            this.lease = lease;
            this.deadline = deadline;
        }

        public void release() {
            if (deadline != null) {
                deadline.cancel(false);
            }
            if (lease != null) {
                lease.close();
            }
        }
    }
}
