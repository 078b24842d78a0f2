package io.vigil.watchlist.internal;

import io.vigil.api.deployment.Deployment;
import io.vigil.api.deployment.DeploymentRegistry;
import io.vigil.api.face.FaceObservation;
import io.vigil.api.watchlist.FaceMatcher;
import io.vigil.api.watchlist.Recognition;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Faces against the watchlists of the deployments active on their camera at their capture time,
 * at each deployment's locked threshold. Without a deployment registry, or outside every active
 * deployment, nothing is matched: recognition runs only inside a lawful use.
 */
@Component
public class DeploymentMatcher implements FaceMatcher {

    private final WatchlistService watchlists;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile DeploymentRegistry deployments;

    @Activate
    public DeploymentMatcher(@Reference WatchlistService watchlists) {
        this.watchlists = watchlists;
    }


    @Override
    public List<Recognition> match(List<FaceObservation> faces) {
        DeploymentRegistry registry = deployments;
        if (registry == null) {
            return List.of();
        }
        List<Recognition> out = new ArrayList<>();
        for (FaceObservation face : faces) {
            for (Deployment d : registry.activeFor(face.cameraId(), face.captureTime())) {
                watchlists.recognise(face, d).ifPresent(out::add);
            }
        }
        return out;
    }
}
