package io.vigil.api.face;

import io.vigil.api.media.BgrImage;
import java.util.Objects;

/**
 * A rectangle of a frame's pixels, copied out of the frame.
 *
 * @param x      the region's left edge in frame pixels
 * @param y      its top edge in frame pixels
 * @param pixels its pixels, from that corner
 */
public record FrameRegion(int x, int y, BgrImage pixels) {

    public FrameRegion {
        Objects.requireNonNull(pixels, "pixels");
        if (x < 0 || y < 0) {
            throw new IllegalArgumentException("a region starts inside its frame: " + x + "," + y);
        }
    }
}
