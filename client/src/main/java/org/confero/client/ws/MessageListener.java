package org.confero.client.ws;

/** Receives a channel's whole messages, one call at a time. */
public interface MessageListener {

    void onText(String text);

    default void onBinary(byte[] data) {
    }

    /** The peer or the path closed the channel; nothing more arrives. */
    void onClose(int code, String reason);

    default void onError(Throwable error) {
        onClose(1006, String.valueOf(error.getMessage()));
    }
}
