package io.vigil.api.deployment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** The deployments, for the bundles that may act only inside one (matching, alerting). */
@ProviderType
public interface DeploymentRegistry {

    /** The deployments active for the camera at that time; empty means: do not match its faces. */
    List<Deployment> activeFor(String cameraId, Instant at);

    Optional<Deployment> deployment(String id);

    List<Deployment> all();
}
