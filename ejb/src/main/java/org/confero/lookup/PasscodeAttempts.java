package org.confero.lookup;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Rate limit on wrong passcodes, so that short numeric passcodes cannot be guessed, without ever letting the guessers
 * lock the right passcode out. Thread-safe; state is per server (a cluster multiplies the limits by its size at most).
 *
 * <ul>
 * <li><b>Per (meeting, source)</b>: a source with {@code perSource} wrong passcodes for a meeting within the sliding
 * {@code window} is refused further attempts at that meeting (before its passcode is checked) until the oldest leaves
 * the window. Only that source is refused: the count is its own. A right passcode clears it.</li>
 * <li><b>Per meeting, a ceiling that slows guessing</b>: while a meeting has {@code perMeeting} wrong passcodes from
 * all sources within the window, a source that already gave one wrong passcode for it in the window is refused further
 * attempts: guessing spread over many addresses gets one guess per address and window instead of {@code perSource}. A
 * source without a wrong passcode for the meeting in the window (a fresh address, such as a participant who has the
 * passcode) is always checked, so the ceiling never refuses the right passcode from it.</li>
 * </ul>
 *
 * <p>
 * A source is an IPv4 address or an IPv6 /64 (one subscriber usually holds a whole /64, so counting single IPv6
 * addresses would give one attacker billions of sources).
 *
 * <p>
 * Memory is bounded: every deque holds at most its limit's timestamps; once a window has passed since the last sweep,
 * the next call forgets every key whose last failure left the window, so the maps shrink back to what was active in the
 * last window; and past {@code maxKeys} keys per map, the least recently used key goes at once.
 */
public final class PasscodeAttempts {

    /** Keys per map, past which the least recently used is forgotten. */
    public static final int DEFAULT_MAX_KEYS = 100_000;

    private final int perSource;
    private final int perMeeting;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> bySource;
    private final Map<String, Deque<Instant>> byMeeting;
    private Instant nextSweep = Instant.MIN;

    public PasscodeAttempts(int perSource, int perMeeting, Duration window, Clock clock) {
        this(perSource, perMeeting, window, clock, DEFAULT_MAX_KEYS);
    }

    public PasscodeAttempts(int perSource, int perMeeting, Duration window, Clock clock, int maxKeys) {
        if (perSource < 1 || perMeeting < 1 || window.isNegative() || window.isZero() || maxKeys < 1) {
            throw new IllegalArgumentException("positive limits, window and key count");
        }
        this.perSource = perSource;
        this.perMeeting = perMeeting;
        this.window = window;
        this.clock = clock;
        this.bySource = lru(maxKeys);
        this.byMeeting = lru(maxKeys);
    }

    /**
     * Empty when an attempt from {@code source} may have its passcode checked; otherwise how long until it may. Never
     * present for a source without a wrong passcode for the meeting in the window.
     */
    public synchronized Optional<Duration> blocked(String meeting, String source) {
        Instant now = clock.instant();
        sweep(now);
        Deque<Instant> own = recent(bySource, key(meeting, source), now);
        if (own.isEmpty()) {
            return Optional.empty();
        }
        int allowed = recent(byMeeting, meeting, now).size() >= perMeeting ? 1 : perSource;
        if (own.size() < allowed) {
            return Optional.empty();
        }
        // Allowed again once all but (allowed - 1) of its failures left the window.
        Instant oldestToLeave = own.stream().skip(own.size() - allowed).findFirst().orElseThrow();
        Duration wait = Duration.between(now, oldestToLeave.plus(window));
        return Optional.of(wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait.plusSeconds(1));
    }

    public synchronized void failed(String meeting, String source) {
        Instant now = clock.instant();
        sweep(now);
        record(bySource, key(meeting, source), perSource, now);
        record(byMeeting, meeting, perMeeting, now);
    }

    /** A right passcode from this source clears its own failures (not the meeting's). */
    public synchronized void succeeded(String meeting, String source) {
        bySource.remove(key(meeting, source));
    }

    /** How many (meeting, source) and meeting keys are remembered now: they follow the active keys, never grow. */
    public synchronized int keys() {
        return bySource.size() + byMeeting.size();
    }

    /** The source an address counts as: the IPv4 address itself, or the /64 of an IPv6 address. */
    public static String sourceOf(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] bytes = address.getAddress();
            return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
        }
        return address.getHostAddress();
    }

    private Deque<Instant> recent(Map<String, Deque<Instant>> map, String key, Instant now) {
        Deque<Instant> times = map.get(key);
        if (times == null) {
            return new ArrayDeque<>(0);
        }
        prune(times, now);
        return times;
    }

    private void record(Map<String, Deque<Instant>> map, String key, int keep, Instant now) {
        Deque<Instant> times = map.computeIfAbsent(key, k -> new ArrayDeque<>());
        prune(times, now);
        times.addLast(now);
        // Only whether the limit is reached matters, so the newest `keep` failures are all there is to remember.
        while (times.size() > keep) {
            times.removeFirst();
        }
    }

    private void prune(Deque<Instant> times, Instant now) {
        while (!times.isEmpty() && !times.peekFirst().plus(window).isAfter(now)) {
            times.removeFirst();
        }
    }

    private void sweep(Instant now) {
        if (now.isBefore(nextSweep)) {
            return;
        }
        nextSweep = now.plus(window);
        forgetIdle(bySource, now);
        forgetIdle(byMeeting, now);
    }

    private void forgetIdle(Map<String, Deque<Instant>> map, Instant now) {
        for (Iterator<Deque<Instant>> it = map.values().iterator(); it.hasNext();) {
            Deque<Instant> times = it.next();
            if (times.isEmpty() || !times.peekLast().plus(window).isAfter(now)) {
                it.remove();
            }
        }
    }

    private static Map<String, Deque<Instant>> lru(int maxKeys) {
        // Access order: the eldest entry is the least recently used key, the one to drop past maxKeys.
        return new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
                return size() > maxKeys;
            }
        };
    }

    private static String key(String meeting, String source) {
        return meeting + "@" + source;
    }
}
