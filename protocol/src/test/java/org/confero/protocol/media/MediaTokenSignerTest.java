package org.confero.protocol.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class MediaTokenSignerTest {

    final byte[] key = new byte[32];
    final MediaTokenSigner signer;
    final Instant now = Instant.parse("2026-11-21T10:00:00Z");
    final MediaToken token = new MediaToken("meeting-1", "participant-7", MediaType.VIDEO, now,
            now.plus(Duration.ofMinutes(10)));

    MediaTokenSignerTest() {
        Arrays.fill(key, (byte) 7);
        signer = new MediaTokenSigner(key);
    }

    @Test
    void issuedTokenVerifiesWithItsClaims() {
        MediaTokenSigner.Verification v = signer.verify(signer.issue(token), now.plusSeconds(1));
        assertThat(v.status()).isEqualTo(MediaTokenSigner.Status.VALID);
        assertThat(v.token()).contains(token);
    }

    @Test
    void expiresAtItsExpiry() {
        String text = signer.issue(token);
        assertThat(signer.verify(text, token.expiresAt()).status()).isEqualTo(MediaTokenSigner.Status.EXPIRED);
        assertThat(signer.verify(text, token.expiresAt().minusMillis(1)).isValid()).isTrue();
    }

    @Test
    void otherKeyOrTamperedPayloadIsBadSignature() {
        byte[] other = key.clone();
        other[0] ^= 1;
        String text = signer.issue(token);
        assertThat(new MediaTokenSigner(other).verify(text, now).status())
                .isEqualTo(MediaTokenSigner.Status.BAD_SIGNATURE);
        String audio = signer
                .issue(new MediaToken("meeting-1", "participant-7", MediaType.AUDIO, now, now.plusSeconds(600)));
        String spliced = audio.substring(0, audio.indexOf('.')) + text.substring(text.indexOf('.'));
        assertThat(signer.verify(spliced, now).status()).isEqualTo(MediaTokenSigner.Status.BAD_SIGNATURE);
    }

    @Test
    void garbageIsMalformedNeverAnException() {
        for (String junk : new String[] { "", ".", "a.b.c", "abc", "!!!.???", "x".repeat(600), "AAAA.AAAA" }) {
            assertThat(signer.verify(junk, now).status()).as(junk).isEqualTo(MediaTokenSigner.Status.MALFORMED);
        }
        assertThat(signer.verify(null, now).status()).isEqualTo(MediaTokenSigner.Status.MALFORMED);
    }

    @Test
    void passwordIsDerivedFromTheTokenUnderTheKey() {
        String text = signer.issue(token);
        assertThat(signer.stunPassword(text)).isEqualTo(signer.stunPassword(text));
        assertThat(signer.stunPassword(text)).isNotEqualTo(signer.stunPassword(text + "x"));
        byte[] other = key.clone();
        other[31] ^= 1;
        assertThat(new MediaTokenSigner(other).stunPassword(text)).isNotEqualTo(signer.stunPassword(text));
        assertThat(signer.credentials(token).password())
                .isEqualTo(signer.stunPassword(signer.credentials(token).token()));
    }

    @Test
    void shortKeysAndOversizeIdsAreRefused() {
        assertThatThrownBy(() -> new MediaTokenSigner(new byte[16])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MediaToken("m".repeat(65), "p", MediaType.AUDIO, now, now.plusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(
                signer.issue(new MediaToken("m".repeat(64), "p".repeat(64), MediaType.CONTENT, now, now.plusSeconds(1)))
                        .length()).isLessThan(509); // fits a STUN USERNAME
    }
}
