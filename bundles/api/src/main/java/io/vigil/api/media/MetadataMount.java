package io.vigil.api.media;

import java.time.Instant;
import org.osgi.annotation.versioning.ProviderType;

/**
 * An ONVIF metadata stream served by an {@link RtspServer}: one RTP stream of encoding
 * {@code vnd.onvif.metadata} at 90 kHz (ONVIF Streaming Specification, "Metadata streaming"),
 * one XML document per RTP frame, the marker bit on its last packet. Each document's RTP time is
 * its capture time on the server's clock, so RTCP sender reports place it on the same wall clock
 * as the video of the camera it describes.
 */
@ProviderType
public interface MetadataMount extends RtspMount {

    /**
     * Queues {@code document} (UTF-8 XML) for the clients playing the mount. Never blocks: when
     * the queue is full (a stalled client, a busy machine) the document is dropped and counted.
     * With nobody playing, the document is discarded.
     *
     * @param captureTime when the frame it describes was captured
     * @return false when it was dropped
     */
    boolean send(Instant captureTime, byte[] document);

    /** Documents handed to the stream (each once, however many clients play it). */
    long sent();

    /** Documents dropped because the stream could not keep up. */
    long dropped();
}
