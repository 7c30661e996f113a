package org.confero.media.api;

/**
 * The message listener interface of the relay's inbound side: a message-driven bean that implements it receives every
 * {@link RelayEvent} of this server's relay. Delivery runs on the relay's work manager, one event per call, in no
 * guaranteed order across participants.
 *
 * <pre>
 * &#64;MessageDriven
 * &#64;ResourceAdapter("confero-media")
 * public class MyObserver implements RelayEventListener { ... }
 * </pre>
 */
public interface RelayEventListener {

    void onRelayEvent(RelayEvent event);
}
