package org.confero.bench.join;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.json.Json;

import org.confero.cli.media.MediaProfile;
import org.confero.cli.media.Pacer;
import org.confero.cli.media.TestParticipant;
import org.confero.client.ClientOptions;
import org.confero.client.ConferoClient;
import org.confero.client.ConnectionListener;
import org.confero.client.MeetingSession;
import org.confero.protocol.media.MediaType;

/**
 * The participant already in the meeting: joins once and sends test audio at a real call's rate (50 packets/s of 160
 * B, {@link MediaProfile#AUDIO}) until standard input closes. Every joiner's "first media packet" is one of these, so
 * a joiner waits up to one packet interval (20 ms) after its audio binds, as a real participant would.
 */
final class Peer {

    private final URI server;
    private final String meeting;
    private final ClientOptions options;

    Peer(URI server, String meeting, ClientOptions options) {
        this.server = server;
        this.meeting = meeting;
        this.options = options;
    }

    void run() throws IOException, InterruptedException {
        try (ConferoClient client = new ConferoClient(options, ConnectionListener.NONE)) {
            MeetingSession session = client.join(server, meeting, "bench-peer", null);
            String transport = session.media(MediaType.AUDIO).map(c -> c.transport().name()).orElse("none");
            TestParticipant participant = new TestParticipant(session, List.of(MediaProfile.AUDIO));
            Pacer pacer = new Pacer(participant.streams());
            AtomicBoolean sending = new AtomicBoolean(true);
            Thread sender = new Thread(() -> pacer.run(sending::get), "peer-pacer");
            sender.start();
            System.out.println(Json.createObjectBuilder().add("event", "ready").add("audio", transport)
                    .add("participantId", session.control().participantId()).build());
            System.out.flush();
            drain(System.in);
            sending.set(false);
            sender.join(1000);
            System.out.println(Json.createObjectBuilder().add("event", "done")
                    .add("audioSent", participant.sent(MediaType.AUDIO)).add("sendErrors", pacer.sendErrors())
                    .build());
            session.leave();
        }
    }

    /** Returns when the driver closes our standard input (or dies). */
    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[256];
        while (in.read(buffer) >= 0) {
            // the driver sends nothing; we only wait for the end of the stream
        }
    }
}
