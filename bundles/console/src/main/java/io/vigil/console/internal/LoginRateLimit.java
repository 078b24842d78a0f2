package io.vigil.console.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Login attempts per client address in a sliding window. The per-user lockout stops guessing one
 * account's password; this stops one address from trying many accounts (or locking them all out
 * on purpose) quickly. Counted before the password is hashed, so a flood costs no Argon2id time.
 */
final class LoginRateLimit {

    /** Addresses tracked at most; beyond, the oldest windows are dropped (a flood of spoofed addresses cannot fill memory). */
    static final int MAX_ADDRESSES = 10_000;

    private final Clock clock;
    private final int attempts;
    private final Duration window;
    private final Map<String, Deque<Instant>> seen = new ConcurrentHashMap<>();

    LoginRateLimit(Clock clock, int attempts, Duration window) {
        if (attempts < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a login rate limit needs at least one attempt in a positive window");
        }
        this.clock = clock;
        this.attempts = attempts;
        this.window = window;
    }

    /**
     * Counts an attempt from {@code address}.
     *
     * @return true when it may go on; false when the address made its allowance in the window already
     *         (a refused attempt is not counted, so waiting out the window always helps)
     */
    boolean tryAcquire(String address) {
        Instant now = clock.instant();
        if (seen.size() >= MAX_ADDRESSES) {
            seen.values().removeIf(d -> expire(d, now));
            if (seen.size() >= MAX_ADDRESSES) {
                // a flood from more addresses than that within one window: the least recent tenth goes at once
                // (not one by one: each eviction is a pass over the map), so the map stays bounded
                seen.entrySet().stream().sorted(java.util.Comparator.comparing(e -> newest(e.getValue())))
                        .limit(seen.size() - MAX_ADDRESSES + MAX_ADDRESSES / 10).toList()
                        .forEach(e -> seen.remove(e.getKey(), e.getValue()));
            }
        }
        Deque<Instant> times = seen.computeIfAbsent(String.valueOf(address), a -> new ArrayDeque<>());
        synchronized (times) {
            expire(times, now);
            if (times.size() >= attempts) {
                return false;
            }
            times.addLast(now);
            return true;
        }
    }

    /** When {@code address} may try again (now when it may already). */
    Instant retryAt(String address) {
        Deque<Instant> times = seen.get(String.valueOf(address));
        if (times == null) {
            return clock.instant();
        }
        synchronized (times) {
            return times.isEmpty() ? clock.instant() : times.peekFirst().plus(window);
        }
    }

    private static Instant newest(Deque<Instant> times) {
        synchronized (times) {
            return times.isEmpty() ? Instant.MIN : times.peekLast();
        }
    }

    /** How many addresses are tracked now. */
    int tracked() {
        return seen.size();
    }

    private boolean expire(Deque<Instant> times, Instant now) {
        synchronized (times) {
            while (!times.isEmpty() && !now.isBefore(times.peekFirst().plus(window))) {
                times.removeFirst();
            }
            return times.isEmpty();
        }
    }
}
