package org.confero.client.control;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

class ChatLedgerTest {

    private static JsonObject chat(long id) {
        return Json.createObjectBuilder().add("type", "chat").add("id", id).add("text", "m" + id).build();
    }

    @Test
    void aMessageFromAnotherRouterThatArrivesAfterALaterOneIsStillDelivered() {
        ChatLedger ledger = new ChatLedger();
        assertThat(ledger.firstDelivery(chat(7))).isTrue();
        assertThat(ledger.firstDelivery(chat(5))).as("written earlier on another router, arriving later").isTrue();
        assertThat(ledger.firstDelivery(chat(5))).as("the replay of it").isFalse();
        assertThat(ledger.firstDelivery(chat(7))).isFalse();
        assertThat(ledger.lastId()).hasValue(7);
    }

    @Test
    void chatWithoutAnIdIsAlwaysNew() {
        ChatLedger ledger = new ChatLedger();
        JsonObject old = Json.createObjectBuilder().add("type", "chat").add("text", "hi").build();
        assertThat(ledger.firstDelivery(old)).isTrue();
        assertThat(ledger.firstDelivery(old)).isTrue();
        assertThat(ledger.lastId()).isEmpty();
    }
}
