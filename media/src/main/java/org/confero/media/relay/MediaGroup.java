package org.confero.media.relay;

import java.util.Arrays;
import java.util.Optional;

import org.confero.protocol.media.MediaType;

/**
 * The bound endpoints of one media type in one meeting: every packet from one member goes to all the others.
 * Copy-on-write: the forwarding path reads {@link #members()} once per packet without locking; the rare membership
 * changes build a new array under the meeting's lock.
 */
final class MediaGroup {

    private static final Endpoint[] NONE = {};

    final MediaType mediaType;
    private volatile Endpoint[] members = NONE;

    MediaGroup(MediaType mediaType) {
        this.mediaType = mediaType;
    }

    /** Never modify the returned array. */
    Endpoint[] members() {
        return members;
    }

    /** Caller holds the meeting's lock. */
    Optional<Endpoint> find(String participantId) {
        for (Endpoint e : members) {
            if (e.participantId.equals(participantId)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** Caller holds the meeting's lock. */
    void add(Endpoint endpoint) {
        Endpoint[] next = Arrays.copyOf(members, members.length + 1);
        next[members.length] = endpoint;
        members = next;
    }

    /** Caller holds the meeting's lock. */
    boolean remove(Endpoint endpoint) {
        Endpoint[] current = members;
        for (int i = 0; i < current.length; i++) {
            if (current[i] == endpoint) {
                Endpoint[] next = new Endpoint[current.length - 1];
                System.arraycopy(current, 0, next, 0, i);
                System.arraycopy(current, i + 1, next, i, current.length - i - 1);
                members = next;
                return true;
            }
        }
        return false;
    }
}
