package io.vigil.api.media;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Serves live video over RTSP (gst-rtsp-server): the simulated cameras' streams and Vigil's
 * restreams for the VMS. Every mount sends RTCP sender reports, so clients can recover the
 * capture time from the server's clock.
 */
@ProviderType
public interface RtspServer {

    /**
     * Serves {@code source} at {@code path} (e.g. "/cam1"), requiring {@code credentials} when
     * present.
     *
     * @throws MediaException when the path is taken or the source cannot be played (a missing
     *         file, an encoder GStreamer does not have)
     */
    RtspMount mount(String path, StreamSource source, Optional<RtspCredentials> credentials) throws MediaException;

    /**
     * Serves an ONVIF metadata stream at {@code path}, requiring {@code credentials} when present.
     * {@code keepAlive} is sent to each new client at once and whenever nothing was sent for a
     * second.
     *
     * @throws MediaException when the path is taken
     */
    MetadataMount mountMetadata(String path, Optional<RtspCredentials> credentials, MetadataKeepAlive keepAlive)
            throws MediaException;
}
