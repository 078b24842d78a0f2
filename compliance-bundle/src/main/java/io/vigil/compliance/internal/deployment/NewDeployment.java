package io.vigil.compliance.internal.deployment;

import java.time.Instant;
import java.util.List;

/** What {@code vigil deployment create} asks for, with the defaults already applied. */
public record NewDeployment(String name, List<String> cameraIds, List<String> watchlists, float threshold, String location,
                            String purpose, String legalBasis, String authorisation, Instant plannedStart,
                            Instant plannedEnd) {
    public NewDeployment {
        cameraIds = List.copyOf(cameraIds);
        watchlists = List.copyOf(watchlists);
    }
}
