package org.confero.client.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.confero.protocol.media.MediaBinding;
import org.confero.protocol.media.MediaCredentials;
import org.confero.protocol.media.MediaType;
import org.confero.protocol.media.Stun;
import org.confero.protocol.media.StunMessage;
import org.junit.jupiter.api.Test;

/** The client's handshake against a scripted relay that answers with the protocol's own messages. */
class BindingHandshakeTest {

    private static final MediaCredentials CREDENTIALS = new MediaCredentials("tok", "secret");
    private static final InetSocketAddress MAPPED = new InetSocketAddress("192.0.2.7", 40000);

    @Test
    void challengeThenNonceThenSuccess() throws Exception {
        ScriptedRelay relay = new ScriptedRelay(request -> request.stringAttribute(Stun.ATTR_NONCE).isEmpty()
                ? MediaBinding.challenge(request, Stun.ERROR_UNAUTHENTICATED, "n1", CREDENTIALS.integrityKey())
                : MediaBinding.success(request, MAPPED, CREDENTIALS.integrityKey()));

        Optional<InetSocketAddress> mapped = new BindingHandshake(new SecureRandom()).bind(relay, CREDENTIALS,
                MediaType.VIDEO, Duration.ofSeconds(1), Optional.empty(), DialAttempt.standalone());

        assertThat(mapped).hasValue(MAPPED);
        assertThat(relay.requests).hasSize(2);
        assertThat(relay.requests.get(0).stringAttribute(Stun.ATTR_USERNAME)).hasValue("tok");
        assertThat(relay.requests.get(0).mediaType()).hasValue(MediaType.VIDEO);
        assertThat(relay.requests.get(1).stringAttribute(Stun.ATTR_NONCE)).hasValue("n1");
        assertThat(relay.requests).allMatch(r -> r.verifyIntegrity(CREDENTIALS.integrityKey()));
    }

    @Test
    void answersWithTheWrongPasswordAreIgnoredUntilTheTimeout() {
        ScriptedRelay relay = new ScriptedRelay(request -> MediaBinding.success(request, MAPPED,
                "other".getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> new BindingHandshake(new SecureRandom()).bind(relay, CREDENTIALS, MediaType.AUDIO,
                Duration.ofMillis(200), Optional.empty(), DialAttempt.standalone()))
                        .isInstanceOf(java.net.SocketTimeoutException.class);
    }

    @Test
    void aSecond401MeansTheCredentialsAreRefused() {
        ScriptedRelay relay = new ScriptedRelay(request -> MediaBinding.challenge(request, Stun.ERROR_UNAUTHENTICATED,
                "n", CREDENTIALS.integrityKey()));

        assertThatThrownBy(() -> new BindingHandshake(new SecureRandom()).bind(relay, CREDENTIALS, MediaType.AUDIO,
                Duration.ofSeconds(1), Optional.empty(), DialAttempt.standalone()))
                        .isInstanceOf(CredentialsRefusedException.class).hasMessageContaining("not accepted");
    }

    /** Answers each request at once with what the script says; silent afterwards. */
    private static final class ScriptedRelay implements PacketChannel {
        final List<StunMessage> requests = new ArrayList<>();
        private final Deque<byte[]> pending = new ArrayDeque<>();
        private final Function<StunMessage, byte[]> script;

        ScriptedRelay(Function<StunMessage, byte[]> script) {
            this.script = script;
        }

        @Override
        public void send(byte[] packet) {
            StunMessage request = StunMessage.parse(packet, 0, packet.length).orElseThrow();
            requests.add(request);
            pending.add(script.apply(request));
        }

        @Override
        public Optional<byte[]> receive(long deadlineNanos) throws IOException {
            if (pending.isEmpty()) {
                try {
                    Thread.sleep(Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                return Optional.empty();
            }
            return Optional.of(pending.poll());
        }
    }
}
