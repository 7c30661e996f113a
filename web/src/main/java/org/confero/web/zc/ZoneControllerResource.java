package org.confero.web.zc;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.confero.common.ServerIdentity;
import org.confero.common.api.DomainException;
import org.confero.limits.Limit;
import org.confero.limits.SourceRateLimits;
import org.confero.protocol.rest.AssignmentRequest;
import org.confero.protocol.rest.AssignmentView;
import org.confero.router.ZoneController;
import org.confero.web.proxy.RequestOrigin;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Phase three of the connection process: {@code POST /api/v1/zc/assign} with the join token → the multimedia router,
 * its endpoints and the participant's media credentials. The join token is the credential; no user account needed.
 */
@Path("zc/assign")
@RequestScoped
public class ZoneControllerResource {

    @Inject
    private ServerIdentity identity;

    @EJB
    private ZoneController controller;

    @EJB
    private SourceRateLimits limits;

    @Context
    private HttpServletRequest http;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Get the multimedia router for a participant of the meeting named in the join token")
    @APIResponse(responseCode = "200", description = "The router chosen and its endpoints")
    @APIResponse(responseCode = "429", description = "Too many assignments from this address "
            + "(confero.limits.assigns.per.minute, too-many-attempts); see Retry-After")
    public Response assign(AssignmentRequest request) {
        if (!identity.plays("zc")) {
            throw new NotFoundException("this server is not a zone controller");
        }
        limits.acquire(Limit.ASSIGNS, RequestOrigin.clientAddress(http));
        boolean hasToken = request != null && request.joinToken() != null && !request.joinToken().isBlank();
        if (!hasToken && (request == null || request.resume() == null)) {
            throw DomainException.invalid("joinToken (or, after a failover, resume) is required");
        }
        AssignmentView assignment = controller.assign(request);
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(assignment).cacheControl(noStore).build();
    }
}
