package org.confero.protocol.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class StunMessageTest {

    final byte[] id = MediaBinding.newTransactionId(new SecureRandom());
    final MediaCredentials credentials = new MediaCredentials("token-text", "password");

    @Test
    void requestRoundTripsWithIntegrityAndFingerprint() {
        byte[] bytes = MediaBinding.request(credentials, MediaType.AUDIO, Optional.of("nonce-1"), id);
        StunMessage m = StunMessage.parse(bytes, 0, bytes.length).orElseThrow();
        assertThat(m.isBindingRequest()).isTrue();
        assertThat(m.hasTransactionId(id)).isTrue();
        assertThat(m.stringAttribute(Stun.ATTR_USERNAME)).contains("token-text");
        assertThat(m.stringAttribute(Stun.ATTR_NONCE)).contains("nonce-1");
        assertThat(m.mediaType()).contains(MediaType.AUDIO);
        assertThat(m.verifyIntegrity(credentials.integrityKey())).isTrue();
        assertThat(m.verifyIntegrity("other".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(m.verifyFingerprint()).isTrue();
    }

    @Test
    void xorMappedAddressRoundTripsForBothFamilies() throws Exception {
        for (String ip : new String[] { "192.0.2.1", "2001:db8::1" }) {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(ip), 32853);
            byte[] bytes = new StunMessageBuilder(Stun.BINDING_SUCCESS, id).xorMappedAddress(address).build(null, true);
            assertThat(StunMessage.parse(bytes, 0, bytes.length).orElseThrow().xorMappedAddress()).contains(address);
        }
    }

    @Test
    void errorCodeIsReadBack() {
        StunMessage request = StunMessage
                .parse(MediaBinding.request(credentials, MediaType.VIDEO, Optional.empty(), id), 0,
                        0 + MediaBinding.request(credentials, MediaType.VIDEO, Optional.empty(), id).length)
                .orElseThrow();
        byte[] challenge = MediaBinding.challenge(request, Stun.ERROR_STALE_NONCE, "n", credentials.integrityKey());
        StunMessage m = StunMessage.parse(challenge, 0, challenge.length).orElseThrow();
        assertThat(m.errorCode()).contains(438);
        assertThat(m.hasTransactionId(id)).isTrue();
    }

    @Test
    void everyFlippedByteBreaksIntegrityOrFingerprintOrParsing() {
        byte[] bytes = MediaBinding.request(credentials, MediaType.AUDIO, Optional.empty(), id);
        for (int i = 0; i < bytes.length; i++) {
            byte[] damaged = bytes.clone();
            damaged[i] ^= 0x01;
            Optional<StunMessage> m = StunMessage.parse(damaged, 0, damaged.length);
            assertThat(
                    m.isEmpty() || !m.get().verifyFingerprint() || !m.get().verifyIntegrity(credentials.integrityKey()))
                            .as("byte %d", i).isTrue();
        }
    }

    @Test
    void truncatedAndRandomInputIsRefusedWithoutExceptions() {
        byte[] bytes = MediaBinding.request(credentials, MediaType.AUDIO, Optional.empty(), id);
        for (int length = 0; length < bytes.length; length++) {
            assertThat(StunMessage.parse(Arrays.copyOf(bytes, length), 0, length)).isEmpty();
        }
        Random random = new Random(42);
        byte[] junk = new byte[200];
        for (int i = 0; i < 20_000; i++) {
            random.nextBytes(junk);
            junk[0] &= 0x03;
            StunMessage.parse(junk, 0, random.nextInt(junk.length + 1));
        }
        // Lengths consistent with the header but an attribute running past the end.
        byte[] bad = new StunMessageBuilder(Stun.BINDING_REQUEST, id).attribute(Stun.ATTR_USERNAME, "abcd").build(null,
                false);
        bad[Stun.HEADER_BYTES + 3] = 40;
        assertThat(StunMessage.parse(bad, 0, bad.length)).isEmpty();
    }

    @Test
    void unknownComprehensionRequiredAttributeIsRefused() {
        byte[] bytes = new StunMessageBuilder(Stun.BINDING_REQUEST, id).attribute(0x0024, new byte[4]).build(null,
                false);
        assertThat(StunMessage.parse(bytes, 0, bytes.length)).isEmpty();
        byte[] optional = new StunMessageBuilder(Stun.BINDING_REQUEST, id).attribute(Stun.ATTR_SOFTWARE, "x")
                .build(null, false);
        assertThat(StunMessage.parse(optional, 0, optional.length)).isPresent();
    }
}
