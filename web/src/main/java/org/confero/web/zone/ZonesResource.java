package org.confero.web.zone;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.BeanParam;
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

import org.confero.protocol.rest.PageView;
import org.confero.protocol.rest.ZoneRequest;
import org.confero.protocol.rest.ZoneView;
import org.confero.web.rest.PageLinks;
import org.confero.web.rest.PageRequest;
import org.confero.zone.Zones;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Meeting zones (admins only). PUT creates or replaces a zone by its id. */
@Path("zones")
@RequestScoped
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "basic")
@SecurityRequirement(name = "bearer")
public class ZonesResource {

    @EJB
    private Zones zones;

    @Context
    private UriInfo uri;

    @GET
    @Operation(summary = "List zones")
    public Response list(@BeanParam PageRequest page) {
        PageView<ZoneView> result = zones.list(page.offset(), page.limit());
        return PageLinks.add(Response.ok(result), uri, result).build();
    }

    @GET
    @Path("{id}")
    public ZoneView get(@PathParam("id") String id) {
        return zones.get(id);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or replace a zone")
    public Response put(@PathParam("id") String id, ZoneRequest request) {
        boolean created = zones.put(id, request);
        ZoneView view = zones.get(id);
        return created ? Response.created(uri.getAbsolutePath()).entity(view).build() : Response.ok(view).build();
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        zones.delete(id);
        return Response.noContent().build();
    }
}
