package io.vigil.watchlist.internal.recognition;

import io.vigil.api.face.FaceObservations;
import io.vigil.api.face.ObservedFace;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The frames' faces waiting for recognition, in memory only, bounded by frames and by the bytes of
 * the frame regions they carry. When full, the oldest frame's faces are dropped (and counted): the
 * newest are the people still in view, and a live track's best face is offered again within a
 * second, so a dropped face delays that person's alert rather than losing it. A dropped frame's
 * ended tracks are kept (a few ids) and handed out before anything newer, so the per-track state
 * they end does not outlive its track.
 *
 * <p>Thread-safe: inference threads offer, the recognition worker takes.
 */
final class RecognitionQueue {

    /** A frame's faces and when they were queued, to measure the wait. */
    record Queued(FaceObservations faces, long queuedNanos) {
    }

    private final int maxFrames;
    private final long maxBytes;
    private final ArrayDeque<Queued> frames = new ArrayDeque<>();
    /** Ended tracks of dropped frames: older than everything in {@link #frames}. */
    private final ArrayDeque<Queued> endsOfDropped = new ArrayDeque<>();
    private long bytes;
    private long droppedFaces;
    private long droppedFrames;

    RecognitionQueue(int maxFrames, long maxBytes) {
        if (maxFrames < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("a queue holds at least one frame: " + maxFrames + " frames, " + maxBytes + " bytes");
        }
        this.maxFrames = maxFrames;
        this.maxBytes = maxBytes;
    }

    /** Queues a frame's faces, dropping the oldest frames' faces while the queue is over its bounds; never blocks. */
    synchronized void offer(FaceObservations faces, long nowNanos) {
        long size = bytes(faces);
        while (!frames.isEmpty() && (frames.size() >= maxFrames || bytes + size > maxBytes)) {
            Queued oldest = frames.removeFirst();
            bytes -= bytes(oldest.faces());
            droppedFrames++;
            droppedFaces += oldest.faces().faces().size();
            if (!oldest.faces().endedTracks().isEmpty()) {
                FaceObservations f = oldest.faces();
                endsOfDropped.addLast(new Queued(new FaceObservations(f.cameraId(), f.captureTime(), List.of(), f.endedTracks()),
                        oldest.queuedNanos()));
            }
        }
        frames.addLast(new Queued(faces, nowNanos));
        bytes += size;
        notifyAll();
    }

    /** The oldest waiting work, or null when none came within the timeout. */
    synchronized Queued take(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (frames.isEmpty() && endsOfDropped.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        if (!endsOfDropped.isEmpty()) {
            return endsOfDropped.removeFirst();
        }
        Queued q = frames.removeFirst();
        bytes -= bytes(q.faces());
        return q;
    }

    /** Faces waiting. */
    synchronized int faces() {
        int n = 0;
        for (Queued q : frames) {
            n += q.faces().faces().size();
        }
        return n;
    }

    synchronized long droppedFaces() {
        return droppedFaces;
    }

    synchronized long droppedFrames() {
        return droppedFrames;
    }

    /** Empties the queue (deactivation): the faces go with it, nothing is written anywhere. */
    synchronized void clear() {
        frames.clear();
        endsOfDropped.clear();
        bytes = 0;
    }

    private static long bytes(FaceObservations faces) {
        long n = 0;
        for (ObservedFace f : faces.faces()) {
            n += f.surroundings().pixels().pixels().capacity();
        }
        return n;
    }
}
