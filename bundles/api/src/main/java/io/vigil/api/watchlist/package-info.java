/**
 * Matches of observed faces against watchlists, and their administration (1.1: {@link WatchlistAdministration};
 * 1.2: the recognition stage's figures, {@link RecognitionStage}).
 */
@Export
@Version("1.2.0")
package io.vigil.api.watchlist;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
