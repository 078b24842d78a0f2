package io.vigil.console.internal;

import io.vigil.api.alert.AlertReview;
import io.vigil.api.alert.AlertStore;
import io.vigil.api.camera.Camera;
import io.vigil.api.compliance.ComplianceLedger;
import io.vigil.api.deployment.DeploymentRegistry;
import io.vigil.api.media.StreamStatus;
import io.vigil.api.status.ModuleStatus;
import io.vigil.api.watchlist.EnrolmentPhotos;
import io.vigil.api.watchlist.WatchlistAdministration;
import java.util.List;
import java.util.Optional;

/** What the pages show, from the services present now (any may be absent). */
interface ConsoleSources {
    List<ModuleStatus> modules();

    List<String[]> bundles();

    /** The streams ingest runs, with their figures; empty without ingest. */
    List<StreamStatus> streams();

    List<Camera> cameras();

    Optional<AlertStore> alerts();

    Optional<AlertReview> review();

    Optional<EnrolmentPhotos> photos();

    Optional<ComplianceLedger> compliance();

    Optional<WatchlistAdministration> watchlists();

    Optional<DeploymentRegistry> deployments();
}
