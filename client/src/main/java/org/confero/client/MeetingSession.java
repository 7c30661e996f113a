package org.confero.client;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import org.confero.client.control.ControlSession;
import org.confero.client.media.MediaConnection;
import org.confero.protocol.media.MediaType;
import org.confero.protocol.rest.AssignmentView;
import org.confero.protocol.rest.JoinInfoView;

/** A joined meeting: the lookup, the assignment, the control channel and the media connections that bound. */
public final class MeetingSession implements AutoCloseable {

    private final JoinInfoView joinInfo;
    private final AssignmentView assignment;
    private final ControlSession control;
    private final Map<MediaType, MediaConnection> media;
    private final Optional<AutoCloseable> path;

    public MeetingSession(JoinInfoView joinInfo, AssignmentView assignment, ControlSession control,
            Map<MediaType, MediaConnection> media) {
        this(joinInfo, assignment, control, media, null);
    }

    /** {@code path}: what carries it all (an HTTP tunnel), closed last. */
    public MeetingSession(JoinInfoView joinInfo, AssignmentView assignment, ControlSession control,
            Map<MediaType, MediaConnection> media, AutoCloseable path) {
        this.joinInfo = joinInfo;
        this.assignment = assignment;
        this.control = control;
        this.media = Map.copyOf(media);
        this.path = Optional.ofNullable(path);
    }

    /** True when the session runs through an HTTP tunnel. */
    public boolean tunnelled() {
        return path.isPresent();
    }

    public JoinInfoView joinInfo() {
        return joinInfo;
    }

    public AssignmentView assignment() {
        return assignment;
    }

    public ControlSession control() {
        return control;
    }

    public Optional<MediaConnection> media(MediaType type) {
        return Optional.ofNullable(media.get(type));
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

    @Override
    public void close() {
        control.close();
        media.values().forEach(MediaConnection::close);
        path.ifPresent(p -> {
            try {
                p.close();
            } catch (Exception e) {
                // Leaving anyway: a tunnel that does not close cleanly is dropped by its server.
            }
        });
    }
}
