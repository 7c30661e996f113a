package org.confero.web.messaging;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

import org.confero.messaging.ChatTickets;
import org.confero.protocol.rest.ChatTicketView;
import org.confero.web.rest.Callers;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Tickets that open the chat WebSocket (valid for a minute, on any server of the cluster). */
@Path("chat/tickets")
@RequestScoped
@RolesAllowed({ "host", "admin" })
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "basic")
@SecurityRequirement(name = "bearer")
public class ChatTicketsResource {

    @Inject
    private ChatTickets tickets;

    @Context
    private SecurityContext security;

    @Context
    private UriInfo uri;

    @POST
    @Operation(summary = "A ticket for the chat WebSocket: send {\"type\":\"hello\",\"ticket\":...} as its first frame")
    public Response issue() {
        ChatTickets.Issued issued = tickets.issue(Callers.current(security).actor().username());
        String base = uri.getBaseUri().toString();
        String webSocket = base.replaceFirst("^http", "ws") + (base.endsWith("/") ? "" : "/") + "chat/ws";
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(new ChatTicketView(issued.ticket(), issued.expiresAt(), webSocket)).cacheControl(noStore)
                .build();
    }
}
