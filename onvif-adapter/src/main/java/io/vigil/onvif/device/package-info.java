/**
 * A private ONVIF device on the product's own code (servlet, event broker, queue sizes) that no
 * VMS sees: what {@code vigil bench events} measures from the bench bundle, which serves it on a
 * loopback port of its own. Exported so the bench needs none of the ONVIF bundle's internals.
 */
@Export
@Version("1.0.0")
package io.vigil.onvif.device;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
