package org.confero.client.ws;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/** An open message channel. Sends must not overlap: callers wait for one to complete before the next. */
public interface MessageChannel {

    CompletableFuture<Void> sendText(String text);

    CompletableFuture<Void> sendBinary(ByteBuffer data);

    /** Says goodbye, then lets go, without waiting for the peer. */
    void close();

    boolean isOpen();
}
