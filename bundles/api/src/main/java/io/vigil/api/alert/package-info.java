/**
 * Alerts: recognitions stored durably before anything is announced.
 */
@Export
@Version("1.3.0")
package io.vigil.api.alert;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
