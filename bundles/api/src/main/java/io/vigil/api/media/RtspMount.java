package io.vigil.api.media;

import java.net.URI;
import org.osgi.annotation.versioning.ProviderType;

/** A path served by an {@link RtspServer}; closing it removes the path and disconnects its clients. */
@ProviderType
public interface RtspMount extends AutoCloseable {

    /** rtsp://address:port/path, without credentials. */
    URI uri();

    @Override
    void close();
}
