package org.confero.testsuite.support;

import java.io.ByteArrayOutputStream;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * What a test's WebSocket client receives, whole messages in arrival order: text, binary, and the close code. Shared by
 * the control, media and tunnel clients of the tests.
 */
public final class CollectingListener implements WebSocket.Listener {

    public final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    public final BlockingQueue<byte[]> binaries = new LinkedBlockingQueue<>();
    public final BlockingQueue<Integer> closes = new LinkedBlockingQueue<>();
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            texts.add(text.toString());
            text.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] piece = new byte[data.remaining()];
        data.get(piece);
        binary.writeBytes(piece);
        if (last) {
            binaries.add(binary.toByteArray());
            binary.reset();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closes.add(statusCode);
        return null;
    }

    /** The next element of {@code queue} matching {@code wanted}, skipping others; fails after {@code seconds}. */
    public static <T> T await(BlockingQueue<T> queue, Predicate<T> wanted, long seconds, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<T> skipped = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            T next = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next != null && wanted.test(next)) {
                return next;
            }
            if (next != null) {
                skipped.add(next);
            }
        }
        throw new AssertionError("no " + what + " within " + seconds + " s; skipped " + skipped);
    }
}
