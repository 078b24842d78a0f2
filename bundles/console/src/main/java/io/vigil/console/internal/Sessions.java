package io.vigil.console.internal;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Console sessions, in memory only (a restart logs everyone out). A session is known by a random
 * 256-bit token in a cookie, made anew at each login (no fixation), and ends when idle longer than
 * the idle timeout, older than the absolute limit, or logged out. Each session carries its own
 * CSRF token, which every form repeats.
 */
final class Sessions {

    /** One logged-in person. The CSRF token never changes during the session. */
    static final class Session {
        final String token;
        final String user;
        final Role role;
        final String csrf;
        final Instant created;
        private volatile Instant lastSeen;
        private volatile String flash;

        Session(String token, String user, Role role, String csrf, Instant created) {
            this.token = token;
            this.user = user;
            this.role = role;
            this.csrf = csrf;
            this.created = created;
            this.lastSeen = created;
        }

        Instant lastSeen() {
            return lastSeen;
        }

        /** Whether {@code given} is this session's CSRF token (constant time). */
        boolean csrfMatches(String given) {
            return Csrf.matches(csrf, given);
        }

        /** A message for the next page shown (after a redirect). */
        void flash(String message) {
            this.flash = message;
        }

        Optional<String> takeFlash() {
            String f = flash;
            flash = null;
            return Optional.ofNullable(f);
        }
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration idle;
    private final Duration absolute;

    Sessions(Clock clock, Duration idle, Duration absolute) {
        if (idle.isNegative() || idle.isZero() || absolute.compareTo(idle) < 0) {
            throw new IllegalArgumentException("a session's idle timeout must be positive and not above its absolute limit");
        }
        this.clock = clock;
        this.idle = idle;
        this.absolute = absolute;
    }

    Duration idleTimeout() {
        return idle;
    }

    Session create(String user, Role role) {
        purge();
        Session s = new Session(Csrf.token(), user, role, Csrf.token(), clock.instant());
        sessions.put(s.token, s);
        return s;
    }

    /** The live session of {@code token}, its idle time restarted; empty when unknown or expired (then it is gone). */
    Optional<Session> find(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        Session s = sessions.get(token);
        if (s == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (expired(s, now)) {
            sessions.remove(token);
            return Optional.empty();
        }
        s.lastSeen = now;
        return Optional.of(s);
    }

    void end(String token) {
        if (token != null) {
            sessions.remove(token);
        }
    }

    /** Ends every session of {@code user} (removed, role changed); returns how many. */
    int endAll(String user) {
        int[] n = {0};
        sessions.values().removeIf(s -> {
            boolean match = s.user.equalsIgnoreCase(user);
            if (match) {
                n[0]++;
            }
            return match;
        });
        return n[0];
    }

    int live() {
        purge();
        return sessions.size();
    }

    void clear() {
        sessions.clear();
    }

    private void purge() {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> expired(s, now));
    }

    private boolean expired(Session s, Instant now) {
        return !now.isBefore(s.lastSeen.plus(idle)) || !now.isBefore(s.created.plus(absolute));
    }

    /** Random tokens and their comparison. */
    static final class Csrf {
        private static final SecureRandom RANDOM = new SecureRandom();

        private Csrf() {
        }

        /** 256 random bits, URL-safe Base64. */
        static String token() {
            byte[] b = new byte[32];
            RANDOM.nextBytes(b);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        }

        /** Constant-time equality; false when either is missing. */
        static boolean matches(String expected, String given) {
            if (expected == null || given == null || expected.isEmpty()) {
                return false;
            }
            return MessageDigest.isEqual(expected.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    given.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
    }
}
