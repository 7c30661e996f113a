package org.confero.web.messaging;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;

import org.confero.common.api.Actor;
import org.confero.messaging.ChatRooms;
import org.confero.protocol.rest.ChatMemberRequest;
import org.confero.protocol.rest.ChatRoomRequest;
import org.confero.protocol.rest.ChatRoomView;
import org.confero.protocol.rest.ReadMarkRequest;
import org.confero.web.rest.Callers;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** The caller's chat rooms: open (direct or group), list, members, read marks. */
@Path("chat/rooms")
@RequestScoped
@RolesAllowed({ "host", "admin" })
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "basic")
@SecurityRequirement(name = "bearer")
public class ChatRoomsResource {

    @EJB
    private ChatRooms rooms;

    @Inject
    private ChatNotices notices;

    @Context
    private SecurityContext security;

    @Context
    private UriInfo uri;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Open a room: 201 with a new one, 200 with the direct room the two users already have")
    public Response open(ChatRoomRequest request) {
        ChatRooms.Opened opened = rooms.open(actor(), request);
        ChatRoomView room = opened.room();
        if (!opened.created()) {
            return Response.ok(room).build();
        }
        notices.roomChanged(room.id(), "created", null, opened.members());
        return Response.created(uri.getAbsolutePathBuilder().path(room.id()).build()).entity(room).build();
    }

    @GET
    @Operation(summary = "The caller's rooms, most recently active first, with unread counts")
    public List<ChatRoomView> list() {
        return rooms.list(actor());
    }

    @GET
    @Path("{roomId}")
    @Operation(summary = "One room of the caller's")
    public ChatRoomView get(@PathParam("roomId") String roomId) {
        return rooms.get(actor(), roomId);
    }

    @POST
    @Path("{roomId}/members")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a user to a group room (any member may)")
    public ChatRoomView addMember(@PathParam("roomId") String roomId, ChatMemberRequest request) {
        ChatRooms.Opened changed = rooms.addMember(actor(), roomId, request == null ? null : request.username());
        if (changed.created()) {
            notices.roomChanged(roomId, "member-added", request.username(), changed.members());
        }
        return changed.room();
    }

    @DELETE
    @Path("{roomId}/members/{username}")
    @Operation(summary = "Leave a group room, or remove a member (the room's creator or an admin)")
    public Response removeMember(@PathParam("roomId") String roomId, @PathParam("username") String username) {
        List<String> told = rooms.removeMember(actor(), roomId, username);
        notices.roomChanged(roomId, "member-removed", username, told);
        return Response.noContent().build();
    }

    @PUT
    @Path("{roomId}/read")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mark the room read up to a message (on every device of the caller)")
    public ChatRoomView markRead(@PathParam("roomId") String roomId, ReadMarkRequest request) {
        ChatRoomView room = rooms.markRead(actor(), roomId, request == null ? null : request.lastReadId());
        notices.readMarked(actor().username(), roomId, request.lastReadId());
        return room;
    }

    private Actor actor() {
        return Callers.current(security).actor();
    }
}
