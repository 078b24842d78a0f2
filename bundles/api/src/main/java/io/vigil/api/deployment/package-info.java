/**
 * Deployments: the unit of lawful use; recognition runs only inside an active one.
 */
@Export
@Version("1.0.0")
package io.vigil.api.deployment;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
