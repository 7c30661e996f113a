package org.confero.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

class SecretHasherTest {

    private final SecretHasher hasher = new SecretHasher(1000);

    @Test
    void matchesOnlyTheRightSecretAndSaltsEveryHash() {
        HashedSecret first = hasher.hash("correct horse".toCharArray());
        HashedSecret second = hasher.hash("correct horse".toCharArray());

        assertThat(SecretHasher.matches("correct horse".toCharArray(), first)).isTrue();
        assertThat(SecretHasher.matches("correct hors".toCharArray(), first)).isFalse();
        assertThat(first.hash()).isNotEqualTo(second.hash());
        assertThat(first.iterations()).isEqualTo(1000);
    }

    @Test
    void theHashIsTheScramSaltedPasswordElytronVerifies() throws Exception {
        // RFC 5802 Hi(password, salt, i) with HMAC-SHA-256 is PBKDF2 with one 32-byte block: U1 xor U2 xor ... Ui.
        HashedSecret stored = new SecretHasher(3).hash("pencil".toCharArray());
        byte[] salt = Base64.getDecoder().decode(stored.salt());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("pencil".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update(salt);
        byte[] u = mac.doFinal(new byte[] { 0, 0, 0, 1 });
        byte[] hi = u.clone();
        for (int i = 1; i < 3; i++) {
            u = mac.doFinal(u);
            for (int j = 0; j < hi.length; j++) {
                hi[j] ^= u[j];
            }
        }

        assertThat(Base64.getDecoder().decode(stored.hash())).isEqualTo(hi);
    }

    @Test
    void encodedFormRoundTripsAndMalformedValuesNeverMatch() {
        HashedSecret stored = hasher.hash("482913".toCharArray());

        assertThat(SecretHasher.matches("482913".toCharArray(), HashedSecret.decode(stored.encoded()))).isTrue();
        assertThat(SecretHasher.matches("482913".toCharArray(), new HashedSecret("%%%", "%%%", 1))).isFalse();
    }
}
