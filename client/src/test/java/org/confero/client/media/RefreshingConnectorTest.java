package org.confero.client.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.confero.client.fakes.FakeMediaConnection;
import org.confero.protocol.media.MediaCredentials;
import org.confero.protocol.media.MediaType;
import org.confero.protocol.rest.AssignmentView.MediaEndpoints;
import org.junit.jupiter.api.Test;

/**
 * Credentials from the control channel: fresh ones instead of a failure when they expired or the relay refused them.
 */
class RefreshingConnectorTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private static final MediaEndpoints ENDPOINTS = new MediaEndpoints("relay", 8801, 8801, "wss://relay/media");
    private static final List<Transport> PLAN = List.of(Transport.UDP, Transport.TCP, Transport.WEBSOCKET);

    private final List<String> dialled = new CopyOnWriteArrayList<>();
    /** Tokens the fake relay refuses explicitly; any other binds (over TCP and WebSocket). */
    private final Set<String> refused = new java.util.HashSet<>();

    @Test
    void credentialsThatStillHoldAreUsedAsTheyAre() throws Exception {
        Grants grants = new Grants(grant("old", NOW.plusSeconds(600)));

        MediaOutcome outcome = connector().connect(PLAN, ENDPOINTS, MediaType.AUDIO, grants);

        assertThat(outcome.connection()).isPresent();
        assertThat(dialled).containsExactly("TCP old");
        assertThat(grants.refreshes).isZero();
    }

    @Test
    void expiredCredentialsAreReplacedBeforeTheBindingInsteadOfTimingOut() throws Exception {
        Grants grants = new Grants(grant("old", NOW.plusSeconds(10)), grant("fresh", NOW.plusSeconds(600)));

        MediaOutcome outcome = connector().connect(PLAN, ENDPOINTS, MediaType.AUDIO, grants);

        assertThat(grants.refreshes).isEqualTo(1);
        assertThat(dialled).containsExactly("TCP fresh");
        assertThat(outcome.connection()).isPresent();
    }

    @Test
    void refusedCredentialsAreReplacedOnceAndTheBindingRetriedWhereTheRelayAnswered() throws Exception {
        refused.add("old");
        Grants grants = new Grants(grant("old", NOW.plusSeconds(600)), grant("fresh", NOW.plusSeconds(600)));

        MediaOutcome outcome = connector().connect(PLAN, ENDPOINTS, MediaType.AUDIO, grants);

        // UDP is silent either way: not worth its timeout a second time. WebSocket was never needed.
        assertThat(dialled).containsExactly("TCP old", "TCP fresh");
        assertThat(outcome.connection()).map(MediaConnection::transport).hasValue(Transport.TCP);
        assertThat(outcome.attempts()).extracting(MediaAttempt::transport, MediaAttempt::credentialsRefused)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Transport.UDP, false),
                        org.assertj.core.groups.Tuple.tuple(Transport.TCP, true),
                        org.assertj.core.groups.Tuple.tuple(Transport.TCP, false));
    }

    @Test
    void freshCredentialsRefusedTooAreNotAskedForAgain() throws Exception {
        refused.addAll(List.of("old", "fresh"));
        Grants grants = new Grants(grant("old", NOW.plusSeconds(600)), grant("fresh", NOW.plusSeconds(600)));

        MediaOutcome outcome = connector().connect(PLAN, ENDPOINTS, MediaType.AUDIO, grants);

        assertThat(grants.refreshes).isEqualTo(1);
        assertThat(outcome.connection()).isEmpty();
        assertThat(outcome.credentialsRefused()).isTrue();
    }

    @Test
    void withoutCredentialsAndNoneToBeHadNothingIsDialled() throws Exception {
        Grants grants = new Grants();

        MediaOutcome outcome = connector().connect(PLAN, ENDPOINTS, MediaType.AUDIO, grants);

        assertThat(grants.refreshes).isEqualTo(1);
        assertThat(dialled).isEmpty();
        assertThat(outcome.connection()).isEmpty();
        assertThat(outcome.attempts()).isEmpty();
    }

    @Test
    void aMediaTypeTheRouterDoesNotOfferIsNotDialled() throws Exception {
        Grants grants = new Grants(grant("old", NOW.plusSeconds(600)));

        MediaOutcome outcome = connector().connect(PLAN, ENDPOINTS, MediaType.CONTENT, grants);

        assertThat(outcome.attempts()).isEmpty();
        assertThat(dialled).isEmpty();
    }

    private RefreshingConnector connector() {
        return new RefreshingConnector(
                new MediaConnector(Map.of(Transport.UDP, dialer(Transport.UDP), Transport.TCP, dialer(Transport.TCP),
                        Transport.WEBSOCKET, dialer(Transport.WEBSOCKET)), t -> Duration.ofSeconds(1)),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** UDP is blocked (silence, as a firewall or a relay dropping expired credentials); TCP and WebSocket answer. */
    private MediaDialer dialer(Transport transport) {
        return (endpoints, credentials, type, timeout, attempt) -> {
            if (transport == Transport.UDP) {
                throw new SocketTimeoutException("no binding answer in time");
            }
            dialled.add(transport + " " + credentials.token());
            if (refused.contains(credentials.token())) {
                throw new CredentialsRefusedException("binding refused: credentials not accepted");
            }
            return new FakeMediaConnection(transport, type.name());
        };
    }

    /** Audio and video, not content. */
    private static MediaGrant grant(String token, Instant expires) {
        return new MediaGrant(Map.of(MediaType.AUDIO, new MediaCredentials(token, "pw"), MediaType.VIDEO,
                new MediaCredentials(token, "pw")), Optional.of(expires));
    }

    /** Holds the first grant; each refresh hands out the next, or fails when there is none. */
    private static final class Grants implements MediaGrantSource {
        private final Deque<MediaGrant> next = new ArrayDeque<>();
        private MediaGrant held;
        int refreshes;

        Grants(MediaGrant... grants) {
            next.addAll(List.of(grants));
            held = next.poll();
        }

        @Override
        public Optional<MediaGrant> mediaGrant() {
            return Optional.ofNullable(held);
        }

        @Override
        public MediaGrant refreshMediaGrant() throws IOException {
            refreshes++;
            if (next.isEmpty()) {
                throw new IOException("the router refused media credentials");
            }
            held = next.poll();
            return held;
        }
    }
}
