package org.confero.media.ra;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.confero.media.api.AttachRefusedException;
import org.confero.media.api.MediaConnection;
import org.confero.media.api.RelayStatistics;
import org.confero.media.api.RelayStatus;
import org.confero.media.relay.MediaRelay;
import org.confero.media.relay.DropReason;
import org.confero.media.relay.VirtualEndpointHandle;
import org.confero.media.relay.VirtualEndpointRefusedException;
import org.confero.media.relay.VirtualSink;
import org.confero.protocol.media.MediaCredentials;
import org.confero.protocol.media.MediaType;

/**
 * What a caller holds: a handle on a {@link MediaManagedConnection}. Kept apart from the physical connection so the
 * container can reassociate or invalidate handles (IronJacamar's helloworld model). Every operation goes to the one
 * relay of the adapter.
 */
public class MediaConnectionHandle implements MediaConnection {

    private volatile MediaManagedConnection managedConnection;

    MediaConnectionHandle(MediaManagedConnection managedConnection) {
        this.managedConnection = managedConnection;
    }

    @Override
    public RelayStatus status() {
        return adapter().status();
    }

    @Override
    public void openMeeting(String meetingId) {
        relay().openMeeting(meetingId);
    }

    @Override
    public void closeMeeting(String meetingId) {
        relay().closeMeeting(meetingId);
    }

    @Override
    public MediaCredentials admit(String meetingId, String participantId, MediaType mediaType, Duration ttl) {
        return relay().admit(meetingId, participantId, mediaType, ttl);
    }

    @Override
    public MediaCredentials admit(String meetingId, String participantId, MediaType mediaType, Duration ttl,
            boolean receiveOnly) {
        return relay().admit(meetingId, participantId, mediaType, ttl, receiveOnly);
    }

    @Override
    public void revoke(String meetingId, String participantId) {
        relay().revoke(meetingId, participantId);
    }

    @Override
    public VirtualMediaPort attachVirtualEndpoint(String meetingId, String participantId, MediaType mediaType,
            Instant credentialsIssuedAt, VirtualMediaSink sink) {
        return attachVirtualEndpoint(meetingId, participantId, mediaType, credentialsIssuedAt, false, sink);
    }

    @Override
    public VirtualMediaPort attachVirtualEndpoint(String meetingId, String participantId, MediaType mediaType,
            Instant credentialsIssuedAt, boolean receiveOnly, VirtualMediaSink sink) {
        return attachVirtualEndpoint(meetingId, participantId, mediaType, credentialsIssuedAt, receiveOnly,
                VirtualPath.WEBSOCKET, sink);
    }

    @Override
    public VirtualMediaPort attachVirtualEndpoint(String meetingId, String participantId, MediaType mediaType,
            Instant credentialsIssuedAt, boolean receiveOnly, VirtualPath path, VirtualMediaSink sink) {
        org.confero.media.relay.VirtualVia via = path == VirtualPath.TUNNEL ? org.confero.media.relay.VirtualVia.TUNNEL
                : org.confero.media.relay.VirtualVia.WEBSOCKET;
        VirtualSink toSink = new VirtualSink() {
            @Override
            public void accept(ByteBuffer packet) {
                sink.accept(packet);
            }

            @Override
            public void closed(String reason) {
                sink.closed(reason);
            }
        };
        VirtualEndpointHandle handle;
        try {
            handle = relay().attachVirtualEndpoint(meetingId, participantId, mediaType, credentialsIssuedAt,
                    receiveOnly, via, toSink);
        } catch (VirtualEndpointRefusedException e) {
            throw new AttachRefusedException(reason(e.reason()), e.getMessage());
        }
        return new VirtualMediaPort() {
            @Override
            public void send(ByteBuffer packet) {
                handle.send(packet);
            }

            @Override
            public boolean isBound() {
                return handle.isBound();
            }

            @Override
            public void close() {
                handle.close();
            }
        };
    }

    @Override
    public org.confero.media.api.RelayOccupancy occupancy() {
        return relay().occupancy();
    }

    @Override
    public RelayStatistics statistics() {
        return RelayViews.statistics(relay().counters());
    }

    @Override
    public Optional<RelayStatistics> statistics(String meetingId) {
        return relay().counters(meetingId).map(RelayViews::statistics);
    }

    @Override
    public java.util.Map<org.confero.protocol.media.MediaType, RelayStatistics> statisticsByMediaType() {
        java.util.Map<org.confero.protocol.media.MediaType, RelayStatistics> views = new java.util.EnumMap<>(
                org.confero.protocol.media.MediaType.class);
        relay().countersByMediaType().forEach((type, counters) -> views.put(type, RelayViews.statistics(counters)));
        return views;
    }

    @Override
    public java.util.Map<org.confero.protocol.media.MediaType, org.confero.media.api.CascadeTraffic> cascadeTraffic() {
        return relay().cascadeTraffic();
    }

    @Override
    public java.util.List<org.confero.media.api.MediaBindingCount> bindings() {
        return RelayViews.bindings(relay().bindings());
    }

    @Override
    public void close() {
        MediaManagedConnection connection = managedConnection;
        if (connection != null) {
            managedConnection = null;
            connection.handleClosed(this);
        }
    }

    private static AttachRefusedException.Reason reason(DropReason refusal) {
        return switch (refusal) {
        case REVOKED -> AttachRefusedException.Reason.REVOKED;
        case MEETING_CLOSED -> AttachRefusedException.Reason.MEETING_CLOSED;
        case EXPIRED_TOKEN -> AttachRefusedException.Reason.EXPIRED;
        case BIND_RATE_LIMITED -> AttachRefusedException.Reason.RATE_LIMITED;
        case UNKNOWN_MEETING -> AttachRefusedException.Reason.MEETING_NOT_OPEN;
        default -> throw new IllegalArgumentException("not a refusal of an attach: " + refusal);
        };
    }

    void associate(MediaManagedConnection connection) {
        this.managedConnection = connection;
    }

    void invalidate() {
        this.managedConnection = null;
    }

    private ConferoResourceAdapter adapter() {
        MediaManagedConnection connection = managedConnection;
        if (connection == null) {
            throw new IllegalStateException("media connection is closed");
        }
        return connection.factory().adapter();
    }

    private MediaRelay relay() {
        return adapter().relay();
    }
}
