package io.vigil.ingest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {

    @Test
    void doublesUpToTheMaximumAndStartsOverAfterReset() {
        ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofMillis(500), Duration.ofSeconds(3));
        assertEquals(Duration.ofMillis(500), backoff.nextDelay());
        assertEquals(Duration.ofSeconds(1), backoff.nextDelay());
        assertEquals(Duration.ofSeconds(2), backoff.nextDelay());
        assertEquals(Duration.ofSeconds(3), backoff.nextDelay());
        assertEquals(Duration.ofSeconds(3), backoff.nextDelay());
        backoff.reset();
        assertEquals(Duration.ofMillis(500), backoff.nextDelay());
    }

    @Test
    void nonsenseBoundsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ReconnectBackoff(Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new ReconnectBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
