package org.confero.protocol.rest;

import java.util.List;

/**
 * Sends a message: {@code text} (up to 4000 characters; may be empty when files are attached) and the ids of
 * attachments uploaded into the same room beforehand (at most 10, each attached once).
 */
public record ChatMessageRequest(String text, List<String> attachments) {
}
