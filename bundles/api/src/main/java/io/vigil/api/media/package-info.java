/**
 * Camera streams offered to ingest and their status; decoded video frames handed from ingest to
 * inference; RTSP serving of video and ONVIF metadata.
 */
@Export
@Version("1.3.0")
package io.vigil.api.media;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
