package org.confero.protocol.media;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * The messages of the Confero media binding handshake, for both ends (see the package documentation for the sequence).
 * Every message carries MESSAGE-INTEGRITY keyed with the connection's STUN password and a FINGERPRINT.
 */
public final class MediaBinding {

    private MediaBinding() {
    }

    public static byte[] newTransactionId(SecureRandom random) {
        byte[] id = new byte[Stun.TRANSACTION_ID_BYTES];
        random.nextBytes(id);
        return id;
    }

    /** Client, steps 1 and 3: a Binding request naming the token and media type, echoing the nonce once it has one. */
    public static byte[] request(MediaCredentials credentials, MediaType mediaType, Optional<String> nonce,
            byte[] transactionId) {
        StunMessageBuilder builder = new StunMessageBuilder(Stun.BINDING_REQUEST, transactionId)
                .attribute(Stun.ATTR_USERNAME, credentials.token()).mediaType(mediaType);
        nonce.ifPresent(n -> builder.attribute(Stun.ATTR_NONCE, n));
        return builder.build(credentials.integrityKey(), true);
    }

    /** Relay, step 2: the return-routability challenge (401, or 438 when the echoed nonce had gone stale). */
    public static byte[] challenge(StunMessage request, int errorCode, String nonce, byte[] integrityKey) {
        return new StunMessageBuilder(Stun.BINDING_ERROR, request.transactionId())
                .errorCode(errorCode, errorCode == Stun.ERROR_STALE_NONCE ? "Stale Nonce" : "Unauthenticated")
                .attribute(Stun.ATTR_NONCE, nonce).build(integrityKey, true);
    }

    /** Relay, step 4: bound; tells the client the address the relay sees it at. */
    public static byte[] success(StunMessage request, InetSocketAddress mapped, byte[] integrityKey) {
        return new StunMessageBuilder(Stun.BINDING_SUCCESS, request.transactionId()).xorMappedAddress(mapped)
                .build(integrityKey, true);
    }

    /** Relay: an RFC 7675 consent check to a bound UDP address; the fresh random id is what the answer must echo. */
    public static byte[] consentRequest(byte[] transactionId, byte[] integrityKey) {
        return new StunMessageBuilder(Stun.BINDING_REQUEST, transactionId).build(integrityKey, true);
    }

    /** Client: the answer to a consent check, after verifying its integrity with the same password. */
    public static byte[] consentResponse(StunMessage consentRequest, InetSocketAddress relayAddress,
            byte[] integrityKey) {
        return new StunMessageBuilder(Stun.BINDING_SUCCESS, consentRequest.transactionId())
                .xorMappedAddress(relayAddress).build(integrityKey, true);
    }
}
