package org.confero.web.nettest;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.confero.lookup.MeetingLookup;
import org.confero.web.proxy.RequestOrigin;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** {@code GET /api/v1/network-test}: the first step of a network test page, open to anyone, rate-limited. */
@Path("network-test")
@RequestScoped
public class NetworkTestResource {

    @EJB
    private MeetingLookup lookup;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The zones ranked for this client, the HTTP tunnels and the path the server saw", description = "The meeting lookup without a meeting: what a network test needs before probing.")
    @APIResponse(responseCode = "200", description = "Zones, tunnels, client address and proxy headers")
    @APIResponse(responseCode = "429", description = "Too many network tests from this address; see Retry-After")
    public Response networkTest(@Context HttpServletRequest request) {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(lookup.networkTest(RequestOrigin.clientAddress(request), RequestOrigin.path(request)))
                .cacheControl(noStore).build();
    }
}
