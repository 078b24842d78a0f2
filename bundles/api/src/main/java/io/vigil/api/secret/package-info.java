/**
 * The product's one secret store, addressed by alias.
 */
@Export
@Version("1.0.0")
package io.vigil.api.secret;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
