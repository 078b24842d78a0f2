/**
 * Matches of observed faces against watchlists.
 */
@Export
@Version("1.0.0")
package io.vigil.api.watchlist;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
