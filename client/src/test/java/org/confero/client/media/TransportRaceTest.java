package org.confero.client.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Closeable;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.confero.protocol.media.MediaCredentials;
import org.confero.protocol.media.MediaType;
import org.confero.protocol.rest.AssignmentView.MediaEndpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The race with fake dialers that behave like paths do: silent (a firewall drops everything: the dial blocks until its
 * timeout or its cancellation), answering (the relay answers after a delay, then binds after another), refusing. Times
 * are generous where they bound and tight only where the race must not wait out a timeout.
 */
@Timeout(20)
class TransportRaceTest {

    private static final MediaEndpoints ENDPOINTS = new MediaEndpoints("relay", 8801, 8801, "wss://relay/media");
    private static final MediaCredentials CREDENTIALS = new MediaCredentials("token", "password");
    private static final List<Transport> LADDER = List.of(Transport.UDP, Transport.TCP, Transport.WEBSOCKET);
    private static final Duration HEAD_START = Duration.ofMillis(150);
    private static final Duration LONG_TIMEOUT = Duration.ofSeconds(10);

    /** Every fake socket a dial opened, by transport: a race must leave only the winner's open. */
    private final Map<Transport, FakeSocket> sockets = new ConcurrentHashMap<>();
    private final List<String> started = new CopyOnWriteArrayList<>();

    @Test
    void udpSilentlyDroppedTcpStartsAfterTheHeadStartNotAfterTheUdpTimeout() throws Exception {
        MediaOutcome outcome = race(Map.of(Transport.UDP, silent(Transport.UDP), Transport.TCP,
                answering(Transport.TCP, 5, 5), Transport.WEBSOCKET, answering(Transport.WEBSOCKET, 5, 5)));

        assertThat(outcome.connection()).map(MediaConnection::transport).hasValue(Transport.TCP);
        assertThat(started).containsExactly("UDP", "TCP");
        MediaAttempt udp = outcome.attempts().get(0);
        assertThat(udp.transport()).isEqualTo(Transport.UDP);
        assertThat(udp.failure()).hasValueSatisfying(f -> assertThat(f).startsWith("cancelled"));
        // TCP started after the head start: the whole race took about that, nowhere near UDP's 10 s timeout.
        assertThat(udp.took()).isBetween(HEAD_START, Duration.ofSeconds(2));
        assertThat(outcome.attempts().get(1).succeeded()).isTrue();
        assertOnlyWinnerOpen(Transport.TCP);
    }

    @Test
    void udpAndTcpSilentWebSocketStartsAfterTwoHeadStarts() throws Exception {
        long t0 = System.nanoTime();
        MediaOutcome outcome = race(Map.of(Transport.UDP, silent(Transport.UDP), Transport.TCP, silent(Transport.TCP),
                Transport.WEBSOCKET, answering(Transport.WEBSOCKET, 5, 5)));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);

