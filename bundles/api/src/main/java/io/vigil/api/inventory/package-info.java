/**
 * What facial data Vigil holds, for the compliance ledger: per watchlist, its subjects with a
 * de-duplication key, and their templates and images. Counts and keys only, never faces or names.
 */
@Export
@Version("1.0.0")
package io.vigil.api.inventory;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
