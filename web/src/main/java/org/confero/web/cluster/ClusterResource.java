package org.confero.web.cluster;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.confero.cascade.CascadeLinks;
import org.confero.common.ServerIdentity;
import org.confero.router.MeetingPlacements;
import org.confero.router.RouterLoad;
import org.confero.router.RouterRegistry;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * {@code GET /api/v1/cluster}: what the replicated state says now — every router's last heartbeat (load, capacity,
 * whether it is fresh), every meeting's routers (home first), and the cascade links of the server that answers — and
 * what that server holds in memory ({@code held}: control rooms, media connection records, the relay's open meetings,
 * bindings, indexed UDP addresses and remembered closes), each of which falls back when its meetings end — and what
 * crossed its cascade links ({@code cascadeTraffic}, issue 23).
 */
@Path("cluster")
@RequestScoped
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "basic")
@SecurityRequirement(name = "bearer")
public class ClusterResource {

    @Inject
    private ServerIdentity identity;

    @EJB
    private RouterRegistry registry;

    @EJB
    private MeetingPlacements placements;

    @EJB
    private CascadeLinks links;

    @EJB
    private org.confero.control.ControlRooms rooms;

    @EJB
    private org.confero.mmr.MediaPresence media;

    @GET
    @Operation(summary = "Routers, meeting placements and this server's cascade links")
    public JsonObject view() {
        Instant now = Instant.now();
        JsonArrayBuilder routers = Json.createArrayBuilder();
        registry.routers().stream().sorted(Comparator.comparing(RouterLoad::node))
                .forEach(r -> routers.add(Json.createObjectBuilder().add("node", r.node()).add("zone", r.zone())
                        .add("participants", r.participants()).add("meetings", r.meetings())
                        .add("capacity", r.capacity()).add("draining", r.draining())
                        .add("fresh", registry.isFresh(r, now)).add("heartbeatAt", r.at().toString())
                        .add("controlUrl", r.controlUrl())));
        JsonObjectBuilder meetings = Json.createObjectBuilder();
        placements.all().forEach((meeting, nodes) -> meetings.add(meeting, Json.createArrayBuilder(nodes)));
        JsonObjectBuilder here = Json.createObjectBuilder();
        for (Map.Entry<String, List<String>> link : links.current().entrySet()) {
            here.add(link.getKey(), Json.createArrayBuilder(link.getValue()));
        }
        return Json.createObjectBuilder().add("server", identity.node()).add("routers", routers)
                .add("placements", meetings).add("cascadeLinks", here).add("cascadeTraffic", cascadeTraffic())
                .add("held", held()).build();
    }

    /**
     * Issue 23: media that crossed this server's cascade links since its relay started, per media type: {@code out} one
     * copy per link and packet of its own participants, {@code in} packets from other routers. Empty when this server
     * has no running relay.
     */
    private JsonObjectBuilder cascadeTraffic() {
        JsonObjectBuilder traffic = Json.createObjectBuilder();
        try (org.confero.media.api.MediaConnection relay = org.confero.mmr.LocalRelay.connect()) {
            relay.cascadeTraffic()
                    .forEach((type, t) -> traffic.add(type.name().toLowerCase(java.util.Locale.ROOT),
                            Json.createObjectBuilder().add("packetsIn", t.packetsIn()).add("bytesIn", t.bytesIn())
                                    .add("packetsOut", t.packetsOut()).add("bytesOut", t.bytesOut())));
        } catch (org.confero.mmr.LocalRelay.Unavailable | IllegalStateException e) {
            // not a router, or its relay is down: nothing crossed here
        }
        return traffic;
    }

    private JsonObjectBuilder held() {
        JsonObjectBuilder held = Json.createObjectBuilder().add("controlRooms", rooms.roomCount()).add("mediaRecords",
                media.recordCount());
        try (org.confero.media.api.MediaConnection relay = org.confero.mmr.LocalRelay.connect()) {
            org.confero.media.api.RelayOccupancy occupancy = relay.occupancy();
            held.add("relay",
                    Json.createObjectBuilder().add("meetings", occupancy.meetings())
                            .add("endpoints", occupancy.endpoints()).add("udpAddresses", occupancy.udpAddresses())
                            .add("rememberedCloses", occupancy.rememberedCloses()));
        } catch (org.confero.mmr.LocalRelay.Unavailable | IllegalStateException e) {
            held.addNull("relay"); // not a router, or its relay is down (the health check says why)
        }
        return held;
    }
}
