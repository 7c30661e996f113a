package org.confero.cli.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import java.util.Optional;
import java.util.function.Consumer;

import org.confero.client.media.MediaConnection;
import org.confero.client.media.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Issue 23: a webinar attendee's test streams send nothing until promoted, then at their rate without a burst. */
@Timeout(20)
class PacerTest {

    @Test
    void pausedStreamsSendNothingAndResumeAtTheirRateWithoutCatchingUp() throws Exception {
        CountingConnection connection = new CountingConnection();
        Pacer.Stream audio = new Pacer.Stream(connection, MediaProfile.AUDIO, 7);
        AtomicBoolean promoted = new AtomicBoolean();
        AtomicBoolean running = new AtomicBoolean(true);
        Pacer pacer = new Pacer(List.of(audio), promoted::get);
        Thread thread = new Thread(() -> pacer.run(running::get));
        thread.start();
        try {
            Thread.sleep(500); // an attendee's half second: it owes nothing for it
            assertThat(audio.sent()).isZero();
            promoted.set(true);
            long promotedAt = System.nanoTime();
            Thread.sleep(300);
            long millis = Math.max(1, (System.nanoTime() - promotedAt) / 1_000_000L);
            long allowed = millis * MediaProfile.AUDIO.packetsPerSecond() / 1000 + Pacer.MAX_BURST + 1;
            assertThat(audio.sent()).as("sending since the promotion, not for the paused time").isBetween(1L, allowed);
        } finally {
            running.set(false);
            thread.join(Duration.ofSeconds(2).toMillis());
        }
    }

    /** Takes what it is handed; delivers nothing. */
    private static final class CountingConnection implements MediaConnection {
        @Override
        public Transport transport() {
            return Transport.UDP;
        }

        @Override
        public void send(byte[] rtp) {
        }

        @Override
        public Optional<byte[]> receive(Duration timeout) {
            return Optional.empty();
        }

        @Override
        public void deliverTo(Consumer<byte[]> receiver) {
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
