package org.confero.lookup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rate limit on wrong passcodes, so that short numeric passcodes cannot be guessed: at most {@code perClient} failures
 * per meeting and client address, and {@code perMeeting} failures per meeting from all addresses together (against
 * guessing spread over many addresses), each within a sliding {@code window}. While a limit is reached, attempts are
 * refused before the passcode is even checked. Thread-safe; state is per server (a cluster multiplies the limits by its
 * size at most).
 */
public final class PasscodeAttempts {

    private final int perClient;
    private final int perMeeting;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public PasscodeAttempts(int perClient, int perMeeting, Duration window, Clock clock) {
        this.perClient = perClient;
        this.perMeeting = perMeeting;
        this.window = window;
        this.clock = clock;
    }

    /** Empty when an attempt may go ahead; otherwise how long until it may. */
    public Optional<Duration> blocked(String meeting, String client) {
        Instant now = clock.instant();
        Optional<Duration> byClient = wait(key(meeting, client), perClient, now);
        return byClient.isPresent() ? byClient : wait(meeting, perMeeting, now);
    }

    public void failed(String meeting, String client) {
        Instant now = clock.instant();
        record(key(meeting, client), now);
        record(meeting, now);
    }

    /** A right passcode from this client clears its own failures (not the meeting's). */
    public void succeeded(String meeting, String client) {
        failures.remove(key(meeting, client));
    }

    private Optional<Duration> wait(String key, int limit, Instant now) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return Optional.empty();
        }
        synchronized (times) {
            prune(times, now);
            if (times.size() < limit) {
                return Optional.empty();
            }
            return Optional.of(Duration.between(now, times.peekFirst().plus(window)).plusSeconds(1));
        }
    }

    private void record(String key, Instant now) {
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            prune(times, now);
            times.addLast(now);
        }
    }

    private void prune(Deque<Instant> times, Instant now) {
        while (!times.isEmpty() && !times.peekFirst().plus(window).isAfter(now)) {
            times.removeFirst();
        }
    }

    private static String key(String meeting, String client) {
        return meeting + "@" + client;
    }
}
