package org.confero.client.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.confero.client.ws.ChannelOpener;
import org.confero.client.ws.MessageChannel;
import org.confero.client.ws.MessageListener;
import org.confero.protocol.media.MediaCredentials;
import org.confero.protocol.media.MediaType;
import org.junit.jupiter.api.Test;

/** The first frame's answer, as the router's WebSocket media endpoint gives it. */
class WebSocketMediaConnectionTest {

    private static final URI URL = URI.create("wss://relay.test/api/v1/mmr/media");
    private static final MediaCredentials CREDENTIALS = new MediaCredentials("tok", "secret");

    private final List<String> sent = new CopyOnWriteArrayList<>();

    @Test
    void boundAfterTheCredentials() throws Exception {
        MediaConnection connection = WebSocketMediaConnection.open(relay(l -> l.onText("{\"type\":\"bound\"}")), URL,
                CREDENTIALS, MediaType.AUDIO, Duration.ofSeconds(1), DialAttempt.standalone());

        assertThat(connection.isOpen()).isTrue();
        assertThat(sent).containsExactly("{\"token\":\"tok\",\"password\":\"secret\"}");
    }

    @Test
    void aPolicyCloseBeforeBoundIsARefusalOfTheCredentials() {
        assertThatThrownBy(() -> WebSocketMediaConnection.open(
                relay(l -> l.onClose(1008, "invalid, expired or forged media credentials")), URL, CREDENTIALS,
                MediaType.AUDIO, Duration.ofSeconds(1), DialAttempt.standalone()))
                        .isInstanceOf(CredentialsRefusedException.class).hasMessageContaining("1008");
    }

    @Test
    void anyOtherCloseIsAFailureOfTheTransport() {
        assertThatThrownBy(() -> WebSocketMediaConnection.open(
                relay(l -> l.onClose(1013, "this router cannot take the media now")), URL, CREDENTIALS, MediaType.AUDIO,
                Duration.ofSeconds(1), DialAttempt.standalone())).isInstanceOf(IOException.class)
                        .isNotInstanceOf(CredentialsRefusedException.class);
    }

    /** A relay that answers the first frame with {@code answer}. */
    private ChannelOpener relay(java.util.function.Consumer<MessageListener> answer) {
        return (url, timeout, listener) -> CompletableFuture.completedFuture(new MessageChannel() {
            @Override
            public CompletableFuture<Void> sendText(String text) {
                sent.add(text);
                answer.accept(listener);
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public CompletableFuture<Void> sendBinary(ByteBuffer data) {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void close() {
            }

            @Override
            public boolean isOpen() {
                return true;
            }
        });
    }
}
