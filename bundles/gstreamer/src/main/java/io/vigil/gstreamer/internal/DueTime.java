package io.vigil.gstreamer.internal;

import org.freedesktop.gstreamer.Clock;
import org.freedesktop.gstreamer.ClockTime;

/**
 * When a recorded frame is due, in absolute times of {@code clock}, not running times: so they
 * carry over from the recording's pipeline to another on the same clock, whose running time
 * started elsewhere.
 *
 * @param presentation when it is to be shown, or {@link ClockTime#NONE} when unknown
 * @param decode when it is to be decoded, before it is shown when B-frames come after it, or
 *        {@link ClockTime#NONE} when the recording does not say (Matroska keeps presentation
 *        times only)
 */
record DueTime(Clock clock, long presentation, long decode) {

    /** When the frame is to be sent: when it is decoded if that is known, else when it is shown. */
    long send() {
        return decode != ClockTime.NONE ? decode : presentation;
    }
}
