package org.confero.cli.media;

import org.confero.protocol.media.MediaType;

/**
 * A media type's test stream: packet rate, packet size and RTP payload type. The rates are those of a real call — 20 ms
 * audio frames (Opus-sized), and video at 30 frames/s of three packets each (about 720 kbit/s) — so that load figures
 * mean what a meeting means.
 */
public record MediaProfile(MediaType mediaType, int packetsPerSecond, int packetBytes, int payloadType) {

    public static final MediaProfile AUDIO = new MediaProfile(MediaType.AUDIO, 50, 160, 111);
    public static final MediaProfile VIDEO = new MediaProfile(MediaType.VIDEO, 90, 1000, 96);
    public static final MediaProfile CONTENT = new MediaProfile(MediaType.CONTENT, 30, 1000, 97);

    public static MediaProfile of(MediaType type) {
        switch (type) {
        case AUDIO:
            return AUDIO;
        case VIDEO:
            return VIDEO;
        default:
            return CONTENT;
        }
    }
}
