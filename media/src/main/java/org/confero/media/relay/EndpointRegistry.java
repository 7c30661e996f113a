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

    private final ConcurrentHashMap<String, Meeting> meetings = new ConcurrentHashMap<>();
    /**
     * Meeting id to the time (epoch ms) it last closed here; a meeting opened again refuses the tokens issued before
     * (issue 18). Kept for the longest token lifetime only, see {@link #prune}.
     */
    private final ConcurrentHashMap<String, Long> closedAt = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<InetSocketAddress, UdpEndpoint> udp = new ConcurrentHashMap<>();
    private final RelayListener listener;
    private final int bindsPerMinute;

    /**
     * How long an endpoint replaced by a switch of transport keeps sending (see {@link RetiringEndpoints}): the packets
     * a client sent on its old connection before it moved are seconds away from the relay at worst, and the client
     * closes the old connection itself once it stopped receiving on it.
     */
    static final long TRANSPORT_SWITCH_OVERLAP_MILLIS = 3000;

    EndpointRegistry(RelayListener listener, int bindsPerMinute) {
        this.listener = listener;
        this.bindsPerMinute = bindsPerMinute;
    }

    Meeting open(String meetingId) {
        return meetings.computeIfAbsent(meetingId,
                id -> new Meeting(id, closedAt.getOrDefault(id, Long.MIN_VALUE), bindsPerMinute));
    }

    /** Whether the meeting closed here within the longest token lifetime (and may be open again since). */
    boolean wasClosed(String meetingId) {
        return closedAt.containsKey(meetingId);
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
     * switch of transport) and whatever was bound at the same UDP address. Empty when bound, else why not: the meeting
     * closed ({@link DropReason#MEETING_CLOSED}), the credentials were revoked or predate the meeting's previous close,
     * or the participant is over its bind rate ({@link DropReason#BIND_RATE_LIMITED}; cascade links are exempt: they
     * are the routers' own, re-dialled by their reconciler, not participants).
     */
    Optional<DropReason> bind(Endpoint endpoint, long tokenIssuedAtMillis, long nowMillis) {
        Meeting meeting = endpoint.meeting;
        List<Endpoint> replaced = new ArrayList<>(2);
        Endpoint switchedFrom = null;
        Endpoint displacedRetiree = null;
        synchronized (meeting) {
            if (meeting.isClosed()) {
                return Optional.of(DropReason.MEETING_CLOSED);
            }
            Optional<DropReason> refusal = meeting.refusal(endpoint.participantId, tokenIssuedAtMillis);
            if (refusal.isPresent()) {
                return refusal;
            }
            if (!endpoint.cascade && !meeting.countNewBinding(endpoint.participantId, endpoint.mediaType, nowMillis)) {
                return Optional.of(DropReason.BIND_RATE_LIMITED);
            }
            Optional<Endpoint> previousOfIdentity = endpoint.group.find(endpoint.participantId);
            if (previousOfIdentity.isPresent()) {
                Endpoint old = previousOfIdentity.get();
                endpoint.group.remove(old);
                if (old.transport() != endpoint.transport() && !endpoint.cascade) {
                    // A switch of transport: make-before-break (RetiringEndpoints). Out of the group, so nothing is
                    // delivered to it any more, but still taken as a sender for a moment.
                    switchedFrom = old;
                    displacedRetiree = meeting.retiring().add(old, nowMillis + TRANSPORT_SWITCH_OVERLAP_MILLIS)
                            .orElse(null);
                    if (displacedRetiree != null) {
                        displacedRetiree.deactivate();
                    }
                } else {
                    old.deactivate();
                    replaced.add(old);
                }
            }
            endpoint.group.add(endpoint);
            if (endpoint instanceof UdpEndpoint u) {
                UdpEndpoint previous = udp.put(u.address, u);
                if (previous != null && !replaced.contains(previous)) {
                    replaced.add(previous); // another identity had this address: it is gone from there
                }
            }
        }
        if (displacedRetiree != null) {
            forget(displacedRetiree);
            displacedRetiree.released(RelayEvent.REPLACED);
        }
        if (switchedFrom != null) {
            fire(switchedFrom, RelayEvent.Type.LEFT, RelayEvent.REPLACED);
        }
        for (Endpoint old : replaced) {
            if (old.meeting == meeting && old.sameIdentity(endpoint)) {
                forget(old);
                old.released(RelayEvent.REPLACED);
                fire(old, RelayEvent.Type.LEFT, RelayEvent.REPLACED);
            } else {
                unbind(old, RelayEvent.Type.LEFT, "address taken by a new binding");
            }
        }
        fire(endpoint, RelayEvent.Type.BOUND, replaced.isEmpty() && switchedFrom == null ? "" : "rebound");
        return Optional.empty();
    }

    /** Lets go of the endpoints whose transport-switch overlap has passed; from housekeeping. */
    void releaseRetired(long nowMillis) {
        for (Meeting meeting : meetings.values()) {
            List<Endpoint> overdue;
            synchronized (meeting) {
                overdue = meeting.retiring().removeOverdue(nowMillis);
                overdue.forEach(Endpoint::deactivate);
            }
            for (Endpoint e : overdue) {
                forget(e);
                e.released(RelayEvent.REPLACED);
            }
        }
    }

    /** Unbinds an endpoint if it still is bound; fires {@code type} when it was. */
    void unbind(Endpoint endpoint, RelayEvent.Type type, String detail) {
        boolean removed;
        boolean wasRetiring;
        synchronized (endpoint.meeting) {
            endpoint.deactivate();
            removed = endpoint.group.remove(endpoint);
            wasRetiring = endpoint.meeting.retiring().remove(endpoint);
        }
        forget(endpoint);
        if (removed) {
            endpoint.released(detail);
            fire(endpoint, type, detail);
        } else if (wasRetiring) {
            // Its LEFT went out when it was replaced; only the transport is left to let go of.
            endpoint.released(detail);
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
        bound.forEach(e -> unbind(e, RelayEvent.Type.LEFT, RelayEvent.REVOKED));
    }

    /** Unbinds everyone and forgets the meeting, remembering when it closed (even if it was not open here). */
    void close(String meetingId, String detail, long nowMillis) {
        // Remembered before the meeting goes, so that an open() racing with this close already sees it.
        closedAt.merge(meetingId, nowMillis, Math::max);
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

    void closeAll(String detail, long nowMillis) {
        for (String id : new ArrayList<>(meetings.keySet())) {
            close(id, detail, nowMillis);
        }
    }

    /**
     * Forgets what no unexpired token can be refused by any more: closes and revocations at or before
     * {@code forgetUpToMillis} (now minus the longest token lifetime), and expired bind-rate windows.
     */
    void prune(long forgetUpToMillis, long nowMillis) {
        closedAt.values().removeIf(at -> at <= forgetUpToMillis);
        for (Meeting meeting : meetings.values()) {
            meeting.prune(forgetUpToMillis, nowMillis);
        }
    }

    int closedMeetingCount() {
        return closedAt.size();
    }

    private void forget(Endpoint endpoint) {
        if (endpoint instanceof UdpEndpoint u) {
            udp.remove(u.address, u);
        }
    }

    private void fire(Endpoint e, RelayEvent.Type type, String detail) {
        try {
            listener.onEvent(new RelayEvent(type, e.meeting.id, e.participantId, e.mediaType, e.transport(),
                    BindingCensus.transport(e), e.remote(), detail));
        } catch (RuntimeException ex) {
            LOG.warnf(ex, "Relay listener failed on %s of %s/%s", type, e.meeting.id, e.participantId);
        }
    }
}
