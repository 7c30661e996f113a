package org.confero.cascade;

import java.io.IOException;
import java.nio.ByteBuffer;

import org.confero.client.media.MediaConnection;
import org.confero.media.api.MediaConnection.VirtualMediaPort;

/**
 * One media type of a cascade link between this router and a peer router, for one meeting. Towards the peer it is a
 * participant ({@code ~mmr:<this node>}) bound on the peer's relay over UDP (or TCP) 8801 like any client, with the
 * same token and return-routability proof; on this router it is a virtual endpoint ({@code ~mmr:<peer>}). The relays
 * never forward from one link to another, so each packet crosses each link once.
 *
 * <p>
 * The relay hands packets to the sink on its I/O threads; the copy into a {@code byte[]} is the one allocation of this
 * path (the client connection's API), paid once per packet per link, not per receiver.
 */
final class RouterLink implements AutoCloseable {

    private final MediaConnection toPeer;
    private final VirtualMediaPort here;

    private RouterLink(MediaConnection toPeer, VirtualMediaPort here) {
        this.toPeer = toPeer;
        this.here = here;
    }

    /** Wires a bound connection to the peer and this relay's virtual endpoint in both directions. */
    static RouterLink wire(MediaConnection toPeer, PortAttacher attacher) {
        VirtualMediaPort port = attacher.attach(packet -> {
            byte[] copy = new byte[packet.remaining()];
            packet.get(copy);
            try {
                toPeer.send(copy);
            } catch (IOException e) {
                // The link is checked on every reconciliation and re-dialled when closed; a lost packet is media loss.
            }
        });
        toPeer.deliverTo(packet -> port.send(ByteBuffer.wrap(packet)));
        return new RouterLink(toPeer, port);
    }

    /** Attaches this relay's side of the link: the virtual endpoint the sink belongs to. */
    @FunctionalInterface
    interface PortAttacher {
        VirtualMediaPort attach(org.confero.media.api.MediaConnection.VirtualMediaSink sink);
    }

    String transport() {
        return toPeer.transport().name();
    }

    boolean isUp() {
        return toPeer.isOpen() && here.isBound();
    }

    @Override
    public void close() {
        try {
            here.close();
        } finally {
            toPeer.close();
        }
    }
}
