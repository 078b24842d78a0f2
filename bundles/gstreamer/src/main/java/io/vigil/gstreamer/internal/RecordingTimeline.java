package io.vigil.gstreamer.internal;

import java.util.concurrent.TimeUnit;
import org.freedesktop.gstreamer.Clock;
import org.freedesktop.gstreamer.ClockTime;

/**
 * When a looping recording's frames are due, as one timeline of {@code clock} across all its
 * passes: each pass starts where the one before ended, so the frames' times never go back and
 * never leave a gap, however the file is laid out.
 *
 * <p>A frame is due twice: when it is shown (its presentation time, from the recording) and,
 * earlier with B-frames, when it is sent and decoded (its decoding time). Frames are sent in
 * decoding order and shown in another, so with B-frames a frame is sent before it is shown, as
 * an encoder sends them: one frame per frame time, a reorder delay ahead of when they are shown.
 * An MP4 file says each frame's decoding time; a Matroska file does not, so they are laid out
 * that way here, from the reorder delay of the file's first frames (or a longer one seen since).
 * A receiver then gets the frames as evenly as from a camera; bunched up, B-frames behind the
 * frame they precede, they come later than a jitter buffer of 200 ms waits. Decoding times never
 * go back.
 *
 * <p>The pipeline's own clocking cannot say this: after each rewind its first frames reach the
 * appsink while it prerolls, at once and before the pipeline has its new base time. And the end
 * of the file is not the end of a pass: with B-frames the last frame sent is not the last one
 * shown, so a pass that started at the end of the file would show its first frames over the
 * last ones. So each pass's start is set here, at the end of the one before, and the file is
 * rewound in time to send its first frames before they are shown.
 *
 * <p>Thread-safe: frames arrive on the streaming thread, the end of a pass on the rewinding one.
 */
final class RecordingTimeline {

    /** Longer than any encoder holds back a frame; a file that says more is not believed. */
    private static final long MAX_LEAD = TimeUnit.SECONDS.toNanos(2);
    /** Ample time for a rewind, so the next pass's first frames are read before they are to be sent. */
    private static final long REWIND = TimeUnit.MILLISECONDS.toNanos(100);

    private final Clock clock;
    private long origin = ClockTime.NONE; // when running time 0 of this pass is shown
    private long lead; // how long before it is shown a frame may have to be sent
    private long latestShown = ClockTime.NONE;
    private long lastDecoded = ClockTime.NONE;
    // this pass's frames, in running time
    private long first = Long.MAX_VALUE;
    private long last = Long.MIN_VALUE;
    private long end = Long.MIN_VALUE;
    private int frames;

    /**
     * @param clock the system clock, which every pipeline without a clock provider runs on
     * @param reorder the recording's reorder delay, as far as known (nanoseconds)
     */
    RecordingTimeline(Clock clock, long reorder) {
        this.clock = clock;
        this.lead = Math.min(MAX_LEAD, Math.max(0, reorder));
    }

    long now() {
        return clock.getTime();
    }

    /**
     * When a frame is due that this pass shows at running time {@code presentation} (NONE when
     * unknown) for {@code duration} (NONE when unknown), decoded {@code reorder} before it is
     * shown (NONE when the recording does not say). The first frame of all is due when it
     * arrives.
     */
    synchronized DueTime due(long presentation, long duration, long reorder) {
        if (presentation == ClockTime.NONE) {
            return new DueTime(clock, ClockTime.NONE, ClockTime.NONE);
        }
        if (origin == ClockTime.NONE) {
            origin = clock.getTime() - presentation;
        }
        first = Math.min(first, presentation);
        last = Math.max(last, presentation);
        if (duration != ClockTime.NONE) {
            end = Math.max(end, presentation + duration);
        }
        frames++;

        long shown = origin + presentation;
        if (latestShown != ClockTime.NONE && latestShown > shown) {
            lead = Math.min(MAX_LEAD, Math.max(lead, latestShown - shown)); // a frame shown before one sent earlier
        }
        latestShown = latestShown == ClockTime.NONE ? shown : Math.max(latestShown, shown);
        long decoded = reorder != ClockTime.NONE ? shown - Math.min(MAX_LEAD, reorder) : slot(shown, duration);
        if (lastDecoded != ClockTime.NONE) {
            decoded = Math.max(decoded, lastDecoded);
        }
        if (decoded > shown) {
            return new DueTime(clock, shown, ClockTime.NONE); // late: shown as it is sent, now
        }
        lastDecoded = decoded;
        return new DueTime(clock, shown, decoded);
    }

    /**
     * A decoding time for a frame the recording gives none: a frame time after the one before,
     * as an encoder sends, but never after it is shown, nor more than the reorder delay and a
     * frame before (where a reference frame followed by B-frames goes).
     */
    private long slot(long shown, long duration) {
        if (lastDecoded == ClockTime.NONE || duration == ClockTime.NONE) {
            return shown - lead;
        }
        return Math.min(shown, Math.max(shown - lead - duration, lastDecoded + duration));
    }

    /**
     * At the end of the file, before it is rewound: waits until the next pass's first frames are
     * to be sent, then starts that pass where this one's last frame shown ends.
     */
    void awaitEndOfPass() throws InterruptedException {
        long next;
        long rewind;
        synchronized (this) {
            next = origin == ClockTime.NONE || length() == 0 ? clock.getTime() : origin + length();
            rewind = next - lead - REWIND;
        }
        long left = rewind - clock.getTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
        synchronized (this) {
            origin = next;
            first = Long.MAX_VALUE;
            last = Long.MIN_VALUE;
            end = Long.MIN_VALUE;
            frames = 0;
        }
    }

    /**
     * From the first frame shown to the end of the last: its duration, or without durations one
     * more of the average gap between frames; 0 before two frames went by.
     */
    private long length() {
        if (end != Long.MIN_VALUE) {
            return end - first;
        }
        return frames < 2 ? 0 : last - first + (last - first) / (frames - 1);
    }
}
