package org.confero.web.messaging;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.confero.messaging.ChatMessages;
import org.confero.protocol.rest.ChatMessageRequest;
import org.confero.protocol.rest.ChatMessagesView;
import org.confero.web.rest.Callers;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** A room's messages: send, and read the history page by page. */
@Path("chat/rooms/{roomId}/messages")
@RequestScoped
@RolesAllowed({ "host", "admin" })
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "basic")
@SecurityRequirement(name = "bearer")
public class ChatMessagesResource {

    @EJB
    private ChatMessages messages;

    @Inject
    private ChatNotices notices;

    @Context
    private SecurityContext security;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send a message (text and/or attachments uploaded to this room)")
    public Response send(@PathParam("roomId") String roomId, ChatMessageRequest request) {
        ChatMessages.Posted posted = messages.post(Callers.current(security).actor(), roomId, request);
        notices.messagePosted(posted);
        return Response.status(Response.Status.CREATED).entity(posted.message()).build();
    }

    @GET
    @Operation(summary = "History, oldest first: the newest page, or the page before/after a message id")
    public ChatMessagesView history(@PathParam("roomId") String roomId, @QueryParam("before") Long before,
            @QueryParam("after") Long after, @QueryParam("limit") @DefaultValue("50") int limit) {
        return messages.history(Callers.current(security).actor(), roomId, before, after, limit);
    }
}
