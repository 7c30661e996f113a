package org.confero.web.zone;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;

import org.confero.protocol.rest.TunnelRequest;
import org.confero.protocol.rest.TunnelView;
import org.confero.zone.Zones;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** HTTP tunnel servers (admins only). PUT creates or replaces a tunnel by its id. */
@Path("tunnels")
@RequestScoped
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "basic")
@SecurityRequirement(name = "bearer")
public class TunnelsResource {

    @EJB
    private Zones zones;

    @Context
    private UriInfo uri;

    @GET
    @Operation(summary = "List tunnels")
    public List<TunnelView> list() {
        return zones.tunnels();
    }

    @GET
    @Path("{id}")
    public TunnelView get(@PathParam("id") String id) {
        return zones.getTunnel(id);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or replace a tunnel")
    public Response put(@PathParam("id") String id, TunnelRequest request) {
        boolean created = zones.putTunnel(id, request);
        TunnelView view = zones.getTunnel(id);
        return created ? Response.created(uri.getAbsolutePath()).entity(view).build() : Response.ok(view).build();
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        zones.deleteTunnel(id);
        return Response.noContent().build();
    }
}
