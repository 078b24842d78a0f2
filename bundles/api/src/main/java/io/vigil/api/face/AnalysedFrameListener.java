package io.vigil.api.face;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives every analysed frame's tracked faces, also frames without any (Vigil's ONVIF metadata
 * stream). Called on the inference thread: hand the frame over and return at once.
 */
@ConsumerType
@FunctionalInterface
public interface AnalysedFrameListener {

    void onAnalysedFrame(AnalysedFrame frame);
}
