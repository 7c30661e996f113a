/**
 * Wire formats of Confero media connections, shared by the relay and the client library: media tokens, the STUN codec
 * (RFC 8489), RFC 4571 framing and RFC 7983 demultiplexing.
 *
 * <h2>Binding handshake</h2> A client opens one media connection per {@link org.confero.protocol.media.MediaType} (UDP
 * 8801, else TCP 8801 with every message RFC 4571-framed) holding {@link org.confero.protocol.media.MediaCredentials}:
 * a token and a STUN password. {@code key} below is the UTF-8 bytes of the password; every message has
 * MESSAGE-INTEGRITY (HMAC-SHA1 with {@code key}) then FINGERPRINT.
 * <ol>
 * <li>Client to relay: Binding request, USERNAME = token, MEDIA-TYPE (0xC0F1) = the connection's media type code.</li>
 * <li>Relay to client: Binding error response 401 with a NONCE, no larger than the request (the relay never sends more
 * to an unproven address than it received from it). The nonce is a MAC over the client's transport address and token
 * under a secret of the relay: only a client that receives at that address learns it.</li>
 * <li>Client to relay: the same Binding request with a fresh transaction id plus NONCE = the nonce received. If the
 * answer is 438 (Stale Nonce) the client repeats this step with the new nonce.</li>
 * <li>Relay to client: Binding success response with XOR-MAPPED-ADDRESS. From here media flows both ways.</li>
 * </ol>
 * A bound client may repeat step 1 at any time (keep-alive); the relay answers with success. After a NAT rebinding (new
 * source address) the relay treats the address as new: steps 1 to 4 again.
 *
 * <h2>Consent freshness (RFC 7675), UDP only</h2> The relay sends bound UDP addresses a Binding request with a random
 * transaction id, MESSAGE-INTEGRITY and FINGERPRINT every few seconds; the client verifies the integrity and answers a
 * Binding success response with the same transaction id (see
 * {@link org.confero.protocol.media.MediaBinding#consentResponse}). Without a valid answer for the consent timeout (30
 * s by default) the relay unbinds the address and sends nothing more to it.
 */
package org.confero.protocol.media;
