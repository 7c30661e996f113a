package org.confero.web.security;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Failed logins per client address and per account, within one sliding window (issue 19).
 * <p>
 * A source address past {@code failuresPerSource} failures is refused for every account until its oldest failure leaves
 * the window. An account past {@code failuresPerAccount} failures (from all addresses) is refused only to the addresses
 * that already failed for it: a correct login from an address that has not failed for the account always goes through,
 * so no one can lock an account out from elsewhere — the per-username lockout this replaces could.
 * <p>
 * Memory is bounded: at most {@code maxSources} addresses, {@code maxAccounts} accounts and
 * {@code maxSourcesPerAccount} failing addresses per account are held (the least recently seen go first), each
 * address's and account's failures are capped at its limit, and entries whose failures have all left the window are
 * dropped. An address forgotten early counts as clean again, which only ever errs towards letting someone log in.
 * Thread-safe; one lock, held briefly (logins are rare compared to other requests).
 */
public final class LoginAttempts {

    /** Default bound of remembered addresses (as the per-address rate limits). */
    public static final int DEFAULT_MAX_SOURCES = 100_000;
    static final int DEFAULT_MAX_ACCOUNTS = 10_000;
    static final int DEFAULT_MAX_SOURCES_PER_ACCOUNT = 1_000;
    /** Every this many failures, entries whose failures all left the window are dropped (amortised sweep). */
    static final int SWEEP_EVERY = 1_024;

    private final int failuresPerSource;
    private final int failuresPerAccount;
    private final long windowNanos;
    private final LongSupplier clock;
    private final int maxSourcesPerAccount;
    private final Map<String, ArrayDeque<Long>> sources;
    private final Map<String, AccountFailures> accounts;
    private int failuresSinceSweep;

    public LoginAttempts(int failuresPerSource, int failuresPerAccount, Duration window) {
        this(failuresPerSource, failuresPerAccount, window, System::nanoTime, DEFAULT_MAX_SOURCES, DEFAULT_MAX_ACCOUNTS,
                DEFAULT_MAX_SOURCES_PER_ACCOUNT);
    }

    LoginAttempts(int failuresPerSource, int failuresPerAccount, Duration window, LongSupplier clock, int maxSources,
            int maxAccounts, int maxSourcesPerAccount) {
        if (failuresPerSource < 1 || failuresPerAccount < 1) {
            throw new IllegalArgumentException("login failure limits must be at least 1");
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the login window must be positive");
        }
        this.failuresPerSource = failuresPerSource;
        this.failuresPerAccount = failuresPerAccount;
        this.windowNanos = window.toNanos();
        this.clock = clock;
        this.maxSourcesPerAccount = maxSourcesPerAccount;
        this.sources = lru(maxSources);
        this.accounts = lru(maxAccounts);
    }

    /**
     * Whether a login from {@code source} (for {@code account}, if known) must be refused now: empty to let it be
     * checked, else how long until it may be tried again.
     */
    public synchronized Optional<Duration> refusal(String source, String account) {
        long now = clock.getAsLong();
        ArrayDeque<Long> failures = sources.get(source);
        if (failures != null && prune(failures, now) == 0) {
            sources.remove(source);
            failures = null;
        }
        if (failures != null && failures.size() >= failuresPerSource) {
            return Optional.of(retryAfter(failures.peekFirst(), now));
        }
        if (account == null) {
            return Optional.empty();
        }
        AccountFailures forAccount = accounts.get(account);
        if (forAccount == null) {
            return Optional.empty();
        }
        if (prune(forAccount.times, now) == 0) {
            accounts.remove(account);
            return Optional.empty();
        }
        Long failedHere = forAccount.sources.get(source);
        if (failedHere == null || now - failedHere >= windowNanos) {
            forAccount.sources.remove(source);
            return Optional.empty();
        }
        if (forAccount.times.size() >= failuresPerAccount) {
            return Optional.of(retryAfter(forAccount.times.peekFirst(), now));
        }
        return Optional.empty();
    }

    /** A login from {@code source} failed ({@code account} null when the credentials named none, e.g. a token). */
    public synchronized void failed(String source, String account) {
        if (++failuresSinceSweep >= SWEEP_EVERY) {
            failuresSinceSweep = 0;
            forgetExpired();
        }
        long now = clock.getAsLong();
        add(sources.computeIfAbsent(source, s -> new ArrayDeque<>()), now, failuresPerSource);
        if (account != null) {
            AccountFailures forAccount = accounts.computeIfAbsent(account,
                    a -> new AccountFailures(maxSourcesPerAccount));
            add(forAccount.times, now, failuresPerAccount);
            forAccount.sources.remove(source);
            forAccount.sources.put(source, now);
        }
    }

    /**
     * A login from {@code source} for {@code account} succeeded: the address is clean for that account again. Its
     * failures as a source stay — a valid account of one's own must not reset the guesses at others.
     */
    public synchronized void succeeded(String source, String account) {
        AccountFailures forAccount = accounts.get(account);
        if (forAccount != null) {
            forAccount.sources.remove(source);
        }
    }

    /** Addresses and accounts held, for tests of the bounds. */
    synchronized int heldKeys() {
        return sources.size() + accounts.size();
    }

    private Duration retryAfter(long oldest, long now) {
        return Duration.ofNanos(Math.max(0, oldest + windowNanos - now));
    }

    /** Drops the failures that left the window; the number left. */
    private int prune(ArrayDeque<Long> times, long now) {
        while (!times.isEmpty() && now - times.peekFirst() >= windowNanos) {
            times.pollFirst();
        }
        return times.size();
    }

    /** Only the newest {@code cap} failures matter: the limit is reached once they are all in the window. */
    private void add(ArrayDeque<Long> times, long now, int cap) {
        prune(times, now);
        times.addLast(now);
        while (times.size() > cap) {
            times.pollFirst();
        }
    }

    private static <V> Map<String, V> lru(int maxKeys) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > maxKeys;
            }
        };
    }

    private static final class AccountFailures {
        final ArrayDeque<Long> times = new ArrayDeque<>();
        /** The addresses that failed for this account, with their last failure, oldest first. */
        final LinkedHashMap<String, Long> sources;

        AccountFailures(int maxSources) {
            sources = new LinkedHashMap<>() {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                    return size() > maxSources;
                }
            };
        }
    }

    /** Drops every entry whose failures have all left the window (called now and then, so idle entries go). */
    public synchronized void forgetExpired() {
        long now = clock.getAsLong();
        for (Iterator<ArrayDeque<Long>> it = sources.values().iterator(); it.hasNext();) {
            if (prune(it.next(), now) == 0) {
                it.remove();
            }
        }
        for (Iterator<AccountFailures> it = accounts.values().iterator(); it.hasNext();) {
            if (prune(it.next().times, now) == 0) {
                it.remove();
            }
        }
    }
}
