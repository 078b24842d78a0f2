package io.vigil.watchlist.internal.recognition;

import io.vigil.api.status.ModuleStatus;
import io.vigil.api.watchlist.RecognitionStatus;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** What recognition did, for {@code vigil status}: counters written by the worker, read by anyone. */
final class RecognitionFigures {

    private final LongAdder faces = new LongAdder();
    private final LongAdder recognitions = new LongAdder();
    private final LongAdder raised = new LongAdder();
    private final LongAdder updated = new LongAdder();
    private final LongAdder lost = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final AtomicLong lastWaitNanos = new AtomicLong();
    private final AtomicLong maxWaitNanos = new AtomicLong();
    private final AtomicLong lastStoredMillis = new AtomicLong(-1);
    private final AtomicLong maxStoredMillis = new AtomicLong(-1);

    void matched(int faces, int recognitions) {
        this.faces.add(faces);
        this.recognitions.add(recognitions);
    }

    /** An alert stored, {@code sinceCapture} after the camera captured the face. */
    void stored(boolean raisedNew, Duration sinceCapture) {
        (raisedNew ? raised : updated).increment();
        lastStoredMillis.set(sinceCapture.toMillis());
        maxStoredMillis.accumulateAndGet(sinceCapture.toMillis(), Math::max);
    }

    void waited(long nanos) {
        lastWaitNanos.set(nanos);
        maxWaitNanos.accumulateAndGet(nanos, Math::max);
    }

    void lost() {
        lost.increment();
    }

    void failed() {
        failures.increment();
    }

    ModuleStatus status(RecognitionQueue queue, boolean matching, boolean storing) {
        String detail = String.format(Locale.ROOT,
                "%d faces queued, %d dropped (queue full), %d matched, %d recognitions; alerts raised %d, updated %d;"
                        + " queue wait last %d ms, max %d ms; capture to alert stored last %s, max %s",
                queue.faces(), queue.droppedFaces(), faces.sum(), recognitions.sum(), raised.sum(), updated.sum(),
                TimeUnit.NANOSECONDS.toMillis(lastWaitNanos.get()), TimeUnit.NANOSECONDS.toMillis(maxWaitNanos.get()),
                millis(lastStoredMillis.get()), millis(maxStoredMillis.get()));
        if (lost.sum() > 0) {
            return new ModuleStatus("recognition", ModuleStatus.Health.FAILED,
                    lost.sum() + " recognitions could not be stored (see the log); " + detail);
        }
        if (failures.sum() > 0) {
            return new ModuleStatus("recognition", ModuleStatus.Health.FAILED,
                    failures.sum() + " frames' faces failed to be matched (see the log); " + detail);
        }
        if (!matching) {
            return new ModuleStatus("recognition", ModuleStatus.Health.OK, "no watchlists running: faces are not matched; " + detail);
        }
        if (!storing) {
            // not a failure until a match is lost: the alert store may be starting or being replaced
            return new ModuleStatus("recognition", ModuleStatus.Health.OK, "the alert store is not running; " + detail);
        }
        return new ModuleStatus("recognition", ModuleStatus.Health.OK, detail);
    }

    /** The same figures as data ({@code vigil status --json}). */
    RecognitionStatus figures(RecognitionQueue queue, boolean matching, boolean storing) {
        return new RecognitionStatus(matching, storing, queue.faces(), queue.droppedFaces(), faces.sum(), recognitions.sum(),
                raised.sum(), updated.sum(), lost.sum(), failures.sum(), TimeUnit.NANOSECONDS.toMillis(lastWaitNanos.get()),
                TimeUnit.NANOSECONDS.toMillis(maxWaitNanos.get()), optional(lastStoredMillis.get()),
                optional(maxStoredMillis.get()));
    }

    private static OptionalLong optional(long ms) {
        return ms < 0 ? OptionalLong.empty() : OptionalLong.of(ms);
    }

    private static String millis(long ms) {
        return ms < 0 ? "-" : ms + " ms";
    }

}
