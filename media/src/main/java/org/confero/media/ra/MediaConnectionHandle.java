package org.confero.media.ra;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;

import org.confero.media.api.MediaConnection;
import org.confero.media.api.RelayStatistics;
import org.confero.media.api.RelayStatus;
import org.confero.media.relay.MediaRelay;
import org.confero.media.relay.VirtualEndpointHandle;
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
    public void revoke(String meetingId, String participantId) {
        relay().revoke(meetingId, participantId);
    }

    @Override
    public VirtualMediaPort attachVirtualEndpoint(String meetingId, String participantId, MediaType mediaType,
            VirtualMediaSink sink) {
        VirtualEndpointHandle handle = relay().attachVirtualEndpoint(meetingId, participantId, mediaType, sink::accept);
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
    public RelayStatistics statistics() {
        return RelayViews.statistics(relay().counters());
    }

    @Override
    public Optional<RelayStatistics> statistics(String meetingId) {
        return relay().counters(meetingId).map(RelayViews::statistics);
    }

    @Override
    public void close() {
        MediaManagedConnection connection = managedConnection;
        if (connection != null) {
            managedConnection = null;
            connection.handleClosed(this);
        }
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
