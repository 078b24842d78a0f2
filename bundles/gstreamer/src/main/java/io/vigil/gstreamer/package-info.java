/**
 * GStreamer for the whole product: the runtime that owns its one initialisation and the element
 * registry through which decoders are chosen. The RTSP server is a service
 * ({@link io.vigil.api.media.RtspServer}); tests of other modules serve streams with the
 * {@code io.vigil.gstreamer.testing.GstRtspServer} of this bundle's test-jar.
 */
@Export
@Version("2.0.0")
package io.vigil.gstreamer;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
