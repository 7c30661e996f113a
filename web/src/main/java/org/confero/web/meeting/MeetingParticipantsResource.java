package org.confero.web.meeting;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.confero.meeting.MeetingNumber;
import org.confero.meeting.Meetings;
import org.confero.quality.CallQuality;
import org.confero.web.rest.Callers;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code GET /api/v1/meetings/{id}/participants} (admins only, issue 22): who is in the meeting on every router of the
 * cluster, whichever server answers, how each is connected (transport per media type, router, zone, client kind) and
 * the call quality each last reported (loss, jitter, round trip per media type). Never cached: it is a live view.
 */
@Path("meetings/{id}/participants")
@RequestScoped
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "basic")
@SecurityRequirement(name = "bearer")
public class MeetingParticipantsResource {

    @EJB
    private Meetings meetings;

    @EJB
    private CallQuality quality;

    @Context
    private SecurityContext security;

    @GET
    @Operation(summary = "The meeting's participants on every router: transports, router, zone, client, call quality")
    @APIResponse(responseCode = "200", description = "Participants present on every router of the meeting")
    @APIResponse(responseCode = "401", description = "Not signed in")
    @APIResponse(responseCode = "403", description = "Not an admin")
    @APIResponse(responseCode = "404", description = "No such meeting")
    public Response participants(@PathParam("id") String id) {
        MeetingNumber number = MeetingsResource.number(id);
        meetings.get(Callers.current(security).actor(), number); // 404 for a meeting that does not exist
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(quality.participants(number.toString())).cacheControl(noStore).build();
    }
}
