package org.confero.web.limits;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;

import org.confero.common.ServerIdentity;
import org.confero.limits.Limit;
import org.confero.limits.Refusals;
import org.confero.protocol.rest.LimitsView;
import org.confero.protocol.rest.LimitsView.LimitView;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code GET /api/v1/limits} (admins only): every limit of this server — its property, the value in force, and how many
 * refusals it made since the server started. What tells an operator whether a limit is under attack or set too low.
 */
@Path("limits")
@RequestScoped
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "basic")
@SecurityRequirement(name = "bearer")
public class LimitsResource {

    @Inject
    private ServerIdentity identity;

    @Inject
    private Config config;

    @EJB
    private Refusals refusals;

    @GET
    @Operation(summary = "This server's limits: property, value in force, refusals since start")
    @APIResponse(responseCode = "200", description = "Every limit, in a fixed order")
    @APIResponse(responseCode = "401", description = "Not signed in")
    @APIResponse(responseCode = "403", description = "Not an admin")
    public Response limits() {
        Map<Limit, Long> counts = refusals.all();
        counts.merge(Limit.RELAY_BINDS, relayBindRefusals(), Long::sum);
        List<LimitView> limits = counts.entrySet().stream().map(entry -> new LimitView(entry.getKey().slug(),
                entry.getKey().property(), entry.getKey().setting(config), entry.getKey().meaning(), entry.getValue()))
                .toList();
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(new LimitsView(identity.node(), limits)).cacheControl(noStore).build();
    }

    /** The relay counts its own refusals, as a drop reason, on its I/O threads. */
    private static long relayBindRefusals() {
        try (org.confero.media.api.MediaConnection relay = org.confero.mmr.LocalRelay.connect()) {
            return relay.statistics().dropped("BIND_RATE_LIMITED");
        } catch (org.confero.mmr.LocalRelay.Unavailable | IllegalStateException e) {
            return 0; // not a router, or its relay is down
        }
    }
}
