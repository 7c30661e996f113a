package org.confero.testsuite.netns;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.confero.cli.media.MediaProfile;
import org.confero.cli.media.Pacer;
import org.confero.cli.media.TestParticipant;
import org.confero.client.ClientOptions;
import org.confero.client.ConferoClient;
import org.confero.client.ConnectionListener;
import org.confero.protocol.media.MediaType;

/**
 * The other participant of the network tests: joins from the host (outside the client namespace, so over UDP, whatever
 * the client's firewall) and sends test audio and video until closed, counting what it hears.
 */
final class HostPeer implements AutoCloseable {

    private final ConferoClient client;
    private final TestParticipant peer;
    private final AtomicBoolean sending = new AtomicBoolean(true);
    private final Thread sender;
    private final String meeting;

    HostPeer(String server, Path trustedCertificate, String meeting) throws Exception {
        client = new ConferoClient(
                ClientOptions.builder().trustStore(trustedCertificate, new char[0]).proxy(Optional.empty()).build(),
                ConnectionListener.NONE);
        this.meeting = meeting;
        try {
            peer = new TestParticipant(client.join(URI.create(server), meeting, "peer", null),
                    List.of(MediaProfile.AUDIO, MediaProfile.VIDEO));
        } catch (Exception e) {
            client.close();
            throw e;
        }
        sender = new Thread(() -> new Pacer(peer.streams()).run(sending::get), "host-peer-sender");
        sender.start();
    }

    /** Test audio packets heard from the others so far. */
    long heardAudio() {
        return peer.receptions().get(MediaType.AUDIO).snapshot().testPackets();
    }

    /** Test audio from the others lost on the way: sequence gaps between the first and the last packet heard. */
    double audioLoss() {
        return peer.receptions().get(MediaType.AUDIO).snapshot().loss();
    }

    String meeting() {
        return meeting;
    }

    @Override
    public void close() throws InterruptedException {
        sending.set(false);
        sender.join(5000);
        peer.session().leave();
        client.close();
    }
}
