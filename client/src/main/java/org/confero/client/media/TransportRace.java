package org.confero.client.media;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.confero.protocol.media.MediaType;
import org.confero.protocol.rest.AssignmentView.MediaEndpoints;
import org.confero.protocol.media.MediaCredentials;

/**
 * Connects one media type by racing the planned transports instead of walking them (the "happy eyeballs" of RFC 8305,
 * applied to media transports). The first transport starts at once; each next one starts a head start later, or at once
 * when every attempt under way has failed. The first to bind carries the media and the others are cancelled: their
 * sockets closed, a late binding closed as soon as it completes.
 * <p>
 * Preference survives the race: a transport whose relay has {@linkplain DialAttempt#answered answered} is waiting on a
 * working path, so no slower transport is started while it finishes. On an open network UDP answers within one round
 * trip, long before the head start, and TCP or WebSocket never start; behind a firewall that drops UDP silently, TCP
 * starts after the head start instead of after UDP's whole timeout.
 */
final class TransportRace {

    private final Map<Transport, MediaDialer> dialers;
    private final Function<Transport, Duration> timeouts;
    private final Duration headStart;

    TransportRace(Map<Transport, MediaDialer> dialers, Function<Transport, Duration> timeouts, Duration headStart) {
        this.dialers = Map.copyOf(dialers);
        this.timeouts = timeouts;
        this.headStart = headStart;
    }

    MediaOutcome run(List<Transport> plan, MediaEndpoints endpoints, MediaCredentials credentials, MediaType type)
            throws InterruptedException {
        List<Transport> usable = plan.stream().filter(dialers::containsKey).distinct().toList();
        return new Race(usable, endpoints, credentials, type).decide();
    }

    /** One race: its attempts, started in plan order, and the decision, all guarded by the race's monitor. */
    private final class Race {

        private final List<Transport> plan;
        private final MediaEndpoints endpoints;
        private final MediaCredentials credentials;
        private final MediaType type;
        private final List<Runner> started = new ArrayList<>(3);
        private boolean decided;

        Race(List<Transport> plan, MediaEndpoints endpoints, MediaCredentials credentials, MediaType type) {
            this.plan = plan;
            this.endpoints = endpoints;
            this.credentials = credentials;
            this.type = type;
        }

        synchronized MediaOutcome decide() throws InterruptedException {
            if (plan.isEmpty()) {
                return new MediaOutcome(type, Optional.empty(), List.of());
            }
            start();
            long nextStartAt = System.nanoTime() + headStart.toNanos();
            try {
                while (true) {
                    Optional<Runner> winner = firstBound();
                    if (winner.isPresent()) {
                        return finish(winner, winner.get().transport + " bound first");
                    }
                    Optional<Runner> refused = started.stream().filter(r -> r.done && r.refused()).findFirst();
                    if (refused.isPresent()) {
                        // The relay answered and does not take these credentials; every transport would hear the same.
                        return finish(Optional.empty(), "credentials refused on " + refused.get().transport);
                    }
                    boolean morePlanned = started.size() < plan.size();
                    boolean allFailed = started.stream().allMatch(r -> r.done);
                    if (allFailed && !morePlanned) {
                        return finish(Optional.empty(), "");
                    }
                    long now = System.nanoTime();
                    if (morePlanned && (allFailed || (now - nextStartAt >= 0 && !anyAnswered()))) {
                        start();
                        nextStartAt = now + headStart.toNanos();
                        continue;
                    }
                    long waitNanos = morePlanned && !anyAnswered() ? nextStartAt - now : TimeUnit.SECONDS.toNanos(1);
                    TimeUnit.NANOSECONDS.timedWait(this, Math.max(1, waitNanos));
                }
            } catch (InterruptedException e) {
                finish(Optional.empty(), "interrupted");
                throw e;
            }
        }

        /** The bound attempt that comes first in the plan, should two have bound before we looked. */
        private Optional<Runner> firstBound() {
            return started.stream().filter(r -> r.done && r.connection != null).findFirst();
        }

        private boolean anyAnswered() {
            return started.stream().anyMatch(r -> !r.done && r.attempt.hasAnswered());
        }

        private void start() {
            Transport transport = plan.get(started.size());
            Runner runner = new Runner(transport, new DialAttempt(this::wake));
            started.add(runner);
            Thread thread = new Thread(() -> dial(runner),
                    "confero-dial-" + transport.name().toLowerCase() + "-" + type.name().toLowerCase());
            thread.setDaemon(true);
            runner.attempt.runsOn(thread);
            thread.start();
        }

        private synchronized void wake() {
            notifyAll();
        }

        private void dial(Runner runner) {
            MediaConnection connection = null;
            Exception failure = null;
            try {
                connection = dialers.get(runner.transport).dial(endpoints, credentials, type,
                        timeouts.apply(runner.transport), runner.attempt);
            } catch (IOException | RuntimeException | InterruptedException e) {
                // RuntimeException too: a malformed URL or port from the server is this transport's failure.
                failure = e;
            } finally {
                runner.attempt.finished();
            }
            boolean unwanted;
            synchronized (this) {
                runner.complete(connection, failure);
                unwanted = decided;
                notifyAll();
            }
            if (unwanted && connection != null) {
                // Bound after the race was decided: the winner carries the media, this one must not linger.
                connection.close();
            }
        }

        /** Decides: cancels the attempts still running, closes bound losers, and reports every attempt in order. */
        private MediaOutcome finish(Optional<Runner> winner, String why) {
            decided = true;
            List<MediaAttempt> attempts = new ArrayList<>(started.size());
            for (Runner r : started) {
                if (winner.isPresent() && r == winner.get()) {
                    attempts.add(new MediaAttempt(r.transport, r.took(), Optional.empty()));
                } else if (r.done) {
                    if (r.connection != null) {
                        r.connection.close();
                        attempts.add(new MediaAttempt(r.transport, r.took(), Optional.of("not used: " + why)));
                    } else {
                        attempts.add(
                                new MediaAttempt(r.transport, r.took(), Optional.of(describe(r.failure)), r.refused()));
                    }
                } else {
                    r.attempt.cancel();
                    attempts.add(new MediaAttempt(r.transport, r.took(),
                            Optional.of("cancelled" + (why.isEmpty() ? "" : ": " + why))));
                }
            }
            return new MediaOutcome(type, winner.map(r -> r.connection), attempts);
        }
    }

    /** One transport's attempt: written by its dial thread under the race's monitor, read by the race. */
    private static final class Runner {
        final Transport transport;
        final DialAttempt attempt;
        final long startNanos = System.nanoTime();
        long endNanos;
        boolean done;
        MediaConnection connection;
        Exception failure;

        Runner(Transport transport, DialAttempt attempt) {
            this.transport = transport;
            this.attempt = attempt;
        }

        void complete(MediaConnection connection, Exception failure) {
            this.connection = connection;
            this.failure = failure;
            this.endNanos = System.nanoTime();
            this.done = true;
        }

        boolean refused() {
            return failure instanceof CredentialsRefusedException;
        }

        Duration took() {
            return Duration.ofNanos((done ? endNanos : System.nanoTime()) - startNanos);
        }
    }

    private static String describe(Exception e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
