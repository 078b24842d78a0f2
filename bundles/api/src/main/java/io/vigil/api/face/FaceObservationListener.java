package io.vigil.api.face;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives the faces found in each analysed frame. Called on the inference thread: return
 * quickly and keep nothing that does not match.
 */
@ConsumerType
public interface FaceObservationListener {

    void onFaces(List<FaceObservation> faces);
}
