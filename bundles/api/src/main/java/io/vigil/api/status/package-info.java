/**
 * How each part of Vigil reports whether it is working, for vigil status.
 */
@Export
@Version("1.0.0")
package io.vigil.api.status;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
