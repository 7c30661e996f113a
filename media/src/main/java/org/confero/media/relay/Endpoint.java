package org.confero.media.relay;

import io.netty.buffer.ByteBuf;

import org.confero.protocol.media.MediaType;

/**
 * One bound media connection of one participant: the unit the relay forwards from and to. Created bound; unbound once,
 * after which it is never a member of a group again.
 */
public abstract class Endpoint {

    final Meeting meeting;
    final String participantId;
    final MediaType mediaType;
    final MediaGroup group;
    /** Another router's link into this meeting: never forwarded to another link (each packet crosses a link once). */
    final boolean cascade;
    /**
     * Issue 23: bound with receive-only credentials (a webinar attendee): forwarded to, never from. Set from the signed
     * token (or the virtual endpoint's verified credentials) before the registry publishes the endpoint, never after.
     */
    boolean receiveOnly;
    /** Issue 23: the receive-only endpoint's feedback budget ({@link ReceiverFeedback}); its I/O thread's alone. */
    long feedbackWindowStart;
    int feedbackInWindow;
    /** Cleared before the endpoint leaves its group, so a sender looked up just before unbinding is refused. */
    private volatile boolean active = true;

    Endpoint(Meeting meeting, String participantId, MediaType mediaType) {
        this.meeting = meeting;
        this.participantId = participantId;
        this.mediaType = mediaType;
        this.group = meeting.group(mediaType);
        this.cascade = org.confero.protocol.media.CascadeLink.isLink(participantId);
    }

    boolean isActive() {
        return active;
    }

    void deactivate() {
        active = false;
    }

    public String meetingId() {
        return meeting.id;
    }

    public String participantId() {
        return participantId;
    }

    public MediaType mediaType() {
        return mediaType;
    }

    abstract TransportKind transport();

    /**
     * The STUN password this endpoint bound with (UDP and TCP), which its round-trip probes carry; null for virtual
     * endpoints, whose probes the JCA layer answers.
     */
    byte[] integrityKey() {
        return null;
    }

    abstract String remote();

    /**
     * Hot path: send one packet to this receiver. {@code packet} stays owned by the caller; an implementation that
     * queues it queues a retained duplicate. Counts through {@code out}; never allocates on the heap, logs or locks.
     */
    abstract void deliver(ByteBuf packet, FanOut out);

    /**
     * After unbinding, once: release what the transport holds for it and end it for the peer, so that it stops
     * receiving at once (a TCP endpoint closes its connection, a virtual one tells its sink). {@code detail} says why,
     * as the LEFT event does. Called outside the meeting's lock.
     */
    void released(String detail) {
    }

    boolean sameIdentity(Endpoint other) {
        return meeting == other.meeting && participantId.equals(other.participantId) && mediaType == other.mediaType;
    }
}
