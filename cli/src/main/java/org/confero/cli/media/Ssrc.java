package org.confero.cli.media;

import java.nio.charset.StandardCharsets;

/**
 * A participant's RTP SSRC as the web client derives it: FNV-1a (32 bit) over the UTF-8 bytes of the participant id
 * (web/…/webclient/js/rtp.js {@code ssrcOf}). Receivers map a stream to the roster with it, no signalling needed.
 */
public final class Ssrc {

    private static final int OFFSET_BASIS = 0x811c9dc5;
    private static final int PRIME = 0x01000193;

    private Ssrc() {
    }

    public static int of(String participantId) {
        int hash = OFFSET_BASIS;
        for (byte b : participantId.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= PRIME;
        }
        return hash;
    }
}
