package org.confero.media.relay;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.confero.protocol.media.MediaBinding;
import org.confero.protocol.media.MediaToken;
import org.confero.protocol.media.MediaTokenSigner;
import org.confero.protocol.media.Stun;
import org.confero.protocol.media.StunMessage;

/**
 * The STUN side of the relay: the binding handshake (token, MESSAGE-INTEGRITY, return routability) and consent answers.
 * The handshake is documented for clients in {@code org.confero.protocol.media}'s package documentation.
 *
 * <p>
 * Invariants: nothing is sent to a path that is not bound unless the request was authenticated (token and integrity)
 * and the answer is no larger than the request (no amplification); a path is bound only after echoing a nonce that was
 * sent to it, so a spoofed source address can never be bound. STUN is control traffic, not the per-packet media path,
 * so this class may allocate.
 */
final class BindingService {

    private final MediaTokenSigner signer;
    private final EndpointRegistry registry;
    private final ReturnRoutability nonces;
    private final DscpClasses dscp;
    private final Counters total;
    private final Clock clock;
    private final Duration maxTokenLifetime;

    BindingService(MediaTokenSigner signer, EndpointRegistry registry, ReturnRoutability nonces, DscpClasses dscp,
            Counters total, Clock clock, Duration maxTokenLifetime) {
        this.signer = signer;
        this.registry = registry;
        this.nonces = nonces;
        this.dscp = dscp;
        this.total = total;
        this.clock = clock;
        this.maxTokenLifetime = maxTokenLifetime;
    }

    /** Header check straight on the buffer so that junk in the STUN range is refused without copying it. */
    static boolean looksLikeStun(ByteBuf packet) {
        int at = packet.readerIndex();
        int length = packet.readableBytes();
        return length >= Stun.HEADER_BYTES && (length & 3) == 0 && (packet.getByte(at) & 0xC0) == 0
                && packet.getUnsignedShort(at + 2) == length - Stun.HEADER_BYTES
                && packet.getInt(at + 4) == Stun.MAGIC_COOKIE;
    }

    /** A packet in the STUN range; accounts for it exactly once (control in, or one inbound drop). */
    void onStun(MediaPath path, ByteBuf packet) {
        int length = packet.readableBytes();
        if (!looksLikeStun(packet)) {
            drop(null, DropReason.MALFORMED_STUN, length);
            return;
        }
        byte[] bytes = new byte[length];
        packet.getBytes(packet.readerIndex(), bytes);
        Optional<StunMessage> parsed = StunMessage.parse(bytes, 0, length);
        if (parsed.isEmpty() || parsed.get().hasFingerprint() && !parsed.get().verifyFingerprint()) {
            drop(null, DropReason.MALFORMED_STUN, length);
            return;
        }
        StunMessage message = parsed.get();
        switch (message.type()) {
        case Stun.BINDING_REQUEST -> onBindingRequest(path, message);
        case Stun.BINDING_SUCCESS -> onConsentAnswer(path, message);
        default -> drop(null, DropReason.UNEXPECTED_STUN, length);
        }
    }

    private void onBindingRequest(MediaPath path, StunMessage request) {
        if (answeredProbe(path, request)) {
            return;
        }
        int length = request.size();
        Optional<String> username = request.stringAttribute(Stun.ATTR_USERNAME);
        if (username.isEmpty()) {
            drop(null, DropReason.BAD_TOKEN, length);
            return;
        }
        String tokenText = username.get();
        MediaTokenSigner.Verification verification = signer.verify(tokenText, clock.instant());
        if (!verification.isValid()) {
            drop(null, verification.status() == MediaTokenSigner.Status.EXPIRED ? DropReason.EXPIRED_TOKEN
                    : DropReason.BAD_TOKEN, length);
            return;
        }
        MediaToken token = verification.token().orElseThrow();
        if (Duration.between(token.issuedAt(), token.expiresAt()).compareTo(maxTokenLifetime) > 0) {
            // The relay forgets revocations and closes after the longest lifetime: a longer-lived token could outlast
            // the memory of its own revocation.
            drop(null, DropReason.BAD_TOKEN, length);
            return;
        }
        if (!request.mediaType().equals(Optional.of(token.mediaType()))) {
            drop(null, DropReason.WRONG_MEDIA_TYPE, length);
            return;
        }
        byte[] key = signer.stunPassword(tokenText).getBytes(StandardCharsets.UTF_8);
        if (!request.verifyIntegrity(key)) {
            drop(null, DropReason.BAD_INTEGRITY, length);
            return;
        }
        Optional<Meeting> found = registry.meeting(token.meetingId());
        if (found.isEmpty()) {
            drop(null, registry.wasClosed(token.meetingId()) ? DropReason.MEETING_CLOSED : DropReason.UNKNOWN_MEETING,
                    length);
            return;
        }
        Meeting meeting = found.get();
        meeting.counters.received(length);
        Optional<DropReason> refusal = meeting.refusal(token.participantId(), token.issuedAt().toEpochMilli());
        if (refusal.isPresent()) {
            drop(meeting, refusal.get(), length);
            return;
        }
        int dscpClass = dscp.classOf(token.mediaType());
        Optional<Endpoint> bound = path.bound();
        if (bound.isPresent() && bound.get().meeting == meeting
                && bound.get().participantId.equals(token.participantId()) && bound.get().mediaType == token.mediaType()
                && bound.get().receiveOnly == token.receiveOnly()) {
            // Keep-alive. Credentials with other rights (issue 23: promoted or demoted) make a new binding instead.
            reply(meeting, path, MediaBinding.success(request, path.remote(), key), dscpClass);
            return;
        }
        if (bound.isPresent() && path.transport() == TransportKind.TCP) {
            // One TCP connection carries one identity for its whole life.
            drop(meeting, DropReason.UNEXPECTED_STUN, length);
            return;
        }
        long now = clock.millis();
        Optional<String> nonce = request.stringAttribute(Stun.ATTR_NONCE);
        if (nonce.isEmpty()) {
            challenge(meeting, path, request, Stun.ERROR_UNAUTHENTICATED, tokenText, key, dscpClass, now);
            return;
        }
        switch (nonces.check(nonce.get(), path, tokenText, now)) {
        case INVALID -> drop(meeting, DropReason.BAD_NONCE, length);
        case STALE -> challenge(meeting, path, request, Stun.ERROR_STALE_NONCE, tokenText, key, dscpClass, now);
        case VALID -> bind(meeting, path, request, token, key, dscpClass);
        }
    }

