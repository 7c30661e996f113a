package org.confero.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Set;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who this server is in the deployment: its node name ({@code jboss.node.name}, unique per server), its meeting zone
 * ({@code confero.zone}) and the roles it plays ({@code confero.roles}: web, zc, mmr, tunnel).
 */
@ApplicationScoped
public class ServerIdentity {

    @Inject
    @ConfigProperty(name = "confero.roles", defaultValue = "web,zc,mmr,tunnel")
    Set<String> roles;

    @Inject
    @ConfigProperty(name = "confero.zone", defaultValue = "default")
    String zone;

    @Inject
    @ConfigProperty(name = "jboss.node.name", defaultValue = "localhost")
    String node;

    public boolean plays(String role) {
        return roles.contains(role);
    }

    public String zone() {
        return zone;
    }

    public String node() {
        return node;
    }
}
