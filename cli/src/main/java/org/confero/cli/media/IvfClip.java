package org.confero.cli.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A VP8 clip in an IVF file (the container libvpx and ffmpeg write: a 32-byte header {@code DKIF}, version, header
 * size, fourcc {@code VP80}, width, height, time base; then per frame a 12-byte header — size and timestamp, little
 * endian — and the frame). Read whole into memory: test clips are small, and anything larger is refused.
 */
public record IvfClip(int width, int height, int timebaseDenominator, int timebaseNumerator, List<Frame> frames) {

    static final int MAX_BYTES = 16 * 1024 * 1024;

    public IvfClip {
        frames = List.copyOf(frames);
    }

    /** One frame: its presentation time in time-base units, whether it is a key frame, and the VP8 bitstream. */
    public record Frame(long pts, boolean keyFrame, byte[] data) {
    }

    public static IvfClip read(InputStream in) throws IOException {
        byte[] all = in.readNBytes(MAX_BYTES + 1);
        if (all.length > MAX_BYTES) {
            throw new IOException("the clip is larger than " + MAX_BYTES + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        if (all.length < 32 || all[0] != 'D' || all[1] != 'K' || all[2] != 'I' || all[3] != 'F') {
            throw new IOException("not an IVF file (no DKIF signature)");
        }
        String fourcc = new String(all, 8, 4, java.nio.charset.StandardCharsets.US_ASCII);
        if (!"VP80".equals(fourcc)) {
            throw new IOException("the clip must be VP8 (fourcc VP80), was " + fourcc);
        }
        int headerSize = b.getShort(6) & 0xffff;
        int width = b.getShort(12) & 0xffff;
        int height = b.getShort(14) & 0xffff;
        int denominator = b.getInt(16);
        int numerator = b.getInt(20);
        if (denominator <= 0 || numerator <= 0 || headerSize < 32) {
            throw new IOException("the clip's header is malformed");
        }
        List<Frame> frames = new ArrayList<>();
        int at = headerSize;
        while (at + 12 <= all.length) {
            int size = b.getInt(at);
            long pts = b.getLong(at + 4);
            if (size <= 0 || at + 12 + size > all.length) {
                throw new IOException("the clip is truncated at frame " + frames.size());
            }
            byte[] data = new byte[size];
            System.arraycopy(all, at + 12, data, 0, size);
            // VP8 frame tag (RFC 6386 §9.1): bit 0 of the first byte is 0 for a key frame.
            frames.add(new Frame(pts, (data[0] & 0x01) == 0, data));
            at += 12 + size;
        }
        if (frames.isEmpty() || !frames.get(0).keyFrame()) {
            throw new IOException("the clip must start with a key frame");
        }
        return new IvfClip(width, height, denominator, numerator, frames);
    }

    /** The clip's length in time-base units: last timestamp plus one frame. */
    public long durationPts() {
        long last = frames.get(frames.size() - 1).pts();
        return frames.size() > 1 ? last + (last - frames.get(0).pts()) / (frames.size() - 1) : last + 1;
    }
}
