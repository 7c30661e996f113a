package org.confero.web.lookup;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.util.Optional;

import org.confero.common.api.Actor;
import org.confero.common.api.DomainException;
import org.confero.common.api.ProblemType;
import org.confero.limits.Limit;
import org.confero.limits.SourceRateLimits;
import org.confero.lookup.MeetingLookup;
import org.confero.meeting.MeetingNumber;
import org.confero.protocol.rest.JoinInfoView;
import org.confero.web.proxy.RequestOrigin;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Phase one of the connection process. Open to guests: the passcode (header {@code X-Confero-Passcode}, never the URL,
 * where proxies and logs would keep it) is the gate. The answer holds a join token, so it is never cached.
 */
@Path("meetings/{id}/join-info")
@RequestScoped
public class JoinInfoResource {

    static final String PASSCODE_HEADER = "X-Confero-Passcode";
    /** Issue 23: a webinar's panelist code, from the host's panelist link. */
    static final String PANELIST_HEADER = "X-Confero-Panelist-Code";

    @EJB
    private MeetingLookup lookup;

    @EJB
    private SourceRateLimits limits;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Look a meeting up to join it", description = "Returns the meeting, a signed join token, "
            + "the zones ranked for this client, the HTTP tunnels and the web client URL.")
    @APIResponse(responseCode = "200", description = "Join information")
    @APIResponse(responseCode = "403", description = "Passcode missing or wrong (problem type wrong-passcode), or a "
            + "panelist code that is not the webinar's (forbidden)")
    @APIResponse(responseCode = "404", description = "No such meeting (meeting-not-found)")
    @APIResponse(responseCode = "409", description = "The meeting has ended (meeting-ended)")
    @APIResponse(responseCode = "429", description = "Too many lookups from this address "
            + "(confero.limits.lookups.per.minute) or too many wrong passcodes (too-many-attempts); see Retry-After")
    public Response joinInfo(@PathParam("id") String id,
            @Parameter(description = "the meeting passcode") @HeaderParam(PASSCODE_HEADER) String passcode,
            @Parameter(description = "a webinar's panelist code: join as panelist") @HeaderParam(PANELIST_HEADER) String panelistCode,
            @Parameter(description = "display name in the meeting") @QueryParam("name") String name,
            @QueryParam("passcode") String passcodeInUrl, @Context HttpServletRequest request,
            @Context SecurityContext security) {
        // Every lookup counts, a malformed or unknown number too: guessing meeting numbers is what this limits.
        limits.acquire(Limit.LOOKUPS, RequestOrigin.clientAddress(request));
        if (passcodeInUrl != null) {
            throw DomainException
                    .invalid("the passcode belongs in the " + PASSCODE_HEADER + " header, never in the URL");
        }
        MeetingNumber number = MeetingNumber.parse(id)
                .orElseThrow(() -> new DomainException(ProblemType.MEETING_NOT_FOUND,
                        "'" + RequestOrigin.abbreviate(id) + "' is not a meeting number (9 to 11 digits)"));
        Optional<Actor> caller = Optional.ofNullable(security.getUserPrincipal())
                .map(principal -> new Actor(principal.getName(), security.isUserInRole("admin")));
        JoinInfoView info = lookup.lookup(number, Optional.ofNullable(passcode), Optional.ofNullable(panelistCode),
                Optional.ofNullable(name), caller, RequestOrigin.clientAddress(request), RequestOrigin.path(request));
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(info).cacheControl(noStore).build();
    }
}
