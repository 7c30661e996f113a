package org.confero.media.relay;

/**
 * Receives the relay's events. Called on relay I/O threads (or the thread that called the facade), so it must return
 * quickly and never block: the JCA layer hands each event to its WorkManager for delivery to message endpoints.
 */
@FunctionalInterface
public interface RelayListener {

    RelayListener NONE = event -> {
    };

    void onEvent(RelayEvent event);
}
