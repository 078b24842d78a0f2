/**
 * What the facial-data ledger tells other bundles: its warnings, as Event Admin events, so that a
 * channel an administrator watches (the ONVIF device's Event service) can carry them.
 */
@Export
@Version("1.0.0")
package io.vigil.api.compliance;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
