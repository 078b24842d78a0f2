package io.vigil.onvif.internal.device;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Slows down and then stops password guessing against the device, per client address and per
 * account: after {@code freeFailures} failed logins a key must wait before its next attempt
 * (1, 2, 4 ... seconds up to {@code maxBackoff}); after {@code lockoutFailures} it is locked for
 * {@code lockout}. While a key waits or is locked, its attempts are refused without looking at
 * the password, so parallel requests gain nothing and a correct password is refused too. A
 * failure is forgotten {@code lockout} after it happened; a successful login clears its account
 * (not its address: one known account must not wash an address's guesses at others).
 *
 * <p>The table is bounded ({@code maxKeys}): when full, the key idle longest goes first, so a
 * spray of addresses costs memory, not correctness for the rest. Thread-safe.
 */
final class LoginThrottle {

    /**
     * @param freeFailures    failures before any back-off
     * @param backoff         the first back-off, doubled with each further failure
     * @param maxBackoff      the longest back-off
     * @param lockoutFailures failures (within {@code lockout} of each other) that lock the key
     * @param lockout         how long a lock lasts, and how long a failure is remembered
     * @param maxKeys         addresses and accounts tracked at once
     */
    record Options(int freeFailures, Duration backoff, Duration maxBackoff, int lockoutFailures, Duration lockout, int maxKeys) {

        static final Options DEFAULTS = new Options(3, Duration.ofSeconds(1), Duration.ofSeconds(30), 10,
                Duration.ofMinutes(15), 10_000);

        Options {
            if (freeFailures < 0 || lockoutFailures < 1 || maxKeys < 2) {
                throw new IllegalArgumentException("login.free.failures >= 0 and login.lockout.failures >= 1 are required");
            }
            Objects.requireNonNull(backoff, "backoff");
            Objects.requireNonNull(maxBackoff, "maxBackoff");
            Objects.requireNonNull(lockout, "lockout");
        }
    }

    /** What is throttled: a client address or an account name. */
    enum Kind { ADDRESS, ACCOUNT }

    /** A key that was just locked, for the audit trail and the log. */
    record Lockout(Kind kind, String key, int failures, Instant until) {
    }

    /** A key that is locked now, for status. */
    record Locked(Kind kind, String key, Instant until) {
    }

    private static final class Entry {
        int failures;
        Instant lastFailure = Instant.EPOCH;
        Instant blockedUntil = Instant.EPOCH;
        boolean locked;
    }

    private final Options options;
    private final Clock clock;
    private final Map<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
    private volatile Consumer<Lockout> onLockout = lockout -> { };
    private long refusedWhileBlocked;
    private long lockouts;

    LoginThrottle(Options options, Clock clock) {
        this.options = options;
        this.clock = clock;
    }

    /** Who hears of each new lockout (the component audits it); must not block. */
    void onLockout(Consumer<Lockout> listener) {
        this.onLockout = Objects.requireNonNull(listener);
    }

    /**
     * @return empty when the address and the account may try now; else until when they may not
     */
    synchronized Optional<Instant> blocked(String address, Optional<String> account) {
        Instant now = clock.instant();
        Instant until = until(key(Kind.ADDRESS, address), now);
        if (account.isPresent()) {
            Instant forAccount = until(key(Kind.ACCOUNT, account.get()), now);
            until = forAccount.isAfter(until) ? forAccount : until;
        }
        if (until.isAfter(now)) {
            refusedWhileBlocked++;
            return Optional.of(until);
        }
        return Optional.empty();
    }

    private Instant until(String key, Instant now) {
        Entry entry = entries.get(key);
        return entry == null ? Instant.EPOCH : entry.blockedUntil;
    }

    /** A wrong password or an unknown account from {@code address}. */
    void failed(String address, Optional<String> account) {
        List<Lockout> locked = new ArrayList<>(2);
        synchronized (this) {
            Instant now = clock.instant();
            fail(Kind.ADDRESS, address, now).ifPresent(locked::add);
            account.flatMap(name -> fail(Kind.ACCOUNT, name, now)).ifPresent(locked::add);
        }
        locked.forEach(onLockout);
    }

    private Optional<Lockout> fail(Kind kind, String name, Instant now) {
        String key = key(kind, name);
        Entry entry = entries.get(key);
        if (entry == null) {
            evictIfFull(now);
            entry = new Entry();
            entries.put(key, entry);
        }
        if (entry.lastFailure.plus(options.lockout()).isBefore(now)) {
            entry.failures = 0; // the earlier failures are forgotten
            entry.locked = false;
        }
        entry.failures++;
        entry.lastFailure = now;
        if (entry.failures >= options.lockoutFailures()) {
            entry.blockedUntil = now.plus(options.lockout());
            if (!entry.locked) {
                entry.locked = true;
                lockouts++;
                return Optional.of(new Lockout(kind, name, entry.failures, entry.blockedUntil));
            }
            return Optional.empty();
        }
        int over = entry.failures - options.freeFailures();
        if (over > 0) {
            Duration wait = options.backoff().multipliedBy(1L << Math.min(over - 1, 20));
            entry.blockedUntil = now.plus(wait.compareTo(options.maxBackoff()) > 0 ? options.maxBackoff() : wait);
        }
        return Optional.empty();
    }

    /** A successful login: the account's failures are forgotten. */
    synchronized void succeeded(String account) {
        Entry entry = entries.get(key(Kind.ACCOUNT, account));
        if (entry != null && !entry.blockedUntil.isAfter(clock.instant())) {
            entries.remove(key(Kind.ACCOUNT, account));
        }
    }

    private void evictIfFull(Instant now) {
        if (entries.size() < options.maxKeys()) {
            return;
        }
        entries.values().removeIf(entry -> !entry.blockedUntil.isAfter(now) && entry.lastFailure.plus(options.lockout()).isBefore(now));
        var eldest = entries.keySet().iterator();
        while (entries.size() >= options.maxKeys() && eldest.hasNext()) {
            eldest.next();
            eldest.remove();
        }
    }

    private static String key(Kind kind, String name) {
        return kind.name() + ":" + name;
    }

    /** Every key locked now. */
    synchronized List<Locked> locked() {
        Instant now = clock.instant();
        List<Locked> locked = new ArrayList<>();
        entries.forEach((key, entry) -> {
            if (entry.locked && entry.blockedUntil.isAfter(now)) {
                Kind kind = key.startsWith(Kind.ADDRESS.name() + ":") ? Kind.ADDRESS : Kind.ACCOUNT;
                locked.add(new Locked(kind, key.substring(kind.name().length() + 1), entry.blockedUntil));
            }
        });
        return locked;
    }

    /** How many addresses and accounts are tracked. */
    synchronized int tracked() {
        return entries.size();
    }

    synchronized long lockouts() {
        return lockouts;
    }

    synchronized long refusedWhileBlocked() {
        return refusedWhileBlocked;
    }
}
