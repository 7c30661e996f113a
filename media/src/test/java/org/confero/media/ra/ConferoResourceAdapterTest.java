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

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Timer;

import org.confero.media.api.MediaConnection;
import org.confero.media.api.MediaConnectionFactory;
import org.confero.media.api.RelayStatus;
import org.junit.jupiter.api.Test;

/** The adapter's life cycle and outbound plumbing, driven like the container drives them (Artemis RA test style). */
class ConferoResourceAdapterTest {

    @Test
    void startsRunningAndStopsCleanly() throws Exception {
        ConferoResourceAdapter adapter = new ConferoResourceAdapter();
        assertThat(adapter.status().state()).isEqualTo(RelayStatus.State.STOPPED);

        adapter.start(new InlineBootstrapContext());
        assertThat(adapter.status().isUp()).isTrue();

        adapter.stop();
        assertThat(adapter.status().state()).isEqualTo(RelayStatus.State.STOPPED);
    }

    @Test
    void connectionHandlesReportTheAdapterStatusAndReturnToThePoolOnClose() throws Exception {
        ConferoResourceAdapter adapter = new ConferoResourceAdapter();
        adapter.start(new InlineBootstrapContext());
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

    /** A bootstrap context whose work manager runs work inline: no container needed. */
    static final class InlineBootstrapContext implements BootstrapContext {

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
                    work.run();
                    return 0;
                }

                @Override
                public long startWork(Work work, long timeout, ExecutionContext context, WorkListener listener) {
                    work.run();
                    return 0;
                }

                @Override
                public void scheduleWork(Work work) {
                    work.run();
                }

                @Override
                public void scheduleWork(Work work, long timeout, ExecutionContext context, WorkListener listener) {
                    work.run();
                }
            };
        }

        @Override
        public XATerminator getXATerminator() {
            return null;
        }

        @Override
        public Timer createTimer() throws UnavailableException {
            return new Timer(true);
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
