package org.confero.messaging;

import java.util.Set;

/** Hands a chat event (JSON) to this server's connections of the given users; the web tier implements it. */
@FunctionalInterface
public interface ChatDelivery {

    void deliver(Set<String> recipients, String json);
}
