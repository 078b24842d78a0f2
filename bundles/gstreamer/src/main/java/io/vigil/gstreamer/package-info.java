/**
 * GStreamer for the whole product: the runtime that owns its one initialisation, the element
 * registry through which decoders are chosen, and the RTSP server ({@link io.vigil.gstreamer.GstRtspServer}).
 */
@Export
@Version("1.1.0")
package io.vigil.gstreamer;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
