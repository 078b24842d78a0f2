package io.vigil.api.face;

import java.util.Objects;

/**
 * Where a tracked face is in one analysed frame: no template, nothing that identifies anyone,
 * for overlays and the ONVIF metadata stream.
 *
 * @param trackId    the same person across consecutive frames of one camera
 * @param box        where the face is, in frame pixels
 * @param likelihood how sure the detector is that this is a face, 0..1
 */
public record TrackedFace(long trackId, BoundingBox box, float likelihood) {

    public TrackedFace {
        Objects.requireNonNull(box, "box");
    }
}
