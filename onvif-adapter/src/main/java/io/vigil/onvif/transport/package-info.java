/**
 * SOAP 1.2 over HTTP to ONVIF devices: timeouts, size limits, UsernameToken with HTTP Digest
 * fallback, and every failure as a typed {@link io.vigil.onvif.soap.OnvifException}.
 */
@Export
@Version("1.0.0")
package io.vigil.onvif.transport;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
