package org.confero.web.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ConnectionsPerSourceTest {

    @Test
    void theConnectionPastTheLimitIsRefusedAndAClosedOneMakesRoom() {
        ConnectionsPerSource connections = new ConnectionsPerSource(2);
        ConnectionsPerSource.Lease first = connections.open("198.51.100.1").orElseThrow();
        connections.open("198.51.100.1").orElseThrow();

        assertThat(connections.full("198.51.100.1")).isTrue();
        assertThat(connections.open("198.51.100.1")).isEmpty();
        assertThat(connections.open("198.51.100.2")).as("another source has its own places").isPresent();

        first.close();
        first.close();
        assertThat(connections.count("198.51.100.1")).as("a place is given back once").isEqualTo(1);
        assertThat(connections.open("198.51.100.1")).isPresent();
    }

    @Test
    void aSourceIsForgottenWhenItsLastConnectionCloses() {
        ConnectionsPerSource connections = new ConnectionsPerSource(100);
        List<ConnectionsPerSource.Lease> leases = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            leases.add(connections.open("10.0." + (i / 200) + "." + (i % 200)).orElseThrow());
        }
        assertThat(connections.sources()).isEqualTo(1000);

        leases.forEach(ConnectionsPerSource.Lease::close);

        assertThat(connections.sources()).isZero();
    }

    @Test
    @Timeout(10)
    void connectionsRacingForTheLastPlacesNeverGetMoreThanTheLimit() throws Exception {
        ConnectionsPerSource connections = new ConnectionsPerSource(10);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Optional<ConnectionsPerSource.Lease>>> attempts = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                attempts.add(() -> connections.open("198.51.100.9"));
            }
            long admitted = 0;
            for (Future<Optional<ConnectionsPerSource.Lease>> attempt : pool.invokeAll(attempts)) {
                admitted += attempt.get().isPresent() ? 1 : 0;
            }
            assertThat(admitted).isEqualTo(10);
            assertThat(connections.count("198.51.100.9")).isEqualTo(10);
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aLimitBelowOneIsRefused() {
        assertThatThrownBy(() -> new ConnectionsPerSource(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
