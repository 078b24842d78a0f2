/**
 * GStreamer for the whole product: the runtime that owns its one initialisation, and the
 * element registry through which decoders are chosen.
 */
@Export
@Version("1.0.0")
package io.vigil.gstreamer;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
