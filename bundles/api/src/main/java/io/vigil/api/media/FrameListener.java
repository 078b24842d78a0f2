package io.vigil.api.media;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives the frames of the cameras it is registered for (service property {@code camera.id},
 * absent for all cameras). Called on the stream's own thread: it must return quickly, never
 * block on I/O, and copy what it keeps, because the newest frame wins and older ones are dropped.
 */
@ConsumerType
public interface FrameListener {

    void onFrame(Frame frame);
}
