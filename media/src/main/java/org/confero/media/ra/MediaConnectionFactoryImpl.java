package org.confero.media.ra;

import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;

import java.io.Serializable;

import javax.naming.Reference;

import org.confero.media.api.MediaConnection;
import org.confero.media.api.MediaConnectionFactory;

/** The factory callers look up in JNDI; every connection goes through the container's connection manager (pooling). */
public class MediaConnectionFactoryImpl implements MediaConnectionFactory, Serializable, Referenceable {

    private static final long serialVersionUID = 1L;

    private final transient MediaManagedConnectionFactory managedFactory;
    private final transient ConnectionManager connectionManager;
    private Reference reference;

    public MediaConnectionFactoryImpl(MediaManagedConnectionFactory managedFactory,
            ConnectionManager connectionManager) {
        this.managedFactory = managedFactory;
        this.connectionManager = connectionManager;
    }

    @Override
    public MediaConnection getConnection() throws ResourceException {
        return (MediaConnection) connectionManager.allocateConnection(managedFactory, null);
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }
}
