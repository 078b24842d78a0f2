package io.vigil.api.media;

import java.net.URI;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Ingest's per-camera pipeline run for a caller instead of for a configured camera: the frames
 * go to the caller's listener only (no analysis, no events, no status entry). What {@code vigil
 * bench ingest} measures, from a bundle of its own; also for tools that need frames from a URI.
 */
@ProviderType
public interface FrameSources {

    /**
     * Starts pulling {@code uri} with ingest's default settings (TCP, 200 ms latency, the 5 fps
     * analysis cap, automatic decoder) and returns at once; frames arrive on the stream's thread.
     */
    FrameSource open(String name, URI uri, FrameListener frames);

    /** The chain such a stream builds after rtspsrc for this codec and decoder, in gst-launch syntax. */
    String describeChain(VideoCodec codec, String decoder);

    /** A running {@link FrameSources} stream; closing it stops and disposes its pipeline. */
    @ProviderType
    interface FrameSource extends AutoCloseable {

        @Override
        void close();
    }
}
