package org.confero.media.ra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.XATerminator;
import jakarta.resource.spi.work.ExecutionContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkListener;
import jakarta.resource.spi.work.WorkManager;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Timer;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.confero.media.api.AttachRefusedException;
import org.confero.media.api.MediaConnection;
import org.confero.media.api.MediaConnectionFactory;
import org.confero.media.api.RelayStatus;
import org.confero.protocol.media.MediaCredentials;
import org.confero.protocol.media.MediaType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The adapter's life cycle and outbound plumbing, driven like the container drives them (Artemis RA test style). */
class ConferoResourceAdapterTest {

    @TempDir
    Path data;

    private final ThreadedBootstrapContext context = new ThreadedBootstrapContext();

    @AfterEach
    void shutDown() throws InterruptedException {
        context.shutdown();
    }

    @Test
    @Timeout(30)
    void startsBindingItsPortsAndStopReleasesThem() throws Exception {
        int port = freePort();
        ConferoResourceAdapter adapter = adapter(port);
        assertThat(adapter.status().state()).isEqualTo(RelayStatus.State.STOPPED);

        adapter.start(context);
        assertThat(adapter.status().isUp()).isTrue();
        assertThat(adapter.status().detail()).contains(String.valueOf(port));
        assertThat(Files.readString(data.resolve("media-token.key")).trim()).as("token key generated")
                .hasSizeGreaterThanOrEqualTo(43);

        adapter.stop();
        assertThat(adapter.status().state()).isEqualTo(RelayStatus.State.STOPPED);
        try (DatagramSocket udp = new DatagramSocket(port, InetAddress.getLoopbackAddress());
                ServerSocket tcp = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(udp.getLocalPort()).as("UDP port released on stop").isEqualTo(port);
            assertThat(tcp.getLocalPort()).as("TCP port released on stop").isEqualTo(port);
        }
    }

    @Test
    @Timeout(30)
    void aTakenPortIsReportedAndRetriedNotFatal() throws Exception {
        int port = freePort();
        ConferoResourceAdapter adapter = adapter(port);
        adapter.setBindRetrySeconds(1);
        try (ServerSocket squatter = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            adapter.start(context);
            assertThat(adapter.status().state()).isEqualTo(RelayStatus.State.FAILED);
            assertThat(adapter.status().detail()).contains(String.valueOf(port));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!adapter.status().isUp() && System.nanoTime() < deadline) {
            Thread.sleep(100); // polling the retry timer's outcome; the condition is re-checked
        }
        assertThat(adapter.status().isUp()).as("bound once the port was free").isTrue();
        adapter.stop();
    }

    @Test
    @Timeout(30)
    void theSameKeyFileIsUsedByEveryAdapterSharingIt() throws Exception {
        ConferoResourceAdapter first = adapter(freePort());
        first.start(context);
        String key = Files.readString(data.resolve("media-token.key"));
        first.stop();
        ConferoResourceAdapter second = adapter(freePort());
        second.start(context);
        second.stop();

        assertThat(Files.readString(data.resolve("media-token.key"))).isEqualTo(key);
    }

    @Test
    @Timeout(30)
    void connectionHandlesReportTheAdapterStatusAndReturnToThePoolOnClose() throws Exception {
        ConferoResourceAdapter adapter = adapter(freePort());
        adapter.start(context);
        MediaManagedConnectionFactory managedFactory = new MediaManagedConnectionFactory();
        managedFactory.setResourceAdapter(adapter);
        List<ConnectionEvent> closed = new ArrayList<>();
        MediaConnectionFactory factory = (MediaConnectionFactory) managedFactory
                .createConnectionFactory(new PoolOfOne(managedFactory, closed));

        MediaConnection connection = factory.getConnection();
        assertThat(connection.status().state()).isEqualTo(RelayStatus.State.RUNNING);
        connection.close();

        assertThat(closed).singleElement().satisfies(event -> {
            assertThat(event.getId()).isEqualTo(ConnectionEvent.CONNECTION_CLOSED);
            assertThat(event.getConnectionHandle()).isSameAs(connection);
        });
        assertThatThrownBy(connection::status).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        adapter.stop();
    }

