package io.vigil.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Sessions end after 30 idle minutes or at their absolute limit; each has its own CSRF token. */
class SessionsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
    private final Sessions sessions = new Sessions(clock, Duration.ofMinutes(30), Duration.ofHours(12));

    @Test
    void anIdleSessionExpiresAndUseKeepsOneAlive() {
        Sessions.Session s = sessions.create("alice", Role.REVIEWER);
        clock.advance(Duration.ofMinutes(29));
        assertTrue(sessions.find(s.token).isPresent(), "used within the idle time");
        clock.advance(Duration.ofMinutes(29));
        assertTrue(sessions.find(s.token).isPresent(), "the idle time restarts at each use");
        clock.advance(Duration.ofMinutes(30));
        assertFalse(sessions.find(s.token).isPresent(), "idle for 30 minutes");
        assertFalse(sessions.find(s.token).isPresent(), "and gone for good");
    }

    @Test
    void aSessionEndsAtItsAbsoluteLimitAndAtLogout() {
        Sessions.Session s = sessions.create("alice", Role.REVIEWER);
        for (int i = 0; i < 26; i++) {
            clock.advance(Duration.ofMinutes(29));
            sessions.find(s.token);
        }
        assertFalse(sessions.find(s.token).isPresent(), "older than 12 hours");
        Sessions.Session t = sessions.create("bob", Role.AUDITOR);
        sessions.end(t.token);
        assertFalse(sessions.find(t.token).isPresent());
        assertFalse(sessions.find(null).isPresent());
        assertFalse(sessions.find("made-up").isPresent());
    }

    @Test
    void removingAUserEndsTheirSessions() {
        sessions.create("alice", Role.REVIEWER);
        sessions.create("Alice", Role.REVIEWER);
        Sessions.Session bob = sessions.create("bob", Role.REVIEWER);
        assertEquals(2, sessions.endAll("alice"));
        assertEquals(1, sessions.live());
        assertTrue(sessions.find(bob.token).isPresent());
    }

    @Test
    void eachSessionHasItsOwnUnguessableCsrfTokenComparedExactly() {
        Sessions.Session a = sessions.create("alice", Role.REVIEWER);
        Sessions.Session b = sessions.create("alice", Role.REVIEWER);
        assertNotEquals(a.token, b.token, "a new session token at each login");
        assertNotEquals(a.csrf, b.csrf);
        assertNotEquals(a.token, a.csrf);
        assertEquals(43, a.csrf.length(), "256 bits, URL-safe Base64");
        assertTrue(a.csrfMatches(a.csrf));
        assertFalse(a.csrfMatches(b.csrf), "another session's token");
        assertFalse(a.csrfMatches(null), "a form without a token");
        assertFalse(a.csrfMatches(""));
        assertFalse(a.csrfMatches(a.csrf.substring(1)));
        assertFalse(Sessions.Csrf.matches(null, null), "no cookie and no field is no match");
    }
}
