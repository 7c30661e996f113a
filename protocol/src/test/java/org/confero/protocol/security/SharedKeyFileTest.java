package org.confero.protocol.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class SharedKeyFileTest {

    @TempDir
    Path dir;

    @Test
    void createsAPrivateKeyOnceAndReadsItAfterwards() throws IOException {
        Path file = dir.resolve("keys/join.key");

        byte[] first = SharedKeyFile.loadOrCreate(file);
        byte[] second = SharedKeyFile.loadOrCreate(file);

        assertThat(first).hasSize(SharedKeyFile.KEY_BYTES).isEqualTo(second);
        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
        try (var leftovers = Files.list(file.getParent())) {
            assertThat(leftovers).as("no temporary files left").containsExactly(file);
        }
    }

    @Test
    @Timeout(30)
    void serversStartingAtOnceAgreeOnOneKey() throws Exception {
        Path file = dir.resolve("shared.key");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit((Callable<byte[]>) () -> SharedKeyFile.loadOrCreate(file)));
            }
            byte[] winner = results.get(0).get(10, TimeUnit.SECONDS);
            for (Future<byte[]> result : results) {
                assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo(winner);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTruncatedKeyIsRefused() throws IOException {
        Path file = dir.resolve("short.key");
        Files.writeString(file, "c2hvcnQ=\n");

        assertThatThrownBy(() -> SharedKeyFile.loadOrCreate(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("needs 32");
    }
}
