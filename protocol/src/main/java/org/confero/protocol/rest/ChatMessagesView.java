package org.confero.protocol.rest;

import java.util.List;

/**
 * A slice of a room's history, oldest first; {@code more} says whether the room has further messages in the direction
 * asked for ({@code before}: older ones, {@code after}: newer ones).
 */
public record ChatMessagesView(List<ChatMessageView> items, boolean more) {

    public ChatMessagesView {
        items = List.copyOf(items);
    }
}
