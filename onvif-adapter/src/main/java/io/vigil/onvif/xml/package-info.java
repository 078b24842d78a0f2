/**
 * Secure XML for messages from the network: the one parser (no DTDs, no external entities,
 * size, depth and element limits), DOM reading by namespace and local name, and XML writing that
 * refuses what XML cannot carry. Shared by the camera client and every ONVIF device side.
 */
@Export
@Version("1.0.0")
package io.vigil.onvif.xml;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
