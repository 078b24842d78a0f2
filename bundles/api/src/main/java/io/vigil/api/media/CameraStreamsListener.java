package io.vigil.api.media;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard: told that a {@link CameraStreams} service's streams changed (a camera's stream
 * resolved again to another URI, say). Added and removed services need no call: they come and go
 * as services. Must return at once; it is called on the provider's thread.
 */
@ConsumerType
public interface CameraStreamsListener {

    void streamsChanged(CameraStreams source);
}
