package org.confero.web.zc;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.confero.common.ServerIdentity;
import org.confero.nettest.NetworkTests;
import org.confero.web.proxy.RequestOrigin;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code POST /api/v1/zc/network-test}: a router of this zone and media credentials for a throwaway test meeting, so a
 * network test can bind over UDP, TCP and WebSocket in turn. Anyone may ask; the limits are per address and server.
 */
@Path("zc/network-test")
@RequestScoped
public class NetworkTestMeetingResource {

    @Inject
    private ServerIdentity identity;

    @EJB
    private NetworkTests tests;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A router and media credentials for a throwaway network-test meeting")
    @APIResponse(responseCode = "200", description = "The assignment, as POST /zc/assign answers it")
    @APIResponse(responseCode = "429", description = "Too many network tests from this address; see Retry-After")
    @APIResponse(responseCode = "503", description = "No router, or this server runs its maximum of tests")
    public Response start(@Context HttpServletRequest request) {
        if (!identity.plays("zc")) {
            throw new NotFoundException("this server is not a zone controller");
        }
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(tests.start(RequestOrigin.clientAddress(request).getHostAddress())).cacheControl(noStore)
                .build();
    }
}
