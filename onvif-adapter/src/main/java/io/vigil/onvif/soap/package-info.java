/**
 * SOAP 1.2 messages as ONVIF uses them: envelopes written from typed parts, received envelopes
 * read and checked for shape, WS-Addressing headers, SOAP faults, and the typed
 * {@link io.vigil.onvif.soap.OnvifException}s faults and failures map to.
 */
@Export
@Version("1.0.0")
package io.vigil.onvif.soap;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