    @Test
    @Timeout(30)
    void connectionsDriveTheRelay() throws Exception {
        ConferoResourceAdapter adapter = adapter(freePort());
        adapter.start(context);
        MediaManagedConnectionFactory managedFactory = new MediaManagedConnectionFactory();
        managedFactory.setResourceAdapter(adapter);
        MediaConnectionFactory factory = (MediaConnectionFactory) managedFactory
                .createConnectionFactory(new PoolOfOne(managedFactory, new ArrayList<>()));
        List<byte[]> toB = new CopyOnWriteArrayList<>();

        try (MediaConnection connection = factory.getConnection()) {
            connection.openMeeting("m1");
            MediaCredentials credentials = connection.admit("m1", "alice", MediaType.AUDIO, Duration.ofMinutes(5));
            assertThat(credentials.token()).isNotBlank();
            assertThat(credentials.password()).isNotBlank();

            try (MediaConnection.VirtualMediaPort a = connection.attachVirtualEndpoint("m1", "a", MediaType.AUDIO,
                    Instant.now(), packet -> {
                    }); MediaConnection.VirtualMediaPort b = connection.attachVirtualEndpoint("m1", "b",
                            MediaType.AUDIO, Instant.now(), packet -> {
                                byte[] copy = new byte[packet.remaining()];
                                packet.duplicate().get(copy);
                                toB.add(copy);
                            })) {
                byte[] rtp = { (byte) 0x80, 0x00, 0x00, 0x01, 0, 0, 0, 1, 0, 0, 0, 7, 42 };
                a.send(ByteBuffer.wrap(rtp));

                assertThat(toB).singleElement().isEqualTo(rtp);
                assertThat(connection.statistics("m1")).hasValueSatisfying(stats -> {
                    assertThat(stats.mediaPacketsIn()).isEqualTo(1);
                    assertThat(stats.packetsOut()).isEqualTo(1);
                });
                connection.revoke("m1", "b");
                assertThat(b.isBound()).isFalse();
            }
            connection.closeMeeting("m1");
            assertThat(connection.statistics("m1")).isEmpty();
        }
        adapter.stop();
    }

    @Test
    void issue18LimitsAreAdapterPropertiesWithTheirDefaults() throws Exception {
        ConferoResourceAdapter adapter = adapter(freePort());
        assertThat(adapter.relayConfig().maxTokenLifetime()).isEqualTo(Duration.ofHours(1));
        assertThat(adapter.relayConfig().bindsPerMinute()).isEqualTo(30);

        adapter.setMaxTokenLifetimeSeconds(600);
        adapter.setBindsPerMinute(7);

        assertThat(adapter.relayConfig().maxTokenLifetime()).isEqualTo(Duration.ofMinutes(10));
        assertThat(adapter.relayConfig().bindsPerMinute()).isEqualTo(7);
    }

    @Test
    void udpGsoIsAnAdapterPropertyThatZeroTurnsOff() throws Exception {
        ConferoResourceAdapter adapter = adapter(freePort());
        assertThat(adapter.relayConfig().udpGsoMaxSegmentBytes()).isEqualTo(1452);

        adapter.setUdpGsoMaxSegmentBytes(0);
        assertThat(adapter.relayConfig().udpGsoMaxSegmentBytes()).isZero();

        adapter.setUdpGsoMaxSegmentBytes(-1);
        assertThatThrownBy(adapter::relayConfig).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("udpGsoMaxSegmentBytes");
    }

    @Test
    @Timeout(30)
    void aRefusedAttachSaysWhyAndAnUnboundPortsSinkIsTold() throws Exception {
        ConferoResourceAdapter adapter = adapter(freePort());
        adapter.start(context);
        MediaManagedConnectionFactory managedFactory = new MediaManagedConnectionFactory();
        managedFactory.setResourceAdapter(adapter);
        MediaConnectionFactory factory = (MediaConnectionFactory) managedFactory
                .createConnectionFactory(new PoolOfOne(managedFactory, new ArrayList<>()));
        List<String> closed = new CopyOnWriteArrayList<>();
        MediaConnection.VirtualMediaSink sink = new MediaConnection.VirtualMediaSink() {
            @Override
            public void accept(ByteBuffer packet) {
            }

            @Override
            public void closed(String reason) {
                closed.add(reason);
            }
        };

        try (MediaConnection connection = factory.getConnection()) {
            connection.openMeeting("m1");
            Instant issued = Instant.now();
            MediaConnection.VirtualMediaPort port = connection.attachVirtualEndpoint("m1", "b", MediaType.AUDIO, issued,
                    sink);
            connection.revoke("m1", "b");

            assertThat(closed).containsExactly("credentials revoked");
            assertThat(port.isBound()).isFalse();
            assertThatThrownBy(() -> connection.attachVirtualEndpoint("m1", "b", MediaType.AUDIO, issued, sink))
                    .isInstanceOfSatisfying(AttachRefusedException.class, e -> {
                        assertThat(e.reason()).isEqualTo(AttachRefusedException.Reason.REVOKED);
                        assertThat(e.reason().text()).isEqualTo("credentials revoked");
                    });
            assertThatThrownBy(
                    () -> connection.attachVirtualEndpoint("other", "b", MediaType.AUDIO, Instant.now(), sink))
                            .isInstanceOfSatisfying(AttachRefusedException.class, e -> assertThat(e.reason())
                                    .isEqualTo(AttachRefusedException.Reason.MEETING_NOT_OPEN));
            assertThat(connection.statistics().dropped("REVOKED")).isEqualTo(1);
        }
        adapter.stop();
    }

