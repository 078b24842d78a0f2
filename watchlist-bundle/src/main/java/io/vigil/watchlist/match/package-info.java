/**
 * The exact in-memory 1:N matcher the watchlists search ({@link io.vigil.watchlist.match.TemplateIndex}),
 * exported so that the bench bundle measures this very code (vigil bench match) without reaching
 * into the watchlist bundle's internals; with the seeded template generator its galleries are
 * made of. Nothing else outside the watchlist bundle uses it.
 */
@Export
@Version("1.0.0")
package io.vigil.watchlist.match;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
