package org.confero.limits;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import org.confero.common.RateLimit;
import org.confero.common.api.DomainException;
import org.confero.common.api.ProblemType;
import org.eclipse.microprofile.config.Config;

/**
 * Per-source-address rate limits on the open endpoints of the connection process: lookups
 * ({@code confero.limits.lookups.per.minute}) and assignments ({@code confero.limits.assigns.per.minute}). Neither
 * needs an account, so without them one address could look up and assign without end (issue 18, "no limits"). The
 * address is the client's after trusted proxies; state is per server.
 */
@Singleton
@Startup // a setting below 1 fails the deployment, not the first lookup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SourceRateLimits {

    /** Past this many addresses in a minute the quietest are forgotten, so a flood of addresses cannot grow memory. */
    static final int MAX_SOURCES = 100_000;
    static final Duration WINDOW = Duration.ofMinutes(1);

    @Inject
    Config config;

    @EJB
    Refusals refusals;

    Clock clock = Clock.systemUTC();

    private final Map<Limit, RateLimit> limits = new EnumMap<>(Limit.class);
    private final Map<Limit, Integer> settings = new EnumMap<>(Limit.class);

    @PostConstruct
    void init() {
        for (Limit limit : new Limit[] { Limit.LOOKUPS, Limit.ASSIGNS }) {
            int perMinute = limit.setting(config);
            settings.put(limit, perMinute);
            limits.put(limit, new RateLimit(perMinute, WINDOW, MAX_SOURCES));
        }
    }

    /**
     * Counts one request from {@code source} under {@code limit}, or refuses it (counted):
     * {@code 429 too-many-attempts} with how long to wait.
     */
    public void acquire(Limit limit, InetAddress source) {
        RateLimit rate = limits.get(limit);
        if (rate == null) {
            throw new IllegalArgumentException(limit + " is not a per-source rate limit");
        }
        rate.acquire(source.getHostAddress(), clock.instant()).ifPresent(wait -> {
            refusals.refused(limit);
            long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
            throw new DomainException(ProblemType.TOO_MANY_ATTEMPTS,
                    "at most " + settings.get(limit) + " " + limit.meaning() + "; try again in " + seconds + " s",
                    wait);
        });
    }

    /** How many source addresses a limit remembers now (it follows the addresses active in the last minute). */
    public int sources(Limit limit) {
        return limits.get(limit).keys();
    }
}
