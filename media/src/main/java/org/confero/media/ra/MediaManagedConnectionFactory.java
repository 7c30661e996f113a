package org.confero.media.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionDefinition;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;

import java.io.PrintWriter;
import java.util.Set;

import javax.security.auth.Subject;

import org.confero.media.api.MediaConnection;
import org.confero.media.api.MediaConnectionFactory;

/**
 * Creates the physical side of relay connections. All managed connections are equivalent (they are views on the one
 * relay of this server), so any pooled one matches any request.
 */
@ConnectionDefinition(connectionFactory = MediaConnectionFactory.class, connectionFactoryImpl = MediaConnectionFactoryImpl.class, connection = MediaConnection.class, connectionImpl = MediaConnectionHandle.class)
public class MediaManagedConnectionFactory implements ManagedConnectionFactory, ResourceAdapterAssociation {

    private transient ConferoResourceAdapter resourceAdapter;
    private transient PrintWriter logWriter;

    @Override
    public Object createConnectionFactory(ConnectionManager connectionManager) {
        return new MediaConnectionFactoryImpl(this, connectionManager);
    }

    @Override
    public Object createConnectionFactory() throws ResourceException {
        throw new jakarta.resource.NotSupportedException("the relay is only usable inside the application server");
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info) {
        return new MediaManagedConnection(this);
    }

    @Override
    public ManagedConnection matchManagedConnections(@SuppressWarnings("rawtypes") Set candidates, Subject subject,
            ConnectionRequestInfo info) {
        for (Object candidate : candidates) {
            if (candidate instanceof MediaManagedConnection connection && connection.factory() == this) {
                return connection;
            }
        }
        return null;
    }

    ConferoResourceAdapter adapter() {
        if (resourceAdapter == null) {
            throw new IllegalStateException("connection factory not associated with the Confero resource adapter");
        }
        return resourceAdapter;
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter adapter) {
        this.resourceAdapter = (ConferoResourceAdapter) adapter;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    // One factory per connection definition; identity is equality.
    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
