package io.vigil.api.watchlist;

import io.vigil.api.face.FaceObservation;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** Compares observed faces with the watchlists of the deployments active on their camera. */
@ProviderType
public interface FaceMatcher {

    /** The recognitions among {@code faces}; faces that match nothing are forgotten. */
    List<Recognition> match(List<FaceObservation> faces);
}
