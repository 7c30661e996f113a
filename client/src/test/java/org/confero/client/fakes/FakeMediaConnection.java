package org.confero.client.fakes;

import java.io.IOException;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.confero.client.media.MediaConnection;
import org.confero.client.media.Transport;

/** A media connection to nowhere: what is sent is kept, what the test injects is received. */
public final class FakeMediaConnection implements MediaConnection {

    private final Transport transport;
    private final String label;
    private final List<byte[]> sent = new CopyOnWriteArrayList<>();
    private final BlockingQueue<byte[]> inbound = new LinkedBlockingQueue<>();
    private volatile Consumer<byte[]> receiver;
    private volatile boolean open = true;

    public FakeMediaConnection(Transport transport, String label) {
        this.transport = transport;
        this.label = label;
    }

    /** A packet from the relay. */
    public void inject(byte[] packet) {
        Consumer<byte[]> direct = receiver;
        if (direct != null) {
            direct.accept(packet);
        } else {
            inbound.add(packet);
        }
    }

    public List<byte[]> sent() {
        return List.copyOf(sent);
    }

    public String label() {
        return label;
    }

    @Override
    public Transport transport() {
        return transport;
    }

    @Override
    public void send(byte[] rtp) throws IOException {
        if (!open) {
            throw new SocketException("media connection closed");
        }
        sent.add(rtp);
    }

    @Override
    public Optional<byte[]> receive(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(inbound.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
    }

    @Override
    public void deliverTo(Consumer<byte[]> receiver) {
        this.receiver = receiver;
        for (byte[] queued = inbound.poll(); queued != null; queued = inbound.poll()) {
            receiver.accept(queued);
        }
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
    }

    @Override
    public String toString() {
        return label + " over " + transport;
    }
}
