package io.vigil.api.alert;

import io.vigil.api.face.BoundingBox;
import java.util.Objects;

/**
 * Where the matched face was in its frame, for systems that draw it (the ONVIF event's
 * BoundingBox, in the spec's normalised coordinates, is computed from this).
 *
 * @param box         the face in frame pixels
 * @param frameWidth  the frame's width in pixels
 * @param frameHeight the frame's height in pixels
 */
public record FacePlacement(BoundingBox box, int frameWidth, int frameHeight) {
    public FacePlacement {
        Objects.requireNonNull(box, "box");
        if (frameWidth <= 0 || frameHeight <= 0) {
            throw new IllegalArgumentException("frame size must be positive: " + frameWidth + "x" + frameHeight);
        }
    }
}
