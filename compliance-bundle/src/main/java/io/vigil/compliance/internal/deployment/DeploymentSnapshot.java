package io.vigil.compliance.internal.deployment;

import io.vigil.api.deployment.Deployment;
import io.vigil.api.deployment.DeploymentState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable copy of the deployments, replaced whole after every committed change. The matcher
 * asks {@link #activeFor} for every face, so that is a map lookup and a check of one or two
 * records, with no lock and no allocation when a camera has no active deployment.
 */
final class DeploymentSnapshot {

    static final DeploymentSnapshot EMPTY = new DeploymentSnapshot(List.of());

    private final Map<String, Deployment> byId = new LinkedHashMap<>();
    private final Map<String, Deployment> byName = new HashMap<>();
    private final Map<String, List<Deployment>> activeByCamera = new HashMap<>();

    DeploymentSnapshot(List<Deployment> all) {
        for (Deployment d : all) {
            byId.put(d.id(), d);
            byName.put(d.name(), d);
            if (d.state() == DeploymentState.ACTIVE) {
                for (String camera : d.cameraIds()) {
                    activeByCamera.computeIfAbsent(camera, c -> new ArrayList<>()).add(d);
                }
            }
        }
        activeByCamera.replaceAll((camera, list) -> List.copyOf(list));
    }

    List<Deployment> activeFor(String cameraId, Instant at) {
        List<Deployment> candidates = activeByCamera.get(cameraId);
        if (candidates == null) {
            return List.of();
        }
        if (candidates.size() == 1) {
            Deployment d = candidates.get(0);
            return d.activeFor(cameraId, at) ? candidates : List.of();
        }
        List<Deployment> out = new ArrayList<>(candidates.size());
        for (Deployment d : candidates) {
            if (d.activeFor(cameraId, at)) {
                out.add(d);
            }
        }
        return List.copyOf(out);
    }

    Deployment byId(String id) {
        return byId.get(id);
    }

    /** By name, or by id when no deployment has that name. */
    Deployment named(String nameOrId) {
        Deployment d = byName.get(nameOrId);
        return d != null ? d : byId.get(nameOrId);
    }

    List<Deployment> all() {
        return List.copyOf(byId.values());
    }
}
