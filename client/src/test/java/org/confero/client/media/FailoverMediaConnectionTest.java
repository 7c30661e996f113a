package org.confero.client.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.confero.client.fakes.FakeMediaConnection;
import org.junit.jupiter.api.Test;

class FailoverMediaConnectionTest {

    private final FakeMediaConnection first = new FakeMediaConnection(Transport.UDP, "first router");
    private final FakeMediaConnection second = new FakeMediaConnection(Transport.TCP, "second router");
    private final FailoverMediaConnection connection = new FailoverMediaConnection(first);

    @Test
    void theReceiverGoesOverToTheNextRoutersConnection() {
        List<String> received = new CopyOnWriteArrayList<>();
        connection.deliverTo(p -> received.add(new String(p)));
        first.inject("from the first".getBytes());

        connection.detach();
        connection.attach(second);
        second.inject("from the second".getBytes());

        assertThat(received).containsExactly("from the first", "from the second");
        assertThat(first.isOpen()).as("the dead router's connection is let go").isFalse();
    }

    @Test
    void sendsWithoutARouterAreDroppedAndCountedNotFailed() throws Exception {
        connection.send(new byte[] { 1 });
        connection.detach();

        connection.send(new byte[] { 2 });
        connection.send(new byte[] { 3 });
        assertThat(connection.droppedPackets()).isEqualTo(2);
        assertThat(connection.isOpen()).as("open across the gap").isTrue();
        assertThat(connection.attached()).isFalse();

        connection.attach(second);
        connection.send(new byte[] { 4 });
        assertThat(first.sent()).containsExactly(new byte[] { 1 });
        assertThat(second.sent()).containsExactly(new byte[] { 4 });
        assertThat(connection.droppedPackets()).isEqualTo(2);
    }

    @Test
    void theTransportIsTheCurrentConnectionsAndTheLastOneWhileDetached() {
        assertThat(connection.transport()).isEqualTo(Transport.UDP);
        connection.detach();
        assertThat(connection.transport()).isEqualTo(Transport.UDP);
        connection.attach(second);
        assertThat(connection.transport()).isEqualTo(Transport.TCP);
    }

    @Test
    void aReceiveDuringTheGapWaitsForTheNextRouter() throws Exception {
        connection.detach();
        CompletableFuture<Optional<byte[]>> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return connection.receive(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        second.inject(new byte[] { 9 });
        connection.attach(second);

        assertThat(waiting.get(5, TimeUnit.SECONDS)).hasValue(new byte[] { 9 });
    }

    @Test
    void aConnectionArrivingAfterTheApplicationClosedIsClosedToo() {
        connection.detach();
        connection.close();

        boolean taken = connection.attach(second);

        assertThat(taken).isFalse();
        assertThat(second.isOpen()).isFalse();
        assertThat(connection.isOpen()).isFalse();
    }

    @Test
    void aSwitchSendsOnTheNewConnectionAndStillReceivesOnTheOldUntilItRetires() throws Exception {
        FakeMediaConnection tcp = new FakeMediaConnection(Transport.TCP, "tcp");
        FakeMediaConnection udp = new FakeMediaConnection(Transport.UDP, "udp");
        FailoverMediaConnection media = new FailoverMediaConnection(tcp);
        media.send(new byte[] { 1 });

        Optional<MediaConnection> replaced = media.switchTo(udp);
        media.send(new byte[] { 2 });
        tcp.inject(new byte[] { 10 }); // was on its way over TCP when the relay moved us
        udp.inject(new byte[] { 11 });

        assertThat(replaced).containsSame(tcp);
        assertThat(media.transport()).isEqualTo(Transport.UDP);
        assertThat(tcp.sent()).containsExactly(new byte[] { 1 });
        assertThat(udp.sent()).containsExactly(new byte[] { 2 });
        assertThat(media.receive(Duration.ofSeconds(1))).hasValue(new byte[] { 10 });
        assertThat(media.receive(Duration.ofSeconds(1))).hasValue(new byte[] { 11 });
        assertThat(tcp.isOpen()).as("open until retired").isTrue();

        media.retire(tcp);
        assertThat(tcp.isOpen()).isFalse();
        assertThat(udp.isOpen()).isTrue();
    }

    @Test
    void closingDuringTheOverlapClosesTheReplacedConnectionToo() {
        FakeMediaConnection udp = new FakeMediaConnection(Transport.UDP, "udp");
        FailoverMediaConnection media = new FailoverMediaConnection(second);
        media.switchTo(udp);

        media.close();

        assertThat(second.isOpen()).isFalse();
        assertThat(udp.isOpen()).isFalse();
    }

    @Test
    void noSwitchWhileAFailoverHasNoRouter() {
        FakeMediaConnection udp = new FakeMediaConnection(Transport.UDP, "udp");
        connection.detach();

        assertThat(connection.switchTo(udp)).isEmpty();
        assertThat(udp.isOpen()).as("the upgrade's connection is not leaked").isFalse();
    }
}