    /**
     * Issue 22: a binding request on a bound path that carries that binding's own MESSAGE-INTEGRITY is the client
     * timing the round trip of this media path (and keeping NATs open). Answered with a success on the binding's key
     * for as long as the binding lasts, even after the token it bound with expired (the binding outlives its token; the
     * probe proves nothing new and creates nothing). One HMAC on a path that is bound already, an answer no larger than
     * the request: no amplification, and no state. Anything else goes the usual way.
     */
    private boolean answeredProbe(MediaPath path, StunMessage request) {
        Optional<Endpoint> bound = path.bound();
        if (bound.isEmpty() || !bound.get().isActive()) {
            return false;
        }
        Endpoint endpoint = bound.get();
        byte[] key = endpoint.integrityKey();
        if (key == null || !request.verifyIntegrity(key)) {
            return false;
        }
        byte[] answer = MediaBinding.success(request, path.remote(), key);
        endpoint.meeting.counters.received(request.size());
        if (answer.length > request.size()) {
            drop(endpoint.meeting, DropReason.AMPLIFICATION, request.size());
            return true;
        }
        reply(endpoint.meeting, path, answer, dscp.classOf(endpoint.mediaType));
        return true;
    }

    private void challenge(Meeting meeting, MediaPath path, StunMessage request, int code, String tokenText, byte[] key,
            int dscpClass, long now) {
        byte[] answer = MediaBinding.challenge(request, code, nonces.issue(path, tokenText, now), key);
        // Return routability is not proven yet: never answer with more bytes than we were sent (RFC 8489 section
        // 16.1 style amplification defence; a short token would make the challenge the larger one).
        if (answer.length > request.size()) {
            drop(meeting, DropReason.AMPLIFICATION, request.size());
            return;
        }
        reply(meeting, path, answer, dscpClass);
    }

    private void bind(Meeting meeting, MediaPath path, StunMessage request, MediaToken token, byte[] key,
            int dscpClass) {
        Endpoint endpoint = path.newEndpoint(meeting, token, key, dscpClass, System.nanoTime());
        endpoint.receiveOnly = token.receiveOnly();
        Optional<DropReason> refusal = registry.bind(endpoint, token.issuedAt().toEpochMilli(), clock.millis());
        if (refusal.isPresent()) {
            drop(meeting, refusal.get(), request.size());
            return;
        }
        path.bound(endpoint);
        reply(meeting, path, MediaBinding.success(request, path.remote(), key), dscpClass);
    }

    private void onConsentAnswer(MediaPath path, StunMessage answer) {
        Optional<Endpoint> bound = path.bound();
        if (bound.isPresent() && bound.get() instanceof UdpEndpoint endpoint
                && endpoint.acceptConsent(answer, System.nanoTime())) {
            endpoint.meeting.counters.received(answer.size());
            endpoint.meeting.counters.controlIn.increment();
            total.controlIn.increment();
            return;
        }
        drop(null, DropReason.UNEXPECTED_STUN, answer.size());
    }

    private void reply(Meeting meeting, MediaPath path, byte[] answer, int dscpClass) {
        path.send(answer, dscpClass);
        meeting.counters.controlIn.increment();
        meeting.counters.controlOut.increment();
        total.controlIn.increment();
        total.controlOut.increment();
    }

    /** {@code meeting} is null when the packet cannot be attributed to one (it then counts in the totals only). */
    private void drop(Meeting meeting, DropReason reason, int length) {
        if (meeting != null) {
            meeting.counters.dropped(reason, 1, length);
        }
        total.dropped(reason, 1, length);
    }
}
