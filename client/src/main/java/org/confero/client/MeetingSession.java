package org.confero.client;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.confero.client.control.ControlSession;
import org.confero.client.media.MediaConnection;
import org.confero.protocol.media.MediaType;
import org.confero.protocol.rest.AssignmentView;
import org.confero.protocol.rest.JoinInfoView;

/**
 * A joined meeting: the lookup, the assignment, the control channel and the media connections that bound.
 * <p>
 * A session that {@link ConferoClient} joined directly survives the death of its router: the control channel and the
 * media move to another router by themselves ({@link ConnectionListener#relocated}). {@link #assignment()} then names
 * the new router, and {@link #media} keeps returning the same connection objects, which carry on over the new router
 * ({@link org.confero.client.media.FailoverMediaConnection}). A session through an HTTP tunnel stays on its router: its
 * control channel resumes there only.
 */
public final class MeetingSession implements AutoCloseable {

    private final JoinInfoView joinInfo;
    private final Supplier<AssignmentView> assignment;
    private final ControlSession control;
    private final Map<MediaType, MediaConnection> media;
    private final Optional<AutoCloseable> path;
    /** What runs beside the session (the UDP upgrade), ended first. */
    private final Optional<AutoCloseable> upkeep;
    private volatile org.confero.client.quality.QualityReporter quality;
    /** Issue 23: re-binds the media when a host changes this participant's webinar role; null through a tunnel. */
    private volatile RoleRebind roles;

    public MeetingSession(JoinInfoView joinInfo, AssignmentView assignment, ControlSession control,
            Map<MediaType, MediaConnection> media) {
        this(joinInfo, assignment, control, media, null);
    }

    /** {@code path}: what carries it all (an HTTP tunnel), closed last. */
    public MeetingSession(JoinInfoView joinInfo, AssignmentView assignment, ControlSession control,
            Map<MediaType, MediaConnection> media, AutoCloseable path) {
        this(joinInfo, () -> assignment, control, media, path, null);
    }

    /**
     * A session whose router may change: {@code assignment} names the current one; {@code upkeep} (may be null) runs
     * beside it until it closes.
     */
    MeetingSession(JoinInfoView joinInfo, Supplier<AssignmentView> assignment, ControlSession control,
            Map<MediaType, MediaConnection> media, AutoCloseable upkeep) {
        this(joinInfo, assignment, control, media, null, upkeep);
    }

    private MeetingSession(JoinInfoView joinInfo, Supplier<AssignmentView> assignment, ControlSession control,
            Map<MediaType, MediaConnection> media, AutoCloseable path, AutoCloseable upkeep) {
        this.joinInfo = joinInfo;
        this.assignment = assignment;
        this.control = control;
        this.media = Map.copyOf(media);
        this.path = Optional.ofNullable(path);
        this.upkeep = Optional.ofNullable(upkeep);
    }

    /** True when the session runs through an HTTP tunnel. */
    public boolean tunnelled() {
        return path.isPresent();
    }

    public JoinInfoView joinInfo() {
        return joinInfo;
    }

    /** The current router's assignment: the join's, or the one of the router the session last moved to. */
    public AssignmentView assignment() {
        return assignment.get();
    }

    public ControlSession control() {
        return control;
    }

    /** The media type's connection if it bound at the join; the same object for the whole session. */
    public Optional<MediaConnection> media(MediaType type) {
        return Optional.ofNullable(media.get(type));
    }

    void followRoles(RoleRebind rebind) {
        this.roles = rebind;
    }

    /**
     * Issue 23: the participant's role as the router last said — {@code host}, {@code panelist} or {@code attendee} in
     * a webinar ({@code participant} or {@code host} in a meeting). A host's promotion or demotion changes it live.
     */
    public String role() {
        RoleRebind r = roles;
        return r != null ? r.role() : control.welcome().getString("role", "participant");
    }

    /**
     * Issue 23: false while the router holds this participant to receiving only (a webinar attendee): what it sends is
     * dropped by the relay. After a promotion, true once the media is bound anew
     * ({@link ConnectionListener#roleChanged}).
     */
    public boolean canSend() {
        RoleRebind r = roles;
        return r != null ? r.canSend() : control.welcome().getBoolean("canSend", true);
    }

    /** Issue 22: reports this participant's call quality to the router until the session closes. */
    void reportQualityWith(org.confero.client.quality.QualityReporter reporter) {
        this.quality = reporter;
    }

    /**
     * Where the application hands in the RTP it receives on a media type, so that the loss and jitter reported to the
     * router are measured (each media connection times its own round trip by itself). Empty when the session does not
     * report (built outside {@link ConferoClient#join}).
     */
    public Optional<org.confero.client.quality.ReceiveQuality> quality(MediaType type) {
        return Optional.ofNullable(quality).map(q -> q.receiving(type));
    }

    /** Leaves the meeting on the control channel, then closes every media connection. */
    public void leave() {
        try {
            control.leave();
        } catch (IOException e) {
            // The router frees the seat after its grace period anyway; the media still has to be closed.
        } finally {
            close();
        }
    }

    /** Closes the control channel first: that ends a failover under way, which would otherwise reconnect media. */
    @Override
    public void close() {
        upkeep.ifPresent(MeetingSession::closeQuietly);
        RoleRebind following = roles;
        if (following != null) {
            following.close();
        }
        org.confero.client.quality.QualityReporter reporting = quality;
        if (reporting != null) {
            reporting.close();
        }
        control.close();
        media.values().forEach(MediaConnection::close);
        // Leaving anyway: a tunnel that does not close cleanly is dropped by its server.
        path.ifPresent(MeetingSession::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // Nothing to do about it while leaving.
        }
    }
}
