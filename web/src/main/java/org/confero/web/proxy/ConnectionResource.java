package org.confero.web.proxy;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.confero.cluster.NodeDirectory;
import org.confero.protocol.rest.ConnectionView;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code GET /api/v1/connection}: how this server sees the caller — client address and scheme after trusted proxies,
 * the TCP peer, and which server answered. What an operator or integrator checks when putting a load balancer or proxy
 * in front: are X-Forwarded-For and -Proto believed, does affinity hold. For signed-in users only: it names servers.
 */
@Path("connection")
@RequestScoped
@RolesAllowed({ "host", "admin" })
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "basic")
@SecurityRequirement(name = "bearer")
public class ConnectionResource {

    @EJB
    private NodeDirectory directory;

    @GET
    @Operation(summary = "How this server sees your connection: client address, scheme, proxy, answering server")
    public Response connection(@Context HttpServletRequest request) {
        ClientOrigin origin = attribute(request, TrustedProxyFilter.ORIGIN_ATTRIBUTE);
        ClientOrigin peer = attribute(request, TrustedProxyFilter.PEER_ATTRIBUTE);
        ConnectionView view = new ConnectionView(origin.address(), origin.scheme(), origin.host(), origin.port(),
                origin.viaProxy(), peer.address(), directory.self().node(), directory.self().url());
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(view).cacheControl(noStore).build();
    }

    // The filter maps every request of the WAR, so both attributes are always there.
    private static ClientOrigin attribute(HttpServletRequest request, String name) {
        return (ClientOrigin) request.getAttribute(name);
    }
}