        assertThat(outcome.connection()).map(MediaConnection::transport).hasValue(Transport.WEBSOCKET);
        assertThat(started).containsExactly("UDP", "TCP", "WEBSOCKET");
        assertThat(took).isBetween(HEAD_START.multipliedBy(2), Duration.ofSeconds(3));
        assertThat(outcome.attempts()).extracting(MediaAttempt::transport).containsExactly(Transport.UDP, Transport.TCP,
                Transport.WEBSOCKET);
        assertOnlyWinnerOpen(Transport.WEBSOCKET);
    }

    @Test
    void anOpenNetworkNeverStartsTheSlowerTransports() throws Exception {
        MediaOutcome outcome = race(Map.of(Transport.UDP, answering(Transport.UDP, 1, 1), Transport.TCP,
                answering(Transport.TCP, 1, 1), Transport.WEBSOCKET, answering(Transport.WEBSOCKET, 1, 1)));

        assertThat(outcome.connection()).map(MediaConnection::transport).hasValue(Transport.UDP);
        assertThat(started).containsExactly("UDP");
        assertThat(outcome.attempts()).hasSize(1);
    }

    @Test
    void aSlowUdpThatAnsweredIsWaitedForInsteadOfRacedAgainst() throws Exception {
        // The relay answers UDP within the head start, but binding takes three head starts more (a loaded machine):
        // the path works, so neither TCP nor WebSocket is started and UDP still carries the media.
        long bindMillis = HEAD_START.toMillis() * 3;
        MediaOutcome outcome = race(Map.of(Transport.UDP, answering(Transport.UDP, 20, bindMillis), Transport.TCP,
                answering(Transport.TCP, 1, 1), Transport.WEBSOCKET, answering(Transport.WEBSOCKET, 1, 1)));

        assertThat(outcome.connection()).map(MediaConnection::transport).hasValue(Transport.UDP);
        assertThat(started).containsExactly("UDP");
    }

    @Test
    void aTransportThatFailsAtOnceStartsTheNextAtOnce() throws Exception {
        long t0 = System.nanoTime();
        MediaOutcome outcome = race(Map.of(Transport.UDP, failingAtOnce(Transport.UDP), Transport.TCP,
                answering(Transport.TCP, 1, 1), Transport.WEBSOCKET, answering(Transport.WEBSOCKET, 1, 1)));

        assertThat(outcome.connection()).map(MediaConnection::transport).hasValue(Transport.TCP);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(HEAD_START);
        assertThat(outcome.attempts().get(0).failure()).hasValueSatisfying(f -> assertThat(f).contains("unreachable"));
    }

    @Test
    void whenEveryTransportFailsEachIsReported() throws Exception {
        MediaOutcome outcome = race(Map.of(Transport.UDP, failingAtOnce(Transport.UDP), Transport.TCP,
                failingAtOnce(Transport.TCP), Transport.WEBSOCKET, failingAtOnce(Transport.WEBSOCKET)));

        assertThat(outcome.connection()).isEmpty();
        assertThat(outcome.attempts()).extracting(MediaAttempt::transport).containsExactlyElementsOf(LADDER);
        assertThat(outcome.attempts()).noneMatch(MediaAttempt::succeeded);
    }

    @Test
    void aRefusalEndsTheRaceAndCancelsTheOthers() throws Exception {
        CountDownLatch tcpRunning = new CountDownLatch(1);
        MediaDialer refusingLate = (e, c, t, timeout, attempt) -> {
            attempt.guard(socket(Transport.UDP));
            attempt.answered();
            awaitQuietly(tcpRunning);
            throw new CredentialsRefusedException("binding refused: credentials not accepted");
        };
        MediaDialer tcp = (e, c, t, timeout, attempt) -> {
            tcpRunning.countDown();
            return silent(Transport.TCP).dial(e, c, t, timeout, attempt);
        };
        // UDP answered, so TCP would not start on the head start; make UDP's answer late so that TCP does start.
        MediaOutcome outcome = new MediaConnector(
                Map.of(Transport.UDP, delayedAnswer(refusingLate), Transport.TCP, tcp), t -> LONG_TIMEOUT, HEAD_START)
                        .connect(LADDER, ENDPOINTS, CREDENTIALS, MediaType.AUDIO);

        assertThat(outcome.credentialsRefused()).isTrue();
        assertThat(outcome.refusedOn()).hasValue(Transport.UDP);
        awaitClosed(Transport.TCP);
        assertThat(sockets.get(Transport.UDP).closed()).isFalse(); // the dialer's own failure path closes it, not ours
    }

    @Test
    void aLoserThatBindsAfterTheWinnerIsClosed() throws Exception {
        // UDP is silent past the head start, then binds anyway, after TCP won: nothing may keep it open.
        CountDownLatch tcpWon = new CountDownLatch(1);
        MediaDialer lateUdp = (e, c, t, timeout, attempt) -> {
            started.add("UDP");
            // Not guarded and deaf to the interrupt: a binding whose answer was already on its way when it lost.
            FakeSocket socket = socket(Transport.UDP);
            while (true) {
                try {
                    awaitQuietly(tcpWon);
                    return new FakeConnection(Transport.UDP, socket);
                } catch (InterruptedException ignored) {
                    // keep binding
                }
            }
        };
        MediaDialer tcp = (e, c, t, timeout, attempt) -> {
            started.add("TCP");
            FakeSocket s = socket(Transport.TCP);
            attempt.guard(s);
            return new FakeConnection(Transport.TCP, s);
        };
        MediaOutcome outcome = new MediaConnector(Map.of(Transport.UDP, lateUdp, Transport.TCP, tcp), t -> LONG_TIMEOUT,
                HEAD_START).connect(LADDER, ENDPOINTS, CREDENTIALS, MediaType.VIDEO);
        tcpWon.countDown();

        assertThat(outcome.connection()).map(MediaConnection::transport).hasValue(Transport.TCP);
        awaitClosed(Transport.UDP);
        assertThat(sockets.get(Transport.TCP).closed()).isFalse();
    }

    @Test
    void anInterruptedJoinCancelsEveryAttempt() throws Exception {
        MediaConnector connector = new MediaConnector(Map.of(Transport.UDP, silent(Transport.UDP), Transport.TCP,
                silent(Transport.TCP), Transport.WEBSOCKET, silent(Transport.WEBSOCKET)), t -> LONG_TIMEOUT,
                HEAD_START);
        Thread joiner = new Thread(() -> {
            try {
                connector.connect(LADDER, ENDPOINTS, CREDENTIALS, MediaType.AUDIO);
            } catch (InterruptedException e) {
                // expected
            }
        });
        joiner.start();
        while (started.size() < 3) {
            Thread.sleep(10);
        }
        joiner.interrupt();
        joiner.join(5000);

        assertThat(joiner.isAlive()).isFalse();
        for (Transport t : LADDER) {
            awaitClosed(t);
        }
    }

    @Test
    void noDialThreadOutlivesTheRace() throws Exception {
        race(Map.of(Transport.UDP, silent(Transport.UDP), Transport.TCP, silent(Transport.TCP), Transport.WEBSOCKET,
                answering(Transport.WEBSOCKET, 1, 1)));

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (dialThreads() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(dialThreads()).isZero();
    }

    // ------------------------------------------------------------------------------------------------ fakes

    private MediaOutcome race(Map<Transport, MediaDialer> dialers) throws InterruptedException {
        return new MediaConnector(dialers, t -> LONG_TIMEOUT, HEAD_START).connect(LADDER, ENDPOINTS, CREDENTIALS,
                MediaType.AUDIO);
    }

    /** A firewall drops everything: the dial blocks until its timeout or until the race closes its socket. */
    private MediaDialer silent(Transport transport) {
        return (e, c, t, timeout, attempt) -> {
            started.add(transport.name());
            FakeSocket socket = socket(transport);
            attempt.guard(socket);
            if (socket.awaitClosed(timeout)) {
                throw new java.net.SocketException("Socket closed");
            }
            throw new SocketTimeoutException(transport + " timed out");
        };
    }

    /** The relay answers after {@code answerMillis}, and the binding completes {@code bindMillis} after that. */
    private MediaDialer answering(Transport transport, long answerMillis, long bindMillis) {
        return (e, c, t, timeout, attempt) -> {
            started.add(transport.name());
            FakeSocket socket = socket(transport);
            attempt.guard(socket);
            if (socket.awaitClosed(Duration.ofMillis(answerMillis))) {
                throw new java.net.SocketException("Socket closed");
            }
            attempt.answered();
            if (socket.awaitClosed(Duration.ofMillis(bindMillis))) {
                throw new java.net.SocketException("Socket closed");
            }
            return new FakeConnection(transport, socket);
        };
    }

    private MediaDialer failingAtOnce(Transport transport) {
        return (e, c, t, timeout, attempt) -> {
            started.add(transport.name());
            throw new java.net.PortUnreachableException(transport + " unreachable");
        };
    }

    /** Wraps a dialer so that it starts after two head starts: long enough for the next transport to be started. */
    private MediaDialer delayedAnswer(MediaDialer dialer) {
        return (e, c, t, timeout, attempt) -> {
            started.add(t + "-delayed");
            Thread.sleep(HEAD_START.toMillis() * 2);
            return dialer.dial(e, c, t, timeout, attempt);
        };
    }

    private FakeSocket socket(Transport transport) {
        FakeSocket socket = new FakeSocket();
        sockets.put(transport, socket);
        return socket;
    }

    private void assertOnlyWinnerOpen(Transport winner) throws InterruptedException {
        for (Map.Entry<Transport, FakeSocket> e : sockets.entrySet()) {
            if (e.getKey() == winner) {
                assertThat(e.getValue().closed()).as(e.getKey() + " (the winner)").isFalse();
            } else {
                awaitClosed(e.getKey());
            }
        }
    }

    private void awaitClosed(Transport transport) throws InterruptedException {
        FakeSocket socket = sockets.get(transport);
        assertThat(socket).as(transport + " opened a socket").isNotNull();
        assertThat(socket.awaitClosed(Duration.ofSeconds(5))).as(transport + " closed").isTrue();
    }

    private static long dialThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("confero-dial-"))
                .count();
    }

    private static void awaitQuietly(CountDownLatch latch) throws InterruptedException {
        latch.await(5, TimeUnit.SECONDS);
    }

    /** What a real socket is to the race: something that, once closed, wakes whoever waits on it. */
    private static final class FakeSocket implements Closeable {
        private final CountDownLatch closed = new CountDownLatch(1);

        @Override
        public void close() {
            closed.countDown();
        }

        boolean closed() {
            return closed.getCount() == 0;
        }

        boolean awaitClosed(Duration timeout) throws InterruptedException {
            return closed.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private record FakeConnection(Transport transport, FakeSocket socket) implements MediaConnection {
        @Override
        public void send(byte[] rtp) throws IOException {
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
            return !socket.closed();
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
