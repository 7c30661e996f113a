package org.confero.cli.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.confero.client.media.MediaConnection;

/**
 * Sends a pre-encoded VP8 clip ({@link IvfClip}) as video, looping, at the clip's own frame times, in the web client's
 * payload format ({@link Vp8Packetizer}) under the participant's SSRC ({@link Ssrc}), so browsers in the meeting decode
 * and show it. RTP time runs on across loops. The built-in clip ({@code --clip builtin}) is 3 s of ffmpeg's
 * {@code testsrc2} pattern, 320×240 at 30 frames/s with a key frame every second, made once with
 *
 * <pre>
 * ffmpeg -f lavfi -i testsrc2=size=320x240:rate=30 -t 3 -c:v libvpx -b:v 300k -g 30 -keyint_min 30 \
 *        -auto-alt-ref 0 -deadline realtime -cpu-used 8 -error-resilient 1 test-clip.ivf
 * </pre>
 */
public final class ClipSender {

    public static final String BUILTIN = "builtin";
    private static final String BUILTIN_RESOURCE = "test-clip.ivf";
    private static final int RTP_CLOCK = 90_000;

    private final IvfClip clip;
    private final MediaConnection connection;
    private final Vp8Packetizer packetizer;
    private final AtomicLong framesSent = new AtomicLong();
    private final AtomicLong sendErrors = new AtomicLong();

    public ClipSender(IvfClip clip, MediaConnection connection, String participantId) {
        this.clip = clip;
        this.connection = connection;
        this.packetizer = new Vp8Packetizer(Ssrc.of(participantId), Vp8Packetizer.PAYLOAD_TYPE,
                ThreadLocalRandom.current().nextInt(0x10000));
    }

    /** {@code builtin} or the path of an IVF file. */
    public static IvfClip load(String source) throws IOException {
        if (BUILTIN.equals(source)) {
            try (InputStream in = ClipSender.class.getResourceAsStream(BUILTIN_RESOURCE)) {
                if (in == null) {
                    throw new IOException("the built-in clip is missing from the command line's jar");
                }
                return IvfClip.read(in);
            }
        }
        try (InputStream in = Files.newInputStream(Path.of(source))) {
            return IvfClip.read(in);
        }
    }

    public IvfClip clip() {
        return clip;
    }

    /** Sends on the caller's thread until {@code keepGoing} says stop. */
    public void run(BooleanSupplier until) {
        BooleanSupplier keepGoing = () -> until.getAsBoolean() && !Thread.currentThread().isInterrupted();
        long start = System.nanoTime();
        long loopPts = clip.durationPts();
        long first = clip.frames().get(0).pts();
        for (long loop = 0; keepGoing.getAsBoolean(); loop++) {
            for (IvfClip.Frame frame : clip.frames()) {
                long pts = loop * loopPts + frame.pts() - first;
                long dueNanos = start + pts * 1_000_000_000L * clip.timebaseNumerator() / clip.timebaseDenominator();
                while (keepGoing.getAsBoolean() && System.nanoTime() < dueNanos) {
                    sleep(dueNanos - System.nanoTime());
                }
                if (!keepGoing.getAsBoolean()) {
                    return;
                }
                int timestamp = (int) (pts * RTP_CLOCK * clip.timebaseNumerator() / clip.timebaseDenominator());
                send(frame, timestamp);
            }
        }
    }

    private void send(IvfClip.Frame frame, int timestamp) {
        if (!connection.isOpen()) {
            return;
        }
        try {
            for (byte[] packet : packetizer.packets(frame.data(), timestamp)) {
                connection.send(packet);
            }
            framesSent.incrementAndGet();
        } catch (IOException e) {
            sendErrors.incrementAndGet();
        }
    }

    private static void sleep(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(Math.min(nanos, 20_000_000L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public long framesSent() {
        return framesSent.get();
    }

    public long sendErrors() {
        return sendErrors.get();
    }
}
