/**
 * WS-Security UsernameToken (PasswordDigest) for both sides: the client's fresh token per request
 * with the device's clock offset, and the device side's verifier with its replay cache; HTTP
 * Digest for devices that ask for it. Passwords never leave {@link io.vigil.onvif.security.Credentials}
 * as text. Other bundles implement {@link io.vigil.onvif.security.PasswordLookup} for their users.
 */
@Export
@Version("1.2.0")
package io.vigil.onvif.security;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
