package io.vigil.admin.internal;

import io.vigil.api.media.StreamStatus;
import io.vigil.api.status.ModuleStatus;
import io.vigil.api.watchlist.RecognitionStatus;
import java.util.List;
import java.util.Optional;

/**
 * What {@code vigil status} found, gathered once and then printed as prose or written as JSON
 * ({@link StatusJson}), so both say the same.
 *
 * @param components the components an administrator is shown: Vigil's own, and any other with a problem
 * @param componentsSatisfied how many components (any bundle's) are satisfied or active
 * @param streams ingest's streams as figures; empty while ingest is not running
 * @param recognition the recognition stage's figures; empty while it is not running
 * @param problems every problem above, one line each; none means everything installed is active
 */
record StatusReport(Header header, List<BundleRow> bundles, List<UnusedFile> deployNotInstalled,
                    List<ComponentRow> components, int componentsSatisfied, List<ModuleStatus> modules,
                    Optional<List<StreamStatus>> streams, Optional<RecognitionStatus> recognition,
                    List<String> problems) {

    /** The container: version, mode, how long it runs, where its home and data are. */
    record Header(String version, String mode, Optional<Long> uptimeSeconds, boolean starting, String home, String data) {
    }

    /** One installed bundle; origin is "framework", "system", "deploy/FILE" or the bundle's location. */
    record BundleRow(long id, String state, String symbolicName, String version, String origin, Optional<String> problem) {
    }

    /** A file in deploy/ that is not installed, and why. */
    record UnusedFile(String file, String reason) {
    }

    /** One component configuration: ACTIVE, SATISFIED, WAITING, FAILED or DISABLED. */
    record ComponentRow(String name, String state, Optional<String> problem) {
    }

    boolean ok() {
        return problems.isEmpty();
    }
}
