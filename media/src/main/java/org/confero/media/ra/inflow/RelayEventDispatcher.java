package org.confero.media.ra.inflow;

import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.confero.media.api.RelayEvent;
import org.confero.media.api.RelayEventListener;
import org.confero.media.relay.RelayListener;
import org.jboss.logging.Logger;

/**
 * Hands relay events to the activated message endpoints. The relay calls {@link #onEvent} on its I/O threads, which
 * must never block, so each delivery is scheduled as a {@link Work} on the adapter's work manager; when the work
 * manager's queue is full the event is dropped and counted rather than stalling media.
 */
public final class RelayEventDispatcher implements RelayListener {

    private static final Logger LOG = Logger.getLogger(RelayEventDispatcher.class);

    private final WorkManager workManager;
    private final Function<org.confero.media.relay.RelayEvent, RelayEvent> view;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final AtomicLong rejected = new AtomicLong();

    public RelayEventDispatcher(WorkManager workManager, Clock clock) {
        this.workManager = workManager;
        this.view = event -> org.confero.media.ra.RelayEventViews.of(event, clock.instant());
    }

    public void activate(MessageEndpointFactory factory, RelayActivationSpec spec) {
        subscriptions.add(new Subscription(factory, spec, spec.kindSet()));
    }

    public void deactivate(MessageEndpointFactory factory, RelayActivationSpec spec) {
        subscriptions.removeIf(subscription -> subscription.factory == factory && subscription.spec == spec);
    }

    public void deactivateAll() {
        subscriptions.clear();
    }

    /** Events that could not be delivered because the work manager refused the delivery. */
    public long rejectedDeliveries() {
        return rejected.get();
    }

    @Override
    public void onEvent(org.confero.media.relay.RelayEvent event) {
        if (subscriptions.isEmpty()) {
            return;
        }
        RelayEvent published = view.apply(event);
        for (Subscription subscription : subscriptions) {
            if (subscription.kinds.contains(published.kind())) {
                try {
                    workManager.scheduleWork(new Delivery(subscription.factory, published));
                } catch (WorkException e) {
                    long count = rejected.incrementAndGet();
                    if (count == 1 || count % 1000 == 0) {
                        LOG.warnf("Relay event deliveries refused by the work manager: %d so far (%s)", count,
                                e.getMessage());
                    }
                }
            }
        }
    }

    private record Subscription(MessageEndpointFactory factory, RelayActivationSpec spec, Set<RelayEvent.Kind> kinds) {
    }

    private record Delivery(MessageEndpointFactory factory, RelayEvent event) implements Work {

        @Override
        public void run() {
            MessageEndpoint endpoint;
            try {
                endpoint = factory.createEndpoint(null);
            } catch (UnavailableException e) {
                LOG.warnf("Relay event %s for %s/%s not delivered: endpoint unavailable (%s)", event.kind(),
                        event.meetingId(), event.participantId(), e.getMessage());
                return;
            }
            try {
                ((RelayEventListener) endpoint).onRelayEvent(event);
            } catch (RuntimeException e) {
                LOG.warnf("A relay event listener failed on %s for %s/%s: %s", event.kind(), event.meetingId(),
                        event.participantId(), e.toString());
            } finally {
                endpoint.release();
            }
        }

        @Override
        public void release() {
            // A delivery is one short call; nothing to interrupt.
        }
    }
}
