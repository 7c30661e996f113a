package org.confero.media.relay;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

/**
 * Who is bound where: the open meetings and the UDP address index the forwarding path looks senders up in. All
 * membership changes go through here. Each change takes one meeting's lock at a time (never two, so no lock order to
 * get wrong) and fires its events after releasing it.
 */
final class EndpointRegistry {

    private static final Logger LOG = Logger.getLogger(EndpointRegistry.class);

    enum BindResult {
        BOUND, MEETING_CLOSED, REVOKED
    }

    private final ConcurrentHashMap<String, Meeting> meetings = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<InetSocketAddress, UdpEndpoint> udp = new ConcurrentHashMap<>();
    private final RelayListener listener;

    EndpointRegistry(RelayListener listener) {
        this.listener = listener;
    }

    Meeting open(String meetingId) {
        return meetings.computeIfAbsent(meetingId, Meeting::new);
    }

    Optional<Meeting> meeting(String meetingId) {
        return Optional.ofNullable(meetings.get(meetingId));
    }

    Collection<Meeting> meetings() {
        return meetings.values();
    }

    /** Hot path: the endpoint bound at a UDP source address, or null. ConcurrentHashMap.get allocates nothing. */
    UdpEndpoint udpAt(InetSocketAddress address) {
        return udp.get(address);
    }

    Collection<UdpEndpoint> udpEndpoints() {
        return udp.values();
    }

    int udpCount() {
        return udp.size();
    }

    /**
     * Binds {@code endpoint}, replacing the participant's previous endpoint of the same media type (NAT rebinding, a
     * switch of transport) and whatever was bound at the same UDP address.
     */
    BindResult bind(Endpoint endpoint, long tokenIssuedAtMillis) {
        Meeting meeting = endpoint.meeting;
        List<Endpoint> replaced = new ArrayList<>(2);
        synchronized (meeting) {
            if (meeting.isClosed()) {
                return BindResult.MEETING_CLOSED;
            }
            if (meeting.isRevoked(endpoint.participantId, tokenIssuedAtMillis)) {
                return BindResult.REVOKED;
            }
            endpoint.group.find(endpoint.participantId).ifPresent(old -> {
                old.deactivate();
                endpoint.group.remove(old);
                replaced.add(old);
            });
            endpoint.group.add(endpoint);
            if (endpoint instanceof UdpEndpoint u) {
                UdpEndpoint previous = udp.put(u.address, u);
                if (previous != null && !replaced.contains(previous)) {
                    replaced.add(previous); // another identity had this address: it is gone from there
                }
            }
        }
        for (Endpoint old : replaced) {
            if (old.meeting == meeting && old.sameIdentity(endpoint)) {
                forget(old);
                old.released();
                fire(old, RelayEvent.Type.LEFT, "replaced by a new binding");
            } else {
                unbind(old, RelayEvent.Type.LEFT, "address taken by a new binding");
            }
        }
        fire(endpoint, RelayEvent.Type.BOUND, replaced.isEmpty() ? "" : "rebound");
        return BindResult.BOUND;
    }

    /** Unbinds an endpoint if it still is bound; fires {@code type} when it was. */
    void unbind(Endpoint endpoint, RelayEvent.Type type, String detail) {
        boolean removed;
        synchronized (endpoint.meeting) {
            endpoint.deactivate();
            removed = endpoint.group.remove(endpoint);
        }
        forget(endpoint);
        if (removed) {
            endpoint.released();
            fire(endpoint, type, detail);
        }
    }

    void revoke(String meetingId, String participantId, long nowMillis) {
        Meeting meeting = meetings.get(meetingId);
        if (meeting == null) {
            return;
        }
        List<Endpoint> bound;
        synchronized (meeting) {
            meeting.revoke(participantId, nowMillis);
            bound = meeting.endpoints(participantId);
            // Deactivated under the lock: once revoke returns, no packet is taken from or queued to them any more.
            bound.forEach(Endpoint::deactivate);
        }
        bound.forEach(e -> unbind(e, RelayEvent.Type.LEFT, "revoked"));
    }

    void close(String meetingId, String detail) {
        Meeting meeting = meetings.remove(meetingId);
        if (meeting == null) {
            return;
        }
        List<Endpoint> bound;
        synchronized (meeting) {
            meeting.close();
            bound = meeting.endpoints(null);
            bound.forEach(Endpoint::deactivate);
        }
        bound.forEach(e -> unbind(e, RelayEvent.Type.LEFT, detail));
    }

    void closeAll(String detail) {
        for (String id : new ArrayList<>(meetings.keySet())) {
            close(id, detail);
        }
    }

    private void forget(Endpoint endpoint) {
        if (endpoint instanceof UdpEndpoint u) {
            udp.remove(u.address, u);
        }
    }

    private void fire(Endpoint e, RelayEvent.Type type, String detail) {
        try {
            listener.onEvent(new RelayEvent(type, e.meeting.id, e.participantId, e.mediaType, e.transport(), e.remote(),
                    detail));
        } catch (RuntimeException ex) {
            LOG.warnf(ex, "Relay listener failed on %s of %s/%s", type, e.meeting.id, e.participantId);
        }
    }
}
