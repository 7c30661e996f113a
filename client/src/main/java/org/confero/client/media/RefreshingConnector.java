package org.confero.client.media;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.confero.protocol.media.MediaCredentials;
import org.confero.protocol.media.MediaType;
import org.confero.protocol.rest.AssignmentView.MediaEndpoints;

/**
 * Connects a meeting's media types with the credentials of the control channel ({@link MediaGrantSource}) rather than
 * with credentials it is handed: it asks for fresh ones instead of failing when those held have expired — before the
 * binding, since a relay drops an expired UDP or TCP binding silently, which would cost every transport's timeout — or
 * when the relay refused them ({@link CredentialsRefusedException}), then binds once more, starting at the transport
 * that reached the relay.
 */
public final class RefreshingConnector {

    /**
     * Credentials this close to their expiry are replaced before a binding: the expiry is on the router's clock, which
     * may run ahead of ours, and a binding over UDP, then TCP, then WebSocket can take ten seconds.
     */
    static final Duration EXPIRY_MARGIN = Duration.ofSeconds(30);

    private final MediaConnector connector;
    private final Clock clock;

    public RefreshingConnector(MediaConnector connector) {
        this(connector, Clock.systemUTC());
    }

    RefreshingConnector(MediaConnector connector, Clock clock) {
        this.connector = connector;
        this.clock = clock;
    }

    /**
     * Binds {@code type} over {@code plan}. An outcome without attempts means the router offered no credentials for
     * this media type (or gave none when asked).
     */
    public MediaOutcome connect(List<Transport> plan, MediaEndpoints endpoints, MediaType type, MediaGrantSource grants)
            throws InterruptedException {
        Optional<MediaCredentials> credentials = usable(grants).flatMap(g -> g.credentials(type));
        if (credentials.isEmpty()) {
            return new MediaOutcome(type, Optional.empty(), List.of());
        }
        MediaOutcome first = connector.connect(plan, endpoints, credentials.get(), type);
        if (!first.credentialsRefused()) {
            return first;
        }
        Optional<MediaCredentials> fresh = refreshed(grants).flatMap(g -> g.credentials(type));
        if (fresh.isEmpty()) {
            return first;
        }
        Transport reached = first.refusedOn().orElseThrow();
        MediaOutcome second = connector.connect(plan.subList(plan.indexOf(reached), plan.size()), endpoints,
                fresh.get(), type);
        List<MediaAttempt> attempts = new ArrayList<>(first.attempts());
        attempts.addAll(second.attempts());
        return new MediaOutcome(type, second.connection(), attempts);
    }

    /** The grant held, unless it is missing or about to expire: then a fresh one, or the old one if none comes. */
    private Optional<MediaGrant> usable(MediaGrantSource grants) throws InterruptedException {
        Optional<MediaGrant> held = grants.mediaGrant();
        if (held.isPresent() && !held.get().expiresWithin(EXPIRY_MARGIN, clock.instant())) {
            return held;
        }
        // Expired on our clock is not necessarily expired on the router's: the old grant is still worth a try.
        return refreshed(grants).or(() -> held);
    }

    private static Optional<MediaGrant> refreshed(MediaGrantSource grants) throws InterruptedException {
        try {
            return Optional.of(grants.refreshMediaGrant());
        } catch (IOException e) {
            // Refused (no longer in the meeting) or no answer in time: the caller reports the media type as not bound.
            return Optional.empty();
        }
    }
}
