package org.confero.web.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScrapeTokenTest {

    @TempDir
    Path data;

    @Test
    void theBearerTokenIsTheFilesTextAsPrometheusSendsIt() throws IOException {
        Path file = ScrapeToken.file(data.toString());
        ScrapeToken token = ScrapeToken.loadOrCreate(file);

        // Prometheus' credentials_file: the file's content, surrounding white space trimmed.
        String credentials = Files.readString(file, StandardCharsets.US_ASCII).strip();
        assertThat(file).isEqualTo(data.resolve("keys/metrics-scrape.token"));
        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
        assertThat(token.admits("Bearer " + credentials)).isTrue();
        assertThat(token.admits("bearer  " + credentials + " ")).as("scheme case-insensitive").isTrue();
        assertThat(ScrapeToken.loadOrCreate(file).admits("Bearer " + credentials)).as("a second server reads it")
                .isTrue();
    }

    @Test
    void anythingElseIsRefused() throws IOException {
        Path file = ScrapeToken.file(data.toString());
        ScrapeToken token = ScrapeToken.loadOrCreate(file);
        String credentials = Files.readString(file, StandardCharsets.US_ASCII).strip();

        assertThat(token.admits(null)).isFalse();
        assertThat(token.admits("")).isFalse();
        assertThat(token.admits("Bearer")).isFalse();
        assertThat(token.admits("Bearer ")).isFalse();
        assertThat(token.admits("Basic " + credentials)).isFalse();
        assertThat(token.admits("Bearer " + credentials.substring(1))).isFalse();
        assertThat(token.admits("Bearer " + credentials + "x")).isFalse();
        String other = (credentials.charAt(0) == 'A' ? "B" : "A") + credentials.substring(1);
        assertThat(token.admits("Bearer " + other)).isFalse();
    }
}
