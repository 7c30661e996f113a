package org.confero.zone;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.confero.common.api.DomainException;
import org.confero.protocol.rest.PageView;
import org.confero.protocol.rest.TunnelRequest;
import org.confero.protocol.rest.TunnelView;
import org.confero.protocol.rest.ZoneRequest;
import org.confero.protocol.rest.ZoneView;
import org.confero.zone.ranking.ZoneState;

/** Admins' management of zones and tunnels (authorisation is the caller's: the REST layer allows admins only). */
@Stateless
public class Zones {

    @PersistenceContext(unitName = "confero")
    private EntityManager em;

    /** Creates the zone or replaces every field of it. Returns whether it was created. */
    public boolean put(String id, ZoneRequest request) {
        if (request == null) {
            throw DomainException.invalid("a zone body is required");
        }
        Zone existing = em.find(Zone.class, id);
        try {
            Zone zone = existing != null ? existing : new Zone(id);
            zone.describe(request.name() == null ? id : request.name(), request.region());
            zone.locate(request.country(), request.continent(), request.latitude(), request.longitude());
            zone.route(Optional.ofNullable(request.controllerUrls()).orElse(List.of()),
                    Optional.ofNullable(request.cidrRules()).orElse(List.of()));
            zone.changeState(parseState(request.state()));
            if (existing == null) {
                em.persist(zone);
            }
            return existing == null;
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(e.getMessage());
        }
    }

    public ZoneView get(String id) {
        return ZoneViews.of(require(id));
    }

    public void delete(String id) {
        em.remove(require(id));
    }

    public PageView<ZoneView> list(int offset, int limit) {
        List<ZoneView> items = em.createNamedQuery("Zone.all", Zone.class).setFirstResult(offset).setMaxResults(limit)
                .getResultList().stream().map(ZoneViews::of).toList();
        return new PageView<>(items, em.createNamedQuery("Zone.count", Long.class).getSingleResult(), offset, limit);
    }

    /** Every zone, for ranking. */
    public List<Zone> all() {
        return em.createNamedQuery("Zone.all", Zone.class).getResultList();
    }

    /**
     * The controller URLs of every zone clients may be sent to (enabled or draining), as configured: what an HTTP
     * tunnel may reach on their behalf.
     */
    public List<String> activeControllerUrls() {
        return all().stream().filter(zone -> zone.state() != ZoneState.DISABLED)
                .flatMap(zone -> zone.controllerUrls().stream()).distinct().toList();
    }

    public boolean putTunnel(String id, TunnelRequest request) {
        if (request == null) {
            throw DomainException.invalid("a tunnel body is required");
        }
        Tunnel existing = em.find(Tunnel.class, id);
        try {
            Tunnel tunnel = existing != null ? existing : new Tunnel(id, request.url());
            tunnel.moveTo(request.url());
            tunnel.place(request.region(), request.country());
            tunnel.changeState(parseState(request.state()));
            if (existing == null) {
                em.persist(tunnel);
            }
            return existing == null;
        } catch (IllegalArgumentException | NullPointerException e) {
            throw DomainException.invalid(e.getMessage() == null ? "url is required" : e.getMessage());
        }
    }

    public TunnelView getTunnel(String id) {
        return ZoneViews.of(requireTunnel(id));
    }

    public void deleteTunnel(String id) {
        em.remove(requireTunnel(id));
    }

    public List<TunnelView> tunnels() {
        return em.createNamedQuery("Tunnel.all", Tunnel.class).getResultList().stream().map(ZoneViews::of).toList();
    }

    /** The tunnels clients may use (enabled ones). */
    public List<TunnelView> enabledTunnels() {
        return em.createNamedQuery("Tunnel.enabled", Tunnel.class).setParameter("state", ZoneState.ENABLED)
                .getResultList().stream().map(ZoneViews::of).toList();
    }

    private Zone require(String id) {
        return Optional.ofNullable(em.find(Zone.class, id)).orElseThrow(() -> DomainException.notFound("zone " + id));
    }

    private Tunnel requireTunnel(String id) {
        return Optional.ofNullable(em.find(Tunnel.class, id))
                .orElseThrow(() -> DomainException.notFound("tunnel " + id));
    }

    private static ZoneState parseState(String text) {
        if (text == null) {
            return ZoneState.ENABLED;
        }
        try {
            return ZoneState.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("state must be enabled, draining or disabled, was '" + text + "'");
        }
    }
}
