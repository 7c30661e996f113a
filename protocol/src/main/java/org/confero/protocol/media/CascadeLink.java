package org.confero.protocol.media;

import java.util.Optional;

/**
 * How a router appears in the meetings of another router it cascades with: as a participant whose id is
 * {@code ~mmr:<node>}. Participant ids that the lookup issues start with {@code p-}, so no join token can claim one.
 * Relays never forward from one link to another: with every router of a meeting linked to every other, a packet crosses
 * each link once.
 */
public final class CascadeLink {

    private static final String PREFIX = "~mmr:";

    private CascadeLink() {
    }

    /** The participant id under which router {@code node} joins other routers' meetings. */
    public static String participantId(String node) {
        return PREFIX + node;
    }

    public static boolean isLink(String participantId) {
        return participantId.startsWith(PREFIX);
    }

    /** The router behind a link participant id. */
    public static Optional<String> node(String participantId) {
        return isLink(participantId) ? Optional.of(participantId.substring(PREFIX.length())) : Optional.empty();
    }
}
