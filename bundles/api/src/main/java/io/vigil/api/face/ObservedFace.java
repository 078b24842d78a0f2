package io.vigil.api.face;

import java.util.Objects;

/**
 * A face offered for matching with the part of its frame that evidence is cut from, copied out
 * of the frame because the frame's buffer is reused as soon as analysis returns.
 *
 * @param observation  the face, its box in frame pixels
 * @param surroundings the frame around the face
 */
public record ObservedFace(FaceObservation observation, FrameRegion surroundings) {

    public ObservedFace {
        Objects.requireNonNull(observation, "observation");
        Objects.requireNonNull(surroundings, "surroundings");
    }
}
