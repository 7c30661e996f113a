package org.confero.web.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;

import org.confero.protocol.security.SharedKeyFile;

/**
 * The credential Prometheus scrapes with: 32 random bytes in {@code <confero.data.path>/keys/metrics-scrape.token}
 * (Base64, owner-only; created by the first server that starts, shared by every server of the cluster like the other
 * keys there). Prometheus reads the same file as its {@code authorization.credentials_file} and sends
 * {@code Authorization: Bearer <the file's text>}.
 */
final class ScrapeToken {

    private final byte[] expected;

    private ScrapeToken(byte[] key) {
        this.expected = Base64.getEncoder().encodeToString(key).getBytes(StandardCharsets.US_ASCII);
    }

    static ScrapeToken loadOrCreate(Path file) throws IOException {
        return new ScrapeToken(SharedKeyFile.loadOrCreate(file));
    }

    static Path file(String dataPath) {
        return Path.of(dataPath, "keys", "metrics-scrape.token");
    }

    /**
     * Whether {@code authorization} (the request's header, possibly absent) carries this token. Compared in constant
     * time for a given length (MessageDigest.isEqual); the length of a Base64 token of 32 bytes is no secret.
     */
    boolean admits(String authorization) {
        if (authorization == null) {
            return false;
        }
        String header = authorization.strip();
        int space = header.indexOf(' ');
        // RFC 9110 §11.1: the scheme is case-insensitive.
        if (space < 0 || !header.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
            return false;
        }
        byte[] presented = header.substring(space + 1).strip().getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, presented);
    }
}
