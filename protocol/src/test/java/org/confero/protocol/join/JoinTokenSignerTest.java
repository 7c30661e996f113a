package org.confero.protocol.join;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

class JoinTokenSignerTest {

    private final byte[] key = new byte[32];
    private final JoinTokenSigner signer = new JoinTokenSigner(key);
    private final Instant now = Instant.parse("2026-11-21T12:00:00Z");
    private final JoinToken token = new JoinToken("84512963301", "p-1f3a", "Zoë Müller", JoinToken.Role.ATTENDEE, now,
            now.plus(Duration.ofMinutes(10)));

    @Test
    void roundTripsAndIsValidUntilExpiry() {
        String text = signer.sign(token);

        assertThat(signer.verify(text, now.plusSeconds(60))).satisfies(v -> {
            assertThat(v.status()).isEqualTo(JoinTokenSigner.Status.VALID);
            assertThat(v.token()).contains(token);
        });
        assertThat(signer.verify(text, now.plus(Duration.ofMinutes(10))).status())
                .isEqualTo(JoinTokenSigner.Status.EXPIRED);
    }

    @Test
    void carriesTheAccountOfASignedInUserAndReadsATokenWithoutOneAsAGuest() {
        JoinToken signedIn = new JoinToken("84512963301", "p-1f3a", "Zoë Müller", JoinToken.Role.HOST, now,
                now.plusSeconds(600), Optional.of("zoe"));

        assertThat(signer.verify(signer.sign(signedIn), now).token()).contains(signedIn);
        assertThat(signer.verify(signer.sign(token), now).token().orElseThrow().account()).isEmpty();
    }

    @Test
    void anotherKeyOrATamperedPayloadIsRefused() {
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        String text = signer.sign(token);

        assertThat(new JoinTokenSigner(otherKey).verify(text, now).status())
                .isEqualTo(JoinTokenSigner.Status.BAD_SIGNATURE);
        String forged = new JoinTokenSigner(otherKey).sign(
                new JoinToken("84512963301", "p-1f3a", "Zoë Müller", JoinToken.Role.HOST, now, now.plusSeconds(600)));
        String spliced = forged.substring(0, forged.indexOf('.')) + text.substring(text.indexOf('.'));
        assertThat(signer.verify(spliced, now).status()).isEqualTo(JoinTokenSigner.Status.BAD_SIGNATURE);
    }

    @Test
    void garbageNeverThrows() {
        Random random = new Random(7);
        String text = signer.sign(token);
        for (int i = 0; i < 10_000; i++) {
            char[] chars = text.toCharArray();
            int cut = random.nextInt(chars.length + 1);
            String damaged = new String(Arrays.copyOf(chars, cut)) + (random.nextBoolean() ? "." : "x");
            assertThat(signer.verify(damaged, now).isValid()).isFalse();
        }
        assertThat(signer.verify(null, now).status()).isEqualTo(JoinTokenSigner.Status.MALFORMED);
        assertThat(signer.verify("x".repeat(5000), now).status()).isEqualTo(JoinTokenSigner.Status.MALFORMED);
        assertThat(signer.verify("a.b.c", now).status()).isEqualTo(JoinTokenSigner.Status.MALFORMED);
    }
}
