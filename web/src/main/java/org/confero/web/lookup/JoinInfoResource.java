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

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

import org.confero.common.api.Actor;
import org.confero.common.api.DomainException;
import org.confero.common.api.ProblemType;
import org.confero.lookup.MeetingLookup;
import org.confero.meeting.MeetingNumber;
import org.confero.protocol.net.Cidr;
import org.confero.protocol.rest.JoinInfoView;
import org.confero.protocol.rest.JoinInfoView.PathView;
import org.confero.web.proxy.ClientOrigin;
import org.confero.web.proxy.TrustedProxyFilter;
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
    private static final int MAX_HEADER_ECHO = 500;

    @EJB
    private MeetingLookup lookup;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Look a meeting up to join it", description = "Returns the meeting, a signed join token, "
            + "the zones ranked for this client, the HTTP tunnels and the web client URL.")
    @APIResponse(responseCode = "200", description = "Join information")
    @APIResponse(responseCode = "403", description = "Passcode missing or wrong (problem type wrong-passcode)")
    @APIResponse(responseCode = "404", description = "No such meeting (meeting-not-found)")
    @APIResponse(responseCode = "409", description = "The meeting has ended (meeting-ended)")
    @APIResponse(responseCode = "429", description = "Too many wrong passcodes; see Retry-After")
    public Response joinInfo(@PathParam("id") String id,
            @Parameter(description = "the meeting passcode") @HeaderParam(PASSCODE_HEADER) String passcode,
            @Parameter(description = "display name in the meeting") @QueryParam("name") String name,
            @QueryParam("passcode") String passcodeInUrl, @Context HttpServletRequest request,
            @Context SecurityContext security) {
        if (passcodeInUrl != null) {
            throw DomainException
                    .invalid("the passcode belongs in the " + PASSCODE_HEADER + " header, never in the URL");
        }
        MeetingNumber number = MeetingNumber.parse(id)
                .orElseThrow(() -> new DomainException(ProblemType.MEETING_NOT_FOUND,
                        "'" + abbreviate(id) + "' is not a meeting number (9 to 11 digits)"));
        Optional<Actor> caller = Optional.ofNullable(security.getUserPrincipal())
                .map(principal -> new Actor(principal.getName(), security.isUserInRole("admin")));
        JoinInfoView info = lookup.lookup(number, Optional.ofNullable(passcode), Optional.ofNullable(name), caller,
                clientAddress(request), path(request));
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(info).cacheControl(noStore).build();
    }

    // The filter already resolved trusted proxies; the address is a literal, so no lookup happens here.
    private static InetAddress clientAddress(HttpServletRequest request) {
        try {
            byte[] bytes = Cidr.literalAddress(request.getRemoteAddr())
                    .orElseThrow(() -> new IllegalStateException("peer address is not a literal"));
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PathView path(HttpServletRequest request) {
        Object attribute = request.getAttribute(TrustedProxyFilter.ORIGIN_ATTRIBUTE);
        boolean trusted = attribute instanceof ClientOrigin origin && origin.viaProxy();
        String via = abbreviate(request.getHeader("Via"));
        String forwarded = abbreviate(request.getHeader("Forwarded"));
        String forwardedFor = abbreviate(request.getHeader("X-Forwarded-For"));
        boolean detected = via != null || forwarded != null || forwardedFor != null;
        return new PathView(request.getRemoteAddr(), detected, trusted, via, forwarded, forwardedFor);
    }

    private static String abbreviate(String value) {
        if (value == null) {
            return null;
        }
        return value.length() <= MAX_HEADER_ECHO ? value : value.substring(0, MAX_HEADER_ECHO) + "…";
    }
}
