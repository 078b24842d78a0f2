/**
 * Matches of observed faces against watchlists, and their administration (1.1: {@link WatchlistAdministration}).
 */
@Export
@Version("1.1.0")
package io.vigil.api.watchlist;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
