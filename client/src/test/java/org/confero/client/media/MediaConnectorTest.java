package org.confero.client.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.confero.client.ClientOptions;
import org.confero.protocol.media.MediaCredentials;
import org.confero.protocol.media.MediaType;
import org.confero.protocol.rest.AssignmentView.MediaEndpoints;
import org.junit.jupiter.api.Test;

class MediaConnectorTest {

    private static final MediaEndpoints ENDPOINTS = new MediaEndpoints("relay", 8801, 8801, "wss://relay/media");
    private static final MediaCredentials CREDENTIALS = new MediaCredentials("token", "password");

    private final List<String> dialled = java.util.Collections.synchronizedList(new ArrayList<>());

    @Test
    void fallsBackInOrderAndReportsEveryAttempt() throws Exception {
        MediaConnector connector = new MediaConnector(Map.of(Transport.UDP, failing(Transport.UDP), Transport.TCP,
                failing(Transport.TCP), Transport.WEBSOCKET, working(Transport.WEBSOCKET)),
                ClientOptions.defaults()::timeout);

        MediaOutcome outcome = connector.connect(TransportPlan.order(ClientOptions.defaults().transports(), false),
                ENDPOINTS, CREDENTIALS, MediaType.AUDIO);

        assertThat(dialled).containsExactly("UDP 2000", "TCP 3000", "WEBSOCKET 5000");
        assertThat(outcome.connection()).map(MediaConnection::transport).hasValue(Transport.WEBSOCKET);
        assertThat(outcome.attempts()).extracting(MediaAttempt::succeeded).containsExactly(false, false, true);
        assertThat(outcome.attempts().get(0).failure()).hasValueSatisfying(f -> assertThat(f).contains("UDP"));
    }

    @Test
    void stopsAtTheFirstTransportThatBinds() throws Exception {
        MediaConnector connector = new MediaConnector(
                Map.of(Transport.UDP, working(Transport.UDP), Transport.TCP, working(Transport.TCP)),
                t -> Duration.ofSeconds(1));

        MediaOutcome outcome = connector.connect(List.of(Transport.UDP, Transport.TCP), ENDPOINTS, CREDENTIALS,
                MediaType.VIDEO);

        assertThat(dialled).containsExactly("UDP 1000");
        assertThat(outcome.connection()).map(MediaConnection::transport).hasValue(Transport.UDP);
    }

    @Test
    void optionsDecideWhatIsTried() throws Exception {
        ClientOptions noUdp = ClientOptions.builder().disable(Transport.UDP)
                .timeout(Transport.TCP, Duration.ofMillis(700)).build();
        MediaConnector connector = new MediaConnector(Map.of(Transport.UDP, working(Transport.UDP), Transport.TCP,
                failing(Transport.TCP), Transport.WEBSOCKET, failing(Transport.WEBSOCKET)), noUdp::timeout);

        MediaOutcome outcome = connector.connect(TransportPlan.order(noUdp.transports(), false), ENDPOINTS, CREDENTIALS,
                MediaType.CONTENT);

        assertThat(dialled).containsExactly("TCP 700", "WEBSOCKET 5000");
        assertThat(outcome.connection()).isEmpty();
        assertThat(outcome.attempts()).hasSize(2);
    }

    @Test
    void credentialsTheRelayRefusedAreNotTriedOnTheNextTransports() throws Exception {
        MediaConnector connector = new MediaConnector(
                Map.of(Transport.UDP, refusing(Transport.UDP), Transport.TCP, working(Transport.TCP)),
                t -> Duration.ofSeconds(1));

        MediaOutcome outcome = connector.connect(List.of(Transport.UDP, Transport.TCP), ENDPOINTS, CREDENTIALS,
                MediaType.AUDIO);

        assertThat(dialled).containsExactly("UDP 1000");
        assertThat(outcome.connection()).isEmpty();
        assertThat(outcome.credentialsRefused()).isTrue();
    }

    @Test
    void forcingATransportTriesOnlyThat() {
        assertThat(TransportPlan.order(ClientOptions.builder().force(Transport.TCP).build().transports(), false))
                .containsExactly(Transport.TCP);
    }

    private MediaDialer failing(Transport transport) {
        return (e, c, t, timeout, attempt) -> {
            dialled.add(transport + " " + timeout.toMillis());
            throw new SocketTimeoutException(transport + " timed out");
        };
    }

    private MediaDialer refusing(Transport transport) {
        return (e, c, t, timeout, attempt) -> {
            dialled.add(transport + " " + timeout.toMillis());
            throw new CredentialsRefusedException("binding refused: credentials not accepted");
        };
    }

    private MediaDialer working(Transport transport) {
        return (e, c, t, timeout, attempt) -> {
            dialled.add(transport + " " + timeout.toMillis());
            return new FakeConnection(transport);
        };
    }

    private record FakeConnection(Transport transport) implements MediaConnection {
        @Override
        public void send(byte[] rtp) throws IOException {
        }

        @Override
        public Optional<byte[]> receive(Duration timeout) {
            return Optional.empty();
        }

        @Override
        public void deliverTo(java.util.function.Consumer<byte[]> receiver) {
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }
}
