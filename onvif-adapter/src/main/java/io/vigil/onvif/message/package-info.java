/**
 * Typed ONVIF messages of the Device, Media (ver10) and Media2 (ver20) services, each able to write
 * itself and to read itself from a received Body, so that a camera client, a simulated camera and
 * Vigil's own device side speak the same element names (checked against the ONVIF WSDL/XSD).
 */
@Export
@Version("1.1.0")
package io.vigil.onvif.message;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
