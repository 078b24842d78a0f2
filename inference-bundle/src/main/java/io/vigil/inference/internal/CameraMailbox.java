package io.vigil.inference.internal;

import io.vigil.api.media.BgrImage;
import io.vigil.api.media.Frame;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.concurrent.Executor;

/**
 * One camera's frames on their way to analysis: a single slot where the newest frame wins, copied
 * out of the stream's buffer (valid only during the callback) into one of two arrays reused frame
 * after frame, so the frame path allocates nothing and never queues. At most one worker analyses a
 * camera at a time, which keeps its frames in order and its tracker single-threaded.
 */
final class CameraMailbox {

    /** What a worker does with a frame taken from the slot. */
    @FunctionalInterface
    interface Analysis {
        /** @param epoch the frame's {@link Frame#epoch()}: the camera's ownership the work started under */
        void analyse(BgrImage image, Instant captureTime, long epoch);
    }

    private final Executor workers;
    private final Analysis analysis;
    private byte[] pending;
    private byte[] working;
    private int width;
    private int height;
    private Instant captureTime;
    private long epoch;
    private boolean full;
    private boolean scheduled;
    private long received;
    private long dropped;
    private long lastOfferNanos = System.nanoTime();

    CameraMailbox(Executor workers, Analysis analysis) {
        this.workers = workers;
        this.analysis = analysis;
    }

    /** Called on the stream's thread: copies the frame and returns at once. */
    void offer(Frame frame) {
        int rowBytes = frame.width() * 3;
        int size = rowBytes * frame.height();
        boolean schedule;
        synchronized (this) {
            received++;
            lastOfferNanos = System.nanoTime();
            if (full) {
                dropped++;
            }
            if (pending == null || pending.length != size) {
                pending = new byte[size];
            }
            ByteBuffer source = frame.pixels().duplicate();
            for (int y = 0; y < frame.height(); y++) {
                source.position(y * frame.stride());
                source.get(pending, y * rowBytes, rowBytes);
            }
            width = frame.width();
            height = frame.height();
            captureTime = frame.captureTime();
            epoch = frame.epoch();
            full = true;
            schedule = !scheduled;
            scheduled = true;
        }
        if (schedule) {
            workers.execute(this::drain);
        }
    }

    private void drain() {
        while (true) {
            BgrImage image;
            Instant time;
            long underEpoch;
            synchronized (this) {
                if (!full) {
                    scheduled = false;
                    return;
                }
                byte[] taken = pending;
                pending = working;
                working = taken;
                full = false;
                image = new BgrImage(width, height, width * 3, ByteBuffer.wrap(working).asReadOnlyBuffer());
                time = captureTime;
                underEpoch = epoch;
            }
            analysis.analyse(image, time, underEpoch);
        }
    }

    /**
     * Whether no frame came for {@code idleNanos} before {@code nowNanos} and none is waiting or
     * being analysed: the camera's stream has gone, and its buffers can go with it.
     */
    synchronized boolean idle(long nowNanos, long idleNanos) {
        return !full && !scheduled && nowNanos - lastOfferNanos > idleNanos;
    }

    synchronized long received() {
        return received;
    }

    /** Frames overwritten before a worker took them: analysis slower than the stream. */
    synchronized long dropped() {
        return dropped;
    }
}
