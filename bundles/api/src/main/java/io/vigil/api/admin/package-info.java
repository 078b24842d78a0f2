/**
 * Commands administrators run through {@code bin/vigil}, served by the admin channel.
 */
@Export
@Version("1.1.0")
package io.vigil.api.admin;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
