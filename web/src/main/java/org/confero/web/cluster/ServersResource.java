package org.confero.web.cluster;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.confero.cluster.NodeDirectory;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code GET /api/v1/servers}: where clients go when this server is gone — the load balancer's URL when one is in
 * front, else every server's own URL in {@code confero.cluster.hosts} order. Open to anyone: without a load balancer
 * clients reach these URLs anyway, and with one only the public URL is named. Cached for a minute at most.
 */
@Path("servers")
@RequestScoped
public class ServersResource {

    @EJB
    private NodeDirectory directory;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The URLs to fail over along, and whether a load balancer is in front")
    public Response servers() {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(60);
        return Response.ok(directory.failoverOrder()).cacheControl(cache).build();
    }
}
