package io.vigil.gstreamer;

import java.util.OptionalInt;
import org.osgi.annotation.versioning.ProviderType;

/**
 * GStreamer, initialised. Bundles that build pipelines reference this service so they start
 * only once GStreamer is ready; its presence is the promise that {@code Gst.init} has run.
 */
@ProviderType
public interface GStreamerRuntime {

    /** "GStreamer 1.22.0", as the library reports itself. */
    String version();

    /**
     * The rank of an element factory in the live registry, or empty when no plugin provides it
     * (or its plugin loaded but registered nothing, as hardware decoders do without a device).
     */
    OptionalInt elementRank(String factoryName);
}
