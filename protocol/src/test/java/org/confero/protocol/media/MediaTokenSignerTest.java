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
    void receiveOnlyIsSignedIntoTheToken() {
        MediaToken attendee = new MediaToken("meeting-1", "participant-7", MediaType.VIDEO, now,
                now.plus(Duration.ofMinutes(10)), true);
        MediaTokenSigner.Verification v = signer.verify(signer.issue(attendee), now);
        assertThat(v.status()).isEqualTo(MediaTokenSigner.Status.VALID);
        assertThat(v.token()).hasValueSatisfying(t -> assertThat(t.receiveOnly()).isTrue());
        assertThat(signer.verify(signer.issue(token), now).token())
                .hasValueSatisfying(t -> assertThat(t.receiveOnly()).isFalse());
    }

    @Test
    void strippingOrClearingTheReceiveOnlyFlagBreaksTheSignature() {
        String text = signer.issue(new MediaToken("meeting-1", "participant-7", MediaType.VIDEO, now,
                now.plus(Duration.ofMinutes(10)), true));
        java.util.Base64.Decoder decoder = java.util.Base64.getUrlDecoder();
        java.util.Base64.Encoder encoder = java.util.Base64.getUrlEncoder().withoutPadding();
        byte[] payload = decoder.decode(text.substring(0, text.indexOf('.')));
        String mac = text.substring(text.indexOf('.'));
        // An attendee turns its token into a sender's: as version 1 without the flags byte, or with the flag cleared.
        byte[] stripped = Arrays.copyOf(payload, payload.length - 1);
        stripped[0] = 1;
        byte[] cleared = payload.clone();
        cleared[cleared.length - 1] = 0;
        assertThat(signer.verify(encoder.encodeToString(stripped) + mac, now).status())
                .isEqualTo(MediaTokenSigner.Status.BAD_SIGNATURE);
        assertThat(signer.verify(encoder.encodeToString(cleared) + mac, now).status())
                .isEqualTo(MediaTokenSigner.Status.BAD_SIGNATURE);
    }

    @Test
    void senderTokensKeepTheirVersionOneBytes() {
        String text = signer.issue(token);
        byte[] payload = java.util.Base64.getUrlDecoder().decode(text.substring(0, text.indexOf('.')));
        assertThat(payload[0]).isEqualTo((byte) 1);
        assertThat(payload).hasSize(2 + 16 + 2 + "meeting-1".length() + "participant-7".length());
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
