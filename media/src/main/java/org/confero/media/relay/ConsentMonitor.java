package org.confero.media.relay;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.confero.protocol.media.MediaBinding;

/**
 * Consent freshness (RFC 7675) for bound UDP addresses: each gets a Binding request with a fresh random transaction id
 * about every {@code interval} (randomised 0.8-1.2 times, RFC 7675 section 5.1, so checks do not synchronise), and is
 * unbound once no valid answer has come for {@code timeout}. After that nothing more is sent to it. TCP needs none: its
 * binding dies with the connection.
 *
 * <p>
 * Runs as a periodic task on one relay event loop; a tick is a fraction of the interval so checks spread out.
 */
final class ConsentMonitor implements Runnable {

    private final EndpointRegistry registry;
    private final UdpOut out;
    private final Counters total;
    private final long intervalNanos;
    private final long timeoutNanos;
    private final SecureRandom random;
    private final String lostDetail;

    ConsentMonitor(EndpointRegistry registry, UdpOut out, Counters total, Duration interval, Duration timeout,
            SecureRandom random) {
        this.registry = registry;
        this.out = out;
        this.total = total;
        this.intervalNanos = interval.toNanos();
        this.timeoutNanos = timeout.toNanos();
        this.random = random;
        this.lostDetail = "no consent answer for " + timeout;
    }

    /** How often {@link #run} should be called. */
    static Duration tick(Duration interval, Duration timeout) {
        long millis = Math.min(interval.toMillis(), timeout.toMillis()) / 5;
        return Duration.ofMillis(Math.max(10, millis));
    }

    @Override
    public void run() {
        long now = System.nanoTime();
        for (UdpEndpoint endpoint : registry.udpEndpoints()) {
            if (!endpoint.isActive()) {
                continue;
            }
            if (now - endpoint.consentAtNanos() > timeoutNanos) {
                registry.unbind(endpoint, RelayEvent.Type.CONSENT_LOST, lostDetail);
            } else if (now - endpoint.nextCheckNanos >= 0) {
                byte[] transactionId = MediaBinding.newTransactionId(random);
                endpoint.checkSent(transactionId);
                out.sendControl(endpoint.dscpClass, MediaBinding.consentRequest(transactionId, endpoint.integrityKey),
                        endpoint.address);
                endpoint.meeting.counters.controlOut.increment();
                total.controlOut.increment();
                long jitter = (long) (intervalNanos * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()));
                endpoint.nextCheckNanos = now + jitter;
            }
        }
    }
}
