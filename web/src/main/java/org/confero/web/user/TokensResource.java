package org.confero.web.user;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;

import org.confero.protocol.rest.ApiTokenRequest;
import org.confero.protocol.rest.ApiTokenView;
import org.confero.user.ApiTokens;
import org.confero.web.rest.AuthenticatedCaller;
import org.confero.web.rest.Callers;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** The caller's API tokens: create (the secret is in that answer only), list, revoke. */
@Path("tokens")
@RequestScoped
@RolesAllowed({ "host", "admin" })
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "basic")
@SecurityRequirement(name = "bearer")
public class TokensResource {

    @EJB
    private ApiTokens tokens;

    @Context
    private SecurityContext security;

    @Context
    private UriInfo uri;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an API token; send it as 'Authorization: Bearer <token>'", description = "Every token expires (at most confero.api.token.max.days days). A call made with a token"
            + " cannot create one that outlives it (403).")
    public Response create(ApiTokenRequest request) {
        AuthenticatedCaller caller = Callers.current(security);
        ApiTokenView created = tokens.create(caller.actor(), request, caller.tokenId());
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build()).entity(created)
                .cacheControl(noStore).build();
    }

    @GET
    @Operation(summary = "The caller's tokens (never their secrets)")
    public List<ApiTokenView> list() {
        return tokens.list(Callers.current(security).actor());
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke a token")
    public Response revoke(@PathParam("id") String id) {
        tokens.revoke(Callers.current(security).actor(), id);
        return Response.noContent().build();
    }
}
