package io.vigil.api.face;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Recognition, the stage after face analysis: receives what each analysed frame of a camera
 * offers for matching. Called on the inference thread: queue in memory and return at once; keep
 * nothing of a face that matches nothing.
 */
@ConsumerType
public interface FaceObservationListener {

    void onFaces(FaceObservations faces);
}
