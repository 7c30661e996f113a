package org.confero.media.api;

import jakarta.resource.ResourceException;

/**
 * The relay's outbound connection factory. Connections are cheap handles on the one relay of this server: get one per
 * unit of work and close it (try-with-resources).
 */
public interface MediaConnectionFactory {

    /** Where the WildFly configuration binds the factory (wildfly-config/standalone/confero.cli). */
    String JNDI_NAME = "java:/confero/media";

    MediaConnection getConnection() throws ResourceException;
}
