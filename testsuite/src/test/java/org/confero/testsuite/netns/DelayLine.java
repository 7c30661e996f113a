package org.confero.testsuite.netns;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A TCP link with a one-way delay, for the zone tests: listens on a host-side test address and forwards to the server,
 * holding every chunk for {@code delayMillis} in each direction (order kept, bandwidth not limited). It stands in for
 * {@code tc netem}, which this machine's kernel lacks ({@code CONFIG_NET_SCH_NETEM} is not set: "Specified qdisc kind
 * is unknown"). The delay can change while connections are open.
 */
final class DelayLine implements AutoCloseable {

    private final ServerSocket server;
    private final InetSocketAddress target;
    private volatile int delayMillis;

    DelayLine(InetSocketAddress listen, InetSocketAddress target, int delayMillis) throws IOException {
        this.server = new ServerSocket();
        this.server.setReuseAddress(true);
        this.server.bind(listen);
        this.target = target;
        this.delayMillis = delayMillis;
        daemon(this::accept, "delay-line-" + listen.getPort()).start();
    }

    void delay(int millis) {
        this.delayMillis = millis;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                upstream.connect(target, 5000);
                pipe(client, upstream);
                pipe(upstream, client);
            } catch (IOException e) {
                // Closed, or the target refused this one connection: the client sees its connection reset.
            }
        }
    }

    /** Reader thread stamps each chunk with its due time; writer thread sends it when due. */
    private void pipe(Socket from, Socket to) {
        BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
        daemon(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream()) {
                for (int n; (n = in.read(buffer)) >= 0;) {
                    queue.put(new Chunk(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis),
                            Arrays.copyOf(buffer, n)));
                }
            } catch (IOException | InterruptedException e) {
                // The connection ended; the writer forwards what is queued, then closes.
            }
            queue.add(new Chunk(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis), null));
        }, "delay-line-read").start();
        daemon(() -> {
            try (OutputStream out = to.getOutputStream()) {
                while (true) {
                    Chunk chunk = queue.take();
                    long wait = chunk.due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    if (chunk.bytes == null) {
                        to.shutdownOutput();
                        return;
                    }
                    out.write(chunk.bytes);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // The other side is gone.
            } finally {
                close(from);
            }
        }, "delay-line-write").start();
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private record Chunk(long due, byte[] bytes) {
    }
}