    private ConferoResourceAdapter adapter(int port) {
        ConferoResourceAdapter adapter = new ConferoResourceAdapter();
        adapter.setBindAddress("127.0.0.1");
        adapter.setUdpPort(port);
        adapter.setTcpPort(port);
        adapter.setIoThreads(1);
        adapter.setTokenKeyFile(data.resolve("media-token.key").toString());
        return adapter;
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    @Test
    void matchingPicksAConnectionOfTheSameFactoryOnly() {
        MediaManagedConnectionFactory one = new MediaManagedConnectionFactory();
        MediaManagedConnectionFactory other = new MediaManagedConnectionFactory();
        ManagedConnection ofOther = other.createManagedConnection(null, null);
        ManagedConnection ofOne = one.createManagedConnection(null, null);

        assertThat(one.matchManagedConnections(Set.of(ofOther), null, null)).isNull();
        assertThat(one.matchManagedConnections(Set.of(ofOther, ofOne), null, null)).isSameAs(ofOne);
    }

    /** What the container's pool does, for one connection: allocate a handle, listen for its close. */
    private record PoolOfOne(MediaManagedConnectionFactory factory, List<ConnectionEvent> closed)
            implements ConnectionManager {

        @Override
        public Object allocateConnection(jakarta.resource.spi.ManagedConnectionFactory mcf,
                jakarta.resource.spi.ConnectionRequestInfo info) throws jakarta.resource.ResourceException {
            ManagedConnection managed = factory.createManagedConnection(null, info);
            managed.addConnectionEventListener(new ConnectionEventListener() {
                @Override
                public void connectionClosed(ConnectionEvent event) {
                    closed.add(event);
                }

                @Override
                public void localTransactionStarted(ConnectionEvent event) {
                }

                @Override
                public void localTransactionCommitted(ConnectionEvent event) {
                }

                @Override
                public void localTransactionRolledback(ConnectionEvent event) {
                }

                @Override
                public void connectionErrorOccurred(ConnectionEvent event) {
                }
            });
            return managed.getConnection(null, info);
        }
    }

    /**
     * A bootstrap context whose work manager runs each work on a thread of a test pool (event loops never return, so
     * inline execution would not do).
     */
    static final class ThreadedBootstrapContext implements BootstrapContext {

        private final ExecutorService threads = Executors.newCachedThreadPool();
        private final List<Timer> timers = new CopyOnWriteArrayList<>();

        void shutdown() throws InterruptedException {
            timers.forEach(Timer::cancel);
            threads.shutdownNow();
            assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }

        @Override
        public WorkManager getWorkManager() {
            return new WorkManager() {
                @Override
                public void doWork(Work work) {
                    work.run();
                }

                @Override
                public void doWork(Work work, long timeout, ExecutionContext context, WorkListener listener) {
                    work.run();
                }

                @Override
                public long startWork(Work work) {
                    threads.execute(work);
                    return 0;
                }

                @Override
                public long startWork(Work work, long timeout, ExecutionContext context, WorkListener listener) {
                    threads.execute(work);
                    return 0;
                }

                @Override
                public void scheduleWork(Work work) {
                    threads.execute(work);
                }

                @Override
                public void scheduleWork(Work work, long timeout, ExecutionContext context, WorkListener listener) {
                    threads.execute(work);
                }
            };
        }

        @Override
        public XATerminator getXATerminator() {
            return null;
        }

        @Override
        public Timer createTimer() throws UnavailableException {
            Timer timer = new Timer(true);
            timers.add(timer);
            return timer;
        }

        @Override
        public boolean isContextSupported(Class<? extends jakarta.resource.spi.work.WorkContext> workContextClass) {
            return false;
        }

        @Override
        public TransactionSynchronizationRegistry getTransactionSynchronizationRegistry() {
            return null;
        }
    }
}
