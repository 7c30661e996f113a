package org.confero.client.fakes;

import jakarta.json.JsonObject;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.confero.client.control.ControlListener;

/** Remembers what a control session told its application, in order. */
public final class RecordingControlListener implements ControlListener {

    private final List<JsonObject> messages = new CopyOnWriteArrayList<>();
    private final List<String> states = new CopyOnWriteArrayList<>();

    @Override
    public void onMessage(JsonObject message) {
        messages.add(message);
    }

    @Override
    public void onConnectionLost(String reason) {
        states.add("lost");
    }

    @Override
    public void onResumed() {
        states.add("resumed");
    }

    @Override
    public void onGaveUp(String reason) {
        states.add("gave-up");
    }

    /** Every message delivered, in order. */
    public List<JsonObject> messages() {
        return List.copyOf(messages);
    }

    /** The texts of the chat messages delivered, in order. */
    public List<String> chatTexts() {
        return messages.stream().filter(m -> "chat".equals(m.getString("type", ""))).map(m -> m.getString("text"))
                .toList();
    }

    /** {@code lost}, {@code resumed}, {@code gave-up} as they happened. */
    public List<String> states() {
        return List.copyOf(states);
    }
}
