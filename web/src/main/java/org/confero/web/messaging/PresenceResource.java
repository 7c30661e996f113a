package org.confero.web.messaging;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.confero.common.api.DomainException;
import org.confero.messaging.ChatRooms;
import org.confero.presence.Presence;
import org.confero.protocol.rest.ChatMemberView;
import org.confero.protocol.rest.PresenceRequest;
import org.confero.protocol.rest.PresenceView;
import org.confero.web.rest.Callers;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Presence: read anyone's (by name, or the caller's contacts — the members of its rooms), set one's own. */
@Path("presence")
@RequestScoped
@RolesAllowed({ "host", "admin" })
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "basic")
@SecurityRequirement(name = "bearer")
public class PresenceResource {

    static final int MAX_USERS = 200;

    @EJB
    private Presence presence;

    @EJB
    private ChatRooms rooms;

    @Context
    private SecurityContext security;

    @GET
    @Operation(summary = "Presence of the named users (?user=a&user=b), or of the caller and its rooms' members")
    public List<PresenceView> list(@QueryParam("user") List<String> users) {
        Set<String> names = new LinkedHashSet<>();
        if (users == null || users.isEmpty()) {
            var actor = Callers.current(security).actor();
            names.add(actor.username());
            rooms.list(actor).forEach(
                    room -> room.members().stream().map(ChatMemberView::username).limit(MAX_USERS).forEach(names::add));
        } else {
            names.addAll(users);
        }
        if (names.size() > MAX_USERS) {
            throw DomainException.invalid("ask for at most " + MAX_USERS + " users at a time");
        }
        return presence.statusesOf(names).entrySet().stream()
                .map(e -> new PresenceView(e.getKey(), e.getValue().wireName())).toList();
    }

    @GET
    @Path("{username}")
    @Operation(summary = "One user's presence")
    public PresenceView get(@PathParam("username") String username) {
        return new PresenceView(username, presence.statusOf(username).wireName());
    }

    @PUT
    @Path("me")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Say you are available or busy")
    public PresenceView choose(PresenceRequest request) {
        String me = Callers.current(security).actor().username();
        return new PresenceView(me, presence.choose(me, request == null ? null : request.status()).wireName());
    }
}
