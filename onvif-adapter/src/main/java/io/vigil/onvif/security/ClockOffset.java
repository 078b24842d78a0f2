package io.vigil.onvif.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How far a device's clock is ahead of ours (negative: behind). A UsernameToken's Created is our
 * time plus this, so a device whose clock is off still finds Created inside its window. Learned
 * from the device's {@code GetSystemDateAndTime} (an operation of access class PRE_AUTH, callable
 * before any credentials), as the npm {@code onvif} client does.
 *
 * @param value device time minus our time
 */
public record ClockOffset(Duration value) {

    public static final ClockOffset NONE = new ClockOffset(Duration.ZERO);

    public ClockOffset {
        Objects.requireNonNull(value, "value");
    }

    /**
     * The offset from the device's UTC time as it answered a request we sent at {@code sent} and
     * got the answer to at {@code received}: the device's time is compared with the middle of
     * that interval. ONVIF gives the time in whole seconds, so the result is good to about a
     * second, far inside any device's window.
     */
    public static ClockOffset measure(Instant deviceTime, Instant sent, Instant received) {
        Instant middle = sent.plus(Duration.between(sent, received).dividedBy(2));
        return new ClockOffset(Duration.between(middle, deviceTime));
    }

    /** Our time as the device's clock would show it. */
    public Instant apply(Instant ours) {
        return ours.plus(value);
    }
}
