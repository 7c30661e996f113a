package org.confero.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class ChatTicketSignerTest {

    private final byte[] key = new byte[32];
    private final ChatTicketSigner signer = new ChatTicketSigner(key);
    private final Instant now = Instant.parse("2026-11-21T10:00:00Z");

    @Test
    void aTicketNamesItsUserUntilItExpires() {
        String ticket = signer.sign("ann", now.plusSeconds(60));
        assertThat(signer.verify(ticket, now)).contains("ann");
        assertThat(signer.verify(ticket, now.plusSeconds(60))).isEmpty();
    }

    @Test
    void anotherKeyOrAChangedPayloadIsRefused() {
        String ticket = signer.sign("ann", now.plusSeconds(60));
        byte[] other = new byte[32];
        Arrays.fill(other, (byte) 1);
        assertThat(new ChatTicketSigner(other).verify(ticket, now)).isEmpty();
        String forged = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("chat-v1|admin|" + now.plusSeconds(60).toEpochMilli() + "|00").getBytes())
                + ticket.substring(ticket.indexOf('.'));
        assertThat(signer.verify(forged, now)).isEmpty();
    }

    @Test
    void garbageIsRefusedWithoutAnException() {
        assertThat(signer.verify(null, now)).isEmpty();
        assertThat(signer.verify("", now)).isEmpty();
        assertThat(signer.verify("a.b.c", now)).isEmpty();
        assertThat(signer.verify("!!!.???", now)).isEmpty();
        assertThat(signer.verify("x".repeat(10_000), now)).isEmpty();
    }

    @Test
    void directRoomsOfAPairAreTheSameWhoeverOpensThem() {
        assertThat(ChatRoom.pairOf("bob", "ann")).isEqualTo(ChatRoom.pairOf("ann", "bob")).isEqualTo("ann bob");
    }
}
