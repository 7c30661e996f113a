package org.confero.nettest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;

import org.confero.common.RateLimit;
import org.confero.common.api.DomainException;
import org.confero.common.api.ProblemType;
import org.confero.protocol.rest.AssignmentView;
import org.confero.router.ZoneController;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Throwaway test meetings for the network test ({@code POST /api/v1/zc/network-test}). Open to anyone, so bounded: per
 * client address ({@code confero.network.test.per.minute}) and per server at once
 * ({@code confero.network.test.max.concurrent}). Each lives {@code confero.network.test.seconds}: its placement expires
 * from the replicated cache and the router closes it on its relay — no timer, no state to lose.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class NetworkTests {

    @EJB
    private ZoneController controller;

    @Inject
    @ConfigProperty(name = "confero.network.test.per.minute", defaultValue = "10")
    int perMinute;

    @Inject
    @ConfigProperty(name = "confero.network.test.max.concurrent", defaultValue = "50")
    int maxConcurrent;

    @Inject
    @ConfigProperty(name = "confero.network.test.seconds", defaultValue = "120")
    int lifetimeSeconds;

    private final Clock clock = Clock.systemUTC();
    private final Map<String, Instant> running = new ConcurrentHashMap<>();
    private final java.security.SecureRandom random = new java.security.SecureRandom();
    private RateLimit limit;

    @PostConstruct
    void init() {
        limit = new RateLimit(perMinute, Duration.ofMinutes(1), 100_000);
    }

    /** A router of this zone and credentials for a new test meeting, for a client at {@code clientAddress}. */
    public AssignmentView start(String clientAddress) {
        Instant now = clock.instant();
        limit.acquire(clientAddress, now).ifPresent(wait -> {
            throw new DomainException(ProblemType.TOO_MANY_ATTEMPTS,
                    "at most " + perMinute + " network tests a minute from one address", wait);
        });
        forgetFinished(now);
        if (running.size() >= maxConcurrent) {
            throw new DomainException(ProblemType.UNAVAILABLE,
                    "this server runs " + maxConcurrent + " network tests already; try again shortly",
                    Duration.ofSeconds(lifetimeSeconds / 4 + 1));
        }
        String meeting = "nt-" + hex(8);
        Duration lifetime = Duration.ofSeconds(lifetimeSeconds);
        running.put(meeting, now.plus(lifetime));
        return controller.assignTest(meeting, "p-" + hex(8), lifetime);
    }

    private void forgetFinished(Instant now) {
        for (Iterator<Instant> it = running.values().iterator(); it.hasNext();) {
            if (!it.next().isAfter(now)) {
                it.remove();
            }
        }
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
