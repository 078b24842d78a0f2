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
 */
public record Frame(
        String cameraId,
        int width,
        int height,
        int stride,
        ByteBuffer pixels,
        long ptsNanos,
        Instant captureTime,
        CaptureClock captureClock) {

    public Frame {
        Objects.requireNonNull(cameraId, "cameraId");
        Objects.requireNonNull(pixels, "pixels");
        Objects.requireNonNull(captureTime, "captureTime");
        Objects.requireNonNull(captureClock, "captureClock");
    }
}
