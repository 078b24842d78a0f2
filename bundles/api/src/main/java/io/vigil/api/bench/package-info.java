/**
 * What {@code vigil bench} measures in a feature bundle it cannot reach otherwise: the feature
 * prepares its own work, the bench bundle times it. A production install without the bench bundle
 * leaves these services unused.
 */
@Export
@Version("1.0.0")
package io.vigil.api.bench;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
