/**
 * Cameras Vigil watches, as discovered over ONVIF or added by an administrator.
 */
@Export
@Version("1.0.0")
package io.vigil.api.camera;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
