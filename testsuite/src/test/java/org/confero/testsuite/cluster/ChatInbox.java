package org.confero.testsuite.cluster;

import jakarta.json.JsonObject;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.confero.client.control.ControlListener;

/** A participant's control messages: the chat texts it got (with their ids) and whether it was told it moved. */
final class ChatInbox implements ControlListener {

    private final List<String> texts = new CopyOnWriteArrayList<>();
    private final List<Long> ids = new CopyOnWriteArrayList<>();
    private final long startNanos = System.nanoTime();
    private final List<Long> receivedAtNanos = new CopyOnWriteArrayList<>();

    @Override
    public void onMessage(JsonObject message) {
        if ("chat".equals(message.getString("type", ""))) {
            texts.add(message.getString("text"));
            ids.add(message.getJsonNumber("id").longValue());
            receivedAtNanos.add(System.nanoTime());
        }
    }

    List<String> texts() {
        return texts;
    }

    List<Long> ids() {
        return ids;
    }

    /** When the message with {@code text} arrived, or -1. */
    long arrivalNanos(String text) {
        int i = texts.indexOf(text);
        return i < 0 ? -1 : receivedAtNanos.get(i);
    }

    long startNanos() {
        return startNanos;
    }
}
