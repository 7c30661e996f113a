package org.confero.media.ra;

import org.confero.media.api.MediaConnection;
import org.confero.media.api.RelayStatus;

/**
 * What a caller holds: a handle on a {@link MediaManagedConnection}. Kept apart from the physical connection so the
 * container can reassociate or invalidate handles (IronJacamar's helloworld model).
 */
public class MediaConnectionHandle implements MediaConnection {

    private volatile MediaManagedConnection managedConnection;

    MediaConnectionHandle(MediaManagedConnection managedConnection) {
        this.managedConnection = managedConnection;
    }

    @Override
    public RelayStatus status() {
        return open().factory().adapter().status();
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

    private MediaManagedConnection open() {
        MediaManagedConnection connection = managedConnection;
        if (connection == null) {
            throw new IllegalStateException("media connection is closed");
        }
        return connection;
    }
}
