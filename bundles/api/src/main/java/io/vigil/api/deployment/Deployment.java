package io.vigil.api.deployment;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One authorised use of face recognition: which cameras are matched against which watchlists, at
 * which locked threshold, when, where, why and on whose authority.
 *
 * @param id              the deployment's id
 * @param name            what its operators call it
 * @param cameraIds       Vigil's ids of the cameras it covers
 * @param watchlists      the watchlist names it matches against
 * @param threshold       the similarity locked for it (a change needs a new authorisation)
 * @param location        where it runs
 * @param purpose         why
 * @param legalBasis      the law relied on
 * @param authorisation   the authorising officer or authority and its reference
 * @param plannedStart    when it may start
 * @param plannedEnd      when it must end
 * @param state           where it is in its life
 * @param startedAt       when it was started, if it was
 * @param stoppedAt       when it was stopped, if it was
 */
public record Deployment(String id, String name, List<String> cameraIds, List<String> watchlists, float threshold,
                         String location, String purpose, String legalBasis, String authorisation,
                         Instant plannedStart, Instant plannedEnd, DeploymentState state,
                         Optional<Instant> startedAt, Optional<Instant> stoppedAt) {
    public Deployment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        cameraIds = List.copyOf(cameraIds);
        watchlists = List.copyOf(watchlists);
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(stoppedAt, "stoppedAt");
    }

    /** Whether recognition may run for this camera now. */
    public boolean activeFor(String cameraId, Instant now) {
        return state == DeploymentState.ACTIVE && cameraIds.contains(cameraId)
                && !now.isBefore(plannedStart) && now.isBefore(plannedEnd);
    }
}
