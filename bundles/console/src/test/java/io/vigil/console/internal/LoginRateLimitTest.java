package io.vigil.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginRateLimitTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final LoginRateLimit limit = new LoginRateLimit(clock, 10, Duration.ofMinutes(1));

    @Test
    void tenAttemptsAMinutePerAddressThenRefusedUntilTheOldestLeavesTheWindow() {
        for (int i = 0; i < 10; i++) {
            assertTrue(limit.tryAcquire("192.0.2.1"), "attempt " + (i + 1));
            clock.advance(Duration.ofSeconds(1));
        }
        assertFalse(limit.tryAcquire("192.0.2.1"), "the 11th within a minute");
        assertEquals(Instant.parse("2026-03-01T10:01:00Z"), limit.retryAt("192.0.2.1"));
        assertTrue(limit.tryAcquire("192.0.2.2"), "another address has its own allowance");
        clock.advance(Duration.ofSeconds(49)); // 10:00:59
        assertFalse(limit.tryAcquire("192.0.2.1"));
        clock.advance(Duration.ofSeconds(1)); // 10:01:00: the first attempt has left the window
        assertTrue(limit.tryAcquire("192.0.2.1"));
        assertFalse(limit.tryAcquire("192.0.2.1"), "only one slot came free");
    }

    @Test
    void refusedAttemptsDoNotExtendTheWait() {
        for (int i = 0; i < 10; i++) {
            limit.tryAcquire("198.51.100.7");
        }
        for (int i = 0; i < 100; i++) {
            clock.advance(Duration.ofMillis(500));
            limit.tryAcquire("198.51.100.7");
        }
        clock.advance(Duration.ofSeconds(10)); // 60 s after the ten
        assertTrue(limit.tryAcquire("198.51.100.7"));
    }

    @Test
    void aLimitNeedsAnAttemptAndAWindow() {
        assertThrows(IllegalArgumentException.class, () -> new LoginRateLimit(clock, 0, Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> new LoginRateLimit(clock, 1, Duration.ZERO));
    }

    /** Issue 19.10: a flood from more addresses than the map holds, all within one window, cannot grow it. */
    @Test
    void aFloodOfAddressesWithinOneWindowStaysBounded() {
        for (int i = 0; i < 3 * LoginRateLimit.MAX_ADDRESSES; i++) {
            assertTrue(limit.tryAcquire("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255)));
            assertTrue(limit.tracked() <= LoginRateLimit.MAX_ADDRESSES, "tracked " + limit.tracked());
            if (i % 1000 == 0) {
                clock.advance(Duration.ofMillis(1));
            }
        }
        // the newest addresses keep their windows
        int last = 3 * LoginRateLimit.MAX_ADDRESSES - 1;
        String newest = "10." + (last >> 16 & 255) + "." + (last >> 8 & 255) + "." + (last & 255);
        for (int i = 0; i < 9; i++) {
            assertTrue(limit.tryAcquire(newest));
        }
        assertFalse(limit.tryAcquire(newest), "its eleventh attempt within the minute");
    }
}
