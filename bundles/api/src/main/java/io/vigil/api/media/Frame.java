package io.vigil.api.media;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Objects;

/**
 * One decoded video frame, full resolution, packed BGR (3 bytes a pixel, {@code stride} bytes a row).
 *
 * @param cameraId     the camera the frame came from
 * @param width        in pixels
 * @param height       in pixels
 * @param stride       bytes per row, at least {@code 3 * width}
 * @param pixels       read-only view of the pixels; valid only while the receiver's callback runs
 *                     unless the receiver copies it
 * @param ptsNanos     the stream's presentation timestamp
 * @param captureTime  wall-clock time the camera captured the frame
 * @param captureClock where {@code captureTime} came from, so consumers know how far to trust it
 * @param epoch        on a cluster member, the epoch under which this node owned the camera when its stream started
 *                     (the fencing token of {@code io.vigil.api.cluster.OwnedCamera}); it travels with the work
 *                     made from the frame so the alert store can refuse what the node no longer owns.
 *                     {@link #NO_EPOCH} on a single node
 */
public record Frame(
        String cameraId,
        int width,
        int height,
        int stride,
        ByteBuffer pixels,
        long ptsNanos,
        Instant captureTime,
        CaptureClock captureClock,
        long epoch) {

    /** The epoch of a frame from a node that is no cluster member (Kafka's member epochs are positive). */
    public static final long NO_EPOCH = -1;

    public Frame {
        Objects.requireNonNull(cameraId, "cameraId");
        Objects.requireNonNull(pixels, "pixels");
        Objects.requireNonNull(captureTime, "captureTime");
        Objects.requireNonNull(captureClock, "captureClock");
    }

    /** A single node's frame: {@link #NO_EPOCH}. */
    public Frame(String cameraId, int width, int height, int stride, ByteBuffer pixels, long ptsNanos, Instant captureTime,
            CaptureClock captureClock) {
        this(cameraId, width, height, stride, pixels, ptsNanos, captureTime, captureClock, NO_EPOCH);
    }
}
