package org.confero.web.user;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

import org.confero.common.api.DomainException;
import org.confero.protocol.rest.PageView;
import org.confero.protocol.rest.UserRequest;
import org.confero.protocol.rest.UserView;
import org.confero.user.Users;
import org.confero.web.rest.AuthenticatedCaller;
import org.confero.web.rest.Callers;
import org.confero.web.rest.PageLinks;
import org.confero.web.rest.PageRequest;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Accounts: admins manage everyone; every user reads and changes itself at {@code users/me}. */
@Path("users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "basic")
@SecurityRequirement(name = "bearer")
public class UsersResource {

    @EJB
    private Users users;

    @Context
    private SecurityContext security;

    @Context
    private UriInfo uri;

    @GET
    @Path("me")
    @RolesAllowed({ "host", "admin" })
    @Operation(summary = "The calling user")
    public UserView me() {
        return users.get(Callers.current(security).username());
    }

    @PATCH
    @Path("me")
    @RolesAllowed({ "host", "admin" })
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the calling user's display name, email or password", description = "A new password needs currentPassword, and is refused (403) for calls authenticated with an"
            + " API token: sign in with the password (HTTP Basic) to change it.")
    public UserView updateMe(UserRequest request) {
        AuthenticatedCaller caller = Callers.current(security);
        refusePasswordChangeByToken(caller, request);
        return users.update(caller.username(), request, true);
    }

    @POST
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a user")
    public Response create(UserRequest request) {
        UserView created = users.add(request);
        return Response.created(uri.getAbsolutePathBuilder().path(created.username()).build()).entity(created).build();
    }

    @GET
    @RolesAllowed("admin")
    @Operation(summary = "List users")
    public Response list(@BeanParam PageRequest page) {
        PageView<UserView> result = users.list(page.offset(), page.limit());
        return PageLinks.add(Response.ok(result), uri, result).build();
    }

    @GET
    @Path("{username}")
    @RolesAllowed("admin")
    public UserView get(@PathParam("username") String username) {
        return users.get(username);
    }

    @PATCH
    @Path("{username}")
    @RolesAllowed("admin")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a user (role, enabled, password, …)")
    public UserView update(@PathParam("username") String username, UserRequest request) {
        AuthenticatedCaller caller = Callers.current(security);
        refusePasswordChangeByToken(caller, request);
        return users.update(username, request, false, caller.username().equals(username));
    }

    /**
     * A bearer token must not be able to take its owner's account over (nor, for an admin's token, anyone's): only a
     * caller who signed in with a password changes passwords.
     */
    static void refusePasswordChangeByToken(AuthenticatedCaller caller, UserRequest request) {
        if (request != null && request.password() != null && caller.tokenId().isPresent()) {
            throw DomainException.forbidden("a password cannot be changed with an API token;"
                    + " sign in with the password (HTTP Basic) to change it");
        }
    }

    @DELETE
    @Path("{username}")
    @RolesAllowed("admin")
    public Response delete(@PathParam("username") String username) {
        users.remove(username);
        return Response.noContent().build();
    }
}
