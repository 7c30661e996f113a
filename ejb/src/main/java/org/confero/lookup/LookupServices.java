package org.confero.lookup;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.confero.protocol.join.JoinTokenSigner;
import org.confero.protocol.security.SharedKeyFile;
import org.confero.zone.geoip.GeoIpLocators;
import org.confero.zone.ranking.GeoIpLocator;
import org.confero.zone.ranking.ZoneRanker;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What the lookup needs once per server, opened at start-up: the join token signer (cluster-wide key file under the
 * data path), the Geo-IP database and the zone ranker over it, and the passcode rate limiter (per meeting and source,
 * with a per-meeting ceiling that slows guessing but never refuses a fresh source; a setting below 1 fails the
 * deployment, naming the property).
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class LookupServices {

    @Inject
    @ConfigProperty(name = "confero.data.path", defaultValue = "${jboss.server.data.dir}/confero")
    String dataPath;

    @Inject
    @ConfigProperty(name = "confero.geoip.database")
    Optional<String> geoIpDatabase;

    @Inject
    @ConfigProperty(name = "confero.passcode.max.failures.per.client", defaultValue = "5")
    int failuresPerClient;

    @Inject
    @ConfigProperty(name = "confero.passcode.max.failures.per.meeting", defaultValue = "50")
    int failuresPerMeeting;

    @Inject
    @ConfigProperty(name = "confero.passcode.window.seconds", defaultValue = "300")
    int windowSeconds;

    @Inject
    @ConfigProperty(name = "confero.network.test.lookups.per.minute", defaultValue = "30")
    int networkTestLookupsPerMinute;

    private JoinTokenSigner signer;
    private PanelistCodes panelistCodes;
    private org.confero.common.RateLimit networkTestLimit;
    private GeoIpLocator geoIp;
    private ZoneRanker ranker;
    private PasscodeAttempts attempts;

    @PostConstruct
    void open() {
        try {
            signer = new JoinTokenSigner(SharedKeyFile.loadOrCreate(Path.of(dataPath, "keys", "join-token.key")));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create the join token key under " + dataPath + ": " + e, e);
        }
        try {
            panelistCodes = new PanelistCodes(SharedKeyFile.loadOrCreate(Path.of(dataPath, "keys", "panelist.key")));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create the panelist key under " + dataPath + ": " + e, e);
        }
        geoIp = GeoIpLocators.open(geoIpDatabase, GeoIpLocators.defaultDatabase(Path.of(dataPath)));
        ranker = new ZoneRanker(geoIp);
        networkTestLimit = new org.confero.common.RateLimit(networkTestLookupsPerMinute, Duration.ofMinutes(1),
                100_000);
        if (failuresPerClient < 1 || failuresPerMeeting < 1 || windowSeconds < 1) {
            throw new IllegalStateException("confero.passcode.max.failures.per.client, .per.meeting and"
                    + " confero.passcode.window.seconds must be at least 1");
        }
        attempts = new PasscodeAttempts(failuresPerClient, failuresPerMeeting, Duration.ofSeconds(windowSeconds),
                Clock.systemUTC());
    }

    @PreDestroy
    void close() {
        if (geoIp != null) {
            try {
                geoIp.close();
            } catch (Exception e) {
                // Undeploying: nothing to do about a database file that would not close.
            }
        }
    }

    /** Issue 23: webinars' panelist codes. */
    public PanelistCodes panelistCodes() {
        return panelistCodes;
    }

    /** Network-test lookups per client address. */
    public org.confero.common.RateLimit networkTestLimit() {
        return networkTestLimit;
    }

    public JoinTokenSigner signer() {
        return signer;
    }

    public ZoneRanker ranker() {
        return ranker;
    }

    public PasscodeAttempts attempts() {
        return attempts;
    }

    /** Which Geo-IP database ranks clients (or why none does), for operators. */
    public String geoIpDescription() {
        return geoIp.describe();
    }
}
