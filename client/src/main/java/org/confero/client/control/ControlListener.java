package org.confero.client.control;

import jakarta.json.JsonObject;

/**
 * Receives the control channel's messages ({@code roster}, {@code chat}, {@code admitted}, {@code removed},
 * {@code ended}, …) and its connection state. Messages that carry media credentials arrive without their {@code media}
 * member: the session keeps the credentials ({@link ControlSession#mediaGrant()}). Called on the HTTP client's threads,
 * one call at a time per session; keep the work short.
 */
public interface ControlListener {

    void onMessage(JsonObject message);

    /** The connection dropped; the session is trying to resume. */
    default void onConnectionLost(String reason) {
    }

    default void onResumed() {
    }

    /** Resuming failed within the server's grace period; the session is over. */
    default void onGaveUp(String reason) {
    }
}
