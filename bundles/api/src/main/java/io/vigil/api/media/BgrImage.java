package io.vigil.api.media;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A still image or a frame's pixels: packed BGR, 3 bytes a pixel, {@code stride} bytes a row.
 *
 * @param width  in pixels
 * @param height in pixels
 * @param stride bytes per row, at least {@code 3 * width}
 * @param pixels the pixels from position 0; readers must not modify them
 */
public record BgrImage(int width, int height, int stride, ByteBuffer pixels) {
    public BgrImage {
        Objects.requireNonNull(pixels, "pixels");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
        }
        if (stride < 3 * width) {
            throw new IllegalArgumentException("stride " + stride + " is shorter than a row of " + width + " pixels");
        }
        if (pixels.capacity() < (long) stride * (height - 1) + 3L * width) {
            throw new IllegalArgumentException("pixel buffer too small for " + width + "x" + height);
        }
    }
}
