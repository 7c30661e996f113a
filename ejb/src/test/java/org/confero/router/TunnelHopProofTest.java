package org.confero.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class TunnelHopProofTest {

    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
    private final byte[] key = new byte[32];
    private final TunnelHopProof proof = new TunnelHopProof(key);

    @Test
    void aProofOfTheSameKeyIsAcceptedWithinTheSkew() {
        String value = proof.issue(NOW);
        assertThat(proof.verify(value, NOW)).isTrue();
        assertThat(proof.verify(value, NOW.plus(TunnelHopProof.MAX_SKEW))).isTrue();
        assertThat(new TunnelHopProof(key.clone()).verify(value, NOW.minusSeconds(30))).as("another server").isTrue();
    }

    @Test
    void aStaleOrFutureProofIsRefused() {
        String value = proof.issue(NOW);
        assertThat(proof.verify(value, NOW.plus(TunnelHopProof.MAX_SKEW).plusSeconds(1))).isFalse();
        assertThat(proof.verify(value, NOW.minus(TunnelHopProof.MAX_SKEW).minusSeconds(1))).isFalse();
    }

    @Test
    void anotherKeyATamperedTimeOrGarbageIsRefused() {
        byte[] other = Arrays.copyOf(key, 32);
        other[0] = 1;
        assertThat(new TunnelHopProof(other).verify(proof.issue(NOW), NOW)).isFalse();
        String value = proof.issue(NOW);
        String mac = value.substring(value.indexOf('.') + 1);
        assertThat(proof.verify((NOW.getEpochSecond() + 1) + "." + mac, NOW)).as("time changed").isFalse();
        assertThat(proof.verify("0" + value, NOW)).as("same time, other spelling").isFalse();
        assertThat(proof.verify(null, NOW)).isFalse();
        assertThat(proof.verify("", NOW)).isFalse();
        assertThat(proof.verify("tunnel", NOW)).isFalse();
        assertThat(proof.verify(NOW.getEpochSecond() + ".", NOW)).isFalse();
        assertThat(proof.verify("x".repeat(200), NOW)).isFalse();
    }
}
