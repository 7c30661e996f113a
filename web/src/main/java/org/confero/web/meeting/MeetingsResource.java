package org.confero.web.meeting;

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

import org.confero.common.api.Actor;
import org.confero.common.api.DomainException;
import org.confero.common.api.ProblemType;
import org.confero.meeting.MeetingNumber;
import org.confero.meeting.Meetings;
import org.confero.protocol.rest.MeetingRequest;
import org.confero.protocol.rest.MeetingView;
import org.confero.protocol.rest.PageView;
import org.confero.web.rest.Callers;
import org.confero.web.rest.PageLinks;
import org.confero.web.rest.PageRequest;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Meetings of the authenticated host (all meetings for admins). */
@Path("meetings")
@RequestScoped
@RolesAllowed({ "host", "admin" })
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "basic")
@SecurityRequirement(name = "bearer")
public class MeetingsResource {

    @EJB
    private Meetings meetings;

    @EJB
    private org.confero.control.ControlRooms rooms;

    @EJB
    private org.confero.lookup.MeetingLookup lookup;

    @Context
    private SecurityContext security;

    @Context
    private UriInfo uri;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Schedule a meeting or a webinar", description = "type webinar (or webinar: true) makes a "
            + "webinar: host and panelists send, attendees receive only; maxAttendees lowers its attendee capacity "
            + "below confero.webinar.max.attendees.")
    public Response schedule(MeetingRequest request) {
        MeetingView created = meetings.schedule(actor(), request);
        return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build()).entity(created).build();
    }

    @GET
    @Operation(summary = "List meetings, newest first")
    public Response list(@BeanParam PageRequest page) {
        PageView<MeetingView> result = meetings.list(actor(), page.offset(), page.limit());
        return PageLinks.add(Response.ok(result), uri, result).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One meeting")
    public MeetingView get(@PathParam("id") String id) {
        return meetings.get(actor(), number(id));
    }

    @GET
    @Path("{id}/panelist-link")
    @Operation(summary = "A webinar's panelist link", description = "The panelist code (lookup header "
            + "X-Confero-Panelist-Code) and the web client's join URL with it in the fragment: whoever joins with it is "
            + "a panelist (on stage, sends media); everyone else is an attendee (receives only). 400 for a meeting.")
    public org.confero.protocol.rest.PanelistLinkView panelistLink(@PathParam("id") String id) {
        return lookup.panelistLink(actor(), number(id));
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a meeting: absent fields keep their value")
    public MeetingView update(@PathParam("id") String id, MeetingRequest request) {
        return meetings.update(actor(), number(id), request);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a meeting")
    public Response delete(@PathParam("id") String id) {
        MeetingNumber number = number(id);
        meetings.delete(actor(), number);
        // Deleted is over: its participants are closed out and its media revoked on every router, now.
        rooms.endEverywhere(number.toString());
        return Response.noContent().build();
    }

    private Actor actor() {
        return Callers.current(security).actor();
    }

    static MeetingNumber number(String id) {
        return MeetingNumber.parse(id).orElseThrow(() -> new DomainException(ProblemType.MEETING_NOT_FOUND,
                "'" + (id.length() > 40 ? id.substring(0, 40) + "…" : id) + "' is not a meeting number"));
    }
}
